"""Issue #13: every value a person types is the value kept, and every key does what it says.

Each test drives the window as the person did: keys and clicks sent to widgets
(qtbot.keyClick, keyClicks, mouseClick), never action.trigger() or a slot.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from core.pricing.defaults import default_scenario
from gui.shortcuts import ActionName, key_sequences
from gui.views import dialogs
from gui.window.main_window import MainWindow


def press(qtbot: QtBot, window: MainWindow, name: ActionName) -> None:
    """Send the first key of NAME (from gui/shortcuts.py) to the focused widget, as a keyboard would."""
    combo = key_sequences(name)[0][0]
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())


def focus(qtbot: QtBot, window: MainWindow, widget: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


# -- 3: every tab's shortcut reaches its tab, sent as a key -----------------------------------
@pytest.mark.parametrize(
    ("name", "tab"),
    [
        ("view.stages", "stages_tab"),
        ("view.plan", "plan_tab"),
        ("view.charts", "charts_tab"),
        ("view.comparison", "comparison"),
        ("view.breakdown", "totals"),
    ],
)
def test_each_tab_shortcut_sent_as_a_key_opens_its_tab(
    qtbot: QtBot, example_window: MainWindow, name: ActionName, tab: str
) -> None:
    window = example_window
    focus(qtbot, window, window.scenario_list)
    start = window.plan_tab if tab != "plan_tab" else window.totals
    window.tabs.setCurrentWidget(start)
    press(qtbot, window, name)
    assert window.tabs.currentWidget() is getattr(window, tab)


def test_tab_shortcuts_work_from_inside_a_form_field(qtbot: QtBot, example_window: MainWindow) -> None:
    window = example_window
    focus(qtbot, window, window.form.name_edit)
    press(qtbot, window, "view.stages")
    assert window.tabs.currentWidget() is window.stages_tab
    press(qtbot, window, "view.charts")
    assert window.tabs.currentWidget() is window.charts_tab


# -- 5: Add gives a fresh scenario, Duplicate copies ------------------------------------------
def test_add_gives_a_fresh_default_scenario_and_duplicate_copies(qtbot: QtBot, example_window: MainWindow) -> None:
    window = example_window
    window.select_row(1)
    selected = window.document.scenario(1)
    count = len(window.document)
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    assert len(window.document) == count + 1
    added = window.document.scenario(window.current_row())
    assert added == default_scenario(window.document.catalog, added.name)
    assert added.name not in {s.name for s in window.document.scenarios[:count]}
    assert added.model_dump(exclude={"name"}) != selected.model_dump(exclude={"name"})

    window.select_row(1)
    qtbot.mouseClick(window.duplicate_button, Qt.MouseButton.LeftButton)
    copy = window.document.scenario(window.current_row())
    assert copy.model_dump(exclude={"name"}) == selected.model_dump(exclude={"name"})


def test_add_scenario_by_its_key_is_fresh_too(qtbot: QtBot, example_window: MainWindow) -> None:
    window = example_window
    window.select_row(1)
    focus(qtbot, window, window.scenario_list)
    press(qtbot, window, "scenario.add")
    added = window.document.scenario(window.current_row())
    assert added == default_scenario(window.document.catalog, added.name)


# -- 8: Save As and Open start in Documents/Image Cost Calculator -----------------------------
@pytest.fixture
def documents(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A fresh home whose Documents folder exists (platformdirs reads XDG_DOCUMENTS_DIR)."""
    docs = tmp_path / "Documents"
    docs.mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(docs))
    return docs


def test_save_as_starts_in_the_documents_app_folder_with_an_imagecost_name(
    qtbot: QtBot, window: MainWindow, documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Path] = []
    monkeypatch.setattr(dialogs, "save_file_name", lambda _parent, suggested: asked.append(suggested))
    focus(qtbot, window, window.scenario_list)
    press(qtbot, window, "file.save_as")
    assert asked == [documents / "Image Cost Calculator" / "Scenarios.imagecost.yaml"]
    assert asked[0].parent.is_dir()


def test_open_starts_in_the_documents_app_folder(
    qtbot: QtBot, window: MainWindow, documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Path] = []
    monkeypatch.setattr(dialogs, "open_file_name", lambda _parent, folder: asked.append(folder))
    focus(qtbot, window, window.scenario_list)
    press(qtbot, window, "file.open")
    assert asked == [documents / "Image Cost Calculator"]
    assert asked[0].is_dir()


def test_a_name_typed_without_a_suffix_gets_the_imagecost_one(
    qtbot: QtBot, window: MainWindow, documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(documents / "mine"), ""))
    assert dialogs.save_file_name(window, documents / "x.imagecost.yaml") == documents / "mine.imagecost.yaml"
