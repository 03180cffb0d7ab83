"""The admin's daily digest reports what happened (submissions, overdue reviews, disagreements) and
what failed, once a day."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from services.notifications.consumers import CONSUMER
from services.notifications.digest import queue_digest
from services.notifications.models import ScheduleEntry
from shared import formats, runtime
from shared.db import Database
from shared.events import AccountChanged, Envelope, ProposalScored
from shared.timezone import to_wib
from tests.support.notifications import SmtpServer, envelope_of, every_notice


def ignore(envelope: Envelope, consumer: str) -> None:
    pass


def test_daily_digest_reports_submissions_overdue_disagreement_and_failures(
    live_runtime: Database, smtp_server: SmtpServer
) -> None:
    admin = AccountChanged(
        id=1, email="admin@sipinda.test", full_name="Admin", role="admin", language="en"
    )
    CONSUMER.handle(Envelope.wrap(admin, producer="identity").to_wire(), ignore)
    events = {k: e for k, e, _ in every_notice("id")}
    for kind in ("submission_received", "review_overdue", "review_reminder"):
        CONSUMER.handle(envelope_of(events[kind]).to_wire(), ignore)
    scored = ProposalScored(
        proposal_id=42, version_no=2, title="Pedes", mean=70, median=71.5, reviews=3,
        disagreement=True,
    )  # fmt: skip
    CONSUMER.handle(envelope_of(scored).to_wire(), ignore)
    smtp_server.recorder.answer = "550 5.1.1 User unknown"
    CONSUMER.handle(envelope_of(events["proposal_withdrawn"]).to_wire(), ignore)
    smtp_server.recorder.answer = "250 OK"
    settings = runtime.settings()
    later = datetime.now(UTC) + timedelta(minutes=1)

    assert queue_digest(live_runtime, settings, later) == 1
    assert queue_digest(live_runtime, settings, later) == 0
    from services.notifications.tasks import deliver_due

    deliver_due.run()

    (digest,) = [
        m for m in smtp_server.messages if m["To"].addresses[0].addr_spec == "admin@sipinda.test"
    ]
    day = to_wib(later).date()  # the admin reads English: "SIPINDA daily digest 5 December 2026"
    assert str(digest["Subject"]) == f"SIPINDA daily digest {formats.day(day, 'en')}"
    assert re.fullmatch(r"\d{1,2} (January|February|March|April|May|June|July|August|September"
                        r"|October|November|December) \d{4}", formats.day(day, "en"))  # fmt: skip
    body = digest.get_body(("plain",))
    assert body is not None
    text = str(body.get_content())
    assert f"What happened since {formats.moment(later - timedelta(days=1), 'en')}:" in text
    assert "New submissions (1):" in text
    assert "Overdue reviews (1):" in text
    assert "Evaluators disagree (1):" in text
    assert "#42 Pedes (median 71.50)" in text
    assert "Failed deliveries (1):" in text
    assert "550 5.1.1 User unknown" in text
    with live_runtime.session() as session:
        assert session.scalar(select(ScheduleEntry.name)) is None  # no beat ran here


def test_a_disagreement_s_median_is_written_the_reader_s_way() -> None:
    from services.notifications.digest import _with_numbers

    lines = [["#42 Pedes", 71.5], "#43 Lain"]
    assert _with_numbers(lines, "id") == ["#42 Pedes (median 71,50)", "#43 Lain"]
    assert _with_numbers(lines, "en") == ["#42 Pedes (median 71.50)", "#43 Lain"]
