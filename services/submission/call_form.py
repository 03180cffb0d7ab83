"""The call editor's form as data: a call's settings ⇄ the flat fields of an HTML form with indexed
names (`aspects-0-title`), and the row actions a form without JavaScript posts (add a row, remove
one, move one up or down).

Pure: no Flask, no database. A `CallForm` keeps every value as the admin typed it, so a refused
form is shown again unchanged; `services.submission.call_form_rules` turns it into a
`CallDefinition` or says, field by field, what is wrong.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from services.submission.definition import CallDefinition
from shared.timezone import WIB

Row = dict[str, str]
ON = "1"  # what a ticked checkbox posts

# The rows of each section: their fields, and which of them are checkboxes.
FIELDS: dict[str, tuple[str, ...]] = {
    "aspects": (
        "key", "title", "help", "min_words", "max_words", "max_chars", "weight", "scored",
        "required", "supporting_files",
    ),
    "bands": ("low", "high", "label", "description"),
    "profile": (
        "key", "label", "kind", "options", "required", "min_words", "max_words", "max_chars",
        "help",
    ),
    "attachments": ("key", "label", "required"),
}  # fmt: skip
CHECKBOXES: dict[str, frozenset[str]] = {
    "aspects": frozenset({"scored", "required", "supporting_files"}),
    "bands": frozenset(),
    "profile": frozenset({"required"}),
    "attachments": frozenset({"required"}),
}
NEW_ROW: dict[str, Row] = {
    "aspects": {"scored": ON, "required": ON},
    "bands": {},
    "profile": {"kind": "text", "required": ON},
    "attachments": {"required": ON},
}
# What names a row to a person (and its key when the key is left empty).
TITLE = {"aspects": "title", "bands": "label", "profile": "label", "attachments": "label"}
TOP = (
    "name", "year", "opens_at", "closes_at", "groups", "categories", "evaluators_per_proposal",
    "review", "review_days", "reveal_scores", "public_objection", "objection_days", "scale_min",
    "scale_max", "max_file_mb", "max_total_mb", "check-enabled", "check-min_age_years",
    "check-duplicate_years", "check-started_field", "check-decree_attachment",
)  # fmt: skip
TOP_CHECKBOXES = frozenset({"reveal_scores", "public_objection", "check-enabled"})
_ROW_NAME = re.compile(r"^(aspects|bands|profile|attachments)-(\d{1,3})-([a-z_]+)$")
_ACTION = re.compile(r"^(add|remove|up|down)-(aspects|bands|profile|attachments)(?:-(\d{1,3}))?$")


@dataclass
class CallForm:
    """The form as typed: top-level values by name, and each section's rows in order."""

    values: dict[str, str] = field(default_factory=dict)
    rows: dict[str, list[Row]] = field(default_factory=lambda: {s: [] for s in FIELDS})

    def value(self, name: str) -> str:
        return self.values.get(name, "")

    def name(self, section: str, index: int, name: str) -> str:
        """A row field's name in the HTML form."""
        return f"{section}-{index}-{name}"


def read(form: Mapping[str, str]) -> CallForm:
    """The form as posted. An unticked checkbox posts nothing: it reads as off."""
    values = {name: form.get(name, "").strip() for name in TOP}
    for name in TOP_CHECKBOXES:
        values[name] = ON if form.get(name) else ""
    found: dict[str, dict[int, Row]] = {s: {} for s in FIELDS}
    for name in form:
        match = _ROW_NAME.match(name)
        if match and match.group(3) in FIELDS[match.group(1)]:
            section, index = match.group(1), int(match.group(2))
            found[section].setdefault(index, {})[match.group(3)] = form.get(name, "")
    rows: dict[str, list[Row]] = {}
    for section, by_index in found.items():
        rows[section] = [_complete(section, by_index[i]) for i in sorted(by_index)]
    return CallForm(values, rows)


def _complete(section: str, posted: Row) -> Row:
    row = {}
    for name in FIELDS[section]:
        if name in CHECKBOXES[section]:
            row[name] = ON if posted.get(name) else ""
        else:
            text = posted.get(name, "")
            row[name] = text if name in {"help", "options", "description"} else text.strip()
    return row


