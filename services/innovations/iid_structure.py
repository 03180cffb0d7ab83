"""The shape of one year's Indeks Inovasi Daerah (pure): its indicators (SPD, scored once for the
region; SID, scored for each innovation), each with three ordinal parameters and the evidence
they need; the formula's figures (the SID divisor's floor `d`, the jumlah inovasi table, the
maximum total score) and the predikat bands. Stored as JSON, one version per change
(`models/iid.py`); every figure DOMAIN.md marks unconfirmed carries `example`.

Figures are `Decimal` end to end: a score of 1.68 stays 1.68, never 1.6799999."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

SPD = "SPD"
SID = "SID"
SETS = (SPD, SID)
LEVELS = (1, 2, 3)


@dataclass(frozen=True)
class Parameter:
    """One of an indicator's three ordinal parameters: what it takes and what it scores."""

    level: int
    label: str
    score: Decimal


@dataclass(frozen=True)
class Indicator:
    no: int
    set: str  # SPD or SID
    name: str
    evidence: str  # the bukti dukung asked for
    mandatory: bool
    parameters: tuple[Parameter, ...]
    example: bool = False  # name, parameters or scores not confirmed by the year's juknis

    def score(self, level: int | None) -> Decimal:
        for p in self.parameters:
            if p.level == level:
                return p.score
        return Decimal(0)

    @property
    def top(self) -> Decimal:
        return max((p.score for p in self.parameters), default=Decimal(0))


@dataclass(frozen=True)
class CountScore:
    """The jumlah inovasi score: `score` from `at_least` innovations on."""

    at_least: int
    score: Decimal


@dataclass(frozen=True)
class Band:
    """A predikat between `low` and `high` inclusive (2 decimals); `disclaimer` for nothing."""

    name: str
    low: Decimal
    high: Decimal
    disclaimer: bool = False


@dataclass(frozen=True)
class Structure:
    year: int
    indicators: tuple[Indicator, ...]
    divisor_floor: int  # d in MAX(d, n)
    count_scores: tuple[CountScore, ...]
    max_total: Decimal
    bands: tuple[Band, ...]
    # Which of the formula's figures are examples: "divisor", "count_scores", "max_total",
    # "bands" (the 2023 predikat bands are confirmed, DOMAIN §2).
    example: frozenset[str] = field(default_factory=frozenset)

    def of_set(self, which: str) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.set == which)

    def indicator(self, no: int) -> Indicator | None:
        return next((i for i in self.indicators if i.no == no), None)

    @property
    def has_examples(self) -> bool:
        return bool(self.example) or any(i.example for i in self.indicators)


def reachable(structure: Structure) -> Decimal:
    """The highest SPD + SID a region can reach (every parameter at its top, the best count)."""
    spd = sum((i.top for i in structure.of_set(SPD)), Decimal(0))
    sid = sum((i.top for i in structure.of_set(SID)), Decimal(0))
    best = max((c.score for c in structure.count_scores), default=Decimal(0))
    return spd + sid + best


def problems(structure: Structure) -> dict[str, tuple[str, dict[str, Any]]]:
    """What is wrong with a structure, by field name of the admin's form (empty: it is fine)."""
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    numbers = [i.no for i in structure.indicators]
    for index, ind in enumerate(structure.indicators):
        if not ind.name.strip():
            found[f"ind-{index}-name"] = ("iid.problem.required", {})
        if numbers.count(ind.no) > 1:
            found[f"ind-{index}-no"] = ("iid.problem.duplicate_no", {"no": ind.no})
        scores = [p.score for p in ind.parameters]
        if any(s < 0 for s in scores):
            found[f"ind-{index}-score"] = ("iid.problem.negative", {})
        elif scores != sorted(scores):
            found[f"ind-{index}-score"] = ("iid.problem.not_ordinal", {})
        for p in ind.parameters:
            if not p.label.strip():
                found[f"ind-{index}-p{p.level}-label"] = ("iid.problem.required", {})
    if not structure.of_set(SID):
        found["indicators"] = ("iid.problem.no_sid", {})
    if structure.divisor_floor < 1:
        found["divisor_floor"] = ("iid.problem.at_least_one", {})
    if structure.max_total <= 0:
        found["max_total"] = ("iid.problem.positive", {})
    elif reachable(structure) > structure.max_total:
        found["max_total"] = (
            "iid.problem.max_below_reachable",
            {"reachable": reachable(structure)},
        )
    for index, band in enumerate(structure.bands):
        if band.low > band.high:
            found[f"band-{index}-low"] = ("iid.problem.band_order", {})
    if not any(b.disclaimer for b in structure.bands):
        found["bands"] = ("iid.problem.no_disclaimer", {})
    return found


# --- JSON (what the versions table stores) -------------------------------------------------


def to_json(structure: Structure) -> dict[str, Any]:
    return {
        "year": structure.year,
        "divisor_floor": structure.divisor_floor,
        "max_total": str(structure.max_total),
        "example": sorted(structure.example),
        "count_scores": [{"at_least": c.at_least, "score": str(c.score)}
                         for c in structure.count_scores],
        "bands": [{"name": b.name, "low": str(b.low), "high": str(b.high),
                   "disclaimer": b.disclaimer} for b in structure.bands],
        "indicators": [
            {"no": i.no, "set": i.set, "name": i.name, "evidence": i.evidence,
             "mandatory": i.mandatory, "example": i.example,
             "parameters": [{"level": p.level, "label": p.label, "score": str(p.score)}
                            for p in i.parameters]}
            for i in structure.indicators
        ],
    }  # fmt: skip


def decimal(text: object) -> Decimal:
    """A figure as typed: "1,5" and "1.5" alike; ValueError when it is no number."""
    try:
        found = Decimal(str(text).strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(text) from None
    if not found.is_finite():
        raise ValueError(text)
    return found


def from_json(data: Mapping[str, Any]) -> Structure:
    return Structure(
        year=int(data["year"]),
        divisor_floor=int(data["divisor_floor"]),
        max_total=decimal(data["max_total"]),
        example=frozenset(data.get("example", ())),
        count_scores=tuple(CountScore(int(c["at_least"]), decimal(c["score"]))
                           for c in data["count_scores"]),
        bands=tuple(Band(b["name"], decimal(b["low"]), decimal(b["high"]),
                         bool(b.get("disclaimer"))) for b in data["bands"]),
        indicators=tuple(
            Indicator(
                no=int(i["no"]), set=i["set"], name=i["name"], evidence=i.get("evidence", ""),
                mandatory=bool(i.get("mandatory")), example=bool(i.get("example")),
                parameters=tuple(Parameter(int(p["level"]), p["label"], decimal(p["score"]))
                                 for p in i["parameters"]),
            )
            for i in data["indicators"]
        ),
    )  # fmt: skip
