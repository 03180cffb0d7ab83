"""The proposal list: what a user may read, filtered, and the same as a spreadsheet."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select

from services.submission import clock, directory, search, text_index
from services.submission import export as exporting
from services.submission.models import Call, Proposal, TeamMember
from services.submission.schemas import ProposalOut
from shared import runtime
from shared.timezone import WIB
from shared.web.auth import CurrentUser
from shared.web.i18n import translate
from shared.web.paging import Page, Window, paginate

FILTERS = ("status", "call_id", "opd_code", "category", "group")
BULK_MAX = 200  # proposals one bulk check takes: a page of the list at its largest
EXPORT_ROWS = 100_000  # a spreadsheet holds a million rows; a city has a few thousand proposals


def visible_query(user: CurrentUser) -> Any:
    """The proposals this user may read, newest change first."""
    query = select(Proposal).order_by(Proposal.updated_at.desc(), Proposal.id.desc())
    if user.role == "operator":
        query = query.where(Proposal.opd_code == user.opd_code)
    elif user.role not in {"admin", "verifier"}:
        mine = select(TeamMember.proposal_id).where(
            TeamMember.user_id == user.id, TeamMember.accepted.is_(True)
        )
        query = query.where((Proposal.innovator_id == user.id) | Proposal.id.in_(mine))
    return query


def filtered(user: CurrentUser, q: str | None = None, **filters: Any) -> Any:
    """The proposals this user may read, filtered by status, call, agency, category or group,
    and by `q`: each of its words in the title, the summary or an aspect's text (a word of one
    or two characters, or of no letter, in the title only), the agency's code or its name (case,
    accents and wildcards ignored)."""
    query = visible_query(user)
    for name in FILTERS:
        if filters.get(name) is not None:
            query = query.where(getattr(Proposal, name) == filters[name])
    names = directory.agency_names() if q else {}
    dialect = runtime.database("submission").engine.dialect.name
    for word in search.words(q):
        codes = [c for c, n in names.items() if word in c.casefold() or word in search.normalise(n)]
        if search.in_text(word):  # the title is part of the text
            query = query.where(
                or_(text_index.holding(word, dialect), Proposal.opd_code.in_(codes))
            )
        else:
            title = func.lower(Proposal.title).contains(word, autoescape=True)
            query = query.where(or_(title, Proposal.opd_code.in_(codes)))
    return query


def status_counts(user: CurrentUser, q: str | None = None, **filters: Any) -> dict[str, int]:
    """How many proposals of each status the list would find with these filters, whatever
    status is chosen (the status filter's own counts)."""
    chosen = {k: v for k, v in filters.items() if k != "status"}
    found = filtered(user, q, **chosen).order_by(None).subquery()
    with runtime.database("submission").session() as s:
        rows = s.execute(select(found.c.status, func.count()).group_by(found.c.status)).all()
    return {str(status): int(n) for status, n in rows}


def choices(user: CurrentUser) -> dict[str, list[str]]:
    """The categories and groups of the proposals this user may read, for the list's selects."""
    seen = visible_query(user).order_by(None).subquery()
    out: dict[str, list[str]] = {}
    with runtime.database("submission").session() as s:
        for name in ("category", "group"):
            column = seen.c[name]
            values = s.scalars(select(column).where(column.is_not(None)).distinct())
            out[name] = sorted({v for v in values if v}, key=str.casefold)
    return out


def selected(user: CurrentUser, ids: list[int]) -> list[ProposalOut]:
    """The proposals of `ids` this user may read, in the list's order (a bulk action's
    selection; an id they may not read is left out)."""
    if not ids:
        return []
    with runtime.database("submission").session() as s:
        query = visible_query(user).where(Proposal.id.in_(ids[:BULK_MAX]))
        return [ProposalOut.of(p) for p in s.scalars(query)]


def visible(user: CurrentUser, limit: int, **filters: Any) -> list[ProposalOut]:
    """The first `limit` proposals this user may read, filtered as `filtered` does (the
    spreadsheet; a person's list reads `visible_page`)."""
    with runtime.database("submission").session() as s:
        return [ProposalOut.of(p) for p in s.scalars(filtered(user, **filters).limit(limit))]


def visible_page(
    user: CurrentUser,
    window: Window,
    *,
    clamp: bool = True,
    counts: dict[str, int] | None = None,
    **filters: Any,
) -> Page[ProposalOut]:
    """One page of the proposals this user may read, filtered as `filtered` does, with the
    number of them all: taken from `counts` (`status_counts` of the same filters) when given,
    rather than counted again (a search reads every row's text to count)."""
    total = None
    if counts is not None:
        status = filters.get("status")
        total = sum(counts.values()) if status is None else counts.get(status, 0)
    with runtime.database("submission").session() as s:
        found = paginate(
            s, filtered(user, **filters), window, clamp=clamp, key=Proposal.id, total=total
        )
        return found.map(ProposalOut.of)


def export(user: CurrentUser, kind: str, **filters: Any) -> tuple[bytes, str, str]:
    """The filtered list the user may read as (bytes, mimetype, file name)."""
    listed = visible(user, EXPORT_ROWS, **filters)
    with runtime.database("submission").session() as s:
        names = {c.id: c.name for c in s.scalars(select(Call))}
    agencies = directory.agency_names()
    table = exporting.rows(
        listed,
        agency=lambda code: agencies.get(code, code),
        call_name=lambda call_id: names.get(call_id, "") if call_id else "",
        label=translate,
    )
    heads = exporting.headings(translate)
    stamp = clock.now().astimezone(WIB).strftime("%Y%m%d-%H%M")
    if kind == "xlsx":
        return exporting.to_xlsx(table, heads), exporting.XLSX_TYPE, f"proposal-{stamp}.xlsx"
    return exporting.to_csv(table, heads), "text/csv; charset=utf-8", f"proposal-{stamp}.csv"
