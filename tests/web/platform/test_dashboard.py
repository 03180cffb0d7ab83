"""The admin's dashboard opens with the programme (its figures, then its charts) and puts the
system's health second, in both languages; each figure card is framed from its own service."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.support.pages import sign_in


@pytest.mark.parametrize(
    ("language", "programme", "health"),
    [
        ("id", "Program inovasi", "Kesehatan sistem"),
        ("en", "The innovation programme", "System health"),
    ],
)
def test_the_programme_comes_before_the_health(
    client: FlaskClient, language: str, programme: str, health: str
) -> None:
    sign_in(client, "admin@sipinda.test")
    page = client.get("/admin", headers={"Accept-Language": language})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    order = [html.index(f'id="{section}"') for section in ("programme", "figures", "health")]
    assert order == sorted(order)
    assert html.index(programme) < html.index(f">{health}</h2>")
    # Each card comes from the service that owns its numbers, framed, never read here.
    cards = ('src="/admin/summary/proposals"', 'src="/review/admin/summary"')
    assert all(html.index(card) < order[1] for card in cards)
    # A compact status line on top links to the health below and to its own page.
    status = html.index('role="status"')
    assert status < order[0]
    assert html.index('href="/admin/system"', status) < order[0]
    assert "dashboard." not in html
    assert "health.overall" not in html


def test_the_cards_may_be_framed_by_the_dashboard_alone(client: FlaskClient) -> None:
    sign_in(client, "admin@sipinda.test")
    page = client.get("/admin/dashboard")
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    for card in ("/admin/summary/proposals", "/review/admin/summary"):
        reply = client.get(card)
        assert reply.status_code == 200
        assert "frame-ancestors 'self'" in reply.headers["Content-Security-Policy"]


def test_the_dashboard_is_the_admins(client: FlaskClient) -> None:
    sign_in(client, "verifikator@sipinda.test")
    assert client.get("/admin").status_code == 403
