"""Attachments: the type read from the content, the call's size limits, random stored names,
downloads only for who may read the proposal; every refused file is a clear 4xx, nothing kept."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask.testing import FlaskClient

from services.submission import clock, files
from tests.support import hostile_pdfs
from tests.support.submission import (
    EXE,
    OPENS,
    complete_body,
    counts,
    make_call,
    pdf_bytes,
    token,
    upload,
)


@pytest.fixture(autouse=True)
def in_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: OPENS + timedelta(days=1))


@pytest.fixture
def innovator(client: FlaskClient) -> dict[str, str]:
    return token(client, "inovator.dinkes@sipinda.test")


@pytest.fixture
def proposal_id(client: FlaskClient, innovator: dict[str, str]) -> int:
    call_id = make_call(client, token(client, "admin@sipinda.test"), max_file_mb=1, max_total_mb=2)
    reply = client.post(
        "/api/v1/proposals", json=complete_body(call_id, "Berkas Uji"), headers=innovator
    )
    return int(reply.json["id"])


def test_a_pdf_is_kept_under_a_random_name_and_downloads_intact(
    client: FlaskClient, innovator: dict[str, str], proposal_id: int
) -> None:
    data = pdf_bytes("SK Wali Kota")
    reply = upload(client, innovator, proposal_id, "sk_inovator", data, "../../SK inovator.PDF")
    assert reply.status_code == 201, reply.json
    assert reply.json["content_type"] == "application/pdf"
    assert reply.json["filename"] == "SK inovator.pdf"  # no path, the real type's extension
    listed = client.get(f"/api/v1/proposals/{proposal_id}/attachments", headers=innovator).json
    assert [a["kind"] for a in listed] == ["sk_inovator"]
    download = client.get(reply.json["download"], headers=innovator)
    assert download.status_code == 200
    assert download.data == data
    assert download.headers["Content-Type"] == "application/pdf"
    download.close()
    stored = [k for k in files.storage().names() if k.startswith("submission/")]
    assert stored
    assert all(
        re.fullmatch(r"submission/[0-9a-f]{32}\.pdf", k) for k in stored if k.endswith(".pdf")
    )


@pytest.mark.parametrize(
    ("data", "name", "status", "message"),
    [
        (EXE, "laporan.pdf", 422, 'Berkas "laporan.pdf" adalah program (executable)'),
        (b"<html><script>alert(1)</script></html>", "foto.jpg", 422, "bukan PDF, gambar"),
        (b"", "kosong.pdf", 422, "Berkas kosong."),
        (b"%PDF-1.4\n" + b"0" * (1024 * 1024), "besar.pdf", 413, "melebihi batas 1 MB"),
        (b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024), "jauh.pdf", 413, "melebihi batas 1 MB"),
    ],
)
def test_a_refused_file_says_why_and_nothing_is_kept(
    client: FlaskClient,
    innovator: dict[str, str],
    proposal_id: int,
    data: bytes,
    name: str,
    status: int,
    message: str,
) -> None:
    before = counts(), sorted(files.storage().names())
    reply = upload(client, innovator, proposal_id, "sk_inovator", data, name)
    assert reply.status_code == status
    assert message in reply.json["error"]["message"]
    assert message in reply.json["error"]["fields"]["file"]
    after = counts(), sorted(files.storage().names())
    assert after == before


def test_a_renamed_exe_in_english(
    client: FlaskClient, innovator: dict[str, str], proposal_id: int
) -> None:
    reply = upload(
        client, {**innovator, "Accept-Language": "en"}, proposal_id, "other", EXE, "cv.docx"
    )
    assert reply.status_code == 422
    assert reply.json["error"]["message"] == (
        '"cv.docx" is a program (executable), not a document; it was refused.'
    )


def test_the_total_per_proposal_is_limited(
    client: FlaskClient, innovator: dict[str, str], proposal_id: int
) -> None:
    chunk = hostile_pdfs.padded(900 * 1024)
    assert upload(client, innovator, proposal_id, "other", chunk).status_code == 201
    assert upload(client, innovator, proposal_id, "other", chunk).status_code == 201
    third = upload(client, innovator, proposal_id, "other", chunk)
    assert third.status_code == 413
    assert "Total lampiran" in third.json["error"]["message"]


def test_unknown_kind_and_missing_file(
    client: FlaskClient, innovator: dict[str, str], proposal_id: int
) -> None:
    assert upload(client, innovator, proposal_id, "aspect:ringkasan", pdf_bytes()).status_code == (
        422
    )
    none = client.post(
        f"/api/v1/proposals/{proposal_id}/attachments", data={"kind": "other"}, headers=innovator
    )
    assert none.status_code == 422
    assert none.json["error"]["fields"]["file"] == "Wajib diisi."


def test_someone_else_cannot_list_download_add_or_remove(
    client: FlaskClient, innovator: dict[str, str], proposal_id: int
) -> None:
    mine = upload(client, innovator, proposal_id, "other", pdf_bytes()).json
    stranger = token(client, "inovator.disdukcapil@sipinda.test")
    base = f"/api/v1/proposals/{proposal_id}/attachments"
    assert client.get(base, headers=stranger).status_code == 404
    assert client.get(mine["download"], headers=stranger).status_code == 404
    assert upload(client, stranger, proposal_id, "other", pdf_bytes()).status_code == 404
    assert client.delete(mine["download"], headers=stranger).status_code == 404
    assert client.delete(mine["download"], headers=innovator).status_code == 204
    assert client.get(mine["download"], headers=innovator).status_code == 404
