"""The webhook channel: each notification as a JSON POST to `NOTIFY_WEBHOOK_URL`, signed with
HMAC-SHA256 of the body (`X-Sipinda-Signature: sha256=<hex>`), retried like mail: transient
failures (no connection, timeout, 408, 429, 5xx) back off for up to the retry window; any other
answer fails it for good. `X-Sipinda-Delivery` carries the notification id, so a receiver can
recognise a repeat."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request
from datetime import timedelta

from sqlalchemy import and_, or_, select, update

from services.notifications import composer, retry
from services.notifications.config import NotifySettings
from services.notifications.models import Delivery, Notification, Status, WebhookDelivery
from shared.db import Database, transition
from shared.outbox import utcnow

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=2)
TIMEOUT = 10.0
RETRIED = {408, 425, 429}


class WebhookError(Exception):
    def __init__(self, answer: str, transient: bool) -> None:
        super().__init__(answer)
        self.answer, self.transient = answer, transient


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def payload(n: Notification, base_url_link: str) -> dict[str, object]:
    return {
        "id": n.id,
        "event_id": n.event_id,
        "kind": n.kind,
        "mandatory": n.mandatory,
        "recipient": {
            "user_id": n.recipient_user_id,
            "email": n.recipient_email,
            "name": n.recipient_name,
            "role": n.recipient_role,
            "language": n.language,
        },
        "proposal_id": n.proposal_id,
        "subject": n.subject,
        "text": n.body_text,
        "link": base_url_link,
        "message_id": n.message_id,
        "created_at": composer.as_utc(n.created_at).isoformat(),
    }


def post(url: str, body: bytes, headers: dict[str, str], timeout: float = TIMEOUT) -> str:
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return f"{response.status} {response.reason}"
    except urllib.error.HTTPError as exc:
        transient = exc.code in RETRIED or exc.code >= 500
        raise WebhookError(f"{exc.code} {exc.reason}", transient) from exc
    except (urllib.error.URLError, OSError) as exc:
        raise WebhookError(f"{type(exc).__name__}: {exc}", transient=True) from exc


def deliver_one(database: Database, webhook_id: int, notify: NotifySettings, base_url: str) -> int:
    if not notify.webhook_url:
        return 0
    now = utcnow()
    due = or_(
        and_(
            WebhookDelivery.status == Status.PENDING,
            or_(WebhookDelivery.next_attempt_at.is_(None), WebhookDelivery.next_attempt_at <= now),
        ),
        and_(WebhookDelivery.status == Status.SENDING, WebhookDelivery.next_attempt_at < now),
    )
    with database.session() as session:
        claimed = session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id == webhook_id, due)
            .values(status=Status.SENDING, attempts=WebhookDelivery.attempts + 1,
                    next_attempt_at=now + LEASE)
            .execution_options(synchronize_session=False)
        )  # fmt: skip
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            return 0
        hook = session.get_one(WebhookDelivery, webhook_id)
        n = session.get_one(Notification, hook.notification_id)
        body = json.dumps(payload(n, composer.absolute(base_url, n.link))).encode()
        created, attempts, notification_id = hook.created_at, hook.attempts, n.id
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "SIPINDA-webhook/1",
        "X-Sipinda-Delivery": str(notification_id),
        "X-Sipinda-Signature": sign(notify.webhook_secret or "", body),
    }
    try:
        answer, outcome = post(notify.webhook_url, body, headers), "sent"
    except WebhookError as exc:
        answer, outcome = exc.answer, "transient" if exc.transient else "permanent"
    with database.session() as session:
        hook = session.get_one(WebhookDelivery, webhook_id)
        values: dict[str, object] = {"last_error": None if outcome == "sent" else answer}
        if outcome == "sent":
            values |= {"status": Status.SENT, "sent_at": utcnow(), "next_attempt_at": None}
        else:
            later = None
            if outcome == "transient":
                later = retry.next_attempt(
                    composer.as_utc(created),
                    utcnow(),
                    attempts,
                    notify.retry_for,
                    notify.retry_first,
                )
            values |= {"status": Status.PENDING if later else Status.FAILED,
                       "next_attempt_at": later}  # fmt: skip
        held: dict[str, list[object]] = {"status": [Status.SENDING], "attempts": [attempts]}
        if not transition(session, hook, held, values):
            return 0  # claimed again meanwhile: the new holder records its own outcome
        session.add(
            Delivery(notification_id=notification_id, outcome=outcome, server_answer=answer,
                     channel="webhook")
        )  # fmt: skip
    if outcome != "sent":
        log.warning("webhook for notification %s: %s", notification_id, answer)
    return 1 if outcome == "sent" else 0


def deliver_due(
    database: Database, notify: NotifySettings, base_url: str, *, event_id: str | None = None
) -> int:
    """Post every due webhook (of one event, or all); returns how many were accepted."""
    if not notify.webhook_url:
        return 0
    query = select(WebhookDelivery.id).where(
        WebhookDelivery.status.in_((Status.PENDING, Status.SENDING))
    )
    if event_id is not None:
        query = query.join(Notification).where(Notification.event_id == event_id)
    with database.session() as session:
        ids = list(session.scalars(query.order_by(WebhookDelivery.id).limit(500)))
    return sum(deliver_one(database, i, notify, base_url) for i in ids)
