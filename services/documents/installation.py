"""The installation's document settings as versions (application layer): the one in force when
a document is rendered, the admin's page, and the admin's save, which adds the next version.

A version is never changed: a document rendered with it names it (`Document.settings_version`),
so older documents keep what they were rendered with and the same data asked again after a new
version is a new revision. Before any version exists the environment's settings apply
(`Press.deploy`, see letterhead.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.documents import directory, images, letterhead, settings_form
from services.documents.errors import Forbidden
from services.documents.models import Logo, SettingsVersion
from shared.db import Database

HISTORY = 10  # versions listed on the page
SEED = Path(__file__).parent / "seed" / "settings.json"  # Kota Cilegon's Bappedalitbang
Deploy = Mapping[str, Any]  # what templates print about the installation (letterhead.deploy)


class Admin(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def role(self) -> str: ...


def authorize(asker: Admin) -> None:
    """The settings are the admin's: `Forbidden` for anyone else."""
    if asker.role != directory.ADMIN:
        raise Forbidden("document settings")


@dataclass(frozen=True)
class InForce:
    version: int | None  # None: no version yet, the environment's settings
    deploy: Mapping[str, Any]


def newest(session: Session) -> SettingsVersion | None:
    return session.scalars(
        select(SettingsVersion).order_by(SettingsVersion.id.desc()).limit(1)
    ).first()


def _logo_url(session: Session, row: SettingsVersion, fallback: Deploy) -> str:
    logo = session.get(Logo, row.logo_sha256) if row.logo_sha256 else None
    if logo is None:  # none uploaded: the environment's emblem, else the packaged one
        return str(fallback.get("logo") or letterhead.PACKAGED_LOGO)
    return letterhead.data_url(logo.media_type, logo.data)


def in_force(session: Session, fallback: Deploy) -> InForce:
    """The settings a document rendered now prints; `fallback` (the environment's, the
    process's `Press.deploy`) before any version exists."""
    row = newest(session)
    if row is None:
        return InForce(None, fallback)
    return InForce(row.id, letterhead.deploy(row.values, _logo_url(session, row, fallback)))


def city(session: Session, fallback: Deploy) -> str:
    """The place written before the date of a document rendered now."""
    return str(in_force(session, fallback).deploy["city"])


def seed(session: Session, environ: Mapping[str, str] | None = None) -> bool:
    """The first version, from the packaged seed and the environment's LETTERHEAD_* and
    SIGNATORY_* variables, when there is none yet (an admin's versions are never touched);
    whether it was added. Names of people are left for the admin to fill in."""
    if newest(session) is not None:
        return False
    data = json.loads(SEED.read_text(encoding="utf-8"))
    session.add(SettingsVersion(values=letterhead.seeded(data, environ), saved_by_name=""))
    session.flush()
    return True


@dataclass(frozen=True)
class Saved:
    version: int
    saved_by: str  # "" for the seed
    saved_at: datetime


@dataclass(frozen=True)
class Page:
    fields: dict[str, str]
    logo: str  # the URL of the logo in force (a data: URL for an uploaded one)
    uploaded_logo: bool
    current: Saved | None
    history: list[Saved]


def for_page(db: Database, asker: Admin, fallback: Deploy) -> Page:
    """The newest version as the form shows it, with the last versions saved."""
    authorize(asker)
    with db.session() as s:
        rows = s.scalars(
            select(SettingsVersion).order_by(SettingsVersion.id.desc()).limit(HISTORY)
        ).all()
        history = [Saved(r.id, r.saved_by_name, r.saved_at) for r in rows]
        if not rows:
            values = letterhead.values_from_env()
            return Page(settings_form.fields_of(values), str(fallback["logo"]), False,
                        None, [])  # fmt: skip
        row = rows[0]
        return Page(settings_form.fields_of(row.values), _logo_url(s, row, fallback),
                    row.logo_sha256 is not None, history[0], history)  # fmt: skip


def save(
    db: Database, asker: Admin, typed: Mapping[str, str], logo: bytes | None, remove_logo: bool
) -> settings_form.Form | int:
    """Save the typed settings as the next version (returns its number), with `logo` (the
    uploaded file's bytes, None when no file was chosen) or, with `remove_logo`, none; or the
    form with its errors, when nothing is stored."""
    authorize(asker)
    form = settings_form.read(typed)
    checked: images.Logo | None = None
    if logo is not None:
        try:
            checked = images.check_logo(logo)
        except images.LogoRefused as refused:
            form.errors["logo"] = f"documents.settings.logo.{refused.reason}"
    if not form.valid:
        if checked is not None:  # a browser never sends a chosen file twice: say so
            form.errors["logo"] = "documents.settings.logo.choose_again"
        return form
    with db.session() as s:
        previous = newest(s)
        logo_sha = previous.logo_sha256 if previous is not None and not remove_logo else None
        if checked is not None and logo is not None:
            logo_sha = hashlib.sha256(logo).hexdigest()
            if s.get(Logo, logo_sha) is None:
                s.add(Logo(sha256=logo_sha, media_type=checked.media_type, data=logo,
                           width=checked.width, height=checked.height))  # fmt: skip
        row = SettingsVersion(values=settings_form.values_of(form), logo_sha256=logo_sha,
                              saved_by_id=asker.id, saved_by_name=asker.name[:200])  # fmt: skip
        s.add(row)
        s.flush()
        return row.id
