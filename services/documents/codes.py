"""What makes a document verifiable: its number, its short verification code and the QR code
that links to the public verification page. Pure."""

from __future__ import annotations

import base64
import hashlib
import io
import json
from typing import Any

import qrcode
from qrcode.image.pil import PilImage

QR_BORDER = 2  # modules of quiet zone around the code
QR_BOX = 8  # pixels per module: about 320 dpi at the printed 2.3 cm

# Classification codes printed in front of the sequence number, per kind.
CODES = {
    "proposal_dossier": "BPI",
    "proposal_dossier_blind": "BPI-A",
    "surat_tugas": "800.1.11.1",
    "lembar_penilaian": "LP",
    "rekap": "REKAP",
    "berita_acara": "BA",
    "sertifikat": "SERT",
    "sertifikat_batch": "SERT-K",
    "pengumuman": "PENG",
    "berita_acara_tahap": "BA-TI",
    "iid_rekap": "REKAP-IID",
}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud, typed by hand


def canonical_json(data: Any) -> str:
    """The source data as embedded in the PDF: sorted keys, so equal data is equal text."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def source_sha256(data: Any) -> str:
    return hashlib.sha256(canonical_json(data).encode()).hexdigest()


def document_number(fmt: str, *, kind: str, seq: int, unit: str, year: int, month: int) -> str:
    """`800.1.11.1/007/BAPPEDALITBANG/XII/2020` with the default format."""
    return fmt.format(
        code=CODES.get(kind, kind.upper()), seq=seq, unit=unit, year=year, month=month,
        roman=ROMAN[month - 1],
    )  # fmt: skip


def verification_code(kind: str, subject: str, revision: int, source: str) -> str:
    """Ten characters from a 32-letter alphabet (50 bits), shown as `ABCDE-FGHJK`: fixed for
    fixed data, so a re-rendered document carries the same code."""
    digest = hashlib.sha256(f"{kind}|{subject}|{revision}|{source}".encode()).digest()
    value = int.from_bytes(digest[:8], "big")
    chars = []
    for _ in range(10):
        value, index = divmod(value, 32)
        chars.append(CODE_ALPHABET[index])
    return "".join(chars)


def pretty_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def normalise_code(text: str) -> str:
    """What a person typed (`abcde-fghjk`, spaces) → the stored form."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def verify_url(base_url: str, code: str) -> str:
    return f"{base_url.rstrip('/')}/verify/{code}"


def _qr(url: str) -> qrcode.QRCode[Any]:
    qr = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=QR_BORDER, box_size=QR_BOX
    )
    qr.add_data(url)
    qr.make(fit=True)
    return qr


def qr_png(url: str) -> str:
    """The QR code of `url` as a `data:` URL of a black-and-white PNG (deterministic, medium
    correction), printed without smoothing (`image-rendering: pixelated` in pdf.css). A raster,
    not SVG: WeasyPrint draws an SVG path of a few hundred modules in Python, which cost a
    letter a tenth of its render time."""
    buffer = io.BytesIO()
    _qr(url).make_image(image_factory=PilImage).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def qr_matrix(url: str) -> list[list[bool]]:
    """The modules of the QR code of `url`, quiet zone included (for tests that check what it
    encodes)."""
    return [list(row) for row in _qr(url).get_matrix()]
