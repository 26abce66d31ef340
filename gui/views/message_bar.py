"""A message strip across the top of the window for errors and notices.

Errors (a file that cannot be opened or saved) are shown here, in the window,
rather than only in a modal box, so the person can read them while working.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

from gui.views.plain_text import rich_label
from gui.views.theme import strip_colours

Kind = Literal["error", "info"]
#: Each kind's colour; the strip's background, border and text are worked out from the palette
#: (gui.views.theme.strip_colours), so it reads at WCAG AA in a light and a dark theme alike.
TINTS: dict[Kind, str] = {"error": "#c62828", "info": "#1f5fbf"}


def strip_style(kind: Kind) -> str:
    """The style sheet of a strip of KIND in the current palette."""
    background, border, text = strip_colours(QColor(TINTS[kind]))
    return (
        f"QFrame#messageBar {{ background: {background.name()}; border: 1px solid {border.name()};"
        f" border-radius: 4px; }} QLabel {{ color: {text.name()}; }}"
    )


class MessageBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = rich_label()  # every caller's text is our markup, text from a file escaped
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
        """Show TEXT, rich text: a name or an error quoting a file goes through plain_text.esc first."""
        self.kind = kind
        self.setStyleSheet(strip_style(kind))
        self.label.setText(text)
        self.show()

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()
