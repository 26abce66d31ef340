"""The question asked when the file being saved changed on disk since it was opened."""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

DiskAnswer = Literal["overwrite", "save_as", "reload", "cancel"]


def changed_on_disk_box(parent: QWidget | None, name: str) -> tuple[QMessageBox, dict[object, DiskAnswer]]:
    """The message box and what each of its buttons means (built apart so it can be shown in screenshots)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("File changed on disk")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"{name} was changed by another program since you opened it.")
    box.setInformativeText(
        "Overwrite it with your version, save yours under another name, or reload the file from disk "
        "(your unsaved changes are then lost)."
    )
    save_as = box.addButton("Save As...", QMessageBox.ButtonRole.AcceptRole)
    buttons: dict[object, DiskAnswer] = {
        save_as: "save_as",
        box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole): "overwrite",
        box.addButton("Reload", QMessageBox.ButtonRole.ResetRole): "reload",
        box.addButton(QMessageBox.StandardButton.Cancel): "cancel",
    }
    box.setDefaultButton(save_as)
    return box, buttons


def ask_changed_on_disk(parent: QWidget | None, name: str) -> DiskAnswer:
    """Overwrite / Save As / Reload / Cancel; the safe choice (Save As) is the default."""
    box, buttons = changed_on_disk_box(parent, name)
    box.exec()
    return buttons.get(box.clickedButton(), "cancel")
