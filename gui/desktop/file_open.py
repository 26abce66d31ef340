"""Scenario files the desktop hands to the running app, on macOS.

Linux and Windows start ``imagecost FILE`` for a double-clicked scenario file,
so the path arrives in argv. macOS Finder sends an "open documents" Apple Event
instead, at launch and while the app runs; Qt delivers it to the application
object as a QFileOpenEvent, which this filter passes on to the window.

An application event filter sees every event of every widget, so it is
installed only where the desktop sends these events: on other systems it would
only slow every event down (a fifth of the time to the first frame).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QFileOpenEvent

#: Where the desktop hands files to a running app as QFileOpenEvents (Qt sends them on macOS only).
SENDS_FILE_OPEN_EVENTS = sys.platform == "darwin"


class FileOpenForwarder(QObject):
    """Application event filter: every QFileOpenEvent becomes a call to ``open_path``."""

    def __init__(self, open_path: Callable[[Path], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open_path = open_path

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent) and event.file():
            self._open_path(Path(event.file()))
            return True
        return False


def forward_file_open_events(app: QCoreApplication, open_path: Callable[[Path], object], parent: QObject) -> None:
    """Pass the desktop's file-open events to OPEN_PATH, on the systems that send them."""
    if SENDS_FILE_OPEN_EVENTS:
        app.installEventFilter(FileOpenForwarder(open_path, parent=parent))
