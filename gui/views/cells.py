"""Small pieces the planning widgets share: read-only table items, heat colours, money entry."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QLineEdit, QTableView, QTableWidget, QTableWidgetItem, QWidget

from core.errors import ImageCostError
from core.numbers import parse_count
from gui.views.column_fit import ColumnFitter, fit_rows_height
from gui.views.plain_text import as_text
from gui.views.table_style import tab_leaves
from gui.views.theme import readable, text_grounds

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
#: Hues for within budget / over it; text takes them through good_colour and bad_colour (readable on the palette).
GOOD = QColor("#1b7f3a")
BAD = QColor("#b3261e")
#: The hue of text that matters less (a retired model's prices).
MUTED = QColor("#6e6e6e")


def good_colour(given: QPalette | None = None) -> QColor:
    """GOOD at AA contrast on the palette's backgrounds (light and dark themes)."""
    return readable(GOOD, text_grounds(given))


def bad_colour(given: QPalette | None = None) -> QColor:
    """BAD at AA contrast on the palette's backgrounds: over-budget text read 1.7:1 on a dark theme."""
    return readable(BAD, text_grounds(given))


def muted_on(background: QColor) -> QColor:
    """MUTED at AA contrast on one cell's own background (grey on the heat map's light green was 3.2:1)."""
    return readable(MUTED, [background])


#: Cheapest to dearest: green, yellow, red (light enough for dark text).
_HEAT = (QColor("#c8ecc4"), QColor("#fff1b8"), QColor("#f7c2bb"))


def item(text: str, *, numeric: bool = False, tip: str = "", bold: bool = False) -> QTableWidgetItem:
    """A read-only cell: figures right-aligned so digits line up."""
    cell = QTableWidgetItem(text)
    cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    cell.setTextAlignment(RIGHT if numeric else LEFT)
    if tip:
        cell.setToolTip(as_text(tip))
    if bold:
        font = cell.font()
        font.setBold(True)
        cell.setFont(font)
    return cell


def read_only_table(
    name: str, headers: list[str], *, numeric: set[int] | None = None, stretch: int | Sequence[int] | None = 0
) -> QTableWidget:
    """A table for figures named NAME (for screen readers); ``numeric`` columns right-aligned (all but the first).

    Columns are as wide as their contents; the STRETCH column (or columns) takes the rest, and where
    the view is too narrow its text wraps onto more lines instead of being cut (gui.views.column_fit)."""
    numeric = set(range(1, len(headers))) if numeric is None else numeric
    table = QTableWidget(0, len(headers))
    table.setAccessibleName(name)
    tab_leaves(table)
    table.setHorizontalHeaderLabels(headers)
    rows = table.verticalHeader()
    rows.setVisible(False)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    flexible = [] if stretch is None else [stretch] if isinstance(stretch, int) else list(stretch)
    ColumnFitter(table, flexible, wrap=True)
    for column in range(len(headers)):
        head = table.horizontalHeaderItem(column)
        if head is not None:
            head.setTextAlignment(RIGHT if column in numeric else LEFT)
    return table


def fit_height(table: QTableView) -> None:
    """Make a short table exactly as tall as its rows, so no empty band is left under them (and keep it so)."""
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    fitter = table.findChild(ColumnFitter)
    if fitter is not None:
        fitter.as_tall_as_rows = True
        fitter.fit()
    else:
        fit_rows_height(table)


def heat_colour(value: Decimal, low: Decimal, high: Decimal) -> QBrush:
    """Colour on a log scale between the cheapest and dearest cell (display only, not money)."""
    if high <= low or value <= 0:
        return QBrush(_HEAT[0])
    t = (math.log(float(value)) - math.log(float(low))) / (math.log(float(high)) - math.log(float(low)))
    t = min(max(t, 0.0), 1.0)
    half = 0.5  # the middle colour sits half-way; each half blends two colours
    a, b = (_HEAT[0], _HEAT[1]) if t < half else (_HEAT[1], _HEAT[2])
    u = t / half if t < half else (t - half) / half
    mix = QColor(
        round(a.red() + (b.red() - a.red()) * u),
        round(a.green() + (b.green() - a.green()) * u),
        round(a.blue() + (b.blue() - a.blue()) * u),
    )
    return QBrush(mix)


class MoneyEdit(QLineEdit):
    """A USD amount typed as people type it: '2500', '2,500', '$2.5k'. Empty means not set."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("e.g. 2,500 or 2.5k")
        self.setClearButtonEnabled(True)

    def amount(self) -> Decimal | None:
        """The amount, None when empty; raises ImageCostError with a readable message when not a number."""
        text = self.text().strip().removeprefix("$").strip()
        if not text:
            return None
        return parse_count(text, field="budget", allow_fraction=True)

    def problem(self) -> str | None:
        try:
            self.amount()
        except ImageCostError as exc:
            return exc.message + (f" ({exc.hint})" if exc.hint else "")
        return None
