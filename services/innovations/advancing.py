"""Moving an innovation to a later stage (uji coba, penerapan) with its signed berita acara, and
changing its profile. Each opens the transaction, authorizes, checks, mutates, notes the history
and publishes (`innovation.stage_changed`: documents issues the berita acara, notifications tells
the team), and raises domain errors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.innovations import matching, stages
from services.innovations.bootstrap import session as unit_of_work
from services.innovations.errors import Invalid, NotFound, TransitionRefused
from services.innovations.evidence import Opened, keep, opened
from services.innovations.models import (
    DIRECTORY,
    OUTBOX,
    Evidence,
    Innovation,
    InnovationMember,
    InnovationStage,
)
from services.innovations.registry import load, note, out
from services.innovations.schemas import InnovationEdit, InnovationOut
from shared import directory
from shared.events import InnovationStageChanged, Person
from shared.outbox import publish, utcnow
from shared.timezone import to_wib
from shared.web.auth import CurrentUser


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


def since(row: Innovation) -> date | None:
    """The day the innovation's current stage began."""
    return {"uji_coba": row.trial_on, "penerapan": row.implemented_on}.get(row.stage)


def team(s: Session, innovation_id: int) -> tuple[Person, ...]:
    """The team's accounts, in their own language, to tell them."""
    members = s.scalars(
        select(InnovationMember).where(InnovationMember.innovation_id == innovation_id)
    ).all()
    known = directory.people(s, DIRECTORY, [m.user_id for m in members if m.user_id])
    people = []
    for m in members:
        if m.user_id is None:
            continue
        account = known.get(m.user_id)
        people.append(Person(id=m.user_id, name=m.name, email=account.email if account else m.email,
                             language=account.language if account else "id"))  # fmt: skip
    return tuple(people)


@dataclass(frozen=True)
class Prepared:
    """A move checked and its signed berita acara kept, waiting for the person to confirm."""

    evidence_id: int
    filename: str
    both_at_once: bool


def _checked(s: Session, row: Innovation, user: CurrentUser, move: stages.Move) -> None:
    today = to_wib(utcnow()).date()
    problems = stages.check(row.stage, move, admin=user.role == "admin", today=today,
                            since=since(row))  # fmt: skip
    if "stage" in problems and problems["stage"] != "innovations.stage.unknown":
        raise TransitionRefused(problems["stage"])
    if problems:
        raise Invalid(problems={f: (k, {}) for f, k in problems.items()})


def _kept(s: Session, row: Innovation, user: CurrentUser, signed: Upload | None) -> Evidence:
    if signed is None or not signed.data:
        raise Invalid(problems={"berita_acara": ("innovations.stage.signed_needed", {})})
    return keep(s, area="stage", filename=signed.filename, data=signed.data,
                innovation_id=row.id, user_id=user.id, field="berita_acara")  # fmt: skip


def prepare(
    user: CurrentUser, innovation_id: int, move: stages.Move, signed: Upload | None
) -> Prepared:
    """Check the move and keep the signed berita acara; nothing changes until `advance`."""
    with unit_of_work() as s:
        row = load(s, innovation_id, user, edit=True)
        _checked(s, row, user, move)
        kept = _kept(s, row, user, signed)
        return Prepared(kept.id, kept.filename, stages.both_at_once(row.stage, move.stage))


