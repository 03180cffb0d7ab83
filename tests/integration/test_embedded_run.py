"""`sipinda run` (what `make run` starts): embedded Redis, SMTP sink and SQLite, the whole
pipeline working, and Ctrl-C stopping every process it started."""

from __future__ import annotations

import os
import signal
import subprocess
import uuid
from pathlib import Path

import psutil
import pytest

from tests.support.http import Api
from tests.support.servers import free_port, python_argv, wait_until

pytestmark = pytest.mark.integration
# What a fresh machine's `make run` does not have: the test run's own servers and its secret
# (the embedded mode makes one per installation, which this test checks).
OUTSIDE = (
    "DATABASE_URL",
    "REDIS_URL",
    "SMTP_URL",
    "SIPINDA_REDIS_PREFIX",
    "SIPINDA_ENV",
    "SECRET_KEY",
)


def test_run_serves_the_pipeline_and_ctrl_c_stops_every_process(tmp_path: Path) -> None:
    port = free_port()
    env = {
        k: v for k, v in os.environ.items() if k not in OUTSIDE and not k.endswith("_DATABASE_URL")
    }
    env |= {"SIPINDA_VAR_DIR": str(tmp_path / "var"), "PORT": str(port), "DEMO_PASSWORD": "demo-1"}
    log = (tmp_path / "run.log").open("wb")
    run = subprocess.Popen(python_argv("-m", "services.platform.cli", "run"), env=env, stdout=log,
                           stderr=subprocess.STDOUT)  # fmt: skip
    api = Api(f"http://127.0.0.1:{port}")
    family: list[psutil.Process] = []
    try:
        wait_until(lambda: _up(tmp_path / "run.log"), timeout=90, what="sipinda run's banner")
        family = psutil.Process(run.pid).children(recursive=True)
        assert {"redis", "smtp-sink", "gunicorn", "celery", "relay"} <= _kinds(family)

        innovator = api.login("inovator.kelcibeber@sipinda.test", "demo-1")
        title = f"Bank Sampah Kelurahan {uuid.uuid4().hex[:6]}"
        created = innovator.post("/api/v1/proposals", {"title": title, "summary": "Ringkas."})
        assert innovator.post(f"/api/v1/proposals/{created.json()['id']}/submit").status == 202
        mailbox = tmp_path / "var" / "mailbox"
        wait_until(
            lambda: sum(title in p.read_text() for p in mailbox.glob("*.eml")) == 6,
            timeout=90,
            what="three evaluators' and the innovator's mails in the embedded SMTP sink",
        )
        assert title not in api.get("/dev/mailbox").body.decode()  # nobody signed in: sign-in
        admin = api.login("admin@sipinda.test", "demo-1")
        assert title in admin.get("/dev/mailbox").body.decode()
        # A random secret of this installation signs its sessions, kept under var/.
        secret = (tmp_path / "var" / "secret_key").read_text()
        assert len(secret) >= 32
        assert secret != "sipinda-development-secret-change-me"
    finally:
        run.send_signal(signal.SIGINT)
        code = run.wait(timeout=60)
        log.close()
    assert code == 0, (tmp_path / "run.log").read_text()[-3000:]
    _, alive = psutil.wait_procs(family, timeout=5)
    assert alive == [], f"left running: {[p.cmdline() for p in alive]}"
    printed = (tmp_path / "run.log").read_text()
    assert "stopped" in printed
    # The terminal keeps the banner and the supervisor's words; each child logs to its own file.
    assert '{"event"' not in printed
    assert "event handled" not in printed
    assert (tmp_path / "var" / "logs" / "worker-main.log").stat().st_size > 0


def test_a_restart_keeps_what_the_admin_changed(tmp_path: Path) -> None:
    """`make run` again (a restart) seeds nothing over an admin's edit: an evaluator's load and
    topics, changed between the two runs, are as the admin left them."""
    env = {
        k: v for k, v in os.environ.items() if k not in OUTSIDE and not k.endswith("_DATABASE_URL")
    }
    env |= {"SIPINDA_VAR_DIR": str(tmp_path / "var"), "DEMO_PASSWORD": "demo-1"}
    edited: dict[str, object] = {}
    for attempt in ("first", "again"):
        port = free_port()
        log = (tmp_path / f"run-{attempt}.log").open("wb")
        run = subprocess.Popen(python_argv("-m", "services.platform.cli", "run"),
                               env=env | {"PORT": str(port)}, stdout=log,
                               stderr=subprocess.STDOUT)  # fmt: skip
        api = Api(f"http://127.0.0.1:{port}")
        try:
            wait_until(
                lambda a=attempt: _up(tmp_path / f"run-{a}.log"), timeout=90, what="the banner"
            )
            admin = api.login("admin@sipinda.test", "demo-1")
            registry = admin.get("/api/v1/review/evaluators").json()
            praktisi = next(e for e in registry if e["email"] == "evaluator.praktisi@sipinda.test")
            if attempt == "first":
                edited = {**praktisi, "max_load": 3, "topics": ["Perhubungan"]}
                assert admin.put("/api/v1/review/evaluators", edited).status == 200
            else:
                assert (praktisi["max_load"], praktisi["topics"]) == (3, ["Perhubungan"])
        finally:
            run.send_signal(signal.SIGINT)
            code = run.wait(timeout=60)
            log.close()
        assert code == 0, (tmp_path / f"run-{attempt}.log").read_text()[-3000:]
    assert edited


def _up(log: Path) -> bool:
    """The banner is printed: seeded, and the web answers (it starts while the seed runs, so
    an answer alone does not mean the demo logins exist yet)."""
    return "SIPINDA berjalan" in log.read_text(encoding="utf-8", errors="replace")


def _kinds(processes: list[psutil.Process]) -> set[str]:
    words = " ".join(" ".join(p.cmdline()) for p in processes if p.is_running())
    return {k for k in ("redis", "smtp-sink", "gunicorn", "celery", "relay") if k in words}
