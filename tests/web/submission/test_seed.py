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


def test_seeding_again_keeps_what_the_admin_changed_of_an_evaluator(
    sipinda_env: dict[str, str],
) -> None:
    """Issue 21: `make run` seeds at every start; an admin's edit of a demo evaluator stays."""
    from services.review.models import Evaluator

    with runtime.database("review").session() as s:
        praktisi = s.scalar(select(Evaluator).where(Evaluator.email.like("evaluator.praktisi@%")))
        assert praktisi is not None  # (other tests of this process may have edited it too)
        kept = praktisi.id, praktisi.max_load, list(praktisi.topics)
        praktisi.max_load, praktisi.topics = 3, ["Perhubungan"]
    try:
        list(seed(runtime.settings(), demo=True))
        with runtime.database("review").session() as s:
            again = s.get(Evaluator, kept[0])
            assert again is not None
            assert (again.max_load, again.topics) == (3, ["Perhubungan"])
    finally:  # the other tests of this process meet the demo panel as seeded
        with runtime.database("review").session() as s:
            restored = s.get(Evaluator, kept[0])
            assert restored is not None
            restored.max_load, restored.topics = kept[1], kept[2]


def test_the_demo_panel_has_expertise_to_match_on() -> None:
    """Issue 22: reasons name topics in common and a similarity above zero in the demo."""
    from services.platform.demo import DEMO_USERS

    panel = [u for u in DEMO_USERS if u.evaluator_kind is not None]
    assert len(panel) >= 8
    assert all(u.topics and len(u.expertise.split()) >= 5 for u in panel)