def advance(
    user: CurrentUser,
    innovation_id: int,
    move: stages.Move,
    *,
    signed: Upload | None = None,
    evidence_id: int | None = None,
) -> InnovationOut:
    """Record the stage `move` asks for with its signed berita acara: sent now (`signed`) or
    kept by `prepare` (`evidence_id`)."""
    with unit_of_work() as s:
        row = load(s, innovation_id, user, edit=True)
        _checked(s, row, user, move)
        kept = _prepared(s, row, user, evidence_id) if evidence_id else _kept(s, row, user, signed)
        assert move.on is not None  # checked
        previous = row.stage
        trial_on = move.trial_on if stages.both_at_once(previous, move.stage) else None
        if move.stage == stages.TRIAL:
            row.trial_on = move.on
        else:
            row.implemented_on = move.on
            row.trial_on = trial_on or row.trial_on
        row.stage = move.stage
        change = InnovationStage(innovation_id=row.id, stage=move.stage, previous=previous,
                                 on=move.on, evidence_id=kept.id, recorded_by=user.id,
                                 recorded_at=utcnow())  # fmt: skip
        s.add(change)
        s.flush()
        note(s, row.id, "stage_changed",
             {"stage": move.stage, "previous": previous, "on": move.on.isoformat(),
              "trial_on": trial_on.isoformat() if trial_on else None, "evidence_id": kept.id,
              "change_id": change.id, "filename": kept.filename, "by": user.name},
             actor_id=user.id)  # fmt: skip
        actor = Person(id=user.id, name=user.name, email=user.email, language=user.language)
        publish(s, OUTBOX, InnovationStageChanged(
            innovation_id=row.id, change_id=change.id, title=row.title, opd_code=row.opd_code,
            opd_name=row.opd_name, previous=previous, stage=move.stage, on=move.on,
            changed_at=change.recorded_at, actor=actor, trial_on=trial_on,
            evidence_name=kept.filename, team=team(s, row.id),
        ))  # fmt: skip
        return out(s, row)


def _prepared(s: Session, row: Innovation, user: CurrentUser, evidence_id: int) -> Evidence:
    """The berita acara `prepare` kept for this innovation, by this person, not used yet."""
    kept = s.get(Evidence, evidence_id)
    used = s.scalar(select(InnovationStage.id).where(InnovationStage.evidence_id == evidence_id))
    if (kept is None or kept.innovation_id != row.id or kept.area != "stage"
            or kept.uploaded_by != user.id or used is not None):  # fmt: skip
        raise Invalid(problems={"berita_acara": ("innovations.stage.signed_needed", {})})
    return kept


def signed_file(user: CurrentUser, innovation_id: int, change_id: int) -> Opened:
    """The signed berita acara of one stage change, for who may read the innovation."""
    with unit_of_work() as s:
        load(s, innovation_id, user)
        change = s.get(InnovationStage, change_id)
        kept = s.get(Evidence, change.evidence_id) if change and change.evidence_id else None
        if change is None or change.innovation_id != innovation_id or kept is None:
            raise NotFound()
        return opened(kept)


def changes(s: Session, innovation_id: int) -> list[InnovationStage]:
    return list(s.scalars(select(InnovationStage).where(
        InnovationStage.innovation_id == innovation_id).order_by(InnovationStage.id)))  # fmt: skip


def next_stages(current: str, user: CurrentUser) -> tuple[str, ...]:
    """The stages the form offers: the next one; the admin also penerapan at once."""
    later = stages.later_stages(current)
    return later if user.role == "admin" else later[:1]


def editable(user: CurrentUser, innovation_id: int) -> InnovationOut:
    """The innovation when `user` may change it (else NotFound / Forbidden)."""
    with unit_of_work() as s:
        return out(s, load(s, innovation_id, user, edit=True))


def edit(user: CurrentUser, innovation_id: int, data: InnovationEdit) -> InnovationOut:
    """Change the profile (the stage moves only by `advance`; the agency stays)."""
    with unit_of_work() as s:
        row = load(s, innovation_id, user, edit=True)
        key = matching.title_key(data.title)
        same = select(Innovation.id).where(
            Innovation.opd_code == row.opd_code, Innovation.title_key == key,
            Innovation.id != row.id,
        )  # fmt: skip
        if s.scalar(same) is not None:
            raise TransitionRefused("innovations.duplicate_title")
        values = {**data.model_dump(), "title": data.title.strip()}
        changed = [name for name, value in values.items() if getattr(row, name) != value]
        for name, value in values.items():
            setattr(row, name, value)
        row.title_key = key
        if changed:
            note(s, row.id, "edited", {"fields": changed, "by": user.name}, actor_id=user.id)
        s.flush()
        return out(s, row)
