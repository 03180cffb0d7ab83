"""proposals text index: the list's search reads an index of trigrams, not every proposal's text

A search for a word in no proposal read all 20,000 proposals' rows twice (for the status counts,
then for the page): 150 ms of server CPU on SQLite. SQLite gets an FTS5 table of trigrams over
`proposals.search_text` (`proposal_words`, external content, kept by three triggers);
PostgreSQL a GIN index of trigrams on the column (pg_trgm, which `LIKE '%word%'` uses), where
the extension can be created; without it the search still works, by reading the rows.

A later migration that rebuilds `proposals` on SQLite (Alembic's batch mode copies the table)
drops the triggers with the old table: it must run the three `CREATE TRIGGER` statements of
`SQLITE` again, then its `rebuild`.

Revision ID: f6b8d0e2a4c5
Revises: e5a7c9b1d3f4
Create Date: 2026-12-06 09:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f6b8d0e2a4c5"
down_revision: str | None = "e5a7c9b1d3f4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE = (
    "CREATE VIRTUAL TABLE proposal_words USING fts5(search_text, content='proposals', "
    "content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER proposal_words_insert AFTER INSERT ON proposals BEGIN "
    "INSERT INTO proposal_words(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER proposal_words_delete AFTER DELETE ON proposals BEGIN "
    "INSERT INTO proposal_words(proposal_words, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER proposal_words_update AFTER UPDATE OF search_text ON proposals BEGIN "
    "INSERT INTO proposal_words(proposal_words, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO proposal_words(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO proposal_words(proposal_words) VALUES ('rebuild')",
)
POSTGRESQL_INDEX = (
    "CREATE INDEX ix_proposals_search_trgm ON proposals USING gin (search_text gin_trgm_ops)"
)


def create_sqlite_index() -> None:
    for statement in SQLITE:
        op.execute(statement)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        create_sqlite_index()
    elif bind.dialect.name == "postgresql":
        savepoint = bind.begin_nested()  # a role that may not create it keeps a slower search
        try:
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        except sa.exc.DBAPIError:
            savepoint.rollback()
            return
        savepoint.commit()
        op.execute(POSTGRESQL_INDEX)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS proposal_words_{name}")
        op.execute("DROP TABLE IF EXISTS proposal_words")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_proposals_search_trgm")
