"""Why an evaluator was given a proposal, as codes with values: made by the matchers, stored
with the assignment (`Assignment.reason`, JSON), and said in the reader's language only when
shown. Pure: no session, no request; words come from the review catalogue's `review.reason.*`
keys and numbers go through Babel (`shared.formats`).

An assignment stored before reasons were codes holds Indonesian text; it is shown as it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from shared.formats import number

Reason = tuple[str, dict[str, Any]]

# The numbers each reason holds, with how many decimals they are shown with: the batch
# solver's score to four, as it always was ("skor 0,1234"), one evaluator's pick to three.
_DECIMALS = {("score", "score"): 4, ("similarity", "similarity"): 3, ("similarity", "score"): 3}


def topics(common: Iterable[str]) -> Reason:
    return "topics", {"topics": ", ".join(common)}


def score(value: float) -> Reason:
    return "score", {"score": round(float(value), 6)}


def load_of_most(load: int, most: int) -> Reason:
    return "load_max", {"load": int(load), "max": int(most)}


def load(load: int, most: int) -> Reason:
    return "load", {"load": int(load), "max": int(most)}


def similarity(cosine: float, value: float) -> Reason:
    return "similarity", {"similarity": round(float(cosine), 6), "score": round(float(value), 6)}


def avoided(count: int) -> Reason:
    return "avoided", {"count": int(count)}


def no_conflict() -> Reason:
    return "no_conflict", {}


def institution(name: str) -> Reason:
    return "institution", {"institution": name}


def manual(reason: str) -> Reason:
    """The admin chose this evaluator by hand, for the reason they typed."""
    return "manual", {"reason": reason}


def normalised(reasons: Iterable[Any]) -> tuple[Reason, ...]:
    """Reasons as the matchers made them, or as a stored plan's JSON gave them back (lists);
    a plain string (a plan stored before codes) becomes a `text` reason."""
    found: list[Reason] = []
    for reason in reasons:
        if isinstance(reason, str):
            found.append(("text", {"text": reason}))
        else:
            code, values = reason
            found.append((str(code), dict(values)))
    return tuple(found)


def encode(reasons: Iterable[Any]) -> str:
    """What `Assignment.reason` stores."""
    return json.dumps([[c, v] for c, v in normalised(reasons)], ensure_ascii=False)


def decode(stored: str | None) -> tuple[Reason, ...] | None:
    """The codes of a stored reason, or None for text stored before them (or none at all)."""
    if not stored or not stored.startswith("["):
        return None
    try:
        return normalised(json.loads(stored))
    except (ValueError, TypeError):
        return None


def say(reason: Reason, language: str) -> str:
    """One reason in `language` (an unknown code shows its values, never a key)."""
    from shared.web.i18n import known, translate_in  # the words, only when shown

    code, values = reason
    shown = {
        k: number(v, language, _DECIMALS.get((code, k))) if isinstance(v, float) else v
        for k, v in values.items()
    }
    key = f"review.reason.{code}"
    if code == "text" or not known(key):
        return " ".join(str(v) for v in shown.values())
    return translate_in(language, key, **shown)


def describe(stored: str | None, language: str) -> str:
    """A stored reason as one line in `language`."""
    codes = decode(stored)
    if codes is None:
        return stored or ""
    return "; ".join(say(r, language) for r in codes)


def as_data(stored: str | None) -> list[dict[str, Any]]:
    """A stored reason for the API: each code with its values."""
    return [{"code": c, **v} for c, v in decode(stored) or ()]


def said(reasons: Sequence[Reason], language: str = "id") -> list[str]:
    """Each reason in words (the `sipinda assign` output)."""
    return [say(r, language) for r in normalised(reasons)]
