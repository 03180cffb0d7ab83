"""What a submitted version tells the services after it (`versions.snapshot`): the profile's
urusan become the proposal's topics, which review matches on evaluators' expertise (issue 22)."""

from __future__ import annotations

from datetime import UTC, datetime

from services.submission import versions
from services.submission.models import ProposalVersion
from shared.events import Person, ProposalAdmitted


def version(profile: dict[str, object]) -> ProposalVersion:
    return ProposalVersion(
        proposal_id=7, version_no=1, title="Posyandu Keliling", summary="Kader datang.",
        opd_code="dinkes", submitted_at=datetime(2026, 12, 1, tzinfo=UTC), call_id=None,
        call_version=None, category="Pelayanan publik", group=None, sdgs=[3],
        sections={"uraian": "Kader datang ke rumah."}, profile=profile, attachments=[],
    )  # fmt: skip


def test_the_urusan_chosen_in_the_profile_are_the_proposal_s_topics() -> None:
    innovator = Person(id=1, name="Rina", email="rina@x.test")
    fields = versions.snapshot(version({"urusan": ["Kesehatan", "Sosial"]}), None,
                               innovator=innovator, opd_name="Dinas Kesehatan")  # fmt: skip
    assert fields["urusan"] == ("Kesehatan", "Sosial")
    assert ProposalAdmitted(**fields).urusan == ("Kesehatan", "Sosial")
    none = versions.snapshot(version({}), None, innovator=innovator, opd_name="Dinas Kesehatan")
    assert none["urusan"] == ()
