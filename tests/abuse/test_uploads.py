"""Hostile uploads through the real routes (API and page form): too big, zip bombs, polyglots,
lying magic bytes, hostile names. A refusal is a clear 4xx in Indonesian and leaves no row and
no file behind; a harmless odd name is kept, made safe. Downloads never render in the browser."""

from __future__ import annotations

import io
import re
import struct
import time
import zipfile
import zlib
from datetime import timedelta
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from services.submission import clock, files
from shared.storage import LocalStorage
from tests.support import hostile_pdfs
from tests.support.identity import client_from, csrf_of
from tests.support.submission import (
    OPENS,
    PASSWORD,
    complete_body,
    counts,
    make_call,
    pdf_bytes,
    token,
    upload,
)

MB = 1024 * 1024
INNOVATOR = "inovator.dinkes@sipinda.test"


@pytest.fixture(autouse=True)
def in_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: OPENS + timedelta(days=1))


@pytest.fixture
def innovator(client: FlaskClient) -> dict[str, str]:
    return token(client, INNOVATOR)


@pytest.fixture
def proposal_id(client: FlaskClient, innovator: dict[str, str]) -> int:
    call_id = make_call(client, token(client, "admin@sipinda.test"), max_file_mb=1, max_total_mb=2)
    reply = client.post(
        "/api/v1/proposals", json=complete_body(call_id, "Berkas Nakal"), headers=innovator
    )
    assert reply.status_code == 201, reply.json
    return int(reply.json["id"])


def on_disk() -> list[Path]:
    """Every file in the storage folder, temporary ones included."""
    storage = files.storage()
    assert isinstance(storage, LocalStorage)
    return sorted(p for p in storage.root.rglob("*") if p.is_file())


def nothing_kept() -> tuple[object, ...]:
    return counts(), on_disk()


# --- the files ---------------------------------------------------------------------------------


def office(members: dict[str, bytes], *, kind: str = "word/document.xml") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr(kind, b"<w:document/>")
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def lying_sizes(data: bytes, size: int = 0xFFFF_FFF0) -> bytes:
    """The archive's directory claims every member unpacks to `size` bytes (about 4 GB)."""
    out = bytearray(data)
    for match in re.finditer(rb"PK\x01\x02", data):
        out[match.start() + 24 : match.start() + 28] = struct.pack("<I", size)
    return bytes(out)


def zeros_bomb() -> bytes:
    return office({"word/media/kosong.bin": bytes(40 * MB)})  # about 40 KB packed, ratio 1000


def many_members() -> bytes:
    return office({f"word/m{i}.xml": b"" for i in range(6_000)})


def odt_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text" + bytes(40 * MB))
    return out.getvalue()


def pdf_with_script() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_open_action(JavaScript("app.alert('pwned');"))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_hiding_script_in_an_object_stream() -> bytes:
    return pdf_with_an_object_stream(b"2 0 << /S /JavaScript /JS (app.alert(1)) >>")


def pdf_with_an_object_stream(content: bytes) -> bytes:
    packed = zlib.compress(content)
    return (
        b"%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length "
        + str(len(packed)).encode()
        + b" >>\nstream\n"
        + packed
        + b"\nendstream\nendobj\n%%EOF\n"
    )


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("isi.txt", b"halo")
    return out.getvalue()


BOMB = "arsip yang membengkak tidak wajar"
ACTIVE = "memuat skrip, perintah"
NOT_ALLOWED = "bukan PDF, gambar, atau dokumen Office"
UNREADABLE = "rusak atau tidak dapat dibaca dengan aman"
PROGRAM = "adalah program (executable)"

