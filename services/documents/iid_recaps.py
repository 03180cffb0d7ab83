"""The year's IID recap (Rekapitulasi Indeks Inovasi Daerah), from `iid.recap_requested`: the
index, its predikat and the formula's figures, the region's SPD indicators with the parameter
reached, each reporting innovation's SID score, and what is missing with the index points it
would add. Figures are printed as innovations computed them (2 decimals, the decimal comma);
nothing is recomputed here. One document per year, each request a revision of it; signed by the
head of the agency (the recap's signatory), read by admins and verifiers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from services.documents import contexts, installation
from services.documents.issuing import Press, Request, issue, latest
from services.documents.models import Document
from shared.events import IidRecapRequested
from shared.formats import number

KIND = "iid_rekap"
LANGUAGE = "id"


def subject(year: int) -> str:
    return f"iid:{year}"


def _num(value: Decimal) -> str:
    return number(value, LANGUAGE, 2)


def source(event: IidRecapRequested, city: str) -> dict[str, Any]:
    return {
        "year": event.year, "version": event.structure_version,
        "iid": _num(event.iid), "predikat": event.predikat, "spd": _num(event.spd),
        "sid": _num(event.sid), "n": number(event.n, LANGUAGE), "divisor": event.divisor,
        "count_score": _num(event.count_score), "max_total": _num(event.max_total),
        "spd_rows": [
            {"no": r.no, "name": r.name, "level": r.level, "parameter": r.parameter,
             "score": _num(r.score), "status": r.status}
            for r in event.spd_rows
        ],
        "innovations": [
            {"title": r.title, "opd_name": r.opd_name, "score": _num(r.score)}
            for r in event.innovations
        ],
        "missing": [
            {"no": m.no, "name": m.name, "region": m.region, "units": m.units,
             "gain": _num(m.gain)}
            for m in event.missing
        ],
        "place_date": contexts.place_date(city, event.requested_at),
    }  # fmt: skip


def issue_iid_recap(session: Session, event: IidRecapRequested, press: Press) -> Document | None:
    city = installation.city(session, press.deploy)
    issued = issue(session, Request(
        kind=KIND, subject=subject(event.year), source=source(event, city),
        created=event.requested_at, owner=event.requested_by,
        title=f"{contexts.TITLES[KIND]} Tahun {event.year}",
    ), press)  # fmt: skip
    return issued if issued is not None else latest(session, KIND, subject(event.year))
