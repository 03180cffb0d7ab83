"""What the pipeline benchmark checks after a run (bench/pipeline.py): each proposal's rows and
mails, counted in the services' own databases and the SMTP sink's mailbox, exactly as many as
expected; what was rendered and notified by kind; and the waits until the run's work is over."""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes, policy
from email.parser import BytesHeaderParser

from sqlalchemy import func, select, text

from bench.rig import K
from services.notifications.models import Notification
from tests.support.deployment import Deployment

MAILS = K + 3  # each evaluator once; the innovator: received, under review, dossier ready
TIMELINE_ENTRIES = 3 + MAILS  # submitted, assigned, document ready, one per mail sent
EXPECTED = {"assignments": K, "dossiers": 1, "notifications": MAILS, "timeline": TIMELINE_ENTRIES}
TITLE = re.compile(r"Bench ([SB])(\d{6}) ([0-9a-f]{8})")
POLL = 1.0  # seconds between looks at the databases while waiting


@dataclass
class Submitted:
    id: int
    title: str
    innovator: str
    phase: str
    request_seconds: float


def sent_counts(d: Deployment) -> dict[int, tuple[int, datetime | None]]:
    """Per proposal: notifications sent and the last one's time."""
    query = (
        select(Notification.proposal_id, func.count(), func.max(Notification.sent_at))
        .where(Notification.status == "sent")
        .group_by(Notification.proposal_id)
    )
    with d.db("notifications").session() as s:
        return {int(pid): (int(n), last) for pid, n, last in s.execute(query) if pid is not None}


def wait_done(
    d: Deployment, proposals: Sequence[Submitted], timeout: float, poll: float = POLL
) -> bool:
    """Until every proposal has all its mails sent (True) or `timeout` seconds (False), looking
    every `poll` seconds."""
    deadline = time.monotonic() + timeout
    ids = {p.id for p in proposals}
    while time.monotonic() < deadline:
        counts = sent_counts(d)
        if all(counts.get(i, (0, None))[0] >= MAILS for i in ids):
            return True
        time.sleep(poll)
    return False


def letters_outstanding(d: Deployment) -> int:
    """Letters of assignment still due, and notifications (the letters' mails among them) not
    yet sent or given up: the run's work is over when both are none."""
    with d.db("documents").session() as s:
        due = s.scalar(text("SELECT count(*) FROM document_letters_due WHERE due_at IS NOT NULL"))
    with d.db("notifications").session() as s:
        unsent = s.scalar(
            text("SELECT count(*) FROM notifications WHERE status IN ('pending', 'sending')")
        )
    return int(due or 0) + int(unsent or 0)


def wait_letters(d: Deployment, timeout: float, poll: float = POLL) -> float:
    """Until every letter of assignment is issued and every mail sent, looking every `poll`
    seconds; the seconds it took."""
    started = time.monotonic()
    while letters_outstanding(d) and time.monotonic() - started < timeout:
        time.sleep(poll)
    return time.monotonic() - started


def group_counts(d: Deployment, service: str, sql: str) -> dict[int, int]:
    with d.db(service).session() as s:
        return {int(pid): int(n) for pid, n in s.execute(text(sql)) if pid is not None}


def by_kind(d: Deployment) -> str:
    """What the run rendered and notified, by kind: every revision of every document (a letter
    of assignment rendered again for new assignments counts each time) and every notification."""
    with d.db("documents").session() as s:
        docs = s.execute(text("SELECT kind, count(*) FROM documents GROUP BY kind ORDER BY kind"))
        rendered = ", ".join(f"{kind} {n}" for kind, n in docs)
    with d.db("notifications").session() as s:
        kinds = s.execute(
            text("SELECT kind, count(*) FROM notifications GROUP BY kind ORDER BY kind")
        )
        notified = ", ".join(f"{kind} {n}" for kind, n in kinds)
    return f"documents rendered: {rendered or 'none'}; notifications: {notified or 'none'}"


def mail_index(d: Deployment) -> dict[str, list[str]]:
    """Mails received, by the bench title they are about: the recipients, once per mail."""
    found: dict[str, list[str]] = {}
    headers = BytesHeaderParser(policy=policy.default)
    for path in sorted((d.settings.var_dir / "mailbox").glob("*.eml")):
        raw = path.read_bytes()
        head = headers.parsebytes(raw)
        match = TITLE.search(str(head["Subject"] or ""))
        if match is None:
            mail = message_from_bytes(raw, policy=policy.default)
            body = mail.get_body(("plain",))
            match = TITLE.search(body.get_content() if body is not None else "")
        if match is not None:
            found.setdefault(match.group(0), []).append(head["To"].addresses[0].addr_spec)
    return found


def verify(
    d: Deployment, proposals: Sequence[Submitted], timed_out: bool
) -> tuple[list[str], dict[str, int]]:
    """Every proposal's rows and mails, exactly as many as expected. If the wait `timed_out`,
    a proposal with fewer (never more) than expected is counted as unfinished, not as lost."""
    rows = {
        "assignments": group_counts(
            d, "review", "SELECT proposal_id, count(*) FROM assignments GROUP BY proposal_id"
        ),
        "dossiers": group_counts(
            d,
            "documents",
            "SELECT proposal_id, count(*) FROM documents WHERE kind = 'proposal_dossier' "
            "GROUP BY proposal_id",
        ),
        "notifications": group_counts(
            d,
            "notifications",
            "SELECT proposal_id, count(*) FROM notifications "
            "WHERE status = 'sent' GROUP BY proposal_id",
        ),
        "timeline": group_counts(
            d,
            "submission",
            "SELECT proposal_id, count(*) FROM timeline_entries GROUP BY proposal_id",
        ),
    }
    with d.db("review").session() as s:
        assigned: dict[int, list[str]] = {}
        for pid, email in s.execute(
            text(
                "SELECT a.proposal_id, e.email FROM assignments a "
                "JOIN evaluators e ON e.id = a.evaluator_id"
            )
        ):
            assigned.setdefault(int(pid), []).append(str(email))
    mails = mail_index(d)
    problems, unfinished = [], 0
    totals: Counter[str] = Counter()
    for p in proposals:
        got = {name: counts.get(p.id, 0) for name, counts in rows.items()}
        totals.update(got)
        expected_mail = sorted([*assigned.get(p.id, []), *[p.innovator] * 3])
        received = sorted(mails.get(p.title, []))
        totals["mails received"] += len(received)
        if got == EXPECTED and received == expected_mail and len(received) == MAILS:
            continue
        over = any(got[k] > EXPECTED[k] for k in EXPECTED) or len(received) > MAILS
        if over or not timed_out:
            problems.append(f"{p.title} (#{p.id}): {got}, {len(received)} mails")
        else:  # the wait ended first: not (yet) done, neither lost nor duplicated as far as seen
            unfinished += 1
    totals["unfinished when the wait ended"] = unfinished
    return problems, dict(totals)
