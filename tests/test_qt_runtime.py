"""The Qt binding itself: guards the version pin in pyproject.toml.

PySide6-Essentials 6.12.0 drops a reference to True on every Signal.emit() made
from Python, and one to None on every call of a Qt method that returns nothing
(setText, update, processEvents). Before Python 3.12 those objects are counted
like any other, so after a few thousand such calls (a few minutes of typing in
the window) the interpreter aborts with "bool_dealloc: deallocating True or
False" or "none_dealloc: deallocating None".
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

VOID_CALLS = 500


class _Emitter(QObject):
    plain = Signal()
    value = Signal(object)


def test_emitting_signals_keeps_reference_counts() -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.plain.connect(lambda: received.append(1))
    emitter.value.connect(received.append)
    before = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    for _ in range(200):
        emitter.plain.emit()
        emitter.value.emit(None)
    count = len(received)
    received.clear()
    after = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    assert count == 400
    # A little slack for references the interpreter itself takes meanwhile; 6.12.0 loses 400 here.
    assert all(abs(a - b) < 50 for a, b in zip(after, before, strict=True)), (before, after)


def test_void_qt_calls_leave_none_referenced(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for index in range(VOID_CALLS):
        label.setText(str(index % 2))
        label.update()
    # Other code may drop a few references meanwhile; 6.12.0 drops one per call (1,000 here).
    assert sys.getrefcount(None) > before - VOID_CALLS // 10
