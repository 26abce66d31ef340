"""A scroll area that scrolls up and down only: its content reflows to the width there is.

QScrollArea lays its widget out at the widget's minimum size hint, which knows nothing of
word-wrapped text: in a narrow window the Rate limits text ran off the right edge behind a
sideways scroll bar, and a wrapped note was drawn over the table under it. Here the content
is always as wide as the view and as tall as it needs at that width (heightForWidth), so a
label wraps onto more lines and everything below moves down.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class ReflowArea(QScrollArea):
    """Holds CONTENT at the view's width; scrolls vertically when it is taller than the view."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # No minimum width of its own: it is as wide as the view, and what is inside wraps or scrolls itself.
        content.setMinimumWidth(1)
        for widget in (content, *content.findChildren(QWidget)):
            widget.installEventFilter(self)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.reflow()
        super().resizeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and shiboken6.isValid(self):
            QTimer.singleShot(0, self, self.reflow)  # once the layouts below have settled
        return False

    def reflow(self) -> None:
        """Give the content the height it needs at the view's width (a tab widget asks its current page)."""
        if not shiboken6.isValid(self):
            return
        content, width = self.widget(), self.viewport().width()
        if content is None:
            return
        needed = content.minimumSizeHint().height()
        if content.hasHeightForWidth():
            needed = max(needed, content.heightForWidth(width))
        if content.minimumHeight() != needed:
            content.setMinimumHeight(needed)