REFUSED = [
    pytest.param(zeros_bomb(), "laporan.docx", BOMB, id="docx-ratio-1000"),
    pytest.param(lying_sizes(office({})), "laporan.docx", BOMB, id="docx-claims-gigabytes"),
    pytest.param(
        lying_sizes(office({}, kind="xl/workbook.xml")), "data.xlsx", BOMB, id="xlsx-gigabytes"
    ),
    pytest.param(many_members(), "banyak.docx", BOMB, id="docx-6000-members"),
    pytest.param(odt_bomb(), "surat.odt", BOMB, id="odt-mimetype-bomb"),
    pytest.param(lying_sizes(plain_zip()), "arsip.zip", BOMB, id="zip-gigabytes"),
    pytest.param(plain_zip(), "arsip.docx", NOT_ALLOWED, id="zip-as-docx"),
    pytest.param(pdf_bytes() + plain_zip(), "dua.pdf", ACTIVE, id="pdf-zip-polyglot"),
    pytest.param(
        b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n%%EOF",
        "halaman.pdf",
        ACTIVE,
        id="pdf-html-polyglot",
    ),
    pytest.param(pdf_with_script(), "skrip.pdf", ACTIVE, id="pdf-javascript"),
    pytest.param(
        b"%PDF-1.4\n1 0 obj << /OpenAction << /S /J#61vaScript /JS (x) >> >> endobj\n%%EOF",
        "samar.pdf",
        ACTIVE,
        id="pdf-escaped-javascript-name",
    ),
    pytest.param(
        pdf_hiding_script_in_an_object_stream(), "padat.pdf", ACTIVE, id="pdf-objstm-script"
    ),
    pytest.param(
        b"%PDF-1.4\n1 0 obj << /OpenAction << /S /Launch /F (cmd.exe) >> >> endobj\n%%EOF",
        "luncur.pdf",
        ACTIVE,
        id="pdf-launch",
    ),
    *(
        pytest.param(
            hostile_pdfs.script_in_object_stream(filters),
            "isi.pdf",
            ACTIVE,
            id=f"pdf-objstm-{filters}",
        )
        for filters in ("hex", "hex+flate", "a85")
    ),
    pytest.param(hostile_pdfs.embedded_html(), "lampiran.pdf", ACTIVE, id="pdf-embedded-file"),
    pytest.param(hostile_pdfs.script_on_an_annotation(), "tautan.pdf", ACTIVE, id="pdf-annot-js"),
    pytest.param(hostile_pdfs.script_in_the_names_tree(), "nama.pdf", ACTIVE, id="pdf-names-js"),
    pytest.param(hostile_pdfs.xfa_form(), "formulir.pdf", ACTIVE, id="pdf-xfa"),
    pytest.param(hostile_pdfs.script_link(), "uri.pdf", ACTIVE, id="pdf-javascript-uri"),
    pytest.param(hostile_pdfs.object_stream_bomb(), "bom.pdf", UNREADABLE, id="pdf-objstm-bomb"),
    pytest.param(b"%PDF-1.7\n" + bytes(200), "rusak.pdf", UNREADABLE, id="pdf-unreadable"),
    pytest.param(b"\x7fELF\x02\x01\x01" + bytes(100), "program.docx", PROGRAM, id="elf-as-docx"),
    pytest.param(b"#!/bin/sh\nrm -rf /\n", "skrip.pdf", PROGRAM, id="shell-as-pdf"),
    pytest.param(b"<html><script>alert(1)</script></html>", "a.pdf", NOT_ALLOWED, id="html-pdf"),
    pytest.param(b'<svg onload="alert(1)"/>', "gambar.png", NOT_ALLOWED, id="svg-as-png"),
    pytest.param(b"   \n", "spasi.pdf", NOT_ALLOWED, id="whitespace-only"),
]


@pytest.mark.parametrize(("data", "name", "message"), REFUSED)
def test_a_hostile_file_is_refused_in_indonesian_and_nothing_is_kept(
    client: FlaskClient,
    innovator: dict[str, str],
    proposal_id: int,
    data: bytes,
    name: str,
    message: str,
) -> None:
    before = nothing_kept()
    reply = upload(client, innovator, proposal_id, "other", data, name)
    assert reply.status_code == 422, reply.json
    assert message in reply.json["error"]["message"]
    assert message in reply.json["error"]["fields"]["file"]
    assert nothing_kept() == before


def test_a_pdf_whose_object_stream_unpacks_to_gigabytes_is_refused_unopened(
    client: FlaskClient, innovator: dict[str, str], proposal_id: int
) -> None:
    """The check unpacks at most its budget (32 MB), whatever the stream would become, and
    qpdf never opens what would grow past it."""
    before = nothing_kept()
    data = pdf_with_an_object_stream(b"2 0 << /Type /Page >>" + bytes(100 * MB))
    assert len(data) < MB
    started = time.perf_counter()
    reply = upload(client, innovator, proposal_id, "other", data, "padat.pdf")
    assert time.perf_counter() - started < 5
    assert reply.status_code == 422, reply.json
    assert UNREADABLE in reply.json["error"]["message"]
    assert nothing_kept() == before


