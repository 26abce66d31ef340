"""One shortcut table: no key claimed twice, and every action in the window takes its keys from it."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtGui import QAction, QKeySequence
from pytestqt.qtbot import QtBot

from gui.shortcuts import SHORTCUTS, key_sequences
from gui.views import dialogs
from gui.window.main_window import MainWindow


def test_no_key_is_in_the_table_twice(qtbot: QtBot) -> None:  # standard keys need the QApplication
    keys = Counter(seq.toString() for name in SHORTCUTS for seq in key_sequences(name))
    assert [key for key, count in keys.items() if count > 1] == []


def test_every_window_action_has_a_distinct_key_from_the_table(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _parent, _name: "discard")
    window = MainWindow()
    qtbot.addWidget(window)
    window.build_tools()
    table = {tuple(seq.toString() for seq in key_sequences(name)): name for name in SHORTCUTS}
    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        keys = tuple(seq.toString() for seq in action.shortcuts() if not seq.isEmpty())
        if not keys:
            continue
        assert keys in table, f"{action.text()!r} has keys {keys} that are not in gui/shortcuts.py"
        for key in keys:
            assert key not in seen or seen[key] == action.text(), f"{key}: {seen.get(key)!r} and {action.text()!r}"
            seen[key] = action.text()
    # The tab keys: Stages and Plan as the docs always said, Charts on its own key.
    texts = {action.text(): action.shortcut() for action in window.view_menu.actions()}
    assert texts["S&tages"] == QKeySequence("Ctrl+3")
    assert texts["&Plan"] == QKeySequence("Ctrl+4")
    assert texts["C&harts"] == QKeySequence("Ctrl+5")
