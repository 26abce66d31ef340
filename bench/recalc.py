"""Recalculation latency: a control change to the totals updated on screen (needs the main window)."""

from __future__ import annotations

from pathlib import Path

from bench.figures import Figure, Goal, unavailable

RECALC_GOAL = Goal("<", 16)
NOT_LANDED = "main window not landed (gui/app.py is a placeholder)"


def window_note() -> str:
    """Caveat for figures taken from the placeholder window, which does not open files yet."""
    return "placeholder window: FILE is not opened yet, so this is the bare app" if not landed() else ""


def landed() -> bool:
    return False


def recalc_figures(work: Path, scenarios: int, samples: int) -> list[Figure]:
    return [
        unavailable("recalc_p50_ms", "ms", None, NOT_LANDED),
        unavailable("recalc_p99_ms", "ms", RECALC_GOAL, NOT_LANDED),
    ]
