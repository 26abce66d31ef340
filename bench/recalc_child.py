"""Child process for the recalculation figures: time control changes to totals painted.

    python -m bench.recalc_child FILE SAMPLES [breakdown|comparison]

Opens FILE (1,000 scenarios in `make bench`) in the real main window, selects
the first scenario whose volume is per month, types 20000 as its volume and
then, alternately, types into the volume field (a digit appended, then
removed) and switches the model in its combo box with the keyboard, as a
person would. Each sample runs from just before the key press
is delivered until the scenario's monthly figure and the document's grand
total have both been repainted with their new text and the frame is done
(a zero timer after the last of those paint events). Prints one JSON line:
{"volume": [ms, ...], "model": [ms, ...], "volume_cpu": [...], "model_cpu": [...]},
the CPU time of the same samples (what the app itself spent, whatever else the
machine was doing).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QWidget

#: A sample that shows nothing new within this long counts as a failure of the harness, not a figure.
TIMEOUT_MS = 5_000
#: Quiet time between samples, so deferred work from one change does not land in the next.
SETTLE_MS = 15
WARM_UP = 6
#: Scenarios added, one at a time with the window's own shortcut, after the comparison samples.
ADD_SAMPLES = 20
ADD_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


class _Painted(QObject):
    """Ends LOOP once the watched widgets show the change and the frame is done.

    LABELS count when their text changed and they were then painted; ALSO
    (e.g. a table's viewport) count once painted after the change.
    """

    def __init__(self, labels: list[QLabel], also: list[QWidget]) -> None:
        super().__init__()
        self.labels = labels
        self.also = also
        self.before: list[str] = []
        self.painted: set[int] = set()
        self.loop = QEventLoop()
        self.done_at = 0.0
        self.cpu_done_at = 0.0
        self.finishing = False
        self.armed = False
        for widget in [*labels, *also]:
            widget.installEventFilter(self)

    def arm(self) -> None:
        self.before = [label.text() for label in self.labels]
        self.armed = True
        self.painted.clear()
        self.finishing = False
        self.done_at = 0.0

    def _waiting_for(self) -> set[int]:
        changed = {i for i, label in enumerate(self.labels) if label.text() != self.before[i]}
        if not changed:
            return set()  # nothing new yet: the change has not reached the totals
        return changed | {len(self.labels) + i for i in range(len(self.also))}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.armed and event.type() == QEvent.Type.Paint and not self.finishing:
            widgets: list[QWidget] = [*self.labels, *self.also]
            index = next(i for i, widget in enumerate(widgets) if widget is watched)
            waiting = self._waiting_for()
            if index in waiting:
                self.painted.add(index)
            if waiting and waiting <= self.painted:
                self.finishing = True
                QTimer.singleShot(0, self._finish)
        return False

    def _finish(self) -> None:
        self.done_at = time.perf_counter()
        self.cpu_done_at = time.process_time()
        self.armed = False
        self.loop.quit()


def _measure(watch: _Painted, action: Callable[[], None]) -> tuple[float, float]:
    """Wall-clock and CPU milliseconds from ACTION to the new totals on screen."""
    watch.arm()
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(watch.loop.quit)
    guard.start(TIMEOUT_MS)
    cpu_start = time.process_time()
    start = time.perf_counter()
    action()
    if not watch.done_at:
        watch.loop.exec()
    guard.stop()
    if not watch.done_at:
        raise RuntimeError("the totals were not repainted after the change (nothing new on screen)")
    elapsed = (watch.done_at - start) * 1000, (watch.cpu_done_at - cpu_start) * 1000
    QTest.qWait(SETTLE_MS)
    return elapsed


def _model_indexes(combo: QComboBox) -> tuple[int, int]:
    """Two models of the combo whose prices differ, so switching between them changes the totals."""
    wanted = ("gpt-image-1-mini", "gpt-image-1")
    found: list[int] = []
    for model_id in wanted:
        for index in range(combo.count()):
            if combo.itemData(index) == model_id or combo.itemText(index).split()[0] == model_id:
                found.append(index)
                break
    if len(found) != len(wanted):
        raise RuntimeError(f"the model combo lists neither of {wanted}")
    return found[0], found[1]


def run(path: Path, samples: int, view: str = "breakdown") -> dict[str, list[float]]:
    """VIEW "breakdown": the scenario's figures beside the form (the window as it opens);
    "comparison": the comparison table in front, sorted by monthly cost (a moved row re-sorts once edits pause)."""
    from gui.window.main_window import MainWindow  # type: ignore[import-not-found,unused-ignore]  # once landed

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    if not window.open_path(path, ask=False):
        raise RuntimeError(f"the window did not open {path}")
    QTest.qWaitForWindowExposed(window)
    scenarios = window.document.scenarios
    window.select_row(next(i for i, s in enumerate(scenarios) if s.volume_unit == "month"))
    app.processEvents()
    form = window.form
    volume: QLineEdit = form.volume_edit
    combo: QComboBox = form.model_combo
    if view == "comparison":
        from gui.views.scenario_table import COL_PER_MONTH

        window.tabs.setCurrentWidget(window.comparison)
        window.comparison.sortByColumn(COL_PER_MONTH, Qt.SortOrder.DescendingOrder)
        watch = _Painted([window.total_label], [window.comparison.viewport()])
    else:
        watch = _Painted([window.totals.per_month, window.total_label], [])
    low, high = _model_indexes(combo)
    # Start on the cheaper model with a plain typed volume, and the window painted.
    combo.setCurrentIndex(low)
    volume.setFocus()
    volume.selectAll()
    QTest.keyClicks(volume, "20000")
    QTest.qWait(50)

    def type_digit() -> None:
        volume.setFocus()
        volume.end(False)
        QTest.keyClick(volume, Qt.Key.Key_7)

    def erase_digit() -> None:
        volume.setFocus()
        volume.end(False)
        QTest.keyClick(volume, Qt.Key.Key_Backspace)

    def switch_model() -> None:
        combo.setFocus()
        step = Qt.Key.Key_Down if combo.currentIndex() < max(low, high) else Qt.Key.Key_Up
        target = high if combo.currentIndex() == low else low
        while combo.currentIndex() != target:  # neighbours in the list: usually one key press
            QTest.keyClick(combo, step)

    results: dict[str, list[float]] = {"volume": [], "model": [], "volume_cpu": [], "model_cpu": []}
    for index in range(WARM_UP + samples):
        kind = "volume" if index % 2 == 0 else "model"
        if kind == "volume":
            action = type_digit if len(volume.text()) < 9 and (index // 2) % 2 == 0 else erase_digit
        else:
            action = switch_model
        wall, cpu = _measure(watch, action)
        if index >= WARM_UP:
            results[kind].append(wall)
            results[f"{kind}_cpu"].append(cpu)
    if view == "comparison":
        results.update(_adds(window, watch, ADD_SAMPLES))
    return results


def _adds(window: QWidget, watch: _Painted, samples: int) -> dict[str, list[float]]:
    """Ctrl+Shift+N (Add Scenario) until the grand total and the sorted table show the new scenario."""
    found: dict[str, list[float]] = {"add": [], "add_cpu": []}
    window.activateWindow()  # the shortcut belongs to the active window
    QTest.qWaitForWindowActive(window)
    for _ in range(samples):
        wall, cpu = _measure(watch, lambda: QTest.keyClick(window, Qt.Key.Key_N, ADD_MODIFIERS))
        found["add"].append(wall)
        found["add_cpu"].append(cpu)
    return found


def main(argv: list[str]) -> int:
    results = run(Path(argv[0]), int(argv[1]), *argv[2:3])
    print(json.dumps(results))
    sys.stdout.flush()
    # Leave without closing the edited window: it would ask about unsaved changes.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
