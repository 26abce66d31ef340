"""Plan sections from the window: ticked in Quote Details by click and key, undoable, in the export."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from core.quote.export import ExportFormat
from gui.editors.quote_details import QuoteDetailsDialog
from gui.window.main_window import MainWindow
from tests.conftest import when_modal

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(example_window: MainWindow) -> MainWindow:
    """The example file open, the tools built (tests/conftest.py)."""
    return example_window


def _press(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    """KEY to the window's focused widget, once the window is active again (a dialog may just have closed)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def _cells(table: QTableWidget, column: int) -> list[str]:
    return [table.item(row, column).text() for row in range(table.rowCount())]  # type: ignore[union-attr]


def _tick_in_quote_details(qtbot: QtBot, window: MainWindow) -> list[str]:
    """Open File > Quote Details… with the keyboard; click Budget fit, Alt+G for Growth projection, click OK.

    Returns what the dialog's boxes said when it was open (asserted by the caller: the dialog runs modal).
    """
    seen: list[str] = []

    def in_dialog(dialog: QWidget) -> None:
        assert isinstance(dialog, QuoteDetailsDialog)
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # its Alt+letter keys need it active
        boxes = dialog.plan_boxes
        seen.append(",".join(name for name, box in boxes.items() if box.isChecked()) or "none")
        qtbot.mouseClick(boxes["budget"], Qt.MouseButton.LeftButton)
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_G, ALT)
        qtbot.waitUntil(boxes["growth"].isChecked, timeout=2000)  # a mnemonic's click is animated
        seen.append(",".join(name for name, box in boxes.items() if box.isChecked()))
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    when_modal(in_dialog, QuoteDetailsDialog)
    _press(qtbot, window, Qt.Key.Key_F, ALT)  # the File menu
    qtbot.waitUntil(lambda: window.file_menu.isVisible())
    qtbot.keyClick(window.file_menu, Qt.Key.Key_D)  # Quote &Details…: runs the dialog until OK
    qtbot.waitUntil(lambda: len(seen) == 2)
    return seen


def test_a_section_ticked_in_quote_details_is_in_the_exported_pdf_with_the_plan_tabs_figures(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = window.planning.plan
    qtbot.keyClicks(plan.budget.edit, "1000")  # Plan > Budget, typed
    qtbot.keyClick(plan.budget.edit, Qt.Key.Key_Return)
    assert window.document.plan.monthly_budget == 1000

    assert _tick_in_quote_details(qtbot, window) == ["none", "budget,growth"]
    assert window.document.quote.plan_sections == ["budget", "growth"]
    assert window.document.undo_stack.undoText() == "Quote Details"

    target = tmp_path / "quote.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    _press(qtbot, window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # Export Quote > PDF
    qtbot.waitUntil(target.exists)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "Budget fit" in text and "Growth projection" in text and "Rate limits" not in text
    budget = text.split("Budget fit", 1)[1]
    # The figures the Plan tab shows: each scenario's cost against the budget, marks included, and the total.
    for figure in [*_cells(plan.budget.fit_table, 1), *_cells(plan.budget.fit_table, 2)[:-1]]:
        assert figure in budget
    assert "$8.80 a month left over" in budget
    growth = text.split("Growth projection", 1)[1]
    months = plan.growth.table.rowCount() - 1  # the last row is the twelve months' total
    for figure in [*_cells(plan.growth.table, 2)[:months], *_cells(plan.growth.table, 3)[:months]]:
        assert figure in growth

    _press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Undo Quote Details
    assert window.document.quote.plan_sections == []


def test_the_boxes_show_what_the_file_includes(qtbot: QtBot, window: MainWindow) -> None:
    header = window.document.quote.model_copy(update={"plan_sections": ["rate-limits"]})
    dialog = QuoteDetailsDialog(header, window)
    qtbot.addWidget(dialog)
    assert [box.isChecked() for box in dialog.plan_boxes.values()] == [False, True, False]
    assert [box.text() for box in dialog.plan_boxes.values()] == ["&Budget fit", "Rate &limits", "&Growth projection"]
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_L, ALT)  # Rate &limits: off again
    qtbot.waitUntil(lambda: not dialog.plan_boxes["rate-limits"].isChecked())  # a mnemonic's click is animated
    assert dialog.read_header().plan_sections == []


def test_selected_scenario_only_puts_only_that_scenario_in_the_sections(window: MainWindow, tmp_path: Path) -> None:
    window.document.edit_quote(window.document.quote.model_copy(update={"plan_sections": ["budget", "rate-limits"]}))
    window.document.edit_plan(window.document.plan.model_copy(update={"monthly_budget": Decimal(500)}), "Budget")
    window.select_row(2)
    window.quote_actions.only_selected_action.setChecked(True)
    path = tmp_path / "one.json"
    assert window.quote_actions.export(ExportFormat.JSON, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [s["name"] for s in data["budget_fit"]["scenarios"]] == ["Campaign heroes"]
    assert data["budget_fit"]["total_monthly"] == data["scenarios"][0]["monthly"]
    assert [s["name"] for s in data["rate_limits"]["scenarios"]] == ["Campaign heroes"]
