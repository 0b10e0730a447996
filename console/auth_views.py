"""Log in, log out, change password, and the guard that keeps every other page for staff."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import wraps

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from casework.records import audit
from console import accounts
from console.database import db

bp = Blueprint("auth", __name__)
OPEN_ENDPOINTS = {"auth.login", "static"}


def _load_user() -> None:
    g.user = None
    user_id = session.get("user_id")
    if user_id is None:
        return
    user = db().get(accounts.StaffUser, user_id)
    if user is not None and user.active and session.get("pw") == user.password_hash[-16:]:
        g.user = user
    else:
        session.clear()


@bp.before_app_request
def guard():
    if request.path.startswith("/api/"):
        return None  # the API checks its Bearer token itself
    _load_user()
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    if g.user is None:
        return redirect(
            url_for("auth.login", next=request.full_path if request.query_string else request.path)
        )
    if accounts.must_change_password(g.user) and request.endpoint not in (
        "auth.change_password",
        "auth.logout",
    ):
        return redirect(url_for("auth.change_password"))
    return None


def admin_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if g.user is None or g.user.role != "admin":
            abort(403)
        return view(*args, **kwargs)

    wrapped.admin_only = True  # lets the tests find every admin-only route
    return wrapped


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("queue.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html", next=request.args.get("next", ""))
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    ip = request.remote_addr or "-"
    limiter = current_app.extensions["login_limiter"]
    if limiter.locked(username, ip):
        flash("登录失败次数太多，请15分钟后再试。", "error")
        return render_template("login.html", next=request.form.get("next", "")), 429
    user = accounts.authenticate(db(), username, password)
    if user is None:
        limiter.fail(username, ip)
        audit(db(), username or "-", "login_failed", f"staff:{username}", {"ip": ip})
        db().commit()
        flash("用户名或密码不对，请再试一次。", "error")
        return render_template("login.html", next=request.form.get("next", "")), 401
    limiter.succeed(username, ip)
    session.clear()
    session.permanent = True
    session["user_id"] = user.id
    session["pw"] = user.password_hash[-16:]
    if not accounts.must_change_password(user):
        user.last_login_at = datetime.now(UTC)
    audit(db(), user.username, "login", f"staff:{user.username}", {"ip": ip})
    db().commit()
    return redirect(_safe_next(request.form.get("next")))


@bp.route("/logout", methods=["POST"])
def logout():
    audit(db(), g.user.username, "logout", f"staff:{g.user.username}")
    db().commit()
    session.clear()
    flash("您已安全退出。", "info")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
def change_password():
    if request.method == "GET":
        return render_template("password.html")
    new = request.form.get("new_password", "")
    if not accounts.authenticate(db(), g.user.username, request.form.get("old_password", "")):
        flash("原密码不对。", "error")
    elif len(new) < accounts.MIN_PASSWORD:
        flash(f"新密码至少要 {accounts.MIN_PASSWORD} 位。", "error")
    elif new != request.form.get("confirm_password", ""):
        flash("两次输入的新密码不一样。", "error")
    else:
        accounts.set_password(g.user, new)
        session["pw"] = g.user.password_hash[-16:]
        audit(db(), g.user.username, "password_changed", f"staff:{g.user.username}")
        db().commit()
        flash("密码已修改。", "info")
        return redirect(url_for("queue.index"))
    return render_template("password.html"), 400
