"""The inbox: a user marks their own notice read; another's is not found, and stays unread."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from services.notifications import inbox, queueing
from services.notifications.errors import NotFound
from services.notifications.models import Notification
from shared.config import Settings
from shared.db import Database
from shared.web.paging import Window
from tests.support.notifications import EVALUATORS, envelope_of, review_assigned


def test_a_user_reads_only_their_own_notices(database: Database, settings: Settings) -> None:
    event = review_assigned(*EVALUATORS[:2])
    with database.session() as s:
        queueing.queue_event(s, event, envelope_of(event), settings)
    with database.session() as s:
        rows = s.scalars(select(Notification).where(Notification.recipient_user_id.is_not(None)))
        owners = {n.id: n.recipient_user_id for n in rows}
    (mine, my_user), (theirs, _) = sorted(owners.items())[:2]
    with database.session() as s:
        with pytest.raises(NotFound):
            inbox.read(s, my_user, theirs)
        inbox.read(s, my_user, mine)
    with database.session() as s:
        assert [i.id for i in inbox.items(s, my_user, Window()).items if i.read] == [mine]
        assert all(not i.read for i in inbox.items(s, owners[theirs], Window()).items)
