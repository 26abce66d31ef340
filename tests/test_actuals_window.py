"""The Actuals tab in the main window: import, the reconciliation shown, Calibrate as one undoable edit.

The usage files are the synthetic examples in docs/examples/usage (tests/usage_logs.py wrote them).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from gui.planning import actuals_tool
from gui.window.main_window import MainWindow
from tests.conftest import EXAMPLES
from tests.usage_logs import response, write_jsonl

USAGE = EXAMPLES / "usage"


@pytest.fixture
def window(example_window: MainWindow) -> MainWindow:
    return example_window


class Answers:
    """Stands in for the was -> now question: records it and answers as told."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, _parent: QWidget, _title: str, text: str) -> bool:
        self.asked.append(text)
        return self.answer


def test_the_tab_and_its_menus(window: MainWindow) -> None:
    tool = window.actuals
    assert tool.import_action in window.file_menu.actions()
    tool.show_action.trigger()
    assert window.tabs.currentWidget() is tool.page
    assert tool.panel.summary.text() == actuals_tool.EMPTY_TEXT
    assert not tool.panel.calibrate_button.isEnabled()


def test_import_shows_the_reconciliation(window: MainWindow) -> None:
    tool = window.actuals
    assert tool.import_usage([USAGE / "responses.jsonl", USAGE / "usage.json"])
    assert window.tabs.currentWidget() is tool.page
    assert tool.panel.summary.text() == (
        "2 files read: 33 records. Nothing in the scenario file changes until you calibrate."
    )
    text = tool.panel.report.toPlainText()
    assert 'Scenario "Onboarding thumbnails" (gpt-image-1-mini/low/1024x1024)' in text
    assert "gpt-image-1.5/high/1024x1024" in text  # not in the plan: listed, not dropped
    items = [tool.panel.scenario.itemText(i) for i in range(tool.panel.scenario.count())]
    assert items == ["Onboarding thumbnails", "Marketplace listing edits"]
    assert tool.panel.changes.text() == (
        "Calibrate would set: requests per month: 20,000 -> 19,200; prompt tokens: 0 -> 40"
    )


def test_calibrate_asks_then_edits_once_and_undoes(window: MainWindow, tmp_path: Path) -> None:
    tool = window.actuals
    answers = Answers(True)
    tool._confirm = answers
    tool.import_usage([USAGE / "responses.jsonl", USAGE / "usage.json"])
    before = window.document.scenario(0)
    assert tool.calibrate()
    assert answers.asked == [
        "Set 'Onboarding thumbnails' from its actuals?\n\n"
        "    requests per month: 20,000 -> 19,200\n    prompt tokens: 0 -> 40\n\nEdit > Undo puts it back."
    ]
    after = window.document.scenario(0)
    assert (after.requests_per_month, after.prompt_tokens) == (19_200, 40)
    stack = window.document.undo_stack
    assert stack.undoText() == "Calibrate (Onboarding thumbnails)"
    stack.undo()
    assert window.document.scenario(0) == before
    # The tab follows the document: calibrated again it has nothing more to set for that scenario.
    stack.redo()
    items = [tool.panel.scenario.itemText(i) for i in range(tool.panel.scenario.count())]
    assert "Onboarding thumbnails" not in items


def test_calibrate_refused_changes_nothing(window: MainWindow) -> None:
    tool = window.actuals
    tool._confirm = Answers(False)
    tool.import_usage([USAGE / "responses.jsonl"])
    before = window.document.scenarios
    assert not tool.calibrate()
    assert window.document.scenarios == before
    assert not window.document.is_modified()


def test_the_file_on_disk_is_untouched(window: MainWindow, tmp_path: Path) -> None:
    copy = tmp_path / "plan.yaml"
    shutil.copy(EXAMPLES / "example.yaml", copy)
    assert window.open_path(copy, ask=False)
    tool = window.actuals
    tool._confirm = Answers(True)
    tool.import_usage([USAGE / "responses.jsonl"])
    tool.calibrate()
    assert copy.read_bytes() == (EXAMPLES / "example.yaml").read_bytes()
    assert window.document.is_modified()


def test_nothing_read_says_why(window: MainWindow, tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    assert not window.actuals.import_usage([empty])
    assert window.message_bar.text() == "No usage could be read: empty.jsonl: the file is empty"
    assert window.actuals.collected is None


def test_cancel_keeps_what_was_there(window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tool = window.actuals
    tool.import_usage([USAGE / "responses.jsonl"])
    shown = tool.panel.report.toPlainText()
    log = write_jsonl(tmp_path / "big.jsonl", [response("low", "1024x1024", model="gpt-image-1", image_out=272)] * 600)
    monkeypatch.setattr(actuals_tool.QProgressDialog, "wasCanceled", lambda _self: True)
    assert not tool.import_usage([log])
    assert window.message_bar.text() == "The usage import was cancelled; nothing changed."
    assert tool.panel.report.toPlainText() == shown


def test_several_files_from_the_dialog(window: MainWindow) -> None:
    tool = window.actuals
    tool._choose_files = lambda _parent: [USAGE / "batch_input.jsonl", USAGE / "batch_output.jsonl"]
    tool.import_action.trigger()
    assert [report.format for report in tool.collected.files] == ["Batch API input file", "Batch API output file"]
    assert 'Scenario "Campaign heroes"' in tool.panel.report.toPlainText()


def test_files_dropped_on_the_tab_are_imported(window: MainWindow) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    tool = window.actuals
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(USAGE / "usage.json")), QUrl.fromLocalFile(str(USAGE / "costs.json"))])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    tool.panel.dropEvent(event)
    assert event.isAccepted() and event.dropAction() == Qt.DropAction.CopyAction  # never a Move
    assert [report.path.name for report in tool.collected.files] == ["usage.json", "costs.json"]
    assert "Billed (Costs API)" in tool.panel.report.toPlainText()


def test_the_tab_charts_planned_against_actual(window: MainWindow) -> None:
    tool = window.actuals
    assert tool.panel.chart.svg() == ""  # nothing imported: no chart
    tool.import_usage([USAGE / "responses.jsonl", USAGE / "usage.json"])
    svg = tool.panel.chart.svg(720, 400)
    assert actuals_tool.CHART_TITLE in svg
    # The first scenario's pair: $100.00 planned, $43.32 actual (the report's own figures).
    assert "Onboarding thumbnails: planned" in svg and "Onboarding thumbnails: actual" in svg
    assert "$100.00" in svg and "$43.32" in svg


def test_the_quote_exports_carry_the_actuals_when_asked(window: MainWindow, tmp_path: Path) -> None:
    from core.quote.export import ExportFormat

    out = tmp_path / "quote.md"
    window.quote_actions.export(ExportFormat.MD, out)
    assert "Plan against actual usage" not in out.read_text(encoding="utf-8")  # nothing imported yet
    window.actuals.import_usage([USAGE / "responses.jsonl", USAGE / "usage.json"])
    window.quote_actions.export(ExportFormat.MD, out)
    text = out.read_text(encoding="utf-8")
    assert "## Plan against actual usage" in text
    assert "| Onboarding thumbnails | $100.00 | $43.32 | -$56.68 (-56.7%) |" in text
    window.actuals.panel.in_quote.setChecked(False)
    window.quote_actions.export(ExportFormat.MD, out)
    assert "Plan against actual usage" not in out.read_text(encoding="utf-8")


def test_a_drop_that_can_only_move_is_refused(window: MainWindow) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(USAGE / "usage.json"))])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.actuals.panel.dropEvent(event)
    assert not event.isAccepted()
    assert window.actuals.collected is None
