"""The register/edit form (pure): what was typed comes back as typed, the profile is made from
the profile's own lists, and each wrong field gets its message key."""

from __future__ import annotations

from datetime import date

from werkzeug.datastructures import MultiDict

from services.innovations.registry_form import RegistryForm, of_innovation, parse, read

TODAY = date(2026, 12, 5)


def posted(**fields: str | list[str]) -> RegistryForm:
    return read(MultiDict([(k, v) for k, vs in fields.items()
                           for v in (vs if isinstance(vs, list) else [vs])]))  # fmt: skip


def test_a_good_form_makes_the_profile() -> None:
    form = posted(title=" Posyandu Keliling ", kind="Digital", urusan=["Kesehatan", "Sosial"],
                  sdgs=["3", "1"], stage="uji_coba", started_on="2025-02-01", public="1",
                  public_names="1")  # fmt: skip
    profile, problems = parse(form, editing=False, today=TODAY)
    assert problems == {}
    assert profile["title"] == "Posyandu Keliling"
    assert (profile["urusan"], profile["sdgs"]) == (["Kesehatan", "Sosial"], [1, 3])
    assert (profile["stage"], profile["started_on"]) == ("uji_coba", date(2025, 2, 1))
    assert (profile["public"], profile["public_names"]) == (True, True)
    assert "opd_code" not in profile  # their own agency


def test_each_wrong_field_is_named() -> None:
    form = posted(title="x", kind="Analog", urusan=["Pertahanan"], sdgs=["18"], stage="selesai",
                  started_on="2027-01-01", opd_code="nowhere")  # fmt: skip
    _, problems = parse(form, editing=False, agencies=("dinkes",), today=TODAY)
    assert problems == {
        "title": "innovations.form.title_short", "kind": "innovations.form.not_a_choice",
        "urusan": "innovations.form.not_a_choice", "sdgs": "innovations.form.not_a_choice",
        "stage": "innovations.form.not_a_choice", "started_on": "innovations.form.future_date",
        "opd_code": "innovations.form.agency_needed",
    }  # fmt: skip
    assert form.value("title") == "x"  # shown again as typed
    assert parse(posted(title="Abc", started_on="31-12-2025"), editing=True, today=TODAY)[1] == {
        "started_on": "innovations.form.bad_date"
    }


def test_names_are_public_only_with_the_innovation_and_editing_keeps_the_stage() -> None:
    profile, _ = parse(posted(title="Abc", public_names="1"), editing=True, today=TODAY)
    assert profile["public_names"] is False
    assert "stage" not in profile


def test_the_form_is_filled_from_an_innovation() -> None:
    form = of_innovation({"title": "Abc", "urusan": ["Sosial"], "sdgs": [3], "public": True,
                          "started_on": date(2025, 1, 2), "stage": "inisiatif"})  # fmt: skip
    assert form.value("started_on") == "2025-01-02"
    assert form.chosen("sdgs", 3)
    assert form.chosen("urusan", "Sosial")
    assert form.value("public") is True
