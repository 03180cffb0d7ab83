"""Seeding: the Cilegon agencies everywhere they are needed, and the demo accounts.

Running it twice changes nothing: every step looks before it writes.
"""

from __future__ import annotations

from collections.abc import Iterator

from services.platform.demo import DEMO_USERS, demo_call_definition
from services.review import evaluators as review_ops
from shared import runtime
from shared.config import Settings
from shared.identity.agencies import cilegon_agencies
from shared.identity.store import ensure_user, upsert_agencies
from shared.timezone import WIB


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
    yield _seed_demo_call(admin_id=next(uid for uid, u in users if u.role == "admin"))


def _seed_demo_call(admin_id: int) -> str:
    """The demo call of this year (KIPP 2023 aspects, Kemendagri profile), once."""
    from sqlalchemy import select

    from services.submission import calls as submission_calls
    from services.submission import clock
    from services.submission.models import Call

    definition = demo_call_definition(clock.now().astimezone(WIB).year)
    with runtime.database("submission").session() as s:
        found = s.scalar(
            select(Call).where(Call.name == definition.name, Call.year == definition.year)
        )
        if found is not None:
            return f"seed: demo call {definition.name!r} (exists)"
        submission_calls.create(s, definition, actor_id=admin_id)
    return f"seed: demo call {definition.name!r} (new)"
