"""The role names documents grants reading by: the security model's fixed roles."""

from __future__ import annotations

from shared.roles import Role

ADMIN = Role.ADMIN.value
VERIFIER = Role.VERIFIER.value
OPERATOR = Role.OPERATOR.value
EVALUATOR = Role.EVALUATOR.value
