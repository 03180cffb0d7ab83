"""The submission service's web app (its pages and its API; the platform adds identity's)."""

from __future__ import annotations

from flask import Flask

from services.submission import content, http
from services.submission.api import bp as api_bp
from services.submission.api import calls_bp
from services.submission.charts import bp as charts_bp
from services.submission.errors import SubmissionError
from services.submission.pages import bp as pages_bp
from services.submission.summary import bp as summary_bp
from shared import runtime, storage
from shared.config import Settings
from shared.web.app import add_health_check, create_base_app


def register(app: Flask) -> None:
    # Every domain refusal of the service becomes its HTTP answer here, once.
    app.register_error_handler(SubmissionError, http.respond)
    app.jinja_env.globals["char_limit"] = content.char_limit  # the form shows the server's limit
    app.register_blueprint(api_bp)
    app.register_blueprint(charts_bp)
    app.register_blueprint(summary_bp)
    app.register_blueprint(calls_bp)
    app.register_blueprint(pages_bp)
    add_health_check(app, "submission_db", runtime.database("submission").ping)
    add_health_check(app, "storage", storage.probe(runtime.settings().storage_url))


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or runtime.settings()
    app = create_base_app("submission", settings)
    register(app)
    return app
