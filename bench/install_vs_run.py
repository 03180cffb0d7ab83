"""`make run` on a fresh clone against `pip install` of its runtime dependencies alone, measured
in one run: first a fresh venv gets `pyproject.toml`'s `dependencies` (the baseline), then a
fresh `git clone` of this checkout runs `make run` until its first page answers. Goal: the
second takes at most 1.3× the first. Both use pip's cache as it is (warm on a dev machine).

    .venv/bin/python -m bench.install_vs_run
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.stopping import interrupt
from services.platform.processes import free_port

ROOT = Path(__file__).resolve().parent.parent
GOAL_RATIO = 1.3


def runtime_dependencies(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    """The requirement strings `make run` installs: `[project] dependencies`, no extras."""
    with pyproject.open("rb") as f:
        deps: list[str] = tomllib.load(f)["project"]["dependencies"]
    return deps


@dataclass(frozen=True)
class InstallVsRun:
    pip_seconds: float
    make_run_seconds: float

    @property
    def ratio(self) -> float:
        return self.make_run_seconds / self.pip_seconds

    def lines(self) -> list[str]:
        met = "met" if self.ratio <= GOAL_RATIO else "not met"
        return [
            f"pip install of the runtime dependencies, fresh venv: {self.pip_seconds:6.1f} s",
            f"make run on a fresh clone until the first page:     {self.make_run_seconds:6.1f} s",
            f"ratio {self.ratio:.2f} (goal ≤ {GOAL_RATIO}: {met})",
        ]


def time_pip_install(scratch: Path) -> float:
    venv = scratch / "baseline-venv"
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip"]
    subprocess.run([*pip, "install", "--quiet", *runtime_dependencies()], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    return time.monotonic() - started


BANNER = "SIPINDA berjalan"  # printed once seeded and the web answers: the demo logins work


def first_page(port: int, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    """Until the banner is printed and the first page answers (the web starts while the seed
    runs: an answer alone could come before the demo logins exist)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"make run exited with {process.returncode}")
        if BANNER in log.read_text(encoding="utf-8", errors="replace"):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):
                    return
            except OSError:
                pass
        time.sleep(0.25)
    raise RuntimeError(f"no banner and first page within {timeout:.0f} s")


def time_make_run(scratch: Path, source: Path = ROOT, timeout: float = 900.0) -> float:
    """Seconds from `git clone` to the first page of `make run`; stops the clone's processes."""
    clone = scratch / "clone"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "REDIS_URL", "SMTP_URL"}}
    env.update(PORT=str(port), SIPINDA_VAR_DIR=str(clone / "var"))
    started = time.monotonic()
    subprocess.run(["git", "clone", "--quiet", str(source), str(clone)], check=True)
    log_path = scratch / "make-run.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(["make", "run"], cwd=clone, env=env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
        try:
            first_page(port, process, log_path, timeout)
            return time.monotonic() - started
        finally:
            interrupt(process)


def measure() -> InstallVsRun:
    with tempfile.TemporaryDirectory(prefix="sipinda-install-") as scratch:
        pip_seconds = time_pip_install(Path(scratch))
        return InstallVsRun(pip_seconds, time_make_run(Path(scratch)))


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    print("\n".join(measure().lines()))


if __name__ == "__main__":
    main()
