"""The score recap: proposals × evaluators, mean, calibrated score (`shared.calibration`),
rank per category, and the geometry of its bar chart. Pure."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from shared.calibration import DISAGREEMENT, calibrated, disagrees
from shared.formats import number, percent


@dataclass(frozen=True)
class Score:
    proposal_id: int
    evaluator_id: int
    evaluator_name: str
    total: float
    aspects: Mapping[str, float] = field(default_factory=dict)  # each scored aspect's score


@dataclass(frozen=True)
class Entry:
    proposal_id: int
    title: str
    opd_name: str
    category: str


def calibrate(scores: Iterable[Score]) -> dict[int, float]:
    """Proposal id → calibrated score (rounded to 2 places): `shared.calibration`, the same
    number as the ranking page's."""
    found = calibrated((s.proposal_id, s.evaluator_id, s.total) for s in scores)
    return {p: round(v, 2) for p, v in found.items()}


@dataclass(frozen=True)
class Scale:
    """The call's score scale and the share of it past which reviews disagree."""

    low: int = 1
    high: int = 10
    disagreement: float = DISAGREEMENT


def recap_rows(
    entries: Iterable[Entry], scores: Iterable[Score], scale: Scale = Scale()
) -> dict[str, Any]:
    """The recap table: evaluator columns, and per category the ranked rows, each with the
    disagreement flag the ranking page shows (`shared.calibration.disagrees`)."""
    scores = list(scores)
    evaluators = sorted({(s.evaluator_id, s.evaluator_name) for s in scores})
    calibrated = calibrate(scores)
    by_proposal: dict[int, dict[int, float]] = defaultdict(dict)
    by_aspect: dict[int, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for s in scores:
        by_proposal[s.proposal_id][s.evaluator_id] = s.total
        for key, score in s.aspects.items():
            by_aspect[s.proposal_id][key].append(score)
    categories: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in entries:
        given = by_proposal.get(entry.proposal_id, {})
        categories[entry.category].append(
            {
                "proposal_id": entry.proposal_id,
                "title": entry.title,
                "opd_name": entry.opd_name,
                "scores": [_fmt(given.get(e_id)) for e_id, _ in evaluators],
                "mean": round(statistics.fmean(given.values()), 2) if given else None,
                "calibrated": calibrated.get(entry.proposal_id),
                "disagreement": disagrees(
                    given.values(),
                    scale.low,
                    scale.high,
                    scale.disagreement,
                    by_aspect[entry.proposal_id].values(),
                ),
            }
        )
    ranked = []
    # "" is "no category" (worded by the templates: pdf.category.general), listed last
    for category in sorted(categories, key=lambda name: (name == "", name)):
        rows = sorted(
            categories[category],
            key=lambda r: (r["calibrated"] is None, -(r["calibrated"] or 0), r["proposal_id"]),
        )
        for rank, row in enumerate(rows, start=1):
            row["rank"] = rank if row["calibrated"] is not None else None
        ranked.append({"name": category, "rows": rows, "chart": chart(rows)})
    return {
        "evaluators": [name for _, name in evaluators],
        "categories": ranked,
        "disagreement_share": percent(scale.disagreement, "id"),
    }


def _fmt(value: float | None) -> str:
    return "–" if value is None else number(value, "id", 2)


def chart(rows: Sequence[Mapping[str, Any]], width: float = 440, bar: float = 14) -> dict[str, Any]:
    """Horizontal bars of the calibrated scores (at most 15, the best first)."""
    shown = [r for r in rows if r["calibrated"] is not None][:15]
    top = max((float(r["calibrated"]) for r in shown), default=0.0) or 1.0
    label_width, gap = 40.0, 4.0
    bars = [
        {
            "y": i * (bar + gap),
            "width": round((width - label_width - 50) * float(r["calibrated"]) / top, 2),
            "label": f"#{r['proposal_id']}",
            "value": _fmt(float(r["calibrated"])),
        }
        for i, r in enumerate(shown)
    ]
    return {
        "width": width,
        "height": max(len(bars) * (bar + gap), bar),
        "bar": bar,
        "label_width": label_width,
        "bars": bars,
    }
