"""Medians with their spread, and paired ratios from interleaved rounds.

Every figure is a median over repeated runs with its min and max. Where the
app is compared with a floor, both run in the same round one after the other,
and the ratio is taken round by round before the median: slow spells on the
shared machine then hit both sides of a pair alike.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Spread:
    """Median, min and max of repeated measurements, and how many there were."""

    median: float
    min: float
    max: float
    n: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        if not values:
            raise ValueError("no measurements")
        return cls(statistics.median(values), min(values), max(values), len(values))

    def scaled(self, factor: float) -> Spread:
        return Spread(self.median * factor, self.min * factor, self.max * factor, self.n)

    def as_dict(self) -> dict[str, float | int]:
        return {"median": self.median, "min": self.min, "max": self.max, "n": self.n}


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (p99 of 200 values is the 198th smallest)."""
    if not values:
        raise ValueError("no measurements")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


def interleave(rounds: int, sides: dict[str, Callable[[], float]]) -> dict[str, list[float]]:
    """Run each side once per round, alternating which goes first; collect what each returns."""
    names = list(sides)
    results: dict[str, list[float]] = {name: [] for name in names}
    for index in range(rounds):
        order = names if index % 2 == 0 else names[::-1]
        for name in order:
            results[name].append(sides[name]())
    return results


def paired_ratios(app: Sequence[float], floor: Sequence[float]) -> list[float]:
    """app / floor, round by round."""
    return [a / f for a, f in zip(app, floor, strict=True)]


def timed(action: Callable[[], object]) -> Callable[[], float]:
    """A side of a comparison: collect garbage first, then time ACTION alone, in seconds."""

    def run() -> float:
        gc.collect()
        start = time.perf_counter()
        action()
        return time.perf_counter() - start

    return run
