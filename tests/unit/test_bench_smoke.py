"""The system benchmarks still run end to end, at tiny sizes (figures are not checked: a
benchmark never gates a test run; only that every request succeeded and nothing was lost)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from bench import intake, pipeline, pipeline_counts, report, rig
from tests.support import prepared
from tests.support.deployment import Deployment
from tests.support.servers import Process

pytestmark = pytest.mark.integration
STEADY, BURST = 2, 2  # the pipeline's proposals
Rig = tuple[Deployment, Process | None]


@pytest.fixture(scope="class")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    """A system started as the pipeline benchmark starts its own, the letters of assignment due
    at once (the documents beat issues them at its next tick); stopped after the class."""
    with rig.deployment(
        tmp_path_factory.mktemp("bench"),
        evaluators_for=STEADY + BURST,
        settings={"DOCUMENT_LETTER_DELAY_SECONDS": "0"},
    ) as started:
        yield started


class TestOnOneSystem:
    """The pipeline and the intake benchmarks on one system (the intake's own starts the web
    alone, which only spares its figures the workers' CPU). The pipeline runs first, on the
    fresh system it measures."""

    def test_pipeline_counts_every_proposal_done_once(self, system: Rig) -> None:
        # the waits look every 0.2 s rather than every second
        result = pipeline.measure(
            steady=STEADY, burst=BURST, rate=4.0, steady_timeout=180, burst_timeout=180,
            letter_delay=0, poll=0.2, rig=system,
        )  # fmt: skip
        assert result.problems == []
        # the run waited for the letters of assignment too: rendered and mailed, each counted
        assert "surat_tugas" in result.notes[0]
        assert "assignment_letter" in result.notes[0]
        assert (result.steady.finished, result.burst.finished) == (STEADY, BURST)
        assert result.totals["mails received"] == (STEADY + BURST) * pipeline_counts.MAILS
        assert result.unconfirmed == 0
        assert set(result.memory) >= {"web", "relay", "redis", "worker-documents"}
        summary = result.summary()
        assert report.pipeline_figures(summary["figures"])
        assert "\n".join(report.table(report.pipeline_figures(summary["figures"])))

    def test_intake_measures_both_endpoints(self, system: Rig) -> None:
        result = intake.measure_on(system[0], requests=4, clients=2, warmup=2)
        for measured in (result.bare, result.me, result.create, result.submit):
            assert set(measured.load.statuses) <= {200, 201, 202}, measured.load.statuses
            assert len(measured.load.latencies) == 4
            assert measured.cpu_ms >= 0  # four requests may take less than one clock tick
        assert len(result.lines()) == 7
        assert len(report.intake_figures(result)) == 5


def test_cpu_seconds_counts_a_process_tree() -> None:
    before = rig.cpu_seconds(os.getpid())
    start = time.process_time()
    while time.process_time() - start < 0.2:  # CPU time, not wall-clock: not a timing assertion
        pass
    assert rig.cpu_seconds(os.getpid()) - before >= 0.15


SPIN = "import time\\nt = time.process_time()\\nwhile time.process_time() - t < 0.6: pass"
BURN = f"""
import subprocess, sys, time
subprocess.Popen([sys.executable, "-c", "{SPIN}"]).wait()
print("reaped", flush=True)
time.sleep(30)
"""


def test_the_sampler_counts_a_reaped_child_once() -> None:
    """A render child that burned its CPU and was reaped is in its parent's count, once (its own
    last-seen time is not added again)."""
    with subprocess.Popen(
        [sys.executable, "-c", BURN], stdout=subprocess.PIPE, text=True
    ) as parent:
        try:
            with rig.ProcessSampler({"tree": parent.pid}, interval=0.05) as sampler:
                assert parent.stdout is not None
                assert parent.stdout.readline().strip() == "reaped"
            # CPU seconds, not wall-clock ones: 0.6 burned, plus two interpreters' start.
            assert 0.6 <= sampler.cpu_seconds("tree") < 1.15
        finally:
            parent.kill()


def test_embedded_memory_sums_pss_over_the_whole_tree() -> None:
    from bench import embedded_memory

    memory = embedded_memory.measure(settle=0.5)
    # Supervisor, Redis, SMTP sink, web, two Celery workers (one with its render child), relay.
    assert memory.processes >= 8
    assert memory.pss_mb > 0
    assert {"celery worker documents", "celery worker main"} <= set(memory.by_name)
    assert sum(n for n, _ in memory.by_name.values()) == memory.processes
    assert len(memory.lines()) == 1 + len(memory.by_name)


def test_install_bench_installs_only_the_runtime_dependencies() -> None:
    from bench import install_vs_run

    deps = install_vs_run.runtime_dependencies()
    names = {dep.split("[")[0].split(">")[0].split("=")[0] for dep in deps}
    assert {"flask", "celery", "weasyprint"} <= names
    assert not names & {"pytest", "playwright", "moto", "mypy", "schemathesis", "boto3", "flower"}
    figures = install_vs_run.InstallVsRun(pip_seconds=100.0, make_run_seconds=120.0)
    assert figures.ratio == 1.2
    assert figures.lines()[-1] == "ratio 1.20 (goal ≤ 1.3: met)"


def test_lists_bench_measures_every_page_at_a_small_size() -> None:
    """At 120 proposals and 6,000 audit events (three pages of the user's events), one round,
    the databases copied from the test process's template (not migrated and seeded again)."""
    from bench import lists

    result = lists.measure(
        proposals=120, rounds=1, events=6_000, prepare=lambda: prepared.prepare(os.environ)
    )
    assert result.proposals == 120
    measured = [*result.baseline, *result.pages]
    assert len(measured) >= 7
    assert [len(m.cpu_ms) for m in measured] == [1] * len(measured)
    assert all(ms >= 0 for m in result.pages for ms in m.cpu_ms)
    assert len(result.lines()) == 1 + len(measured) + len(result.once) + 1 + 1


def test_pdf_bench_renders_a_certificate_batch() -> None:
    """The batch's entries are the ones the documents service makes (a stale key once failed
    `make bench` half-way)."""
    from bench import pdf

    _, pages = pdf.certificate_batch(2)
    assert pages == 2
