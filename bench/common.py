"""Timing helpers for the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def per_second(action: Callable[[], object], count: int) -> tuple[float, float]:
    """Run `action` `count` times; returns (operations per second, p99 latency in ms)."""
    latencies = []
    start = time.perf_counter()
    for _ in range(count):
        t = time.perf_counter()
        action()
        latencies.append(time.perf_counter() - t)
    total = time.perf_counter() - start
    p99 = (
        statistics.quantiles(latencies, n=100)[98] * 1000 if count >= 100 else max(latencies) * 1000
    )
    return count / total, p99


def row(name: str, rate: float, p99_ms: float, baseline: float | None = None) -> str:
    ratio = f"{rate / baseline:6.2f}×" if baseline else "   base"
    return f"  {name:<52} {rate:10.1f}/s   p99 {p99_ms:7.2f} ms   {ratio}"
