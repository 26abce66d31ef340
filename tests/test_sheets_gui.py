"""Price sheets in the window as the person uses them (issue #19 items 11 and 12)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMenu, QTreeWidget, QTreeWidgetItemIterator, QWidget
from pytestqt.qtbot import QtBot

from gui.planning.reprice_view import ImportSheetDialog, RemoveSheetDialog, RepriceDialog
from gui.planning.sheets_dialog import PriceSheetsDialog
from gui.window.main_window import MainWindow
from tests.conftest import EXAMPLES, REPO, when_modal

SHEET = EXAMPLES / "negotiated-2027.yaml"


@pytest.fixture
def active(example_window: MainWindow, qtbot: QtBot) -> MainWindow:
    example_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is example_window)
    return example_window


def open_file_menu_item(qtbot: QtBot, window: MainWindow, text: str, menu: QMenu | None = None) -> None:
    """File > TEXT (or MENU > TEXT), through the menu as the person clicks it."""
    menu = menu or window.file_menu
    menu.aboutToShow.emit()
    action = next(a for a in menu.actions() if a.text().replace("&", "") == text)
    menu.popup(window.mapToGlobal(window.rect().topLeft()))
    qtbot.waitUntil(menu.isVisible)
    rect = menu.actionGeometry(action)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=rect.center())


def choose_file(path: Path) -> Callable[[QWidget], None]:
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        dialog.selectFile(str(path))
        dialog.accept()

    return answer


def import_through_the_menu(qtbot: QtBot, window: MainWindow, path: Path = SHEET) -> None:
    def press_import(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportSheetDialog)
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    when_modal(choose_file(path), QFileDialog)
    # the file dialog closes before the preview opens: answer that one when it comes
    QTimer.singleShot(0, lambda: when_modal(press_import, ImportSheetDialog))
    open_file_menu_item(qtbot, window, "Import Price Sheet...")


def test_an_import_is_a_notice_marks_the_file_unsaved_and_keeps_the_selection(active: MainWindow, qtbot: QtBot) -> None:
    active.select_row(2)
    assert not active.isWindowModified()
    import_through_the_menu(qtbot, active)
    qtbot.waitUntil(lambda: active.message_bar.isVisible())
    assert active.message_bar.kind == "info"  # a success, not the red error strip
    assert active.message_bar.text().startswith("Imported ACME negotiated prices 2027 (example)")
    assert active.isWindowModified() and "*" in active.windowTitle().replace("[*]", "*")
    assert active.current_row() == 2
    selected = [active.list_proxy.mapToSource(i).row() for i in active.scenario_list.selectedIndexes()]
    assert selected == [2]


def _every_row(tree: QTreeWidget) -> list[list[str]]:
    rows = []
    iterator = QTreeWidgetItemIterator(tree)
    while iterator.value():
        item = iterator.value()
        rows.append([item.text(c) for c in range(tree.columnCount())])
        iterator += 1
    return rows


def test_reprice_shows_each_new_rates_source_and_only_the_sheets_in_use(
    active: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    bundled = (REPO / "pricing" / "openai-dall-e.yaml").read_text(encoding="utf-8")
    whole = tmp_path / "acme-dall-e.yaml"  # every DALL-E model of the bundled sheet, at other prices
    whole.write_text(
        bundled.replace("sheet: openai-dall-e", "sheet: acme-dall-e")
        .replace("title: OpenAI DALL-E models", "title: ACME DALL-E prices")
        .replace("order: 20", "order: 210"),
        encoding="utf-8",
    )
    active.document.save(tmp_path / "saved.yaml")  # records the sheet each scenario is priced with
    import_through_the_menu(qtbot, active)
    import_through_the_menu(qtbot, active, whole)
    qtbot.waitUntil(lambda: "ACME DALL-E" in active.message_bar.text())
    seen: list[tuple[str, list[list[str]]]] = []

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, RepriceDialog)
        labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
        seen.append((labels, _every_row(dialog.view)))
        dialog.reject()

    when_modal(read, RepriceDialog)
    open_file_menu_item(qtbot, active, "Re-price...", active.scenario_menu)
    qtbot.waitUntil(lambda: bool(seen))
    labels, rows = seen[0]
    assert "acme-dall-e (checked 2026-11-23)" in labels and "acme-negotiated-2027 (checked 2027-01-05)" in labels
    assert "openai-dall-e" not in labels  # every one of its models is overridden: it prices nothing
    assert "openai-gpt-image (checked" in labels  # still prices the other GPT Image models
    image_input = next(row for row in rows if row[0] == "Image input" and row[1] != row[2])
    assert image_input[5] == "ACME agreement 2027-01"  # the source is in the row's text, not only its tooltip


def test_the_persons_sheets_are_listed_and_one_is_removed_after_its_preview(
    active: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.files.paths import price_sheets_dir

    import_through_the_menu(qtbot, active)
    qtbot.waitUntil(lambda: active.message_bar.isVisible())
    revealed: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: revealed.append(url.toLocalFile()) or True)
    listed: list[list[str]] = []
    previews: list[RemoveSheetDialog] = []

    def confirm(dialog: QWidget) -> None:
        assert isinstance(dialog, RemoveSheetDialog)
        previews.append(dialog)
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)

    def use(dialog: QWidget) -> None:
        assert isinstance(dialog, PriceSheetsDialog)
        listed.extend(_every_row(dialog.tree))
        qtbot.mouseClick(dialog.reveal_button, Qt.MouseButton.LeftButton)
        when_modal(confirm, RemoveSheetDialog)
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
        listed.append(["after", str(dialog.tree.topLevelItemCount())])
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    when_modal(use, PriceSheetsDialog)
    open_file_menu_item(qtbot, active, "Price Sheets...")
    qtbot.waitUntil(lambda: len(listed) == 2)
    assert listed == [
        ["acme-negotiated-2027", "ACME negotiated prices 2027 (example)", "2027-01-05", "negotiated-2027.yaml"],
        ["after", "0"],
    ]
    assert revealed == [str(price_sheets_dir())]
    (preview,) = previews
    assert preview.diff.changes and all(c.model == "gpt-image-2" for c in preview.diff.changes)  # as the import showed
    assert not (price_sheets_dir() / SHEET.name).exists()
    assert (price_sheets_dir() / (SHEET.name + ".bak")).read_text() == SHEET.read_text()  # kept, out of use
    est = active.priced.row(1).estimate
    assert est is not None and est.sheet == "openai-gpt-image"  # priced with the bundled sheet again
    assert active.message_bar.kind == "info" and active.message_bar.text().startswith("Removed ACME negotiated")
    assert active.isWindowModified()
