"""The IID pages (issue 24): an operator answers an innovation's SID indicators with evidence,
sends them (the evidence missing shown beside its indicator), a verifier returns one with a
reason (required) and accepts it once fixed; the year's page shows the index iid_index computes;
another agency's operator cannot answer; the workbook and the evidence archive."""

from __future__ import annotations

import io
import random
import uuid
import zipfile
from decimal import Decimal

import openpyxl
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from services.innovations import iid_board
from services.innovations.models import IidAnswer, IidAnswerFile, InnovationHistory
from shared import formats, runtime
from tests.support.pages import csrf_of, sign_in
from tests.support.submission import pdf_bytes, token

OPERATOR = "operator.dinkes@sipinda.test"
OTHER = "inovator.disdukcapil@sipinda.test"
VERIFIER = "verifikator@sipinda.test"
ADMIN = "admin@sipinda.test"
PDF = pdf_bytes("bukti dukung")


def a_year() -> int:
    """A year of its own, so runs on a shared database do not meet each other's answers."""
    return random.randint(2030, 2099)


def innovation(client: FlaskClient, stage: str = "uji_coba") -> tuple[int, str]:
    title = f"Posyandu IID {uuid.uuid4().hex[:6]}"
    made = client.post("/api/v1/innovations", headers=token(client, OPERATOR),
                       json={"title": title, "stage": stage})  # fmt: skip
    assert made.status_code == 201, made.json
    return int((made.json or {})["id"]), title


def answer(client: FlaskClient, path: str, action: str, **fields: object) -> tuple[int, str]:
    csrf = csrf_of(client.get(path).get_data(as_text=True))
    reply = client.post(path, data={"csrf_token": csrf, "action": action, **fields},
                        content_type="multipart/form-data")  # fmt: skip
    return reply.status_code, reply.get_data(as_text=True)


def answer_id(year: int, innovation_id: int, no: int) -> int:
    with runtime.database("innovations").session() as s:
        return s.scalar(  # type: ignore[return-value]
            select(IidAnswer.id).where(IidAnswer.year == year,
                                       IidAnswer.innovation_id == innovation_id,
                                       IidAnswer.indicator_no == no))  # fmt: skip


