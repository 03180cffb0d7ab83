"""Fault tests: break one part of a running SIPINDA — Redis, a worker, the relay, a worker
in the middle of sending a mail — and check that every proposal still ends with exactly its
assignments, dossier, notifications, timeline and mails: nothing lost, nothing twice.

Each test runs its own SIPINDA (`harness.sipinda`): its own databases, SMTP sink and a private
Redis on a free port, which the test may kill and start again, empty, on the same port.
"""

from __future__ import annotations

import json
import os
import random
import signal
import threading
import time
from pathlib import Path

import psutil
import pytest
from redis import Redis
from sqlalchemy import text

from shared.config import SERVICES
from shared.events import SUBSCRIBERS, ProposalAdmitted, ProposalSubmitted
from tests.faults.harness import (
    Rig,
    assert_each_done_once,
    restart,
    scalar,
    sipinda,
    submit,
    supervised,
)

pytestmark = pytest.mark.fault

# Deliveries one submit writes to the outbox: proposal.submitted and proposal.admitted.
PER_SUBMIT = len(SUBSCRIBERS[ProposalSubmitted.name]) + len(SUBSCRIBERS[ProposalAdmitted.name])
UNSENT = "SELECT count(*) FROM submission_outbox_deliveries WHERE sent_at IS NULL"
DOCUMENTS = "SELECT count(*) FROM documents WHERE kind = 'proposal_dossier'"
# Mail on a worker of its own, so that killing the other worker never catches a mail mid-send.
SPLIT = {"w": "submission,review,documents,innovations", "mail": "notifications,confirmations"}
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgresql")
# Every insert into the documents outbox fails: a fault just after the dossier's own insert.
INJECT_FAULT = (
    [
        "CREATE FUNCTION fault_injected() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN RAISE EXCEPTION 'fault injected'; END $$",
        "CREATE TRIGGER fault_injected BEFORE INSERT ON documents_outbox "
        "FOR EACH ROW EXECUTE FUNCTION fault_injected()",
    ]
    if ON_POSTGRES
    else [
        "CREATE TRIGGER fault_injected BEFORE INSERT ON documents_outbox "
        "BEGIN SELECT RAISE(ABORT, 'fault injected'); END"
    ]
)
REMOVE_FAULT = "DROP TRIGGER fault_injected" + (" ON documents_outbox" if ON_POSTGRES else "")


def test_submit_succeeds_while_redis_is_down_and_completes_when_it_returns(
    tmp_path: Path,
) -> None:
    with sipinda(tmp_path) as rig:
        d = rig.deployment
        # The workers have connected once (a worker that never reached its broker at start may
        # give up; one that loses it later waits for it, which is what this test is about).
        rig.wait(lambda: all(" ready." in w.log.read_text(errors="replace") for w in d.workers),
                 60, "the workers to be ready")  # fmt: skip
        rig.redis.stop()
        assert not rig.redis.ping()

        proposals = submit(d, 3, "Redis padam")  # 202 each: a submit never touches the broker

        rig.wait(lambda: "broker unavailable" in d.relay.tail(), 20, "the relay to find no Redis")
        assert scalar(d, "submission", UNSENT) == len(proposals) * PER_SUBMIT  # in the outbox
        assert d.relay.alive
        assert all(w.alive for w in d.workers)
        rig.redis.start()  # same port, empty

        assert_each_done_once(rig, proposals)


def test_redis_restarted_empty_with_events_pending_loses_nothing(tmp_path: Path) -> None:
    with sipinda(tmp_path) as rig:
        d = rig.deployment
        (w,) = d.workers
        w.stop()  # so the relayed events sit in Redis, unconsumed
        proposals = submit(d, 3, "Redis kosong")
        rig.wait(lambda: rig.queued("review") >= len(proposals), 30, "the events in Redis")
        sentinel = f"{rig.prefix}sentinel"
        with rig.broker() as client:
            client.set(sentinel, "before")

        rig.restart_redis()
        # Everything Redis held is gone. (Not "the review queue is empty": the relay, still
        # running, sends the unconfirmed deliveries again every few seconds, and one may land
        # between the restart and the look.)
        with rig.broker() as client:
            assert client.get(sentinel) is None
        w.start()

        # Once more with the pipeline in motion: the worker loses its broker mid-work. Holding
        # unacknowledged tasks then, it may die of it (kombu 5.7: "Unrecoverable error:
        # AttributeError … 'hostname'"); production restarts it, and so does `supervised`.
        with supervised(w):
            rig.wait(lambda: scalar(d, "documents", DOCUMENTS) >= 1, 90, "the first dossier")
            rig.restart_redis()

            assert_each_done_once(rig, proposals)


def test_worker_killed_mid_task_work_completes_once_after_restart(tmp_path: Path) -> None:
    with sipinda(tmp_path, workers=SPLIT) as rig:
        d = rig.deployment
        busy = d.workers[0]
        proposals = submit(d, 5, "Pekerja mati")
        # A dossier takes about a second to render, two at a time: when the first is stored,
        # the others are being rendered or wait their turn.
        rig.wait(lambda: scalar(d, "documents", DOCUMENTS) >= 1, 90, "the first dossier")
        busy.kill()
        assert busy.popen is not None
        busy.popen.wait()
        assert scalar(d, "documents", DOCUMENTS) < len(proposals)  # work was cut short

        busy.start()

        assert_each_done_once(rig, proposals)