def test_a_real_office_file_and_a_pdf_that_only_opens_on_a_page_are_kept(
    client: FlaskClient, innovator: dict[str, str], proposal_id: int
) -> None:
    docx = office({"word/styles.xml": b"<w:styles/>" * 2000})
    opening = hostile_pdfs.page_opening()
    for data, name, kind in [
        (docx, "proposal.docx", "wordprocessingml"),
        (opening, "buka.pdf", "application/pdf"),
    ]:
        reply = upload(client, innovator, proposal_id, "other", data, name)
        assert reply.status_code == 201, reply.json
        assert kind in reply.json["content_type"]


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ("../../../etc/passwd", "passwd.pdf"),
        ("/etc/shadow.pdf", "shadow.pdf"),
        ("C:\\Windows\\laporan.pdf", "C_Windowslaporan.pdf"),  # the encoder drops "\\"
        ("laporan\x00.exe", "laporan.pdf"),
        ("tagihan\u202efdp.exe", "tagihanfdp.pdf"),
        ("a" * 1000 + ".pdf", "a" * 120 + ".pdf"),
        ("Laporan 😀 🚀 Inovasi.pdf", "Laporan 😀 🚀 Inovasi.pdf"),
        ("Pe\u0301nilaian.pdf", "P\u00e9nilaian.pdf"),  # NFD to NFC
        ("CON", "berkas-CON.pdf"),
        ("aux.pdf", "berkas-aux.pdf"),
        ("LPT1.txt.pdf", "berkas-LPT1.txt.pdf"),
        ("..", "berkas.pdf"),
        (".htaccess", "htaccess.pdf"),
        ('a"; filename="x.html', "x.pdf"),  # the header's last name wins
        ("<img src=x onerror=alert(1)>.pdf", "_img src=x onerror=alert(1)_.pdf"),
        ("ber\tkas\x7f\x1b.pdf", "berkas.pdf"),
    ],
)
def test_a_strange_name_is_kept_made_safe(
    client: FlaskClient, innovator: dict[str, str], proposal_id: int, sent: str, shown: str
) -> None:
    reply = upload(client, innovator, proposal_id, "other", pdf_bytes(), sent)
    assert reply.status_code == 201, reply.json
    assert reply.json["filename"] == shown
    download = client.get(reply.json["download"], headers=innovator)
    disposition = download.headers["Content-Disposition"]
    download.close()
    assert disposition.startswith("attachment;")
    assert "\r" not in disposition
    assert "\n" not in disposition
    assert "\x00" not in disposition
    assert ".exe" not in disposition
    assert ".html" not in disposition
    # The attachments' own area: documents keeps its PDFs in the same storage.
    stored = [p.name for p in on_disk() if p.name.endswith(".pdf") and files.AREA in p.parts]
    assert stored
    assert all(re.fullmatch(r"[0-9a-f]{32}\.pdf", n) for n in stored)


def test_a_png_named_pdf_is_kept_as_a_png_and_never_rendered(
    client: FlaskClient, innovator: dict[str, str], proposal_id: int
) -> None:
    """A PNG with HTML inside: stored for what its bytes are, offered as a download only."""
    data = b"\x89PNG\r\n\x1a\n" + b"<html><script>alert(1)</script></html>"
    reply = upload(client, innovator, proposal_id, "other", data, "foto.pdf")
    assert reply.status_code == 201, reply.json
    assert reply.json["filename"] == "foto.png"
    download = client.get(reply.json["download"], headers=innovator)
    assert download.headers["Content-Type"] == "image/png"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download.headers["Content-Security-Policy"] or (
        "script-src 'self'" in download.headers["Content-Security-Policy"]
    )
    download.close()


def test_over_the_file_and_the_proposal_limits_is_413(
    client: FlaskClient, innovator: dict[str, str], proposal_id: int
) -> None:
    before = nothing_kept()
    reply = upload(client, innovator, proposal_id, "other", b"%PDF-1.4\n" + bytes(MB))
    assert reply.status_code == 413
    assert reply.json["error"]["message"] == "Berkas melebihi batas 1 MB."
    assert nothing_kept() == before
    chunk = hostile_pdfs.padded(700 * 1024)
    for _ in range(2):
        assert upload(client, innovator, proposal_id, "other", chunk).status_code == 201
    before = nothing_kept()
    third = upload(client, innovator, proposal_id, "other", chunk)
    assert third.status_code == 413
    assert third.json["error"]["message"] == "Total lampiran proposal melebihi batas 2 MB."
    assert nothing_kept() == before


