"""Cell styling shared by the table models: numbers right-aligned, totals bold."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def alignment(numeric: bool) -> int:
    """Right-aligned for figures (so digits line up), left for text; centred vertically."""
    return RIGHT if numeric else LEFT


def bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
