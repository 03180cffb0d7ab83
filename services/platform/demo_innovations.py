"""The demo's innovations (`sipinda seed --demo`): three of Kota Cilegon's, at each stage, so a
first look at `/innovations` and `/katalog` shows the registry at work. Made once, by title."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from services.innovations import matching
from services.innovations.models import Innovation, InnovationHistory, InnovationMember
from shared import runtime


@dataclass(frozen=True)
class DemoInnovation:
    title: str
    opd_code: str
    opd_name: str
    team_email: str  # the demo innovator of its agency, its ketua
    stage: str
    summary: str
    form: str
    urusan: tuple[str, ...]
    sdgs: tuple[int, ...]
    started_on: date
    trial_on: date | None = None
    implemented_on: date | None = None
    results: str = ""
    public: bool = False
    kind: str = "Digital"
    theme: str = "Digitalisasi layanan pemerintahan"
    extra: Mapping[str, str] = field(default_factory=dict)


DEMO_INNOVATIONS = (
    DemoInnovation(
        title="Si-Cepot: antrean daring puskesmas",
        opd_code="dinkes",
        opd_name="Dinas Kesehatan",
        team_email="inovator.dinkes@sipinda.test",
        stage="penerapan",
        summary="Warga mengambil nomor antrean puskesmas dari ponsel dan datang saat gilirannya "
        "dekat, sehingga ruang tunggu tidak lagi penuh sejak pagi.",
        form="Inovasi pelayanan publik",
        urusan=("Kesehatan",),
        sdgs=(3, 10),
        started_on=date(2024, 1, 8),
        trial_on=date(2024, 3, 1),
        implemented_on=date(2024, 9, 2),
        results="Waktu tunggu rata-rata di 9 puskesmas turun dari 95 menjadi 30 menit; 41.000 "
        "warga terlayani pada 2025.",
        public=True,
    ),
    DemoInnovation(
        title="Jemput bola adminduk di kelurahan",
        opd_code="disdukcapil",
        opd_name="Dinas Kependudukan dan Pencatatan Sipil",
        team_email="inovator.disdukcapil@sipinda.test",
        stage="uji_coba",
        summary="Petugas Disdukcapil melayani perekaman KTP-el dan akta di kantor kelurahan "
        "sekali sepekan, bergilir di delapan kecamatan.",
        form="Inovasi pelayanan publik",
        urusan=("Administrasi kependudukan dan pencatatan sipil",),
        sdgs=(16,),
        started_on=date(2025, 2, 3),
        trial_on=date(2025, 7, 14),
        kind="Non Digital",
        theme="Non tematik",
    ),
    DemoInnovation(
        title="Bank sampah digital Cibeber",
        opd_code="kel-cibeber",
        opd_name="Kelurahan Cibeber",
        team_email="inovator.kelcibeber@sipinda.test",
        stage="inisiatif",
        summary="Tabungan bank sampah warga dicatat di aplikasi, dan saldonya dapat dipakai "
        "membayar iuran kebersihan.",
        form="Inovasi daerah lainnya sesuai urusan",
        urusan=("Lingkungan hidup",),
        sdgs=(11, 12),
        started_on=date(2026, 4, 20),
        theme="Penanggulangan kemiskinan",
    ),
)


def seed_innovations(people: Mapping[str, tuple[int, str]]) -> str:
    """Make the demo innovations that are not there yet; `people` maps a demo e-mail to the
    account's (id, name)."""
    made = 0
    with runtime.database("innovations").session() as s:
        for demo in DEMO_INNOVATIONS:
            key = matching.title_key(demo.title)
            if s.scalar(select(Innovation.id).where(Innovation.title_key == key)) is not None:
                continue
            user_id, name = people[demo.team_email]
            row = Innovation(
                title=demo.title, title_key=key, summary=demo.summary, opd_code=demo.opd_code,
                opd_name=demo.opd_name, initiator="OPD", kind=demo.kind, form=demo.form,
                urusan=list(demo.urusan), theme=demo.theme, sdgs=list(demo.sdgs),
                profile=dict(demo.extra), stage=demo.stage, started_on=demo.started_on,
                trial_on=demo.trial_on, implemented_on=demo.implemented_on,
                public=demo.public, public_names=demo.public, results=demo.results,
                created_by=user_id,
            )  # fmt: skip
            s.add(row)
            s.flush()
            s.add(InnovationMember(innovation_id=row.id, user_id=user_id, name=name,
                                   email=demo.team_email, role="ketua"))  # fmt: skip
            s.add(InnovationHistory(innovation_id=row.id, kind="registered", actor_id=user_id,
                                    detail={"by": name}))  # fmt: skip
            made += 1
    return f"seed: {len(DEMO_INNOVATIONS)} demo innovations ({made} new)"
