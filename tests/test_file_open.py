"""A scenario file double-clicked in macOS Finder reaches the window (QFileOpenEvent)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui.desktop import file_open
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


@pytest.mark.parametrize("sends", [True, False])
def test_file_open_events_are_forwarded_only_where_the_desktop_sends_them(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sends: bool
) -> None:
    # An application event filter sees every event of every widget: off macOS it would only slow them down.
    monkeypatch.setattr(file_open, "SENDS_FILE_OPEN_EVENTS", sends)
    opened: list[Path] = []
    owner = QObject()
    file_open.forward_file_open_events(qapp, opened.append, owner)
    try:
        QCoreApplication.sendEvent(qapp, QFileOpenEvent(str(tmp_path / "budget.yaml")))
    finally:
        owner.deleteLater()  # the forwarder goes with it, and the filter with the forwarder
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert opened == ([tmp_path / "budget.yaml"] if sends else [])
