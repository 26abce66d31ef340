"""Actual usage in the window: File > Import Usage..., the Actuals tab and Calibrate.

What the tab shows is what ``core.actuals`` computes, in the same words the
command line's ``actuals`` prints; it follows the document (an edited scenario
is reconciled again, nothing is read again). Calibrate sets a scenario's
fields from its actuals as one undoable edit, after showing was -> now.
Nothing in the scenario file changes until the person calibrates and saves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.actuals.calibrate import Change, calibrated, calibration
from core.actuals.groups import Collected
from core.actuals.read import ImportCancelled, read_usage
from core.actuals.reconcile import Reconciliation, Row, reconcile
from core.actuals.render import CHART_TITLE, actuals_section, chart_bars, reconciliation_text
from core.errors import ImageCostError
from core.quote.charts import comparison_chart
from core.sections import Section
from gui.document.commands import CALIBRATE
from gui.shortcuts import assign
from gui.tool_host import ToolHost
from gui.views.chart_view import ChartView
from gui.views.plain_text import as_text, esc, plain_label
from gui.views.report_text import ReportText

EMPTY_TEXT = (
    "No usage imported yet. File > Import Usage... reads Images API response logs, Batch API input and "
    "output files, and Usage or Costs API exports (docs/actuals.md); choose several files at once, or drop "
    "them here."
)
FILE_FILTER = "Usage files (*.jsonl *.json *.txt *.log);;All files (*)"
#: The progress bar's steps.
STEPS = 1000

ChooseFiles = Callable[[QWidget], list[Path]]
Confirm = Callable[[QWidget, str, str], bool]


def _choose_files(parent: QWidget) -> list[Path]:
    names, _filter = QFileDialog.getOpenFileNames(parent, "Import usage", "", FILE_FILTER)
    return [Path(name) for name in names]


def _confirm(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, as_text(text))
    return answer == QMessageBox.StandardButton.Yes


def dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """The local files of a drag (folders included: the import says what it cannot read)."""
    data = event.mimeData()
    urls = data.urls() if data.hasUrls() else []
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]


class ActualsPanel(QWidget):
    """The Actuals tab: the reconciliation as text, and Calibrate for the scenario chosen.

    Usage files dropped on it are imported (over the rest of the window a drop opens a scenario file).
    """

    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.summary = plain_label(EMPTY_TEXT)
        self.summary.setWordWrap(True)
        self.report = ReportText()  # sentences wrap at the pane's edge, table rows stay whole
        self.report.setAcceptDrops(False)  # a drop on the report goes to the panel: an import
        self.report.setAccessibleName("Plan against actual usage")
        self.scenario = QComboBox()
        self.scenario.setAccessibleName("Scenario to calibrate")
        self.calibrate_button = QPushButton("Calibrate...")  # no free Alt letter beside the form's
        self.calibrate_button.setToolTip("Set the scenario's volume, retries and tokens from its actuals (undoable)")
        self.changes = plain_label()
        self.changes.setWordWrap(True)
        self.changes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Scenario:"))
        bar.addWidget(self.scenario, 1)
        bar.addWidget(self.calibrate_button)
        self.in_quote = QCheckBox("In the quote")
        self.in_quote.setChecked(True)
        self.in_quote.setToolTip("Add this reconciliation to the quote's print and exports (not CSV)")
        bar.addWidget(self.in_quote)
        self.chart = ChartView("Planned vs actual cost per month")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.report)
        split.addWidget(self.chart)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addLayout(bar)
        layout.addWidget(self.changes)
        self.rows: list[Row] = []
        self.scenario.currentIndexChanged.connect(self._show_changes)
        self.show_result(None)

    def show_result(self, result: Reconciliation | None, summary: str = EMPTY_TEXT) -> None:
        """Show RESULT (None: nothing imported); the scenarios with something to calibrate go in the list."""
        self.summary.setText(summary)
        self.report.setPlainText(reconciliation_text(result) if result is not None else "")
        bars = chart_bars(result) if result is not None else []
        self.chart.set_source(
            (lambda width, height: comparison_chart(bars, width=width, height=height, title=CHART_TITLE))
            if bars
            else None
        )
        chosen = self.scenario.currentText()
        self.rows = [row for row in result.rows if calibration(row)] if result is not None else []
        self.scenario.blockSignals(True)
        self.scenario.clear()
        self.scenario.addItems([row.target.name for row in self.rows])
        if chosen in [row.target.name for row in self.rows]:
            self.scenario.setCurrentText(chosen)
        self.scenario.blockSignals(False)
        self._show_changes()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        # Copy only, never the source's proposed Move: a source that honours Move deletes the file.
        if dropped_files(event) and event.possibleActions() & Qt.DropAction.CopyAction:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_files(event)
        if not paths or not event.possibleActions() & Qt.DropAction.CopyAction:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.files_dropped.emit(paths)

    def selected(self) -> Row | None:
        index = self.scenario.currentIndex()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def _show_changes(self, *_args: object) -> None:
        row = self.selected()
        changes = calibration(row) if row is not None else ()
        self.calibrate_button.setEnabled(bool(changes))
        self.scenario.setEnabled(bool(self.rows))
        if row is None:
            self.changes.setText("Nothing to calibrate." if self.report.toPlainText() else "")
            return
        self.changes.setText("Calibrate would set: " + "; ".join(str(change) for change in changes))


class ActualsTool(QObject):
    """Imports usage, keeps the Actuals tab in step with the document, and calibrates."""

    #: The reconciliation shown changed (a new import, an edit, the include box): the quote follows.
    changed = Signal()

    def __init__(
        self, host: ToolHost, *, choose_files: ChooseFiles = _choose_files, confirm: Confirm = _confirm
    ) -> None:
        super().__init__(host.dialog_parent())
        self.host = host
        self.document = host.document
        self._choose_files = choose_files
        self._confirm = confirm
        self.collected: Collected | None = None
        self.paths: list[Path] = []
        self.result: Reconciliation | None = None
        self.panel = ActualsPanel()
        self.page = host.tool_tab("actuals")
        self.page.set_content(self.panel)
        w = host.dialog_parent()
        self.import_action = QAction("Import &Usage...", w)
        self.import_action.setStatusTip("Read what the API billed and set it beside the plan (the Actuals tab)")
        self.import_action.triggered.connect(self._import_chosen)
        host.add_actions("file", [self.import_action])
        self.show_action = assign(QAction("&Actuals", w), "view.actuals")
        self.show_action.triggered.connect(lambda: host.tabs.setCurrentWidget(self.page))
        host.add_actions("view", [self.show_action])
        self.panel.calibrate_button.clicked.connect(self._calibrate_selected)
        self.panel.files_dropped.connect(self.import_usage)
        for signal in (self.document.documentChanged, self.document.documentReset, self.document.catalogChanged):
            signal.connect(self.refresh)
        self.panel.in_quote.toggled.connect(self.changed)

    def _import_chosen(self) -> None:
        self.import_usage()

    def _calibrate_selected(self) -> None:
        self.calibrate()

    def import_usage(self, paths: Sequence[Path] | None = None) -> bool:
        """Read PATHS (asked for when None) with a progress bar that can cancel; True if anything was read."""
        parent = self.host.dialog_parent()
        chosen = list(paths) if paths is not None else self._choose_files(parent)
        if not chosen:
            return False
        progress = QProgressDialog("Reading usage...", "Cancel", 0, STEPS, parent)
        progress.setWindowTitle("Import usage")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)

        def tick(done: int, total: int) -> bool:
            progress.setValue(STEPS * done // total if total else STEPS)
            QApplication.processEvents()
            return not progress.wasCanceled()

        try:
            collected = read_usage(chosen, self.document.catalog, progress=tick)
        except ImportCancelled:
            self.host.message_bar.show_message("The usage import was cancelled; nothing changed.", "info")
            return False
        except ImageCostError as exc:
            self.host.message_bar.show_message(f"No usage could be read: {esc(exc)}")
            return False
        finally:
            progress.close()
        self.collected, self.paths = collected, chosen
        self.refresh()
        self.host.tabs.setCurrentWidget(self.page)
        return True

    def _summary(self, collected: Collected) -> str:
        read = sum(report.records for report in collected.files)
        bad = sum(report.bad for report in collected.files)
        refused = sum(1 for report in collected.files if report.refused)
        files = len(collected.files)
        text = f"{files} file{'s' if files != 1 else ''} read: {read:,} records"
        if bad:
            text += f", {bad:,} lines that could not be counted"
        if refused:
            text += f", {refused} file{'s' if refused != 1 else ''} refused"
        return text + ". Nothing in the scenario file changes until you calibrate."

    def refresh(self, *_args: object) -> None:
        """Reconcile what was read with the document as it is now (nothing is read again)."""
        if self.collected is None:
            return
        try:
            self.result = reconcile(self.collected, self.document.scenarios, self.document.catalog)
        except ImageCostError as exc:
            self.result = None
            self.panel.show_result(None, f"The actuals cannot be set beside this plan: {exc}")
            return
        self.panel.show_result(self.result, self._summary(self.collected))
        self.changed.emit()

    def quote_sections(self) -> list[Section]:
        """The actuals as a section of the quote's exports and print, when imported and asked for."""
        if self.result is None or not self.panel.in_quote.isChecked():
            return []
        return [actuals_section(self.result)]

    def calibrate(self, row: Row | None = None) -> bool:
        """Set the chosen scenario's fields from its actuals, as one undoable edit, if the person agrees."""
        row = row or self.panel.selected()
        if row is None:
            return False
        changes = calibration(row)
        index = self._row_of(row)
        if not changes or index is None:
            return False
        if not self._confirm(self.host.dialog_parent(), "Calibrate", _question(row, changes)):
            return False
        try:
            new = calibrated(row.target.scenario, changes)
        except ImageCostError as exc:
            self.host.message_bar.show_message(f"Cannot calibrate '{esc(row.target.name)}': {esc(exc)}")
            return False
        self.document.edit(index, new, CALIBRATE)
        self.host.message_bar.show_message(
            f"Calibrated '{esc(row.target.name)}' from its actuals. Edit > Undo puts it back.", "info"
        )
        return True

    def _row_of(self, row: Row) -> int | None:
        """The document row of ROW's scenario, as it was reconciled (None if it has changed since)."""
        for index, scenario in enumerate(self.document.scenarios):
            if scenario == row.target.scenario:
                return index
        return None


def _question(row: Row, changes: tuple[Change, ...]) -> str:
    lines = "\n".join(f"    {change}" for change in changes)
    return f"Set '{row.target.name}' from its actuals?\n\n{lines}\n\nEdit > Undo puts it back."
