"""Every service's migrations build exactly what its models declare: nothing to autogenerate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from services.platform.registry import migration_sets
from shared.db import create_db_engine
from shared.migrations import MigrationSet, upgrade


def drift(migrations: MigrationSet, url: str) -> list[Any]:
    engine = create_db_engine(url)
    with engine.connect() as connection:
        opts = {"compare_type": True, "include_name": migrations.include_name}
        context = MigrationContext.configure(connection, opts=opts)
        diff = compare_metadata(context, migrations.metadata)
    engine.dispose()
    # The version table is Alembic's own, not the model's.
    return [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("alembic_"))]


@pytest.mark.parametrize("migrations", migration_sets(), ids=lambda m: m.name)
def test_migrations_match_the_models(migrations: MigrationSet, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'scratch.db'}"
    upgrade(migrations, url)
    assert drift(migrations, url) == [], f"run `sipinda makemigrations -m WHAT {migrations.name}`"


def test_what_a_migration_makes_outside_the_models_is_left_out_of_the_comparison() -> None:
    submission = next(m for m in migration_sets() if m.name == "submission")
    for name in ("proposal_words", "proposal_words_data", "ix_proposals_search_trgm"):
        assert not submission.include_name(name, "table" if "words" in name else "index")
    assert submission.include_name("proposals", "table")
    assert submission.include_name("proposal_versions", "table")
    assert submission.include_name("proposal_words", "column")  # only tables and indexes
