"""The staff console: a Flask app for handoffs, certifications, the dashboard and the JSON API."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, render_template

from settings import get_settings


def create_app(
    database_url: str | None = None,
    rasa_url: str | None = None,
    rasa_token: str | None = None,
    secure_cookies: bool | None = None,
) -> Flask:
    from console import (
        api,
        audit_views,
        auth_views,
        case_views,
        dashboard_views,
        queue_views,
        roster_views,
        staff_views,
    )
    from console.csrf import init_csrf
    from console.database import init_database
    from console.filters import init_filters
    from console.rasa_client import RasaClient
    from console.ratelimit import LoginLimiter
    from console.secret import load_secret_key

    settings = get_settings()
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=load_secret_key(settings.console_secret_key, settings.data_dir),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.console_secure_cookies
        if secure_cookies is None
        else secure_cookies,
        SESSION_COOKIE_NAME="console_session",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=10),
        MAX_CONTENT_LENGTH=20 * 1024 * 1024,
        CERT_YEAR=settings.cert_year,
        DATA_DIR=settings.data_dir,
    )
    app.extensions["login_limiter"] = LoginLimiter()
    app.extensions["rasa"] = RasaClient(
        rasa_url or settings.rasa_url, rasa_token if rasa_token is not None else settings.rasa_token
    )
    init_database(app, database_url or settings.database_url)
    init_csrf(app)
    init_filters(app)
    for module in (
        auth_views,
        queue_views,
        case_views,
        dashboard_views,
        roster_views,
        audit_views,
        staff_views,
        api,
    ):
        app.register_blueprint(module.bp)
    _register_errors(app)
    return app


def _register_errors(app: Flask) -> None:
    messages = {
        400: "请求有误。",
        403: "您没有权限查看这个页面。",
        404: "没有找到这个页面。",
        413: "上传的文件太大了。",
    }

    def handler(error):
        code = getattr(error, "code", 500) or 500
        text = getattr(error, "description", None) if code == 400 else None
        return render_template(
            "error.html", code=code, message=text or messages.get(code, "出错了，请稍后再试。")
        ), code

    for code in messages:
        app.register_error_handler(code, handler)

    @app.after_request
    def headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'",
        )
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Cache-Control", "no-store")
        return response
