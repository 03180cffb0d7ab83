"""The proposal list exported to CSV and XLSX: Indonesian columns, the user's filters and scope,
and a title that looks like a formula stays text."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook

from services.submission import clock
from services.submission.export import COLUMNS
from shared.web.i18n import translate_in
from tests.support.submission import OPENS, complete_proposal, make_call, token


@pytest.fixture(autouse=True)
def in_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: OPENS + timedelta(days=1))


INDONESIAN = tuple(translate_in("id", key) for key in COLUMNS)


def read_csv(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_and_xlsx_of_the_filtered_list(client: FlaskClient) -> None:
    admin = token(client, "admin@sipinda.test")
    innovator = token(client, "inovator.dinkes@sipinda.test")
    call_id = make_call(client, admin, name="Lomba Ekspor")
    sent = complete_proposal(client, innovator, call_id, '=HYPERLINK("http://x")')
    draft = complete_proposal(client, innovator, call_id, "Draf Ekspor")
    assert client.post(f"/api/v1/proposals/{sent}/submit", headers=innovator).status_code == 202

    reply = client.get(f"/api/v1/proposals/export?format=csv&call_id={call_id}", headers=admin)
    assert reply.status_code == 200
    assert reply.headers["Content-Type"].startswith("text/csv")
    assert "attachment;" in reply.headers["Content-Disposition"]
    table = read_csv(reply.data)
    assert tuple(table[0]) == INDONESIAN
    by_id = {int(r[1]): dict(zip(INDONESIAN, r, strict=True)) for r in table[1:]}
    assert set(by_id) == {sent, draft}
    assert by_id[sent]["Judul inovasi"] == '\'=HYPERLINK("http://x")'
    assert by_id[sent]["Instansi (OPD)"] == "Dinas Kesehatan"
    assert by_id[sent]["Periode"] == "Lomba Ekspor"
    assert by_id[sent]["Status"] == "Terkirim"
    assert by_id[draft]["Status"] == "Draf"
    assert by_id[sent]["Tanggal kirim (WIB)"] == "2030-01-02 00:00:00"

    only_sent = client.get(
        f"/api/v1/proposals/export?format=xlsx&call_id={call_id}&status=submitted", headers=admin
    )
    assert only_sent.status_code == 200
    sheet = load_workbook(io.BytesIO(only_sent.data)).active
    assert sheet is not None
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert tuple(values[0]) == INDONESIAN
    assert [r[1] for r in values[1:]] == [sent]

    # An English reader gets English headings, statuses and decisions.
    english = client.get(
        f"/api/v1/proposals/export?format=csv&call_id={call_id}",
        headers={**admin, "Accept-Language": "en"},
    )
    table = read_csv(english.data)
    assert table[0][:4] == ["No.", "ID", "Innovation title", "Agency (OPD)"]
    assert {r[8] for r in table[1:]} == {"Submitted", "Draft"}


def test_the_export_keeps_the_users_scope(client: FlaskClient) -> None:
    admin = token(client, "admin@sipinda.test")
    owner = token(client, "inovator.dinkes@sipinda.test")
    stranger = token(client, "inovator.disdukcapil@sipinda.test")
    call_id = make_call(client, admin, name="Lomba Lingkup")
    mine = complete_proposal(client, owner, call_id, "Hanya Milik Dinkes")
    rows = read_csv(
        client.get(f"/api/v1/proposals/export?call_id={call_id}", headers=stranger).data
    )
    assert rows[1:] == []
    rows = read_csv(client.get(f"/api/v1/proposals/export?call_id={call_id}", headers=owner).data)
    assert [int(r[1]) for r in rows[1:]] == [mine]
    assert client.get("/api/v1/proposals/export?format=pdf", headers=owner).status_code == 400
    assert client.get("/api/v1/proposals/export?call_id=abc", headers=owner).status_code == 400