def test_answers_are_sent_returned_with_a_reason_fixed_and_accepted(app: Flask) -> None:
    year = a_year()
    operator, verifier = app.test_client(), app.test_client()
    innovation_id, title = innovation(operator)
    sign_in(operator, OPERATOR)
    profile = operator.get(f"/innovations/{innovation_id}").get_data(as_text=True)
    assert f'href="/innovations/{innovation_id}/iid"' in profile  # the way in from its page
    path = f"/innovations/{innovation_id}/iid/{year}"
    page = operator.get(path).get_data(as_text=True)
    assert "Kemanfaatan" in page
    assert "Rekap penerima manfaat" in page
    assert "contoh — periksa dengan juknis tahun berjalan" in page
    # A parameter without evidence cannot be sent: the message is beside that indicator.
    status, page = answer(operator, path, "send", **{"level-16": "2"})
    assert status == 422
    assert 'id="files-16-error"' in page
    assert "Lampirkan sedikitnya satu bukti dukung" in page
    status, page = answer(operator, path, "send", **{
        "level-16": "2", "files-16": (io.BytesIO(PDF), "sk.pdf"),
        "level-32": "3", "files-32": [(io.BytesIO(PDF), "rekap.pdf"), (io.BytesIO(PDF), "b.pdf")],
    })  # fmt: skip
    assert status == 302, page[page.find("error-summary") :][:800]
    sign_in(verifier, VERIFIER)
    queue = verifier.get(f"/innovations/iid/{year}/verify").get_data(as_text=True)
    assert title in queue
    assert "rekap.pdf" in queue
    first = answer_id(year, innovation_id, 16)
    csrf = csrf_of(queue)
    blank = {"csrf_token": csrf, "action": "return", "reason": " "}
    refused = verifier.post(f"/innovations/iid/{year}/verify/{first}", data=blank)
    assert refused.status_code == 422
    assert f'id="reason-{first}-error"' in refused.get_data(as_text=True)
    returned = verifier.post(f"/innovations/iid/{year}/verify/{first}", data={
        "csrf_token": csrf, "action": "return", "reason": "SK belum ditandatangani"})  # fmt: skip
    assert returned.status_code == 302
    second = answer_id(year, innovation_id, 32)
    accepted = verifier.post(f"/innovations/iid/{year}/verify/{second}",
                             data={"csrf_token": csrf, "action": "accept"})  # fmt: skip
    assert accepted.status_code == 302
    page = operator.get(path).get_data(as_text=True)
    assert "SK belum ditandatangani" in page
    fixed = {"level-16": "2", "files-16": (io.BytesIO(PDF), "sk-ttd.pdf")}
    status, _ = answer(operator, path, "send", **fixed)
    assert status == 302
    again = verifier.post(f"/innovations/iid/{year}/verify/{first}",
                          data={"csrf_token": csrf, "action": "accept"})  # fmt: skip
    assert again.status_code == 302
    with runtime.database("innovations").session() as s:
        kinds = list(s.scalars(select(InnovationHistory.kind).where(
            InnovationHistory.innovation_id == innovation_id)))  # fmt: skip
        found = iid_board.figures(s, year)
    assert {"iid_submitted", "iid_returned", "iid_accepted"} <= set(kinds)
    assert found.accepted[str(innovation_id)] == {16: 2, 32: 3}
    board = verifier.get(f"/innovations/iid/{year}").get_data(as_text=True)
    assert formats.number(float(found.index.iid), "id", 2) in board
    assert found.index.band.name in board
    history = operator.get(f"/innovations/{innovation_id}").get_data(as_text=True)
    assert "dikembalikan: SK belum ditandatangani" in history

    workbook = verifier.get(f"/api/v1/iid/{year}/export.xlsx")
    assert workbook.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(workbook.data))
    assert book.sheetnames == ["Ringkasan", "SPD", "SID"]
    rows = {r[0]: r for r in book["SID"].iter_rows(min_row=2, values_only=True)}
    assert rows[innovation_id][1] == title
    assert Decimal(str(rows[innovation_id][-1])) == Decimal("2.4") + Decimal("3.6")
    summary = dict(book["Ringkasan"].iter_rows(min_row=2, values_only=True))
    assert Decimal(str(summary["Indeks Inovasi Daerah"])) == found.index.iid
    assert summary["Predikat"] == found.index.band.name

    archive = verifier.get(f"/api/v1/iid/{year}/evidence.zip")
    names = zipfile.ZipFile(io.BytesIO(archive.data)).namelist()
    slug = title.lower().replace(" ", "-")
    assert f"{innovation_id}-{slug}/32-kemanfaatan/rekap.pdf" in names
    assert f"{innovation_id}-{slug}/16-regulasi-inovasi-daerah/sk-ttd.pdf" in names


def test_another_agency_cannot_answer_and_an_initiative_does_not_report(app: Flask) -> None:
    year = a_year()
    operator, other = app.test_client(), app.test_client()
    innovation_id, _ = innovation(operator)
    sign_in(other, OTHER)
    assert other.get(f"/innovations/{innovation_id}/iid/{year}").status_code == 404
    initiative, _ = innovation(operator, stage="inisiatif")
    sign_in(operator, OPERATOR)
    assert operator.get(f"/innovations/{initiative}/iid/{year}").status_code == 409
    assert operator.get(f"/api/v1/iid/{year}/export.xlsx").status_code == 403


def test_the_admin_edits_the_structure_as_a_new_version_with_errors_beside_fields(
    app: Flask,
) -> None:
    year = a_year()
    admin = app.test_client()
    sign_in(admin, ADMIN)
    opened = admin.get(f"/innovations/iid?year={year}")  # the years page's "open year"
    assert opened.headers["Location"].endswith(f"/innovations/iid/{year}")
    path = f"/innovations/iid/{year}/structure"
    page = admin.get(path).get_data(as_text=True)
    assert 'value="Kemanfaatan"' in page
    assert "Sangat Inovatif" in page
    with runtime.database("innovations").session() as s:
        found = iid_board.figures(s, year)
    from services.innovations import iid_form

    values = iid_form.fields(found.structure)
    values["ind-0-p1-score"] = "dua"
    values["max_total"] = "10"
    reply = admin.post(path, data={"csrf_token": csrf_of(page), **values})
    assert reply.status_code == 422
    body = reply.get_data(as_text=True)
    assert 'id="ind-0-p1-score-error"' in body
    assert 'id="max_total-error"' in body
    values["ind-0-p1-score"] = "0,5"
    values["max_total"] = "100"
    values["divisor_floor"] = "12"
    reply = admin.post(path, data={"csrf_token": csrf_of(page), **values, "note": "juknis"})
    assert reply.status_code == 302
    with runtime.database("innovations").session() as s:
        again = iid_board.figures(s, year)
    assert again.version == found.version + 1
    assert again.structure.divisor_floor == 12
    assert again.structure.indicators[0].parameters[0].score == Decimal("0.5")


