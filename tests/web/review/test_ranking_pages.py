"""The call's ranking in pages (issue 25): 50 rows a page with the call's own ranks (the first
row of page 2 keeps its place in the whole call), the decisions form sends only the rows shown,
so deciding on page 2 leaves page 1 as it was, and the API pages the same list with the
`X-Total-Count`, `X-Page`, `X-Per-Page` and `Link` headers and its body's shape unchanged."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from services.review import reviews
from services.review.models import ReviewProposal
from services.review.reviews import RankingRow
from shared import runtime
from tests.support.bulk import load_ranked_call, remove_ranked_call
from tests.support.pages import csrf_of, sign_in
from tests.support.submission import token

CALL = 7805
FIRST = 780_001
COUNT = 120
PAGE = f"/review/admin/calls/{CALL}"
ROW = re.compile(r'<tr><td>(\d+)</td><td><a href="[^"]*">Inovasi peringkat (\d+)</a>')


@pytest.fixture(scope="module")
def ranked(app: Flask) -> Iterator[list[RankingRow]]:
    """A call of 120 scored versions, ranked by the one rule (`reviews.ranking`)."""
    db = runtime.database("review")
    load_ranked_call(db, CALL, COUNT, first_id=FIRST, evaluators=7)
    with db.session() as s:
        yield reviews.ranking(s, CALL)
    remove_ranked_call(db, CALL)


def shown(html: str) -> list[tuple[int, int]]:
    """(proposal, rank) of each ranking row on the page."""
    return [(int(pid), int(rank)) for rank, pid in ROW.findall(html)]


def decision_of(proposal_id: int) -> str | None:
    with runtime.database("review").session() as s:
        found = s.get(ReviewProposal, (proposal_id, 1))
        assert found is not None
        return found.decision


def test_the_ranking_shows_a_page_at_a_time_with_the_call_s_ranks(
    client: FlaskClient, ranked: list[RankingRow]
) -> None:
    sign_in(client, "admin@sipinda.test")
    expected = [(r.proposal_id, r.rank) for r in ranked]
    first = client.get(PAGE).get_data(as_text=True)
    assert shown(first) == expected[:50]
    assert len(re.findall(r'name="decision_\d+_1"', first)) == 50
    assert f"{PAGE}?ranking_page=2" in first.replace("&amp;", "&")
    second = client.get(f"{PAGE}?ranking_page=2").get_data(as_text=True)
    assert shown(second) == expected[50:100]
    assert shown(second)[0][1] > 1  # its place in its category over the whole call
    last = client.get(f"{PAGE}?ranking_page=3&ranking_per_page=50").get_data(as_text=True)
    assert shown(last) == expected[100:]
    smaller = client.get(f"{PAGE}?ranking_page=4&ranking_per_page=10").get_data(as_text=True)
    assert shown(smaller) == expected[30:40]


def test_deciding_on_page_two_leaves_page_one_alone(
    client: FlaskClient, ranked: list[RankingRow]
) -> None:
    csrf = sign_in(client, "admin@sipinda.test")
    top, later = ranked[0].proposal_id, [r.proposal_id for r in ranked[50:52]]
    decide = f"{PAGE}/decisions"
    made = client.post(decide, data={"csrf_token": csrf, f"decision_{top}_1": "winner",
                                     "confirm": "yes"})  # fmt: skip
    assert made.status_code == 302
    assert decision_of(top) == "winner"

    page = client.get(f"{PAGE}?ranking_page=2").get_data(as_text=True)
    form = re.search(r'<form method="post" action="[^"]*/decisions">(.*?)</form>', page, re.S)
    assert form is not None
    sent = {name: "" for name in re.findall(r'name="(decision_\d+_1)"', form.group(1))}
    assert f"decision_{top}_1" not in sent  # only the rows shown are sent
    hidden = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', form.group(1)))
    assert hidden["ranking_page"] == "2"
    sent |= {f"decision_{later[0]}_1": "finalist", f"decision_{later[1]}_1": "not_selected"}
    asked = client.post(decide, data={**hidden, **sent, "csrf_token": csrf_of(page)})
    assert asked.status_code == 200
    html = asked.get_data(as_text=True)
    assert "Ya, simpan 2 keputusan" in html
    confirm = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', html))
    done = client.post(decide, data=confirm)
    assert done.status_code == 302
    assert done.headers["Location"].endswith(f"{PAGE}?ranking_page=2#ranking")
    assert [decision_of(p) for p in (top, *later)] == ["winner", "finalist", "not_selected"]
    undecided = [r.proposal_id for r in ranked if r.proposal_id not in (top, *later)]
    assert {decision_of(p) for p in undecided} == {None}
    again = client.get(PAGE).get_data(as_text=True)
    assert shown(again)[0] == (top, ranked[0].rank)  # a decision moves no place


def test_the_ranking_api_pages_with_headers_and_the_same_body(
    client: FlaskClient, ranked: list[RankingRow]
) -> None:
    admin = token(client, "admin@sipinda.test")
    url = f"/api/v1/review/calls/{CALL}/ranking"
    reply = client.get(f"{url}?page=3&per_page=20", headers=admin)
    assert reply.status_code == 200
    assert [r["proposal_id"] for r in reply.json] == [r.proposal_id for r in ranked[40:60]]
    assert reply.json[0] == {**ranked[40].__dict__, "decision": reply.json[0]["decision"]}
    headers = reply.headers
    assert (headers["X-Total-Count"], headers["X-Page"], headers["X-Per-Page"]) == (
        "120", "3", "20",
    )  # fmt: skip
    links = dict(
        (rel, href) for href, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', headers["Link"])
    )
    assert links == {
        "first": f"http://localhost{url}?per_page=20",
        "prev": f"http://localhost{url}?page=2&per_page=20",
        "next": f"http://localhost{url}?page=4&per_page=20",
        "last": f"http://localhost{url}?page=6&per_page=20",
    }
    whole = client.get(url, headers=admin)
    assert len(whole.json) == 50
    assert whole.headers["X-Total-Count"] == "120"
    past = client.get(f"{url}?page=9", headers=admin)
    assert past.status_code == 200
    assert past.json == []
