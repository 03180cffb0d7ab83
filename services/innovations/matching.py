"""Finding the same innovation again (pure): a title folded to a key, and the likeness of two
titles for offering possible duplicates."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_WORD = re.compile(r"[a-z0-9]+")
# Words that name no innovation in particular: dropped before titles are compared.
_COMMON = frozenset({"inovasi", "aplikasi", "program", "layanan", "dan", "di", "untuk", "kota"})


def words(title: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return _WORD.findall(folded)


def title_key(title: str) -> str:
    """The title folded: case, accents, spaces and punctuation do not matter."""
    return " ".join(words(title))[:300]


def likeness(a: str, b: str) -> float:
    """How alike two titles are, 0 to 1: the Jaccard index of their meaningful words and of
    their letter trigrams, whichever is higher (so "SiPanduKu" and "Si Pandu Ku" still meet)."""
    la, lb = [w for w in words(a) if w not in _COMMON], [w for w in words(b) if w not in _COMMON]
    wa, wb = set(la), set(lb)
    by_words = len(wa & wb) / len(wa | wb) if wa and wb else 0.0
    ta, tb = _trigrams("".join(la)), _trigrams("".join(lb))
    by_letters = len(ta & tb) / len(ta | tb) if ta and tb else 0.0
    return max(by_words, by_letters)


def _trigrams(text: str) -> set[str]:
    return {text[i : i + 3] for i in range(len(text) - 2)}


@dataclass(frozen=True)
class Candidate:
    innovation_id: int
    title: str
    opd_code: str
    likeness: float


def similar(
    title: str, others: Iterable[tuple[int, str, str]], threshold: float = 0.5, limit: int = 5
) -> Sequence[Candidate]:
    """The innovations (id, title, agency) whose title is at least `threshold` alike, best first."""
    found = [Candidate(i, t, opd, round(likeness(title, t), 3)) for i, t, opd in others]
    kept = [c for c in found if c.likeness >= threshold]
    return sorted(kept, key=lambda c: (-c.likeness, c.innovation_id))[:limit]
