"""Cell styling shared by the table models: numbers right-aligned, totals bold."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont


def alignment(numeric: bool) -> int:
    """Right-aligned for figures (so digits line up), left for text; centred vertically."""
    horizontal = Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft
    return int(horizontal | Qt.AlignmentFlag.AlignVCenter)


def bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
