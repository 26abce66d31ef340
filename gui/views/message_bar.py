"""A message strip across the top of the window for errors and notices.

Errors (a file that cannot be opened or saved) are shown here, in the window,
rather than only in a modal box, so the person can read them while working.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

Kind = Literal["error", "info"]
STYLES = {
    "error": "QFrame#messageBar { background: #fde7e9; border: 1px solid #e8a0a0; border-radius: 4px; }"
    " QLabel { color: #8a1c1c; }",
    "info": "QFrame#messageBar { background: #e8f0fe; border: 1px solid #a8c0f0; border-radius: 4px; }"
    " QLabel { color: #1a3a6b; }",
}


class MessageBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName("Message")
        layout.addWidget(self.label, 1)
        self.close_button = QToolButton()
        self.close_button.setText("Dismiss")
        self.close_button.setAccessibleName("Dismiss message")
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.kind: Kind = "info"
        self.hide()

    def show_message(self, text: str, kind: Kind = "error") -> None:
        self.kind = kind
        self.setStyleSheet(STYLES[kind])
        self.label.setText(text)
        self.show()

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()
