"""The assignment problem and its result as data, and the `sipinda assign` JSON format; pure.

`matching.solve` solves a `Problem`; `incremental` builds them for one proposal at a time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from services.review.reasons import Reason, said


@dataclass(frozen=True)
class Proposal:
    """A proposal to review: its agency, topics and text."""

    id: str
    opd: str | None = None
    topics: tuple[str, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class Reviewer:
    """A reviewer: agency, expertise, kind, loads and institution."""

    id: str
    opd: str | None = None
    topics: tuple[str, ...] = ()
    text: str = ""
    kind: str = ""
    min_load: int = 0
    max_load: int = 6
    institution: str | None = None


@dataclass(frozen=True)
class Rule:
    """At least `min` and at most `max` reviewers of `kind` on every proposal."""

    kind: str
    min: int = 0
    max: int | None = None


@dataclass(frozen=True)
class Problem:
    """An assignment instance: `k` reviewers for every proposal, under its rules."""

    k: int
    proposals: Sequence[Proposal]
    reviewers: Sequence[Reviewer]
    conflicts: frozenset[tuple[str, str]] = frozenset()
    opd_parents: Mapping[str, str] = field(default_factory=dict)
    composition: Sequence[Rule] = ()
    scores: Mapping[tuple[str, str], float] | None = None
    topic_weight: float = 0.5
    text_weight: float = 0.5
    keep: int | None = None  # candidates per proposal; None: all pairs on small instances
    one_per_institution: bool = False  # at most one reviewer of an institution per proposal


@dataclass(frozen=True)
class Pick:
    """One reviewer given to one proposal, with its score and why."""

    proposal: str
    reviewer: str
    score: float
    reasons: tuple[Reason, ...]  # codes with values (services/review/reasons.py)


@dataclass(frozen=True)
class Result:
    """The solver's answer: optimal with its picks, or infeasible with the reason."""

    status: str  # "optimal" | "infeasible"
    objective: float
    assignments: tuple[Pick, ...]
    message: str
    candidates_per_proposal: int = 0

    def to_json(self) -> dict[str, object]:
        """The `sipinda assign --output` format."""
        return {
            "status": self.status,
            "objective": round(self.objective, 9),
            "assignments": [
                {
                    "proposal": a.proposal,
                    "reviewer": a.reviewer,
                    "score": a.score,
                    "reasons": said(a.reasons),
                }
                for a in self.assignments
            ],
            "message": self.message,
        }


class Infeasible(Exception):  # noqa: N818 - reads as a result, not an error
    """The instance has no assignment; the message names the binding constraint."""


def problem_from_json(data: Mapping[str, object]) -> Problem:
    """The `sipinda assign --input` format (see the issue and README) into a `Problem`."""

    def items(key: str) -> list[dict[str, object]]:
        value = data.get(key) or []
        if not isinstance(value, list):
            raise ValueError(f"{key} harus berupa daftar")
        return value

    def topics(x: Mapping[str, object]) -> tuple[str, ...]:
        return tuple(str(t) for t in x.get("topics") or [])  # type: ignore[attr-defined]

    proposals = [
        Proposal(str(p["id"]), _opt(p.get("opd")), topics(p), str(p.get("text") or ""))
        for p in items("proposals")
    ]
    reviewers = [
        Reviewer(
            str(r["id"]), _opt(r.get("opd")), topics(r), str(r.get("text") or ""),
            str(r.get("kind") or ""), int(r.get("min_load") or 0),  # type: ignore[call-overload]
            int(r.get("max_load") if r.get("max_load") is not None else 6),  # type: ignore[call-overload]
            _opt(r.get("institution")),
        )
        for r in items("reviewers")
    ]  # fmt: skip
    scores_raw = data.get("scores")
    scores = None
    if scores_raw is not None:
        scores = {}
        for pid, rid, value in scores_raw:  # type: ignore[attr-defined]
            number = float(value)
            if not math.isfinite(number):
                raise ValueError("skor harus berupa bilangan")
            scores[(str(pid), str(rid))] = number
    parents = data.get("opd_parents") or {}
    return Problem(
        k=int(data.get("k", 3)),  # type: ignore[call-overload]
        proposals=proposals,
        reviewers=reviewers,
        conflicts=frozenset((str(p), str(r)) for p, r in data.get("conflicts") or []),  # type: ignore[attr-defined]
        opd_parents={str(c): str(p) for c, p in parents.items()},  # type: ignore[attr-defined]
        composition=[
            Rule(str(c["kind"]), _opt_int(c.get("min")) or 0, _opt_int(c.get("max")))
            for c in items("composition")
        ],
        scores=scores,
        one_per_institution=bool(data.get("one_per_institution", False)),
    )


def _opt(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def _opt_int(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]
