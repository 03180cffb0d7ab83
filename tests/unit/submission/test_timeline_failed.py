"""`document.failed` on the innovator's timeline: a dossier that could not be made is said in
words, in both languages, for every cause the contract names; never a raw key or the
renderer's own message."""

from __future__ import annotations

from typing import get_args

import pytest

from shared.events import DocumentFailed
from shared.web.i18n import known, translate_in

CAUSES = get_args(DocumentFailed.model_fields["cause"].annotation)


def test_the_contract_names_the_causes() -> None:
    assert set(CAUSES) == {"time_limit", "memory_limit", "input"}


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("cause", CAUSES)
def test_every_cause_of_a_failed_dossier_reads_in_words(language: str, cause: str) -> None:
    key = f"timeline.document.failed.{cause}"
    assert known(key, language)
    text = translate_in(language, key, version=2)
    assert "2" in text
    assert "timeline." not in text
    assert "{" not in text
