"""Word counts, required fields, options and attachments against a call (pure)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pydantic import ValidationError

from services.submission.call_templates import demo_call
from services.submission.content import age_years, check_complete, check_shape, count_words
from services.submission.definition import CallDefinition
from shared.timezone import WIB

CALL = demo_call(2030, datetime(2030, 1, 1, tzinfo=WIB), datetime(2030, 6, 30, 23, 59, 59))


def fields(problems: list[tuple[str, str, dict[str, object]]]) -> dict[str, str]:
    return {f: k for f, k, _ in problems}


@pytest.mark.parametrize(
    ("text", "n"), [("", 0), ("satu", 1), ("  dua\nkata ", 2), ("a-b c,d", 2), ("x\t y \u00a0z", 3)]
)
def test_count_words(text: str, n: int) -> None:
    assert count_words(text) == n


def test_the_demo_call_is_kipp_2023_with_the_kemendagri_profile() -> None:
    weights = {a.key: a.weight for a in CALL.aspects}
    assert weights == {
        "ringkasan": 0.0,
        "latar_belakang": 0.10,
        "kebaruan": 0.15,
        "implementasi": 0.05,
        "signifikansi": 0.30,
        "adaptabilitas": 0.20,
        "sumber_daya": 0.05,
        "keberlanjutan": 0.15,
    }
    assert sum(weights.values()) == pytest.approx(1.0)
    ringkasan = CALL.aspects[0]
    assert ringkasan.max_words == 200
    assert not ringkasan.supporting_files
    assert all(a.supporting_files for a in CALL.aspects[1:])
    profile = {f.key: f for f in CALL.profile}
    assert profile["rancang_bangun"].min_words == 300
    assert set(profile) >= {
        "tahapan",
        "inisiator",
        "jenis",
        "bentuk",
        "urusan",
        "tematik",
        "waktu_uji_coba",
        "waktu_penerapan",
        "tujuan",
        "manfaat",
        "hasil",
    }
    assert CALL.closes_at.tzinfo is not None  # a naive time was taken as WIB
    assert CALL.closes_at.utcoffset().total_seconds() == 7 * 3600  # type: ignore[union-attr]


def test_ringkasan_of_201_words_is_refused_even_in_a_draft() -> None:
    ok = check_shape(CALL, {"ringkasan": "kata " * 200}, {})
    over = check_shape(CALL, {"ringkasan": "kata " * 201}, {})
    assert ok == []
    assert over == [("sections.ringkasan", "rule.too_many_words", {"limit": 200, "count": 201})]


def test_rancang_bangun_needs_300_words_at_submit_not_in_a_draft() -> None:
    short = {"rancang_bangun": "kata " * 299}
    assert check_shape(CALL, {}, short) == []
    problems = fields(check_complete(CALL, {}, short, [], category=None, group=None))
    assert problems["profile.rancang_bangun"] == "rule.too_few_words"
    enough = fields(
        check_complete(CALL, {}, {"rancang_bangun": "kata " * 300}, [], category=None, group=None)
    )
    assert "profile.rancang_bangun" not in enough


def test_shape_problems() -> None:
    problems = fields(
        check_shape(
            CALL,
            {"tidak_ada": "x", "kebaruan": 5},
            {
                "jenis": "Analog",
                "urusan": ["Kesehatan", "Bukan urusan"],
                "waktu_penerapan": "kemarin",
            },
        )
    )
    assert problems == {
        "sections.tidak_ada": "field.unknown",
        "sections.kebaruan": "field.type",
        "profile.jenis": "rule.not_an_option",
        "profile.urusan": "rule.not_an_option",
        "profile.waktu_penerapan": "rule.not_a_date",
    }


def test_complete_needs_every_required_part() -> None:
    problems = fields(check_complete(CALL, {}, {}, [], category=None, group=None))
    assert problems["sections.ringkasan"] == "field.required"
    assert problems["profile.tahapan"] == "field.required"
    assert problems["attachments.sk_inovator"] == "rule.attachment_missing"
    assert problems["attachments.aspect:signifikansi"] == "rule.supporting_missing"
    assert "attachments.aspect:ringkasan" not in problems  # no supporting data for it
    assert "attachments.anggaran" not in problems  # optional
    assert problems["category"] == "field.required"


def test_age_in_years() -> None:
    assert age_years("2028-06-30", date(2030, 6, 30)) == pytest.approx(2.0, abs=0.01)
    assert age_years(None, date(2030, 1, 1)) is None
    assert age_years("bukan", date(2030, 1, 1)) is None


@pytest.mark.parametrize(
    "change",
    [
        {"closes_at": "2029-01-01T00:00:00"},
        {"scale_min": 10, "scale_max": 5},
        {"aspects": [{"key": "a", "title": "A"}, {"key": "a", "title": "B"}]},
        {"profile": [{"key": "x", "label": "X", "kind": "choice"}]},
        {"aspects": [{"key": "a", "title": "A", "min_words": 10, "max_words": 5}]},
        {"aspects": [{"key": "Bad Key", "title": "A"}]},
    ],
)
def test_an_inconsistent_call_is_refused(change: dict[str, object]) -> None:
    base = {
        "name": "X",
        "year": 2030,
        "opens_at": "2030-01-01T00:00:00",
        "closes_at": "2030-02-01T00:00:00",
        "aspects": [{"key": "a", "title": "A", "weight": 1.0}],
    }
    CallDefinition.model_validate(base)
    with pytest.raises(ValidationError):
        CallDefinition.model_validate({**base, **change})


def test_deadline_with_an_extension() -> None:
    later = datetime(2030, 7, 3, 12, 0, tzinfo=WIB)
    assert CALL.deadline() == CALL.closes_at
    assert CALL.deadline(later) == later
    assert CALL.deadline(datetime(2030, 1, 2, tzinfo=WIB)) == CALL.closes_at
