"""What staff do to a handoff. Shared by the pages and the JSON API; every step is audited.

Each function checks that the step is allowed in the handoff's current state and raises CaseError
with a message staff can read when it is not.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.models import Certification, Handoff, StaffUser
from casework.records import audit, record_certification

SLOTS = ("上午", "下午")
OUTCOMES = {
    "certified_at_home": "已入户认证",
    "nobody_home": "家中无人",
    "deceased": "待遇人员已去世",
    "other": "其他情况",
}
REPORTING_DUTY = (
    "待遇领取人员去世后，其法定继承人或受益人应当报告并提供证明材料："
    "在本市行政区域内居住的，7个工作日内向认证机构报告；"
    "在本市行政区域外居住的，30个工作日内向待遇支付地社会保险经办机构报告。"
    "请提醒家属按期报告，并停止发放待遇。"
)


class CaseError(Exception):
    """A step that is not allowed now; str(error) is a kind message for staff."""


def _target(handoff: Handoff) -> str:
    return f"handoff:{handoff.reference}"


def _touch(handoff: Handoff) -> None:
    handoff.updated_at = datetime.now(UTC)


def _merge_details(handoff: Handoff, **values) -> None:
    handoff.details = {**(handoff.details or {}), **values}


def find_handoff(session: Session, reference: str) -> Handoff | None:
    return session.scalar(select(Handoff).where(Handoff.reference == reference))


def claim(session: Session, handoff: Handoff, actor: str) -> None:
    if handoff.status != "new":
        raise CaseError("这个事项已经有人认领了。")
    handoff.status, handoff.assigned_to = "claimed", actor
    _touch(handoff)
    audit(session, actor, "claim", _target(handoff))


def release(session: Session, handoff: Handoff, actor: str) -> None:
    if handoff.status not in ("claimed", "scheduled"):
        raise CaseError("只有已认领或已预约的事项可以退回队列。")
    handoff.status, handoff.assigned_to = "new", None
    handoff.scheduled_for, handoff.slot = None, None
    _touch(handoff)
    audit(session, actor, "release", _target(handoff))


def _active_staff(session: Session, username: str) -> StaffUser:
    user = session.scalar(select(StaffUser).where(StaffUser.username == username))
    if user is None or not user.active:
        raise CaseError("请选择一位在岗的工作人员。")
    return user


def schedule(
    session: Session, handoff: Handoff, actor: str, day: date, slot: str, assignee: str
) -> None:
    if handoff.kind != "home_visit":
        raise CaseError("只有上门认证的事项需要预约。")
    if handoff.status not in ("claimed", "scheduled"):
        raise CaseError("请先认领，再预约上门时间。")
    if day < date.today():
        raise CaseError("预约日期不能早于今天。")
    if slot not in SLOTS:
        raise CaseError("请选择上午或下午。")
    _active_staff(session, assignee)
    handoff.status, handoff.scheduled_for, handoff.slot = "scheduled", day, slot
    handoff.assigned_to = assignee
    _touch(handoff)
    audit(
        session,
        actor,
        "schedule",
        _target(handoff),
        {"date": day.isoformat(), "slot": slot, "assigned_to": assignee},
    )


def _certify(
    session: Session, handoff: Handoff, actor: str, year: int, method: str, status: str
) -> Certification:
    if not handoff.id_number:
        raise CaseError("这个事项没有身份证号，无法记录认证结果。")
    pending = handoff.certification or session.scalar(
        select(Certification).where(
            Certification.year == year,
            Certification.id_number == handoff.id_number,
            Certification.status == "pending_review",
        )
    )
    if pending is None:
        pending = record_certification(
            session,
            year=year,
            id_number=handoff.id_number,
            name=handoff.person_name or "",
            method=method,
            status=status,
            channel="console",
            conversation_id=handoff.conversation_id,
            actor_relation="本人",
            decided_by=actor,
        )
    pending.status, pending.decided_by = status, actor
    pending.decided_at = datetime.now(UTC)
    handoff.certification = pending
    return pending


def record_outcome(
    session: Session, handoff: Handoff, actor: str, outcome: str, note: str, year: int
) -> None:
    if handoff.kind != "home_visit" or handoff.status != "scheduled":
        raise CaseError("请先预约上门，再记录上门结果。")
    if outcome not in OUTCOMES:
        raise CaseError("请选择上门结果。")
    handoff.outcome = outcome
    _merge_details(handoff, visit_note=note.strip())
    if outcome == "certified_at_home":
        _certify(session, handoff, actor, year, "home_visit", "certified")
    elif outcome == "nobody_home":
        handoff.status = "claimed"  # back to the visitor to arrange another date
    elif outcome == "deceased":
        _merge_details(handoff, beneficiary_deceased=True, reporting_duty_told=True)
    _touch(handoff)
    audit(session, actor, "visit_outcome", _target(handoff), {"outcome": outcome})


def resolve(session: Session, handoff: Handoff, actor: str, note: str) -> None:
    if handoff.status == "resolved":
        raise CaseError("这个事项已经办结了。")
    if not note.strip():
        raise CaseError("办结时请写一句处理说明。")
    handoff.status, handoff.resolution_note = "resolved", note.strip()
    handoff.resolved_at = datetime.now(UTC)
    if handoff.assigned_to is None:
        handoff.assigned_to = actor
    _touch(handoff)
    audit(session, actor, "resolve", _target(handoff), {"note": note.strip()})


def decide_review(
    session: Session, handoff: Handoff, actor: str, approve: bool, note: str, year: int
) -> None:
    if handoff.kind != "verification_review":
        raise CaseError("只有人工复核的事项可以通过或驳回。")
    if handoff.status == "resolved":
        raise CaseError("这个事项已经办结了。")
    status = "certified" if approve else "rejected"
    _certify(session, handoff, actor, year, "staff_review", status)
    audit(session, actor, "approve" if approve else "reject", _target(handoff), {"note": note})
    resolve(session, handoff, actor, note or ("人工复核通过" if approve else "人工复核未通过"))


def reveal_id(session: Session, handoff: Handoff, actor: str) -> str:
    if not handoff.id_number:
        raise CaseError("这个事项没有身份证号。")
    audit(session, actor, "reveal_id_number", _target(handoff))
    return handoff.id_number


def send_message(session: Session, handoff: Handoff, actor: str, text: str, rasa) -> None:
    if not text.strip():
        raise CaseError("请先写好要发送的话。")
    rasa.send_staff_message(handoff.conversation_id, text.strip(), actor)
    audit(session, actor, "message", _target(handoff), {"length": len(text.strip())})


def hand_back(session: Session, handoff: Handoff, actor: str, rasa) -> None:
    rasa.resume(handoff.conversation_id)
    audit(session, actor, "hand_back", _target(handoff))
