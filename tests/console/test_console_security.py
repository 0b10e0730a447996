"""Anonymous access, CSRF, inert markup, admin-only pages, cookie flags."""

from __future__ import annotations

import re

from console_support import add_handoff, add_user, csrf_from, login, post_form

from console import create_app


def _concrete(rule) -> str:
    return re.sub(r"<(?:int:)?[^>]+>", lambda m: "1" if "int:" in m.group(0) else "HV-2026-000001",
                  rule.rule)


def _routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in ("static", "auth.login"):
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            yield method, _concrete(rule)


def test_every_page_refuses_anonymous(app, database_url):
    add_handoff(database_url)
    client = app.test_client()
    pages = [(m, p) for m, p in _routes(app) if not p.startswith("/api/")]
    assert len(pages) >= 20
    for method, path in pages:
        response = client.open(path, method=method)
        if method == "GET":
            assert response.status_code == 302, path
            assert response.headers["Location"].startswith("/login"), path
        else:  # a POST without a session has no CSRF token either: refused before anything else
            assert response.status_code in (302, 400), path
        assert "王秀英" not in response.get_data(as_text=True)


def test_every_api_route_refuses_anonymous_and_bad_tokens(app, database_url):
    add_handoff(database_url)
    client = app.test_client()
    api = [(m, p) for m, p in _routes(app) if p.startswith("/api/")]
    assert len(api) >= 10
    for method, path in api:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic eDp5"}):
            response = client.open(path, method=method, headers=headers, json={})
            assert response.status_code == 401, (method, path, headers)
            assert response.headers["WWW-Authenticate"] == "Bearer"


def test_missing_or_wrong_csrf_token_is_refused(staff_client, database_url):
    reference = add_handoff(database_url)
    path = f"/handoffs/{reference}/claim"
    assert staff_client.post(path).status_code == 400
    assert staff_client.post(path, data={"csrf_token": "forged"}).status_code == 400
    page = staff_client.get(f"/handoffs/{reference}").get_data(as_text=True)
    assert "待认领" in page
    assert post_form(staff_client, path).status_code == 302
    assert "已认领" in staff_client.get(f"/handoffs/{reference}").get_data(as_text=True)


def test_login_form_needs_csrf(app, database_url):
    add_user(database_url, "zhang")
    client = app.test_client()
    response = client.post("/login", data={"username": "zhang", "password": "x"})
    assert response.status_code == 400


def test_markup_from_users_is_shown_inert(staff_client, database_url):
    reference = add_handoff(database_url, person_name="<script>alert(1)</script>",
                            details={"note": "<img src=x onerror=alert(2)>"})
    html = staff_client.get(f"/handoffs/{reference}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html
    queue = staff_client.get("/").get_data(as_text=True)
    assert "<script>alert" not in queue


def test_pages_forbid_scripts_by_policy(staff_client):
    response = staff_client.get("/")
    assert "script-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


ADMIN_PAGES = ["/admin/audit", "/admin/staff", "/roster", "/export/certifications.csv"]


def _admin_routes(app):
    for rule in app.url_map.iter_rules():
        if getattr(app.view_functions[rule.endpoint], "admin_only", False):
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                yield method, _concrete(rule)


def test_staff_cannot_reach_admin_pages(app, staff_client):
    routes = list(_admin_routes(app))
    assert {path for _, path in routes} >= set(ADMIN_PAGES)
    token = csrf_from(staff_client.get("/").get_data(as_text=True))
    for method, path in routes:
        response = staff_client.open(path, method=method,
                                     data={"csrf_token": token, "username": "evil"})
        assert response.status_code == 403, (method, path)
    nav = staff_client.get("/").get_data(as_text=True)
    assert "账号管理" not in nav and "操作记录" not in nav


def test_admin_reaches_admin_pages(admin_client):
    for path in ADMIN_PAGES:
        assert admin_client.get(path).status_code == 200, path


def test_session_cookie_flags(app, database_url):
    add_user(database_url, "zhang")
    client = app.test_client()
    response = login(client, "zhang")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain http on localhost by default


def test_admin_sees_reveals_in_the_audit_log(admin_client, database_url):
    reference = add_handoff(database_url)
    post_form(admin_client, f"/handoffs/{reference}/reveal")
    html = admin_client.get("/admin/audit?action=reveal_id_number").get_data(as_text=True)
    assert "查看完整身份证号" in html and f"handoff:{reference}" in html and "boss" in html


def test_secure_cookie_flag_can_be_switched_on(sqlite_url):
    app = create_app(database_url=sqlite_url, secure_cookies=True)
    add_user(sqlite_url, "zhang")
    response = login(app.test_client(), "zhang")
    assert "Secure" in response.headers["Set-Cookie"]
