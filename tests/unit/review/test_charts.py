"""Review progress per evaluator: submitted of held, released ones no longer count."""

from __future__ import annotations

from services.review.charts import progress


def test_progress_counts_what_each_evaluator_holds() -> None:
    rows = [
        ("Dr. Sari", "submitted"), ("Dr. Sari", "assigned"), ("Dr. Sari", "released"),
        ("Budi", "draft"), ("Budi", "submitted"), ("Budi", "submitted"),
        ("Lepas", "released"),
    ]  # fmt: skip
    assert progress(rows) == [("Budi", 2, 3), ("Dr. Sari", 1, 2)]
