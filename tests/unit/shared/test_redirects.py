"""The one rule for redirect targets taken from the request (`shared.web.redirects`)."""

from __future__ import annotations

import pytest

from shared.web.redirects import safe_target

HOST = "sipinda.test"


@pytest.mark.parametrize(
    "target",
    [
        "/",
        "/proposals/12",
        "/proposals?status=draft&page=2",
        "/review/assignments/3#skor",
        "/cari?q=jemput%20bola",
    ],
)
def test_a_path_on_this_site_is_kept(target: str) -> None:
    assert safe_target(target, (HOST,)) == target


@pytest.mark.parametrize(
    "target",
    [
        None,
        "",
        "/\r\nSet-Cookie: x=1",
        "/%0d%0aSet-Cookie:%20x=1",
        "/ok\nLocation: https://evil.test",
        "/tab\there",
        "/nul\x00",
        "/del\x7f",
        "/line\u2028sep",
        "/bidi\u202egnp.exe",
        "//evil.test",
        "//evil.test/path",
        "/\\evil.test",
        "\\\\evil.test",
        "/%5cevil.test",
        "https://evil.test/",
        "http://evil.test@sipinda.test.evil.test/",
        "javascript:alert(1)",
        "data:text/html,hi",
        "ftp://sipinda.test/",
        "proposals/12",
        "https:/evil.test",
        "/" + "a" * 3000,
    ],
)
def test_anything_else_goes_to_the_fallback(target: str | None) -> None:
    assert safe_target(target, (HOST,)) == "/"
    assert safe_target(target, (HOST,), fallback="/masuk") == "/masuk"


def test_an_absolute_url_to_this_site_becomes_its_path() -> None:
    assert safe_target("http://sipinda.test/proposals/3?x=1", (HOST,)) == "/proposals/3?x=1"
    assert safe_target("https://SIPINDA.test", (HOST,)) == "/"
    assert safe_target("http://sipinda.test/proposals", ()) == "/"  # no host of ours named
