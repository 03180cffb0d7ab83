"""The account form's rules and the list's filters (pure): what the admin typed is checked field
by field, and a query string never filters by something unknown."""

from __future__ import annotations

import pytest

from services.identity.admin import AccountForm, Filters, form_problems

AGENCIES = {"dinkes", "bappedalitbang"}


def form(**fields: str) -> AccountForm:
    typed = {"name": "Siti Rahma", "email": "siti@cilegon.go.id", "role": "innovator",
             "opd_code": "dinkes", "language": "id", **fields}  # fmt: skip
    return AccountForm.of(typed)


def test_a_complete_form_has_no_problem() -> None:
    assert form_problems(form(), AGENCIES, new=True) == {}
    assert form_problems(form(role="verifier", opd_code=""), AGENCIES, new=True) == {}


@pytest.mark.parametrize(
    ("fields", "problems"),
    [
        ({"name": "  "}, {"name": "accounts.error.name_required"}),
        ({"name": "x" * 201}, {"name": "accounts.error.name_too_long"}),
        ({"email": ""}, {"email": "accounts.error.email_required"}),
        ({"email": "siti@"}, {"email": "accounts.error.email_invalid"}),
        ({"email": "siti rahma@x.id"}, {"email": "accounts.error.email_invalid"}),
        ({"role": ""}, {"role": "accounts.error.role_required"}),
        ({"role": "root"}, {"role": "accounts.error.role_unknown"}),
        ({"opd_code": ""}, {"opd_code": "accounts.error.agency_required"}),
        ({"role": "operator", "opd_code": ""}, {"opd_code": "accounts.error.agency_required"}),
        ({"opd_code": "entah"}, {"opd_code": "accounts.error.agency_unknown"}),
        ({"language": "fr"}, {"language": "accounts.error.language"}),
        (
            {"name": "", "email": "x", "role": ""},
            {
                "name": "accounts.error.name_required",
                "email": "accounts.error.email_invalid",
                "role": "accounts.error.role_required",
            },
        ),
    ],
)
def test_each_problem_is_named_beside_its_field(
    fields: dict[str, str], problems: dict[str, str]
) -> None:
    assert form_problems(form(**fields), AGENCIES, new=True) == problems


def test_the_email_of_an_existing_account_is_not_checked_again() -> None:
    assert form_problems(form(email=""), AGENCIES, new=False) == {}


def test_what_was_typed_is_kept_trimmed() -> None:
    typed = AccountForm.of({"name": "  Budi  ", "email": " b@x.id ", "role": "admin"})
    assert (typed.name, typed.email, typed.role, typed.opd_code, typed.language) == (
        "Budi", "b@x.id", "admin", "", "id",
    )  # fmt: skip


def test_the_filters_ignore_what_they_do_not_know() -> None:
    assert Filters.of({"q": "  siti   rahma ", "role": "evaluator", "status": "inactive"}) == (
        Filters("siti rahma", "evaluator", "inactive")
    )
    assert Filters.of({"role": "root", "status": "deleted"}) == Filters()
    assert len(Filters.of({"q": "x" * 500}).q) == 100
