"""The innovations service's tables, in its own MetaData, one module per noun."""

from __future__ import annotations

from pathlib import Path

from services.innovations.models.base import DIRECTORY, INBOX, OUTBOX, Base
from services.innovations.models.innovation import (
    STAGES,
    Evidence,
    Innovation,
    InnovationHistory,
    InnovationMember,
    InnovationProposal,
)
from services.innovations.models.iid import IidAnswer, IidAnswerFile, IidStructure
from shared.migrations import MigrationSet

MIGRATIONS = MigrationSet("innovations", Path(__file__).parent.parent / "migrations", Base.metadata)

__all__ = [
    "DIRECTORY",
    "INBOX",
    "MIGRATIONS",
    "OUTBOX",
    "STAGES",
    "Base",
    "Evidence",
    "Innovation",
    "IidAnswer",
    "IidAnswerFile",
    "IidStructure",
    "InnovationHistory",
    "InnovationMember",
    "InnovationProposal",
]
