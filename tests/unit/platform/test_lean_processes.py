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


WORKER_IMPORTS = """
import json, sys
sys.argv = ["celery", "-A", "services.platform.worker:app", "worker", "-Q", QUEUES, "-c", "1"]
from services.platform.worker import app
app.loader.import_default_modules()
heavy = ("weasyprint", "scipy", "flask")
print(json.dumps({"heavy": sorted(m for m in heavy if m in sys.modules),
                  "tasks": sorted(n for n in app.tasks if not n.startswith("celery."))}))
"""


def worker_imports(queues: str) -> dict[str, list[str]]:
    code = WORKER_IMPORTS.replace("QUEUES", repr(queues))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded: dict[str, list[str]] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_a_worker_imports_only_the_tasks_of_the_queues_it_consumes() -> None:
    """The documents worker holds no SciPy (review's solver), the light one no WeasyPrint, and
    the light one confirms every producer's deliveries (issue 25, goal 4)."""
    documents = worker_imports("documents")
    assert "scipy" not in documents["heavy"]
    assert "documents.handle_event" in documents["tasks"]
    assert not any(t.startswith(("review.", "notifications.")) for t in documents["tasks"])
    light = worker_imports(next(w.queues for w in WORKERS if w.name == "main"))
    assert "weasyprint" not in light["heavy"]
    assert "documents.handle_event" not in light["tasks"]
    producers = ("identity", "submission", "review", "documents", "notifications", "innovations")
    assert {f"{p}.confirm_delivery" for p in producers} <= set(light["tasks"])
    assert {"review.handle_event", "notifications.deliver_due"} <= set(light["tasks"])
