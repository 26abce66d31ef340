"""The window as the app starts it (gui/window/start.py): its frame first, saying "Loading…", then the real figures.

The first frame is drawn before the document is read and priced; it must never
show a figure that is not real, and whatever needs the content before its turn
(a file handed over, a menu opened) gets it built first.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from gui.views import dialogs
from gui.window.main_window import LOADING
from gui.window.start import WindowStart
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "example.yaml"


def _start(qtbot: QtBot, start: WindowStart) -> None:
    qtbot.addWidget(start.window)
    start.window.show()


def test_the_frame_says_loading_until_the_figures_come(qtbot: QtBot) -> None:
    start = WindowStart(EXAMPLE, offer_restore=False)
    _start(qtbot, start)
    window = start.window
    try:
        assert not window.content_built
        assert window.total_label.text() == LOADING
        assert [window.tabs.tabText(i) for i in range(2)] == ["&Breakdown", "&Comparison"]
        pane = window.tabs.currentWidget()
        assert isinstance(pane, QLabel) and pane.text() == LOADING
        with qtbot.waitSignal(start.ready, timeout=10_000):
            pass  # the content comes right after the first frame, with the file
        assert window.document.path == EXAMPLE
        assert window.total_label.text().startswith("3 scenarios: $")
        assert window.tabs.currentWidget() is window.breakdown_tab
        assert window.totals.title.text().startswith(window.document.scenarios[0].name)
        assert window.scenario_list.model().rowCount() == 3
        assert window.form_scroll.widget() is window.form
        assert window.add_button.isEnabled()
        shown = [label for label in window.findChildren(QLabel) if label.isVisible()]
        assert shown and all(label.text() != LOADING for label in shown)
    finally:
        start.shutdown()


def test_a_file_handed_over_before_the_content_is_built_opens(qtbot: QtBot) -> None:
    # A desktop file-open event can come before the content's turn: the content is built first.
    start = WindowStart(None, offer_restore=False)
    _start(qtbot, start)
    try:
        assert start.window.open_path(EXAMPLE, ask=False)
        assert start.window.document.path == EXAMPLE
        assert len(start.window.document.scenarios) == 3
        assert start.safety is not None  # the safety net is on as soon as the content is there
    finally:
        start.shutdown()


def test_a_menu_opened_in_the_first_frame_has_its_entries(qtbot: QtBot) -> None:
    start = WindowStart(None, offer_restore=False)
    _start(qtbot, start)
    window = start.window
    try:
        assert window.file_menu.actions() == []
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(window.file_menu.isVisible)
        assert window.open_action in window.file_menu.actions()
        window.file_menu.close()
    finally:
        start.shutdown()


def test_closing_before_the_content_asks_nothing(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _parent, name: asked.append(name) or "cancel")
    start = WindowStart(None, offer_restore=False)
    _start(qtbot, start)
    try:
        assert start.window.close()
        assert asked == []
        assert not start.window.content_built
    finally:
        start.shutdown()
