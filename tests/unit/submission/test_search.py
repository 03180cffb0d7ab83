"""The desk's search text: one normalised line per proposal, written on save, and written by the
migration for the proposals that were there before it."""

from __future__ import annotations

import json
from pathlib import Path

from alembic import command
from sqlalchemy import text

from services.submission.models import MIGRATIONS
from services.submission.search import normalise, search_text, words
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
