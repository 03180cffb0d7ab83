"""The read model of identity every service keeps, and the revocation rule request
authentication applies with it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import MetaData
from sqlalchemy.orm import Session

from shared import directory
from shared.db import Database
from shared.directory import Account
from shared.events import AccountChanged, AgencyChanged, Envelope
from shared.web.auth import Claims, CurrentUser, signed_in

AT = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)
ACCOUNT = Account(7, "i@sipinda.test", "Inovator", "innovator", "dinkes", "id", True, 2)
CLAIMS = Claims.of_account(ACCOUNT, sid="s-1")


def test_no_row_yet_the_signed_claims_stand() -> None:
    assert signed_in(CLAIMS, None) == CurrentUser(
        7, "i@sipinda.test", "Inovator", "innovator", "dinkes", "id"
    )


def test_an_inactive_account_signs_nobody_in() -> None:
    assert signed_in(CLAIMS, Account(**{**ACCOUNT.__dict__, "active": False})) is None


def test_another_epoch_signs_nobody_in() -> None:
    assert signed_in(CLAIMS, Account(**{**ACCOUNT.__dict__, "session_epoch": 3})) is None


def test_another_role_signs_nobody_in() -> None:
    assert signed_in(CLAIMS, Account(**{**ACCOUNT.__dict__, "role": "admin"})) is None


def test_another_agency_signs_nobody_in() -> None:
    assert signed_in(CLAIMS, Account(**{**ACCOUNT.__dict__, "opd_code": "bappeda"})) is None


def test_a_new_name_or_language_is_taken_from_the_row() -> None:
    fresher = Account(**{**ACCOUNT.__dict__, "name": "Ina", "language": "en"})
    user = signed_in(CLAIMS, fresher)
    assert user is not None
    assert (user.name, user.language, user.role) == ("Ina", "en", "innovator")


def test_claims_survive_their_wire_form_and_refuse_a_missing_field() -> None:
    assert Claims.of(CLAIMS.to_wire()) == CLAIMS
    assert Claims.of({k: v for k, v in CLAIMS.to_wire().items() if k != "ep"}) is None
    assert Claims.of({**CLAIMS.to_wire(), "uid": "7"}) is None
    assert Claims.of("not a dict") is None


@pytest.fixture
def tables(tmp_path) -> tuple[Database, directory.DirectoryTables]:  # type: ignore[no-untyped-def]
    metadata = MetaData()
    tables = directory.directory_tables(metadata, "svc")
    db = Database("svc", f"sqlite:///{tmp_path / 'svc.db'}")
    metadata.create_all(db.engine)
    return db, tables


def _account(**changes: object) -> AccountChanged:
    base = {"id": 7, "email": "i@sipinda.test", "full_name": "Inovator", "role": "innovator",
            "opd_code": "dinkes", "language": "id", "active": True, "session_epoch": 0}  # fmt: skip
    return AccountChanged.model_validate({**base, **changes})


def _handle(session: Session, handlers, event, at: datetime) -> None:  # type: ignore[no-untyped-def]
    envelope = Envelope.wrap(event, producer="identity").model_copy(update={"occurred_at": at})
    handlers[type(event)](session, event, envelope)


def test_events_fill_the_read_model_and_a_late_older_one_changes_nothing(tables) -> None:  # type: ignore[no-untyped-def]
    db, t = tables
    handlers = directory.handlers(t)
    with db.session() as s:
        _handle(s, handlers, _account(), AT)
        _handle(s, handlers, _account(role="admin", active=False), AT + timedelta(seconds=5))
        _handle(s, handlers, _account(role="verifier"), AT + timedelta(seconds=1))
    with db.session() as s:
        held = directory.account(s, t, 7)
        assert held is not None
        assert (held.role, held.active) == ("admin", False)
        assert directory.account_by_email(s, t, " I@sipinda.test ") == held
        assert directory.accounts_with_role(s, t, "admin") == []
        assert directory.accounts_with_role(s, t, "admin", active=False) == [held]
        assert directory.people(s, t, [7, 8]) == {7: held}
    lookup = directory.account_lookup(lambda: db, "svc")
    assert lookup(7) == held
    assert lookup(8) is None
    db.dispose()


def test_agencies_make_a_tree_and_a_hook_sees_each_new_state(tables) -> None:  # type: ignore[no-untyped-def]
    db, t = tables
    seen: list[str] = []
    handlers = directory.handlers(t, on_agency=lambda s, e: seen.append(e.code))
    kec = AgencyChanged(code="kec-cibeber", agency_name="Kecamatan Cibeber", kind="kecamatan")
    kel = AgencyChanged(code="kel-cibeber", agency_name="Kelurahan Cibeber", kind="kelurahan",
                        parent_code="kec-cibeber")  # fmt: skip
    with db.session() as s:
        _handle(s, handlers, kel, AT)  # a child before its parent: no foreign key to trip
        _handle(s, handlers, kec, AT)
        _handle(s, handlers, kec, AT - timedelta(days=1))  # older: not held, no hook
    with db.session() as s:
        assert directory.agency_parents(s, t) == {"kec-cibeber": None, "kel-cibeber": "kec-cibeber"}
        assert [a.code for a in directory.agencies(s, t)] == ["kec-cibeber", "kel-cibeber"]
        assert directory.agency_names(s, t)["kel-cibeber"] == "Kelurahan Cibeber"
        found = directory.agency(s, t, "kel-cibeber")
        assert found is not None
        assert found.parent_code == "kec-cibeber"
        assert directory.related("kel-cibeber", "kec-cibeber", directory.agency_parents(s, t))
    assert seen == ["kel-cibeber", "kec-cibeber"]
    db.dispose()
