"""Who may read a document: the role × relation matrix of the security model."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from services.documents.access import can_read


@dataclass
class Doc:
    owner_user_id: int = 7
    owner_opd_code: str = "dinkes"
    reader_user_ids: list[int] = field(default_factory=lambda: [31, 12])
    kind: str = "proposal_dossier"


OWNER, EVALUATOR, STRANGER = 7, 31, 99


@pytest.mark.parametrize(
    ("user_id", "role", "opd_code", "allowed"),
    [
        (STRANGER, "admin", None, True),
        (STRANGER, "verifier", "bappedalitbang", True),
        (OWNER, "innovator", "dinkes", True),
        (OWNER, "innovator", "other", True),  # moved agency: still their own proposal
        (STRANGER, "operator", "dinkes", True),
        (STRANGER, "operator", "dishub", False),
        (STRANGER, "operator", None, False),
        (EVALUATOR, "evaluator", None, True),
        (12, "evaluator", "bappedalitbang", True),
        (STRANGER, "evaluator", None, False),
        (STRANGER, "innovator", "dinkes", False),  # a colleague in the same OPD
        (EVALUATOR, "innovator", "dinkes", False),  # reader id only counts for evaluators
        (STRANGER, "public", None, False),
        (STRANGER, "", None, False),
    ],
)
def test_can_read_matrix(user_id: int, role: str, opd_code: str | None, allowed: bool) -> None:
    assert can_read(user_id, role, opd_code, Doc()) is allowed


def test_document_without_readers_is_not_open_to_evaluators() -> None:
    assert not can_read(EVALUATOR, "evaluator", None, Doc(reader_user_ids=[]))


@pytest.mark.parametrize("role", ["innovator", "operator", "evaluator"])
def test_an_announcement_of_results_is_for_everyone_signed_in(role: str) -> None:
    announcement = Doc(kind="pengumuman", reader_user_ids=[])
    assert can_read(STRANGER, role, "dishub", announcement)
    assert not can_read(STRANGER, role, "dishub", Doc(kind="rekap", reader_user_ids=[]))


def test_a_monev_report_is_read_by_the_people_it_names_and_no_other_innovator() -> None:
    report = Doc(kind="monev", owner_user_id=30, owner_opd_code="dinkes", reader_user_ids=[7, 9])
    assert can_read(7, "innovator", "dinkes", report)  # the innovation's team
    assert can_read(9, "evaluator", None, report)  # the monitoring team
    assert not can_read(8, "innovator", "dinkes", report)
    assert not can_read(10, "evaluator", None, report)
