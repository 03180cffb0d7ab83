"""Who may read a stored document. Pure: the route loads the row and asks.

Mirrors the security model: admin and verifier read everything; the owner (the innovator)
reads their own; an OPD operator reads the documents of their agency; an evaluator reads only
the documents of proposals assigned to them. Everyone else gets a 404 from the route, so a
document's existence does not leak.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from shared.roles import Role

READ_ALL_ROLES = frozenset({Role.ADMIN.value, Role.VERIFIER.value})


class Readable(Protocol):
    @property
    def owner_user_id(self) -> int: ...
    @property
    def owner_opd_code(self) -> str: ...
    @property
    def reader_user_ids(self) -> Sequence[int]: ...


def can_read(user_id: int, role: str, opd_code: str | None, doc: Readable) -> bool:
    if role in READ_ALL_ROLES or user_id == doc.owner_user_id:
        return True
    if role == Role.OPERATOR.value:
        return opd_code is not None and opd_code == doc.owner_opd_code
    return role == Role.EVALUATOR.value and user_id in (doc.reader_user_ids or ())
