"""A benchmark figure: its value with spread, the floor it is held to, and its goal."""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.stats import Spread

_OPS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    "<": operator.lt,
    ">=": operator.ge,
}


@dataclass(frozen=True)
class Goal:
    """'value OP threshold', e.g. ratio <= 1.3."""

    op: str
    threshold: float

    def met(self, value: float) -> bool:
        return _OPS[self.op](value, self.threshold)

    def __str__(self) -> str:
        return f"{self.op} {self.threshold:g}"


@dataclass(frozen=True)
class Figure:
    """One row of the results: VALUE (median, with min/max) and what it was measured against."""

    key: str
    unit: str
    value: Spread | None
    goal: Goal | None = None
    #: The app's own measurement and the floor's, in MEASURE_UNIT, for ratio figures.
    app: Spread | None = None
    floor: Spread | None = None
    measure_unit: str = ""
    note: str = ""

    @property
    def met(self) -> bool | None:
        if self.value is None or self.goal is None:
            return None
        return self.goal.met(self.value.median)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "value": None if self.value is None else self.value.median,
            "min": None if self.value is None else self.value.min,
            "max": None if self.value is None else self.value.max,
            "n": None if self.value is None else self.value.n,
            "unit": self.unit,
            "goal": None if self.goal is None else str(self.goal),
            "met": self.met,
        }
        if self.app is not None:
            data["app"] = {**self.app.as_dict(), "unit": self.measure_unit}
        if self.floor is not None:
            data["floor"] = {**self.floor.as_dict(), "unit": self.measure_unit}
        if self.note:
            data["note"] = self.note
        return data


def unavailable(key: str, unit: str, goal: Goal | None, reason: str) -> Figure:
    """A figure that cannot be measured yet, saying why rather than inventing a number."""
    return Figure(key, unit, None, goal, note=f"not available: {reason}")
