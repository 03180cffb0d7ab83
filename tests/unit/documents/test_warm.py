"""The warm render process (services/documents/warm.py): the limits and outcomes of a child
forked per render (test_sandbox.py), for job after job in one child, and a fresh child after
anything that ends one."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from functools import partial

import pytest

from services.documents import warm
from services.documents.errors import (
    RendererDiedError,
    RenderError,
    RenderMemoryError,
    RenderTimeoutError,
)
from services.documents.rendering import render_pdf
from services.documents.warm import WarmRenderer
from tests.support.documents import ASSIGNED_AT
from tests.unit.documents.test_sandbox import small_context


def pid() -> bytes:
    return str(os.getpid()).encode()


def sleep(seconds: float) -> bytes:
    time.sleep(seconds)
    return b"slept"


def hungry() -> bytes:
    return bytes(bytearray(512 * 1024 * 1024))


def broken() -> bytes:
    raise ValueError("template exploded")


def killed(sig: int) -> bytes:
    os.kill(os.getpid(), sig)
    return b""


@pytest.fixture
def renderer() -> Iterator[WarmRenderer]:
    made = WarmRenderer(seconds=5, memory_mb=256)
    yield made
    made.stop()


def test_jobs_run_one_after_another_in_the_same_warm_child(renderer: WarmRenderer) -> None:
    first, second = renderer.render(pid), renderer.render(pid)
    assert first == second != str(os.getpid()).encode()
    job = partial(render_pdf, "surat_tugas.html", small_context(), created=ASSIGNED_AT)
    assert renderer.render(job).startswith(b"%PDF-")


def test_a_child_is_replaced_after_its_share_of_jobs(
    renderer: WarmRenderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(warm, "JOBS_PER_CHILD", 2)
    seen = {renderer.render(pid) for _ in range(4)}
    assert len(seen) == 2


def test_past_the_time_limit_the_child_is_killed_and_the_next_job_gets_a_new_one() -> None:
    renderer = WarmRenderer(seconds=1, memory_mb=256)
    before = renderer.render(pid)
    with pytest.raises(RenderTimeoutError, match=r"batas waktu 1 detik"):
        renderer.render(partial(sleep, 30))
    assert renderer.render(pid) != before
    renderer.stop()


def test_past_the_memory_ceiling_fails_clearly_and_the_child_starts_over(
    renderer: WarmRenderer,
) -> None:
    before = renderer.render(pid)
    with pytest.raises(RenderMemoryError, match=r"batas memori 256 MB"):
        renderer.render(hungry)
    assert renderer.render(pid) != before


def test_an_error_in_the_job_is_a_render_error_and_the_child_lives_on(
    renderer: WarmRenderer,
) -> None:
    before = renderer.render(pid)
    with pytest.raises(RenderError, match="ValueError: template exploded"):
        renderer.render(broken)
    assert renderer.render(pid) == before


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_child_killed_from_outside_is_a_transient_death(renderer: WarmRenderer, sig: int) -> None:
    with pytest.raises(RendererDiedError, match=f"signal {int(sig)}"):
        renderer.render(partial(killed, sig))
    assert renderer.render(pid).isdigit()  # and a new child takes the next job


def test_a_child_that_crashes_inside_its_ceiling_is_a_memory_error(renderer: WarmRenderer) -> None:
    with pytest.raises(RenderMemoryError):
        renderer.render(partial(killed, signal.SIGSEGV))


def test_a_child_killed_while_idle_is_replaced_for_the_next_job(renderer: WarmRenderer) -> None:
    before = int(renderer.render(pid))
    os.kill(before, signal.SIGKILL)
    time.sleep(0.2)
    with pytest.raises(RendererDiedError):  # the job it never took is retried as transient
        renderer.render(pid)
    assert int(renderer.render(pid)) != before


def test_a_job_that_cannot_be_pickled_runs_in_a_child_of_its_own(renderer: WarmRenderer) -> None:
    def local() -> bytes:  # a closure: no pickle, so sandbox.py forks a child for it
        return b"from " + str(os.getpid()).encode()

    warm_pid = renderer.render(pid)
    answer = renderer.render(local)
    assert answer.startswith(b"from ")
    assert answer[5:] not in {warm_pid, str(os.getpid()).encode()}
