"""The IID self-assessment's application layer: the year's structure (a new version per change),
the answers of an innovation (SID, by its agency's operator or its innovator) and of the region
(SPD, by the admin), sending them for verification, and the verifier's accept or return.

Which innovations report: those in uji coba or penerapan (the IID reports innovations trialled
or implemented); `n` in MAX(d, n) counts them all. Answers keep the version they were made
under; the year is always scored with its newest version (a corrected score applies to every
answer; an answer to an indicator a new version dropped no longer counts)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.innovations import evidence, iid_structure, registry
from services.innovations.errors import Forbidden, Invalid, NotFound, TransitionRefused
from services.innovations.iid_seed import structure_2023
from services.innovations.iid_structure import SID, SPD, Structure
from services.innovations.models import (
    DIRECTORY,
    OUTBOX,
    Evidence,
    IidAnswer,
    IidAnswerFile,
    IidStructure,
    Innovation,
)
from services.innovations.models.iid import REGION
from shared import directory, outbox
from shared.events import IidAnswersSubmitted, IidEvidenceAccepted, IidEvidenceReturned, Person
from shared.outbox import utcnow
from shared.web.auth import CurrentUser

REPORTING = ("uji_coba", "penerapan")
REASON_MIN = 5
EDITABLE = ("draft", "returned", "submitted")  # an accepted answer stays as accepted


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


def person(user: CurrentUser) -> Person:
    return Person(id=user.id, name=user.name, email=user.email, language=user.language)


# --- the year's structure ------------------------------------------------------------------


def current(s: Session, year: int) -> tuple[Structure, int]:
    """The year's newest structure and its version; the 2023 seed is stored as version 1 the
    first time a year is read."""
    row = s.scalar(
        select(IidStructure).where(IidStructure.year == year).order_by(IidStructure.version.desc())
    )
    if row is None:
        seeded = structure_2023(year)
        row = IidStructure(year=year, version=1, body=iid_structure.to_json(seeded),
                           note="seed 2023 (DOMAIN §2)")  # fmt: skip
        try:
            with s.begin_nested():
                s.add(row)
        except IntegrityError:  # another request seeded the year first: theirs is the same
            pass
        return seeded, 1
    return iid_structure.from_json(row.body), row.version


def versions(s: Session, year: int) -> list[IidStructure]:
    return list(
        s.scalars(
            select(IidStructure)
            .where(IidStructure.year == year)
            .order_by(IidStructure.version.desc())
        )
    )


def save_structure(s: Session, user: CurrentUser, structure: Structure, note: str) -> int:
    """Store the admin's structure as the year's next version; its number."""
    if user.role != "admin":
        raise Forbidden()
    found = iid_structure.problems(structure)
    if found:
        raise Invalid(problems=found)
    _, version = current(s, structure.year)
    body = iid_structure.to_json(structure)
    s.add(IidStructure(year=structure.year, version=version + 1, body=body, note=note,
                       created_by=user.id))  # fmt: skip
    s.flush()
    return version + 1


def years(s: Session, this_year: int) -> list[int]:
    stored = set(s.scalars(select(IidStructure.year).distinct()))
    return sorted(stored | {this_year}, reverse=True)


# --- answers -----------------------------------------------------------------------------


def unit_of(innovation_id: int | None) -> str:
    return REGION if innovation_id is None else str(innovation_id)


def answers(s: Session, year: int, innovation_id: int | None) -> dict[int, IidAnswer]:
    rows = s.scalars(
        select(IidAnswer).where(IidAnswer.year == year, IidAnswer.unit == unit_of(innovation_id))
    )
    return {a.indicator_no: a for a in rows}


def files(s: Session, answer_ids: Sequence[int]) -> dict[int, list[Evidence]]:
    found: dict[int, list[Evidence]] = {i: [] for i in answer_ids}
    rows = s.execute(
        select(IidAnswerFile.answer_id, Evidence)
        .join(Evidence, Evidence.id == IidAnswerFile.evidence_id)
        .where(IidAnswerFile.answer_id.in_(answer_ids))
        .order_by(Evidence.id)
    )
    for answer_id, row in rows:
        found[answer_id].append(row)
    return found


def reporting(s: Session, innovation: Innovation) -> None:
    if innovation.stage not in REPORTING:
        raise TransitionRefused("iid.not_reporting")


def subject(s: Session, user: CurrentUser, innovation_id: int | None, *, edit: bool) -> str:
    """Who answers: an innovation's editors (its agency's operator, its team, the admin); the
    region's SPD, the admin. Read: those and the verifier. The set answered (SID or SPD)."""
    if innovation_id is None:
        allowed = ("admin",) if edit else ("admin", "verifier")
        if user.role not in allowed:
            raise Forbidden()
        return SPD
    innovation = registry.load(s, innovation_id, user, edit=edit)
    reporting(s, innovation)
    return SID


