"""What each kind of document prints, built from event payloads and stored facts. Pure.

Each builder returns the document's *source data*: JSON primitives only, embedded in the PDF as
`sumber.json` and hashed to decide whether a document changed. Dates and numbers are already
written in Indonesian (shared/formats.py); fixed words and codes (a decision, a panel role) are
left to the templates, which word them from the catalogue in both languages (wording.py).
Evaluators stay out of every document an innovator may read, and the blind dossier leaves out
(and masks in the text) the names of the innovator, the team and the agency.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from services.documents.formatting import local_time, tanggal_indonesia
from services.documents.words import tanggal_terbilang
from shared import formats
from shared.blind import Masker, identity_names, masker
from shared.events import (
    DecisionMade,
    Person,
    ProposalSnapshot,
    ReviewAssigned,
    ReviewSubmitted,
)
from shared.formats import number, percent

LANGUAGE = "id"  # official documents are written in Indonesian

DEFAULT_CALL = "Kompetisi Inovasi Daerah"
TITLES = {
    "proposal_dossier": "Berkas Proposal Inovasi Daerah",
    "proposal_dossier_blind": "Berkas Proposal Inovasi Daerah (Anonim)",
    "surat_tugas": "Surat Tugas",
    "lembar_penilaian": "Lembar Penilaian",
    "rekap": "Rekapitulasi Nilai",
    "berita_acara": "Berita Acara Hasil Penilaian",
    "sertifikat": "Sertifikat Penghargaan",
    "sertifikat_batch": "Sertifikat Penghargaan (Kumpulan)",
    "pengumuman": "Pengumuman Hasil",
    "monev": "Laporan Monitoring dan Evaluasi",
    "berita_acara_tahap": "Berita Acara Tahapan Inovasi",
    "iid_rekap": "Rekapitulasi Indeks Inovasi Daerah",
}
TEMPLATES = {
    "proposal_dossier": "dossier.html",
    "proposal_dossier_blind": "dossier.html",
    "surat_tugas": "surat_tugas.html",
    "lembar_penilaian": "lembar_penilaian.html",
    "rekap": "rekap.html",
    "berita_acara": "berita_acara.html",
    "pengumuman": "pengumuman.html",
    "monev": "monev.html",
    "berita_acara_tahap": "berita_acara_tahap.html",
    "iid_rekap": "iid_rekap.html",
    "sertifikat": "sertifikat.html",
    "sertifikat_batch": "sertifikat.html",
}
_BLANK_LINES = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """Split user text on blank lines; single line breaks stay (the template keeps them)."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p.strip() for p in _BLANK_LINES.split(normalised) if p.strip()]


def when(moment: datetime) -> str:
    """`7 Desember 2020, 14.30 WIB`, as shared/formats.py writes a moment in Indonesian."""
    return formats.moment(moment, LANGUAGE)


def place_date(city: str, moment: datetime | date) -> str:
    day = local_time(moment).date() if isinstance(moment, datetime) else moment
    return f"{city}, {tanggal_indonesia(day, weekday=False)}"


def blind_masker(event: ProposalSnapshot | ReviewAssigned) -> Masker:
    """Masks who wrote the proposal (innovator, team, agency): the one rule of shared.blind."""
    team = [p.name for p in event.team] if isinstance(event, ProposalSnapshot) else event.team_names
    return masker(identity_names(event.innovator.name, team, event.opd_name, event.opd_code))


def dossier(
    event: ProposalSnapshot, call: Mapping[str, Any] | None, *, blind: bool
) -> dict[str, Any]:
    """Every field of the submitted version; `blind` masks who wrote it."""
    clean = blind_masker(event).text if blind else str

    return {
        "blind": blind,
        "proposal_id": event.proposal_id,
        "version_no": event.version_no,
        "call_name": (call or {}).get("call_name", ""),
        "title": clean(event.title),
        "opd_name": "" if blind else event.opd_name,
        "innovator_name": "" if blind else event.innovator.name,
        "team": [] if blind else [p.name for p in event.team],
        "category": event.category or "",
        "group": event.group or "",
        "urusan": list(event.urusan),
        "sdgs": [str(goal) for goal in event.sdgs],
        "submitted": when(event.submitted_at),
        "summary": paragraphs(clean(event.summary)),
        "sections": [
            {"key": s.key, "title": clean(s.title), "paragraphs": paragraphs(clean(s.text))}
            for s in event.sections
        ],
        "attachments": [blind_masker(event).filename(a) if blind else a for a in event.attachments],
    }


