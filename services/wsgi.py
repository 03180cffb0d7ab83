"""The WSGI entry point: `gunicorn services.wsgi:app`, serving `SIPINDA_SERVICE` (default all)."""

import os

from services.registry import create_web_app

app = create_web_app(os.environ.get("SIPINDA_SERVICE", "all"))
