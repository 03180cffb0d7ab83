"""The evaluator's score sheet writes each aspect's weight as a percentage in the reader's
language: "Bobot 25 %" in Indonesian, "Weight 25%" in English (never "Bobot 0.25")."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from tests.support.pages import sign_in
from tests.support.review import admit


def test_weights_are_percentages_and_scores_use_the_language_s_separator(
    client: FlaskClient, emails: dict[int, str]
) -> None:
    assignments, _ = admit(emails)
    mine = assignments[0]
    sign_in(client, emails[mine.evaluator_id])
    path = f"/review/assignments/{mine.id}"
    indonesian = client.get(path, headers={"Accept-Language": "id"}).get_data(as_text=True)
    weights = re.findall(r"Bobot (\d+(?:,\d+)?)\u00a0%", indonesian)
    assert weights, "each aspect shows its weight as a percentage"
    assert not re.search(r"Bobot 0\.\d", indonesian)
    english = client.get(path, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert re.findall(r"Weight (\d+(?:\.\d+)?)%", english) == [w.replace(",", ".") for w in weights]
