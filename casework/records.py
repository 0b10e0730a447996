"""Operations the bot's actions, the channels and the console call on the casework store.

Each takes an open Session first and leaves committing to the caller (`db.session_scope`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from casework.db import dialect_insert
from casework.identity import check_id_number, check_phone, mask_text, normalise_digits
from casework.models import (
    CERT_METHODS,
    CERT_STATUSES,
    CHANNELS,
    HANDOFF_KINDS,
    SCAM_RISKS,
    SCAM_URGENCIES,
    AuditEvent,
    Beneficiary,
    Certification,
    Handoff,
    ProcessedMessage,
    ScamReport,
    utcnow,
)
from casework.references import allocate_reference

# China Standard Time has no daylight saving: a fixed offset needs no tz database.
LOCAL_TZ = timezone(timedelta(hours=8), "CST")
PENDING_STATUSES = ("pending_review",)  # details alone still need a photo or a visit
DECIDED_STATUSES = ("certified", "rejected")


@dataclass(frozen=True)
class CertStatus:
    """Where one person stands in one year's certification."""

    id_number: str
    year: int
    on_roster: bool
    name: str | None = None
    certified: bool = False
    certified_at: datetime | None = None
    method: str | None = None
    pending: bool = False
    latest_status: str | None = None


def _require(value: str, allowed: tuple[str, ...] | dict[str, str], field: str) -> str:
    if value not in allowed:
        raise ValueError(f"unknown {field}: {value!r}; expected one of {sorted(allowed)}")
    return value


def local_year() -> int:
    return datetime.now(LOCAL_TZ).year


def valid_id_number(raw: str) -> str:
    """Normalised ID number, or ValueError naming the problem code."""
    result = check_id_number(raw)
    if not result.ok:
        raise ValueError(f"invalid id_number ({result.problem})")
    return result.number


def _optional_phone(raw: str | None) -> str | None:
    if not raw:
        return None
    phone = check_phone(raw)
    if phone is None:
        raise ValueError("invalid mobile phone number")
    return phone


def audit(
    session: Session, actor: str, action: str, target: str, details: dict[str, Any] | None = None
) -> AuditEvent:
    """Append an audit event; keep personal data out of `details` (or mask it)."""
    event = AuditEvent(actor=actor, action=action, target=target, details=details or {})
    session.add(event)
    return event


def _unchecked_person_fields(
    id_number: str | None, phone: str | None, details: dict[str, Any]
) -> tuple[str | None, str | None]:
    # A handoff must never be lost over a mistyped number: keep what staff can use.
    checked_id = None
    if id_number:
        result = check_id_number(id_number)
        if result.ok:
            checked_id = result.number
        else:
            details["unchecked_id_number"] = normalise_digits(id_number)[:40]
    checked_phone = check_phone(phone) if phone else None
    if phone and checked_phone is None:
        details["unchecked_phone"] = normalise_digits(phone)[:40]
    return checked_id, checked_phone


def _new_handoff(
    session: Session, *, kind: str, reference: str, channel: str, actor: str, **fields: Any
) -> Handoff:
    handoff = Handoff(kind=kind, reference=reference, channel=channel, status="new", **fields)
    session.add(handoff)
    session.flush()
    audit(session, actor, "handoff_created", f"handoff:{reference}", {"kind": kind})
    return handoff


def create_handoff(
    session: Session,
    *,
    kind: str,
    conversation_id: str | None,
    channel: str,
    person_name: str | None = None,
    id_number: str | None = None,
    town: str | None = None,
    phone: str | None = None,
    details: dict[str, Any] | None = None,
    certification_id: int | None = None,
    actor: str = "bot",
) -> Handoff:
    """Open a case for staff with a fresh reference (HV/VR/HH/SR-year-number)."""
    _require(kind, HANDOFF_KINDS, "kind")
    _require(channel, CHANNELS, "channel")
    details = dict(details or {})
    checked_id, checked_phone = _unchecked_person_fields(id_number, phone, details)
    reference = allocate_reference(session, HANDOFF_KINDS[kind], local_year())
    return _new_handoff(
        session,
        kind=kind,
        reference=reference,
        channel=channel,
        actor=actor,
        conversation_id=conversation_id,
        person_name=person_name,
        id_number=checked_id,
        town=town,
        phone=checked_phone,
        details=details,
        certification_id=certification_id,
    )


def roster_entry(session: Session, id_number: str, year: int) -> Beneficiary | None:
    query = select(Beneficiary).where(Beneficiary.year == year, Beneficiary.id_number == id_number)
    return session.scalars(query).one_or_none()


