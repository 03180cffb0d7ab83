"""Every rule of the call editor, checked on the form as typed and reported beside its field:
numbers that are numbers, word limits in order, dates in order, scored weights totalling 100 %,
bands on the scale and apart, titles not given twice. What passes becomes a `CallDefinition`.

Pure. A problem is a catalogue key and its values, keyed by the form field it belongs to
(`aspects-2-weight`; `weights` for the total, `form` for the whole form); the page translates.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import ValidationError

from services.submission.call_form import (
    TITLE,
    CallForm,
    Row,
    fill_keys,
    lines,
    shown,
    weight_total,
)
from services.submission.definition import WEIGHT_TOLERANCE, CallDefinition
from shared.timezone import WIB

Problem = tuple[str, dict[str, Any]]
Problems = dict[str, Problem]
KINDS = ("text", "longtext", "choice", "choices", "date")
# Bounds of the call's numbers, as CallDefinition holds them.
LIMITS: dict[str, tuple[int, int]] = {
    "year": (2000, 2100),
    "evaluators_per_proposal": (1, 15),
    "review_days": (1, 120),
    "objection_days": (1, 30),
    "scale_min": (0, 999),
    "scale_max": (1, 1000),
    "max_file_mb": (1, 50),
    "max_total_mb": (1, 500),
    "check-min_age_years": (0, 20),
    "check-duplicate_years": (0, 10),
}


class _Checker:
    def __init__(self) -> None:
        self.problems: Problems = {}

    def refuse(self, name: str, key: str, **values: Any) -> None:
        self.problems.setdefault(name, (key, values))

    def number(self, name: str, text: str, low: int, high: int, *, optional: bool = False) -> Any:
        if not text:
            if not optional:
                self.refuse(name, "field.required")
            return None
        try:
            n = int(text)
        except ValueError:
            self.refuse(name, "callform.whole_number")
            return None
        if not low <= n <= high:
            self.refuse(name, "callform.between", low=low, high=high)
            return None
        return n

    def text(self, name: str, text: str, limit: int = 300) -> str:
        if not text:
            self.refuse(name, "field.required")
        elif len(text) > limit:
            self.refuse(name, "field.too_long", limit=limit)
        return text

    def moment(self, name: str, text: str) -> datetime | None:
        if not text:
            self.refuse(name, "field.required")
            return None
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            self.refuse(name, "callform.not_a_date")
            return None
        return moment.replace(tzinfo=WIB) if moment.tzinfo is None else moment


def to_definition(form: CallForm) -> tuple[CallDefinition | None, Problems]:
    """The call the form describes, or None and every problem found (keys are filled in)."""
    c = _Checker()
    data: dict[str, Any] = {"name": c.text("name", form.value("name"))}
    for name, (low, high) in LIMITS.items():
        if not name.startswith("check-"):
            data[name] = c.number(name, form.value(name), low, high)
    opens, closes = c.moment("opens_at", form.value("opens_at")), None
    closes = c.moment("closes_at", form.value("closes_at"))
    if opens and closes and closes <= opens:
        c.refuse("closes_at", "callform.closes_before_opens")
    data |= {"opens_at": opens, "closes_at": closes}
    scale = (data["scale_min"], data["scale_max"])
    if None not in scale and scale[1] <= scale[0]:
        c.refuse("scale_max", "callform.scale_order")
    if data["max_file_mb"] and data["max_total_mb"] and data["max_total_mb"] < data["max_file_mb"]:
        c.refuse("max_total_mb", "callform.total_below_file")
    data |= {
        "groups": lines(form.value("groups")),
        "categories": lines(form.value("categories")),
        "blind": form.value("review") == "blind",
        "reveal_scores": bool(form.value("reveal_scores")),
        "public_objection": bool(form.value("public_objection")),
        "check": {
            "enabled": bool(form.value("check-enabled")),
            "min_age_years": c.number(
                "check-min_age_years",
                form.value("check-min_age_years"),
                *LIMITS["check-min_age_years"],
            ),
            "duplicate_years": c.number(
                "check-duplicate_years",
                form.value("check-duplicate_years"),
                *LIMITS["check-duplicate_years"],
            ),
            "started_field": form.value("check-started_field") or None,
            "decree_attachment": form.value("check-decree_attachment") or None,
        },
    }
    taken: set[str] = set()
    fill_keys(form.rows["aspects"], taken, "aspek", TITLE["aspects"])
    fill_keys(form.rows["profile"], taken, "isian", TITLE["profile"])
    fill_keys(form.rows["attachments"], set(), "lampiran", TITLE["attachments"])
    data["aspects"] = _aspects(c, form)
    data["bands"] = _bands(c, form.rows["bands"], data["scale_min"], data["scale_max"])
    data["profile"] = [_profile(c, i, row) for i, row in enumerate(form.rows["profile"])]
    data["attachments"] = [
        {
            "key": row["key"],
            "label": c.text(f"attachments-{i}-label", row["label"]),
            "required": bool(row["required"]),
        }
        for i, row in enumerate(form.rows["attachments"])
    ]
    _references(c, form)
    _unique(c, form.rows["profile"], "profile", "label")
    _unique(c, form.rows["attachments"], "attachments", "label")
    if c.problems:
        return None, c.problems
    try:
        return CallDefinition.model_validate(data), {}
    except ValidationError as exc:
        return None, problems_of(exc)


def _aspects(c: _Checker, form: CallForm) -> list[dict[str, Any]]:
    rows, out = form.rows["aspects"], []
    for i, row in enumerate(rows):
        name = f"aspects-{i}-"
        scored = bool(row["scored"])
        weight = _weight(c, name + "weight", row["weight"], scored)
        out.append(
            {
                "key": row["key"],
                "title": c.text(name + "title", row["title"]),
                "help": row["help"].strip(),
                "weight": weight,
                "scored": scored,
                "required": bool(row["required"]),
                "supporting_files": bool(row["supporting_files"]),
                **_words(c, name, row),
            }
        )
    _unique(c, rows, "aspects", "title")
    if not any(a["scored"] for a in out):
        c.refuse("aspects", "callform.no_scored_aspect")
    elif abs(weight_total(form) - 100) >= WEIGHT_TOLERANCE * 100:
        c.refuse("weights", "callform.weights_total", total=shown(weight_total(form)))
    return out


def _weight(c: _Checker, name: str, text: str, scored: bool) -> float:
    try:
        value = float(text.replace(",", ".").rstrip("% ") or 0)
    except ValueError:
        c.refuse(name, "callform.weight_not_number")
        return 0.0
    if not 0 <= value <= 100:
        c.refuse(name, "callform.between", low=0, high=100)
    elif scored and value <= 0:
        c.refuse(name, "callform.weight_needed")
    elif not scored and value != 0:
        c.refuse(name, "callform.weight_unscored")
    return round(value / 100, 6)


def _words(c: _Checker, name: str, row: Row) -> dict[str, int | None]:
    low = c.number(name + "min_words", row["min_words"], 1, 100_000, optional=True)
    high = c.number(name + "max_words", row["max_words"], 1, 100_000, optional=True)
    chars = c.number(name + "max_chars", row["max_chars"], 1, 100_000, optional=True)
    if low and high and low > high:
        c.refuse(name + "max_words", "callform.min_above_max")
    return {"min_words": low, "max_words": high, "max_chars": chars}


def _bands(c: _Checker, rows: list[Row], low: int | None, high: int | None) -> list[Any]:
    out: list[dict[str, Any]] = []
    previous: int | None = None
    for i, row in enumerate(rows):
        name = f"bands-{i}-"
        band_low = c.number(name + "low", row["low"], 0, 1000)
        band_high = c.number(name + "high", row["high"], 0, 1000)
        label = c.text(name + "label", row["label"], 60)
        if band_low is not None and band_high is not None:
            if band_low > band_high:
                c.refuse(name + "high", "callform.band_order")
            elif low is not None and high is not None and (band_low < low or band_high > high):
                c.refuse(name + "low", "callform.band_off_scale", low=low, high=high)
            elif previous is not None and band_low <= previous:
                c.refuse(name + "low", "callform.band_overlap")
            previous = band_high
        description = row["description"].strip()
        if len(description) > 300:
            c.refuse(name + "description", "field.too_long", limit=300)
        out.append({"low": band_low, "high": band_high, "label": label, "description": description})
    return out


def _profile(c: _Checker, i: int, row: Row) -> dict[str, Any]:
    name = f"profile-{i}-"
    kind = row["kind"] if row["kind"] in KINDS else "text"
    options = lines(row["options"])
    if kind in {"choice", "choices"} and not options:
        c.refuse(name + "options", "callform.options_needed")
    return {
        "key": row["key"],
        "label": c.text(name + "label", row["label"]),
        "kind": kind,
        "options": options if kind in {"choice", "choices"} else (),
        "required": bool(row["required"]),
        "help": row["help"].strip(),
        **_words(c, name, row),
    }


def _references(c: _Checker, form: CallForm) -> None:
    """The checklist reads the implementation date and the decree from rows still there."""
    dates = {r["key"] for r in form.rows["profile"] if r["kind"] == "date"}
    if form.value("check-started_field") not in dates | {""}:
        c.refuse("check-started_field", "callform.row_gone")
    decrees = {r["key"] for r in form.rows["attachments"]}
    if form.value("check-decree_attachment") not in decrees | {""}:
        c.refuse("check-decree_attachment", "callform.row_gone")


def _unique(c: _Checker, rows: list[Row], section: str, title: str) -> None:
    seen: set[str] = set()
    for i, row in enumerate(rows):
        text = row[title].strip().casefold()
        if text and text in seen:
            c.refuse(f"{section}-{i}-{title}", "callform.title_twice")
        seen.add(text)


def problems_of(exc: ValidationError) -> Problems:
    """A model's refusal in the form's names: ("aspects", 2, "key") is `aspects-2-key`, the
    checklist's fields `check-…`; a rule of the whole call lands on `form`."""
    found: Problems = {}
    for err in exc.errors():
        loc = [str(p) for p in err["loc"]]
        if loc[:1] == ["check"]:
            loc = ["check-" + "-".join(loc[1:])]
        name = "-".join(loc) or "form"
        kind = err["type"]
        key = "field.required" if kind in {"missing", "string_too_short"} else "callform.invalid"
        found.setdefault(name, (key, {}))
    return found
