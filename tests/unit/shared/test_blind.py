"""The blind-review masking rule, pure."""

from __future__ import annotations

from shared.blind import FILE_MASK, MASK, identity_names, masker

NAMES = identity_names("Rina Wulandari", ["Budi Santoso", "Al"], "Dinas Kesehatan", "dinkes")


def test_every_name_is_masked_whatever_its_case() -> None:
    m = masker(NAMES)
    text = "Inovasi RINA WULANDARI dan budi santoso dari Dinas Kesehatan (DINKES)."
    masked = m.text(text)
    assert masked == f"Inovasi {MASK} dan {MASK} dari {MASK} ({MASK})."
    assert not m.names(masked)


def test_the_longest_name_wins_so_nothing_is_left_half_masked() -> None:
    m = masker(["Dinas", "Dinas Kesehatan"])
    assert m.text("Dinas Kesehatan Kota") == f"{MASK} Kota"


def test_short_names_do_not_mask_ordinary_words() -> None:
    m = masker(["Al"])
    assert m.text("Alat bantu") == "Alat bantu"


def test_file_names_stay_file_names_and_joined_names_are_caught() -> None:
    m = masker(NAMES)
    assert m.filename("SK_Rina_Wulandari_dinkes.pdf") == f"SK_{FILE_MASK}_{FILE_MASK}.pdf"
    assert m.filename("budi-santoso.pdf") == f"{FILE_MASK}.pdf"
    assert m.text("RinaWulandari") == MASK


def test_nothing_to_mask_changes_nothing() -> None:
    m = masker([None, "", "  "])
    assert m.text("Rina") == "Rina"
    assert m.optional(None) is None
    assert not m.names("Rina")
