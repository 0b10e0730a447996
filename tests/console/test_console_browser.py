"""Real headless Chromium (Debian's) against a real console server on a free port."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from console_support import PASSWORD, add_handoff, add_user, make_app, person_id
from playwright.sync_api import Page, expect, sync_playwright
from sqlalchemy import select
from werkzeug.serving import make_server

from casework.db import session_scope
from casework.models import Certification, Handoff
from casework.records import record_certification

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "console-screenshots"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'console.db'}"
    app = make_app(url)
    app.config["TESTING"] = False
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    add_user(url, "zhang")
    add_user(url, "visitor")
    yield f"http://127.0.0.1:{httpd.server_port}", url
    httpd.shutdown()
    thread.join()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server[0], locale="zh-CN",
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("用户名").fill("zhang")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="待办队列")).to_be_visible()
    yield page
    context.close()


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _handoff(url: str, reference: str) -> Handoff:
    with session_scope(url) as session:
        return session.scalar(select(Handoff).where(Handoff.reference == reference))


def test_home_visit_from_request_to_resolution(page: Page, server):
    base, url = server
    reference = add_handoff(url, person_name="王秀英", town="文城镇")
    page.goto("/?kind=home_visit")
    row = page.locator("tr", has_text=reference)
    _shot(page, "queue")
    row.get_by_role("button", name="认领").click()
    expect(page.locator(".flash.info")).to_have_text("已认领。")
    day = date.today() + timedelta(days=2)
    form = page.locator("#schedule-form")
    form.get_by_label("日期").fill(day.isoformat())
    form.get_by_label("时段").select_option("下午")
    form.get_by_label("上门人员").select_option("visitor")
    form.get_by_role("button", name="保存预约").click()
    expect(page.locator(".flash.info")).to_have_text("已预约上门时间。")
    outcome = page.locator("#outcome-form")
    outcome.get_by_label("已入户认证").check()
    outcome.get_by_label("情况说明").fill("老人卧床，本人在家，已核实")
    _shot(page, "case-scheduled")
    outcome.get_by_role("button", name="记录结果").click()
    expect(page.locator(".flash.info")).to_have_text("已记录上门结果。")
    resolve = page.locator("#resolve-form")
    resolve.get_by_label("处理说明").fill("已上门完成认证")
    resolve.get_by_role("button", name="办结").click()
    expect(page.locator("h1 .status")).to_have_text("已办结")
    _shot(page, "case-resolved")
    handoff = _handoff(url, reference)
    assert (handoff.status, handoff.outcome, handoff.assigned_to, handoff.slot) == (
        "resolved", "certified_at_home", "visitor", "下午")
    with session_scope(url) as session:
        cert = session.scalar(select(Certification).where(
            Certification.id_number == handoff.id_number))
        assert (cert.method, cert.status) == ("home_visit", "certified")


def test_approve_verification_review(page: Page, server):
    _, url = server
    with session_scope(url) as session:
        cert = record_certification(
            session, year=2026, id_number=person_id(91), name="李建国", method="assistant",
            status="pending_review", channel="wechat", conversation_id="c-review",
            evidence={"face_distance": 0.56})
        cert_id = cert.id
    reference = add_handoff(url, kind="verification_review", seq=91, person_name="李建国",
                            certification_id=cert_id)
    page.goto(f"/handoffs/{reference}")
    expect(page.get_by_text("0.56")).to_be_visible()
    form = page.locator("#decide-form")
    form.get_by_label("说明").fill("照片与证件一致")
    form.get_by_role("button", name="通过，认证成功").click()
    expect(page.locator(".flash.info")).to_have_text("已通过复核，认证记录已保存。")
    expect(page.locator("h1 .status")).to_have_text("已办结")
    with session_scope(url) as session:
        assert session.get(Certification, cert_id).status == "certified"


def test_dashboard_renders(page: Page):
    page.goto("/dashboard")
    expect(page.locator("svg.chart").first).to_be_visible()
    _shot(page, "dashboard")
