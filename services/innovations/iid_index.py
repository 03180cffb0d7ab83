"""The Indeks Inovasi Daerah's arithmetic (pure, DOMAIN.md §2):

    SID_j = Σ over SID indicators of the score of the parameter reached (accepted evidence only)
    SPD   = Σ over SPD indicators likewise
    SID   = [Σ_j SID_j] / MAX(d, n) + skor jumlah inovasi(n)
    IID   = (SPD + SID) / skor total maksimum × 100

Exact `Decimal` sums; each figure shown (SPD, SID, IID) is rounded half-up to 2 decimals, as the
national system shows them, and the predikat is read from the rounded IID so that its band edges
are exact (35.00 is Inovatif, 34.99 Kurang Inovatif). Nothing accepted at all: disclaimer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from services.innovations.iid_structure import SID, SPD, Band, Structure

CENT = Decimal("0.01")
Accepted = Mapping[int, int]  # indicator number → the parameter level accepted


def rounded(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def set_score(structure: Structure, which: str, accepted: Accepted) -> Decimal:
    """Σ over the set's indicators of the accepted parameter's score (0 where none is)."""
    return sum((i.score(accepted.get(i.no)) for i in structure.of_set(which)), Decimal(0))


def innovation_score(structure: Structure, accepted: Accepted) -> Decimal:
    return set_score(structure, SID, accepted)


def count_score(structure: Structure, n: int) -> Decimal:
    """The jumlah inovasi score for n innovations: the best row n reaches (0 below the first)."""
    reached = [c.score for c in structure.count_scores if n >= c.at_least]
    return max(reached, default=Decimal(0))


def divisor(structure: Structure, n: int) -> int:
    return max(structure.divisor_floor, n)


def predikat(structure: Structure, iid: Decimal, reported: bool = True) -> Band:
    """The year's band holding `iid` (2 decimals); the disclaimer when nothing was reported or
    the index is 0, or when no band holds it."""
    disclaimer = next(b for b in structure.bands if b.disclaimer)
    if not reported or iid <= 0:
        return disclaimer
    value = rounded(iid)
    for band in structure.bands:
        if not band.disclaimer and band.low <= value <= band.high:
            return band
    return disclaimer


@dataclass(frozen=True)
class Index:
    spd: Decimal  # rounded
    sid: Decimal  # rounded
    sid_sum: Decimal  # Σ_j SID_j, exact
    n: int
    divisor: int
    count_score: Decimal
    iid: Decimal  # rounded
    exact: Decimal  # the IID before rounding (what gains compare)
    band: Band


def index(structure: Structure, spd: Accepted, innovations: Sequence[Accepted]) -> Index:
    """The region's index from the SPD parameters accepted and each innovation's."""
    n = len(innovations)
    spd_value = set_score(structure, SPD, spd)
    sid_sum = sum((innovation_score(structure, a) for a in innovations), Decimal(0))
    counted = count_score(structure, n)
    sid_value = sid_sum / divisor(structure, n) + counted
    exact = (spd_value + sid_value) / structure.max_total * 100
    reported = bool(spd_value or sid_sum)
    iid = rounded(exact) if reported else Decimal("0.00")
    return Index(
        spd=rounded(spd_value), sid=rounded(sid_value) if reported else Decimal("0.00"),
        sid_sum=sid_sum, n=n, divisor=divisor(structure, n), count_score=counted, iid=iid,
        exact=exact if reported else Decimal(0), band=predikat(structure, iid, reported),
    )  # fmt: skip


@dataclass(frozen=True)
class Missing:
    """One indicator's missing items: who lacks accepted evidence, and what accepting all of
    them (at the parameter each claims, the lowest when none is claimed) adds to the IID."""

    indicator_no: int
    units: tuple[int, ...]  # innovation ids (SID) or (0,) for the region (SPD)
    gain: Decimal  # index points, rounded


def gains(
    structure: Structure,
    spd: Accepted,
    spd_claimed: Accepted,
    innovations: Mapping[int, Accepted],
    claimed: Mapping[int, Accepted],
) -> list[Missing]:
    """What is missing, indicator by indicator, the largest gain first. The gain is linear in
    each item (the divisor and the jumlah inovasi score do not move), so an indicator's gain is
    the sum of its items' scores over the divisor, as index points."""
    order = sorted(innovations)
    per_point = Decimal(100) / structure.max_total
    div = divisor(structure, len(order))
    found: list[Missing] = []
    for ind in structure.of_set(SPD):
        if ind.no not in spd:
            level = spd_claimed.get(ind.no) or 1
            found.append(Missing(ind.no, (0,), rounded(ind.score(level) * per_point)))
    for ind in structure.of_set(SID):
        lacking = tuple(j for j in order if ind.no not in innovations[j])
        if not lacking:
            continue
        total = sum((ind.score(claimed.get(j, {}).get(ind.no) or 1) for j in lacking), Decimal(0))
        found.append(Missing(ind.no, lacking, rounded(total / div * per_point)))
    return sorted(found, key=lambda m: (-m.gain, m.indicator_no))


def levels(rows: Iterable[tuple[int, int | None]]) -> dict[int, int]:
    """Indicator → level from (indicator, level) rows, leaving out rows without a level."""
    return {no: level for no, level in rows if level}
