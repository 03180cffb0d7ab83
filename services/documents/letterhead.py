"""What official documents print about the installation: the kop surat (government, agency,
address, telephone, e-mail, logo), the place written before the date, the signatory of each
kind of signed document (name, NIP, position) and the legal bases (dasar) of the surat tugas and
the keputusan. Pure: `deploy` turns these values into what the templates read.

The admin keeps them as versioned data (`installation.py`, the page /documents/settings); the
newest version applies to what is rendered from then on. Before any version exists (a database
not seeded by `sipinda seed`) the environment gives them: LETTERHEAD_GOVERNMENT,
LETTERHEAD_AGENCY, LETTERHEAD_ADDRESS, LETTERHEAD_CITY, LETTERHEAD_LOGO (a PNG or SVG file,
embedded as a `data:` image; the packaged emblem when unset), SIGNATORY_HEAD_NAME / _TITLE / _NIP
(Kepala Badan: surat tugas, rekap, berita acara), SIGNATORY_MAYOR_NAME / _TITLE (sertifikat,
keputusan). The numbering scheme stays in the environment: DOCUMENT_NUMBER_FORMAT (fields
`{seq}`, `{code}`, `{unit}`, `{year}`, `{month}`, `{roman}`) and DOCUMENT_UNIT.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypedDict


class Letterhead(TypedDict):
    government: str
    agency: str
    address: str


class Signatory(TypedDict):
    """As a template prints it: `title` the position, `nip` already grouped, and both empty
    when nobody is named yet (the position is printed alone)."""

    name: str
    title: str
    nip: str


# The kinds of document a person signs in the installation's name, in the order of a call (the
# lembar penilaian is signed by its evaluator, the berita acara's panel by its members).
SIGNED_KINDS = ("surat_tugas", "rekap", "berita_acara", "sertifikat", "keputusan")
BASIS_KINDS = ("surat_tugas", "keputusan")
HEAD_KINDS = frozenset({"surat_tugas", "rekap", "berita_acara"})

CILEGON = Letterhead(
    government="PEMERINTAH KOTA CILEGON",
    agency="BADAN PERENCANAAN PEMBANGUNAN DAERAH, PENELITIAN DAN PENGEMBANGAN",
    # A neutral placeholder: the street address, telephone and e-mail are the installation's
    # data (seed/settings.json, edited on /documents/settings), not code.
    address="Kota Cilegon, Provinsi Banten",
)
DEFAULTS = {
    "LETTERHEAD_CITY": "Cilegon",
    "SIGNATORY_HEAD_NAME": "",
    "SIGNATORY_HEAD_TITLE": "Kepala Badan Perencanaan Pembangunan Daerah, "
    "Penelitian dan Pengembangan Kota Cilegon",
    "SIGNATORY_HEAD_NIP": "",
    "SIGNATORY_MAYOR_NAME": "",
    "SIGNATORY_MAYOR_TITLE": "Wali Kota Cilegon",
    "DOCUMENT_NUMBER_FORMAT": "{code}/{seq:03d}/{unit}/{roman}/{year}",
    "DOCUMENT_UNIT": "BAPPEDALITBANG",
}


def _get(env: Mapping[str, str], name: str) -> str:
    return env.get(name) or DEFAULTS[name]


def load(environ: Mapping[str, str] | None = None) -> Letterhead:
    """The letterhead of the environment; an unset or empty variable keeps the default."""
    env = os.environ if environ is None else environ
    return Letterhead(
        government=env.get("LETTERHEAD_GOVERNMENT") or CILEGON["government"],
        agency=env.get("LETTERHEAD_AGENCY") or CILEGON["agency"],
        address=env.get("LETTERHEAD_ADDRESS") or CILEGON["address"],
    )


LOGO_TYPES = {".png": "image/png", ".svg": "image/svg+xml"}
PACKAGED_LOGO = "sipinda-asset:logo.svg"


def logo_url(path: str | None) -> str:
    """The emblem of the environment's file as a `data:` URL, or ours."""
    if not path:
        return PACKAGED_LOGO
    file = Path(path)
    media_type = LOGO_TYPES.get(file.suffix.lower())
    if media_type is None:
        raise ValueError("LETTERHEAD_LOGO must be a .png or .svg file")
    return data_url(media_type, file.read_bytes())


