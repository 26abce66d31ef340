"""Cell styling shared by the table models (numbers right-aligned, totals bold) and the tables' keyboard."""

from __future__ import annotations

from collections.abc import Container, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def alignment(numeric: bool) -> int:
    """Right-aligned for figures (so digits line up), left for text; centred vertically."""
    return RIGHT if numeric else LEFT


def bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def column_header(
    headers: Sequence[str], numeric: Container[int], section: int, orientation: Qt.Orientation, role: int
) -> Any:
    """headerData for a table with column titles only: figures' titles right-aligned like their cells."""
    if orientation != Qt.Orientation.Horizontal:
        return None
    if role == Qt.ItemDataRole.DisplayRole:
        return headers[section]
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return alignment(section in numeric)
    return None


def tab_leaves(view: QAbstractItemView) -> QAbstractItemView:
    """Tab and Shift+Tab move on to the next control instead of from cell to cell (no keyboard trap).

    The arrow keys still move between cells; every table of the window goes through here.
    """
    view.setTabKeyNavigation(False)
    return view
