"""What documents knows of identity's people: the role names it grants reading by. The one module
of documents that reads identity (a later step feeds it from identity's events)."""

from __future__ import annotations

from shared.roles import Role

ADMIN = Role.ADMIN.value
VERIFIER = Role.VERIFIER.value
OPERATOR = Role.OPERATOR.value
EVALUATOR = Role.EVALUATOR.value
