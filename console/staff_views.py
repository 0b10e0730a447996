"""Staff accounts (admins manage them) and each user's own API token."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from casework.models import StaffUser
from casework.records import audit
from console import accounts
from console.auth_views import admin_required
from console.database import db

bp = Blueprint("staff", __name__)


@bp.route("/admin/staff")
@admin_required
def index():
    users = list(db().scalars(select(StaffUser).order_by(StaffUser.username)))
    return render_template("staff.html", users=users, roles=accounts.ROLES)


@bp.route("/admin/staff", methods=["POST"])
@admin_required
def create():
    username = request.form.get("username", "").strip()
    role = request.form.get("role", "staff")
    if not username or len(username) > 50 or role not in accounts.ROLES:
        flash("请填写用户名并选择角色。", "error")
    elif accounts.find_user(db(), username):
        flash("这个用户名已经有了。", "error")
    else:
        password = accounts.new_password()
        accounts.create_user(db(), username, role, password)
        audit(db(), g.user.username, "staff_created", f"staff:{username}", {"role": role})
        db().commit()
        users = list(db().scalars(select(StaffUser).order_by(StaffUser.username)))
        return render_template(
            "staff.html", users=users, roles=accounts.ROLES, new_credentials=(username, password)
        )
    return redirect(url_for("staff.index"))


def _user_or_back(user_id: int) -> StaffUser | None:
    user = db().get(StaffUser, user_id)
    if user is None:
        flash("没有这个账号。", "error")
    return user


@bp.route("/admin/staff/<int:user_id>/reset", methods=["POST"])
@admin_required
def reset(user_id: int):
    user = _user_or_back(user_id)
    if user is None:
        return redirect(url_for("staff.index"))
    password = accounts.reset_password(user)
    audit(db(), g.user.username, "password_reset", f"staff:{user.username}")
    db().commit()
    users = list(db().scalars(select(StaffUser).order_by(StaffUser.username)))
    return render_template(
        "staff.html", users=users, roles=accounts.ROLES, new_credentials=(user.username, password)
    )


@bp.route("/admin/staff/<int:user_id>/active", methods=["POST"])
@admin_required
def toggle_active(user_id: int):
    user = _user_or_back(user_id)
    if user is not None and user.id == g.user.id:
        flash("不能停用自己的账号。", "error")
    elif user is not None:
        user.active = not user.active
        if not user.active:
            user.api_token_hash = None
        audit(
            db(),
            g.user.username,
            "staff_activated" if user.active else "staff_deactivated",
            f"staff:{user.username}",
        )
        db().commit()
    return redirect(url_for("staff.index"))


@bp.route("/account")
def account():
    return render_template("account.html")


@bp.route("/account/token", methods=["POST"])
def new_token():
    token = accounts.issue_api_token(g.user)
    audit(db(), g.user.username, "api_token_issued", f"staff:{g.user.username}")
    db().commit()
    return render_template("account.html", token=token)
