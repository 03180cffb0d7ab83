"""The public catalogue (issue 24): no sign-in; only public innovations in penerapan, found by
words, agency, urusan, SDG and year; the team's names only when they agreed, never an email;
a private innovation's page is not found, also by its address."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from flask.testing import FlaskClient

from services.innovations.models import (
    InnovationProposal,
    ProgressReport,
    ReportFigure,
    ReportSchedule,
)
from shared import runtime
from tests.support.submission import token

INNOVATOR = "inovator.dinkes@sipinda.test"


def innovation(client: FlaskClient, title: str, **fields: object) -> int:
    body = {"title": title, "stage": "penerapan", "public": True, "started_on": "2024-05-02",
            "urusan": ["Kesehatan"], "sdgs": [3, 11], "summary": "Ringkasan publik.",
            "results": "Antrean turun separuh.", **fields}  # fmt: skip
    made = client.post("/api/v1/innovations", headers=token(client, INNOVATOR), json=body)
    assert made.status_code == 201, made.json
    return int(made.json["id"])


def test_a_public_innovation_in_penerapan_is_listed_and_shown_to_anyone(
    client: FlaskClient,
) -> None:
    word = uuid.uuid4().hex[:8]
    shown = innovation(client, f"Katalog Terbuka {word}", public_names=True)
    hidden = innovation(client, f"Katalog Tertutup {word}", public=False)
    trial = innovation(client, f"Katalog Uji {word}", stage="uji_coba")
    with runtime.database("innovations").session() as s:
        s.add(InnovationProposal(proposal_id=900000 + shown % 90000, innovation_id=shown,
                                 call_name="KIPP Kota Cilegon 2025",
                                 decision="winner"))  # fmt: skip
    anonymous = client.application.test_client()
    page = anonymous.get(f"/katalog?q={word}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert f"Katalog Terbuka {word}" in text
    assert "Tertutup" not in text
    assert "Katalog Uji" not in text
    assert "Pemenang KIPP Kota Cilegon 2025" in text
    one = anonymous.get(f"/katalog/{shown}").get_data(as_text=True)
    assert "Antrean turun separuh." in one
    assert "SDG 3" in one
    assert "sipinda.test" not in one  # names only, never an email
    assert anonymous.get(f"/katalog/{hidden}").status_code == 404
    assert anonymous.get(f"/katalog/{trial}").status_code == 404
    english = anonymous.get(f"/katalog/{shown}", headers={"Accept-Language": "en"})
    assert "Winner of KIPP Kota Cilegon 2025" in english.get_data(as_text=True)


def test_the_team_is_named_only_when_it_agreed(client: FlaskClient) -> None:
    word = uuid.uuid4().hex[:8]
    named = innovation(client, f"Tim Bernama {word}", public_names=True)
    unnamed = innovation(client, f"Tim Tanpa Nama {word}")
    anonymous = client.application.test_client()
    assert "Tim inovasi" in anonymous.get(f"/katalog/{named}").get_data(as_text=True)
    assert "Tim inovasi" not in anonymous.get(f"/katalog/{unnamed}").get_data(as_text=True)


def test_the_filters_find_by_sdg_urusan_agency_and_year(client: FlaskClient) -> None:
    word = uuid.uuid4().hex[:8]
    innovation(client, f"Saring Satu {word}")
    innovation(client, f"Saring Dua {word}", sdgs=[1], urusan=["Sosial"],
               started_on="2019-01-10")  # fmt: skip
    anonymous = client.application.test_client()

    def found(query: str) -> str:
        return anonymous.get(f"/katalog?q={word}&{query}").get_data(as_text=True)

    assert "Saring Satu" in found("sdg=3")
    assert "Saring Dua" not in found("sdg=3")
    assert "Saring Satu" not in found("sdg=1")
    assert "Saring Dua" in found("sdg=1")
    assert "Saring Dua" in found("urusan=Sosial")
    assert "Saring Satu" not in found("urusan=Sosial")
    assert "Saring Dua" in found("year=2019")
    assert "Saring Satu" not in found("year=2019")
    assert "Saring Satu" in found("opd_code=dinkes")
    assert "Saring Satu" not in found("opd_code=disdukcapil")
    assert "Saring Satu" in found("sdg=99&year=abc")  # a value not offered filters nothing


def test_the_latest_report_s_figures_and_a_finalist_s_call_are_shown(client: FlaskClient) -> None:
    word = uuid.uuid4().hex[:8]
    shown = innovation(client, f"Angka Terbaru {word}")
    with runtime.database("innovations").session() as s:
        older = ReportSchedule(title="Laporan lama", stage="", year=2025, due_on=date(2025, 6, 1))
        newer = ReportSchedule(title="Laporan baru", stage="", year=2026, due_on=date(2026, 6, 1))
        s.add_all([older, newer])
        s.flush()
        for schedule, value, at in ((older, "300", 2025), (newer, "1.250", 2026)):
            report = ProgressReport(innovation_id=shown, schedule_id=schedule.id, done="ok",
                                    submitted_at=datetime(at, 6, 1, tzinfo=UTC))  # fmt: skip
            s.add(report)
            s.flush()
            s.add(ReportFigure(report_id=report.id, label="Warga terlayani", value=value,
                               unit="orang"))  # fmt: skip
        s.add(InnovationProposal(proposal_id=800000 + shown % 90000, innovation_id=shown,
                                 call_name="KIPP 2026", decision="finalist"))  # fmt: skip
    page = client.application.test_client().get(f"/katalog/{shown}").get_data(as_text=True)
    assert "1.250" in page
    assert ">300<" not in page  # only the latest report's
    assert "Finalis KIPP 2026" in page
    assert "Dari laporan kemajuan 1 Juni 2026." in page
