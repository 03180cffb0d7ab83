"""The benchmarks' load generator: calls sent by client threads, each on its own persistent
connection, in a process of its own (spawned, so the clients' threads share no GIL with the
benchmark's bookkeeping). Only the standard library: a spawned process imports this module,
not the services (bench/rig.py imports them all).
"""

from __future__ import annotations

import http.client
import json
import math
import multiprocessing
import statistics
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing.pool import Pool


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    body: bytes | None
    token: str | None


@dataclass
class Load:
    """What one run of the load generator saw."""

    seconds: float
    latencies: list[float]  # seconds, one per request
    statuses: dict[int, int]
    bodies: list[bytes] = field(default_factory=list)  # in the order of the calls

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile(self, p: float) -> float:
        """The p-th percentile latency in milliseconds."""
        ordered = sorted(self.latencies)
        if len(ordered) < 2:
            return ordered[0] * 1000 if ordered else math.nan
        return statistics.quantiles(ordered, n=100, method="inclusive")[int(p) - 1] * 1000


def _drive(port: int, calls: Sequence[Call], clients: int) -> Load:
    """Send `calls` with `clients` threads, each on its own persistent connection (reopened by
    http.client when a sync gunicorn worker closes it)."""
    latencies = [0.0] * len(calls)
    statuses = [0] * len(calls)
    bodies = [b""] * len(calls)
    cursor = iter(range(len(calls)))
    lock = threading.Lock()

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                i = next(cursor, None)
            if i is None:
                break
            c = calls[i]
            headers = {"Accept": "application/json", "Content-Type": "application/json"}
            if c.token:
                headers["Authorization"] = f"Bearer {c.token}"
            t = time.perf_counter()
            try:
                conn.request(c.method, c.path, body=c.body, headers=headers)
                response = conn.getresponse()
                bodies[i] = response.read()
                statuses[i] = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                statuses[i] = -1
            latencies[i] = time.perf_counter() - t
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    counted: dict[int, int] = {}
    for status in statuses:
        counted[status] = counted.get(status, 0) + 1
    return Load(seconds, latencies, counted, bodies)


class Driver:
    """The load generator's process, started once (`with Driver() as driver:`) and given each
    run in turn: `_drive` in a separate process, so the client's threads do not share a GIL with
    the benchmark's own bookkeeping. A spawned process imports the parent's main module and this
    one: started once, not once per run."""

    def __init__(self) -> None:
        self._pool: Pool | None = None

    def __enter__(self) -> Driver:
        self._pool = multiprocessing.get_context("spawn").Pool(1)
        return self

    def __exit__(self, *_: object) -> None:
        assert self._pool is not None
        self._pool.terminate()
        self._pool.join()
        self._pool = None

    def drive(self, port: int, calls: Sequence[Call], clients: int) -> Load:
        """Send `calls` to `port` with `clients` threads; what they saw."""
        assert self._pool is not None, "a Driver drives inside its `with` block"
        load: Load = self._pool.apply(_drive, (port, list(calls), clients))
        return load


def post(path: str, payload: object, token: str | None) -> Call:
    return Call("POST", path, json.dumps(payload).encode(), token)
