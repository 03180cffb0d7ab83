"""The progress-report reminder (issue 24): one notice per member of the innovation's team, in
their language, linking to the report's form; the overdue one says so and when it was due."""

from __future__ import annotations

from datetime import date

import pytest

from services.notifications import composer, drafting
from shared.events import Person, ReportDue

BASE_URL = "https://sipinda.example.go.id"


def event(overdue: bool, language: str) -> ReportDue:
    return ReportDue(
        schedule_id=3, innovation_id=7, title="Posyandu Digital",
        schedule_title="Laporan kemajuan penerapan 2027", opd_code="dinkes",
        due_on=date(2027, 6, 30), overdue=overdue, step=1 if overdue else 0,
        report_path="/innovations/7/reports/new?schedule=3",
        team=(Person(id=7, name="Ani", email="ani@sipinda.test", language=language),
              Person(id=8, name="Budi", email="budi@sipinda.test", language="id")),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("language", "overdue", "subject", "says"),
    [
        ("id", False, "jatuh tempo 30 Juni 2027", "harus dikirim paling lambat 30 Juni 2027"),
        ("id", True, "terlambat", "belum kami terima"),
        ("en", False, "due on 30 June 2027", "is due by 30 June 2027"),
        ("en", True, "report overdue", "has not reached us yet"),
    ],
)
def test_each_member_is_told_in_their_language(
    language: str, overdue: bool, subject: str, says: str
) -> None:
    drafts = drafting.drafts_for(event(overdue, language), BASE_URL)
    assert [d.email for d in drafts] == ["ani@sipinda.test", "budi@sipinda.test"]
    first = drafts[0]
    assert first.link == "/innovations/7/reports/new?schedule=3"
    mail = composer.render(first.kind.value, first.language, first.context)
    assert subject in mail.subject
    assert says in mail.text
    assert f"{BASE_URL}/innovations/7/reports/new?schedule=3" in mail.text
