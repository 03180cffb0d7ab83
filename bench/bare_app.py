"""The intake benchmark's baseline: a bare Flask + SQLAlchemy app that parses the same JSON body
and inserts one row per request, on the same database URL and the same engine settings as
SIPINDA (`shared.db.Database`), served by gunicorn with the same settings.

    BENCH_DATABASE_URL=sqlite:///… \
        gunicorn -c python:services.platform.gunicorn_conf bench.bare_app:app
"""

from __future__ import annotations

import json
import os

from flask import Flask, Response, jsonify, request
from sqlalchemy import Column, Integer, MetaData, String, Table, Text

from shared.db import Database

BARE = Table(
    "bench_intake", MetaData(), Column("id", Integer, primary_key=True),
    Column("title", String(300)), Column("body", Text),
)  # fmt: skip


def create_table(url: str) -> None:
    """Once, before gunicorn forks its workers (each creating it would race)."""
    db = Database("bench", url)
    BARE.metadata.create_all(db.engine)
    db.dispose()


def create_app(url: str) -> Flask:
    db = Database("bench", url)
    flask_app = Flask(__name__)

    @flask_app.post("/intake")
    def intake() -> tuple[Response, int]:
        payload = request.get_json()
        with db.session() as s:
            result = s.execute(
                BARE.insert().values(title=payload["title"], body=json.dumps(payload))
            )
            new_id = result.inserted_primary_key  # type: ignore[attr-defined]
        return jsonify(id=new_id[0]), 201

    return flask_app


app = create_app(os.environ["BENCH_DATABASE_URL"]) if "BENCH_DATABASE_URL" in os.environ else None
