"""An empty tab page that takes its content later.

The window adds its tool tabs (Charts, Stages, Plan) as hosts at once, so the
tab bar, tab order and shortcuts are complete at the first frame; the tools
build their widgets, and import their modules, only after it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget


class TabHost(QWidget):
    """A tab page holding one content widget, set once it is built."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.content: QWidget | None = None

    def set_content(self, widget: QWidget) -> None:
        self.content = widget
        self._layout.addWidget(widget)
        widget.show()
