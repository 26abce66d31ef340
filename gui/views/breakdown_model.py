"""The itemised breakdown of one estimate as a read-only table model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from core.money import format_quantity, format_unit_prices, format_usd
from core.pricing.estimate import Estimate, LineItem
from core.pricing.sources import source_citation
from gui.views.plain_text import as_text
from gui.views.table_style import alignment, bold_font, column_header

Index = QModelIndex | QPersistentModelIndex

COL_ITEM, COL_QUANTITY, COL_UNIT, COL_UNIT_PRICE, COL_COST = range(5)
HEADERS = ("Item", "Quantity / month", "Unit", "Unit price", "Cost / month")
NUMERIC_COLUMNS = frozenset({COL_QUANTITY, COL_UNIT_PRICE, COL_COST})


class BreakdownModel(QAbstractTableModel):
    """Line items of the shown estimate, then a bold total line."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._estimate: Estimate | None = None
        #: The unit prices as shown: every digit, one number of decimals for the column.
        self._unit_prices: list[str] = []

    def set_estimate(self, estimate: Estimate | None) -> None:
        self.beginResetModel()
        self._estimate = estimate
        self._unit_prices = format_unit_prices([line.unit_price for line in estimate.lines]) if estimate else []
        self.endResetModel()

    @property
    def lines(self) -> tuple[LineItem, ...]:
        return self._estimate.lines if self._estimate else ()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid() or self._estimate is None:
            return 0
        return len(self._estimate.lines) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return column_header(HEADERS, NUMERIC_COLUMNS, section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._estimate is None:
            return None
        row, column = index.row(), index.column()
        lines = self._estimate.lines
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return alignment(column in NUMERIC_COLUMNS)
        if row == len(lines):
            if role == Qt.ItemDataRole.DisplayRole:
                auto = self._estimate.auto_range
                total = f"Total ({auto.marker})" if auto else "Total"
                return {COL_ITEM: total, COL_COST: format_usd(self._estimate.monthly)}.get(column, "")
            if role == Qt.ItemDataRole.FontRole:
                return bold_font()
            return None
        line = lines[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                line.item,
                format_quantity(line.quantity),
                line.unit,
                self._unit_prices[row],
                format_usd(line.cost),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return as_text(f"{line.detail}\nSource: {source_citation(line.source)}" if line.source else line.detail)
        return None