def test_relay_killed_between_send_and_mark_delivers_once(tmp_path: Path) -> None:
    with sipinda(tmp_path) as rig:
        d = rig.deployment
        (w,) = d.workers
        # The relay declares a queue on its first send to it; after that a send is one LPUSH.
        warm_up = submit(d, 1, "Pemanasan")
        assert_each_done_once(rig, warm_up)

        # Deterministically: freeze the relay inside its send, let the send land, kill it
        # before it can mark the delivery as sent. The worker is stopped, so the re-send of
        # the restarted relay meets the first copy in the queue: a real duplicate.
        w.stop()
        with rig.broker() as broker:
            broker.client_pause(30_000, all=False)  # writes wait; reads go on
            try:
                caught = submit(d, 1, "Relay beku")
                rig.wait(lambda: sending(broker), 20, "the relay to be inside a send")
                d.relay.kill(signal.SIGSTOP)
                before = rig.queued_all()
            finally:
                broker.client_unpause()
        rig.wait(lambda: rig.queued_all() == before + 1, 20, "the frozen send to land")
        # The frozen delivery is sent but not marked as sent; the others wait their turn.
        assert scalar(d, "submission", UNSENT) == PER_SUBMIT
        restart(d.relay)
        rig.wait(lambda: scalar(d, "submission", UNSENT) == 0, 30, "the restarted relay")
        assert rig.queued_all() >= before + PER_SUBMIT + 1
        w.start()

        # At random moments during a burst.
        burst = []
        for _ in range(3):
            burst += submit(d, 1, "Relay mati")
            time.sleep(random.uniform(0, 0.25))
            restart(d.relay)

        assert_each_done_once(rig, [*warm_up, *caught, *burst])
        # The second copy came, and changed nothing.
        assert sum(duplicates(rig, service) for service in SERVICES) >= 1


def test_dossier_transaction_failing_after_the_insert_leaves_no_dossier_behind(
    tmp_path: Path,
) -> None:
    """The dossier, its `document.ready` and the inbox row commit together or not at all. A
    failure after the dossier's row is written (injected: the outbox refuses inserts, as a
    crash there would) must leave no dossier, or the redelivered event finds one, skips it,
    and the innovator never hears of it."""
    with sipinda(tmp_path) as rig:
        d = rig.deployment
        with d.db("documents").session() as s:
            for statement in INJECT_FAULT:
                s.execute(text(statement))
        proposals = submit(d, 1, "Transaksi gagal")
        log = d.workers[0].tail
        rig.wait(lambda: "fault injected" in log(200), 60, "the injected fault to strike")
        # While the fault is in place no attempt can succeed, so this is the failed one's trace.
        assert scalar(d, "documents", DOCUMENTS) == 0  # rolled back with its transaction

        with d.db("documents").session() as s:
            s.execute(text(REMOVE_FAULT))
        assert_each_done_once(rig, proposals)


def sending(broker: Redis) -> bool:
    """Some client (the relay: nothing else writes here) is held inside an LPUSH."""
    return any(c["cmd"] == "lpush" and "b" in c["flags"] for c in broker.client_list())


def duplicates(rig: Rig, service: str) -> int:
    """How many deliveries of an already handled event `service`'s consumer saw."""
    log = rig.deployment.workers[0].log.read_text(errors="replace").splitlines()
    seen = 0
    for line in log:
        if line.startswith("{") and '"duplicate"' in line:
            entry = json.loads(line)
            seen += entry.get("consumer") == service and entry.get("outcome") == "duplicate"
    return seen


def test_render_children_killed_mid_render_lose_no_dossier_and_no_letter(tmp_path: Path) -> None:
    """The chaos run's lost letters: render children SIGKILLed mid-render (a dossier, letters
    of assignment) are retried, not recorded as handled; every submitted version still gets its
    dossier and every assignment its letter and mail, each once."""
    with sipinda(tmp_path, workers=SPLIT) as rig:
        d = rig.deployment
        busy = d.workers[0]
        assert busy.popen is not None
        killed: list[int] = []
        stop = threading.Event()

        def kill_renders() -> None:
            """A render child is a fork of a pool process, two levels below the worker."""
            while not stop.is_set() and len(killed) < 4:
                try:
                    main = psutil.Process(busy.popen.pid)  # type: ignore[union-attr]
                    for pool in main.children():
                        for render in pool.children():
                            if render.pid not in killed:
                                render.send_signal(signal.SIGKILL)
                                killed.append(render.pid)
                except psutil.Error:
                    pass
                time.sleep(0.02)

        killer = threading.Thread(target=kill_renders, daemon=True)
        killer.start()
        try:
            proposals = submit(d, 3, "Render mati")
            rig.wait(lambda: len(killed) >= 4, 120, "four render children killed")
        finally:
            stop.set()
            killer.join()

        assert_each_done_once(rig, proposals, timeout=240)
        # Each assigned evaluator's letter of the call, listing every one of their proposals.
        letters = "SELECT count(DISTINCT subject) FROM documents WHERE kind = 'surat_tugas'"
        assigned = "SELECT count(DISTINCT evaluator_id) FROM assignments"
        rig.wait(lambda: scalar(d, "documents", letters) == scalar(d, "review", assigned) > 0,
                 60, "every assigned evaluator's letter")  # fmt: skip
