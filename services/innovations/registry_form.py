"""The register/edit form of an innovation (pure): what was typed, kept to show again, and the
profile it makes or each field's problem (a message key). The choices are the profile's lists
(`options.py`); a value outside them is refused beside its field."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from werkzeug.datastructures import MultiDict

from services.innovations import options
from services.innovations.models.innovation import STAGES

TITLE_MIN, TITLE_MAX, TEXT_MAX = 3, 300, 20000
CHOICES: dict[str, tuple[str, ...]] = {
    "initiator": options.INITIATORS,
    "kind": options.KINDS,
    "form": options.FORMS,
    "theme": options.THEMES,
}
TEXTS = ("title", "summary", "opd_code", "initiator", "kind", "form", "theme", "stage",
         "started_on", "results")  # fmt: skip


@dataclass
class RegistryForm:
    """The form's values as typed (strings, lists of strings, booleans)."""

    values: dict[str, Any] = field(default_factory=dict)

    def value(self, name: str) -> Any:
        return self.values.get(name, "")

    def chosen(self, name: str, option: object) -> bool:
        return str(option) in [str(v) for v in self.values.get(name, [])]


def read(posted: MultiDict[str, str]) -> RegistryForm:
    values: dict[str, Any] = {name: posted.get(name, "").strip() for name in TEXTS}
    values["urusan"] = [v for v in posted.getlist("urusan") if v]
    values["sdgs"] = [v for v in posted.getlist("sdgs") if v]
    values["public"] = posted.get("public") == "1"
    values["public_names"] = posted.get("public_names") == "1"
    return RegistryForm(values)


def of_innovation(row: Mapping[str, Any]) -> RegistryForm:
    """The form filled from an innovation (as its API model dumps it)."""
    values: dict[str, Any] = {
        name: "" if row.get(name) is None else str(row.get(name, "")) for name in TEXTS
    }
    values["urusan"] = list(row.get("urusan") or [])
    values["sdgs"] = [str(n) for n in row.get("sdgs") or []]
    values["public"], values["public_names"] = (
        bool(row.get("public")),
        bool(row.get("public_names")),
    )
    return RegistryForm(values)


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _sdgs(picked: Sequence[str]) -> list[int] | None:
    numbers = [int(v) for v in picked if v.isdigit()]
    if len(numbers) != len(picked) or any(n not in options.SDGS for n in numbers):
        return None
    return sorted(set(numbers))


def parse(
    form: RegistryForm, *, editing: bool, agencies: Sequence[str] = (), today: date
) -> tuple[dict[str, Any], dict[str, str]]:
    """The profile (InnovationIn's fields; InnovationEdit's when `editing`) and the problems.
    `agencies` are the codes the reader may pick (the admin's select); empty: their own."""
    v, problems = form.values, {}
    title = v["title"]
    if len(title) < TITLE_MIN:
        problems["title"] = "innovations.form.title_short"
    elif len(title) > TITLE_MAX:
        problems["title"] = "innovations.form.title_long"
    for name in ("summary", "results"):
        if len(v[name]) > TEXT_MAX:
            problems[name] = "innovations.form.too_long"
    for name, allowed in CHOICES.items():
        if v[name] and v[name] not in allowed:
            problems[name] = "innovations.form.not_a_choice"
    if any(u not in options.URUSAN for u in v["urusan"]):
        problems["urusan"] = "innovations.form.not_a_choice"
    sdgs = _sdgs(v["sdgs"])
    if sdgs is None:
        problems["sdgs"] = "innovations.form.not_a_choice"
    started_on = _day(v["started_on"])
    if v["started_on"] and started_on is None:
        problems["started_on"] = "innovations.form.bad_date"
    elif started_on is not None and started_on > today:
        problems["started_on"] = "innovations.form.future_date"
    profile: dict[str, Any] = {
        "title": title, "summary": v["summary"], "initiator": v["initiator"], "kind": v["kind"],
        "form": v["form"], "urusan": list(dict.fromkeys(v["urusan"])), "theme": v["theme"],
        "sdgs": sdgs or [], "started_on": started_on, "public": v["public"],
        "public_names": v["public"] and v["public_names"], "results": v["results"],
    }  # fmt: skip
    if not editing:
        if v["stage"] not in STAGES:
            problems["stage"] = "innovations.form.not_a_choice"
        profile["stage"] = v["stage"]
        if agencies:
            if v["opd_code"] not in agencies:
                problems["opd_code"] = "innovations.form.agency_needed"
            profile["opd_code"] = v["opd_code"]
    return profile, problems
