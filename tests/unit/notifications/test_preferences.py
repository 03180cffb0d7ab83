"""Preferences: an optional notice turned off and on again, a mandatory one never off, an
unknown kind refused."""

from __future__ import annotations

import pytest

from services.notifications import preferences
from services.notifications.errors import MandatoryNotice, UnknownKind
from shared.db import Database


def test_an_optional_notice_is_turned_off_and_on_again(database: Database) -> None:
    with database.session() as s:
        assert preferences.preferences(s, 5)["dossier_ready"] is True
        preferences.set_preference(s, 5, "dossier_ready", False)
        preferences.set_preference(s, 5, "dossier_ready", False)  # twice: still one opt-out
    with database.session() as s:
        assert preferences.preferences(s, 5)["dossier_ready"] is False
        assert preferences.preferences(s, 6)["dossier_ready"] is True
        preferences.set_preference(s, 5, "dossier_ready", True)
    with database.session() as s:
        assert preferences.preferences(s, 5)["dossier_ready"] is True


def test_a_mandatory_notice_stays_on_and_an_unknown_kind_is_refused(database: Database) -> None:
    with database.session() as s:
        with pytest.raises(MandatoryNotice) as mandatory:
            preferences.set_preference(s, 5, "decision_made", False)
        assert mandatory.value.kind == "decision_made"
        preferences.set_preference(s, 5, "decision_made", True)  # on already: nothing to do
        with pytest.raises(UnknownKind) as unknown:
            preferences.set_preference(s, 5, "telepathy", False)
        assert unknown.value.kind == "telepathy"
        assert preferences.preferences(s, 5)["decision_made"] is True
