"""Every list a person reads comes in pages: the shared pager says where the page sits in
their language, and each list (review queue and registry, inbox, failed deliveries, audit log,
render failures, accounts) answers a bad page number with page 1, never a 500; the APIs carry
the total and the neighbouring pages in their headers."""

from __future__ import annotations

import re

import pytest
from flask import Flask, render_template_string
from flask.testing import FlaskClient

from shared.web.paging import Page, Window
from tests.support.pages import sign_in
from tests.support.submission import token

ADMIN = "admin@sipinda.test"
BAD = "page=abc&per_page=0"


def pager(app: Flask, page: Page[int], language: str) -> str:
    with app.test_request_context("/x?status=draft", headers={"Accept-Language": language}):
        return render_template_string('{% include "_pager.html" %}', pager=page)


def test_the_pager_counts_in_the_reader_s_language(app: Flask) -> None:
    page = Page(list(range(50)), 20_000, 2, 50).linked("/x", [("status", "draft")])
    indonesian = pager(app, page, "id")
    assert "Menampilkan 51–100 dari 20.000" in indonesian
    assert '<nav class="pager" aria-label="Halaman daftar">' in indonesian
    assert '<a aria-current="page" href="/x?status=draft&amp;page=2"' in indonesian
    assert 'aria-label="Halaman 400">400</a>' in indonesian
    assert '<a rel="prev" href="/x?status=draft">‹ Sebelumnya</a>' in indonesian
    assert '<a rel="next" href="/x?status=draft&amp;page=3">Berikutnya ›</a>' in indonesian
    english = pager(app, page, "en")
    assert "Showing 51–100 of 20,000" in english
    assert 'aria-label="List pages"' in english
    assert "Page 400" in english


def test_a_short_list_shows_its_count_and_no_page_links(app: Flask) -> None:
    html = pager(app, Page([1, 2, 3], 3, 1, 50), "id")
    assert "Menampilkan 1–3 dari 3" in html
    assert "<ul>" not in html
    assert pager(app, Page([], 0, 1, 50), "id").strip() == ""


@pytest.mark.parametrize(
    "path",
    ["/review", "/review/admin/evaluators", "/notifications", "/admin/notifications/failed",
     "/admin/audit", "/proposals", "/review/admin/calls/1", "/dev/mailbox", "/admin/accounts"],
)  # fmt: skip
def test_every_list_page_reads_a_bad_page_number_as_page_one(
    client: FlaskClient, path: str
) -> None:
    sign_in(client, ADMIN)
    reply = client.get(f"{path}?{BAD}")
    assert reply.status_code == 200


@pytest.mark.parametrize(
    "path",
    ["/api/v1/review/assignments", "/api/v1/notifications", "/api/v1/notifications/failed",
     "/api/v1/admin/audit", "/api/v1/audit", "/api/v1/document-failures", "/api/v1/proposals"],
)  # fmt: skip
def test_every_list_api_says_its_total_and_reads_bad_numbers_as_page_one(
    client: FlaskClient, path: str
) -> None:
    reply = client.get(f"{path}?{BAD}", headers=token(client, ADMIN))
    assert reply.status_code == 200
    assert int(reply.headers["X-Total-Count"]) >= 0
    assert reply.headers["X-Page"] == "1"
    assert reply.headers["X-Per-Page"] == "1"  # a size below 1 is 1
    assert 'rel="first"' in reply.headers["Link"]


def test_the_audit_log_pages_hold_every_entry_once(client: FlaskClient) -> None:
    admin = token(client, ADMIN)
    whole = client.get("/api/v1/admin/audit?per_page=200", headers=admin)
    expected = [e["event_id"] for e in whole.json][:10]
    assert len(expected) >= 2  # the seed's events at least
    seen: list[str] = []
    for n in range(1, len(expected) + 1):
        reply = client.get(f"/api/v1/admin/audit?per_page=1&page={n}", headers=admin)
        assert reply.headers["X-Total-Count"] == whole.headers["X-Total-Count"]
        seen += [e["event_id"] for e in reply.json]
    assert seen == expected
    sign_in(client, ADMIN)
    page = client.get("/admin/audit?per_page=1&page=2").get_data(as_text=True)
    assert re.search(r"Menampilkan 2–2 dari [\d.]+", page)


def test_the_inbox_api_keeps_its_body_and_adds_where_the_page_sits(client: FlaskClient) -> None:
    headers = token(client, ADMIN)
    reply = client.get("/api/v1/notifications?limit=1", headers=headers)
    assert reply.status_code == 200
    assert {"unread", "items", "total", "page", "per_page"} <= set(reply.json)
    assert (reply.json["page"], reply.json["per_page"]) == (1, 1)
    assert client.get("/api/v1/notifications?limit=0", headers=headers).status_code == 400


def test_an_audit_page_read_from_each_source_s_newest_is_that_page_of_the_whole_log(
    client: FlaskClient,
) -> None:
    from services.platform.console import audit

    admin = token(client, ADMIN)
    call_id = client.get("/api/v1/calls", headers=admin).json[0]["id"]
    for day in (2, 3, 4):  # three admin actions beside the services' events
        body = {"closes_at": f"2031-08-0{day}T00:00:00", "reason": "uji halaman"}
        reply = client.post(f"/api/v1/calls/{call_id}/extend", headers=admin, json=body)
        assert reply.status_code == 200, reply.json
    for action in (None, "admin.", "admin.call.extend", "adm", "account.", "nothing."):
        filters = audit.Filters(action=action)
        whole = audit.read(filters, limit=100_000)
        for size in (1, 2, 5):
            for n in range(1, 5):
                page = audit.read_page(filters, Window(n, size), clamp=False)
                assert page.items == whole[(n - 1) * size : n * size], (action, size, n)
                assert page.total == len(whole)
