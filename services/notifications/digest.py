"""The admin's daily digest: what notifications heard (new submissions, overdue reviews,
disagreement flags) and what it failed to deliver, since the previous digest; queued once a day
to every active admin."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.notifications import composer, directory, queueing
from services.notifications.models import Activity, Delivery, Notification, Status
from services.notifications.notices import Draft, Kind
from shared import formats
from shared.config import Settings
from shared.db import Database
from shared.events import Envelope, Event, ProposalScored, ProposalSubmitted, ReviewDue
from shared.outbox import utcnow
from shared.timezone import to_wib
from shared.web.i18n import translate_in

TOPICS = {
    "new_submission": "new_submissions",
    "overdue_review": "overdue_reviews",
    "disagreement": "disagreements",
}


def topic_of(event: Event) -> tuple[str, int | None, str, float | None] | None:
    """What the digest says of `event` (topic, proposal, line, the number it reports), or None
    when it says nothing. The number is written in each reader's language when the digest is."""
    if isinstance(event, ProposalSubmitted):
        return "new_submission", event.proposal_id, f"{event.title} (v{event.version_no})", None
    if isinstance(event, ReviewDue) and event.overdue:
        return "overdue_review", event.proposal_id, f"{event.title} — {event.evaluator.name}", None
    if isinstance(event, ProposalScored) and event.disagreement:
        return "disagreement", event.proposal_id, event.title, event.median
    return None


def note(session: Session, event: Event, envelope: Envelope) -> None:
    """Runs in the consumer's transaction, so once per event."""
    found = topic_of(event)
    if found is not None:
        topic, proposal_id, title, value = found
        session.add(
            Activity(
                event_id=envelope.event_id,
                topic=topic,
                proposal_id=proposal_id,
                title=composer.one_line(title)[:300],
                value=value,
            )
        )


def digest_context(session: Session, since: datetime, until: datetime) -> dict[str, object]:
    """What the digest of `since` .. `until` lists, by topic, and the failed deliveries."""
    context: dict[str, object] = {key: [] for key in TOPICS.values()}
    rows = session.execute(
        select(Activity.topic, Activity.proposal_id, Activity.title, Activity.value)
        .where(Activity.at >= since, Activity.at < until)
        .order_by(Activity.at)
    )
    for topic, proposal_id, title, value in rows:
        items = context[TOPICS[topic]]
        assert isinstance(items, list)
        line = f"#{proposal_id} {title}" if proposal_id else title
        items.append(line if value is None else [line, value])  # a number: each reader's way
    last_attempt = (
        select(Delivery.notification_id, func.max(Delivery.at).label("at"))
        .group_by(Delivery.notification_id)
        .subquery()
    )
    failed = session.execute(
        select(Notification.recipient_email, Notification.subject, Notification.last_error)
        .join(last_attempt, last_attempt.c.notification_id == Notification.id)
        .where(
            Notification.status == Status.FAILED,
            last_attempt.c.at >= since,
            last_attempt.c.at < until,
        )
        .order_by(Notification.id)
    )
    context["failed_deliveries"] = [f"{e}: {s} — {err}" for e, s, err in failed]
    return context


def drafts(
    admins: Sequence[directory.Admin], context: dict[str, object], since: datetime, base_url: str
) -> list[Draft]:
    """One digest per admin, in the admin's language."""
    common = context | {"url": composer.absolute(base_url, "/")}
    day = to_wib(since + timedelta(days=1)).date()
    return [
        Draft(Kind.ADMIN_DIGEST, None, a.id, a.email, a.name, "admin", a.language, "/",
              common | {"recipient_name": a.name, "since": formats.moment(since, a.language),
                        "day": formats.day(day, a.language),
                        "disagreements": _with_numbers(context["disagreements"], a.language)})
        for a in admins
    ]  # fmt: skip


def _with_numbers(items: object, language: str) -> list[str]:
    """Each line with its number written in `language` ("median 7,27" / "median 7.27")."""
    assert isinstance(items, list)
    return [
        item if isinstance(item, str)
        else translate_in(language, "notifications.digest.median", line=item[0],
                          median=formats.number(item[1], language, 2))
        for item in items
    ]  # fmt: skip


def queue_digest(database: Database, settings: Settings, now: datetime | None = None) -> int:
    """The admins' digest of the 24 hours before `now`; once a day whatever the firings."""
    now = now or utcnow()
    since = now - timedelta(days=1)
    with database.session() as session:
        context = digest_context(session, since, now)
    drafted = drafts(directory.active_admins(), context, since, settings.base_url)
    day = to_wib(now).strftime("%Y-%m-%d")
    with database.session() as session:
        return len(queueing.queue(session, drafted, f"digest-{day}", settings))
