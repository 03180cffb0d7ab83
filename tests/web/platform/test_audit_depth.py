"""The audit log's user and proposal filters run in SQL (issue 25): an entry older than its
service's newest 5,000 events is still found, counted and reached, and the page's total is
the number of entries the filters select, never a scan's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from services.platform.console import audit
from services.review.models import OUTBOX
from shared import runtime
from shared.web.paging import Window
from tests.support.bulk import load_outbox, outbox_event, outbox_events, remove_outbox
from tests.support.submission import token

USER, PROPOSAL = 987_654, 987_655  # nobody else's


@pytest.fixture(scope="module")
def old_entries(app: Flask) -> Iterator[list[str]]:
    """Two events of the user about the proposal in 2020, then 5,001 newer ones of others."""
    db = runtime.database("review")
    ids = load_outbox(db, OUTBOX, [
        outbox_event("review", datetime(2020, 1, 1, tzinfo=UTC), USER, PROPOSAL),
        outbox_event("review", datetime(2020, 1, 1, 1, tzinfo=UTC), None, PROPOSAL),
        *outbox_events("review", 5_001, start=datetime(2020, 1, 2, tzinfo=UTC)),
    ])  # fmt: skip
    yield ids[:2]
    remove_outbox(db, OUTBOX, ids)


def test_an_old_entry_is_found_by_its_user_and_its_proposal(old_entries: list[str]) -> None:
    mine = audit.read_page(audit.Filters(user_id=USER), Window(1, 50))
    assert (mine.total, [e.event_id for e in mine.items]) == (1, old_entries[:1])
    about = audit.read_page(audit.Filters(proposal_id=PROPOSAL), Window(1, 50))
    assert (about.total, [e.event_id for e in about.items]) == (2, old_entries[::-1])
    both = audit.read_page(audit.Filters(user_id=USER, proposal_id=PROPOSAL), Window(1, 1))
    assert [e.event_id for e in both.items] == old_entries[:1]
    assert audit.read_page(audit.Filters(user_id=USER, action="nothing."), Window()).total == 0


def test_a_filtered_page_counts_every_entry_it_selects(old_entries: list[str]) -> None:
    busy = 1_000  # made one in 50 of the 5,001 events: 101, the oldest past the newest 5,000
    found = audit.read_page(audit.Filters(user_id=busy), Window(3, 50))
    assert found.total == 101
    assert len(found.items) == 1
    whole = audit.read(audit.Filters(user_id=busy), limit=1_000)
    assert len(whole) == 101
    assert found.items == whole[100:]


def test_the_api_gives_the_filtered_total(client: FlaskClient, old_entries: list[str]) -> None:
    admin = token(client, "admin@sipinda.test")
    reply = client.get(f"/api/v1/admin/audit?proposal={PROPOSAL}&per_page=1", headers=admin)
    assert reply.status_code == 200
    assert reply.headers["X-Total-Count"] == "2"
    assert [e["event_id"] for e in reply.json] == old_entries[1:]
    assert 'rel="next"' in reply.headers["Link"]
