"""The comparison table: one row per scenario plus a total row, over plain core objects.

Vorta-style QAbstractTableModel with column constants. It observes the
DocumentController and keeps one cached estimate per scenario, so an edit
re-prices only the changed row and the total (a sum of cached Decimals).
Everything shown is formatted by core.money; nothing here prices anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from core.engine import estimate
from core.errors import ImageCostError
from core.estimate import Estimate
from core.money import ZERO, format_usd
from core.scenario import Scenario
from gui.display import volume_text
from gui.document import DocumentController
from gui.table_style import alignment, bold_font

Index = QModelIndex | QPersistentModelIndex

# Money first, so the figures stay in view on a small screen; the inputs follow.
COL_NAME, COL_PER_IMAGE, COL_PER_MONTH, COL_PER_YEAR, COL_MODEL, COL_QUALITY, COL_SIZE, COL_VOLUME = range(8)
HEADERS = ("Scenario", "Per image", "Per month", "Per year", "Model", "Quality", "Size", "Volume")
MONEY_COLUMNS = frozenset({COL_PER_IMAGE, COL_PER_MONTH, COL_PER_YEAR})
NUMERIC_COLUMNS = MONEY_COLUMNS | {COL_VOLUME}
#: Raw value for sorting (Decimal, int or str), read by ScenarioSortProxy.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: True on the total row.
TOTAL_ROLE = Qt.ItemDataRole.UserRole + 2

ERROR_COLOR = QColor("#b3261e")
READ_ONLY_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
EDITABLE_FLAGS = READ_ONLY_FLAGS | Qt.ItemFlag.ItemIsEditable


@dataclass(frozen=True, slots=True)
class Priced:
    """A scenario with its estimate, or the error that stopped it being priced."""

    scenario: Scenario
    estimate: Estimate | None
    error: ImageCostError | None


def price(scenario: Scenario, document: DocumentController) -> Priced:
    try:
        return Priced(scenario, estimate(scenario, document.catalog), None)
    except ImageCostError as exc:
        return Priced(scenario, None, exc)


class ScenarioTableModel(QAbstractTableModel):
    """All scenarios of the document, priced, with a total row at the end."""

    def __init__(self, document: DocumentController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._rows: list[Priced] = []
        self._total_monthly = ZERO
        self._total_yearly = ZERO
        self._reload()
        document.documentReset.connect(self._on_reset)
        document.catalogChanged.connect(self._on_reset)
        document.scenarioChanged.connect(self._on_changed)
        document.scenarioInserted.connect(self._on_inserted)
        document.scenarioRemoved.connect(self._on_removed)
        document.scenarioMoved.connect(self._on_moved)

    # -- public helpers --------------------------------------------------------
    @property
    def scenario_count(self) -> int:
        return len(self._rows)

    @property
    def total_row(self) -> int:
        return len(self._rows)

    def priced(self, row: int) -> Priced:
        """The cached estimate (or error) of scenario ROW."""
        return self._rows[row]

    @property
    def total_monthly(self) -> Decimal:
        return self._total_monthly

    @property
    def total_yearly(self) -> Decimal:
        return self._total_yearly

    # -- Qt model interface ----------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return alignment(section in NUMERIC_COLUMNS)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.isValid() and index.column() == COL_NAME and index.row() < len(self._rows):
            return EDITABLE_FLAGS
        return READ_ONLY_FLAGS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if row == len(self._rows):
            return self._total_data(column, role)
        priced = self._rows[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(priced, column)
        if role == Qt.ItemDataRole.EditRole:
            return priced.scenario.name if column == COL_NAME else self._display(priced, column)
        if role == SORT_ROLE:
            return self._sort_key(priced, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return alignment(column in NUMERIC_COLUMNS)
        if role == Qt.ItemDataRole.ToolTipRole:
            if priced.error is not None:
                return str(priced.error)
            if priced.estimate is not None and priced.estimate.warnings:
                return "\n".join(w.message for w in priced.estimate.warnings)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and priced.error is not None and column in MONEY_COLUMNS:
            return QBrush(ERROR_COLOR)
        if role == TOTAL_ROLE:
            return False
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != COL_NAME or index.row() >= len(self._rows):
            return False
        try:
            self.document.rename(index.row(), str(value))
        except ImageCostError:
            return False
        return True

    # -- cells -----------------------------------------------------------------
    @staticmethod
    def _display(priced: Priced, column: int) -> str:
        sc = priced.scenario
        est = priced.estimate
        if column == COL_NAME:
            return sc.name
        if column == COL_MODEL:
            return sc.model
        if column == COL_QUALITY:
            return sc.quality
        if column == COL_SIZE:
            return sc.size
        if column == COL_VOLUME:
            return volume_text(sc.requests_per_month, sc.volume_unit)
        if est is None:
            return "not priced"
        if column == COL_PER_IMAGE:
            return format_usd(est.per_image)
        if column == COL_PER_MONTH:
            return format_usd(est.monthly)
        return format_usd(est.yearly)

    @staticmethod
    def _sort_key(priced: Priced, column: int) -> Any:
        sc = priced.scenario
        est = priced.estimate
        keys: dict[int, Any] = {
            COL_NAME: sc.name.casefold(),
            COL_MODEL: sc.model,
            COL_QUALITY: sc.quality,
            COL_SIZE: (len(sc.size), sc.size),
            COL_VOLUME: sc.requests_per_month,
        }
        if column in keys:
            return keys[column]
        if est is None:
            return Decimal("Infinity")  # unpriced rows sort after priced ones (ascending)
        return {COL_PER_IMAGE: est.per_image, COL_PER_MONTH: est.monthly}.get(column, est.yearly)

    def _total_data(self, column: int, role: int) -> Any:
        if role == TOTAL_ROLE:
            return True
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == COL_NAME:
                count = len(self._rows)
                return f"Total ({count} scenario{'' if count == 1 else 's'})"
            if column == COL_PER_MONTH:
                return format_usd(self._total_monthly)
            if column == COL_PER_YEAR:
                return format_usd(self._total_yearly)
            return ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return alignment(column in NUMERIC_COLUMNS)
        if role == Qt.ItemDataRole.FontRole:
            return bold_font()
        if role == Qt.ItemDataRole.ToolTipRole and any(p.error for p in self._rows):
            return "Scenarios that cannot be priced are left out of the total"
        return None

    # -- keeping in step with the document -------------------------------------
    def _reload(self) -> None:
        self._rows = [price(s, self.document) for s in self.document.scenarios]
        self._update_total()

    def _update_total(self) -> None:
        monthly = ZERO
        yearly = ZERO
        for priced in self._rows:
            if priced.estimate is not None:
                monthly += priced.estimate.monthly
                yearly += priced.estimate.yearly
        self._total_monthly = monthly
        self._total_yearly = yearly
        total = len(self._rows)
        self.dataChanged.emit(self.index(total, 0), self.index(total, len(HEADERS) - 1))

    def _on_reset(self) -> None:
        self.beginResetModel()
        self._reload()
        self.endResetModel()

    def _on_changed(self, row: int) -> None:
        self._rows[row] = price(self.document.scenario(row), self.document)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        self._update_total()

    def _on_inserted(self, row: int) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, price(self.document.scenario(row), self.document))
        self.endInsertRows()
        self._update_total()

    def _on_removed(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        self._update_total()

    def _on_moved(self, source: int, target: int) -> None:
        # Qt counts the destination before removal: moving down by one means target + 1.
        destination = target + 1 if target > source else target
        self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), destination)
        self._rows.insert(target, self._rows.pop(source))
        self.endMoveRows()


class ScenarioSortProxy(QSortFilterProxyModel):
    """Sorts scenarios by raw values (Decimal money, not text) and keeps the total row last."""

    def lessThan(self, left: Index, right: Index) -> bool:
        source = self.sourceModel()
        left_total = bool(source.data(left, TOTAL_ROLE))
        right_total = bool(source.data(right, TOTAL_ROLE))
        if left_total or right_total:
            # Qt reverses lessThan for descending order; answer so the total ends last either way.
            descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
            return left_total == descending and left_total != right_total
        left_key = source.data(left, SORT_ROLE)
        right_key = source.data(right, SORT_ROLE)
        if left_key == right_key:
            return left.row() < right.row()
        return bool(left_key < right_key)


class ScenarioListProxy(QSortFilterProxyModel):
    """The scenario names alone, for the list beside the form (no total row)."""

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        source = self.sourceModel()
        return not source.data(source.index(source_row, COL_NAME, source_parent), TOTAL_ROLE)
