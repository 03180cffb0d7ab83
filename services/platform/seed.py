"""Seeding: the Cilegon agencies and the demo accounts, then delivered to every service.

Identity announces what it creates; the seed ends by running those deliveries in-process (the
relay may not run yet), so every service's read model has the agencies and people at once.
Running it twice changes nothing: every step looks before it writes.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import func, select

from services.documents import installation as document_settings
from services.identity import accounts as identity_accounts
from services.identity import agencies as identity_agencies
from services.identity.agencies import cilegon_agencies, upsert_agencies
from services.identity.models import OUTBOX as IDENTITY_OUTBOX
from services.identity.passwords import hash_password
from services.platform.demo import DEMO_USERS, demo_call_definition
from services.platform.demo_innovations import seed_innovations
from services.platform.registry import deliver
from services.review import evaluators as review_ops
from shared import runtime
from shared.config import Settings
from shared.timezone import WIB


def seed(settings: Settings, *, demo: bool) -> Iterator[str]:
    agencies = cilegon_agencies()
    with runtime.database("identity").session() as s:
        backfill = s.scalar(select(func.count()).select_from(IDENTITY_OUTBOX.events)) == 0
        if backfill:  # a database from before identity's events: the others hear it all once
            identity_agencies.announce_all(s)
            identity_accounts.announce_all(s)
        added = upsert_agencies(s, agencies)
    yield f"seed: {len(agencies)} agencies of Kota Cilegon ({added} new)"
    with runtime.database("documents").session() as s:
        first = document_settings.seed(s)
    yield f"seed: document settings ({'version 1' if first else 'kept'})"
    if not demo:
        yield _delivered()
        return
    created = 0
    with runtime.database("identity").session() as s:
        missing = [
            u for u in DEMO_USERS if identity_accounts.find_user_by_email(s, u.email) is None
        ]
        demo_hash = hash_password(settings.demo_password) if missing else None  # once for all
        users = []
        for demo_user in DEMO_USERS:
            user, new = identity_accounts.ensure_user(
                s,
                email=demo_user.email,
                name=demo_user.name,
                role=demo_user.role,
                password=settings.demo_password,
                password_hash=demo_hash,
                opd_code=demo_user.opd_code,
            )
            created += new
            users.append((user.id, demo_user))
    with runtime.database("review").session() as s:
        for user_id, demo_user in users:
            if demo_user.evaluator_kind is not None:  # created once: an admin's edit stays
                review_ops.ensure_evaluator(
                    s,
                    id=user_id,
                    name=demo_user.name,
                    email=demo_user.email,
                    opd_code=demo_user.opd_code,
                    kind=demo_user.evaluator_kind,
                    topics=demo_user.topics,
                    expertise=demo_user.expertise,
                )
    yield f"seed: {len(DEMO_USERS)} demo accounts ({created} new)"
    yield _seed_demo_call(admin_id=next(uid for uid, u in users if u.role == "admin"))
    yield seed_innovations({u.email: (uid, u.name) for uid, u in users})
    yield _delivered()


def _delivered() -> str:
    return f"seed: {deliver(('identity',))} deliveries of identity's events"


def _seed_demo_call(admin_id: int) -> str:
    """The demo call of this year (KIPP 2023 aspects, Kemendagri profile), once."""
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
