"""Who may read and change an innovation (pure: the reader, the innovation, its team).

- admin and verifier (Bappedalitbang) read every innovation; the admin changes any;
- an operator reads and changes the innovations of their agency;
- an innovator reads and changes the innovations they registered or whose team they are in;
- an evaluator reads none here, unless on the monitoring team assigned to it (`monitors`: the
  accounts of the teams assigned to the innovation, who read it to visit it, never change it).
"""

from __future__ import annotations

from collections.abc import Collection

from shared.web.auth import CurrentUser

STAFF = ("admin", "verifier")


def may_read(
    user: CurrentUser,
    opd_code: str,
    created_by: int | None,
    team: Collection[int],
    monitors: Collection[int] = (),
) -> bool:
    if user.role in STAFF or user.id in monitors:
        return True
    if user.role == "operator":
        return bool(user.opd_code) and user.opd_code == opd_code
    if user.role == "innovator":
        return user.id == created_by or user.id in team
    return False


def may_edit(
    user: CurrentUser, opd_code: str, created_by: int | None, team: Collection[int]
) -> bool:
    if user.role == "verifier":
        return False
    return may_read(user, opd_code, created_by, team)


def may_register(user: CurrentUser, opd_code: str) -> bool:
    """An admin registers for any agency; an operator or innovator for their own."""
    if user.role == "admin":
        return True
    return user.role in ("operator", "innovator") and user.opd_code == opd_code
