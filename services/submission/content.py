"""Checking a proposal's content against its call: pure, the server's one judge of the rules.

Each problem is `(field, message_key, values)`: the field as the API names it
(`sections.ringkasan`, `profile.tahapan`, `attachments.sk_inovator`), the message to translate.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from services.submission.definition import CallDefinition

Problem = tuple[str, str, dict[str, Any]]
_WORD = re.compile(r"\S+")
# Characters per word, spaces included, generous for Indonesian (about 7 on average): a text
# within its word limit is within its character limit, one padded with 50,000-letter words not.
CHARS_PER_WORD = 15
# Where a field names no limit at all: a short answer, or a few pages.
DEFAULT_CHARS = {"text": 2_000, "longtext": 20_000, "section": 20_000}


def char_limit(max_chars: int | None, max_words: int | None, kind: str = "section") -> int:
    """The characters a field may hold: its own limit, else derived from its word limit."""
    if max_chars is not None:
        return max_chars
    if max_words is not None:
        return max(max_words * CHARS_PER_WORD, 500)
    return DEFAULT_CHARS.get(kind, DEFAULT_CHARS["section"])


def _chars(field: str, text: str, limit: int) -> list[Problem]:
    n = len(text)
    return [(field, "rule.too_many_chars", {"limit": limit, "count": n})] if n > limit else []


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of non-space characters (the same rule as the page's
    counter)."""
    return len(_WORD.findall(text))


def _words(field: str, text: str, min_words: int | None, max_words: int | None) -> list[Problem]:
    n = count_words(text)
    if max_words is not None and n > max_words:
        return [(field, "rule.too_many_words", {"limit": max_words, "count": n})]
    if min_words is not None and text.strip() and n < min_words:
        return [(field, "rule.too_few_words", {"limit": min_words, "count": n})]
    return []


def check_shape(
    definition: CallDefinition, sections: Mapping[str, Any], profile: Mapping[str, Any]
) -> list[Problem]:
    """What is wrong even in a draft: unknown keys, wrong types, text over a word limit,
    an option the call does not offer."""
    problems: list[Problem] = []
    aspects = {a.key: a for a in definition.aspects}
    for key, text in sections.items():
        aspect = aspects.get(key)
        if aspect is None:
            problems.append((f"sections.{key}", "field.unknown", {}))
        elif not isinstance(text, str):
            problems.append((f"sections.{key}", "field.type", {}))
        else:
            limit = char_limit(aspect.max_chars, aspect.max_words)
            problems += _chars(f"sections.{key}", text, limit) or _words(
                f"sections.{key}", text, None, aspect.max_words
            )
    fields = {f.key: f for f in definition.profile}
    for key, value in profile.items():
        spec = fields.get(key)
        name = f"profile.{key}"
        if spec is None:
            problems.append((name, "field.unknown", {}))
        elif spec.kind == "choices":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append((name, "field.type", {}))
            elif any(v not in spec.options for v in value):
                problems.append((name, "rule.not_an_option", {}))
        elif not isinstance(value, str):
            problems.append((name, "field.type", {}))
        elif len(value) > char_limit(spec.max_chars, spec.max_words, spec.kind):
            problems += _chars(name, value, char_limit(spec.max_chars, spec.max_words, spec.kind))
        elif spec.kind == "choice" and value and value not in spec.options:
            problems.append((name, "rule.not_an_option", {}))
        elif spec.kind == "date" and value and _date(value) is None:
            problems.append((name, "rule.not_a_date", {}))
        elif spec.kind in {"text", "longtext"}:
            problems += _words(name, value, None, spec.max_words)
    return problems


def check_complete(
    definition: CallDefinition,
    sections: Mapping[str, Any],
    profile: Mapping[str, Any],
    attachment_kinds: Sequence[str],
    *,
    category: str | None,
    group: str | None,
) -> list[Problem]:
    """Everything `check_shape` finds, plus what a submitted proposal must have: every required
    aspect and field, minimum words, the required attachments and supporting files."""
    problems = check_shape(definition, sections, profile)
    flagged = {p[0] for p in problems}
    for aspect in definition.aspects:
        name = f"sections.{aspect.key}"
        text = sections.get(aspect.key)
        if name in flagged:
            continue
        if aspect.required and not (isinstance(text, str) and text.strip()):
            problems.append((name, "field.required", {}))
        elif isinstance(text, str):
            problems += _words(name, text, aspect.min_words, None)
        if aspect.supporting_files and f"aspect:{aspect.key}" not in attachment_kinds:
            problems.append((f"attachments.aspect:{aspect.key}", "rule.supporting_missing", {}))
    for spec in definition.profile:
        name = f"profile.{spec.key}"
        value = profile.get(spec.key)
        if name in flagged:
            continue
        if spec.required and not value:
            problems.append((name, "field.required", {}))
        elif isinstance(value, str) and spec.kind in {"text", "longtext"}:
            problems += _words(name, value, spec.min_words, None)
    for needed in definition.attachments:
        if needed.required and needed.key not in attachment_kinds:
            problems.append((f"attachments.{needed.key}", "rule.attachment_missing", {}))
    if definition.categories and category not in definition.categories:
        problems.append(
            ("category", "field.required" if not category else "rule.not_an_option", {})
        )
    if definition.groups and group not in definition.groups:
        problems.append(("group", "field.required" if not group else "rule.not_an_option", {}))
    return problems


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def age_years(started: str | None, at: date) -> float | None:
    """How long an innovation has run at `at`, in years, from its ISO start date."""
    start = _date(started) if started else None
    if start is None:
        return None
    return (at - start).days / 365.25
