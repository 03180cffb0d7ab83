"""The admin's form of a year's IID structure (pure): rows of indicators with their three
parameters, rows of the jumlah inovasi table, rows of predikat bands, read from posted fields
into a `Structure`, with a message key beside each field that is wrong. A blank row is left out;
a row ticked "remove" too; the page always offers one blank row of each kind to add one."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from services.innovations import iid_structure
from services.innovations.iid_structure import (
    LEVELS,
    SETS,
    Band,
    CountScore,
    Indicator,
    Parameter,
    Structure,
)

Problems = dict[str, tuple[str, dict[str, Any]]]
EXAMPLE_FIGURES = ("divisor", "count_scores", "max_total", "bands")


def fields(structure: Structure) -> dict[str, str]:
    """The form's values for a structure (what the page shows first)."""
    out: dict[str, str] = {
        "divisor_floor": str(structure.divisor_floor),
        "max_total": str(structure.max_total),
    }
    for name in EXAMPLE_FIGURES:
        out[f"example-{name}"] = "1" if name in structure.example else ""
    for i, ind in enumerate(structure.indicators):
        p = f"ind-{i}-"
        out |= {p + "no": str(ind.no), p + "set": ind.set, p + "name": ind.name,
                p + "evidence": ind.evidence, p + "mandatory": "1" if ind.mandatory else "",
                p + "example": "1" if ind.example else ""}  # fmt: skip
        for par in ind.parameters:
            out[f"{p}p{par.level}-label"] = par.label
            out[f"{p}p{par.level}-score"] = str(par.score)
    for i, c in enumerate(structure.count_scores):
        out |= {f"count-{i}-at_least": str(c.at_least), f"count-{i}-score": str(c.score)}
    for i, b in enumerate(structure.bands):
        out |= {f"band-{i}-name": b.name, f"band-{i}-low": str(b.low),
                f"band-{i}-high": str(b.high),
                f"band-{i}-disclaimer": "1" if b.disclaimer else ""}  # fmt: skip
    return out


def rows(form: Mapping[str, str], prefix: str) -> list[int]:
    """The row numbers posted for `prefix` ("ind", "count", "band"), in order."""
    found = set()
    for key in form:
        parts = key.split("-")
        if parts[0] == prefix and len(parts) >= 3 and parts[1].isdigit():
            found.add(int(parts[1]))
    return sorted(found)


def _number(
    form: Mapping[str, str], name: str, problems: Problems, *, whole: bool = False
) -> Decimal:
    text = form.get(name, "").strip().replace(",", ".")
    try:
        value = Decimal(text)
        if not value.is_finite() or (whole and value != value.to_integral_value()):
            raise ValueError(text)
    except (ArithmeticError, ValueError):
        problems[name] = ("iid.problem.whole" if whole else "iid.problem.number", {})
        return Decimal(0)
    return value


def _blank(form: Mapping[str, str], prefix: str, names: tuple[str, ...]) -> bool:
    return not any(form.get(prefix + n, "").strip() for n in names)


def read(form: Mapping[str, str], year: int) -> tuple[Structure, Problems]:
    """The structure the form describes (rows in the order typed) and what is wrong with it:
    what was typed, and what `iid_structure.problems` finds, each beside its form field."""
    structure, problems, origins = _read(form, year)
    for key, value in iid_structure.problems(structure).items():
        parts = key.split("-", 2)
        if parts[0] in origins and len(parts) == 3:
            key = f"{parts[0]}-{origins[parts[0]][int(parts[1])]}-{parts[2]}"
        problems.setdefault(key, value)
    return structure, problems


def _read(form: Mapping[str, str], year: int) -> tuple[Structure, Problems, dict[str, list[int]]]:
    problems: Problems = {}
    origins: dict[str, list[int]] = {"ind": [], "band": []}
    indicators = []
    for i in rows(form, "ind"):
        p = f"ind-{i}-"
        if form.get(p + "remove") or _blank(form, p, ("no", "name", "p1-label", "p1-score")):
            continue
        origins["ind"].append(i)
        which = form.get(p + "set", "")
        if which not in SETS:
            problems[p + "set"] = ("iid.problem.set", {})
        parameters = tuple(
            Parameter(level, form.get(f"{p}p{level}-label", "").strip(),
                      _number(form, f"{p}p{level}-score", problems))
            for level in LEVELS
        )  # fmt: skip
        indicators.append(Indicator(
            no=int(_number(form, p + "no", problems, whole=True)), set=which,
            name=form.get(p + "name", "").strip(), evidence=form.get(p + "evidence", "").strip(),
            mandatory=bool(form.get(p + "mandatory")), parameters=parameters,
            example=bool(form.get(p + "example")),
        ))  # fmt: skip
    counts = []
    for i in rows(form, "count"):
        p = f"count-{i}-"
        if form.get(p + "remove") or _blank(form, p, ("at_least", "score")):
            continue
        counts.append(CountScore(int(_number(form, p + "at_least", problems, whole=True)),
                                 _number(form, p + "score", problems)))  # fmt: skip
    bands = []
    for i in rows(form, "band"):
        p = f"band-{i}-"
        if form.get(p + "remove") or _blank(form, p, ("name", "low", "high")):
            continue
        origins["band"].append(i)
        if not form.get(p + "name", "").strip():
            problems[p + "name"] = ("iid.problem.required", {})
        bands.append(Band(form.get(p + "name", "").strip(), _number(form, p + "low", problems),
                          _number(form, p + "high", problems),
                          bool(form.get(p + "disclaimer"))))  # fmt: skip
    structure = Structure(
        year=year,
        indicators=tuple(indicators),
        divisor_floor=int(_number(form, "divisor_floor", problems, whole=True)),
        count_scores=tuple(sorted(counts, key=lambda c: c.at_least)),
        max_total=_number(form, "max_total", problems),
        bands=tuple(bands),
        example=frozenset(n for n in EXAMPLE_FIGURES if form.get(f"example-{n}")),
    )
    return structure, problems, origins
