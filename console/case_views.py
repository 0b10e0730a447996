"""The case page and its actions."""

from __future__ import annotations

from datetime import date

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from sqlalchemy import select

from casework.evidence import EvidenceError, image_path
from casework.models import Beneficiary, Certification, Handoff, ScamReport, StaffUser
from casework.records import audit
from console import caseops
from console.database import db
from console.evidence import evidence_images, ocr_fields
from console.rasa_client import RasaUnavailable

bp = Blueprint("case", __name__)


def _handoff(reference: str):
    handoff = caseops.find_handoff(db(), reference)
    if handoff is None:
        abort(404)
    return handoff


def _roster_and_certifications(handoff: Handoff, year: int):
    if not handoff.id_number:
        return None, []
    session = db()
    beneficiary = session.scalar(select(Beneficiary).where(
        Beneficiary.year == year, Beneficiary.id_number == handoff.id_number))
    certifications = session.scalars(select(Certification).where(
        Certification.year == year, Certification.id_number == handoff.id_number,
    ).order_by(Certification.created_at))
    return beneficiary, list(certifications)


def _transcript(handoff: Handoff):
    """(turns, None) or ([], a message for staff when Rasa cannot be reached)."""
    if not handoff.conversation_id:
        return [], None
    try:
        return current_app.extensions["rasa"].transcript(handoff.conversation_id), None
    except RasaUnavailable as error:
        return [], str(error)


def _context(handoff: Handoff) -> dict:
    session = db()
    beneficiary, certifications = _roster_and_certifications(
        handoff, current_app.config["CERT_YEAR"])
    transcript, transcript_error = _transcript(handoff)
    evidence = (handoff.certification.evidence if handoff.certification else None) or {}
    images = evidence_images(evidence) + evidence_images(handoff.details or {})
    active_staff = select(StaffUser.username).where(StaffUser.active)
    return {
        "h": handoff,
        "beneficiary": beneficiary,
        "certifications": certifications,
        "transcript": transcript,
        "transcript_error": transcript_error,
        "images": list(dict.fromkeys(images)),
        "ocr": ocr_fields(evidence),
        "scam": session.scalar(select(ScamReport).where(ScamReport.handoff_id == handoff.id)),
        "staff": list(session.scalars(active_staff.order_by(StaffUser.username))),
        "outcomes": caseops.OUTCOMES,
        "slots": caseops.SLOTS,
        "reporting_duty": caseops.REPORTING_DUTY,
        "today": date.today(),
    }


@bp.route("/handoffs/<reference>")
def show(reference: str):
    handoff = _handoff(reference)
    return render_template("case.html", **_context(handoff))


@bp.route("/handoffs/<reference>/reveal", methods=["POST"])
def reveal(reference: str):
    handoff = _handoff(reference)
    try:
        number = caseops.reveal_id(db(), handoff, g.user.username)
    except caseops.CaseError as error:
        flash(str(error), "error")
        return redirect(url_for("case.show", reference=reference))
    db().commit()
    # Rendered directly, not redirected: the full number is shown this once only.
    return render_template("case.html", revealed=number, **_context(handoff))


def _step(reference: str, done: str, step):
    handoff = _handoff(reference)
    try:
        step(handoff)
        db().commit()
        flash(done, "info")
    except caseops.CaseError as error:
        db().rollback()
        flash(str(error), "error")
    return redirect(url_for("case.show", reference=reference))


def _form(name: str) -> str:
    return request.form.get(name, "").strip()


@bp.route("/handoffs/<reference>/schedule", methods=["POST"])
def schedule(reference: str):
    def step(handoff):
        try:
            day = date.fromisoformat(_form("date"))
        except ValueError as error:
            raise caseops.CaseError("请填写正确的日期。") from error
        assignee = _form("assigned_to") or g.user.username
        caseops.schedule(db(), handoff, g.user.username, day, _form("slot"), assignee)

    return _step(reference, "已预约上门时间。", step)


@bp.route("/handoffs/<reference>/outcome", methods=["POST"])
def outcome(reference: str):
    year = current_app.config["CERT_YEAR"]
    return _step(
        reference,
        "已记录上门结果。",
        lambda h: caseops.record_outcome(
            db(), h, g.user.username, _form("outcome"), _form("note"), year
        ),
    )


@bp.route("/handoffs/<reference>/resolve", methods=["POST"])
def resolve(reference: str):
    return _step(
        reference, "已办结。", lambda h: caseops.resolve(db(), h, g.user.username, _form("note"))
    )


@bp.route("/handoffs/<reference>/decide", methods=["POST"])
def decide(reference: str):
    year = current_app.config["CERT_YEAR"]
    approve = _form("decision") == "approve"
    done = "已通过复核，认证记录已保存。" if approve else "已驳回，认证记录已保存。"
    return _step(
        reference,
        done,
        lambda h: caseops.decide_review(db(), h, g.user.username, approve, _form("note"), year),
    )


def _rasa_step(reference: str, done: str, call):
    handoff = _handoff(reference)
    if not handoff.conversation_id:
        flash("这个事项没有关联的对话。", "error")
        return redirect(url_for("case.show", reference=reference))
    try:
        call(handoff)
    except RasaUnavailable as error:
        flash(str(error), "error")
    except caseops.CaseError as error:
        flash(str(error), "error")
    else:
        db().commit()
        flash(done, "info")
    return redirect(url_for("case.show", reference=reference))


@bp.route("/handoffs/<reference>/message", methods=["POST"])
def message(reference: str):
    return _rasa_step(
        reference,
        "消息已记入对话，对方下次联系时会收到。",
        lambda h: caseops.send_message(
            db(), h, g.user.username, _form("text"), current_app.extensions["rasa"]
        ),
    )


@bp.route("/handoffs/<reference>/hand-back", methods=["POST"])
def hand_back(reference: str):
    return _rasa_step(
        reference,
        "已交还智能助手继续服务。",
        lambda h: caseops.hand_back(db(), h, g.user.username, current_app.extensions["rasa"]),
    )


@bp.route("/evidence/<name>")
def evidence_file(name: str):
    try:
        path = image_path(name)
    except EvidenceError:
        abort(404)
    if not path.is_file():
        abort(404)
    audit(db(), g.user.username, "view_evidence", f"evidence:{name}")
    db().commit()
    return send_file(path, max_age=0)
