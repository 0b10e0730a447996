"""The handoff queue: filters, sorting (oldest first), claim and release."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from console import caseops
from console.database import db
from console.queries import QueueFilter, queue_page, towns

bp = Blueprint("queue", __name__)


@bp.route("/")
def index():
    flt = QueueFilter.from_args(request.args)
    rows, more = queue_page(db(), flt)
    return render_template("queue.html", rows=rows, flt=flt, more=more, towns=towns(db()))


def _handoff_or_404(reference: str):
    handoff = caseops.find_handoff(db(), reference)
    if handoff is None:
        abort(404)
    return handoff


def _back(reference: str):
    target = request.form.get("back", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(url_for("case.show", reference=reference))


@bp.route("/handoffs/<reference>/claim", methods=["POST"])
def claim(reference: str):
    return _run(reference, caseops.claim, "已认领。")


@bp.route("/handoffs/<reference>/release", methods=["POST"])
def release(reference: str):
    return _run(reference, caseops.release, "已退回队列。")


def _run(reference: str, step, done: str):
    handoff = _handoff_or_404(reference)
    try:
        step(db(), handoff, g.user.username)
        db().commit()
        flash(done, "info")
    except caseops.CaseError as error:
        db().rollback()
        flash(str(error), "error")
    return _back(reference)
