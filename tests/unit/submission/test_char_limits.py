"""Characters bound what a proposal may carry, counted on the server (pure): a section within its
word limit but padded with enormous words is refused, as is a profile field past its limit."""

from __future__ import annotations

from typing import Any

from services.submission import content
from services.submission.definition import CallDefinition
from tests.support.submission import definition


def call(**aspect: Any) -> CallDefinition:
    base = definition()
    base["aspects"][1] = {**base["aspects"][1], **aspect}
    return CallDefinition.model_validate(base)


def test_a_section_of_few_enormous_words_is_refused_by_its_characters() -> None:
    d = call(max_words=100)
    padded = " ".join(["x" * 5_000] * 10)  # ten words, 50,009 characters
    problems = content.check_shape(d, {"uraian": padded}, {})
    assert problems == [
        ("sections.uraian", "rule.too_many_chars", {"limit": 1_500, "count": len(padded)})
    ]


def test_a_call_s_own_character_limit_wins() -> None:
    d = call(max_chars=40)
    assert content.check_shape(d, {"uraian": "a" * 40}, {}) == []
    ((field, key, values),) = content.check_shape(d, {"uraian": "a" * 41}, {})
    assert (field, key, values["limit"]) == ("sections.uraian", "rule.too_many_chars", 40)


def test_a_section_without_limits_still_has_one() -> None:
    d = call(max_words=None)
    assert content.char_limit(None, None) == content.DEFAULT_CHARS["section"]
    (problem,) = content.check_shape(d, {"uraian": "a " * 10_001}, {})
    assert problem[1] == "rule.too_many_chars"


def test_the_limit_follows_the_word_limit_generously() -> None:
    text = " ".join(["kesejahteraan"] * 200)  # long Indonesian words, within 200 words
    assert content.check_shape(call(max_words=200), {"uraian": text}, {}) == []