def record_certification(
    session: Session,
    *,
    year: int,
    id_number: str,
    name: str,
    method: str,
    status: str,
    channel: str,
    conversation_id: str | None,
    actor_relation: str = "本人",
    hukou_place: str | None = None,
    address: str | None = None,
    phone: str | None = None,
    evidence: dict[str, Any] | None = None,
    decided_by: str | None = None,
) -> Certification:
    """Store a certification attempt; certified/rejected ones are stamped as decided."""
    _require(method, CERT_METHODS, "method")
    _require(status, CERT_STATUSES, "status")
    _require(channel, CHANNELS, "channel")
    number = valid_id_number(id_number)
    beneficiary = roster_entry(session, number, year)
    decided = status in DECIDED_STATUSES
    certification = Certification(
        year=year,
        beneficiary=beneficiary,
        id_number=number,
        name=name,
        method=method,
        status=status,
        channel=channel,
        conversation_id=conversation_id,
        actor_relation=actor_relation or "本人",
        hukou_place=hukou_place,
        address=address,
        phone=_optional_phone(phone),
        evidence=dict(evidence or {}),
        decided_at=utcnow() if decided else None,
        decided_by=(decided_by or "bot") if decided else None,
    )
    session.add(certification)
    session.flush()
    audit(
        session,
        decided_by or "bot",
        "certification_recorded",
        f"certification:{certification.id}",
        {"status": status, "method": method, "year": year, "on_roster": beneficiary is not None},
    )
    return certification


def certification_status(session: Session, id_number: str, year: int) -> CertStatus:
    """Is this person on the year's roster, certified, or waiting for a decision?"""
    number = normalise_digits(id_number)
    beneficiary = roster_entry(session, number, year)
    query = (
        select(Certification)
        .where(Certification.year == year, Certification.id_number == number)
        .order_by(Certification.created_at.desc(), Certification.id.desc())
    )
    attempts = list(session.scalars(query))
    done = next((c for c in attempts if c.status == "certified"), None)
    latest = attempts[0] if attempts else None
    name = beneficiary.name if beneficiary else (latest.name if latest else None)
    return CertStatus(
        id_number=number,
        year=year,
        on_roster=beneficiary is not None,
        name=name,
        certified=done is not None,
        certified_at=(done.decided_at or done.created_at) if done else None,
        method=done.method if done else (latest.method if latest else None),
        pending=done is None and any(c.status in PENDING_STATUSES for c in attempts),
        latest_status=latest.status if latest else None,
    )


def record_scam_report(
    session: Session,
    *,
    category: str,
    risk: str,
    urgency: str,
    channel: str,
    conversation_id: str | None,
    text: str,
    phrases: list[str],
    money_lost: bool | None = None,
    escalate: bool | None = None,
) -> ScamReport:
    """Store a scam report with personal numbers masked.

    Staff get a handoff sharing its SR reference when `escalate` is true; by default when
    risk or urgency is high or money was lost.
    """
    _require(risk, SCAM_RISKS, "risk")
    _require(urgency, SCAM_URGENCIES, "urgency")
    _require(channel, CHANNELS, "channel")
    if escalate is None:
        escalate = risk == "high" or urgency == "high" or bool(money_lost)
    redacted = mask_text(text)
    masked_phrases = [mask_text(p) for p in phrases]
    reference = allocate_reference(session, HANDOFF_KINDS["scam_report"], local_year())
    report = ScamReport(
        reference=reference,
        category=category,
        risk=risk,
        urgency=urgency,
        channel=channel,
        conversation_id=conversation_id,
        redacted_text=redacted,
        phrases=masked_phrases,
        money_lost=money_lost,
    )
    session.add(report)
    if escalate:
        _escalate_scam(session, report)
    session.flush()
    audit(session, "bot", "scam_reported", f"scam_report:{reference}", {"risk": risk})
    return report


def _scam_summary(report: ScamReport) -> dict[str, Any]:
    return {"category": report.category, "risk": report.risk, "urgency": report.urgency,
            "money_lost": report.money_lost, "phrases": list(report.phrases),
            "text": report.redacted_text}  # fmt: skip


def _escalate_scam(session: Session, report: ScamReport) -> None:
    report.handoff = _new_handoff(
        session, kind="scam_report", reference=report.reference, channel=report.channel,
        actor="bot", conversation_id=report.conversation_id, details=_scam_summary(report),
    )  # fmt: skip


def record_scam_outcome(session: Session, reference: str, *, money_lost: bool) -> ScamReport | None:
    """Record whether money (or a code) went out; a loss makes the report urgent for staff.

    Returns None for an unknown reference.
    """
    query = select(ScamReport).where(ScamReport.reference == reference)
    report = session.scalars(query).one_or_none()
    if report is None:
        return None
    report.money_lost = money_lost
    if money_lost:
        report.urgency = "high"
    if report.handoff is not None:
        report.handoff.details = {**report.handoff.details, **_scam_summary(report)}
    elif money_lost:
        _escalate_scam(session, report)
    session.flush()
    audit(session, "bot", "scam_outcome", f"scam_report:{reference}", {"money_lost": money_lost})
    return report


def mark_processed(session: Session, channel: str, message_id: str) -> bool:
    """Remember a channel message id; False when it was already seen (a retry)."""
    statement = (
        dialect_insert(session, ProcessedMessage)
        .values(channel=channel, message_id=message_id, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["channel", "message_id"])
        .returning(ProcessedMessage.id)
    )
    return session.execute(statement).scalar_one_or_none() is not None


def forget_processed(session: Session, older_than_days: int = 7) -> int:
    """Drop de-duplication entries older than the channels' retry window; returns the count."""
    cutoff = utcnow() - timedelta(days=older_than_days)
    result = session.execute(delete(ProcessedMessage).where(ProcessedMessage.created_at < cutoff))
    return result.rowcount or 0
