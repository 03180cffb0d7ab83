"""Unsubscribe links: a token signed here names its user and kind; any other is refused."""

from __future__ import annotations

import pytest

from services.notifications import unsubscribe
from services.notifications.errors import InvalidToken


def test_a_signed_token_names_its_user_and_kind() -> None:
    token = unsubscribe.token("secret-a", 12, "dossier_ready")
    assert unsubscribe.subscriber("secret-a", token) == (12, "dossier_ready")


def test_a_token_signed_elsewhere_or_tampered_is_refused() -> None:
    token = unsubscribe.token("secret-a", 12, "dossier_ready")
    for value in (token[:-1] + ("A" if token[-1] != "A" else "B"), "nonsense"):
        with pytest.raises(InvalidToken):
            unsubscribe.subscriber("secret-a", value)
    with pytest.raises(InvalidToken):
        unsubscribe.subscriber("secret-b", token)
