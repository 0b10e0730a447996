"""Tables of the casework store (SQLAlchemy 2 typed ORM).

Vocabularies are plain strings validated in `records`; the allowed values are listed here.
Every timestamp is timezone-aware UTC, also on SQLite (see `UTCDateTime`).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

BENEFIT_GROUPS = (
    "retiree",
    "resident_pension",
    "injury_allowance",
    "survivor_pension",
    "survivor_hardship",
    "other",
)
CERT_METHODS = ("app", "in_person", "home_visit", "assistant", "staff_review")
CERT_STATUSES = ("details_recorded", "certified", "pending_review", "rejected")
CHANNELS = ("rest", "wechat", "voice", "console")
HANDOFF_KINDS = {
    "home_visit": "HV",
    "verification_review": "VR",
    "human_help": "HH",
    "scam_report": "SR",
}
HANDOFF_STATUSES = ("new", "claimed", "scheduled", "resolved")
VISIT_SLOTS = ("上午", "下午")
VISIT_OUTCOMES = ("certified_at_home", "nobody_home", "deceased", "other")
SCAM_RISKS = ("low", "medium", "high")
SCAM_URGENCIES = ("normal", "high")
STAFF_ROLES = ("staff", "admin")


UTC = timezone.utc


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC; always returns aware datetimes (SQLite drops the zone otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime; use timezone-aware UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[str]: JSON}


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Beneficiary(Timestamped, Base):
    """One person on a year's certification roster."""

    __tablename__ = "beneficiary"
    __table_args__ = (UniqueConstraint("year", "id_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    name: Mapped[str] = mapped_column(String(50))
    sex: Mapped[str] = mapped_column(String(2))
    birth_date: Mapped[date] = mapped_column(Date)
    town: Mapped[str | None] = mapped_column(String(30))
    address: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(11))
    benefit_group: Mapped[str] = mapped_column(String(30))


class Certification(Timestamped, Base):
    """One certification attempt or result for a person and year."""

    __tablename__ = "certification"
    __table_args__ = (Index("ix_certification_year_id_number", "year", "id_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    beneficiary_id: Mapped[int | None] = mapped_column(ForeignKey("beneficiary.id"))
    id_number: Mapped[str] = mapped_column(String(18))
    name: Mapped[str] = mapped_column(String(50))
    method: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    conversation_id: Mapped[str | None] = mapped_column(String(100))
    actor_relation: Mapped[str] = mapped_column(String(20), default="本人")
    hukou_place: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(11))
    evidence: Mapped[dict[str, Any]] = mapped_column(default=dict)
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[str | None] = mapped_column(String(50))

    beneficiary: Mapped[Beneficiary | None] = relationship()


class Handoff(Timestamped, Base):
    """A case handed to staff: home visit, photo review, human help or scam report."""

    __tablename__ = "handoff"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    status: Mapped[str] = mapped_column(String(20), default="new", index=True)
    conversation_id: Mapped[str | None] = mapped_column(String(100))
    channel: Mapped[str] = mapped_column(String(20))
    person_name: Mapped[str | None] = mapped_column(String(50))
    id_number: Mapped[str | None] = mapped_column(String(18), index=True)
    town: Mapped[str | None] = mapped_column(String(30))
    phone: Mapped[str | None] = mapped_column(String(11))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    certification_id: Mapped[int | None] = mapped_column(ForeignKey("certification.id"))
    assigned_to: Mapped[str | None] = mapped_column(String(50))
    scheduled_for: Mapped[date | None] = mapped_column(Date)
    slot: Mapped[str | None] = mapped_column(String(10))
    outcome: Mapped[str | None] = mapped_column(String(30))
    resolution_note: Mapped[str | None] = mapped_column(Text)
    resolved_at: Mapped[datetime | None]

    certification: Mapped[Certification | None] = relationship()


class ScamReport(Base):
    """A suspicious call or message a user told the bot about (personal data masked)."""

    __tablename__ = "scam_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    category: Mapped[str] = mapped_column(String(50))
    risk: Mapped[str] = mapped_column(String(10))
    urgency: Mapped[str] = mapped_column(String(10))
    channel: Mapped[str] = mapped_column(String(20))
    conversation_id: Mapped[str | None] = mapped_column(String(100))
    redacted_text: Mapped[str] = mapped_column(Text)
    phrases: Mapped[list[str]] = mapped_column(default=list)
    money_lost: Mapped[bool | None] = mapped_column(Boolean)
    handoff_id: Mapped[int | None] = mapped_column(ForeignKey("handoff.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    handoff: Mapped[Handoff | None] = relationship()


class AuditEvent(Base):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(50))
    target: Mapped[str] = mapped_column(String(100), index=True)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class StaffUser(Base):
    """Console account; the console owns the authentication logic."""

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(10), default="staff")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    api_token_hash: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]


class ProcessedMessage(Base):
    """Channel message ids already handled (webhooks retry; handle each message once)."""

    __tablename__ = "processed_message"
    __table_args__ = (UniqueConstraint("channel", "message_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    message_id: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class ReferenceCounter(Base):
    """Last reference number handed out per prefix and year."""

    __tablename__ = "reference_counter"

    prefix: Mapped[str] = mapped_column(String(4), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer, default=0)