def from_definition(d: CallDefinition) -> CallForm:
    """The form showing a call's settings (also a template's, built without validation)."""
    values = {
        "name": d.name,
        "year": str(d.year),
        "opens_at": local_time(d.opens_at),
        "closes_at": local_time(d.closes_at),
        "groups": "\n".join(d.groups),
        "categories": "\n".join(d.categories),
        "evaluators_per_proposal": str(d.evaluators_per_proposal),
        "review": "blind" if d.blind else "open",
        "review_days": str(d.review_days),
        "reveal_scores": _box(d.reveal_scores),
        "public_objection": _box(d.public_objection),
        "objection_days": str(d.objection_days),
        "scale_min": str(d.scale_min),
        "scale_max": str(d.scale_max),
        "max_file_mb": str(d.max_file_mb),
        "max_total_mb": str(d.max_total_mb),
        "check-enabled": _box(d.check.enabled),
        "check-min_age_years": str(d.check.min_age_years),
        "check-duplicate_years": str(d.check.duplicate_years),
        "check-started_field": d.check.started_field or "",
        "check-decree_attachment": d.check.decree_attachment or "",
    }
    rows: dict[str, list[Row]] = {
        "aspects": [
            {
                "key": a.key,
                "title": a.title,
                "help": a.help,
                "min_words": _number(a.min_words),
                "max_words": _number(a.max_words),
                "max_chars": _number(a.max_chars),
                "weight": percent(a.weight),
                "scored": _box(a.scored),
                "required": _box(a.required),
                "supporting_files": _box(a.supporting_files),
            }
            for a in d.aspects
        ],
        "bands": [
            {"low": str(b.low), "high": str(b.high), "label": b.label, "description": b.description}
            for b in d.bands
        ],
        "profile": [
            {
                "key": f.key,
                "label": f.label,
                "kind": f.kind,
                "options": "\n".join(f.options),
                "required": _box(f.required),
                "min_words": _number(f.min_words),
                "max_words": _number(f.max_words),
                "max_chars": _number(f.max_chars),
                "help": f.help,
            }
            for f in d.profile
        ],
        "attachments": [
            {"key": r.key, "label": r.label, "required": _box(r.required)} for r in d.attachments
        ],
    }
    return CallForm(values, rows)


def _box(on: bool) -> str:
    return ON if on else ""


def _number(n: int | None) -> str:
    return "" if n is None else str(n)


def percent(fraction: float) -> str:
    """A weight as the admin types it: 0.15 → "15", 0.125 → "12.5"."""
    return f"{fraction * 100:.4f}".rstrip("0").rstrip(".")


def local_time(moment: datetime) -> str:
    """A moment as a datetime-local field shows it, in WIB (seconds only when there are some)."""
    wib = moment.astimezone(WIB)
    return wib.strftime("%Y-%m-%dT%H:%M:%S" if wib.second else "%Y-%m-%dT%H:%M")


def lines(text: str) -> tuple[str, ...]:
    """One item per non-empty line (groups, categories, a choice's options)."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def apply(form: CallForm, action: str) -> bool:
    """Apply a row action (`add-aspects`, `remove-bands-2`, `up-profile-1`, `down-…`) in place;
    False when `action` is not one (saving, say)."""
    match = _ACTION.match(action)
    if not match:
        return False
    verb, section = match.group(1), match.group(2)
    rows = form.rows[section]
    if verb == "add":
        rows.append(dict.fromkeys(FIELDS[section], "") | NEW_ROW[section])
        return True
    index = int(match.group(3) or -1)
    if not 0 <= index < len(rows):
        return True  # a row that is no longer there: the form is shown again as it is
    if verb == "remove":
        del rows[index]
    else:
        other = index - 1 if verb == "up" else index + 1
        if 0 <= other < len(rows):
            rows[index], rows[other] = rows[other], rows[index]
    return True


def slugify(text: str) -> str:
    """A key from a title: "Kebaruan / Nilai Tambah" → "kebaruan_nilai_tambah"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")[:50]


def fill_keys(rows: Iterable[Row], taken: set[str], fallback: str, title: str) -> None:
    """Give each row without a key one made from its title, unique among `taken` (which grows):
    keys already set are never changed, so proposals keep pointing at the same aspect."""
    pending = []
    for row in rows:
        if row.get("key"):
            taken.add(row["key"])
        else:
            pending.append(row)
    for row in pending:
        base = slugify(row.get(title, "")) or fallback
        key, n = base, 2
        while key in taken:
            key, n = f"{base}_{n}", n + 1
        row["key"] = key
        taken.add(key)


def weight_total(form: CallForm) -> float:
    """The scored aspects' weights as typed, in % (what cannot be read counts as 0)."""
    total = 0.0
    for row in form.rows["aspects"]:
        if row.get("scored"):
            with contextlib.suppress(ValueError):
                total += float(row.get("weight", "").replace(",", ".").rstrip("% ") or 0)
    return round(total, 4)


def shown(total: float) -> str:
    """A total of percentages as the page writes it: 120, 99.5."""
    return f"{total:.2f}".rstrip("0").rstrip(".")