def test_the_region_s_spd_is_answered_by_the_admin_and_counts_once_accepted(app: Flask) -> None:
    year = a_year()
    admin, verifier, operator = app.test_client(), app.test_client(), app.test_client()
    sign_in(admin, ADMIN)
    sign_in(operator, OPERATOR)
    path = f"/innovations/iid/{year}/region"
    assert operator.get(path).status_code == 403
    page = admin.get(path).get_data(as_text=True)
    assert "Visi dan misi kepala daerah" in page
    status, _ = answer(admin, path, "send",
                       **{"level-2": "3", "files-2": (io.BytesIO(PDF), "perda.pdf")})  # fmt: skip
    assert status == 302
    with runtime.database("innovations").session() as s:
        row = s.scalar(select(IidAnswer).where(IidAnswer.year == year, IidAnswer.unit == "region"))
        assert row is not None
        before = iid_board.figures(s, year).index
    sign_in(verifier, VERIFIER)
    queue = verifier.get(f"/innovations/iid/{year}/verify").get_data(as_text=True)
    assert "Daerah (SPD)" in queue
    done = verifier.post(f"/innovations/iid/{year}/verify/{row.id}",
                         data={"csrf_token": csrf_of(queue), "action": "accept"})  # fmt: skip
    assert done.status_code == 302
    # Accepted: the admin's later save leaves it as it was, and the SPD counts its score.
    status, _ = answer(admin, path, "save", **{"level-2": "1"})
    assert status == 302
    with runtime.database("innovations").session() as s:
        kept = s.get(IidAnswer, row.id)
        assert kept is not None
        assert (kept.status, kept.level) == ("accepted", 3)
        after = iid_board.figures(s, year).index
    assert after.spd == before.spd + Decimal("1.68")
    assert after.iid > before.iid
    names = zipfile.ZipFile(io.BytesIO(verifier.get(f"/api/v1/iid/{year}/evidence.zip").data))
    assert "daerah/2-regulasi-inovasi-daerah/perda.pdf" in names.namelist()


def test_a_sent_item_whose_file_is_removed_goes_back_to_draft(app: Flask) -> None:
    year = a_year()
    operator = app.test_client()
    innovation_id, _ = innovation(operator)
    sign_in(operator, OPERATOR)
    path = f"/innovations/{innovation_id}/iid/{year}"
    team = {"level-17": "1", "files-17": (io.BytesIO(PDF), "sk-tim.pdf")}
    status, _ = answer(operator, path, "send", **team)
    assert status == 302
    with runtime.database("innovations").session() as s:
        evidence_id = s.scalar(select(IidAnswerFile.evidence_id).where(
            IidAnswerFile.answer_id == answer_id(year, innovation_id, 17)))  # fmt: skip
    status, _ = answer(operator, path, "save", **{"level-17": "1", "remove-file": evidence_id})
    assert status == 302
    with runtime.database("innovations").session() as s:
        row = s.get(IidAnswer, answer_id(year, innovation_id, 17))
        assert row is not None
        assert row.status == "draft"
    status, page = answer(operator, path, "send", **{"level-17": "1"})
    assert status == 422
    assert 'id="files-17-error"' in page


def test_what_is_missing_shows_the_ten_largest_gains_and_folds_the_rest(app: Flask) -> None:
    client = app.test_client()
    sign_in(client, ADMIN)
    page = client.get(f"/innovations/iid/{a_year()}").get_data(as_text=True)
    shown = page.split('id="iid-missing"', 1)[1].split("</table>", 1)[0]
    assert shown.count("<tr>") == 1 + 10  # the head and the ten largest
    assert "kekurangan lainnya" in page  # 15 region indicators alone are more than ten
    assert "<details" in page
