"""Issue 20 on paper: the text layer of every kind of PDF, read back with pypdf, has no raw
message key, snake_case code or template syntax; each fixed word is there in Indonesian with its
English gloss (a reader of either language meets no word they cannot read); every other word is
what a person wrote, the deployment's letterhead, or a date; weights are percentages and scores
have the Indonesian decimal comma. The templates themselves hold no word outside the catalogue."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.dates import get_day_names, get_month_names
from babel.messages.pofile import read_po

from services.documents import calls, codes, installation, letterhead
from services.documents.models import SettingsVersion
from services.documents.rendering import TEMPLATES
from shared.db import Database
from tests.support.documents import (
    ASSIGNED_AT,
    BASE_URL,
    EVALUATORS,
    KINDS,
    Issued,
    assign_now,
    flat_text,
    make_assigned,
    make_call,
    make_press,
    reader,
    source_of,
)
from tests.support.labels import EMAIL_OR_URL, raw_words

CATALOGUE = Path(__file__).resolve().parents[3] / "services/documents/translations"
LETTER = ("pdf.number", "pdf.verify.number", "pdf.verify.code", "pdf.verify.how")
# The fixed words each kind must show, in both languages (besides its own title).
SHOWN = {
    "proposal_dossier": (
        "pdf.proposal_number", "pdf.version", "pdf.agency", "pdf.innovator", "pdf.category",
        "pdf.submitted_on", "pdf.dossier.toc", "pdf.dossier.identity", "pdf.dossier.summary",
        "pdf.dossier.attachments", "pdf.dossier.innovation_title", "pdf.team", "pdf.group",
        "pdf.urusan", "pdf.verify.number", "pdf.verify.code", "pdf.verify.how",
    ),
    "proposal_dossier_blind": (
        "pdf.proposal_number", "pdf.version", "pdf.dossier.blind_note", "pdf.dossier.toc",
        "pdf.verify.number",
    ),
    "surat_tugas": (
        *LETTER, "pdf.letter.basis", "pdf.letter.assigns", "pdf.letter.to", "pdf.letter.as",
        "pdf.letter.purpose", "pdf.letter.purpose_text", "pdf.proposal_title",
        "pdf.col.deadline", "pdf.letter.closing",
    ),  # "NIP." is printed in Indonesian alone, as the civil service writes it (not glossed)
    "lembar_penilaian": (
        *LETTER, "pdf.proposal_title", "pdf.evaluator", "pdf.sheet.scale", "pdf.sheet.date",
        "pdf.col.aspect", "pdf.col.weight", "pdf.col.score", "pdf.col.weighted",
        "pdf.col.comment", "pdf.col.sum",
    ),
    "rekap": (
        *LETTER, "pdf.year", "pdf.recap.note", "pdf.category", "pdf.col.rank",
        "pdf.col.proposal", "pdf.col.mean", "pdf.col.calibrated",
    ),
    "berita_acara": (
        *LETTER, "pdf.minutes.panel_role", "pdf.col.name", "pdf.col.rank", "pdf.col.total_score",
        "pdf.minutes.closing", "pdf.minutes.panel", "pdf.minutes.acknowledged",
        "pdf.panel.chair", "pdf.panel.member",
    ),
    "sertifikat": (
        "pdf.number", "pdf.cert.given_to", "pdf.cert.for_innovation", "pdf.decision.winner",
    ),
    "sertifikat_batch": (
        "pdf.cert.title", "pdf.cert.given_to", "pdf.decision.winner", "pdf.cert.batch",
        "pdf.cert.code",
    ),
    "monev": (
        *LETTER, "pdf.monev.opening", "pdf.monev.innovation", "pdf.agency", "pdf.monev.stage",
        "pdf.stage.uji_coba", "pdf.monev.visited_on", "pdf.monev.place", "pdf.monev.team",
        "pdf.monev.findings", "pdf.monev.recommendations", "pdf.monev.follow_up",
        "pdf.monev.photos", "pdf.monev.signed_by", "pdf.panel.chair", "pdf.panel.member",
        "pdf.minutes.acknowledged",
    ),
    "berita_acara_tahap": (
        *LETTER, "pdf.stage_minutes.title.uji_coba", "pdf.stage_minutes.opening",
        "pdf.monev.innovation", "pdf.agency", "pdf.stage_minutes.previous", "pdf.stage.inisiatif",
        "pdf.stage_minutes.stage", "pdf.stage.uji_coba", "pdf.stage_minutes.since",
        "pdf.stage_minutes.recorded_by", "pdf.stage_minutes.signed_copy", "pdf.team",
        "pdf.stage_minutes.closing",
    ),
    "iid_rekap": (
        *LETTER, "pdf.iid.title", "pdf.iid.opening", "pdf.iid.index", "pdf.iid.predikat",
        "pdf.iid.spd", "pdf.iid.sid", "pdf.iid.n", "pdf.iid.divisor", "pdf.iid.count_score",
        "pdf.iid.max_total", "pdf.iid.formula", "pdf.iid.spd_title", "pdf.col.no",
        "pdf.iid.col.indicator", "pdf.iid.col.parameter", "pdf.col.score", "pdf.iid.col.status",
        "pdf.iid.status.accepted", "pdf.iid.status.submitted", "pdf.iid.status.none",
        "pdf.iid.sid_title", "pdf.monev.innovation", "pdf.agency", "pdf.iid.col.sid",
        "pdf.iid.missing_title", "pdf.iid.missing_lead", "pdf.iid.col.missing_for",
        "pdf.iid.col.gain", "pdf.iid.missing.region", "pdf.iid.missing.innovations",
        "pdf.iid.closing",
    ),
}  # fmt: skip
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
WORD = re.compile(r"[^\W\d_]+")
# Not from the catalogue, and read alike in both languages: the system's name, "v" of "41/v2".
SYMBOLS = {"sipinda", "v"}


def catalogue(language: str) -> dict[str, str]:
    with (CATALOGUE / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if str(m.id).startswith("pdf.")}


ID, EN = catalogue("id"), catalogue("en")


def fragments(text: str) -> list[str]:
    """The fixed parts of a catalogue text, between its placeholders, white space collapsed."""
    return [" ".join(part.split()) for part in PLACEHOLDER.split(text) if part.strip()]


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


def allowed_words(doc: Issued) -> set[str]:
    """The catalogue's words in both languages, what a person or the deployment wrote (the
    document's source data and letterhead), its number and verification URL, and the names of
    months and days (dates are written by Babel)."""
    allowed = set(SYMBOLS)
    for text in [*ID.values(), *EN.values()]:
        allowed |= words(PLACEHOLDER.sub(" ", text))
    # (a long verification URL wraps, and half of it is no longer a URL to leave out)
    url = codes.verify_url(BASE_URL, doc.code)
    for text in [*strings(source_of(doc.pdf)), *strings(make_press().deploy), doc.number, url]:
        allowed |= words(text)
    for language in ("id", "en"):
        allowed |= words(" ".join(get_month_names(locale=language).values()))
        allowed |= words(" ".join(get_day_names(locale=language).values()))
    return allowed


LINE_END_HYPHEN = re.compile(r"(\w)- (\w)")


def text_layer(doc: Issued) -> str:
    """The flat text without URLs, e-mail addresses and file names; a word broken at its
    hyphen at the end of a line ("PDF-" / "nya") read whole again."""
    return LINE_END_HYPHEN.sub(r"\1-\2", EMAIL_OR_URL.sub(" ", flat_text(doc.pdf)))


@pytest.mark.parametrize(
    "kind",
    [
        "surat_tugas",
        "lembar_penilaian",
        "berita_acara",
        "rekap",
        "monev",
        "berita_acara_tahap",
        "iid_rekap",
    ],
)
def test_the_signature_and_the_verification_code_share_a_page(
    issued: dict[str, Issued], kind: str
) -> None:
    """Issue 21: the QR block spilled onto an otherwise empty last page, and the minutes split
    their signatures from their heading."""
    doc = issued[kind]
    pages = [" ".join((page.extract_text() or "").split()) for page in reader(doc.pdf).pages]
    with_code = [i for i, text in enumerate(pages) if codes.pretty_code(doc.code) in text]
    signed = [i for i, text in enumerate(pages) if "NIP" in text or "Evaluator" in text]
    assert with_code, kind
    assert with_code[-1] in signed, (kind, with_code, signed)
    if kind == "berita_acara":
        last = pages[with_code[-1]]
        assert "TIM PENILAI" in last
        assert "Mengetahui" in last


def test_a_letter_of_assignment_for_one_proposal_is_one_page(db: Database) -> None:
    """With the settings an installation starts with (the seed's legal bases in "Dasar"), the
    kop's contacts line and a named signatory, one proposal's surat tugas is one page."""
    press = make_press()
    with db.session() as s:
        values = letterhead.seeded(json.loads(installation.SEED.read_text(encoding="utf-8")), {})
        values |= {"phone": "(0254) 391234", "email": "bappedalitbang@cilegon.go.id"}
        values["signatories"]["surat_tugas"] |= {
            "name": "Dr. Ratna Perencana, M.Si.", "nip": "197001011990031001",
        }  # fmt: skip
        s.add(SettingsVersion(values=values, saved_by_name=""))
        s.flush()
        calls.record_call(s, make_call())
        [letter] = assign_now(s, make_assigned(evaluators=EVALUATORS[:1]), press, ASSIGNED_AT)
        pdf = press.storage.get(letter.storage_key)
    text = flat_text(pdf)
    for printed in ("Peraturan Menteri Dalam Negeri Nomor 104 Tahun 2018",
                    "bappedalitbang@cilegon.go.id", "(0254) 391234", "Dr. Ratna Perencana, M.Si.",
                    codes.pretty_code(letter.verification_code or "")):  # fmt: skip
        assert printed in text, printed
    assert letter.pages == 1


@pytest.mark.parametrize("kind", KINDS)
def test_no_template_syntax_raw_key_or_code(issued: dict[str, Issued], kind: str) -> None:
    text = flat_text(issued[kind].pdf)
    assert "{{" not in text, kind
    assert "{%" not in text, kind
    assert not PLACEHOLDER.search(text), kind
    assert raw_words(text) == [], kind


@pytest.mark.parametrize("kind", KINDS)
def test_every_fixed_word_is_there_in_indonesian_and_english(
    issued: dict[str, Issued], kind: str
) -> None:
    text = text_layer(issued[kind]).lower()
    title = "pdf.cert.title" if kind == "sertifikat_batch" else f"pdf.kind.{kind}"
    for key in (title, *SHOWN[kind]):
        for language, texts in (("id", ID), ("en", EN)):
            for fragment in fragments(texts[key]):
                assert fragment.lower() in text, (kind, key, language, fragment)


@pytest.mark.parametrize("kind", KINDS)
def test_every_other_word_is_what_a_person_wrote_or_a_date(
    issued: dict[str, Issued], kind: str
) -> None:
    doc = issued[kind]
    text = text_layer(doc).replace(codes.pretty_code(doc.code), " ")
    assert sorted(words(text) - allowed_words(doc)) == [], kind


def test_weights_are_percentages_and_scores_have_the_decimal_comma(
    issued: dict[str, Issued],
) -> None:
    sheet = flat_text(issued["lembar_penilaian"].pdf)
    for weight, score, weighted in (("25", "8,00", "2,00"), ("35", "7,00", "2,45")):
        assert f"{weight} % {score} {weighted}" in sheet
    assert "100 %" in sheet
    assert "0.25" not in sheet
    assert "0,25" not in sheet
    for kind in ("lembar_penilaian", "rekap", "berita_acara", "iid_rekap"):
        text = text_layer(issued[kind]).replace(issued[kind].number, " ")
        text = re.sub(r"\b\d{1,2}\.\d{2} WIB", " ", text)  # a time: "14.30 WIB"
        assert re.search(r"\b\d+,\d{2}\b", text), kind
        assert not re.search(r"\b\d+\.\d{2}\b", text), kind


def test_the_checks_catch_a_raw_key_a_code_and_a_word_of_neither_catalogue() -> None:
    assert raw_words("Nomor: pdf.minutes.panel, status proposal_dossier") == [
        "pdf.minutes.panel",
        "proposal_dossier",
    ]
    assert raw_words("Unduh di https://x.test/verify/ABC atau foto_1.pdf") == []
    assert "pending" in words("Status pending") - words(" ".join([*ID.values(), *EN.values()]))


def test_the_pdf_templates_hold_no_word_outside_the_catalogue() -> None:
    """What is left of a template without its Jinja code and its HTML tags is punctuation."""
    for template in sorted(TEMPLATES.glob("*.html")):
        source = template.read_text(encoding="utf-8")
        for pattern in (
            r"\{% block body_class %\}.*?\{% endblock %\}",  # a CSS class
            r"\{#.*?#\}",
            r"\{%.*?%\}",
            r"\{\{.*?\}\}",
            r"<style>.*?</style>",
            r"<[^>]*>",
        ):
            source = re.sub(pattern, " ", source, flags=re.DOTALL)
        assert words(source) <= {"v"}, (template.name, sorted(words(source)))
