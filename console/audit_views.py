"""The audit log, for admins only."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from sqlalchemy import select

from casework.models import AuditEvent
from console.auth_views import admin_required
from console.database import db

bp = Blueprint("audit", __name__)
PAGE = 100


@bp.route("/admin/audit")
@admin_required
def index():
    query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    actor = request.args.get("actor", "").strip()
    action = request.args.get("action", "").strip()
    target = request.args.get("target", "").strip()
    if actor:
        query = query.where(AuditEvent.actor == actor)
    if action:
        query = query.where(AuditEvent.action == action)
    if target:
        query = query.where(AuditEvent.target == target)
    try:
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        page = 1
    rows = list(db().scalars(query.offset((page - 1) * PAGE).limit(PAGE + 1)))
    return render_template(
        "audit.html",
        rows=rows[:PAGE],
        more=len(rows) > PAGE,
        page=page,
        actor=actor,
        action=action,
        target=target,
    )
