"""Issue 20: every word a person reads is a label in their language. One browser signs in as each
role of the demo, in Indonesian and in English, and opens every GET page of the URL map that the
role may open, with real objects behind the ids (a proposal under review, and one checked,
assigned, scored and decided in a call of its own); any raw message key, snake_case code, or a word
of the other language fails the test. axe-core (from npm, installed here outside the repo) runs on
every page of every role in Indonesian: no serious or critical violation. (The English pages are
the same templates with other words, and the words are what the English crawl checks; axe was
half of the crawl's time.) Which pages a role may open is asked once per role, without a browser
tab, and its one sign-in serves both its crawls (tests/support/crawl.py)."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Browser

from tests.support import crawl
from tests.support.deployment import Deployment
from tests.support.labels import findings_in

pytestmark = pytest.mark.browser

LANGUAGES = ("id", "en")
AXE_LANGUAGE = "id"  # the accessibility pass, once per role and page
CASES = [(role, language) for role in crawl.ROLES for language in LANGUAGES]


def test_the_detectors_catch_keys_codes_and_the_other_language() -> None:
    assert findings_in("Lampiran: aspect:kebaruan, sk_inovator", "id") == [
        "aspect:kebaruan",
        "sk_inovator",
    ]
    assert "timeline.notified.owner" in findings_in("timeline.notified.owner", "id")
    assert findings_in("Status: submitted", "id") == ["id:submitted"]
    assert findings_in("Status: Terkirim", "en") == ["en:Terkirim"]
    assert findings_in("Kirim ke admin@sipinda.test, berkas lampiran_1.pdf", "id") == []


@pytest.fixture(scope="module")
def crawler(browser: Browser, app: Flask, deployment: Deployment) -> crawl.Crawler:
    objects = crawl.made_objects(deployment)
    return crawl.Crawler(browser, app, deployment.url, objects, crawl.axe_source())


@pytest.mark.parametrize(("role", "language"), CASES, ids=[f"{r}-{lang}" for r, lang in CASES])
def test_every_page_speaks_the_persons_language(
    crawler: crawl.Crawler, role: str, language: str
) -> None:
    axe = crawler.axe is not None and language == AXE_LANGUAGE
    done = crawler.crawl(role, language, axe)
    checked = f"{len(done.violations)} with serious axe violations" if axe else "no axe"
    print(
        f"\n[crawl] {role}/{language}: {done.pages} pages (of {len(crawler.paths(role))} paths), "
        f"{len(done.findings)} with raw words, {checked}"
    )
    assert done.pages > 0
    assert done.failed == {}, done.failed  # no page the role may open fails on the server
    assert done.findings == {}, done.findings
    assert done.violations == {}, done.violations
