"""The demo accounts `make run` seeds: fictional people in real Cilegon agencies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the embedded supervisor reads DEMO_USERS for its banner, nothing more
    from services.submission.definition import CallDefinition


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    role: str
    opd_code: str | None
    evaluator_kind: str | None = None
    # An evaluator's expertise: urusan and categories they know (topics), and their keywords.
    topics: tuple[str, ...] = ()
    expertise: str = ""


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin@sipinda.test", "Admin Bappedalitbang", "admin", "bappedalitbang"),
    DemoUser("verifikator@sipinda.test", "Verifikator Litbang", "verifier", "bappedalitbang"),
    DemoUser("inovator.dinkes@sipinda.test", "Inovator Dinas Kesehatan", "innovator", "dinkes"),
    DemoUser(
        "inovator.disdukcapil@sipinda.test", "Inovator Disdukcapil", "innovator", "disdukcapil"
    ),
    DemoUser(
        "inovator.kelcibeber@sipinda.test", "Inovator Kel. Cibeber", "innovator", "kel-cibeber"
    ),
    DemoUser("operator.dinkes@sipinda.test", "Operator Dinas Kesehatan", "operator", "dinkes"),
    DemoUser(
        "evaluator.akademisi1@sipinda.test",
        "Evaluator Akademisi Satu",
        "evaluator",
        None,
        "academic",
        ("Kesehatan", "Pendidikan", "Pelayanan publik inklusif dan berkeadilan"),
        "gizi stunting balita ibu hamil posyandu sekolah literasi kesehatan masyarakat",
    ),
    DemoUser(
        "evaluator.akademisi2@sipinda.test",
        "Evaluator Akademisi Dua",
        "evaluator",
        None,
        "academic",
        (
            "Pekerjaan umum dan penataan ruang",
            "Lingkungan hidup",
            "Perhubungan",
            "Ketahanan institusi publik",
        ),
        "jalan drainase banjir sampah daur ulang transportasi angkutan tata ruang",
    ),
    DemoUser(
        "evaluator.praktisi@sipinda.test",
        "Evaluator Praktisi",
        "evaluator",
        None,
        "practitioner",
        (
            "Komunikasi dan informatika",
            "Administrasi kependudukan dan pencatatan sipil",
            "Efektivitas institusi publik untuk TPB/SDGs",
        ),
        "aplikasi digital daring sistem informasi data layanan antrean dokumen kependudukan",
    ),
    DemoUser(
        "evaluator.rsud@sipinda.test",
        "Evaluator RSUD",
        "evaluator",
        "rsud",
        "government",
        ("Kesehatan",),
        "rumah sakit pasien rujukan obat rawat jalan gawat darurat",
    ),
    DemoUser(
        "evaluator.dinkes@sipinda.test",
        "Evaluator Dinas Kesehatan",
        "evaluator",
        "dinkes",
        "government",
        ("Kesehatan", "Sosial"),
        "puskesmas posyandu imunisasi lansia kader kesehatan jemput bola",
    ),
    DemoUser(
        "evaluator.kominfo@sipinda.test",
        "Evaluator Diskominfo",
        "evaluator",
        "diskominfo",
        "government",
        ("Komunikasi dan informatika",),
        "aplikasi situs web jaringan data terbuka keamanan informasi",
    ),
    DemoUser(
        "evaluator.kecibeber@sipinda.test",
        "Evaluator Kec. Cibeber",
        "evaluator",
        "kec-cibeber",
        "government",
        ("Ketenteraman, ketertiban umum, dan pelindungan masyarakat", "Sosial"),
        "kelurahan warga pelayanan masyarakat ketertiban bantuan sosial",
    ),
    DemoUser(
        "evaluator.setda@sipinda.test",
        "Evaluator Setda",
        "evaluator",
        "setda",
        "government",
        ("Fungsi penunjang", "Penanaman modal", "Ketahanan institusi publik"),
        "perizinan tata kelola anggaran birokrasi reformasi kinerja",
    ),
)


def demo_call_definition(year: int) -> CallDefinition:
    """The demo call: open the whole `year` (WIB), KIPP 2023 aspects, Kemendagri profile."""
    from services.submission.call_templates import demo_call
    from shared.timezone import WIB

    return demo_call(
        year,
        opens_at=datetime(year, 1, 1, 0, 0, 0, tzinfo=WIB),
        closes_at=datetime(year, 12, 31, 23, 59, 59, tzinfo=WIB),
    )
