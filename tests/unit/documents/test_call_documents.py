"""The documents of a whole call: the certificates batch with its progress, merged into one PDF,
one page per proposal or, as the admin chooses, one per member of each proposal's team."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.documents import (
    call_documents,
    letters,
)
from services.documents.models import Document, ProposalInfo
from shared.db import Database
from shared.events import Person
from tests.support.documents import (
    ADMIN,
    ASSIGNED_AT,
    INNOVATOR,
    make_decision,
    make_press,
    make_submitted,
    reader,
    text_of,
)


def test_certificates_batch_reports_progress_and_merges_into_one_pdf(db: Database) -> None:
    press = make_press()
    with db.session() as s:
        for pid in range(100, 112):
            letters.issue_certificate(
                s, make_decision(proposal_id=pid, decision="finalist", title=f"Inovasi {pid}"),
                press,
            )  # fmt: skip
        seen: list[tuple[int, int]] = []
        batch = call_documents.issue_certificates(
            s, 3, ADMIN, ASSIGNED_AT, press, progress=lambda d, t: seen.append((d, t))
        )
        assert batch is not None
        assert batch.pages == 12
        again = call_documents.issue_certificates(s, 3, ADMIN, ASSIGNED_AT, press)
        assert again is not None
        assert again.id == batch.id
    assert seen[-1] == (12, 13)
    assert len(seen) == 12
    text = text_of(press.storage.get(batch.storage_key))
    assert "Inovasi 100" in text
    assert "Inovasi 111" in text


def _submitted_with_team(s: Session, proposal_id: int, team: tuple[Person, ...]) -> None:
    """The proposal as `proposal.submitted` left it in documents: its team."""
    event = make_submitted(proposal_id=proposal_id, call_id=3, team=team)
    s.add(ProposalInfo(proposal_id=proposal_id, version_no=event.version_no, call_id=3,
                       payload=event.model_dump(mode="json")))  # fmt: skip


def test_certificates_per_member_give_each_person_of_the_team_a_numbered_page(
    db: Database,
) -> None:
    press = make_press()
    budi = Person(id=8, name="Budi Anggota Tim", email="budi@example.test")
    sari = Person(id=9, name="Sari Rekan Inovasi", email="sari@example.test")
    with db.session() as s:
        _submitted_with_team(s, 41, (budi, sari, INNOVATOR))  # the innovator listed once
        _submitted_with_team(s, 42, ())
        letters.issue_certificate(s, make_decision(proposal_id=41), press)
        letters.issue_certificate(
            s, make_decision(proposal_id=42, decision="finalist", title="Inovasi Sendiri"), press
        )
        batch = call_documents.issue_certificates(s, 3, ADMIN, ASSIGNED_AT, press, per="member")
        assert batch is not None
        assert batch.pages == 4  # Rina, Budi and Sari for 41; Rina alone for 42
        pages = [page.extract_text() for page in reader(press.storage.get(batch.storage_key)).pages]
        for page, name in zip(pages, ("Rina Inovator", "Budi Anggota Tim", "Sari Rekan Inovasi",
                                      "Rina Inovator"), strict=True):  # fmt: skip
            assert name in page, (name, page)
            assert "Dinas Kesehatan" in page
        assert "Kader Posyandu Cerdas" in pages[1]
        assert "Anggota Tim Inovasi" in pages[1]
        assert "Pemenang" in pages[2]
        assert "Anggota Tim Inovasi" not in pages[0]
        members = s.scalars(
            select(Document).where(Document.subject.like("proposal:41:v2:member:%"))
            .order_by(Document.subject)
        ).all()  # fmt: skip
        assert [(d.subject, d.owner_user_id) for d in members] == [
            ("proposal:41:v2:member:8", 8), ("proposal:41:v2:member:9", 9),
        ]  # fmt: skip
        numbers = {d.number for d in members}
        assert len(numbers) == 2
        for d in members:  # each member's page carries that member's own number and code
            assert any(d.number in page for page in pages)
        # The default stays one page per proposal, addressed to the innovator.
        default = call_documents.issue_certificates(s, 3, ADMIN, ASSIGNED_AT, press)
        assert default is not None
        assert default.pages == 2
        assert "Budi Anggota Tim" not in text_of(press.storage.get(default.storage_key))
