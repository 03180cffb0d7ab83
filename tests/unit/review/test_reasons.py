"""Why an evaluator was given a proposal: stored as codes with values, said in the reader's
language with its numbers written the way that language writes them (issue 20)."""

from __future__ import annotations

import pytest

from services.review import reasons as why
from shared.web.i18n import known

EVERY = (
    why.topics(["kesehatan", "gizi"]),
    why.score(0.12345),
    why.load_of_most(2, 5),
    why.load(2, 5),
    why.similarity(0.5, 0.25),
    why.avoided(1),
    why.no_conflict(),
    why.institution("Untirta"),
    why.manual("permintaan ketua tim"),
)


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_reason_has_words_in_both_languages(language: str) -> None:
    assert [code for code, _ in EVERY if not known(f"review.reason.{code}", language)] == []


def test_a_stored_reason_reads_in_indonesian_with_a_decimal_comma() -> None:
    stored = why.encode([why.topics(["kesehatan"]), why.similarity(0.5, 0.1234), why.load(1, 4)])
    assert why.describe(stored, "id") == (
        "topik sama: kesehatan; kemiripan teks 0,500, skor 0,123; beban 1 dari 4"
    )


def test_the_same_stored_reason_reads_in_english_with_a_decimal_point() -> None:
    stored = why.encode([why.topics(["kesehatan"]), why.similarity(0.5, 0.1234), why.load(1, 4)])
    assert why.describe(stored, "en") == (
        "topics in common: kesehatan; text similarity 0.500, score 0.123; load 1 of 4"
    )


def test_the_batch_solver_s_reasons_keep_their_four_decimals_in_either_language() -> None:
    stored = why.encode(
        [why.score(0.123456), why.load_of_most(2, 5), why.avoided(1), why.institution("Untirta")]
    )
    assert why.describe(stored, "id") == (
        "skor 0,1235; beban 2 dari maksimum 5; 1 evaluator dihindari karena konflik; "
        "satu-satunya dari institusi Untirta"
    )
    assert why.describe(stored, "en") == (
        "score 0.1235; load 2 of at most 5; 1 evaluator(s) passed over for a conflict; "
        "the only one from Untirta"
    )


def test_a_reason_stored_before_codes_is_shown_as_it_was_written() -> None:
    old = "kemiripan teks 0,000, skor 0,000; beban 0 dari 10; tanpa konflik instansi"
    assert why.describe(old, "en") == old
    assert why.as_data(old) == []
    assert why.describe(None, "id") == ""


def test_a_stored_plan_s_reasons_come_back_the_same() -> None:
    """A batch plan keeps its picks as JSON: lists, not tuples, and maybe old strings."""
    again = why.normalised([["score", {"score": 0.5}], "tanpa konflik instansi"])
    assert again == (("score", {"score": 0.5}), ("text", {"text": "tanpa konflik instansi"}))
    assert why.describe(why.encode(again), "en") == "score 0.5000; tanpa konflik instansi"


def test_an_unknown_code_shows_its_values_never_a_key() -> None:
    assert why.describe(why.encode([("later", {"what": "x"})]), "en") == "x"


def test_the_api_gets_each_code_with_its_values() -> None:
    stored = why.encode([why.avoided(2), why.no_conflict()])
    assert why.as_data(stored) == [{"code": "avoided", "count": 2}, {"code": "no_conflict"}]
