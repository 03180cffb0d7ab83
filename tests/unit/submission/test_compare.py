"""Side-by-side rows of two versions (pure)."""

from __future__ import annotations

from datetime import datetime

from services.submission import compare
from services.submission.call_templates import demo_call
from shared.timezone import WIB

CALL = demo_call(2030, datetime(2030, 1, 1, tzinfo=WIB), datetime(2030, 6, 30, tzinfo=WIB))
LABELS = {"title": "Judul", "attachments": "Lampiran"}


def test_rows_follow_the_call_and_mark_changes() -> None:
    v1 = {"title": "A", "sections": {"signifikansi": "lama", "ringkasan": "sama"},
          "profile": {"urusan": ["Kesehatan"]}, "attachments": []}  # fmt: skip
    v2 = {"title": "A", "sections": {"signifikansi": "baru", "ringkasan": "sama", "lain": "x"},
          "profile": {"urusan": ["Kesehatan", "Sosial"]},
          "attachments": [{"filename": "sk.pdf", "kind": "sk_inovator"}]}  # fmt: skip
    rows = compare.rows(v1, v2, CALL, LABELS)
    by_label = {r.label: r for r in rows}
    assert [r.label for r in rows] == [
        "Judul", "Lampiran", "Ringkasan", "Signifikansi", "Urusan pemerintahan", "lain",
    ]  # fmt: skip
    assert not by_label["Judul"].changed
    assert by_label["Signifikansi"].changed
    assert by_label["Urusan pemerintahan"].right == "Kesehatan, Sosial"
    assert by_label["Lampiran"].right == "sk.pdf (sk_inovator)"
    assert compare.rows(None, v2, None, LABELS)[0].left == ""