def call_named(call: Mapping[str, Any] | None, default_year: int) -> dict[str, Any]:
    """The call's name and year as the documents write them, "<name> Tahun <year>": a name that
    already ends with its year ("Kompetisi Inovasi Daerah 2026") loses it, never doubled."""
    found = call or {}
    year = found.get("year") or default_year
    return {"call_name": without_year(found.get("call_name") or DEFAULT_CALL, year), "year": year}


def without_year(call_name: str, year: object) -> str:
    name, suffix = call_name.strip(), str(year)
    if suffix and name.endswith(suffix):
        name = name[: -len(suffix)].rstrip(" -–,(")
    return name or call_name


def surat_tugas(
    call: Mapping[str, Any] | None,
    evaluator_name: str,
    assignments: Sequence[Mapping[str, Any]],
    city: str,
    issued: datetime,
) -> dict[str, Any]:
    """The evaluator's letter of assignment: every proposal assigned in the call so far."""
    return {
        **call_named(call, local_time(issued).year),
        "evaluator_name": evaluator_name,
        "assignments": [
            {
                "proposal_id": a["proposal_id"],
                "version_no": a["version_no"],
                "title": a["title"],
                "due": tanggal_indonesia(local_time(a["due_at"])) if a.get("due_at") else "–",
            }
            for a in assignments
        ],
        "place_date": place_date(city, issued),
    }


def _num(value: float) -> str:
    return number(value, LANGUAGE, 2)


def lembar_penilaian(event: ReviewSubmitted, city: str) -> dict[str, Any]:
    """Aspects, weights, scores, weighted scores (weight × score), comments and the total."""
    aspects = [
        {
            "title": s.title,
            "weight": percent(s.weight, LANGUAGE),
            "score": _num(s.score),
            "weighted": _num(s.weight * s.score),
            "comment": s.comment,
        }
        for s in event.scores
    ]
    return {
        "review_id": event.review_id,
        "proposal_id": event.proposal_id,
        "version_no": event.version_no,
        "title": event.title,
        "evaluator_name": event.evaluator.name,
        "scale_min": event.scale_min,
        "scale_max": event.scale_max,
        "aspects": aspects,
        "weight_total": percent(sum(s.weight for s in event.scores), LANGUAGE),
        "total": _num(event.total),
        "submitted": when(event.submitted_at),
        "place_date": place_date(city, event.submitted_at),
    }


def berita_acara(
    call: Mapping[str, Any] | None,
    recap: Mapping[str, Any],
    *,
    held_on: date,
    place: str,
    panel: Sequence[Mapping[str, str]],
    city: str,
) -> dict[str, Any]:
    """The minutes: date and place in words, the panel, the ranked results."""
    results = [
        {
            "rank": row["rank"],
            "category": category["name"],
            "proposal_id": row["proposal_id"],
            "title": row["title"],
            "score": _num(row["calibrated"]),
        }
        for category in recap["categories"]
        for row in category["rows"]
        if row["rank"] is not None
    ]
    return {
        **call_named(call, held_on.year),
        "date_words": tanggal_terbilang(held_on),
        "held_on": held_on.isoformat(),  # for the English gloss of the date
        "place": place,
        "panel": [{"name": p["name"], "role": p["role"]} for p in panel],
        "proposal_count": sum(len(c["rows"]) for c in recap["categories"]),
        "results": results,
        "place_date": place_date(city, held_on),
    }


def certificate(event: DecisionMade, call: Mapping[str, Any] | None, city: str) -> dict[str, Any]:
    """One certificate's entry (the batch lists several)."""
    return {
        "proposal_id": event.proposal_id,
        "version_no": event.version_no,
        "innovator_name": event.innovator.name,
        "opd_name": event.opd_name,
        "title": event.title,
        "decision": event.decision,  # worded by the template (pdf.decision.<code>)
        **call_named(call, local_time(event.decided_at).year),
        "place_date": place_date(city, event.decided_at),
        "number": None,  # the batch fills in each certificate's own number and code
        "code": None,
    }


def member_certificate(
    event: DecisionMade, member: Person, call: Mapping[str, Any] | None, city: str
) -> dict[str, Any]:
    """The certificate of one member of the proposal's team (the innovator's is `certificate`):
    it names the member, the team's innovation, agency and decision."""
    return {**certificate(event, call, city), "member_id": member.id, "member_name": member.name}
