"""The score form beside the evidence (issue 22): each aspect lists its supporting files (named
neutrally in a blind call, the administrative files withheld), the call's band descriptors sit
by each score field, and a call that keeps the others' scores hidden shows an evaluator their
own review alone, on the page and in the API."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask.testing import FlaskClient

from services.review import evaluators
from shared import runtime
from shared.events import CallPublished, FileRef, RubricAspect
from tests.support.pages import sign_in
from tests.support.review import CALL, EVALUATORS, admit, evaluator, user_id

HIDDEN = 7702
BANDS = [
    {"low": 1, "high": 4, "label": "Kurang", "description": "Tanpa data pendukung."},
    {"low": 5, "high": 7, "label": "Baik", "description": "Didukung data."},
    {"low": 8, "high": 10, "label": "Sangat baik", "description": "Terukur dan lengkap."},
]
FILES = (
    FileRef(id=501, kind="aspect:kebaruan", filename="Foto Kadis Budi.jpg",
            content_type="image/jpeg", size=2048),
    FileRef(id=502, kind="aspect:kebaruan", filename="Laporan Dinas Rahasia.pdf",
            content_type="application/pdf", size=4096),
    FileRef(id=503, kind="aspect:dampak", filename="Data.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    FileRef(id=504, kind="sk_inovator", filename="SK Tim Budi.pdf",
            content_type="application/pdf", label="SK penetapan inovator"),
)  # fmt: skip


@pytest.fixture(scope="module")
def hidden_call(emails: dict[int, str]) -> int:
    """An open (not blind) call with bands, whose evaluators do not see each other's scores."""
    with runtime.database("review").session() as s:
        evaluators.record_call(
            s,
            CallPublished(
                call_id=HIDDEN, version_no=1, call_name="KIPP Tertutup", year=2025,
                opens_at=datetime(2025, 1, 1, tzinfo=UTC),
                closes_at=datetime(2025, 6, 1, tzinfo=UTC),
                evaluators_per_proposal=2, blind=False,
                aspects=(RubricAspect(key="kebaruan", title="Kebaruan", weight=0.5),
                         RubricAspect(key="dampak", title="Dampak", weight=0.5)),
                settings={"bands": BANDS, "reveal_scores": False},
            ),
        )  # fmt: skip
        ids = sorted(user_id(e) for e in EVALUATORS)
        for invitation in evaluators.invite(s, HIDDEN, ids):
            if invitation.status == "invited":
                evaluators.answer_invitation(
                    s, evaluator(invitation.evaluator_id), invitation.id, accept=True
                )
    return HIDDEN


def test_a_blind_reader_gets_the_aspects_files_without_their_names(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    [a, _], proposal_id = admit(emails, CALL, FILES)
    sign_in(client, emails[a.evaluator_id])
    html = client.get(f"/review/assignments/{a.id}").get_data(as_text=True)
    for name in ("Foto Kadis Budi", "Laporan Dinas Rahasia", "Data.xlsx", "SK Tim Budi"):
        assert name not in html
    base = f"/proposals/{proposal_id}/attachments"
    assert f'href="{base}/501/view"' in html  # shown
    assert f'src="{base}/501/view"' in html
    assert f'href="{base}/502/view"' in html
    assert "PDF, terbuka di peramban" in html
    assert f'href="{base}/503/view" download' in html
    assert f"{base}/504/view" not in html  # the decree naming the team is the verifier's
    assert html.count("<span>Lampiran 1</span>") == 1  # the image, named by its caption
    assert ">Lampiran 2</a>" in html
    kebaruan = html.split('id="aspect-kebaruan"')[1].split('id="aspect-dampak"')[0]
    assert "/501/view" in kebaruan  # beside its own aspect
    assert "/503/view" not in kebaruan
    view = client.get(f"/api/v1/review/assignments/{a.id}").json
    assert "Foto Kadis Budi" not in str(view)
    assert "SK Tim Budi" not in str(view)
    assert [f["name"] for f in view["files"]["kebaruan"]] == [None, None]


def test_an_open_call_names_its_files_and_the_bands_sit_by_each_score(
    client: FlaskClient, emails: dict[int, str], hidden_call: int
) -> None:
    [a, _], _ = admit(emails, hidden_call, FILES)
    sign_in(client, emails[a.evaluator_id])
    html = client.get(f"/review/assignments/{a.id}").get_data(as_text=True)
    assert "Foto Kadis Budi.jpg" in html
    assert "SK Tim Budi.pdf" in html
    assert "Lampiran lain" in html  # the decree, apart from the aspects, by its kind
    assert '<span lang="id">SK penetapan inovator</span>:' in html
    assert 'aria-describedby="bands-kebaruan"' in html
    assert html.count('data-low="5" data-high="7"') == 2  # one list per scored aspect
    assert "Terukur dan lengkap." in html
    client.set_cookie("lang", "en")
    english = client.get(f"/review/assignments/{a.id}").get_data(as_text=True)
    client.delete_cookie("lang")
    assert "Supporting data for this aspect" in english
    assert "Data pendukung" not in english


def test_a_call_that_hides_the_others_shows_an_evaluator_their_own_review_alone(
    client: FlaskClient, emails: dict[int, str], hidden_call: int
) -> None:
    [a, b], proposal_id = admit(emails, hidden_call)
    clients = {}
    for assignment, (first, second) in ((a, ("4", "7")), (b, ("9", "8"))):
        reviewer = client.application.test_client()
        csrf = sign_in(reviewer, emails[assignment.evaluator_id])
        reviewer.post(f"/review/assignments/{assignment.id}",
                      data={"csrf_token": csrf, "score_kebaruan": first, "score_dampak": second,
                            "action": "submit"})  # fmt: skip
        clients[assignment.id] = reviewer
    html = clients[a.id].get(f"/review/assignments/{a.id}").get_data(as_text=True)
    assert "tidak menampilkan nilai evaluator lain" in html
    assert "Evaluator 2" not in html
    assert ">9<" not in html
    reviews = f"/api/v1/review/proposals/{proposal_id}/versions/1/reviews"
    seen = clients[a.id].get(reviews).json
    assert [(r["own"], r["total"]) for r in seen] == [(True, 5.5)]
    admin = client.application.test_client()
    sign_in(admin, "admin@sipinda.test")
    assert len(admin.get(reviews).json) == 2  # the admin sees both
