"""Issue 20: every word a person reads is a label in their language. One browser signs in as each
role of the demo, in Indonesian and in English, and opens every GET page of the URL map that the
role may open, with real objects behind the ids (a proposal under review, and one checked,
assigned, scored and decided in a call of its own); any raw message key, snake_case code, or a word
of the other language fails the test. axe-core (from npm, installed here outside the repo) runs on
every page of every role in Indonesian: no serious or critical violation. (The English pages are
the same templates with other words, and the words are what the English crawl checks; axe was
half of the crawl's time.)"""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page

from tests.support.browser import sign_in
from tests.support.deployment import Deployment
from tests.support.labels import TEXT_IN_PAGE_LANGUAGE, findings_in
from tests.support.routes import served
from tests.support.servers import wait_until
from tests.support.submission import complete_body
from tests.support.whole_call import Decided, decided, open_call, upload

pytestmark = pytest.mark.browser

ROLES = {
    "admin": "admin@sipinda.test",
    "verifier": "verifikator@sipinda.test",
    "innovator": "inovator.dinkes@sipinda.test",
    "operator": "operator.dinkes@sipinda.test",
    "evaluator": "",  # one who scored the decided proposal (Objects.evaluator)
}
LANGUAGES = ("id", "en")
AXE_LANGUAGE = "id"  # the accessibility pass, once per role and page
NOT_PAGES = re.compile(
    r"^/(api|static|openapi|health|metrics)|logout|stream|events|\.(svg|pdf|csv|json|xml|png|js|xlsx)$"
    r"|download|/files?/|export"
)
BLOCKING = {"serious", "critical"}


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
def axe_source() -> str | None:
    """axe-core from the npm registry into the ignored .venv, once; None (printed) without npm."""
    target = Path(".venv/node")
    script = target / "node_modules/axe-core/axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            print("\n[e2e] axe SKIPPED: no npm to install axe-core")
            return None
        done = subprocess.run(
            [npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(target),
             "axe-core@4"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0 or not script.exists():
            print(f"\n[e2e] axe SKIPPED: npm could not install axe-core: {done.stderr[-300:]}")
            return None
    return script.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Objects:
    """What the crawl's ids point at: a proposal still under review, one taken through a
    whole call (checked, assigned, scored by its evaluators, decided a winner), and a complete
    draft (its form, and the questions its submit and withdraw ask first)."""

    waiting: int
    decided: Decided
    code: str  # the verification code of the decided proposal's dossier
    draft: int

    def evaluator(self) -> str:
        """The crawl's evaluator: one who scored the decided proposal."""
        return sorted(self.decided.assignments)[0]

    def ids(self, role: str) -> list[dict[str, int | str]]:
        """The values for a rule's int arguments, by name; one set per object."""
        own = self.decided.assignments.get(self.evaluator()) if role == "evaluator" else None
        assignment = own or min(self.decided.assignments.values())
        return [
            {"proposal_id": self.waiting},
            {"proposal_id": self.draft},
            {"proposal_id": self.decided.proposal_id, "call_id": self.decided.call_id,
             "assignment_id": assignment, "version_no": 1, "code": self.code},
        ]  # fmt: skip


@pytest.fixture(scope="module")
def objects(deployment: Deployment) -> Objects:
    innovator = deployment.login(ROLES["innovator"])
    made = innovator.submit_new_proposal(f"Telusur Label {uuid.uuid4().hex[:6]}")
    wait_until(
        lambda: innovator.get(f"/api/v1/proposals/{made}").json()["status"] == "under_review",
        timeout=90,
        what="the proposal to be under review",
    )
    call = open_call(deployment, f"Lomba Telusur {uuid.uuid4().hex[:4]}")
    done = decided(deployment, ROLES["innovator"], call, f"Telusur Tuntas {uuid.uuid4().hex[:6]}")
    documents = f"/api/v1/proposals/{done.proposal_id}/documents"
    wait_until(lambda: innovator.get(documents).json(), timeout=90, what="the dossier")
    drafted = innovator.post("/api/v1/proposals", complete_body(call, "Telusur Draf"))
    assert drafted.status == 201, drafted.body
    draft = int(drafted.json()["id"])
    for kind in ("sk_inovator", "aspect:uraian"):
        upload(innovator, draft, kind)
    code = innovator.get(documents).json()[0]["verification_code"]
    return Objects(made, done, code, draft)


def page_paths(app: Flask, ids: list[dict[str, int | str]]) -> list[str]:
    """Every GET page of the URL map, its int arguments filled from each set of `ids` by name
    (the set's proposal where a name is missing), a string argument only where a set names it
    (the public verification page's `<code>`)."""
    paths: set[str] = set()
    for (_endpoint, method), rule in served(app).items():
        if method != "GET" or NOT_PAGES.search(rule.rule):
            continue
        args = re.findall(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>", rule.rule)
        for values in ids:
            if any(conv != "int" and name not in values for conv, name in args):
                continue
            fill = lambda m, v=values: str(v.get(m.group(1), v["proposal_id"]))  # noqa: E731
            paths.add(re.sub(r"<(?:int:)?(\w+)>", fill, rule.rule))
    return sorted(paths)


@pytest.fixture
def signed_in(
    browser: Browser, deployment: Deployment, objects: Objects, request: pytest.FixtureRequest
) -> Iterator[Page]:
    role, language = request.param
    context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta", bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, deployment.url, objects.evaluator() if role == "evaluator" else ROLES[role])
    context.add_cookies([{"name": "lang", "value": language, "url": deployment.url}])
    try:
        yield page
    finally:
        context.close()


CASES = [(role, language) for role in ROLES for language in LANGUAGES]


@pytest.mark.parametrize(
    "signed_in", CASES, indirect=True, ids=[f"{r}-{lang}" for r, lang in CASES]
)
def test_every_page_speaks_the_persons_language(
    signed_in: Page,
    app: Flask,
    deployment: Deployment,
    objects: Objects,
    axe_source: str | None,
    request: pytest.FixtureRequest,
) -> None:
    page, (role, language) = signed_in, request.node.callspec.params["signed_in"]
    crawled, findings, violations = 0, {}, {}
    for path in page_paths(app, objects.ids(role)):
        reply = page.goto(f"{deployment.url}{path}")
        if (
            reply is None
            or reply.status in (403, 404, 405)
            or "text/html" not in (reply.headers.get("content-type", ""))
        ):
            continue
        crawled += 1
        found = findings_in(page.evaluate(TEXT_IN_PAGE_LANGUAGE, language), language)
        if found:
            findings[path] = found
        if axe_source is not None and language == AXE_LANGUAGE:
            page.add_script_tag(content=axe_source)
            result = page.evaluate("async () => (await axe.run(document)).violations")
            bad = [
                f"{v['id']}({v['impact']}) at {v['nodes'][0]['target']}: "
                f"{v['nodes'][0]['failureSummary'][-160:]}"
                for v in result
                if v["impact"] in BLOCKING
            ]
            if bad:
                violations[path] = bad
    axe = f"{len(violations)} with serious axe violations" if language == AXE_LANGUAGE else "no axe"
    print(f"\n[crawl] {role}/{language}: {crawled} pages, {len(findings)} with raw words, {axe}")
    assert crawled > 0
    assert findings == {}, findings
    assert violations == {}, violations
