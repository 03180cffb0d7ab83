"""Blind review: what an evaluator may read of a proposal in a blind call. Pure policy.

One rule for everything evaluator-facing (pages, API, mails, PDFs, file names and file
metadata): every name that tells who wrote the proposal — the innovator, the team, the agency's
name and code — is replaced by `MASK` wherever it appears, whatever its case, longest name
first. Each service keeps the names in its own read model (from the events it hears) and asks
this module; no service reads another's tables for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MASK = "[disamarkan]"
FILE_MASK = "disamarkan"
MIN_LENGTH = 3  # shorter "names" (initials) would mask ordinary words


@dataclass(frozen=True)
class Masker:
    """Masks the given names in text; `None` pattern when there is nothing to mask."""

    pattern: re.Pattern[str] | None

    def text(self, value: str) -> str:
        return self.pattern.sub(MASK, value) if self.pattern is not None else value

    def optional(self, value: str | None) -> str | None:
        return None if value is None else self.text(value)

    def filename(self, value: str) -> str:
        """A file name with the names masked, still a file name (no brackets or spaces)."""
        if self.pattern is None:
            return value
        return self.pattern.sub(FILE_MASK, value)

    def names(self, value: str) -> bool:
        """Whether `value` still names someone."""
        return self.pattern is not None and self.pattern.search(value) is not None


def _variants(name: str) -> set[str]:
    """The name as written, and with `_`, `-` or `.` between its words (as in file names)."""
    words = name.split()
    found = {name.strip()}
    if len(words) > 1:
        found |= {sep.join(words) for sep in ("_", "-", ".", "")}
    return found


def masker(names: Iterable[str | None]) -> Masker:
    """The masker for these names (the innovator's, the team's, the agency's name and code)."""
    words = {v for n in names if n for v in _variants(n) if len(v) >= MIN_LENGTH}
    if not words:
        return Masker(None)
    ordered = sorted(words, key=len, reverse=True)
    return Masker(re.compile("|".join(re.escape(w) for w in ordered), re.IGNORECASE))


def identity_names(
    innovator: str | None, team: Iterable[str], opd_name: str | None, opd_code: str | None
) -> list[str]:
    """The names a blind reader must not see, in one list."""
    return [n for n in (innovator, *team, opd_name, opd_code) if n]
