"""Issue 20 in the mailbox: every kind of mail, rendered in Indonesian and in English as its
recipient reads it, carries no raw message key, snake_case code, template syntax or word of the
other language (the same detectors as the pages' crawl and the PDFs' text)."""

from __future__ import annotations

import html
import re

import pytest

from services.notifications import composer, drafting
from tests.support.labels import findings_in
from tests.support.notifications import BASE_URL, every_notice

TAGS = re.compile(r"<style.*?</style>|<[^>]+>", re.S)


def words_of(markup: str) -> str:
    return html.unescape(TAGS.sub(" ", markup))


def written_by_people(value: object) -> list[str]:
    """Every text the event carries (titles, names, a verifier's fix-list): a person's words, in
    whatever language they wrote them, not the interface's."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in written_by_people(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in written_by_people(v)]
    return []


def interface_words(text: str, theirs: list[str]) -> str:
    for written in sorted(theirs, key=len, reverse=True):
        if len(written) > 3:
            text = text.replace(written, " ")
    return text


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_mail_speaks_its_recipient_s_language(language: str) -> None:
    found: dict[str, list[str]] = {}
    rendered = 0
    for kind, event, _ in every_notice(language):
        theirs = written_by_people(event.model_dump(mode="json"))
        for draft in drafting.drafts_for(event, BASE_URL):
            mail = composer.render(draft.kind.value, language, draft.context)
            rendered += 1
            for part, text in (("subject", mail.subject), ("text", mail.text),
                               ("html", words_of(mail.html))):  # fmt: skip
                problems = findings_in(interface_words(text, theirs), language)
                problems += ["template syntax"] if "{{" in text or "{%" in text else []
                if problems:
                    found[f"{kind}/{draft.kind.value}/{part}"] = problems
    assert rendered >= len(every_notice(language))
    assert found == {}, found
