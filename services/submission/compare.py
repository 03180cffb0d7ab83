"""Two frozen versions of a proposal, field by field, for the side-by-side page (pure)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from services.submission.definition import CallDefinition

FIXED = ("title", "summary", "category", "group", "video_url", "attachments")


@dataclass(frozen=True)
class Row:
    label: str
    left: str
    right: str
    authored: bool = False  # the label is the call's own word (Indonesian), not the interface's

    @property
    def changed(self) -> bool:
        return self.left != self.right


def _text(value: Any, kind_label: Callable[[str], str]) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(
            (f"{v['filename']} ({kind_label(v['kind'])})" if isinstance(v, dict) else str(v))
            for v in value
        )
    return str(value)


def rows(
    left: Mapping[str, Any] | None,
    right: Mapping[str, Any] | None,
    definition: CallDefinition | None,
    labels: Mapping[str, str],
    kind_label: Callable[[str], str] = str,
) -> list[Row]:
    """One row per field either version has: the fixed fields, then the call's aspects and
    profile fields in the call's order, then anything else a version kept."""
    a, b = left or {}, right or {}

    def get(version: Mapping[str, Any], group: str | None, key: str) -> str:
        source = version.get(group, {}) if group else version
        return _text(source.get(key), kind_label) if isinstance(source, Mapping) else ""

    out = [Row(labels.get(k, k), get(a, None, k), get(b, None, k)) for k in FIXED]
    known: list[tuple[str, str, str]] = []
    if definition is not None:
        known += [("sections", x.key, x.title) for x in definition.aspects]
        known += [("profile", x.key, x.label) for x in definition.profile]
    seen = {(g, k) for g, k, _ in known}
    for group in ("sections", "profile"):
        for key in sorted({*a.get(group, {}), *b.get(group, {})}):
            if (group, key) not in seen:
                known.append((group, key, key))
    out += [Row(label, get(a, g, k), get(b, g, k), authored=True) for g, k, label in known]
    return [r for r in out if r.left or r.right]