def save(
    s: Session,
    user: CurrentUser,
    year: int,
    innovation_id: int | None,
    levels: Mapping[int, int | None],
    uploads: Mapping[int, Sequence[Upload]],
    removed: Sequence[int] = (),
    *,
    send: bool = False,
) -> list[int]:
    """Keep the parameters chosen and the files added (and drop the files removed) for the
    indicators of the unit; with `send`, every answered item not yet accepted goes to the
    verifier, each needing its evidence. The indicator numbers sent."""
    which = subject(s, user, innovation_id, edit=True)
    structure, version = current(s, year)
    indicators = structure.of_set(which)
    stored = answers(s, year, innovation_id)
    problems: dict[str, tuple[str, dict[str, object]]] = {}
    for ind in indicators:
        level = levels.get(ind.no)
        if level is not None and level not in iid_structure.LEVELS:
            problems[f"level-{ind.no}"] = ("iid.problem.level", {})
    if problems:
        raise Invalid(problems=problems)
    touched: list[IidAnswer] = []
    for ind in indicators:
        row = stored.get(ind.no)
        level, added = levels.get(ind.no), uploads.get(ind.no, ())
        if row is not None and row.status == "accepted":
            continue
        if row is None and level is None and not added:
            continue
        if row is None:
            row = IidAnswer(year=year, unit=unit_of(innovation_id), innovation_id=innovation_id,
                            indicator_no=ind.no, version=version, status="draft",
                            reason="")  # fmt: skip
            s.add(row)
            s.flush()
            stored[ind.no] = row
        changed = level != row.level or bool(added)
        for upload in added:
            kept = evidence.keep(s, area="iid", filename=upload.filename, data=upload.data,
                                 innovation_id=innovation_id, user_id=user.id,
                                 field=f"files-{ind.no}")  # fmt: skip
            s.add(IidAnswerFile(answer_id=row.id, evidence_id=kept.id))
        if changed:
            row.level, row.version, row.answered_by, row.answered_at = (
                level,
                version,
                user.id,
                utcnow(),
            )
            if row.status == "submitted":
                row.status = "draft"
        touched.append(row)
    if removed:
        open_ = {a.id: a for a in stored.values() if a.status != "accepted"}
        for answer_id in _remove_files(s, list(open_), removed):
            if open_[answer_id].status == "submitted":  # its evidence changed: not sent as is
                open_[answer_id].status = "draft"
    s.flush()
    sent = _send(s, user, year, innovation_id, stored, indicators) if send else []
    if innovation_id is not None and touched and not send:
        registry.note(s, innovation_id, "iid_saved", {"year": year, "n": len(touched)},
                      actor_id=user.id)  # fmt: skip
    return sent


def _remove_files(s: Session, answer_ids: Sequence[int], evidence_ids: Sequence[int]) -> set[int]:
    """Detach the files from the answers (the files stay stored); the answers changed."""
    changed = set()
    for link in s.scalars(
        select(IidAnswerFile).where(
            IidAnswerFile.answer_id.in_(answer_ids), IidAnswerFile.evidence_id.in_(evidence_ids)
        )
    ):
        changed.add(link.answer_id)
        s.delete(link)
    return changed


