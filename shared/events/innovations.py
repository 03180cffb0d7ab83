"""Contracts produced by innovations: an innovation's stages, progress reports and their
reminders, monitoring visits, the IID. Each names its producer and consumers; each is added to
`routing.py` (CONTRACTS and SUBSCRIBERS) and exported from `shared/events/__init__.py`."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from shared.events.base import Contract, Event, Person


class MonitoringMember(Contract):
    """A member of a monitoring team as the report prints them: `role` is ketua or anggota."""

    name: str
    role: str = "anggota"


class VisitPhoto(Contract):
    """A photo of a visit in the shared storage: documents reads it by `key` and checks
    `sha256` before printing it (the bytes never travel in the event)."""

    key: str
    sha256: str
    content_type: str
    filename: str = ""


class MonevVisitRecorded(Event):
    """A member of a monitoring team recorded a visit to an innovation (monitoring dan
    evaluasi): what was found and what is recommended.

    Producer: innovations. Consumers: documents (the monev report as a PDF, whose
    `document.ready` names the innovation and goes back to innovations' history), notifications
    (tells `notify`: the innovation's team and the admins).
    `stage` is the innovation's stage code (inisiatif, uji_coba, penerapan); `members` are the
    team in order, the ketua first; `readers` are the accounts that may download the report
    (the innovation's team and the monitoring team).
    """

    name: ClassVar[str] = "monev.visit_recorded"
    visit_id: int
    innovation_id: int
    title: str
    opd_code: str
    opd_name: str
    stage: str
    team_name: str
    team_year: int
    members: tuple[MonitoringMember, ...]
    visited_on: date
    place: str
    findings: str
    recommendations: str
    recorded_by: Person
    recorded_at: datetime
    follow_up_by: date | None = None
    photos: tuple[VisitPhoto, ...] = ()
    readers: tuple[int, ...] = ()
    notify: tuple[Person, ...] = ()


class InnovationStageChanged(Event):
    """An innovation reached a later stage (uji coba, penerapan) on `on`, recorded by `actor`
    with the signed berita acara kept as evidence (`evidence_name`).

    Producer: innovations. Consumers: documents (the "Berita Acara Uji Coba/Penerapan Inovasi"
    PDF, kind `berita_acara_tahap`, whose `document.ready` names the innovation and goes back to
    innovations' history), notifications (tells the innovation's team). `stage` and `previous`
    are stage codes (inisiatif, uji_coba, penerapan); `trial_on` is set when the admin recorded
    uji coba and penerapan at once; `team` are the accounts of the innovation's team.
    """

    name: ClassVar[str] = "innovation.stage_changed"
    innovation_id: int
    change_id: int
    title: str
    opd_code: str
    opd_name: str
    previous: str
    stage: str
    on: date
    changed_at: datetime
    actor: Person
    trial_on: date | None = None
    evidence_name: str = ""
    team: tuple[Person, ...] = ()


class ReportDue(Event):
    """An innovation owes a progress report (laporan kemajuan): it is due on `due_on` (a
    Jakarta date) and not sent yet. `overdue` false is the reminder before the due date; true,
    the reminders after it (the day after, then weekly). `step` counts them (0 before, 1 the day
    after, 2 a week later …); each (schedule, innovation, step) is published once.

    Producer: innovations (its beat, and when the admin saves a schedule). Consumers:
    notifications (a mail and an in-app notice to each of `team`, in their language, linking
    to `report_path`).
    """

    name: ClassVar[str] = "innovation.report_due"
    schedule_id: int
    innovation_id: int
    title: str
    schedule_title: str
    opd_code: str
    due_on: date
    overdue: bool
    step: int
    report_path: str
    team: tuple[Person, ...] = ()


class IidAnswersSubmitted(Event):
    """IID answers were sent for verification: an innovation's SID indicators, or the region's
    SPD ones (`innovation_id` None). Producer: innovations. Consumers: none yet (the audit)."""

    name: ClassVar[str] = "iid.answers_submitted"
    year: int
    innovation_id: int | None
    title: str  # the innovation's title; "" for the region
    opd_code: str
    indicator_nos: tuple[int, ...]
    by: Person


class IidEvidenceAccepted(Event):
    """A verifier accepted one IID answer and its evidence (bukti dukung). Producer:
    innovations. Consumers: none yet (the audit)."""

    name: ClassVar[str] = "iid.evidence_accepted"
    year: int
    innovation_id: int | None
    title: str
    indicator_no: int
    indicator_name: str
    level: int
    verifier_id: int


class IidEvidenceReturned(Event):
    """A verifier returned one IID answer with a reason, for its author to fix and send again.
    Producer: innovations. Consumers: notifications (tells `recipient`, in their language)."""

    name: ClassVar[str] = "iid.evidence_returned"
    year: int
    innovation_id: int | None
    title: str
    opd_code: str
    indicator_no: int
    indicator_name: str
    reason: str
    recipient: Person
    verifier_id: int


class RecapIndicator(Contract):
    """One SPD indicator of the region as the IID recap prints it: the parameter reached
    (`level` 0 and `parameter` "" when none is accepted), its score and its answer's status
    (draft, submitted, returned, accepted; "" when not answered)."""

    no: int
    name: str
    level: int = 0
    parameter: str = ""
    score: Decimal
    status: str = ""


class RecapInnovation(Contract):
    """One reporting innovation's SID score (accepted evidence only)."""

    innovation_id: int
    title: str
    opd_name: str
    score: Decimal


class RecapMissing(Contract):
    """What is missing on one indicator and the index points accepting it all would add:
    `units` innovations lack it (0 for the region's SPD indicator)."""

    no: int
    name: str
    region: bool
    units: int
    gain: Decimal


class IidRecapRequested(Event):
    """The admin asked for the year's IID recap (Rekapitulasi Indeks Inovasi Daerah) as a PDF.
    Every figure is the one the year's page shows (`iid_board.figures`): rounded half-up to 2
    decimals as the national system shows them; `predikat` is the band's name; `missing` are
    the largest gains first (at most ten).

    Producer: innovations. Consumers: documents (the PDF, kind `iid_rekap`, whose
    `document.ready` goes back to innovations, which lists it on the year's page).
    """

    name: ClassVar[str] = "iid.recap_requested"
    year: int
    structure_version: int
    spd: Decimal
    sid: Decimal
    n: int
    divisor: int
    count_score: Decimal
    max_total: Decimal
    iid: Decimal
    predikat: str
    spd_rows: tuple[RecapIndicator, ...] = ()
    innovations: tuple[RecapInnovation, ...] = ()
    missing: tuple[RecapMissing, ...] = ()
    requested_by: Person
    requested_at: datetime
