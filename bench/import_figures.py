"""The usage import (core.actuals) against plain ``json.loads`` over the same lines.

The log is synthetic: Images API response lines of gpt-image-1, one in four
carrying 1 MB of base64 image data (``b64_json``), the rest a few hundred bytes,
as a log of real responses with the images left in would be. The floor reads
the same file line by line and calls ``json.loads`` on each line, which is the
least any reader that looks at every line could do; the importer also drops the
image data as it streams past, validates each line and adds it to its totals.

Peak memory is each size's own child process (VmHWM): the importer holds a few
64 KB pieces whatever the file's size, so the two sizes must give the same
peak. The issue asks for 1,000,000 lines with a quarter at 1 MB, about 250 GB:
far more than this machine's disk, so the sizes are scaled (bench/README.md).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.figures import Figure, Goal
from bench.processes import peak_mb
from bench.stats import Spread, interleave, paired_ratios, timed
from core.actuals.read import read_usage
from core.pricing.catalog import default_catalog

#: One line in this many carries image data.
EVERY = 4
IMAGE_BYTES = 1024 * 1024
#: The importer may be this much slower than bare json.loads over the lines.
RATIO_GOAL = Goal("<=", 2)
#: Peak memory of the file four times the size over the small file's: flat means 1.
GROWTH_GOAL = Goal("<=", 1.1)


def write_log(path: Path, lines: int, image_bytes: int = IMAGE_BYTES) -> Path:
    """LINES response lines, one in EVERY with IMAGE_BYTES of base64; written from one shared string."""
    usage = {
        "input_tokens": 20,
        "input_tokens_details": {"text_tokens": 20, "image_tokens": 0},
        "output_tokens": 272,
        "total_tokens": 292,
    }
    base = {"model": "gpt-image-1", "quality": "low", "size": "1024x1024", "output_format": "png", "usage": usage}
    blob = "QUFB" * (image_bytes // 4)
    with path.open("w", encoding="ascii") as out:
        for index in range(lines):
            record = {"created": 1_793_577_600 + index, **base}
            image = blob if index % EVERY == 0 else "QUFB"
            out.write(json.dumps({**record, "data": [{"b64_json": "@"}]}).replace('"@"', f'"{image}"') + "\n")
    return path


def _floor(path: Path) -> None:
    with path.open("rb") as handle:
        for line in handle:
            json.loads(line)


def _peak_mb(path: Path) -> float:
    return peak_mb([sys.executable, "-m", "bench.import_child", str(path)])


def import_figures(work: Path, lines: int, rounds: int) -> list[Figure]:
    """Lines per second and the ratio to the floor on LINES lines; peak memory at LINES and 4 x LINES."""
    small = write_log(work / "usage-small.jsonl", lines)
    catalog = default_catalog()
    sides = {
        "app": timed(lambda: read_usage([small], catalog)),
        "floor": timed(lambda: _floor(small)),
    }
    interleave(1, sides)  # warm-up: page cache, imports
    times = interleave(rounds, sides)
    megabytes = small.stat().st_size / 1_048_576
    per_s = [lines / t for t in times["app"]]
    floor_per_s = Spread.of([lines / t for t in times["floor"]])
    note = (
        f"{lines:,} lines ({megabytes:,.0f} MB, one in {EVERY} with {IMAGE_BYTES // 1024:,} KB of base64); "
        f"json.loads floor: median {floor_per_s.median:,.0f} lines/s"
    )
    big = write_log(work / "usage-big.jsonl", 4 * lines)
    small_peak = [_peak_mb(small) for _ in range(max(1, rounds // 3))]
    small.unlink()
    big_peak = [_peak_mb(big) for _ in range(max(1, rounds // 3))]
    big_mb = big.stat().st_size / 1_048_576
    big.unlink()
    growth = paired_ratios(big_peak, small_peak)
    return [
        Figure("import_lines_per_s", "/s", Spread.of(per_s), note=note),
        Figure(
            "import_ratio",
            "x floor",
            Spread.of(paired_ratios(times["app"], times["floor"])),
            RATIO_GOAL,
            app=Spread.of(times["app"]).scaled(1000),
            floor=Spread.of(times["floor"]).scaled(1000),
            measure_unit="ms",
        ),
        Figure("import_peak_rss_mb_small", "MB", Spread.of(small_peak), note=f"{lines:,} lines, {megabytes:,.0f} MB"),
        Figure("import_peak_rss_mb_big", "MB", Spread.of(big_peak), note=f"{4 * lines:,} lines, {big_mb:,.0f} MB"),
        Figure("import_peak_growth", "x small", Spread.of(growth), GROWTH_GOAL, note="big file's peak / small file's"),
    ]
