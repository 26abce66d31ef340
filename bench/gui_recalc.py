"""How long the window takes to re-price after an edit with 1,000 scenarios open.

Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_recalc.py [COUNT]`.
Measures, through the real MainWindow: opening a COUNT-scenario file, one
volume edit typed into the form (re-price the row, the total, the breakdown,
the sorted comparison table), undo, and adding a scenario. Prints the median
and worst of several runs in milliseconds.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_tmp = Path(tempfile.mkdtemp(prefix="imagecost-bench-"))
for _var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[_var] = str(_tmp / _var.lower())

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from core.storage.scenario_file import ScenarioFile, load, save  # noqa: E402
from gui.views.scenario_table import COL_PER_MONTH  # noqa: E402
from gui.window.main_window import MainWindow  # noqa: E402

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "example.yaml"
RUNS = 15


def big_file(count: int) -> Path:
    base = load(EXAMPLE).scenarios
    scenarios = [
        base[i % len(base)].updated(name=f"Scenario {i + 1}", requests_per_month=1000 + i) for i in range(count)
    ]
    path = _tmp / f"{count}.yaml"
    save(ScenarioFile(scenarios=scenarios), path, backup=False)
    return path


def ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    app = QApplication.instance() or QApplication(sys.argv[:1])
    path = big_file(count)
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    window.tabs.setCurrentWidget(window.comparison)
    window.comparison.sortByColumn(COL_PER_MONTH, Qt.SortOrder.DescendingOrder)
    app.processEvents()

    start = time.perf_counter()
    window.open_path(path, ask=False)
    app.processEvents()
    print(f"open {count} scenarios: {ms(start):.1f} ms")

    window.select_row(count // 2)
    app.processEvents()
    edits: list[float] = []
    undos: list[float] = []
    for run in range(RUNS):
        start = time.perf_counter()
        window.form.volume_edit.setText(f"{5000 + run:,}")
        window.form.volume_edit.textEdited.emit(window.form.volume_edit.text())
        app.processEvents()
        edits.append(ms(start))
        start = time.perf_counter()
        window.undo_action.trigger()
        app.processEvents()
        undos.append(ms(start))
    adds: list[float] = []
    for _ in range(5):
        start = time.perf_counter()
        window.add_action.trigger()
        app.processEvents()
        adds.append(ms(start))
    for name, values in (("edit volume", edits), ("undo", undos), ("add scenario", adds)):
        print(f"{name}: median {statistics.median(values):.1f} ms, worst {max(values):.1f} ms")
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
