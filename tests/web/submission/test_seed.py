"""The demo call is seeded once, from the two templates, and a second seed changes nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from services.platform.seed import seed
from services.submission.models import Call, CallVersion
from shared import runtime


def count(model: type) -> int:
    with runtime.database("submission").session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_seeding_again_keeps_one_demo_call(sipinda_env: dict[str, str]) -> None:
    with runtime.database("submission").session() as s:
        demo = s.scalar(select(Call).where(Call.name.like("Kompetisi Inovasi Daerah%")))
        assert demo is not None
        keys = [a["key"] for a in demo.definition["aspects"]]
        fields = [f["key"] for f in demo.definition["profile"]]
    assert keys[0] == "ringkasan"
    assert len(keys) == 8
    assert "rancang_bangun" in fields
    before = count(Call), count(CallVersion)
    lines = list(seed(runtime.settings(), demo=True))
    (call_line,) = [line for line in lines if "demo call" in line or "Kompetisi" in line]
    assert call_line.endswith("(exists)")
    assert lines[-1] == "seed: 0 deliveries of identity's events"  # nothing new to announce
    assert (count(Call), count(CallVersion)) == before
