"""The printed table and bench/results.json: the same figures, two forms."""

from __future__ import annotations

import json
import os
import platform
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.figures import Figure
from bench.stats import Spread

SCHEMA = 1


def _num(value: float) -> str:
    if value >= 10_000:
        return f"{value:,.0f}"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _spread(spread: Spread | None, unit: str) -> str:
    if spread is None:
        return ""
    return f"{_num(spread.median)} {unit} ({_num(spread.min)}-{_num(spread.max)})"


def _status(figure: Figure) -> str:
    if figure.met is None:
        return ""
    return "ok" if figure.met else "MISSED"


def table(figures: Sequence[Figure]) -> str:
    """Aligned text: figure, median [min-max], goal, status, then app and floor measurements."""
    head = ("figure", "median", "min-max", "goal", "", "app median (min-max)", "floor median (min-max)")
    rows: list[tuple[str, ...]] = [head]
    notes: list[str] = []
    for figure in figures:
        value = figure.value
        if value is None:
            rows.append((figure.key, "-", "", str(figure.goal or ""), "", figure.note, ""))
            continue
        rows.append(
            (
                figure.key,
                f"{_num(value.median)} {figure.unit}",
                f"{_num(value.min)}-{_num(value.max)}",
                str(figure.goal or ""),
                _status(figure),
                _spread(figure.app, figure.measure_unit),
                _spread(figure.floor, figure.measure_unit),
            )
        )
        if figure.note:
            notes.append(f"  {figure.key}: {figure.note}")
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    if notes:
        lines += ["", "notes:", *notes]
    return "\n".join(lines)


def results(figures: Sequence[Figure], settings: dict[str, Any]) -> dict[str, Any]:
    """JSON-ready results: every figure with its spread, floor and goal, and how the run was set up."""
    return {
        "schema": SCHEMA,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_at_end": list(os.getloadavg()),
            "qt_platform": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        },
        "settings": settings,
        "figures": {figure.key: figure.as_dict() for figure in figures},
    }


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
