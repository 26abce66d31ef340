"""Start-up and memory of the window, each against a bare PySide6 window started the same way.

`startup_ratio` runs from just before the process is spawned to the probe's
report that the first frame is painted (gui.startup_probe), for `imagecost`
against bench/floor_window.py, interleaved. `peak_rss_mb_10k` is the app's peak
RSS when it has painted with the 10,000-scenario file given on its command
line; the bare window's is shown beside it for scale.
"""

from __future__ import annotations

from pathlib import Path

from bench.figures import Figure, Goal
from bench.processes import app_command, child_env, floor_command, time_to_first_paint
from bench.stats import Spread, interleave, paired_ratios

STARTUP_GOAL = Goal("<=", 1.3)


def startup_figure(home: Path, rounds: int) -> Figure:
    env = child_env(home)
    sides = {
        "app": lambda: time_to_first_paint(app_command(), env).ms,
        "floor": lambda: time_to_first_paint(floor_command(), env).ms,
    }
    interleave(1, sides)  # warm-up: byte-code caches and the page cache
    times = interleave(rounds, sides)
    return Figure(
        "startup_ratio",
        "x floor",
        Spread.of(paired_ratios(times["app"], times["floor"])),
        STARTUP_GOAL,
        app=Spread.of(times["app"]),
        floor=Spread.of(times["floor"]),
        measure_unit="ms",
    )


def rss_figure(home: Path, big_file: Path, rounds: int, *, note: str = "") -> Figure:
    env = child_env(home)
    sides = {
        "app": lambda: time_to_first_paint(app_command(str(big_file)), env).maxrss_mb,
        "floor": lambda: time_to_first_paint(floor_command(), env).maxrss_mb,
    }
    values = interleave(rounds, sides)
    app = Spread.of(values["app"])
    return Figure("peak_rss_mb_10k", "MB", app, app=app, floor=Spread.of(values["floor"]), measure_unit="MB", note=note)
