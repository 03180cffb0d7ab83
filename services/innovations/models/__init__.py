"""The innovations service's tables, in its own MetaData, one module per noun."""

from __future__ import annotations

from pathlib import Path

from services.innovations.models.base import DIRECTORY, INBOX, OUTBOX, Base
from services.innovations.models.iid import IidAnswer, IidAnswerFile, IidStructure
from services.innovations.models.iid_recap import IidRecap
from services.innovations.models.innovation import (
    STAGES,
    Evidence,
    Innovation,
    InnovationCall,
    InnovationHistory,
    InnovationMember,
    InnovationProposal,
)
from services.innovations.models.monev import (
    MonitoringAssignment,
    MonitoringTeam,
    MonitoringTeamMember,
    MonitoringVisit,
)
from services.innovations.models.reports import (
    SCHEDULE,
    ProgressReport,
    ReminderSent,
    ReportFigure,
    ReportFile,
    ReportSchedule,
)
from services.innovations.models.stages import InnovationStage
from shared.migrations import MigrationSet

MIGRATIONS = MigrationSet("innovations", Path(__file__).parent.parent / "migrations", Base.metadata)

__all__ = [
    "DIRECTORY",
    "INBOX",
    "MIGRATIONS",
    "OUTBOX",
    "SCHEDULE",
    "STAGES",
    "Base",
    "Evidence",
    "IidAnswer",
    "IidAnswerFile",
    "IidRecap",
    "IidStructure",
    "Innovation",
    "InnovationCall",
    "InnovationHistory",
    "InnovationMember",
    "InnovationProposal",
    "InnovationStage",
    "MonitoringAssignment",
    "MonitoringTeam",
    "MonitoringTeamMember",
    "MonitoringVisit",
    "ProgressReport",
    "ReminderSent",
    "ReportFigure",
    "ReportFile",
    "ReportSchedule",
]
