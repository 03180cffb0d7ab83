"""Finding the same innovation again: folded titles, and the likeness that offers duplicates."""

from __future__ import annotations

from services.innovations import matching


def test_a_title_folds_case_accents_spaces_and_punctuation() -> None:
    assert matching.title_key("  SI-Pandu:  Layanan Café ") == "si pandu layanan cafe"


def test_titles_differing_in_spacing_of_a_name_are_alike() -> None:
    assert matching.likeness("SiPanduKu", "Si Pandu Ku") >= 0.5


def test_unrelated_titles_are_not_alike() -> None:
    assert matching.likeness("Jemput bola KTP", "Posyandu remaja") < 0.3


def test_similar_lists_the_alike_best_first_and_leaves_out_the_rest() -> None:
    others = [(1, "Posyandu remaja", "dinkes"), (2, "Jemput Bola KTP Elektronik", "disdukcapil"),
              (3, "Jemput bola KTP", "disdukcapil")]  # fmt: skip
    found = matching.similar("Jemput bola KTP", others)
    assert [c.innovation_id for c in found] == [3, 2]