class Unreadable(io.RawIOBase):
    """A request body that fails the test if the server reads a byte of it."""

    read_calls = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0

    def readinto(self, buffer: object) -> int:
        Unreadable.read_calls += 1
        raise AssertionError("the body was read")


@pytest.mark.parametrize(
    ("path", "length"),
    [
        ("/api/v1/proposals/{id}/attachments", 2 * MB),  # over the call's 1 MB per file
        ("/api/v1/proposals/{id}/attachments", 80 * MB),  # over the 64 MB of any request
        ("/proposals/{id}/attachments", 2 * MB),  # before the CSRF check reads the form
        ("/proposals/{id}/attachments", 80 * MB),
        ("/api/v1/proposals", 80 * MB),
    ],
)
def test_a_body_over_the_limit_is_refused_unread(
    client: FlaskClient, innovator: dict[str, str], proposal_id: int, path: str, length: int
) -> None:
    if not path.startswith("/api/"):
        signed_in_page(client)
    before = nothing_kept()
    Unreadable.read_calls = 0
    reply = client.post(
        path.format(id=proposal_id),
        input_stream=Unreadable(),
        environ_overrides={"CONTENT_LENGTH": str(length)},
        content_type="multipart/form-data; boundary=x",
        headers={**innovator, "Accept-Language": "id"},
    )
    assert reply.status_code == 413
    assert Unreadable.read_calls == 0
    body = reply.get_data(as_text=True)
    assert "melebihi batas" in body or "terlalu besar" in body, body
    assert nothing_kept() == before


# --- the page form -----------------------------------------------------------------------------


def signed_in_page(client: FlaskClient) -> str:
    client_from(client)
    login = csrf_of(client.get("/login").get_data(as_text=True))
    reply = client.post(
        "/login", data={"email": INNOVATOR, "password": PASSWORD, "csrf_token": login}
    )
    assert reply.status_code == 302
    return csrf_of(client.get("/proposals").get_data(as_text=True))


def page_upload(client: FlaskClient, csrf: str, proposal_id: int, data: bytes, name: str):  # type: ignore[no-untyped-def]
    form = MultiDict(
        {"csrf_token": csrf, "kind": "other", "file": FileStorage(io.BytesIO(data), name)}
    )
    boundary, body = encode_multipart(form)
    return client.post(
        f"/proposals/{proposal_id}/attachments",
        data=body,
        content_type=f'multipart/form-data; boundary="{boundary}"',
    )


@pytest.mark.parametrize(
    ("data", "name", "status", "message"),
    [
        pytest.param(zeros_bomb(), "bom.docx", 422, BOMB, id="bomb"),
        pytest.param(pdf_with_script(), "skrip.pdf", 422, ACTIVE, id="script"),
        pytest.param(b"", "kosong.pdf", 422, "Berkas kosong.", id="empty"),
        pytest.param(b"%PDF-1.4\n" + bytes(MB), "besar.pdf", 413, "melebihi batas 1 MB", id="big"),
        pytest.param(
            b"MZ" + bytes(100), "<i>Tom & Jerry.pdf", 422, "_i_Tom &amp; Jerry", id="tagged-name"
        ),
    ],
)
def test_the_page_form_refuses_the_same_files_in_indonesian(
    client: FlaskClient,
    proposal_id: int,
    data: bytes,
    name: str,
    status: int,
    message: str,
) -> None:
    csrf = signed_in_page(client)
    before = nothing_kept()
    reply = page_upload(client, csrf, proposal_id, data, name)
    assert reply.status_code == status
    page = reply.get_data(as_text=True)
    assert message in page
    assert "<i>Tom" not in page
    assert nothing_kept() == before


def test_downloads_of_every_kind_are_attachments_with_nosniff(
    client: FlaskClient, innovator: dict[str, str], proposal_id: int
) -> None:
    for data, name in [(pdf_bytes(), "a.pdf"), (b"GIF89a=1;alert(1)//", "b.gif")]:
        reply = upload(client, innovator, proposal_id, "other", data, name)
        assert reply.status_code == 201, reply.json
        download = client.get(reply.json["download"], headers=innovator)
        assert download.headers["Content-Disposition"].startswith("attachment;")
        assert download.headers["X-Content-Type-Options"] == "nosniff"
        assert download.headers["Content-Type"] != "text/html"
        download.close()
