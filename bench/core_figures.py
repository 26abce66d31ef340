"""Figures of the Qt-free core: open, save, engine throughput and memory of a big file.

Open and save are held to PyYAML's C loader and dumper on the same file, in the
same process, interleaved round by round. The app's open also validates every
scenario and checks it against the price catalog; its save writes through a
temporary file, fsyncs, keeps FILE.bak and replaces atomically: that is the
work a trustworthy save has to do, and the ratio shows what it costs.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import Any

import yaml

from bench.figures import Figure, Goal
from bench.processes import core_open_command, peak_mb
from bench.stats import Spread, interleave, paired_ratios, timed
from core.pricing.catalog import default_catalog
from core.pricing.engine import estimate
from core.storage import scenario_file

OPEN_GOAL = Goal("<=", 2)
SAVE_GOAL = Goal("<=", 2)
ESTIMATES_GOAL = Goal(">=", 50_000)
CLoader: Any = yaml.CSafeLoader
CDumper: Any = yaml.CSafeDumper


def _ratio_figure(key: str, goal: Goal, app: list[float], floor: list[float]) -> Figure:
    return Figure(
        key,
        "x floor",
        Spread.of(paired_ratios(app, floor)),
        goal,
        app=Spread.of(app).scaled(1000),
        floor=Spread.of(floor).scaled(1000),
        measure_unit="ms",
    )


def open_figure(path: Path, rounds: int) -> Figure:
    """scenario_file.load against yaml.load(CSafeLoader) of the same bytes."""
    sides = {
        "app": timed(lambda: scenario_file.load(path)),
        "floor": timed(lambda: yaml.load(path.read_bytes(), Loader=CLoader)),
    }
    interleave(1, sides)  # warm-up: imports, the catalog, the allocator
    times = interleave(rounds, sides)
    return _ratio_figure("open_10k_ratio", OPEN_GOAL, times["app"], times["floor"])


def save_figure(path: Path, workdir: Path, rounds: int) -> Figure:
    """scenario_file.save (atomic, fsync, .bak) against a plain write of yaml.dump(CSafeDumper)."""
    document = scenario_file.load(path)
    data = yaml.load(path.read_bytes(), Loader=CLoader)
    app_out = workdir / "save-app.yaml"
    floor_out = workdir / "save-floor.yaml"

    def floor() -> None:
        text = yaml.dump(data, Dumper=CDumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)
        floor_out.write_text(text, encoding="utf-8")

    sides = {"app": timed(lambda: scenario_file.save(document, app_out)), "floor": timed(floor)}
    interleave(1, sides)
    times = interleave(rounds, sides)
    return _ratio_figure("save_10k_ratio", SAVE_GOAL, times["app"], times["floor"])


def estimates_figure(path: Path, rounds: int) -> Figure:
    """Scenarios priced per second of CPU when re-pricing every scenario of the file.

    CPU time rather than wall-clock time: the engine is single-threaded and has
    no floor to pair it with in a round, so on a shared machine wall-clock time
    would measure the other jobs; the wall-clock rate is in the note.
    """
    scenarios = scenario_file.load(path).scenarios
    catalog = default_catalog()

    def reprice() -> tuple[float, float]:
        gc.collect()
        cpu, wall = time.process_time(), time.perf_counter()
        for scenario in scenarios:
            estimate(scenario, catalog)
        return time.process_time() - cpu, time.perf_counter() - wall

    reprice()
    runs = [reprice() for _ in range(rounds)]
    per_cpu_s = [len(scenarios) / cpu for cpu, _wall in runs]
    per_wall_s = Spread.of([len(scenarios) / wall for _cpu, wall in runs])
    note = (
        f"{len(scenarios):,} scenarios per round; per wall-clock second: median {per_wall_s.median:,.0f} "
        f"({per_wall_s.min:,.0f}-{per_wall_s.max:,.0f})"
    )
    return Figure("estimates_per_s", "/s", Spread.of(per_cpu_s), ESTIMATES_GOAL, note=note)


def core_rss_figure(path: Path, rounds: int) -> Figure:
    """Peak RSS of a process that opens the file and prices it all, without Qt (child processes)."""
    values = [peak_mb(core_open_command(str(path))) for _ in range(rounds)]
    note = "core only: load (checked against the catalog) + price, no Qt"
    return Figure("peak_rss_mb_10k_core", "MB", Spread.of(values), note=note)
