"""The call editor's form as data: a call read into form fields and back unchanged, a posted form
read with its unticked boxes, row actions, keys made from titles and kept once made (pure)."""

from __future__ import annotations

from datetime import datetime

from services.submission.call_form import (
    CallForm,
    apply,
    fill_keys,
    from_definition,
    percent,
    read,
    slugify,
    weight_total,
)
from services.submission.call_form_rules import to_definition
from services.submission.call_templates import copy_for_next_year, demo_call, start_from
from shared.timezone import WIB

DEMO = demo_call(
    2030, datetime(2030, 1, 1, tzinfo=WIB), datetime(2030, 6, 30, 23, 59, 59, tzinfo=WIB)
)


def posted(form: CallForm) -> dict[str, str]:
    """The fields a browser posts for `form`: unticked boxes post nothing."""
    out = {k: v for k, v in form.values.items() if v}
    for section, rows in form.rows.items():
        for i, row in enumerate(rows):
            out |= {f"{section}-{i}-{k}": v for k, v in row.items() if v}
            out[f"{section}-{i}-key"] = row.get("key", "")
    return out


def test_a_call_goes_into_the_form_and_back_unchanged() -> None:
    form = from_definition(DEMO)
    assert form.value("opens_at") == "2030-01-01T00:00"
    assert form.value("closes_at") == "2030-06-30T23:59:59"
    assert [r["weight"] for r in form.rows["aspects"]] == [
        "0",
        "10",
        "15",
        "5",
        "30",
        "20",
        "5",
        "15",
    ]
    assert form.rows["aspects"][0]["scored"] == ""
    back, problems = to_definition(read(posted(form)))
    assert problems == {}
    assert back == DEMO


def test_percent_is_what_the_admin_types() -> None:
    assert [percent(w) for w in (0.15, 0.125, 1.0, 0.0)] == ["15", "12.5", "100", "0"]


def test_a_posted_form_reads_unticked_boxes_as_off_and_rows_in_index_order() -> None:
    form = read(
        {
            "name": " Lomba ",
            "aspects-1-title": "Kedua",
            "aspects-1-key": "",
            "aspects-0-title": "Pertama",
            "aspects-0-scored": "1",
            "aspects-0-key": "pertama",
            "aspects-0-bogus": "x",
            "reveal_scores": "1",
        }
    )
    assert form.value("name") == "Lomba"
    assert form.value("check-enabled") == ""
    assert form.value("reveal_scores") == "1"
    assert [r["title"] for r in form.rows["aspects"]] == ["Pertama", "Kedua"]
    assert (form.rows["aspects"][0]["scored"], form.rows["aspects"][1]["scored"]) == ("1", "")
    assert "bogus" not in form.rows["aspects"][0]


def test_rows_are_added_removed_and_moved() -> None:
    form = from_definition(DEMO)
    assert apply(form, "add-aspects")
    assert form.rows["aspects"][-1] == {**dict.fromkeys(form.rows["aspects"][0], ""),
                                            "scored": "1", "required": "1"}  # fmt: skip
    assert apply(form, "up-aspects-1")
    assert form.rows["aspects"][0]["title"] == "Latar Belakang dan Tujuan"
    assert apply(form, "up-aspects-0")  # already first: nothing moves
    assert form.rows["aspects"][0]["title"] == "Latar Belakang dan Tujuan"
    assert apply(form, "remove-aspects-0")
    assert form.rows["aspects"][0]["title"] == "Ringkasan"
    assert apply(form, "remove-bands-99")  # a row no longer there: nothing happens
    assert len(form.rows["bands"]) == 4
    assert not apply(form, "save")
    assert not apply(form, "drop-tables-1")


def test_keys_are_made_from_titles_unique_and_kept_once_made() -> None:
    assert slugify("Kebaruan / Nilai Tambah") == "kebaruan_nilai_tambah"
    assert slugify("Édukasi Publik!") == "edukasi_publik"
    assert slugify("***") == ""
    rows = [{"key": "dampak", "title": "Dampak lama"}, {"key": "", "title": "Dampak"},
            {"key": "", "title": "Dampak"}, {"key": "", "title": "%%"}]  # fmt: skip
    fill_keys(rows, set(), "aspek", "title")
    assert [r["key"] for r in rows] == ["dampak", "dampak_2", "dampak_3", "aspek"]
    form = from_definition(DEMO)
    form.rows["aspects"][1]["title"] = "Latar belakang yang baru"
    saved, _ = to_definition(form)
    assert saved is not None
    assert saved.aspects[1].key == "latar_belakang"


def test_the_weight_total_counts_scored_aspects_as_typed() -> None:
    form = from_definition(DEMO)
    assert weight_total(form) == 100
    form.rows["aspects"][1]["weight"] = "30,5"
    form.rows["aspects"][2]["weight"] = "abc"  # unreadable: counted as 0 until fixed
    form.rows["aspects"][0]["weight"] = "50"  # not scored: not counted
    assert weight_total(form) == 105.5


def test_templates_and_copies_start_the_form() -> None:
    kemendagri = from_definition(start_from("kemendagri-profil", 2031))  # type: ignore[arg-type]
    assert (len(kemendagri.rows["aspects"]), len(kemendagri.rows["profile"])) == (0, 12)
    assert start_from("nope", 2031) is None
    copy = copy_for_next_year(DEMO)
    assert copy.name == "Kompetisi Inovasi Daerah Kota Cilegon 2031"
    assert (copy.opens_at.year, copy.closes_at.isoformat()) == (2031, "2031-06-30T23:59:59+07:00")
