"""What the transactional outbox costs: submitting a proposal (state + version + timeline +
event + deliveries, one transaction) against a bare insert of one row per transaction, on the
same database; and how fast the relay drains pending deliveries."""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, String, Table, Text

from bench.common import per_second, row
from services.submission import proposals
from services.submission.models import OUTBOX, Base
from shared.db import Database
from shared.events import Person
from shared.outbox import utcnow
from shared.relay import Source, relay_once

COUNT = 1000
BARE = Table(
    "bench_bare", MetaData(), Column("id", Integer, primary_key=True), Column("title", String(300)),
    Column("summary", Text),
)  # fmt: skip
PERSON = Person(id=1, name="Inovator", email="i@sipinda.test")


def run() -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        db = Database("bench", f"sqlite:///{Path(folder) / 'bench.db'}")
        Base.metadata.create_all(db.engine)
        BARE.metadata.create_all(db.engine)

        def bare() -> None:
            with db.session() as s:
                s.execute(BARE.insert().values(title="Inovasi", summary="Ringkasan"))

        def submit() -> None:
            with db.session() as s:
                p = proposals.record_draft(
                    s, title="Inovasi", summary="Ringkasan", opd_code="dinkes", innovator_id=1
                )
                proposals.record_submit(
                    s, p, innovator=PERSON, opd_name="Dinas Kesehatan", call=None, now=utcnow()
                )

        base_rate, base_p99 = per_second(bare, COUNT)
        rate, p99 = per_second(submit, COUNT)
        sent: list[object] = []
        relay_rate, relay_p99 = per_second(
            lambda: relay_once(Source(db, OUTBOX), lambda *a: sent.append(a), 60, batch=100),
            COUNT // 100,
        )
        db.dispose()
    return [
        f"Outbox (SQLite, {COUNT} transactions each)",
        row("bare insert, one row per transaction", base_rate, base_p99),
        row("create + submit a proposal (outbox, timeline)", rate, p99, base_rate),
        row(f"relay: batches of 100 deliveries ({len(sent)} sent)", relay_rate * 100, relay_p99),
        "",
    ]