def data_url(media_type: str, data: bytes) -> str:
    return f"data:{media_type};base64," + base64.b64encode(data).decode()


def values_from_env(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The settings' values as the environment gives them (see the module's docstring)."""
    env = os.environ if environ is None else environ
    head = {"name": _get(env, "SIGNATORY_HEAD_NAME"), "nip": _get(env, "SIGNATORY_HEAD_NIP"),
            "position": _get(env, "SIGNATORY_HEAD_TITLE")}  # fmt: skip
    mayor = {"name": _get(env, "SIGNATORY_MAYOR_NAME"), "nip": "",
             "position": _get(env, "SIGNATORY_MAYOR_TITLE")}  # fmt: skip
    return {
        **load(env),
        "phone": "",
        "email": "",
        "city": _get(env, "LETTERHEAD_CITY"),
        "signatories": {k: dict(head if k in HEAD_KINDS else mayor) for k in SIGNED_KINDS},
        "bases": {k: [] for k in BASIS_KINDS},
    }


ENV_FIELDS = {"government": "LETTERHEAD_GOVERNMENT", "agency": "LETTERHEAD_AGENCY",
              "address": "LETTERHEAD_ADDRESS", "city": "LETTERHEAD_CITY"}  # fmt: skip
ENV_PEOPLE = {"HEAD": HEAD_KINDS, "MAYOR": frozenset(SIGNED_KINDS) - HEAD_KINDS}


def seeded(data: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The first version's values: `data` (the packaged seed), with what the environment's
    variables set laid over it, so a deployment configured by them keeps its kop surat."""
    env = os.environ if environ is None else environ
    values = {**data, **{f: env[n] for f, n in ENV_FIELDS.items() if env.get(n)}}
    people = {kind: dict(person) for kind, person in (data.get("signatories") or {}).items()}
    for who, kinds in ENV_PEOPLE.items():
        for part, suffix in (("name", "NAME"), ("nip", "NIP"), ("position", "TITLE")):
            given = env.get(f"SIGNATORY_{who}_{suffix}")
            for kind in kinds if given else ():
                people.setdefault(kind, {})[part] = given
    return {**values, "signatories": people}


def nip_printed(nip: str) -> str:
    """`197001011990031001` → `19700101 199003 1 001` (born, appointed, sex, number), as the
    civil service writes it; anything else as typed, trimmed."""
    digits = "".join(nip.split())
    if len(digits) == 18 and digits.isdigit():
        return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    return " ".join(nip.split())


def signatory(person: Mapping[str, str]) -> Signatory:
    """A signatory as printed: the NIP only beside a name ("NIP. -" never)."""
    name = str(person.get("name") or "").strip()
    nip = nip_printed(str(person.get("nip") or "")) if name else ""
    return Signatory(name=name, title=str(person.get("position") or "").strip(), nip=nip)


def _lines(found: object) -> list[str]:
    lines = found if isinstance(found, Sequence) and not isinstance(found, str) else []
    return [str(line).strip() for line in lines if str(line).strip()]


def deploy(values: Mapping[str, Any], logo: str) -> dict[str, Any]:
    """Everything a template prints about the installation, from the settings' `values` and
    the logo's URL (`data:` or the packaged emblem)."""
    people = values.get("signatories") or {}
    bases = values.get("bases") or {}
    return {
        "letterhead": {
            name: str(values.get(name) or "").strip()
            for name in ("government", "agency", "address", "phone", "email")
        },
        "logo": logo,
        "city": str(values.get("city") or DEFAULTS["LETTERHEAD_CITY"]).strip(),
        "signatories": {kind: signatory(people.get(kind) or {}) for kind in SIGNED_KINDS},
        "bases": {kind: _lines(bases.get(kind)) for kind in BASIS_KINDS},
    }


def settings(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """What templates print when no settings version exists: the environment's."""
    env = os.environ if environ is None else environ
    return deploy(values_from_env(env), logo_url(env.get("LETTERHEAD_LOGO")))


def number_format(environ: Mapping[str, str] | None = None) -> tuple[str, str]:
    """(format, unit) of document numbers."""
    env = os.environ if environ is None else environ
    return _get(env, "DOCUMENT_NUMBER_FORMAT"), _get(env, "DOCUMENT_UNIT")
