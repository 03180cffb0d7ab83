"""Loading a proposal for the current user: 404 when it is not theirs to see (no existence
leak), 403 when they may see but not change it."""

from __future__ import annotations

import time

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.identity.agencies import get_agency
from services.identity.models import Agency
from services.submission.models import Call, Proposal, TeamMember, TimelineEntry
from services.submission.rules import Actor, Owned, can_create, can_edit, can_read
from shared import runtime
from shared.web.auth import CurrentUser
from shared.web.errors import ApiError
from shared.web.i18n import translate


def actor(user: CurrentUser) -> Actor:
    return Actor(user.id, user.role, user.opd_code)


def owned(p: Proposal, team_ids: tuple[int, ...] = ()) -> Owned:
    return Owned(p.innovator_id, p.opd_code, tuple(p.evaluator_ids or ()), team_ids)


def team_ids(session: Session, proposal_id: int) -> tuple[int, ...]:
    """The co-innovators who accepted: they read and edit like the innovator."""
    return tuple(
        session.scalars(
            select(TeamMember.user_id).where(
                TeamMember.proposal_id == proposal_id, TeamMember.accepted.is_(True)
            )
        )
    )


def load(session: Session, proposal_id: int, user: CurrentUser, *, edit: bool = False) -> Proposal:
    return load_with_team(session, proposal_id, user, edit=edit)[0]


def load_with_team(
    session: Session, proposal_id: int, user: CurrentUser, *, edit: bool = False
) -> tuple[Proposal, tuple[int, ...]]:
    """`load`, with the ids of the accepted co-innovators it read to decide."""
    proposal = session.get(Proposal, proposal_id)
    team = team_ids(session, proposal_id) if proposal is not None else ()
    if proposal is None or not can_read(actor(user), owned(proposal, team)):
        raise ApiError(404, "not_found", "error.not_found")
    if user.role == "evaluator" and _blind(session, proposal):
        # A blind review: the evaluator reads the anonymous dossier, never this page.
        raise ApiError(404, "not_found", "error.not_found")
    if edit and not can_edit(actor(user), owned(proposal, team)):
        raise ApiError(403, "forbidden", "error.forbidden")
    return proposal, team


def _blind(session: Session, proposal: Proposal) -> bool:
    call = session.get(Call, proposal.call_id) if proposal.call_id else None
    return bool(call and call.definition.get("blind"))


AGENCY_NAME_TTL = 60.0
_agency_names: dict[str, tuple[float, str]] = {}


def agency_name(code: str) -> str | None:
    """The agency's name, remembered by this process for a minute: agencies change only by an
    import, and every submit and check puts the name in its event."""
    now = time.monotonic()
    remembered = _agency_names.get(code)
    if remembered is not None and now - remembered[0] < AGENCY_NAME_TTL:
        return remembered[1]
    with runtime.database("identity").session() as s:
        agency = get_agency(s, code)
        if agency is None:
            return None
        _agency_names[code] = (now, agency.name)
        return agency.name


def agency_choices(user: CurrentUser) -> list[tuple[str, str]]:
    """The agencies this user may file a proposal under, as (code, name): their own, or every
    agency for an admin."""
    with runtime.database("identity").session() as s:
        if user.role == "admin":
            return [(a.code, a.name) for a in s.scalars(select(Agency).order_by(Agency.name))]
        agency = get_agency(s, user.opd_code) if user.opd_code else None
        return [(agency.code, agency.name)] if agency else []


def check_agency(user: CurrentUser, opd_code: str | None) -> tuple[str, str]:
    """The agency a proposal is filed under: (code, name), or a 4xx that says why not."""
    if user.role not in {"innovator", "operator", "admin"}:
        raise ApiError(403, "forbidden", "error.forbidden")
    code = opd_code or user.opd_code
    if code is None:
        raise ApiError(
            422, "validation", "error.validation", {"opd_code": translate("proposal.no_agency")}
        )
    name = agency_name(code)
    if name is None:
        raise ApiError(
            422,
            "validation",
            "error.validation",
            {"opd_code": translate("proposal.unknown_agency")},
        )
    if not can_create(actor(user), code):
        raise ApiError(403, "forbidden", "error.forbidden")
    return code, name


def describe(entry: TimelineEntry) -> str:
    return translate(entry.detail_key, **entry.detail_values)
