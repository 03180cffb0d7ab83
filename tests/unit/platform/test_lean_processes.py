"""The embedded mode's idle memory (issue 25, goal 4): processes load only what they run."""

from __future__ import annotations

import json
import subprocess
import sys

from services.platform.embedded import WORKERS

RELAY_IMPORTS = """
import json, sys
from services.platform.registry import outbox_sources
import services.platform.cli, shared.relay
outbox_sources()
heavy = ("flask", "alembic", "weasyprint", "openpyxl")
print(json.dumps(sorted(m for m in heavy if m in sys.modules)))
"""


def test_the_relay_holds_neither_flask_nor_alembic_nor_weasyprint() -> None:
    done = subprocess.run(
        [sys.executable, "-c", RELAY_IMPORTS], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_renders_run_in_a_solo_worker_their_sandbox_limits() -> None:
    """Each render already runs in its own forked child under a time and memory limit
    (services/documents/sandbox.py): a prefork pool child would only add an idle copy."""
    documents = next(w for w in WORKERS if w.queues == "documents")
    assert (documents.pool, documents.concurrency) == ("solo", 1)
