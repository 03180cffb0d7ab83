"""The API abuse tests run on a SIPINDA of their own: what the fuzzer and the matrix change (calls,
evaluators, revoked documents, notices marked read) never reaches other tests' data."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from flask import Flask

from shared import runtime
from tests.support import prepared
from tests.support.environment import sipinda_environment


@pytest.fixture(scope="package")
def app(sipinda_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    from services.platform.web import create_web_app

    saved = dict(os.environ)
    with sipinda_environment(tmp_path_factory.mktemp("abuse")) as environment:
        os.environ.update(environment.vars)
        runtime.reset()
        try:
            prepared.prepare(os.environ)  # migrated and seeded
            flask_app = create_web_app("all")
            flask_app.config["TESTING"] = True
            yield flask_app
        finally:
            runtime.reset()  # its engines closed before its databases are dropped
            os.environ.clear()
            os.environ.update(saved)
