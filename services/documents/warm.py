"""One render process kept warm: forked once, it renders job after job under the same limits
as a child forked per render (sandbox.py), without paying the fork each time.

A child forked per render starts cold: every page of the worker it touches is copied on write
and its caches are empty, which cost a one-page letter about half as much again as rendering it
(issue 25). This child is forked on the first render, takes each job (a picklable call, see
`issuing.sandboxed_render`) over a pipe and answers as sandbox.py's child does. The limits hold
per job: past its time the parent kills it (`RenderTimeoutError`) and forks a new one for the next
job; it has an address-space ceiling from its start, and ends after running out of memory
(`RenderMemoryError`) or after `JOBS_PER_CHILD` jobs, so that no render inherits the leftovers of
a hundred others. Killed from outside, it is a `RendererDiedError` (the work is retried), as in
sandbox.py. It ends with its parent: it reads nothing but the parent's jobs, and checks every
second that the parent lives.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import select
import signal
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass

from services.documents.sandbox import (
    DEFAULT_MEMORY_MB,
    DEFAULT_SECONDS,
    answer,
    limit_memory,
    outcome,
    run_limited,
    timed_out,
    write_all,
)

JOBS_PER_CHILD = 100
_HEADER = struct.Struct("!Q")


def _read_exactly(fd: int, size: int, parent: int | None = None) -> bytes | None:
    """`size` bytes from `fd`; None at the end of the pipe (or, in the child, once `parent` is
    gone)."""
    chunks, left = [], size
    while left:
        if parent is not None:
            ready, _, _ = select.select([fd], [], [], 1.0)
            if not ready:
                if os.getppid() != parent:
                    return None
                continue
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _serve(jobs_fd: int, answers_fd: int, memory_bytes: int, seconds: float, parent: int) -> None:
    """The child's loop: a job in, its answer out, until the parent closes the pipe, dies, or
    the child has done its share (or ran out of memory)."""
    # The worker's own handlers (a warm shutdown on SIGTERM …) are not this process's to run.
    for sig in (signal.SIGALRM, signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)
    try:
        limit_memory(memory_bytes)
    except (OSError, ValueError) as exc:
        write_all(answers_fd, _HEADER.pack(0) + b"E" + str(exc).encode())
        return
    for _ in range(JOBS_PER_CHILD):
        header = _read_exactly(jobs_fd, _HEADER.size, parent)
        body = _read_exactly(jobs_fd, _HEADER.unpack(header)[0], parent) if header else None
        if body is None:
            return
        signal.alarm(int(seconds) + 5)  # a backstop, should the parent stop watching
        reply = answer(pickle.loads(body))  # noqa: S301 - our own parent's job, never input
        signal.alarm(0)
        write_all(answers_fd, _HEADER.pack(len(reply)) + reply)
        if reply[:1] == b"M":
            return


@dataclass
class _Child:
    pid: int
    jobs_fd: int
    answers_fd: int
    jobs: int = 0


class WarmRenderer:
    """Renders one job at a time (a lock serialises threads) in this process's warm child."""

    def __init__(self, seconds: float = DEFAULT_SECONDS, memory_mb: int = DEFAULT_MEMORY_MB):
        self.seconds, self.memory_mb = seconds, memory_mb
        self._child: _Child | None = None
        self._owner = os.getpid()
        self._lock = threading.Lock()

    def render(self, job: Callable[[], bytes]) -> bytes:
        """`job()` in the warm child; its bytes, or the error sandbox.py's child would give. A
        job that cannot be pickled (a test's stand-in, defined in a function) runs in a child
        forked for it, as before."""
        try:
            message = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, AttributeError, TypeError):
            return run_limited(job, seconds=self.seconds, memory_mb=self.memory_mb)
        with self._lock:
            child = self._ready()
            try:
                write_all(child.jobs_fd, _HEADER.pack(len(message)) + message)
            except OSError:  # it ended between two jobs: tell what of, with a fresh one next
                return outcome(b"", self._end(child), self.memory_mb)
            child.jobs += 1
            data = self._reply(child)
            if data is None or data[:1] == b"M" or child.jobs >= JOBS_PER_CHILD:
                wait_status = self._end(child, kill=data is None)
                return outcome(data or b"", wait_status, self.memory_mb)
            return outcome(data, None, self.memory_mb)

    def stop(self) -> None:
        """End the warm child (it would end within a second of this process anyway)."""
        with self._lock:
            if self._child is not None and self._owner == os.getpid():
                self._end(self._child)

    def _ready(self) -> _Child:
        if self._owner != os.getpid():  # inherited through a fork: that child is not ours
            self._child, self._owner = None, os.getpid()
        if self._child is None:
            self._child = self._fork()
        return self._child

    def _fork(self) -> _Child:
        jobs_read, jobs_write = os.pipe()
        answers_read, answers_write = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child, which never returns
            os.close(jobs_write)
            os.close(answers_read)
            try:
                _serve(jobs_read, answers_write, self.memory_mb * 1024 * 1024, self.seconds,
                       parent)  # fmt: skip
            finally:
                os._exit(0)
        os.close(jobs_read)
        os.close(answers_write)
        return _Child(pid, jobs_write, answers_read)

    def _reply(self, child: _Child) -> bytes | None:
        """The child's answer, or None when it ended first; kills it past the time limit."""
        ready, _, _ = select.select([child.answers_fd], [], [], self.seconds)
        if not ready:
            os.kill(child.pid, signal.SIGKILL)
            self._end(child)
            raise timed_out(self.seconds)
        header = _read_exactly(child.answers_fd, _HEADER.size)
        return _read_exactly(child.answers_fd, _HEADER.unpack(header)[0]) if header else None

    def _end(self, child: _Child, kill: bool = False) -> int:
        """Close the pipes, reap the child (killed first when `kill`), forget it; its wait
        status."""
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child.pid, signal.SIGKILL)
        for fd in (child.jobs_fd, child.answers_fd):
            os.close(fd)
        _, wait_status = os.waitpid(child.pid, 0)
        if self._child is child:
            self._child = None
        return wait_status


_renderer: WarmRenderer | None = None
_renderer_lock = threading.Lock()


def render_warm(job: Callable[[], bytes]) -> bytes:
    """`job()` in this process's warm render child, under DOCUMENT_RENDER_SECONDS and
    DOCUMENT_RENDER_MEMORY_MB."""
    global _renderer
    with _renderer_lock:
        if _renderer is None:
            _renderer = WarmRenderer()
            atexit.register(_renderer.stop)
    return _renderer.render(job)
