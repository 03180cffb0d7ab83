"""Deactivating an account or changing its role, through identity, takes effect on another
service's own web process within seconds: that service checks the signed claims against its
read table, which `account.changed` (outbox, relay, worker) keeps. Real processes throughout."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest

from services.identity import accounts
from tests.support.deployment import Deployment
from tests.support.http import Api
from tests.support.servers import Process, free_port, python_argv, wait_until

PASSWORD = "kata-sandi-cabut-123"
EVALUATORS = "/api/v1/review/evaluators"  # the admin's: 200 for an admin, 403 or 401 otherwise


@pytest.fixture(scope="module")
def review_web(deployment: Deployment) -> Iterator[Api]:
    """The review service's own web app (no identity in it), beside the deployment's."""
    port = free_port()
    env = {**deployment.env, "SIPINDA_SERVICE": "review", "PORT": str(port)}
    process = Process("web-review", python_argv(
        "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "2",
        "-c", "python:services.platform.gunicorn_conf", "services.platform.wsgi:app",
    ), env, deployment.logs / "web-review.log").start()  # fmt: skip
    api = Api(f"http://127.0.0.1:{port}")

    def ready() -> bool:
        try:
            return api.get("/readyz").status == 200
        except OSError:
            return False

    try:
        wait_until(ready, timeout=60, what="review's own web app")
        yield api
    finally:
        process.stop()


def new_admin(deployment: Deployment) -> str:
    address = f"cabut-{secrets.token_hex(4)}@sipinda.test"
    with deployment.db("identity").session() as s:
        accounts.ensure_user(s, email=address, name="Admin Uji", role="admin",
                             password=PASSWORD, opd_code="bappedalitbang")  # fmt: skip
    return address


def held_by_review(deployment: Deployment, address: str) -> bool:
    from sqlalchemy import select

    from services.review.models import DIRECTORY

    with deployment.db("review").session() as s:
        query = select(DIRECTORY.accounts.c.id).where(DIRECTORY.accounts.c.email == address)
        return s.execute(query).first() is not None


def change(deployment: Deployment, address: str, **changes: object) -> None:
    with deployment.db("identity").session() as s:
        user = accounts.find_user_by_email(s, address)
        assert user is not None
        assert accounts.update_account(s, user, **changes)  # type: ignore[arg-type]


def signed_with(review_web: Api, token: str | None) -> Api:
    return Api(review_web.base_url, token)


@pytest.mark.parametrize(
    ("changes", "refused"),
    [({"active": False}, 401), ({"role": "evaluator"}, 401)],
    ids=["deactivated", "role-changed"],
)
def test_another_service_refuses_the_token_within_seconds(
    deployment: Deployment, review_web: Api, changes: dict[str, object], refused: int
) -> None:
    address = new_admin(deployment)
    wait_until(lambda: held_by_review(deployment, address), timeout=30, what="review's copy")
    portal = deployment.api().login(address, PASSWORD)
    review = signed_with(review_web, portal.token)
    assert review.get(EVALUATORS).status == 200

    change(deployment, address, **changes)

    # Identity's own pages see it at once (its tables); review within seconds (its read table).
    assert portal.get("/api/v1/me").status == 401
    wait_until(lambda: review.get(EVALUATORS).status == refused, timeout=15,
               what=f"review refusing the token once the account is {changes}")  # fmt: skip
    assert review.get("/api/v1/review/assignments").status == 401


def test_a_new_sign_in_after_a_role_change_works_with_the_new_role(
    deployment: Deployment, review_web: Api
) -> None:
    address = new_admin(deployment)
    wait_until(lambda: held_by_review(deployment, address), timeout=30, what="review's copy")
    change(deployment, address, role="evaluator")
    review = signed_with(review_web, deployment.api().login(address, PASSWORD).token)
    # Signed in as the evaluator it now is: not the admin's list, but signed in all the same.
    wait_until(lambda: review.get(EVALUATORS).status == 403, timeout=15, what="the new role")
