"""The proposal list in pages: counts, previous and next, every proposal on exactly one page,
a search by title or agency, and a bad page number read as page 1 (never a 500); the same list
as JSON, its body unchanged, its place in the headers."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from tests.support.listing import many_proposals
from tests.support.pages import sign_in
from tests.support.submission import token

COUNT = 23  # four pages of 7: 7 + 7 + 7 + 2
PER = 7


def shown(client: FlaskClient, query: str, language: str = "id") -> tuple[str, list[int]]:
    reply = client.get(f"/proposals?{query}", headers={"Accept-Language": language})
    assert reply.status_code == 200
    page = reply.get_data(as_text=True)
    return page, [int(i) for i in re.findall(r'<td><a href="/proposals/(\d+)">', page)]


def test_pages_of_the_list_hold_every_proposal_once(client: FlaskClient) -> None:
    sign_in(client, "admin@sipinda.test")
    with many_proposals(COUNT) as (word, ids):
        pages = [shown(client, f"q={word}&per_page={PER}&page={n}")[1] for n in range(1, 5)]
        assert [len(p) for p in pages] == [7, 7, 7, 2]
        assert pages[0] != pages[1]
        seen = [i for p in pages for i in p]
        assert seen == ids  # newest change first, none lost, none twice
        assert len(set(seen)) == COUNT


def test_the_pager_says_where_the_page_sits_and_links_the_others(client: FlaskClient) -> None:
    sign_in(client, "admin@sipinda.test")
    with many_proposals(COUNT) as (word, _):
        page, _ = shown(client, f"q={word}&per_page={PER}&page=2")
        assert "Menampilkan 8–14 dari 23" in page
        assert '<nav class="pager" aria-label="Halaman daftar">' in page
        assert 'aria-current="page" href="/proposals?q=' in page
        assert f'rel="prev" href="/proposals?q={word}&amp;per_page={PER}"' in page
        assert f'rel="next" href="/proposals?q={word}&amp;page=3&amp;per_page={PER}"' in page
        english, _ = shown(client, f"q={word}&per_page={PER}&page=4", "en")
        assert "Showing 22–23 of 23" in english
        assert 'rel="next"' not in english
        assert "Next ›" in english  # shown, but not a link on the last page
        first, _ = shown(client, f"q={word}&per_page={PER}")
        assert 'rel="prev"' not in first


def test_filters_and_search_stay_on_every_page(client: FlaskClient) -> None:
    sign_in(client, "admin@sipinda.test")
    with many_proposals(COUNT) as (word, ids):
        page, found = shown(client, f"status=draft&q={word.upper()}&per_page={PER}&page=2")
        assert found == ids[PER : 2 * PER]  # the search ignores case
        assert f"status=draft&amp;q={word.upper()}&amp;page=3" in page
        assert f'value="{word.upper()}"' in page
        _, none = shown(client, f"status=submitted&q={word}")
        assert none == []
        _, wildcard = shown(client, "q=%25_%25")  # "%_%" is text, not a pattern
        assert wildcard == []


@pytest.mark.parametrize("bad", ["abc", "0", "-3", "1.5", "", "9" * 30, "1e3", "١", "%20"])
def test_a_bad_page_number_shows_page_one(client: FlaskClient, bad: str) -> None:
    sign_in(client, "admin@sipinda.test")
    with many_proposals(COUNT) as (word, ids):
        page, found = shown(client, f"q={word}&per_page={PER}&page={bad}")
        assert found == ids[:PER]
        assert "Menampilkan 1–7 dari 23" in page


def test_a_nul_in_the_page_number_is_a_clear_4xx(client: FlaskClient) -> None:
    sign_in(client, "admin@sipinda.test")
    assert client.get("/proposals?page=%00").status_code == 422  # the NUL guard, as everywhere


def test_a_page_past_the_end_shows_the_last_and_sizes_are_bounded(client: FlaskClient) -> None:
    sign_in(client, "admin@sipinda.test")
    with many_proposals(COUNT) as (word, ids):
        _, last = shown(client, f"q={word}&per_page={PER}&page=999")
        assert last == ids[3 * PER :]
        _, everything = shown(client, f"q={word}&per_page=100000")
        assert everything == ids  # at most 200 a page: all 23 fit
        _, one = shown(client, f"q={word}&per_page=0")
        assert one == ids[:1]


def test_the_api_walks_the_pages_by_its_link_header(client: FlaskClient) -> None:
    admin = token(client, "admin@sipinda.test")
    with many_proposals(COUNT) as (word, ids):
        url: str | None = f"/api/v1/proposals?q={word}&per_page={PER}"
        seen: list[int] = []
        while url:
            reply = client.get(url, headers=admin)
            assert reply.status_code == 200
            assert reply.headers["X-Total-Count"] == str(COUNT)
            assert isinstance(reply.json, list)  # the body is the same list as ever
            seen += [p["id"] for p in reply.json]
            nxt = re.search(r'<([^>]+)>; rel="next"', reply.headers["Link"])
            url = nxt.group(1) if nxt else None
        assert seen == ids


def test_the_api_reads_bad_numbers_as_page_one_and_ends_empty(client: FlaskClient) -> None:
    admin = token(client, "admin@sipinda.test")
    with many_proposals(COUNT) as (word, ids):
        bad = client.get(f"/api/v1/proposals?q={word}&per_page={PER}&page=x", headers=admin)
        assert [p["id"] for p in bad.json] == ids[:PER]
        assert bad.headers["X-Page"] == "1"
        past = client.get(f"/api/v1/proposals?q={word}&per_page={PER}&page=9", headers=admin)
        assert (past.status_code, past.json) == (200, [])
        assert 'rel="prev"' in past.headers["Link"]
        plain = client.get(f"/api/v1/proposals?q={word}", headers=admin)
        assert len(plain.json) == COUNT  # 50 a page unless asked
        assert plain.headers["X-Per-Page"] == "50"


def test_an_operator_pages_through_only_their_agency(client: FlaskClient) -> None:
    with many_proposals(COUNT, opd_code="not-theirs") as (word, _):
        headers = token(client, "inovator.dinkes@sipinda.test")
        reply = client.get(f"/api/v1/proposals?q={word}", headers=headers)
        assert (reply.json, reply.headers["X-Total-Count"]) == ([], "0")


def test_the_list_names_each_agency_and_shows_staff_its_code(client: FlaskClient) -> None:
    """Issue 20: the agency column read `dinkes`; a person reads the agency's name, and staff,
    who search and filter by code, see the code beside it."""
    sign_in(client, "admin@sipinda.test")
    with many_proposals(2) as (word, _):
        page, _ = shown(client, f"q={word}")
        cells = re.findall(r"<td>(Dinas Kesehatan[^<]*)<small", page)
        assert len(cells) == 2
        assert '<small class="muted">dinkes</small>' in page
