"""Logging in and out, forced password change, rate limiting, passwords stored hashed."""

from __future__ import annotations

from console_support import PASSWORD, add_user, csrf_from, login, post_form
from sqlalchemy import select

from casework.db import session_scope
from casework.models import AuditEvent, StaffUser


def test_login_logout(app, database_url):
    add_user(database_url, "zhang")
    client = app.test_client()
    assert login(client, "zhang").headers["Location"] == "/"
    assert client.get("/").status_code == 200
    response = post_form(client, "/logout")
    assert response.headers["Location"] == "/login"
    assert client.get("/").status_code == 302


def test_wrong_password_is_refused_and_audited(app, database_url):
    add_user(database_url, "zhang")
    client = app.test_client()
    response = login(client, "zhang", "wrong password")
    assert response.status_code == 401
    assert "用户名或密码不对" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302
    with session_scope(database_url) as session:
        actions = list(session.scalars(select(AuditEvent.action).where(
            AuditEvent.target == "staff:zhang")))
        assert "login_failed" in actions
        stored = session.scalar(select(StaffUser.password_hash))
        assert PASSWORD not in stored and stored.startswith(("scrypt:", "pbkdf2:"))


def test_login_is_rate_limited(app, database_url):
    add_user(database_url, "zhang")
    client = app.test_client()
    for _ in range(5):
        assert login(client, "zhang", "guess").status_code == 401
    response = login(client, "zhang")  # right password, but locked out now
    assert response.status_code == 429
    assert "15分钟" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302
    add_user(database_url, "li")
    assert login(client, "li").status_code == 302  # other accounts are not locked


def test_inactive_user_cannot_log_in(app, database_url):
    add_user(database_url, "zhang")
    with session_scope(database_url) as session:
        session.scalar(select(StaffUser)).active = False
    assert login(app.test_client(), "zhang").status_code == 401


def test_first_login_forces_password_change(app, database_url):
    add_user(database_url, "admin", role="admin", first_login=True)
    client = app.test_client()
    login(client, "admin")
    assert client.get("/dashboard").headers["Location"] == "/password"
    token = csrf_from(client.get("/password").get_data(as_text=True))
    short = client.post("/password", data={"csrf_token": token, "old_password": PASSWORD,
                                           "new_password": "short", "confirm_password": "short"})
    assert short.status_code == 400
    new = "a much longer secret"
    done = client.post("/password", data={"csrf_token": token, "old_password": PASSWORD,
                                          "new_password": new, "confirm_password": new})
    assert done.status_code == 302
    assert client.get("/dashboard").status_code == 200
    other = app.test_client()
    assert login(other, "admin").status_code == 401
    assert login(other, "admin", new).headers["Location"] == "/"


def test_password_change_ends_other_sessions(app, database_url):
    add_user(database_url, "zhang")
    first, second = app.test_client(), app.test_client()
    login(first, "zhang")
    login(second, "zhang")
    new = "another long secret"
    post_form(first, "/password", {"old_password": PASSWORD, "new_password": new,
                                   "confirm_password": new})
    assert first.get("/").status_code == 200
    assert second.get("/").status_code == 302


def test_login_redirects_only_inside_the_site(app, database_url):
    add_user(database_url, "zhang")
    client = app.test_client()
    token = csrf_from(client.get("/login").get_data(as_text=True))
    for target, expected in (("/dashboard", "/dashboard"), ("//evil.example", "/"),
                             ("https://evil.example", "/")):
        response = client.post("/login", data={"username": "zhang", "password": PASSWORD,
                                               "csrf_token": token, "next": target})
        assert response.headers["Location"] == expected
        token = csrf_from(client.get("/login").get_data(as_text=True))
