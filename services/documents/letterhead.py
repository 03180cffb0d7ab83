"""The deployment's settings for official documents: the kop surat, the signatories and the
numbering scheme of letters. Kota Cilegon's Bappedalitbang is the default (the demo).

Read from the environment so that another city, a province, or a renamed agency needs
configuration, not code: LETTERHEAD_GOVERNMENT, LETTERHEAD_AGENCY, LETTERHEAD_ADDRESS,
LETTERHEAD_CITY (the place printed before the date), LETTERHEAD_LOGO (a PNG or SVG file,
embedded as a `data:` image; the packaged emblem when unset), SIGNATORY_HEAD_NAME / _TITLE /
_NIP (Kepala Badan: surat tugas, berita acara), SIGNATORY_MAYOR_NAME / _TITLE (sertifikat),
DOCUMENT_NUMBER_FORMAT (fields `{seq}`, `{code}`, `{unit}`, `{year}`, `{month}`, `{roman}`)
and DOCUMENT_UNIT.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TypedDict


class Letterhead(TypedDict):
    government: str
    agency: str
    address: str


class Signatory(TypedDict):
    name: str
    title: str
    nip: str


CILEGON = Letterhead(
    government="PEMERINTAH KOTA CILEGON",
    agency="BADAN PERENCANAAN PEMBANGUNAN DAERAH, PENELITIAN DAN PENGEMBANGAN",
    # A neutral placeholder: the real street address, telephone and e-mail belong in
    # LETTERHEAD_ADDRESS of the deployment, not in code.
    address="Kota Cilegon, Provinsi Banten",
)
DEFAULTS = {
    "LETTERHEAD_CITY": "Cilegon",
    "SIGNATORY_HEAD_NAME": "Kepala Bappedalitbang",
    "SIGNATORY_HEAD_TITLE": "Kepala Badan Perencanaan Pembangunan Daerah, "
    "Penelitian dan Pengembangan Kota Cilegon",
    "SIGNATORY_HEAD_NIP": "-",
    "SIGNATORY_MAYOR_NAME": "Wali Kota Cilegon",
    "SIGNATORY_MAYOR_TITLE": "Wali Kota Cilegon",
    "DOCUMENT_NUMBER_FORMAT": "{code}/{seq:03d}/{unit}/{roman}/{year}",
    "DOCUMENT_UNIT": "BAPPEDALITBANG",
}


def _get(env: Mapping[str, str], name: str) -> str:
    return env.get(name) or DEFAULTS[name]


def load(environ: Mapping[str, str] | None = None) -> Letterhead:
    """The letterhead of this deployment; an unset or empty variable keeps the default."""
    env = os.environ if environ is None else environ
    return Letterhead(
        government=env.get("LETTERHEAD_GOVERNMENT") or CILEGON["government"],
        agency=env.get("LETTERHEAD_AGENCY") or CILEGON["agency"],
        address=env.get("LETTERHEAD_ADDRESS") or CILEGON["address"],
    )


LOGO_TYPES = {".png": "image/png", ".svg": "image/svg+xml"}
PACKAGED_LOGO = "sipinda-asset:logo.svg"


def logo_url(path: str | None) -> str:
    """The emblem printed on the kop: the deployment's file as a `data:` URL, or ours."""
    if not path:
        return PACKAGED_LOGO
    file = Path(path)
    media_type = LOGO_TYPES.get(file.suffix.lower())
    if media_type is None:
        raise ValueError("LETTERHEAD_LOGO must be a .png or .svg file")
    return f"data:{media_type};base64," + base64.b64encode(file.read_bytes()).decode()


def settings(environ: Mapping[str, str] | None = None) -> dict[str, object]:
    """Everything a template prints about the deployment: letterhead, logo, city, signatories."""
    env = os.environ if environ is None else environ
    return {
        "letterhead": dict(load(env)),
        "logo": logo_url(env.get("LETTERHEAD_LOGO")),
        "city": _get(env, "LETTERHEAD_CITY"),
        "head": Signatory(
            name=_get(env, "SIGNATORY_HEAD_NAME"),
            title=_get(env, "SIGNATORY_HEAD_TITLE"),
            nip=_get(env, "SIGNATORY_HEAD_NIP"),
        ),
        "mayor": Signatory(
            name=_get(env, "SIGNATORY_MAYOR_NAME"), title=_get(env, "SIGNATORY_MAYOR_TITLE"), nip=""
        ),
    }


def number_format(environ: Mapping[str, str] | None = None) -> tuple[str, str]:
    """(format, unit) of document numbers."""
    env = os.environ if environ is None else environ
    return _get(env, "DOCUMENT_NUMBER_FORMAT"), _get(env, "DOCUMENT_UNIT")
