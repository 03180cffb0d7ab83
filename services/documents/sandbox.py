"""Run one render in a forked child process under a time limit and a memory ceiling.

A hostile or pathological document (a huge table, deeply nested markup) must not take the
worker down: the child gets an address-space limit (`RLIMIT_AS`, counted on top of what it
inherits) and is killed when it overruns its time. The caller receives the PDF bytes, a
`RenderError` that says what in the input failed (permanent), or `RendererDiedError` when the child
was killed from outside (transient: the work is retried); the worker process itself lives on.
Fork, not spawn: the child inherits WeasyPrint and the fonts already loaded, so a render costs
what it costs in the parent, plus a few milliseconds.
"""

from __future__ import annotations

import os
import resource
import select
import signal
import time
from collections.abc import Callable

from services.documents.errors import (
    RendererDiedError,
    RenderError,
    RenderMemoryError,
    RenderTimeoutError,
)

# Per document, well below the task's limit (300 s, shared/celery.py): a proposal's dossier and
# its blind variant both fit, and a document past it fails as itself (recorded, announced)
# after 45 s, where it used to hold the documents queue for 120 s and then the whole task.
DEFAULT_SECONDS = float(os.environ.get("DOCUMENT_RENDER_SECONDS", "45"))
DEFAULT_MEMORY_MB = int(os.environ.get("DOCUMENT_RENDER_MEMORY_MB", "1536"))
# Signals that come from outside the render (a stopped worker, the OOM killer, an operator):
# the input is not at fault. A child that hits its own ceiling dies of SIGSEGV or SIGABRT.
KILLED_FROM_OUTSIDE = frozenset({signal.SIGKILL, signal.SIGTERM, signal.SIGINT, signal.SIGHUP})


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def limit_memory(memory_bytes: int) -> None:
    """This (child) process may take `memory_bytes` more address space than it holds now."""
    limit = _address_space() + memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def answer(job: Callable[[], bytes]) -> bytes:
    """`job()` as the parent reads it back: b"K" and the bytes, b"M" when it ran out of memory,
    b"E" and what went wrong otherwise. Never raises."""
    try:
        return b"K" + job()
    except MemoryError:
        return b"M"
    except RenderError as exc:
        return b"E" + str(exc).encode()[:2000]
    except BaseException as exc:  # reported to the parent, never raised in the child
        return b"E" + f"{type(exc).__name__}: {exc}".encode()[:2000]


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _child(write_fd: int, job: Callable[[], bytes], memory_bytes: int, seconds: float) -> None:
    # A backstop: should the parent die (a killed worker), the child still ends on its own.
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.alarm(int(seconds) + 5)
    try:
        limit_memory(memory_bytes)
    except (OSError, ValueError) as exc:
        write_all(write_fd, b"E" + str(exc).encode())
        return
    write_all(write_fd, answer(job))


def run_limited(
    job: Callable[[], bytes],
    *,
    seconds: float = DEFAULT_SECONDS,
    memory_mb: int = DEFAULT_MEMORY_MB,
) -> bytes:
    """`job()` in a child process; its bytes, or a `RenderError` naming the limit it hit."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which never returns
        os.close(read_fd)
        try:
            _child(write_fd, job, memory_mb * 1024 * 1024, seconds)
        finally:
            os._exit(0)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                raise timed_out(seconds)
            ready, _, _ = select.select([read_fd], [], [], min(left, 1.0))
            if ready:
                chunk = os.read(read_fd, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        os.close(read_fd)
        _, wait_status = os.waitpid(pid, 0)
    return outcome(b"".join(chunks), wait_status, memory_mb)


def timed_out(seconds: float) -> RenderTimeoutError:
    return RenderTimeoutError(
        f"rendering took longer than {seconds:g} s and was stopped "
        f"(pembuatan dokumen melebihi batas waktu {seconds:g} detik)"
    )


def outcome(data: bytes, wait_status: int | None, memory_mb: int) -> bytes:
    """The bytes of a render child's answer (see `answer`), or the error it stands for; with no
    answer, what the child's end (`wait_status`, None while it lives) says."""
    if data[:1] == b"K":
        return data[1:]
    killed = not data and wait_status is not None and os.WIFSIGNALED(wait_status)
    sig = os.WTERMSIG(wait_status) if killed and wait_status is not None else None
    if sig in KILLED_FROM_OUTSIDE:
        raise RendererDiedError(
            f"the render process was stopped by signal {sig} before it answered; the document "
            "is rendered again"
        )
    if data[:1] == b"M" or killed:  # a crash inside the address-space ceiling
        raise RenderMemoryError(
            f"rendering needed more than {memory_mb} MB and was stopped "
            f"(pembuatan dokumen melebihi batas memori {memory_mb} MB)"
        )
    raise RenderError(data[1:].decode(errors="replace") or "the render process died")
