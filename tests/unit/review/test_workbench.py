"""What the score form puts beside each aspect (issue 22), as pure rules: the bands a score falls
in, whether the call shows the others' scores, and the files by aspect, masked for the blind."""

from __future__ import annotations

from services.review import workbench
from services.review.scoring import CallSettings

BANDS = [
    {"low": 1, "high": 3, "label": "Kurang"},
    {"low": 4, "high": 6, "label": "Cukup", "description": "Sebagian."},
    {"low": 7, "high": 10, "label": "Baik"},
]


def test_a_score_falls_in_its_band_and_one_between_two_in_the_lower() -> None:
    found = workbench.bands(CallSettings(extra={"bands": BANDS}))
    assert [b.label for b in found] == ["Kurang", "Cukup", "Baik"]
    assert found[1].description == "Sebagian."
    label = {s: getattr(workbench.band_of(found, s), "label", None) for s in (1, 3.5, 4, 10, 11)}
    assert label == {1: "Kurang", 3.5: "Kurang", 4: "Cukup", 10: "Baik", 11: None}
    assert workbench.bands(CallSettings()) == ()


def test_the_others_scores_show_unless_the_call_says_not() -> None:
    assert workbench.reveals(CallSettings())
    assert not workbench.reveals(CallSettings(extra={"reveal_scores": False}))


FILES = [
    {"id": 1, "kind": "aspect:kebaruan", "filename": "foto.jpg", "content_type": "image/jpeg"},
    {"id": 2, "kind": "aspect:kebaruan", "filename": "a.pdf", "content_type": "application/pdf"},
    {"id": 3, "kind": "aspect:dampak", "filename": "lama.doc",
     "content_type": "application/x-ole-storage"},
    {"id": 4, "kind": "sk_inovator", "filename": "SK.pdf", "content_type": "application/pdf"},
]  # fmt: skip


def test_files_sit_by_their_aspect_and_the_rest_apart() -> None:
    found = workbench.files_by_aspect(FILES, 9, blind=False)
    assert {k: [f.id for f in v] for k, v in found.items()} == {
        "kebaruan": [1, 2], "dampak": [3], "": [4]
    }  # fmt: skip
    assert [f.shown for f in found["kebaruan"]] == ["image", "pdf"]
    assert found["dampak"][0].shown == "download"
    assert found[""][0].href == "/proposals/9/attachments/4/view"
    assert found[""][0].name == "SK.pdf"


def test_a_blind_reader_gets_the_aspects_cleanable_files_without_names() -> None:
    found = workbench.files_by_aspect(FILES, 9, blind=True)
    assert {k: [f.id for f in v] for k, v in found.items()} == {"kebaruan": [1, 2]}
    assert {f.name for f in found["kebaruan"]} == {None}
