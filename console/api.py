"""JSON API under /api/, mirroring the queue and the case actions (Authorization: Bearer)."""

from __future__ import annotations

from datetime import date
from functools import wraps

from flask import Blueprint, current_app, g, jsonify, request

from casework.identity import mask_id, mask_phone, mask_text
from casework.models import Handoff
from console import accounts, caseops
from console.database import db
from console.queries import QueueFilter, queue_page
from console.rasa_client import RasaUnavailable

bp = Blueprint("api", __name__, url_prefix="/api")


def _error(status: int, message: str):
    return jsonify({"error": message}), status


@bp.before_request
def require_token():
    header = request.headers.get("Authorization", "")
    token = header[7:].strip() if header.startswith("Bearer ") else ""
    g.user = accounts.user_for_token(db(), token)
    if g.user is None:
        response, status = _error(401, "需要有效的 API 令牌（Authorization: Bearer …）。")
        response.headers["WWW-Authenticate"] = "Bearer"
        return response, status
    return None


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _masked(value):
    """The value with ID and phone numbers masked inside every string, however deep."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {key: _masked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_masked(item) for item in value]
    return value


def handoff_json(h: Handoff) -> dict:
    return {
        "reference": h.reference,
        "kind": h.kind,
        "status": h.status,
        "channel": h.channel,
        "conversation_id": h.conversation_id,
        "person_name": h.person_name,
        "id_number": mask_id(h.id_number) if h.id_number else None,
        "phone": mask_phone(h.phone) if h.phone else None,
        "town": h.town,
        "assigned_to": h.assigned_to,
        "scheduled_for": _iso(h.scheduled_for),
        "slot": h.slot,
        "outcome": h.outcome,
        "resolution_note": h.resolution_note,
        "details": _masked(h.details or {}),
        "created_at": _iso(h.created_at),
        "updated_at": _iso(h.updated_at),
        "resolved_at": _iso(h.resolved_at),
    }


@bp.get("/handoffs")
def list_handoffs():
    flt = QueueFilter.from_args(request.args)
    rows, more = queue_page(db(), flt)
    return jsonify({"handoffs": [handoff_json(h) for h in rows], "page": flt.page, "more": more})


def with_handoff(view):
    @wraps(view)
    def wrapped(reference: str):
        handoff = caseops.find_handoff(db(), reference)
        if handoff is None:
            return _error(404, "没有这个事项。")
        try:
            result = view(handoff)
        except caseops.CaseError as error:
            db().rollback()
            return _error(409, str(error))
        except RasaUnavailable as error:
            db().rollback()
            return _error(502, str(error))
        db().commit()
        return result if result is not None else jsonify(handoff_json(handoff))

    return wrapped


@bp.get("/handoffs/<reference>")
@with_handoff
def show(handoff):
    return jsonify(handoff_json(handoff))


@bp.get("/handoffs/<reference>/transcript")
@with_handoff
def transcript(handoff):
    if not handoff.conversation_id:
        return jsonify({"turns": []})
    turns = current_app.extensions["rasa"].transcript(handoff.conversation_id)
    return jsonify(
        {
            "turns": [
                {"speaker": t.speaker, "text": t.text, "at": _iso(t.at), "staff": t.staff}
                for t in turns
            ]
        }
    )


def _body() -> dict:
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else {}


def _text(name: str) -> str:
    value = _body().get(name, "")
    return value.strip() if isinstance(value, str) else ""


@bp.post("/handoffs/<reference>/claim")
@with_handoff
def claim(handoff):
    caseops.claim(db(), handoff, g.user.username)


@bp.post("/handoffs/<reference>/release")
@with_handoff
def release(handoff):
    caseops.release(db(), handoff, g.user.username)


@bp.post("/handoffs/<reference>/schedule")
@with_handoff
def schedule(handoff):
    try:
        day = date.fromisoformat(_text("date"))
    except ValueError as error:
        raise caseops.CaseError("date 须为 YYYY-MM-DD。") from error
    caseops.schedule(
        db(), handoff, g.user.username, day, _text("slot"), _text("assigned_to") or g.user.username
    )


@bp.post("/handoffs/<reference>/outcome")
@with_handoff
def outcome(handoff):
    caseops.record_outcome(
        db(),
        handoff,
        g.user.username,
        _text("outcome"),
        _text("note"),
        current_app.config["CERT_YEAR"],
    )
    body = handoff_json(handoff)
    if handoff.outcome == "deceased":
        body["reporting_duty"] = caseops.REPORTING_DUTY
    return jsonify(body)


@bp.post("/handoffs/<reference>/resolve")
@with_handoff
def resolve(handoff):
    caseops.resolve(db(), handoff, g.user.username, _text("note"))


@bp.post("/handoffs/<reference>/decide")
@with_handoff
def decide(handoff):
    decision = _text("decision")
    if decision not in ("approve", "reject"):
        raise caseops.CaseError("decision 须为 approve 或 reject。")
    caseops.decide_review(
        db(),
        handoff,
        g.user.username,
        decision == "approve",
        _text("note"),
        current_app.config["CERT_YEAR"],
    )


@bp.post("/handoffs/<reference>/reveal")
@with_handoff
def reveal(handoff):
    return jsonify(
        {
            "reference": handoff.reference,
            "id_number": caseops.reveal_id(db(), handoff, g.user.username),
        }
    )


@bp.post("/handoffs/<reference>/message")
@with_handoff
def message(handoff):
    if not handoff.conversation_id:
        raise caseops.CaseError("这个事项没有关联的对话。")
    caseops.send_message(
        db(), handoff, g.user.username, _text("text"), current_app.extensions["rasa"]
    )


@bp.post("/handoffs/<reference>/hand-back")
@with_handoff
def hand_back(handoff):
    if not handoff.conversation_id:
        raise caseops.CaseError("这个事项没有关联的对话。")
    caseops.hand_back(db(), handoff, g.user.username, current_app.extensions["rasa"])


@bp.get("/me")
def me():
    return jsonify({"username": g.user.username, "role": g.user.role})
