"""The comparison table: one row per scenario plus a total row, over plain core objects.

Vorta-style QAbstractTableModel with column constants over the document's one
priced view (gui.document.priced.PricedDocument): an edit re-prices only the
changed row there, and this model repaints that row and the total. Everything
shown is formatted by core.money; nothing here prices anything.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush

from core.errors import ImageCostError
from core.money import cents, column_places, format_usd, shown_year
from core.vocabulary import DELIVERED_IMAGE, PER_DELIVERED_IMAGE
from gui.document.priced import Priced, PricedDocument
from gui.views.cells import bad_colour
from gui.views.display import volume_text
from gui.views.plain_text import as_text
from gui.views.table_style import alignment, bold_font, column_header

Index = QModelIndex | QPersistentModelIndex

# Money first, so the figures stay in view on a small screen; the inputs follow.
COL_NAME, COL_PER_IMAGE, COL_PER_MONTH, COL_PER_YEAR, COL_MODEL, COL_QUALITY, COL_SIZE, COL_VOLUME = range(8)
# The column titles as the header menu and Copy name them: the vocabulary's words.
HEADERS = ("Scenario", PER_DELIVERED_IMAGE, "Per month", "Per year", "Model", "Quality", "Size", "Volume")
#: The per-image title as the header shows it, on two lines: whole, yet leaving the names their room at 1280.
PER_IMAGE_HEADER = "\n".join(PER_DELIVERED_IMAGE.rsplit(" ", 1))
#: The per-image column's header tooltip: the one vocabulary's name for the figure.
PER_IMAGE_TIP = f"{PER_DELIVERED_IMAGE} (per final image for a staged scenario). {DELIVERED_IMAGE.meaning}"
MONEY_COLUMNS = frozenset({COL_PER_IMAGE, COL_PER_MONTH, COL_PER_YEAR})
NUMERIC_COLUMNS = MONEY_COLUMNS | {COL_VOLUME}
#: Raw value for sorting (Decimal, int or str), read by ScenarioSortProxy.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: True on the total row.
TOTAL_ROLE = Qt.ItemDataRole.UserRole + 2

READ_ONLY_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
EDITABLE_FLAGS = READ_ONLY_FLAGS | Qt.ItemFlag.ItemIsEditable
#: How long edits must pause before an edited row moves to its sorted place in the comparison table.
RESORT_DELAY_MS = 400


class ScenarioTableModel(QAbstractTableModel):
    """All scenarios of the document, priced, with a total row at the end."""

    def __init__(self, priced: PricedDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.priced = priced
        self.document = priced.document
        priced.about_to_reset.connect(self.beginResetModel)
        #: The per-image column's one number of decimals (core.money.column_places), worked out when first needed.
        self._per_image_places: int | None = None
        priced.reset_done.connect(self._on_reset)
        priced.changed.connect(self._on_changed)
        priced.about_to_insert.connect(lambda row: self.beginInsertRows(QModelIndex(), row, row))
        priced.inserted.connect(lambda _row: self._after_rows_changed(self.endInsertRows))
        priced.about_to_remove.connect(lambda row: self.beginRemoveRows(QModelIndex(), row, row))
        priced.removed.connect(lambda _row: self._after_rows_changed(self.endRemoveRows))
        priced.about_to_move.connect(self._before_move)
        priced.moved.connect(lambda _source, _target: self.endMoveRows())
        priced.totals_changed.connect(self._on_totals)

    @property
    def scenario_count(self) -> int:
        return len(self.priced)

    @property
    def total_row(self) -> int:
        return len(self.priced)

    # -- Qt model interface ----------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.priced) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and section == COL_PER_IMAGE:
            if role == Qt.ItemDataRole.ToolTipRole:
                return PER_IMAGE_TIP
            if role == Qt.ItemDataRole.DisplayRole:
                return PER_IMAGE_HEADER
        return column_header(HEADERS, NUMERIC_COLUMNS, section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.isValid() and index.column() == COL_NAME and index.row() < len(self.priced):
            return EDITABLE_FLAGS
        return READ_ONLY_FLAGS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if row == len(self.priced):
            return self._total_data(column, role)
        priced = self.priced.row(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(priced, column, self.per_image_places)
        if role == Qt.ItemDataRole.EditRole:
            return priced.scenario.name if column == COL_NAME else self._display(priced, column, self.per_image_places)
        if role == SORT_ROLE:
            return self._sort_key(priced, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return alignment(column in NUMERIC_COLUMNS)
        if role == Qt.ItemDataRole.ToolTipRole:
            if priced.error is not None:
                return as_text(str(priced.error))
            if priced.estimate is not None and priced.estimate.warnings:
                return as_text("\n".join(w.message for w in priced.estimate.warnings))
            return None
        if role == Qt.ItemDataRole.ForegroundRole and priced.error is not None and column in MONEY_COLUMNS:
            return QBrush(bad_colour())
        if role == TOTAL_ROLE:
            return False
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != COL_NAME or index.row() >= len(self.priced):
            return False
        try:
            self.document.rename(index.row(), str(value))
        except ImageCostError:
            return False
        return True

    # -- cells -----------------------------------------------------------------
    @property
    def per_image_places(self) -> int:
        """The decimals every per-image figure shows: as many as the most precise one needs ('$0.1800', '$0.3288')."""
        if self._per_image_places is None:
            self._per_image_places = column_places(p.estimate.per_image for p in self.priced.rows if p.estimate)
        return self._per_image_places

    @staticmethod
    def _display(priced: Priced, column: int, places: int) -> str:
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
        # An upper bound (the model chooses quality or size) reads as one; the tooltip says why.
        bound = "up to " if est.auto_range else ""
        if column == COL_PER_IMAGE:
            return bound + format_usd(est.per_image, places=places, fixed=True)
        if column == COL_PER_MONTH:
            return bound + format_usd(cents(est.monthly))  # the month as the total row adds it
        return bound + format_usd(shown_year(est.monthly))  # 12 x the month shown beside it

    def sort_key(self, row: int, column: int) -> Any:
        """The raw value scenario ROW sorts by in COLUMN (what SORT_ROLE returns)."""
        return self._sort_key(self.priced.row(row), column)

    @staticmethod
    def _sort_key(priced: Priced, column: int) -> Any:
        sc = priced.scenario
        if column == COL_NAME:
            return sc.name.casefold()
        if column == COL_MODEL:
            return sc.model
        if column == COL_QUALITY:
            return sc.quality
        if column == COL_SIZE:
            return (len(sc.size), sc.size)
        if column == COL_VOLUME:
            return sc.requests_per_month
        est = priced.estimate
        if est is None:
            return Decimal("Infinity")  # unpriced rows sort after priced ones (ascending)
        if column == COL_PER_IMAGE:
            return est.per_image
        if column == COL_PER_MONTH:
            return est.monthly
        return est.yearly

    def _total_data(self, column: int, role: int) -> Any:
        if role == TOTAL_ROLE:
            return True
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == COL_NAME:
                count = len(self.priced)
                return f"Total ({count} scenario{'' if count == 1 else 's'})"
            if column == COL_PER_MONTH:
                return format_usd(self.priced.total_monthly)
            if column == COL_PER_YEAR:
                return format_usd(self.priced.total_yearly)
            return ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return alignment(column in NUMERIC_COLUMNS)
        if role == Qt.ItemDataRole.FontRole:
            return bold_font()
        if role == Qt.ItemDataRole.ToolTipRole and any(p.error for p in self.priced.rows):
            return "Scenarios that cannot be priced are left out of the total"
        return None

    # -- keeping in step with the priced view -----------------------------------
    def _on_totals(self) -> None:
        total = len(self.priced)
        self.dataChanged.emit(self.index(total, 0), self.index(total, len(HEADERS) - 1))

    def _on_changed(self, row: int) -> None:
        if not self._places_changed():
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def _on_reset(self) -> None:
        self._per_image_places = None
        self.endResetModel()

    def _after_rows_changed(self, end: Callable[[], None]) -> None:
        end()
        self._places_changed()

    def _places_changed(self) -> bool:
        """Work the per-image decimals out again; when they changed, repaint every row (True)."""
        before = self._per_image_places
        self._per_image_places = None
        if before is None or self.per_image_places == before:
            return False
        self.dataChanged.emit(self.index(0, 0), self.index(len(self.priced) - 1, len(HEADERS) - 1))
        return True

    def _before_move(self, source: int, target: int) -> None:
        # Qt counts the destination before removal: moving down by one means target + 1.
        destination = target + 1 if target > source else target
        self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), destination)


class ScenarioSortProxy(QSortFilterProxyModel):
    """Sorts scenarios by raw values (Decimal money, not text) and keeps the total row last.

    Not a dynamic sort: Qt's re-sorts each changed row at once and answers with
    layoutChanged, which repaints and re-reads every visible cell on every
    keystroke (about 20 ms with 1,000 scenarios). Here an edit repaints its own
    row and the total only; when it moved the row out of order among its
    neighbours, the table re-sorts once edits pause (RESORT_DELAY_MS), so the
    row also stays under the pointer while it is being edited. Inserted rows
    re-sort at once (so the total stays last).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setDynamicSortFilter(False)
        self._resort_timer = QTimer(self)
        self._resort_timer.setSingleShot(True)
        self._resort_timer.setInterval(RESORT_DELAY_MS)
        self._resort_timer.timeout.connect(self.resort)
        self._table: ScenarioTableModel | None = None
        #: The sort keys of every scenario row while sort() runs.
        self._keys: list[Any] | None = None
        #: Each source row's place in the order being sorted to (the total row last), while sort() runs.
        self._ranks: list[int] | None = None

    def setSourceModel(self, source: QAbstractItemModel) -> None:
        if self._table is not None:
            self._table.dataChanged.disconnect(self._on_data_changed)
            self._table.rowsInserted.disconnect(self.resort)
        super().setSourceModel(source)
        self._table = source if isinstance(source, ScenarioTableModel) else None
        if self._table is not None:
            self._table.dataChanged.connect(self._on_data_changed)
            self._table.rowsInserted.connect(self.resort)

    @property
    def resort_pending(self) -> bool:
        """True while an edited row waits for the re-sort (edits have not paused yet)."""
        return self._resort_timer.isActive()

    def resort(self) -> None:
        """Sort again by the current column and order (no-op when unsorted)."""
        self._resort_timer.stop()
        if self.sortColumn() >= 0:
            self.sort(self.sortColumn(), self.sortOrder())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # Python's sort ranks the rows once (each key read once, compared in C); Qt's own sort then only
        # compares two ranks per call: 1,000 rows take about 10,000 comparisons, each a call into Python.
        table = self._table
        self._keys = [table.sort_key(row, column) for row in range(table.scenario_count)] if table else []
        ranks = [0] * (len(self._keys) + 1)
        for rank, row in enumerate(sorted(range(len(self._keys)), key=self._keys.__getitem__)):  # stable: file order
            ranks[row] = rank
        # The total row: last either way (Qt sorts descending by asking lessThan(right, left)).
        ranks[-1] = len(self._keys) if order == Qt.SortOrder.AscendingOrder else -1
        self._ranks = ranks
        try:
            super().sort(column, order)
        finally:
            self._keys = None
            self._ranks = None

    def _on_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        column = self.sortColumn()
        table = self._table
        if table is None or column < 0 or not top_left.column() <= column <= bottom_right.column():
            return
        for row in range(top_left.row(), min(bottom_right.row(), table.scenario_count - 1) + 1):
            if not self._in_order(row):
                self._resort_timer.start()
                return

    def _in_order(self, source_row: int) -> bool:
        """Whether ROW still sorts between its neighbours in the table as shown."""
        position = self.mapFromSource(self.sourceModel().index(source_row, 0)).row()
        if position < 0:
            return True
        descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
        before = self.mapToSource(self.index(position - 1, 0)).row() if position > 0 else -1
        after = self.mapToSource(self.index(position + 1, 0)).row()
        pairs = [(before, source_row)] if before >= 0 else []
        pairs.append((source_row, after))
        total = self.sourceModel().rowCount() - 1
        for first, second in pairs:
            if first < 0 or second < 0 or total in (first, second):
                continue
            shown_first, shown_second = (second, first) if descending else (first, second)
            if self._row_less(shown_second, shown_first):
                return False
        return True

    def _row_less(self, left: int, right: int) -> bool:
        """Ascending order of two source rows: the total last, ties in file order."""
        table = self._table
        if table is None:
            return False
        total = table.total_row
        if total in (left, right):
            return right == total and left != total
        keys = self._keys
        if keys is not None:
            left_key, right_key = keys[left], keys[right]
        else:
            column = self.sortColumn()
            left_key, right_key = table.sort_key(left, column), table.sort_key(right, column)
        if left_key == right_key:
            return left < right
        return bool(left_key < right_key)

    def lessThan(self, left: Index, right: Index) -> bool:
        ranks = self._ranks
        if ranks is not None:  # inside sort(): the rows are ranked already
            return ranks[left.row()] < ranks[right.row()]
        if self._table is None:
            return False
        less = self._row_less(left.row(), right.row())
        total = self._table.total_row
        if total in (left.row(), right.row()):
            # Qt reverses lessThan for descending order; answer so the total ends last either way.
            descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
            return less != descending and left.row() != right.row()
        return less


class ScenarioListProxy(QSortFilterProxyModel):
    """The scenario names alone, for the list beside the form (no total row)."""

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        # The total is the table's last row: one comparison, not a data() call for each of
        # 10,000 rows when a big file opens (the proxy asks for every row on a reset).
        return source_row < cast(ScenarioTableModel, self.sourceModel()).total_row
