"""Agencies (OPD) and their tree: the Cilegon seed, and the upsert that announces each change."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.identity.models import OUTBOX, Agency
from shared import outbox
from shared.directory import lineage, related
from shared.events import AgencyChanged

__all__ = ["AgencyRow", "agency_parents", "cilegon_agencies", "get_agency", "lineage", "related"]


@dataclass(frozen=True)
class AgencyRow:
    code: str
    name: str
    kind: str
    parent_code: str | None


def cilegon_agencies() -> list[AgencyRow]:
    """Kota Cilegon's agencies, kecamatan and kelurahan (see DOMAIN.md §4), parents first."""
    text = (
        resources.files("services.identity")
        .joinpath("seed/cilegon_agencies.csv")
        .read_text("utf-8")
    )
    rows = [
        AgencyRow(r["code"], r["name"], r["kind"], r["parent_code"] or None)
        for r in csv.DictReader(text.splitlines())
    ]
    known: set[str] = set()
    ordered: list[AgencyRow] = []
    pending = rows
    while pending:
        ready = [r for r in pending if r.parent_code is None or r.parent_code in known]
        if not ready:
            raise ValueError(f"agencies with unknown parents: {[r.code for r in pending]}")
        ordered += ready
        known |= {r.code for r in ready}
        pending = [r for r in pending if r.code not in known]
    return ordered


def get_agency(session: Session, code: str) -> Agency | None:
    return session.get(Agency, code)


def agency_parents(session: Session) -> dict[str, str | None]:
    return {
        code: parent for code, parent in session.execute(select(Agency.code, Agency.parent_code))
    }


def agency_event(agency: Agency) -> AgencyChanged:
    return AgencyChanged(
        code=agency.code, agency_name=agency.name, kind=agency.kind, parent_code=agency.parent_code
    )


def announce(session: Session, agencies: Iterable[Agency]) -> None:
    """Publish the state of `agencies` to every service's read model."""
    events = [agency_event(a) for a in agencies]
    if events:
        outbox.publish_all(session, OUTBOX, events)


def upsert_agencies(session: Session, rows: Iterable[AgencyRow]) -> int:
    """Insert missing agencies and update changed ones (rows come parents first), announcing
    each; returns how many were new."""
    count = 0
    touched: list[Agency] = []
    for row in rows:
        agency = session.get(Agency, row.code)
        if agency is None:
            agency = Agency(
                code=row.code, name=row.name, kind=row.kind, parent_code=row.parent_code
            )
            session.add(agency)
            session.flush()
            count += 1
        elif (agency.name, agency.kind, agency.parent_code) == (
            row.name,
            row.kind,
            row.parent_code,
        ):
            continue
        else:
            agency.name, agency.kind, agency.parent_code = row.name, row.kind, row.parent_code
        touched.append(agency)
    session.flush()
    announce(session, touched)
    return count


def announce_all(session: Session) -> int:
    """Publish every agency again (a read model rebuilt, a database from before the events)."""
    agencies = list(session.scalars(select(Agency).order_by(Agency.code)))
    announce(session, agencies)
    return len(agencies)
