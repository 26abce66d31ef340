"""The cost table: a heat map of model x quality x size, per image or per budget.

Green is cheap, red is dear (log scale, so $0.005 and $0.25 both read). A cell
with a cheaper equivalent (same model, quality and shape) is marked with a down
arrow; the list below gives the equivalents first, then the alternatives (another
shape or model) with what to check before switching, and what each saves.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from core.model.sizes import Size
from core.money import column_places
from core.planning.budget import (
    UNCONFIRMED_MARK,
    CostCell,
    Suggestion,
    budget_images_caption,
    cheaper_equivalents,
    cost_grid,
)
from core.pricing.catalog import Catalog, default_catalog
from gui.views.cells import heat_colour, item, muted_on, read_only_table
from gui.views.plain_text import plain_label
from gui.views.table_style import tab_leaves

#: Sizes with an edge above this are hidden unless "Large sizes" is ticked (they need a wide window).
LARGE_EDGE = 1792
ARROW = "\u2193"


class _HeatGrid(QTableWidget):
    """The heat map: columns as wide as their figures, stretched to fill the view when there is room."""

    def fit_columns(self) -> None:
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        needed = sum(header.sectionSize(c) for c in range(self.columnCount()))
        if self.columnCount() and needed < self.viewport().width():
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()


class CostTable(QWidget):
    """Heat map plus cheaper-equivalent list. ``set_budget`` switches the cells to images per budget."""

    def __init__(self, catalog: Catalog | None = None, *, today: date | None = None, with_suggestions: bool = True):
        super().__init__()
        self._catalog = catalog or default_catalog()
        self._today = today or date.today()
        self._budget: Decimal | None = None
        self._cells: list[CostCell] = []
        self._suggestions: list[Suggestion] = []

        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.large = QCheckBox("Large gpt-image-2 sizes")
        self.large.setToolTip(f"Show sizes with an edge above {LARGE_EDGE} px (priced from the token formula)")
        self.large.toggled.connect(self._fill)
        self.retired = QCheckBox("Retired models")
        self.retired.setChecked(True)
        self.retired.toggled.connect(self._fill)
        # The caption over the choices, so the row is never wider than a small window.
        choices = QHBoxLayout()
        choices.addWidget(self.large)
        choices.addWidget(self.retired)
        choices.addStretch(1)
        top = QVBoxLayout()
        top.addWidget(self.caption)
        top.addLayout(choices)

        self.grid = _HeatGrid()
        self.grid.setAccessibleName("Cost per image by model, quality and size")
        tab_leaves(self.grid)
        self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        rows = self.grid.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.grid.currentCellChanged.connect(self._show_cell)

        self.detail = plain_label()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.suggestions = read_only_table(
            "Cheaper choices", ["Instead of", "Pick", "Saves per image", "Why"], numeric={2}, stretch=(3, 0, 1)
        )
        self.suggestions.setVisible(with_suggestions)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.grid)
        splitter.addWidget(self.suggestions)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.detail)
        self.set_catalog(self._catalog)

    def set_catalog(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._cells = cost_grid(catalog, today=self._today)
        self._suggestions = cheaper_equivalents(self._cells)
        self._fill()

    def set_budget(self, budget: Decimal | None) -> None:
        """With a budget, each cell shows the whole images it buys a month."""
        self._budget = budget if budget and budget > 0 else None
        self._fill()

    def _visible(self) -> list[CostCell]:
        cells = self._cells
        if not self.retired.isChecked():
            cells = [c for c in cells if not c.retired]
        if not self.large.isChecked():
            cells = [c for c in cells if Size.parse(c.size).long_edge <= LARGE_EDGE]
        return cells

    def _fill(self) -> None:
        cells = self._visible()
        sizes = sorted({c.size for c in cells}, key=lambda s: (Size.parse(s).pixels, s))
        rows = list(dict.fromkeys((c.model, c.quality) for c in cells))
        by_key = {(c.model, c.quality, c.size): c for c in cells}
        flagged = {(s.cell.model, s.cell.quality, s.cell.size) for s in self._suggestions if s.is_equivalent}
        places = {size: column_places(c.per_image for c in cells if c.size == size) for size in sizes}
        low = min((c.per_image for c in cells), default=Decimal(0))
        high = max((c.per_image for c in cells), default=Decimal(0))

        self.grid.clear()
        self.grid.setRowCount(len(rows))
        self.grid.setColumnCount(len(sizes))
        self.grid.setHorizontalHeaderLabels(sizes)
        labels = {c.model: c.model_label + (" (retired)" if c.retired else "") for c in cells}
        self.grid.setVerticalHeaderLabels([f"{labels[m]}  {q}" for m, q in rows])
        for r, (model, quality) in enumerate(rows):
            for col, size in enumerate(sizes):
                cell = by_key.get((model, quality, size))
                if cell is None:
                    blank = item("")
                    blank.setBackground(self.palette().window())
                    self.grid.setItem(r, col, blank)
                    continue
                key = (model, quality, size)
                text = self._cell_text(cell, places[size]) + (f" {ARROW}" if key in flagged else "")
                tip = self._tip(cell)
                widget_item = item(text, numeric=True, tip=tip)
                background = heat_colour(cell.per_image, low, high)
                widget_item.setBackground(background)
                # The heat colours are light in every theme: dark text on them, a retired model's at AA too.
                widget_item.setForeground(muted_on(background.color()) if cell.retired else QColor("#000000"))
                self.grid.setItem(r, col, widget_item)

        if self._budget is None:
            self.caption.setText(
                f"Price of one generated image (image output only). Green is cheap, red is dear; {ARROW} marks a "
                "cell with a cheaper equivalent (same model, quality and shape); the alternatives below are not the "
                f"same output. {UNCONFIRMED_MARK} = priced from an unconfirmed rule."
            )
        else:
            self.caption.setText(
                f"{budget_images_caption(self._budget)}. {ARROW} marks a cheaper equivalent. "
                f"{UNCONFIRMED_MARK} = priced from an unconfirmed rule."
            )
        self._fill_suggestions(cells)
        self.grid.fit_columns()

    def _cell_text(self, cell: CostCell, places: int) -> str:
        """Images the budget buys, or the price with its column's one number of decimals (PLACES)."""
        if self._budget is not None:
            return cell.images_text(self._budget)
        return cell.price_text_in(places)

    def _tip(self, cell: CostCell) -> str:
        lines = [f"{cell.name}: {cell.price_text} per image"]
        if cell.unconfirmed:
            lines.append("Priced from an unconfirmed rule (see the price catalog)")
        if cell.retired:
            lines.append("Retired: kept so old quotes can be re-priced; never suggested")
        mine = [s for s in self._suggestions if s.cell == cell]
        lines += [f"Cheaper: {s.cheaper.name} at {s.cheaper.price_text} ({s.reason})" for s in mine]
        return "\n".join(lines)

    def _fill_suggestions(self, cells: list[CostCell]) -> None:
        shown = set(cells)
        rows = sorted((s for s in self._suggestions if s.cell in shown), key=lambda s: (not s.is_equivalent, -s.saving))
        table = self.suggestions
        table.setRowCount(len(rows))
        saving_places = column_places(s.saving for s in rows)
        for r, s in enumerate(rows):
            c, b = s.cell, s.cheaper
            why = ("Equivalent: " if s.is_equivalent else "Alternative, ") + s.reason
            table.setItem(r, 0, item(f"{c.name} ({c.price_text})"))
            table.setItem(r, 1, item(f"{b.name} ({b.price_text})"))
            table.setItem(r, 2, item(s.saving_text_in(saving_places), numeric=True))
            table.setItem(r, 3, item(why, tip=why))

    def _show_cell(self, row: int, column: int, *_: int) -> None:
        cell_item = self.grid.item(row, column)
        self.detail.setText(cell_item.toolTip().replace("\n", " · ") if cell_item else "")
