"""Start-up and opening a big file in the window, each against what it cannot beat, started the same way.

`startup_ratio` runs from just before the process is spawned to the probe's
report that the first frame is painted (gui.startup_probe), for `imagecost`
against bench/floor_window.py, interleaved. `open_10k_window_ratio` runs
`imagecost FILE` with the 10,000-scenario file to the end of the first frame
with every figure of the file on screen (the probe's ``figures`` mode: the
list, the selected scenario's breakdown, the grand total), against
bench/hold_file.py loading and pricing the same file with no Qt;
`peak_rss_mb_10k` is the window's peak RSS by then, the core's beside it.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from bench.figures import Figure, Goal
from bench.processes import (
    REPO,
    TIMEOUT_S,
    Painted,
    app_command,
    child_env,
    core_open_command,
    floor_command,
    time_to_first_paint,
)
from bench.stats import Spread, interleave, paired_ratios
from gui.startup_probe import ENV as PROBE_ENV
from gui.startup_probe import FIGURES

STARTUP_GOAL = Goal("<=", 1.3)
OPEN_WINDOW_GOAL = Goal("<=", 1.5)
#: Starts with -X importtime (which inflates import times) for the note on where start-up goes.
BREAKDOWN_RUNS = 3


def startup_figure(home: Path, rounds: int) -> Figure:
    env = child_env(home)
    sides = {
        "app": lambda: time_to_first_paint(app_command(), env).ms,
        "floor": lambda: time_to_first_paint(floor_command(), env).ms,
    }
    interleave(1, sides)  # warm-up: byte-code caches and the page cache
    times = interleave(rounds, sides)
    app_imports = _median_breakdown(app_command(), env)
    floor_imports = _median_breakdown(floor_command(), env)
    top = ", ".join(f"{name} {ms:.0f} ({floor_imports.get(name, 0):.0f})" for name, ms in list(app_imports.items())[:9])
    note = f"import time by package, ms, app (floor), median of {BREAKDOWN_RUNS} runs with -X importtime: {top}"
    return _ratio_in_ms("startup_ratio", STARTUP_GOAL, times, note)


def _ratio_in_ms(key: str, goal: Goal, times: dict[str, list[float]], note: str) -> Figure:
    """The app's times over the floor's, round by round, with both sides' own medians in ms."""
    return Figure(
        key,
        "x floor",
        Spread.of(paired_ratios(times["app"], times["floor"])),
        goal,
        app=Spread.of(times["app"]),
        floor=Spread.of(times["floor"]),
        measure_unit="ms",
        note=note,
    )


def _median_breakdown(command: list[str], env: dict[str, str]) -> dict[str, float]:
    runs = [import_breakdown(command, env) for _ in range(BREAKDOWN_RUNS)]
    groups = {name for run in runs for name in run}
    medians = {name: statistics.median(run.get(name, 0.0) for run in runs) for name in groups}
    return dict(sorted(medians.items(), key=lambda item: -item[1]))


def import_breakdown(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Milliseconds of import time by package, largest first, from one start with -X importtime.

    Each module's own (self) time goes to its top-level package, the standard
    library's to "stdlib", so the figures add up without double counting.
    """
    done = subprocess.run(
        command,
        env={**env, "PYTHONPROFILEIMPORTTIME": "1"},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    totals: dict[str, float] = defaultdict(float)
    for line in done.stderr.splitlines():
        fields = line.removeprefix("import time:").split("|")
        if not line.startswith("import time:") or len(fields) != 3 or not fields[0].strip().isdigit():
            continue
        root = fields[2].strip().split(".")[0]
        group = "stdlib" if root in sys.stdlib_module_names or root.startswith("_") else root
        totals[group] += int(fields[0]) / 1000
    return dict(sorted(totals.items(), key=lambda item: -item[1]))


def open_window_figures(home: Path, big_file: Path, rounds: int, *, note: str = "") -> list[Figure]:
    """The window opening BIG_FILE to all its figures on screen, against the core opening and pricing it."""
    env = child_env(home)
    window_env = {**env, PROBE_ENV: FIGURES}
    runs: dict[str, list[Painted]] = {"app": [], "floor": []}

    def side(name: str, command: list[str], side_env: dict[str, str]) -> Callable[[], float]:
        def run() -> float:
            painted = time_to_first_paint(command, side_env)
            runs[name].append(painted)
            return painted.ms

        return run

    sides = {
        "app": side("app", app_command(str(big_file)), window_env),
        "floor": side("floor", core_open_command(str(big_file)), env),
    }
    interleave(1, sides)  # warm-up
    for values in runs.values():
        values.clear()
    times = interleave(rounds, sides)
    what = "imagecost FILE to the frame with the list, breakdown and total, vs bench/hold_file.py (no Qt)"
    ratio = _ratio_in_ms("open_10k_window_ratio", OPEN_WINDOW_GOAL, times, what)
    app_rss = Spread.of([run.maxrss_mb for run in runs["app"]])
    rss = Figure(
        "peak_rss_mb_10k",
        "MB",
        app_rss,
        app=app_rss,
        floor=Spread.of([run.maxrss_mb for run in runs["floor"]]),
        measure_unit="MB",
        note=note or "the window with every figure of the file on screen; floor: the core alone, same file",
    )
    return [ratio, rss]
