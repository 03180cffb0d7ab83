"""Mail faults: the mail server away for a while, the mail worker killed in the middle of a
batch. Every notice reaches its reader once the fault is over, and only once."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from services.notifications.devmail import MailboxHandler
from tests.faults.harness import (
    MAILS,
    assert_each_done_once,
    held_mail_server,
    mail_server,
    mailbox_of,
    scalar,
    scalar_text,
    sipinda,
    submit,
)

pytestmark = pytest.mark.fault

# Mail on a worker of its own, so that killing it catches nothing else.
SPLIT = {"w": "submission,review,documents,innovations", "mail": "notifications,confirmations"}
# A retry a second after a failure (then doubling); a dead worker's claim lasts 5 s.
QUICK = {"NOTIFY_RETRY_FIRST": "1", "NOTIFY_LEASE_SECONDS": "5"}
WAITING = "SELECT count(*) FROM notifications WHERE status = 'pending' AND attempts > 0"
RETRIED = "SELECT count(*) FROM notifications WHERE status = 'pending' AND attempts >= 3"
SENT = "SELECT count(*) FROM notifications WHERE status = 'sent'"


def test_mail_server_down_for_a_while_every_notice_goes_out_once_when_it_returns(
    tmp_path: Path,
) -> None:
    with (
        mail_server(MailboxHandler(mailbox_of(tmp_path))) as smtp,
        sipinda(tmp_path, smtp_url=smtp.url, settings=QUICK) as rig,
    ):
        d = rig.deployment
        smtp.stop()  # connections refused from now on

        proposals = submit(d, 3, "SMTP padam")

        # Every mail was tried, refused, and waits for its next attempt; none is lost.
        rig.wait(lambda: scalar(d, "notifications", WAITING) >= 3 * MAILS, 90, "failed attempts")
        # Down a while longer: every mail's retry (a second later, then two) fails too.
        rig.wait(lambda: scalar(d, "notifications", RETRIED) >= 3 * MAILS, 60, "failed retries")
        assert scalar(d, "notifications", SENT) == 0
        assert d.mails() == []
        smtp.start()  # the same port

        assert_each_done_once(rig, proposals, timeout=150)


def test_mail_worker_killed_mid_send_the_mail_goes_out_once_after_its_lease(
    tmp_path: Path,
) -> None:
    with (
        held_mail_server(mailbox_of(tmp_path)) as (smtp_url, held),
        sipinda(tmp_path, workers=SPLIT, smtp_url=smtp_url, settings=QUICK) as rig,
    ):
        d = rig.deployment
        mail = d.workers[1]
        proposals = submit(d, 2, "Surat terputus")
        rig.wait(held.holding.is_set, 60, "a mail to be on its way")
        mail.kill()  # in the middle of handing a mail over
        assert mail.popen is not None
        mail.popen.wait()
        held.release()  # its sender is dead: that mail was never handed over
        mail.start()

        # Once the dead worker's lease is over, the beat sends it (same Message-ID).
        assert_each_done_once(rig, proposals, timeout=150)


def test_mail_worker_killed_mid_send_keeps_the_event_unconfirmed(tmp_path: Path) -> None:
    """A worker killed while handing a mail over leaves it "sending" until its lease ends (5
    minutes by default). Until then the event must stay unconfirmed, or the outbox stops
    re-sending it and nobody ever sends that mail."""
    with (
        held_mail_server(mailbox_of(tmp_path)) as (smtp_url, held),
        sipinda(tmp_path, workers=SPLIT, smtp_url=smtp_url) as rig,
    ):
        d = rig.deployment
        mail = d.workers[1]
        (proposal,) = submit(d, 1, "Surat tertahan")
        rig.wait(held.holding.is_set, 60, "a mail to be on its way")
        mail.kill()
        assert mail.popen is not None
        mail.popen.wait()
        held.release()
        mail.start()
        stuck = "SELECT kind FROM notifications WHERE status = 'sending'"
        assert scalar_text(d, "notifications", stuck) == "submission_received"

        # The other events' mails all go out; the stuck one holds its event unconfirmed.
        rig.wait(
            lambda: len(d.mail_recipients(proposal.title)) == MAILS - 1, 60, "every other mail"
        )
        assert not happens_within(lambda: d.unconfirmed() == 0, 3), (
            "every delivery is confirmed, yet a mail is still 'sending': nobody will send it"
        )


def happens_within(check: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False
