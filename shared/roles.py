"""The fixed roles of the security model: a contract every service reads, none redefines."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    INNOVATOR = "innovator"
    OPERATOR = "operator"
    VERIFIER = "verifier"
    EVALUATOR = "evaluator"
    ADMIN = "admin"
