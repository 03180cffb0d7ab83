"""The desk's search text: one normalised line per proposal, written on save, and written by the
migration for the proposals that were there before it; SQLite's index of its trigrams, built by
a migration and kept by triggers."""

from __future__ import annotations

import json
from pathlib import Path

from alembic import command
from sqlalchemy import Connection, select, text

from services.submission.models import MIGRATIONS, Proposal
from services.submission.search import in_text, normalise, search_text, short_words, words
from services.submission.text_index import fts_phrase, holding
from shared.db import create_db_engine


def test_the_search_text_is_lower_case_plain_words() -> None:
    assert normalise("  Café—Posyandu_Digital (2026)! ") == "cafe posyandu digital 2026"
    line = search_text("Judul", "Ringkas.", {"uraian": "Kader ÉLITE", "angka": 3, "kosong": ""})
    assert line == "judul ringkas kader elite"  # what is not text is left out


def test_a_query_is_its_words_and_text_with_none_is_looked_for_as_typed() -> None:
    assert words("  Bank   SAMPAH, café ") == ["bank", "sampah", "cafe"]
    assert words("%_%") == ["%_%"]  # a wildcard is text, never "anything"
    assert words("") == []
    assert len(words(" ".join(f"w{i}" for i in range(20)))) == 8


def test_the_migration_writes_the_search_text_of_proposals_already_there(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = MIGRATIONS.config(url)
    command.upgrade(config, "c3e8a1d4f7b2")  # the revision before the search text
    engine = create_db_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO proposals (title, summary, opd_code, innovator_id, status, "
                "version_no, evaluator_ids, created_at, updated_at, sdgs, sections, profile, fixes)"
                " VALUES ('Bank Sampah', 'Ringkas', 'dinkes', 1, 'submitted', 1, '[]', "
                "'2026-01-01', '2026-01-01', '[]', :sections, '{}', '[]')"
            ),
            {"sections": json.dumps({"uraian": "Warga menabung sampah di Cibeber"})},
        )
    command.upgrade(config, "head")
    with engine.connect() as connection:
        found = connection.execute(text("SELECT search_text FROM proposals")).scalar_one()
        verdict = connection.execute(text("SELECT count(verdict) FROM checks")).scalar_one()
    engine.dispose()
    assert found == "bank sampah ringkas warga menabung sampah di cibeber"
    assert verdict == 0


def test_a_short_word_or_one_of_no_letter_is_looked_for_in_titles_only() -> None:
    assert [in_text(w) for w in ("sampah", "kb1", "kb", "1")] == [True, True, False, False]
    assert not in_text("%_%")  # typed as it is: the search text holds no such characters
    assert short_words("KB keliling 1 %") == ["kb", "1"]
    assert short_words("%_%") == []  # no word at all: nothing to explain


def test_a_word_reaches_fts5_as_one_quoted_phrase() -> None:
    assert fts_phrase("bank sampah") == '"bank sampah"'
    assert fts_phrase('a"b OR c*') == '"a""b OR c*"'


def _proposal(connection: Connection, title: str, words: str) -> int:
    connection.execute(
        text(
            "INSERT INTO proposals (title, summary, opd_code, innovator_id, status, version_no, "
            "evaluator_ids, created_at, updated_at, sdgs, sections, profile, fixes, search_text)"
            " VALUES (:title, '', 'dinkes', 1, 'draft', 1, '[]', '2026-01-01', '2026-01-01', "
            "'[]', '{}', '{}', '[]', :words)"
        ),
        {"title": title, "words": words},
    )
    return int(connection.execute(text("SELECT max(id) FROM proposals")).scalar_one())


def _holding(connection: Connection, word: str) -> list[int]:
    query = select(Proposal.id).where(holding(word, "sqlite")).order_by(Proposal.id)
    return list(connection.scalars(query))


def test_the_sqlite_index_holds_the_proposals_before_it_and_follows_every_change(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = MIGRATIONS.config(url)
    command.upgrade(config, "e5a7c9b1d3f4")  # the revision before the index
    engine = create_db_engine(url)
    with engine.begin() as connection:
        before = _proposal(connection, "Bank Sampah", "bank sampah warga menabung di cibeber")
    command.upgrade(config, "head")
    with engine.begin() as connection:
        assert _holding(connection, "nabung di cib") == [before]  # any piece of 3 or more
        after = _proposal(connection, "Posyandu", "posyandu keliling kader kesehatan")
        assert _holding(connection, "kader") == [after]
        connection.execute(
            text("UPDATE proposals SET search_text = 'posyandu tetap' WHERE id = :id"),
            {"id": after},
        )
        assert _holding(connection, "kader") == []
        assert _holding(connection, "tetap") == [after]
        connection.execute(text("DELETE FROM proposals WHERE id = :id"), {"id": before})
        assert _holding(connection, "sampah") == []
        assert _holding(connection, 'a" OR "b') == []  # query syntax is text, not an error
    engine.dispose()
    command.downgrade(config, "e5a7c9b1d3f4")
    with engine.connect() as connection:
        left = connection.execute(
            text("SELECT name FROM sqlite_master WHERE name LIKE 'proposal_words%'")
        )
        assert left.all() == []
    engine.dispose()
