"""Identity's tables: users, agencies (a tree), the login throttle, reset links, the admin's
audit log of account changes, its outbox."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.db import UtcDateTime, make_metadata
from shared.migrations import MigrationSet
from shared.outbox import outbox_tables
from shared.roles import Role

__all__ = [
    "MIGRATIONS",
    "OUTBOX",
    "Agency",
    "AuditEntry",
    "Base",
    "LoginThrottle",
    "PasswordReset",
    "Role",
    "User",
]


class Base(DeclarativeBase):
    metadata = make_metadata()


class Agency(Base):
    """An OPD: a dinas, badan, kecamatan, kelurahan, a Setda section … with its parent."""

    __tablename__ = "agencies"

    code: Mapped[str] = mapped_column(String(80), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("agencies.code"), index=True)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), index=True)
    opd_code: Mapped[str | None] = mapped_column(ForeignKey("agencies.code"), index=True)
    language: Mapped[str] = mapped_column(String(5), default="id")
    active: Mapped[bool] = mapped_column(default=True)
    # Moves on with every password change: sessions signed with an older epoch stop working.
    session_epoch: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())


class LoginThrottle(Base):
    """Consecutive failed logins per e-mail address, known or not (so a lock says nothing about
    whether an account exists). Keyed by a hash of the address, never the address itself."""

    __tablename__ = "login_throttle"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class PasswordReset(Base):
    """A one-time password-reset link: only the SHA-256 of its token is stored."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


def utcnow() -> datetime:
    return datetime.now(UTC)


class AuditEntry(Base):
    """What an admin did to an account (invited, edited, changed the role of, deactivated,
    reactivated, sent a link to), who, when, from where, and why when a reason was given. The
    same shape as submission's `audit_log` (named apart: services may share one database): the
    console's audit page reads both."""

    __tablename__ = "identity_audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int]
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str] = mapped_column(String(80), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


OUTBOX = outbox_tables(Base.metadata, "identity", audit_columns=True)
MIGRATIONS = MigrationSet("identity", Path(__file__).parent / "migrations", Base.metadata)
