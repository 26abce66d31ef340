"""The Qt binding in use keeps Python's reference counts straight.

PySide6 6.12.0 drops a reference to None each time a Qt method that returns
nothing (setText, update, processEvents) is called from Python. Before Python
3.12 None is an ordinary counted object, so a long session hits zero and dies
with "Fatal Python error: none_dealloc". pyproject.toml excludes that release;
this test fails if such a binding is installed again.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

CALLS = 500


def test_void_qt_calls_leave_none_referenced(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for index in range(CALLS):
        label.setText(str(index % 2))
        label.update()
    # Other code may drop a few references meanwhile; the bug drops one per call.
    assert sys.getrefcount(None) > before - CALLS // 10
