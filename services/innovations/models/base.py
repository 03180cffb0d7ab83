"""The innovations service's MetaData, its outbox, inbox and read model of accounts and agencies."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from shared.db import make_metadata
from shared.directory import directory_tables
from shared.inbox import inbox_table
from shared.outbox import outbox_tables


class Base(DeclarativeBase):
    metadata = make_metadata()


OUTBOX = outbox_tables(Base.metadata, "innovations", audit_columns=True)
INBOX = inbox_table(Base.metadata, "innovations")
DIRECTORY = directory_tables(Base.metadata, "innovations")
