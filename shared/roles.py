"""The fixed roles of the security model: a contract every service reads, none redefines."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    INNOVATOR = "innovator"
    OPERATOR = "operator"
    VERIFIER = "verifier"
    EVALUATOR = "evaluator"
    ADMIN = "admin"


# Where a person of each role lands after signing in (the site's `/`): their own work.
HOME: dict[str, str] = {Role.EVALUATOR: "/review"}
DEFAULT_HOME = "/proposals"


def home_of(role: str | None) -> str:
    return HOME.get(role or "", DEFAULT_HOME)
