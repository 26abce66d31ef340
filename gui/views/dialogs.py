"""The few modal questions the window asks, in one place so tests can patch them."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from core.storage.scenario_file import NEW_FILE_SUFFIX, SUFFIXES

FILE_FILTER = "Scenario files (*.yaml *.yml);;All files (*)"
SaveAnswer = Literal["save", "discard", "cancel"]


def ask_save_changes(parent: QWidget, name: str) -> SaveAnswer:
    """Save / Discard / Cancel for unsaved changes in NAME."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Unsaved changes")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"Save the changes to {name}?")
    box.setInformativeText("Your changes are lost if you don't save them.")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def open_file_name(parent: QWidget, folder: Path) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(parent, "Open scenario file", str(folder), FILE_FILTER)
    return Path(name) if name else None


def save_file_name(parent: QWidget, suggested: Path) -> Path | None:
    """Where to save; a name typed without an extension gets .imagecost.yaml."""
    name, _filter = QFileDialog.getSaveFileName(parent, "Save scenario file", str(suggested), FILE_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() in SUFFIXES else path.with_name(path.name + NEW_FILE_SUFFIX)
