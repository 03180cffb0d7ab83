"""Seeding: the Cilegon agencies everywhere they are needed, and the demo accounts.

Running it twice changes nothing: every step looks before it writes.
"""

from __future__ import annotations

from collections.abc import Iterator

from services.demo import DEMO_USERS
from services.review import operations as review_ops
from shared import runtime
from shared.config import Settings
from shared.identity.agencies import cilegon_agencies
from shared.identity.store import ensure_user, upsert_agencies


def seed(settings: Settings, *, demo: bool) -> Iterator[str]:
    agencies = cilegon_agencies()
    with runtime.database("identity").session() as s:
        added = upsert_agencies(s, agencies)
    with runtime.database("review").session() as s:
        review_ops.sync_agencies(s, agencies)
    yield f"seed: {len(agencies)} agencies of Kota Cilegon ({added} new)"
    if not demo:
        return
    created = 0
    with runtime.database("identity").session() as s:
        users = []
        for demo_user in DEMO_USERS:
            user, new = ensure_user(
                s,
                email=demo_user.email,
                name=demo_user.name,
                role=demo_user.role,
                password=settings.demo_password,
                opd_code=demo_user.opd_code,
            )
            created += new
            users.append((user.id, demo_user))
    with runtime.database("review").session() as s:
        for user_id, demo_user in users:
            if demo_user.evaluator_kind is not None:
                review_ops.upsert_evaluator(
                    s,
                    id=user_id,
                    name=demo_user.name,
                    email=demo_user.email,
                    opd_code=demo_user.opd_code,
                    kind=demo_user.evaluator_kind,
                )
    yield f"seed: {len(DEMO_USERS)} demo accounts ({created} new)"
