"""The admin's form of document settings, field by field: what was typed, kept as typed, each
error beside its field (a catalogue key), and the values a valid form saves. Pure.

Fields: `government`, `agency`, `address`, `phone`, `email`, `city`; per signed kind
`<kind>-name`, `<kind>-nip`, `<kind>-position`; per kind with legal bases `<kind>-bases` (one
basis a line). The logo is checked apart (images.py): it is a file, not a typed value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from services.documents.letterhead import BASIS_KINDS, SIGNED_KINDS, nip_printed

# field → (longest, required)
KOP_FIELDS = {"government": (200, True), "agency": (300, True), "address": (300, True),
              "phone": (60, False), "email": (120, False), "city": (100, True)}  # fmt: skip
NAME_MAX, POSITION_MAX, BASIS_MAX, BASES_MAX = 200, 300, 500, 20
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]{2,}")
_PHONE = re.compile(r"[0-9+()\-./ ]*(?:(?:ext|pes)\.? ?[0-9]+)?", re.IGNORECASE)


@dataclass
class Form:
    fields: dict[str, str]  # as typed (trimmed), to show again
    errors: dict[str, str] = field(default_factory=dict)  # field → catalogue key

    @property
    def valid(self) -> bool:
        return not self.errors


def fields_of(values: Mapping[str, Any]) -> dict[str, str]:
    """A saved version's values as the form shows them."""
    shown = {name: str(values.get(name) or "") for name in KOP_FIELDS}
    people = values.get("signatories") or {}
    for kind in SIGNED_KINDS:
        person = people.get(kind) or {}
        for part in ("name", "nip", "position"):
            shown[f"{kind}-{part}"] = str(person.get(part) or "")
        shown[f"{kind}-nip"] = nip_printed(shown[f"{kind}-nip"])  # grouped, as it prints
    bases = values.get("bases") or {}
    for kind in BASIS_KINDS:
        shown[f"{kind}-bases"] = "\n".join(str(line) for line in bases.get(kind) or [])
    return shown


def _text(form: Mapping[str, str], name: str) -> str:
    return " ".join(str(form.get(name) or "").split())


def read(form: Mapping[str, str]) -> Form:
    """The typed form, checked."""
    typed = Form(fields={})
    for name, (longest, required) in KOP_FIELDS.items():
        _check(typed, name, _text(form, name), longest, required)
    if typed.fields["email"] and not _EMAIL.fullmatch(typed.fields["email"]):
        typed.errors.setdefault("email", "documents.settings.error.email")
    if not _PHONE.fullmatch(typed.fields["phone"]):
        typed.errors.setdefault("phone", "documents.settings.error.phone")
    for kind in SIGNED_KINDS:
        name = _check(typed, f"{kind}-name", _text(form, f"{kind}-name"), NAME_MAX, False)
        _check(typed, f"{kind}-position", _text(form, f"{kind}-position"), POSITION_MAX, True)
        nip = _text(form, f"{kind}-nip")
        typed.fields[f"{kind}-nip"] = nip
        digits = nip.replace(" ", "")
        if nip and not (len(digits) == 18 and digits.isascii() and digits.isdigit()):
            typed.errors[f"{kind}-nip"] = "documents.settings.error.nip"
        elif nip and not name:
            typed.errors[f"{kind}-name"] = "documents.settings.error.nip_without_name"
    for kind in BASIS_KINDS:
        raw = str(form.get(f"{kind}-bases") or "").replace("\r\n", "\n").replace("\r", "\n")
        lines = [" ".join(line.split()) for line in raw.split("\n") if line.strip()]
        typed.fields[f"{kind}-bases"] = "\n".join(lines)
        if len(lines) > BASES_MAX:
            typed.errors[f"{kind}-bases"] = "documents.settings.error.bases_many"
        elif any(len(line) > BASIS_MAX for line in lines):
            typed.errors[f"{kind}-bases"] = "documents.settings.error.basis_long"
    return typed


def _check(typed: Form, name: str, text: str, longest: int, required: bool) -> str:
    typed.fields[name] = text
    if required and not text:
        typed.errors[name] = "documents.settings.error.required"
    elif len(text) > longest:
        typed.errors[name] = "documents.settings.error.too_long"
    return text


def values_of(typed: Form) -> dict[str, Any]:
    """The values a valid form saves (the shape `letterhead.deploy` reads)."""
    f = typed.fields
    return {
        **{name: f[name] for name in KOP_FIELDS},
        "signatories": {
            kind: {
                "name": f[f"{kind}-name"],
                "nip": f[f"{kind}-nip"].replace(" ", ""),
                "position": f[f"{kind}-position"],
            }
            for kind in SIGNED_KINDS
        },
        "bases": {
            kind: f[f"{kind}-bases"].split("\n") if f[f"{kind}-bases"] else []
            for kind in BASIS_KINDS
        },
    }
