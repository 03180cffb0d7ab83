"""Choosing evaluators for one proposal: pure policy, no session, no Celery, no Flask.

Rules, in order: never an evaluator whose home agency is the proposal's agency, one of its
ancestors or one of its descendants (a kelurahan's kecamatan judging its kelurahan, Setda
judging its Bagian); never one already at `max_load`; then the least loaded first, ties broken
by the smaller id so the same input always gives the same choice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass

from shared.identity.agencies import related


@dataclass(frozen=True)
class Candidate:
    """An active evaluator as the chooser sees them (ids are unique: they are primary keys)."""

    id: int
    opd_code: str | None
    max_load: int = 10


@dataclass(frozen=True)
class Choice:
    """A chosen evaluator, their load before this proposal, and the explanation kept with it."""

    evaluator_id: int
    load: int
    max_load: int
    reason: str


class NotEnoughEvaluators(Exception):  # noqa: N818 - the name callers already use; reads as a state
    """Fewer conflict-free evaluators with spare capacity than the proposal needs."""

    def __init__(self, available: int, needed: int) -> None:
        self.available = available
        self.needed = needed
        super().__init__(
            f"hanya {available} evaluator tanpa konflik tersedia, dibutuhkan {needed} "
            f"(only {available} conflict-free evaluators available, {needed} needed)"
        )


def explain(load: int, max_load: int) -> str:
    return f"beban {load} dari {max_load}; tanpa konflik instansi"


def choose_evaluators(
    proposal_opd: str,
    candidates: Sequence[Candidate],
    loads: Mapping[int, int],
    parents: Mapping[str, str | None],
    k: int,
    exclude: Set[int] = frozenset(),
) -> list[Choice]:
    """The `k` evaluators to assign, least loaded first; raises `NotEnoughEvaluators`.

    `loads` maps evaluator id → assignments held (missing means none); `parents` is the agency
    tree (code → parent code); `exclude` holds ids that must not be chosen (e.g. already
    assigned to this proposal).
    """
    if k < 0:
        raise ValueError(f"k must not be negative, got {k}")
    eligible = sorted(
        (
            c
            for c in candidates
            if c.id not in exclude
            and loads.get(c.id, 0) < c.max_load
            and not related(c.opd_code, proposal_opd, parents)
        ),
        key=lambda c: (loads.get(c.id, 0), c.id),
    )
    if len(eligible) < k:
        raise NotEnoughEvaluators(len(eligible), k)
    return [
        Choice(c.id, loads.get(c.id, 0), c.max_load, explain(loads.get(c.id, 0), c.max_load))
        for c in eligible[:k]
    ]
