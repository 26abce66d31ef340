"""Start-up and memory of the window, each against a bare PySide6 window started the same way.

`startup_ratio` runs from just before the process is spawned to the probe's
report that the first frame is painted (gui.startup_probe), for `imagecost`
against bench/floor_window.py, interleaved. `peak_rss_mb_10k` is the app's peak
RSS when it has painted with the 10,000-scenario file given on its command
line; the bare window's is shown beside it for scale.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from bench.figures import Figure, Goal
from bench.processes import REPO, TIMEOUT_S, app_command, child_env, floor_command, time_to_first_paint
from bench.stats import Spread, interleave, paired_ratios

STARTUP_GOAL = Goal("<=", 1.3)
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
    return Figure(
        "startup_ratio",
        "x floor",
        Spread.of(paired_ratios(times["app"], times["floor"])),
        STARTUP_GOAL,
        app=Spread.of(times["app"]),
        floor=Spread.of(times["floor"]),
        measure_unit="ms",
        note=f"import time by package, ms, app (floor), median of {BREAKDOWN_RUNS} runs with -X importtime: {top}",
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


def rss_figure(home: Path, big_file: Path, rounds: int, *, note: str = "") -> Figure:
    env = child_env(home)
    sides = {
        "app": lambda: time_to_first_paint(app_command(str(big_file)), env).maxrss_mb,
        "floor": lambda: time_to_first_paint(floor_command(), env).maxrss_mb,
    }
    values = interleave(rounds, sides)
    app = Spread.of(values["app"])
    return Figure("peak_rss_mb_10k", "MB", app, app=app, floor=Spread.of(values["floor"]), measure_unit="MB", note=note)