def _send(
    s: Session,
    user: CurrentUser,
    year: int,
    innovation_id: int | None,
    stored: Mapping[int, IidAnswer],
    indicators: Sequence[iid_structure.Indicator],
) -> list[int]:
    ready = [stored[i.no] for i in indicators
             if i.no in stored and stored[i.no].status in ("draft", "returned")]  # fmt: skip
    attached = files(s, [a.id for a in ready])
    problems: dict[str, tuple[str, dict[str, object]]] = {}
    for a in ready:
        if a.level is None:
            problems[f"level-{a.indicator_no}"] = ("iid.problem.level_needed", {})
        elif not attached[a.id]:
            problems[f"files-{a.indicator_no}"] = ("iid.problem.evidence_needed", {})
    if problems:
        raise Invalid(problems=problems)
    if not ready:
        raise TransitionRefused("iid.nothing_to_send")
    for a in ready:
        a.status = "submitted"
    nos = tuple(sorted(a.indicator_no for a in ready))
    title, opd = "", ""
    if innovation_id is not None:
        innovation = s.get(Innovation, innovation_id)
        assert innovation is not None
        title, opd = innovation.title, innovation.opd_code
        registry.note(s, innovation_id, "iid_submitted", {"year": year, "n": len(nos)},
                      actor_id=user.id)  # fmt: skip
    outbox.publish(s, OUTBOX, IidAnswersSubmitted(
        year=year, innovation_id=innovation_id, title=title, opd_code=opd,
        indicator_nos=nos, by=person(user)))  # fmt: skip
    return list(nos)


# --- verification ------------------------------------------------------------------------


def verify(
    s: Session, user: CurrentUser, answer_id: int, *, accept: bool, reason: str
) -> IidAnswer:
    """The verifier accepts a sent answer, or returns it with a reason for its author."""
    if user.role != "verifier":
        raise Forbidden()
    row = s.get(IidAnswer, answer_id)
    if row is None:
        raise NotFound()
    if row.status != "submitted":
        raise TransitionRefused("iid.not_waiting")
    reason = reason.strip()
    if not accept and len(reason) < REASON_MIN:
        raise Invalid(problems={"reason": ("iid.problem.reason_needed", {"least": REASON_MIN})})
    structure, _ = current(s, row.year)
    ind = structure.indicator(row.indicator_no)
    name = ind.name if ind else str(row.indicator_no)
    innovation = s.get(Innovation, row.innovation_id) if row.innovation_id else None
    title = innovation.title if innovation else ""
    row.status = "accepted" if accept else "returned"
    row.reason = "" if accept else reason
    row.verified_by, row.verified_at = user.id, utcnow()
    detail = {"year": row.year, "indicator": row.indicator_no, "name": name}
    if accept:
        event: IidEvidenceAccepted | IidEvidenceReturned = IidEvidenceAccepted(
            year=row.year, innovation_id=row.innovation_id, title=title,
            indicator_no=row.indicator_no, indicator_name=name, level=row.level or 0,
            verifier_id=user.id)  # fmt: skip
    else:
        detail["reason"] = reason
        author = directory.account(s, DIRECTORY, row.answered_by) if row.answered_by else None
        recipient = (Person(id=author.id, name=author.name, email=author.email,
                            language=author.language) if author else person(user))  # fmt: skip
        event = IidEvidenceReturned(
            year=row.year, innovation_id=row.innovation_id, title=title,
            opd_code=innovation.opd_code if innovation else "", indicator_no=row.indicator_no,
            indicator_name=name, reason=reason, recipient=recipient,
            verifier_id=user.id)  # fmt: skip
    if row.innovation_id is not None:
        kind = "iid_accepted" if accept else "iid_returned"
        registry.note(s, row.innovation_id, kind, detail, actor_id=user.id)
    outbox.publish(s, OUTBOX, event)
    s.flush()
    return row


def waiting(s: Session, year: int) -> int:
    return (
        s.scalar(
            select(func.count()).where(IidAnswer.year == year, IidAnswer.status == "submitted")
        )
        or 0
    )
