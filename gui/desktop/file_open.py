"""Scenario files the desktop hands to the running app, on macOS.

Linux and Windows start ``imagecost FILE`` for a double-clicked scenario file,
so the path arrives in argv. macOS Finder sends an "open documents" Apple Event
instead, at launch and while the app runs; Qt delivers it to the application
object as a QFileOpenEvent, which this filter passes on to the window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent


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
