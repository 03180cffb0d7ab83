"""Contracts produced by identity: the state of an account, of an agency.

Event-carried state: each event holds the whole current record, so a consumer upserts it and
never asks identity for more. Nothing secret travels: no password hash, nothing derived from one.
"""

from __future__ import annotations

from typing import ClassVar

from shared.events.base import Event


class AccountChanged(Event):
    """An account was created, or its name, role, agency, language or activity changed, or its
    password (which moves `session_epoch` on, ending the sessions signed in before).

    Producer: identity. Consumers: every service (its read table of accounts, which its
    request authentication checks the signed claims against).
    """

    name: ClassVar[str] = "account.changed"
    id: int
    email: str
    # `name` is the contract's name on the class; the person's name travels as `full_name`.
    full_name: str
    role: str
    opd_code: str | None = None
    language: str = "id"
    active: bool = True
    session_epoch: int = 0


class AgencyChanged(Event):
    """An agency (OPD) was added or its name, kind or parent changed (import, seed).

    Producer: identity. Consumers: every service (its read table of agencies; review also its
    tree for conflicts of interest).
    """

    name: ClassVar[str] = "agency.changed"
    code: str
    agency_name: str
    kind: str
    parent_code: str | None = None
