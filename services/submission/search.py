"""A proposal's words as the list searches them: the title, the summary and every aspect's text
in one normalised line (lower case, accents and punctuation dropped, spaces single), kept in
`proposals.search_text` on each save, and found as `LIKE '%word%'` would find it, through an
index of trigrams on SQLite and PostgreSQL alike (`text_index`). A word of one or two characters
("1", "kb") is looked for in the titles and agencies only: no trigram index holds it, and as a
piece of a longer text it is in nearly every proposal, so it would narrow nothing. Pure."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

MAX_WORDS = 8  # of a query: more narrows nothing a person would type
MAX_QUERY = 100  # characters of a query read
SHORTEST_IN_TEXT = 3  # characters of a word looked for in the aspects' text, as a trigram reads
_NOT_A_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """`text` lower-cased, its accents and punctuation dropped, its spaces single."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_A_WORD.sub(" ", plain).split())


def search_text(title: str, summary: str, sections: Mapping[str, object] | None) -> str:
    """The line a proposal is found by: its title, summary and aspects' text."""
    parts: Iterable[object] = (title, summary, *(sections or {}).values())
    return normalise(" ".join(str(p) for p in parts if isinstance(p, str) and p))


def words(query: str | None) -> list[str]:
    """The words of what was typed in the search box, each to be found (at most `MAX_WORDS`);
    text with no word in it (`%_%`) is looked for as it is, never read as "anything"."""
    typed = (query or "")[:MAX_QUERY]
    found = normalise(typed).split()[:MAX_WORDS]
    return found or ([typed.strip().casefold()] if typed.strip() else [])


def in_text(word: str) -> bool:
    """Whether `word` is looked for in the whole text, not the titles and agencies only: a word
    of three characters or more, of the search text's own letters (not `%_%` typed as it is)."""
    return len(word) >= SHORTEST_IN_TEXT and normalise(word) == word


def short_words(query: str | None) -> list[str]:
    """The words of `query` looked for in titles and agencies only because they are short (the
    list says so under its count); not text typed with no letter in it."""
    return [w for w in words(query) if not in_text(w) and normalise(w) == w]
