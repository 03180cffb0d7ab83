"""The admin's daily digest: what notifications heard (new submissions, overdue reviews,
disagreement flags) and what it failed to deliver, since the previous digest."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.identity.models import User
from services.notifications import composer
from services.notifications.models import Activity, Delivery, Notification, Status
from services.notifications.notices import Draft, Kind
from shared.events import Envelope, Event, ProposalScored, ProposalSubmitted, ReviewDue
from shared.roles import Role
from shared.timezone import to_wib

TOPICS = {
    "new_submission": "new_submissions",
    "overdue_review": "overdue_reviews",
    "disagreement": "disagreements",
}


def topic_of(event: Event) -> tuple[str, int | None, str] | None:
    if isinstance(event, ProposalSubmitted):
        return "new_submission", event.proposal_id, f"{event.title} (v{event.version_no})"
    if isinstance(event, ReviewDue) and event.overdue:
        return "overdue_review", event.proposal_id, f"{event.title} — {event.evaluator.name}"
    if isinstance(event, ProposalScored) and event.disagreement:
        return "disagreement", event.proposal_id, f"{event.title} (median {event.median:.2f})"
    return None


def note(session: Session, event: Event, envelope: Envelope) -> None:
    """Runs in the consumer's transaction, so once per event."""
    found = topic_of(event)
    if found is not None:
        topic, proposal_id, title = found
        session.add(
            Activity(
                event_id=envelope.event_id,
                topic=topic,
                proposal_id=proposal_id,
                title=composer.one_line(title)[:300],
            )
        )


def digest_context(session: Session, since: datetime, until: datetime) -> dict[str, object]:
    context: dict[str, object] = {key: [] for key in TOPICS.values()}
    rows = session.execute(
        select(Activity.topic, Activity.proposal_id, Activity.title)
        .where(Activity.at >= since, Activity.at < until)
        .order_by(Activity.at)
    )
    for topic, proposal_id, title in rows:
        items = context[TOPICS[topic]]
        assert isinstance(items, list)
        items.append(f"#{proposal_id} {title}" if proposal_id else title)
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
    identity: Session, context: dict[str, object], since: datetime, base_url: str
) -> list[Draft]:
    """One digest per active admin, in the admin's language."""
    admins = identity.scalars(
        select(User).where(User.role == Role.ADMIN, User.active).order_by(User.id)
    )
    common = context | {
        "since": to_wib(since).strftime("%d-%m-%Y %H:%M WIB"),
        "day": to_wib(since + timedelta(days=1)).strftime("%d-%m-%Y"),
        "url": composer.absolute(base_url, "/"),
    }
    return [
        Draft(Kind.ADMIN_DIGEST, None, a.id, a.email, a.name, "admin", a.language, "/",
              common | {"recipient_name": a.name})
        for a in admins
    ]  # fmt: skip
