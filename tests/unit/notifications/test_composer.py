"""Composing notification mail: templates per language, escaping, headers."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage

import pytest

from services.notifications import composer, drafting
from tests.support.notifications import (
    BASE_URL,
    EVALUATORS,
    MAIL_FROM,
    document_ready,
    every_notice,
    review_assigned,
)


def letter_for(rendered: composer.Rendered, language: str = "id") -> composer.Letter:
    return composer.Letter(
        recipient_name="Dr. Budi Santoso",
        recipient_email="budi@univ.example.ac.id",
        language=language,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        message_id=composer.message_id(9, "event-1", "budi@univ.example.ac.id", MAIL_FROM),
        created_at=datetime(2025, 3, 1, 2, 30),  # naive, as SQLite returns it
    )


def assignment_context(event: object, index: int) -> dict[str, object]:
    drafts = drafting.drafts_for(event, BASE_URL)  # type: ignore[arg-type]
    return drafts[index].context


def body(message: EmailMessage, subtype: str) -> str:
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None
    return str(part.get_content())


def test_evaluator_assignment_in_indonesian_names_proposal_agency_and_link() -> None:
    event = review_assigned(*EVALUATORS)
    context = assignment_context(event, 0)

    rendered = composer.render("evaluator_assigned", "id", context)

    assert rendered.subject == f"Penugasan penilaian proposal inovasi: {event.title}"
    assert rendered.text.startswith("Yth. Dr. Budi Santoso,")
    for text in (rendered.text, rendered.html):
        assert event.title in text
        assert "Dinas Kesehatan" in text
        assert f"{BASE_URL}/proposals/42" in text
    assert "konflik kepentingan" in rendered.text
    # the letter of assignment comes later, gathering the sitting's assignments (issue 25)
    assert "Surat tugas resmi yang mencantumkan penugasan ini menyusul" in rendered.text
    assert '<html lang="id">' in rendered.html


def test_evaluator_assignment_in_english_for_an_english_speaking_evaluator() -> None:
    event = review_assigned(*EVALUATORS)
    context = assignment_context(event, 1)

    rendered = composer.render("evaluator_assigned", "en", context)

    assert rendered.subject.startswith("Innovation proposal assigned to you: ")
    assert rendered.text.startswith("Dear Prof. Jane Doe,")
    assert "conflict of interest" in rendered.text
    assert "letter of assignment listing this assignment follows" in rendered.html
    assert '<html lang="en">' in rendered.html


def test_dossier_ready_links_the_download_in_both_languages() -> None:
    event = document_ready()
    context = drafting.drafts_for(event, BASE_URL)[0].context

    indonesian = composer.render("dossier_ready", "id", context)
    english = composer.render("dossier_ready", "en", context)

    assert indonesian.subject == f"Berkas proposal siap: {event.title}"
    assert english.subject == f"Proposal dossier ready: {event.title}"
    for rendered in (indonesian, english):
        assert f"{BASE_URL}/documents/5/download" in rendered.text
        assert f'href="{BASE_URL}/documents/5/download"' in rendered.html


def test_unknown_language_falls_back_to_indonesian() -> None:
    event = review_assigned(*EVALUATORS)
    context = assignment_context(event, 0)

    rendered = composer.render("evaluator_assigned", "fr", context)

    assert rendered.subject.startswith("Penugasan penilaian")


def test_html_escapes_what_users_typed_and_subject_stays_one_line() -> None:
    event = review_assigned(*EVALUATORS, title='<script>alert("x")</script>\nBaris dua')
    context = assignment_context(event, 0)

    rendered = composer.render("evaluator_assigned", "id", context)

    assert "<script>" not in rendered.html
    assert "&lt;script&gt;" in rendered.html
    assert "\n" not in rendered.subject
    assert rendered.subject.endswith("</script> Baris dua")


def test_message_is_multipart_text_and_html_with_fixed_headers() -> None:
    event = review_assigned(*EVALUATORS)
    context = assignment_context(event, 0)
    rendered = composer.render("evaluator_assigned", "id", context)

    message = composer.build_message(letter_for(rendered), MAIL_FROM)

    assert message.get_content_type() == "multipart/alternative"
    assert message["From"] == MAIL_FROM
    (recipient,) = message["To"].addresses
    assert (recipient.display_name, recipient.addr_spec) == (
        "Dr. Budi Santoso",
        "budi@univ.example.ac.id",
    )
    assert message["Subject"] == rendered.subject
    assert message["Date"].datetime == datetime(2025, 3, 1, 2, 30, tzinfo=UTC)
    assert message["Message-ID"].startswith("<notif-9-")
    assert message["Message-ID"].endswith("@sipinda.example.go.id>")
    assert message["Content-Language"] == "id"
    assert body(message, "plain") == rendered.text
    assert body(message, "html") == rendered.html


def test_message_id_is_deterministic_per_notification_and_recipient() -> None:
    first = composer.message_id(9, "event-1", "a@example.org", MAIL_FROM)

    assert first == composer.message_id(9, "event-1", "a@example.org", MAIL_FROM)
    assert first != composer.message_id(9, "event-1", "b@example.org", MAIL_FROM)
    assert first != composer.message_id(9, "event-2", "a@example.org", MAIL_FROM)
    assert composer.message_id(1, "e", "a@example.org", "nobody").endswith("@sipinda.local>")


def test_dates_and_scores_are_written_in_the_recipient_s_language() -> None:
    for language, due, score in (
        ("id", "15 Maret 2025, 17.00 WIB", "Nilai            : 87,50"),
        ("en", "15 March 2025, 17:00 WIB", "Score            : 87.50"),
    ):
        notices = {kind: event for kind, event, _ in every_notice(language)}
        reminder = drafting.drafts_for(notices["review_reminder"], BASE_URL)[0]
        assert reminder.context["due_at"] == due
        assert due in composer.render("review_reminder", language, reminder.context).text
        decided = drafting.drafts_for(notices["decision_made"], BASE_URL)[0]
        assert score in composer.render("decision_made", language, decided.context).text


@pytest.mark.parametrize(
    ("language", "code", "words"),
    [
        ("id", "conflict", "Alasan           : konflik kepentingan"),
        ("en", "conflict", "Reason           : a conflict of interest"),
        ("id", "overdue", "Alasan           : melewati batas waktu"),
        ("en", "withdrawn", "Reason           : the proposal was withdrawn by its innovator"),
        ("en", "something new", "Reason           : something new"),
    ],
)
def test_why_a_review_was_taken_off_its_evaluator_is_said_in_words(
    language: str, code: str, words: str
) -> None:
    notices = {kind: event for kind, event, _ in every_notice(language)}
    event = notices["review_released"].model_copy(update={"reason": code})
    draft = drafting.drafts_for(event, BASE_URL)[0]
    rendered = composer.render("review_released", language, draft.context)
    assert words in rendered.text
    assert words.split(": ", 1)[1] in rendered.html
