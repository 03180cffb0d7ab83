"""The index the list's search reads instead of every proposal's text: on SQLite an FTS5 table
of trigrams over `proposals.search_text` (`proposal_words`, kept by triggers), on PostgreSQL a
trigram GIN index on the column itself (pg_trgm), which plain `LIKE` uses. Both find any piece
of three characters or more, as `LIKE '%word%'` would, without reading the proposals that do
not hold it. The migration `f6b8d0e2a4c5` creates either."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, bindparam, literal_column, select, table

from services.submission.models import Proposal

WORDS_TABLE = "proposal_words"  # SQLite's FTS5 table; its rowid is the proposal's id
_words = table(WORDS_TABLE)


def fts_phrase(word: str) -> str:
    """`word` as an FTS5 query of one phrase: quoted, its quotes doubled, so that no character
    of it is read as query syntax (`AND`, `*`, `-`, `:`)."""
    return '"' + word.replace('"', '""') + '"'


def holding(word: str, dialect: str) -> ColumnElement[bool]:
    """Proposals whose search text holds `word` (already normalised, three characters or more):
    through FTS5 on SQLite, through `LIKE` (a trigram index's) elsewhere."""
    if dialect != "sqlite":
        return Proposal.search_text.contains(word, autoescape=True)
    found: Any = (
        select(literal_column("rowid"))
        .select_from(_words)
        .where(literal_column(WORDS_TABLE).op("MATCH")(bindparam(None, fts_phrase(word))))
    )
    return Proposal.id.in_(found)
