"""The admin's failed deliveries and a user's inbox in pages: the failed e-mails then the failed
webhook posts read as one list, every row on exactly one page whatever the page size."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import insert

from services.notifications import failures, inbox
from services.notifications.models import Notification, Status, WebhookDelivery
from shared.db import Database
from shared.web.paging import Window

USER = 4242


def notice(i: int, status: str, user: int | None = None) -> dict[str, Any]:
    return {
        "event_id": f"e-{i}-{user}", "kind": "review.assigned", "recipient_user_id": user,
        "recipient_email": f"r{i}@sipinda.test", "recipient_name": "R",
        "recipient_role": "evaluator",
        "subject": f"Pemberitahuan {i}", "body_text": "…", "body_html": "…", "status": status,
        "last_error": "550 no such user" if status == Status.FAILED else None,
    }  # fmt: skip


@pytest.fixture
def failed(database: Database) -> list[tuple[str, int]]:
    """5 failed e-mails and 4 failed webhook posts (of sent e-mails), in the order the admin
    reads them: (channel, notification id)."""
    with database.session() as s:
        s.execute(insert(Notification), [notice(i, Status.FAILED) for i in range(5)])
        s.execute(insert(Notification), [notice(i, Status.SENT) for i in range(5, 9)])
        s.execute(insert(WebhookDelivery), [
            {"notification_id": n, "status": Status.FAILED, "last_error": "HTTP 500"}
            for n in range(6, 10)
        ])  # fmt: skip
    return [("email", n) for n in range(5, 0, -1)] + [("webhook", n) for n in range(9, 5, -1)]


@pytest.mark.parametrize("size", [1, 2, 3, 4, 5, 9, 50])
def test_every_failed_delivery_is_on_exactly_one_page(
    database: Database, failed: list[tuple[str, int]], size: int
) -> None:
    seen: list[tuple[str, int]] = []
    with database.session() as s:
        first = failures.failed(s, Window(1, size))
        for n in range(1, first.pages + 1):
            page = failures.failed(s, Window(n, size))
            assert page.total == 9
            assert len(page.items) == min(size, 9 - (n - 1) * size)
            seen += [(f.channel, f.id) for f in page.items]
    assert seen == failed


def test_a_failed_page_past_the_end_is_empty_for_a_client_and_the_last_for_a_person(
    database: Database, failed: list[tuple[str, int]]
) -> None:
    with database.session() as s:
        assert failures.failed(s, Window(7, 2), clamp=False).items == []
        last = failures.failed(s, Window(7, 2))
    assert (last.page, [(f.channel, f.id) for f in last.items]) == (5, failed[8:])


def test_the_inbox_pages_through_the_user_s_notices_only(database: Database) -> None:
    with database.session() as s:
        s.execute(insert(Notification), [notice(i, Status.SENT, USER) for i in range(12)])
        s.execute(insert(Notification), [notice(i, Status.SENT, USER + 1) for i in range(3)])
    with database.session() as s:
        pages = [inbox.items(s, USER, Window(n, 5)) for n in (1, 2, 3)]
    assert [len(p.items) for p in pages] == [5, 5, 2]
    assert {p.total for p in pages} == {12}
    ids = [i.id for p in pages for i in p.items]
    assert ids == sorted(ids, reverse=True)
    assert len(set(ids)) == 12
