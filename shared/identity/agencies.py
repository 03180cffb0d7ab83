"""The agency tree: pure helpers over (code → parent) maps, and the Cilegon seed."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class AgencyRow:
    code: str
    name: str
    kind: str
    parent_code: str | None


def cilegon_agencies() -> list[AgencyRow]:
    """Kota Cilegon's agencies, kecamatan and kelurahan (see DOMAIN.md §4), parents first."""
    text = (
        resources.files("shared.identity").joinpath("seed/cilegon_agencies.csv").read_text("utf-8")
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


def lineage(code: str, parents: Mapping[str, str | None]) -> list[str]:
    """`code` and its ancestors, nearest first."""
    chain: list[str] = []
    current: str | None = code
    while current is not None and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return chain


def related(a: str | None, b: str | None, parents: Mapping[str, str | None]) -> bool:
    """True when `a` and `b` are the same agency, or one is an ancestor of the other."""
    if a is None or b is None:
        return False
    return a in lineage(b, parents) or b in lineage(a, parents)
