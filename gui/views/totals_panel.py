"""Live totals of the selected scenario: big per-image and per-month figures,
per year, the itemised breakdown, warnings and where the prices come from."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from core.errors import ImageCostError
from core.money import cents, format_quantity, format_usd, shown_year
from core.pricing.estimate import CostWarning, Estimate, token_exact_note
from core.pricing.sources import source_citations
from core.vocabulary import (
    GENERATED_IMAGE_NOTE,
    PER_DELIVERED_IMAGE,
    PER_GENERATED_IMAGE,
    delivered_images_label,
    per_image_label,
)
from gui.views.breakdown_model import COL_ITEM, COL_UNIT, COL_UNIT_PRICE, BreakdownModel
from gui.views.cells import fit_height
from gui.views.column_fit import ColumnFitter
from gui.views.plain_text import plain_label
from gui.views.table_copy import CopyableTable
from gui.views.table_style import tab_leaves
from gui.views.theme import strip_colours

#: The warning (amber) and error (red) boxes' tints; their colours come from the palette (theme.strip_colours).
WARNING_TINT = "#b07800"
ERROR_TINT = "#c62828"


def box_style(tint: str) -> str:
    """A boxed message in TINT, worked out from the current palette so it reads at AA in either theme."""
    background, border, text = strip_colours(QColor(tint))
    return (
        f"background: {background.name()}; color: {text.name()}; border: 1px solid {border.name()};"
        " border-radius: 4px; padding: 6px;"
    )


WARNING_TITLES = {
    "retired": "Retired model",
    "unconfirmed": "Unconfirmed",
    "experimental": "Experimental",
    "note": "Note",
    "range": "Upper bound",
}


def _warning_text(warning: CostWarning) -> str:
    """'Note: ...'; no title where the message already says it ('... is unconfirmed: ...')."""
    title = WARNING_TITLES.get(warning.kind, warning.kind)
    message = warning.message
    if title.lower() in message.lower():
        return message[:1].upper() + message[1:]
    return f"{title}: {message}"


def _figure(caption: str, *, scale: float) -> tuple[QLabel, QLabel]:
    value = plain_label("-")
    font = value.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    value.setFont(font)
    value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label = QLabel(caption)
    label.setWordWrap(True)  # "Per month (upper bound: quality chosen by the model)" stays in its column
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return label, value


class TotalsPanel(QWidget):
    """Shows one Estimate (or the error that stops it); holds no pricing logic."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.title = plain_label()  # names and labels from the file and the price sheet
        self.title.setWordWrap(True)
        title_font = self.title.font()
        title_font.setBold(True)
        self.title.setFont(title_font)
        layout.addWidget(self.title)
        layout.addWidget(self._build_figures())
        self._build_rest(layout)

    def _build_figures(self) -> QFrame:
        """The big per-image and per-month figures, the yearly cost and the image count."""
        figures = QFrame()
        figures.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(figures)
        self.per_image_caption, self.per_image = _figure(PER_DELIVERED_IMAGE, scale=2.0)
        self.per_month_caption, self.per_month = _figure("Per month", scale=2.0)
        self.per_year_caption, self.per_year = _figure("Per year", scale=1.15)
        self.images_caption, self.images = _figure(delivered_images_label(staged=False), scale=1.15)
        grid.addWidget(self.per_image_caption, 0, 0)
        grid.addWidget(self.per_image, 1, 0)
        grid.addWidget(self.per_month_caption, 0, 1)
        grid.addWidget(self.per_month, 1, 1)
        grid.addWidget(self.per_year_caption, 2, 1)
        grid.addWidget(self.per_year, 3, 1)
        grid.addWidget(self.images_caption, 2, 0)
        grid.addWidget(self.images, 3, 0)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.per_image.setAccessibleName("Cost per delivered image")
        self.per_month.setAccessibleName("Cost per month")
        self.per_year.setAccessibleName("Cost per year")
        return figures

    def _build_rest(self, layout: QVBoxLayout) -> None:
        """Below the figures: warnings, the itemised table, its details and the sources."""
        self.message = plain_label()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setVisible(False)
        self.message.setAccessibleName("Warnings")
        layout.addWidget(self.message)

        self.breakdown = BreakdownModel(self)
        self.table = CopyableTable()
        tab_leaves(self.table)
        self.table.setModel(self.breakdown)
        self.table.setAccessibleName("Cost breakdown")
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        # Figures as wide as they are; the item's name takes the rest and wraps where the tab is narrow.
        # In a narrow tab the unit price, then the unit, give way so Cost / month stays in view (Copy keeps them).
        self.columns = ColumnFitter(self.table, [COL_ITEM], wrap=True, droppable=(COL_UNIT_PRICE, COL_UNIT))
        layout.addWidget(self.table, 1)
        # The table is only as tall as its rows (up to the space there is), so the details and
        # sources sit right under the total instead of below an empty band.
        fit_height(self.table)  # once: the fitter keeps it so on every reset the breakdown sends

        self.detail = plain_label()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.detail)
        self.sources = plain_label()
        self.sources.setWordWrap(True)
        self.sources.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sources.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(self.sources)
        layout.addStretch(0)  # takes only what the table (stretch 1, capped at its rows) leaves
        self.show_nothing()

    def show_nothing(self, text: str = "Add a scenario to see what it costs.") -> None:
        self.title.setText(text)
        for value in (self.per_image, self.per_month, self.per_year, self.images):
            value.setText("-")
        self.breakdown.set_estimate(None)
        self.message.setVisible(False)
        self.detail.clear()
        self.sources.clear()

    def show_error(self, name: str, error: ImageCostError) -> None:
        self.show_nothing(f"{name}: cannot be priced")
        self.message.setStyleSheet(box_style(ERROR_TINT))
        self.message.setText(str(error))
        self.message.setVisible(True)

    def show_estimate(self, est: Estimate) -> None:
        sc = est.scenario
        if est.stages:  # draft-then-final: the stages are priced, not the top-level settings
            self.title.setText(f"{sc.name}: {len(est.stages)} stages ({', '.join(s.name for s in est.stages)})")
        else:
            self.title.setText(f"{sc.name}: {est.model_label}, {sc.quality}, {sc.size}")
        bound = f" ({est.auto_range.marker})" if est.auto_range else ""
        self.per_image_caption.setText(per_image_label(bool(est.stages)) + bound)
        self.per_month_caption.setText("Per month" + bound)
        self.per_year_caption.setText("Per year" + bound)
        self.images_caption.setText(delivered_images_label(bool(est.stages)))
        self.per_image.setText(format_usd(est.per_image))
        self.per_month.setText(format_usd(cents(est.monthly)))
        self.per_year.setText(format_usd(shown_year(est.monthly)))  # 12 x the month shown above
        self.images.setText(format_quantity(Decimal(est.delivered_images)))
        self.breakdown.set_estimate(est)
        if est.warnings:
            self.message.setStyleSheet(box_style(WARNING_TINT))
            self.message.setText("\n".join(_warning_text(w) for w in est.warnings))
            self.message.setVisible(True)
        else:
            self.message.setVisible(False)
        details = [f"{line.item}: {line.detail}" for line in est.lines if line.detail]
        exact = token_exact_note(est)
        if exact is not None:
            details.append(f"Image output price: {exact}")
        if est.per_generated_image != est.per_image:
            details.append(f"{PER_GENERATED_IMAGE}: {format_usd(est.per_generated_image)} ({GENERATED_IMAGE_NOTE})")
        self.detail.setText("\n".join(details))
        self.sources.setText(
            f"Prices from sheet {est.sheet}, checked {est.checked.isoformat()}. "
            f"Sources: {'; '.join(source_citations(est.sources))}"
        )
