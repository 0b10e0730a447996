"""Staff accounts: creation, password checks, API tokens. No Flask here (the CLI uses it too)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from casework.models import StaffUser

ROLES = ("staff", "admin")
MIN_PASSWORD = 10
# Checked against when the username is unknown, so both cases cost the same time.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


def new_password() -> str:
    return secrets.token_urlsafe(12)


def find_user(session: Session, username: str) -> StaffUser | None:
    return session.scalar(select(StaffUser).where(StaffUser.username == username.strip()))


def create_user(session: Session, username: str, role: str, password: str) -> StaffUser:
    if role not in ROLES:
        raise ValueError(f"unknown role {role}")
    user = StaffUser(
        username=username.strip(),
        role=role,
        active=True,
        password_hash=generate_password_hash(password),
    )
    session.add(user)
    session.flush()
    return user


def staff_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(StaffUser)) or 0


def authenticate(session: Session, username: str, password: str) -> StaffUser | None:
    user = find_user(session, username)
    if user is None or not user.active:
        check_password_hash(_DUMMY_HASH, password)
        return None
    return user if check_password_hash(user.password_hash, password) else None


def must_change_password(user: StaffUser) -> bool:
    """A one-time password is in force until the first change (last_login_at stays empty)."""
    return user.last_login_at is None


def set_password(user: StaffUser, password: str) -> None:
    user.password_hash = generate_password_hash(password)
    user.last_login_at = datetime.now(UTC)


def reset_password(user: StaffUser) -> str:
    password = new_password()
    user.password_hash = generate_password_hash(password)
    user.last_login_at = None
    return password


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_api_token(user: StaffUser) -> str:
    token = "wdc_" + secrets.token_urlsafe(32)
    user.api_token_hash = _token_hash(token)
    return token


def user_for_token(session: Session, token: str) -> StaffUser | None:
    if not token:
        return None
    user = session.scalar(select(StaffUser).where(StaffUser.api_token_hash == _token_hash(token)))
    return user if user is not None and user.active else None
