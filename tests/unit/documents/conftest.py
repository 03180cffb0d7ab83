"""Fixtures for the documents service: `review.assigned` events, one real render shared by the
read-only rendering tests (WeasyPrint takes about a second per dossier), a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from services.documents.dossier import TEMPLATE, dossier_context
from services.documents.fetcher import AssetFetcher
from services.documents.letterhead import CILEGON
from services.documents.models import Base
from services.documents.rendering import render_pdf
from shared.db import Database
from tests.unit.documents.factories import Assigned, make_assigned


@pytest.fixture
def assigned() -> Assigned:
    """Makes `review.assigned` events as review would publish them."""
    return make_assigned


@pytest.fixture(scope="session")
def rendered() -> tuple[bytes, AssetFetcher]:
    """The default event's dossier, rendered once, and the fetcher that served it."""
    fetcher = AssetFetcher()
    event = make_assigned()
    pdf = render_pdf(
        TEMPLATE, dossier_context(event, CILEGON), created=event.submitted_at, fetcher=fetcher
    )
    return pdf, fetcher


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database("documents", f"sqlite:///{tmp_path / 'documents.db'}")
    Base.metadata.create_all(database.engine)
    yield database
    database.dispose()
