"""One-file executable size and start-up against a bare PySide6 window frozen the same way."""

from __future__ import annotations

from pathlib import Path

from bench.figures import Figure, Goal, unavailable

NOT_LANDED = "packaging not landed"


def frozen_figures(work: Path, rounds: int, *, quick: bool) -> list[Figure]:
    return [
        unavailable("onefile_ratio", "x floor", None, NOT_LANDED),
        unavailable("frozen_startup_ratio", "x floor", Goal("<=", 1.3), NOT_LANDED),
    ]
