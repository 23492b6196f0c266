"""Timing helper shared by the benchmark scripts."""

from __future__ import annotations

import time


def best_of(repeat: int, func) -> tuple[float, object]:
    """The shortest of ``repeat`` runs of ``func`` (seconds) and the last run's result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result
