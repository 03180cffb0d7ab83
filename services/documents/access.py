"""Who may read a stored document. Pure: the application layer loads the row and asks.

Mirrors the security model: admin and verifier read everything; the owner (the innovator)
reads their own; an OPD operator reads the documents of their agency; an evaluator reads only
the documents of proposals assigned to them. A document naming its readers (a monev report: the
monitoring team and the innovation's team) is read by them. An announcement of results is for
everyone signed in. Everyone else is told it is not found, so a document's existence does not leak.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from services.documents.directory import ADMIN, EVALUATOR, OPERATOR, VERIFIER

READ_ALL_ROLES = frozenset({ADMIN, VERIFIER})
# Kinds published to every signed-in reader: the results announced to the whole call.
PUBLISHED_KINDS = frozenset({"pengumuman"})
# Kinds read by whoever they name, whatever their role: a monev report by both teams, the
# berita acara of an innovation's stage by its team.
READER_KINDS = frozenset({"monev", "berita_acara_tahap"})


class Readable(Protocol):
    @property
    def owner_user_id(self) -> int: ...
    @property
    def owner_opd_code(self) -> str: ...
    @property
    def reader_user_ids(self) -> Sequence[int]: ...
    @property
    def kind(self) -> str: ...


def can_read(user_id: int, role: str, opd_code: str | None, doc: Readable) -> bool:
    if role in READ_ALL_ROLES or user_id == doc.owner_user_id or doc.kind in PUBLISHED_KINDS:
        return True
    if role == OPERATOR:
        return opd_code is not None and opd_code == doc.owner_opd_code
    if doc.kind in READER_KINDS:
        return user_id in (doc.reader_user_ids or ())
    return role == EVALUATOR and user_id in (doc.reader_user_ids or ())
