"""The system benchmarks still run end to end, at tiny sizes (figures are not checked: a
benchmark never gates a test run; only that every request succeeded and nothing was lost)."""

from __future__ import annotations

import os
import time

import pytest

from bench import intake, pipeline, report, rig

pytestmark = pytest.mark.integration


def test_intake_measures_both_endpoints() -> None:
    result = intake.measure(requests=6, clients=3, warmup=2)
    for measured in (result.bare, result.me, result.create, result.submit):
        assert set(measured.load.statuses) <= {200, 201, 202}, measured.load.statuses
        assert len(measured.load.latencies) == 6
        assert measured.cpu_ms >= 0  # six requests may take less than one clock tick
    assert len(result.lines()) == 7
    assert len(report.intake_figures(result)) == 5


def test_cpu_seconds_counts_a_process_tree() -> None:
    before = rig.cpu_seconds(os.getpid())
    start = time.process_time()
    while time.process_time() - start < 0.2:  # CPU time, not wall-clock: not a timing assertion
        pass
    assert rig.cpu_seconds(os.getpid()) - before >= 0.15


def test_pipeline_counts_every_proposal_done_once() -> None:
    result = pipeline.measure(steady=2, burst=2, rate=4.0, steady_timeout=180, burst_timeout=180)
    assert result.problems == []
    assert (result.steady.finished, result.burst.finished) == (2, 2)
    assert result.totals["mails received"] == 4 * pipeline.MAILS
    assert result.unconfirmed == 0
    assert set(result.memory) >= {"web", "relay", "redis", "worker-documents"}
    summary = result.summary()
    assert report.pipeline_figures(summary["figures"])
    assert "\n".join(report.table(report.pipeline_figures(summary["figures"])))
