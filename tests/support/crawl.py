"""The labels crawl's parts (issue 20; tests/e2e/test_labels_crawl.py): the roles it signs in as,
the objects behind the URL map's ids, every GET page of the map, which of them a role may open
(asked without a browser tab), and the walk through those pages in one language that reads each
page's words and, where asked, runs axe-core on it."""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask
from playwright.sync_api import APIRequestContext, Browser, BrowserContext, Response, StorageState

from tests.support.browser import sign_in
from tests.support.deployment import Deployment
from tests.support.labels import TEXT_IN_PAGE_LANGUAGE, findings_in
from tests.support.routes import served
from tests.support.servers import wait_until
from tests.support.submission import complete_body
from tests.support.whole_call import Decided, decided, open_call, upload

ROLES = {
    "admin": "admin@sipinda.test",
    "verifier": "verifikator@sipinda.test",
    "innovator": "inovator.dinkes@sipinda.test",
    "operator": "operator.dinkes@sipinda.test",
    "evaluator": "",  # one who scored the decided proposal (Objects.evaluator)
}
NOT_PAGES = re.compile(
    r"^/(api|static|openapi|health|metrics)|logout|stream|events|\.(svg|pdf|csv|json|xml|png|js|xlsx)$"
    r"|download|/files?/|export"
)
NOT_OPEN = (403, 404, 405)  # a page the role may not open, or an id it has no such page for
NAVIGATION = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}  # as a browser's tab asks
BLOCKING = {"serious", "critical"}
# Only the violations come back with their nodes (axe's documented `resultTypes`): the passes,
# the incomplete and the inapplicable, which the crawl never reads, keep one node each.
AXE_RUN = "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"


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

    def email(self, role: str) -> str:
        return self.evaluator() if role == "evaluator" else ROLES[role]

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


def made_objects(deployment: Deployment) -> Objects:
    """The crawl's objects, made through the API as their people would."""
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


def is_page(status: int, content_type: str) -> bool:
    """An HTML page the role may open (an error page of the app's own, a 409 or a 500, is read
    too: its words are the person's as well)."""
    return status not in NOT_OPEN and "text/html" in content_type


def openable(http: APIRequestContext, base: str, paths: list[str]) -> list[str]:
    """The `paths` that answer `http` (a signed-in context's requests, its cookies) with an
    HTML page, asked without a browser tab: nothing is rendered for a page the role may not open."""
    found = []
    for path in paths:
        reply = http.get(f"{base}{path}", headers=NAVIGATION)
        if is_page(reply.status, reply.headers.get("content-type", "")):
            found.append(path)
        reply.dispose()
    return found


def opened(reply: Response | None) -> bool:
    return reply is not None and is_page(reply.status, reply.headers.get("content-type", ""))


@dataclass
class Crawled:
    pages: int = 0
    findings: dict[str, list[str]] = field(default_factory=dict)  # path → raw or foreign words
    violations: dict[str, list[str]] = field(default_factory=dict)  # path → serious axe findings
    failed: dict[str, int] = field(default_factory=dict)  # path → the server's 5xx status


class Crawler:
    """One test module's crawls. What a role's first crawl learns, its second (the other
    language) reuses: the session its sign-in opened, and which pages it may open (which does not
    depend on the language)."""

    def __init__(
        self, browser: Browser, app: Flask, base: str, objects: Objects, axe: str | None
    ) -> None:
        self.browser, self.app, self.base, self.objects, self.axe = browser, app, base, objects, axe
        self.sessions: dict[str, StorageState] = {}
        self.openable: dict[str, list[str]] = {}

    def paths(self, role: str) -> list[str]:
        return page_paths(self.app, self.objects.ids(role))

    @contextmanager
    def signed_in(self, role: str, language: str, axe: bool) -> Iterator[BrowserContext]:
        """A context of `role`'s session, signed in through the form the first time, that asks
        for pages in `language`; with `axe`, axe-core is in every document (and frame) it opens,
        before the page's own scripts."""
        context = self.browser.new_context(
            locale="id-ID", timezone_id="Asia/Jakarta", bypass_csp=True,
            storage_state=self.sessions.get(role),
        )  # fmt: skip
        try:
            context.set_default_timeout(15_000)
            if role not in self.sessions:
                page = context.new_page()
                sign_in(page, self.base, self.objects.email(role))
                page.wait_for_url(lambda url: not url.endswith("/login"))
                self.sessions[role] = context.storage_state()
            context.add_cookies([{"name": "lang", "value": language, "url": self.base}])
            if axe and self.axe is not None:
                context.add_init_script(script=self.axe)
            yield context
        finally:
            context.close()

    def crawl(self, role: str, language: str, axe: bool) -> Crawled:
        """Each page `role` may open, opened as a person would (its load event: stylesheets,
        frames and its own scripts done), any server error noted, its words in `language` read,
        and with `axe` (and axe installed) its serious and critical axe-core violations."""
        done = Crawled()
        with self.signed_in(role, language, axe) as context:
            if role not in self.openable:
                self.openable[role] = openable(context.request, self.base, self.paths(role))
            page = context.pages[0] if context.pages else context.new_page()
            for path in self.openable[role]:
                reply = page.goto(f"{self.base}{path}")
                if not opened(reply):
                    continue
                if reply is not None and reply.status >= 500:
                    done.failed[path] = reply.status
                done.pages += 1
                found = findings_in(page.evaluate(TEXT_IN_PAGE_LANGUAGE, language), language)
                if found:
                    done.findings[path] = found
                if axe and self.axe is not None:
                    bad = [
                        f"{v['id']}({v['impact']}) at {v['nodes'][0]['target']}: "
                        f"{v['nodes'][0]['failureSummary'][-160:]}"
                        for v in page.evaluate(AXE_RUN)
                        if v["impact"] in BLOCKING
                    ]
                    if bad:
                        done.violations[path] = bad
        return done
