"""How alike two proposals read: cosine similarity of their word counts (pure)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"[0-9a-zA-Z\u00c0-\u024f]+")
# Words that say nothing about what an innovation is (Indonesian and English function words).
_STOP_WORDS = (
    "dan di ke dari yang untuk dengan pada dalam atau ini itu adalah oleh sebagai juga "
    "the of and to in for a an is on with by"
)
_STOP = frozenset(_STOP_WORDS.split(" "))


def tokens(text: str) -> Counter[str]:
    return Counter(
        t for t in (w.lower() for w in _TOKEN.findall(text)) if t not in _STOP and len(t) > 1
    )


def cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(count * b[word] for word, count in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def normalise_title(title: str) -> str:
    return " ".join(w.lower() for w in _TOKEN.findall(title))


@dataclass(frozen=True)
class Candidate:
    proposal_id: int
    title: str
    text: str


@dataclass(frozen=True)
class Match:
    proposal_id: int
    title: str
    score: float
    same_title: bool


def similar(
    title: str, text: str, others: Iterable[Candidate], threshold: float = 0.6
) -> Sequence[Match]:
    """The others whose title and text read like this one, most alike first. The title counts
    as much as the text: duplicates usually share a name."""
    mine_title, mine_text = tokens(title), tokens(text)
    own = normalise_title(title)
    found = []
    for other in others:
        score = 0.5 * cosine(mine_title, tokens(other.title)) + 0.5 * cosine(
            mine_text, tokens(other.text)
        )
        same = normalise_title(other.title) == own
        if same or score >= threshold:
            found.append(Match(other.proposal_id, other.title, round(score, 3), same))
    return sorted(found, key=lambda m: (-m.same_title, -m.score, m.proposal_id))
