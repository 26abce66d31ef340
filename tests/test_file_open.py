"""A scenario file double-clicked in macOS Finder reaches the window (QFileOpenEvent)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui.desktop.file_open import FileOpenForwarder
from gui.window.main_window import MainWindow
from tests.conftest import EXAMPLES


def test_file_open_event_opens_the_file_in_the_window(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    path = tmp_path / "budget.imagecost.yaml"
    shutil.copy(EXAMPLES / "example.yaml", path)
    window = MainWindow()
    qtbot.addWidget(window)
    forwarder = FileOpenForwarder(window.open_path, parent=window)
    qapp.installEventFilter(forwarder)
    try:
        handled = QCoreApplication.sendEvent(qapp, QFileOpenEvent(str(path)))
    finally:
        qapp.removeEventFilter(forwarder)
    assert handled
    assert window.document.path == path


def test_other_events_pass_through(qapp: QApplication) -> None:
    opened: list[Path] = []
    forwarder = FileOpenForwarder(opened.append)
    assert not forwarder.eventFilter(qapp, QEvent(QEvent.Type.Show))
    assert not forwarder.eventFilter(qapp, QFileOpenEvent(""))
    assert opened == []
