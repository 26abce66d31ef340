"""The Charts tab: monthly cost by scenario, one scenario's breakdown, cost as volume grows.

One chart at a time, large enough to read, picked with three toggle buttons.
Charts are recomputed when the document changes, but only while the tab is
visible (hidden tabs catch up when shown).
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from core.charts import GrowthSeries, breakdown_chart, comparison_chart, growth_chart, growth_series
from core.errors import ImageCostError
from core.money import exact_str
from core.quote import Quote
from gui.chart_view import ChartView
from gui.quote_source import QuoteSource

CHARTS = ("comparison", "breakdown", "growth")
LABELS = {"comparison": "By scenario", "breakdown": "Breakdown", "growth": "As volume grows"}


class ChartsPanel(QWidget):
    """Shows the charts of the source's document and keeps them current."""

    def __init__(self, source: QuoteSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self._dirty = True
        self._quote: Quote | None = None
        self._growth: list[GrowthSeries] = []

        self.buttons = QButtonGroup(self)
        bar = QHBoxLayout()
        for index, name in enumerate(CHARTS):
            button = QPushButton(LABELS[name])
            button.setCheckable(True)
            button.setAccessibleName(f"Show chart: {LABELS[name]}")
            self.buttons.addButton(button, index)
            bar.addWidget(button)
        self.buttons.button(0).setChecked(True)
        self.buttons.idToggled.connect(self._on_chart_toggled)
        bar.addSpacing(12)
        self.scenario_label = QLabel("&Scenario:")
        self.scenario_box = QComboBox()
        self.scenario_box.setMinimumContentsLength(18)
        self.scenario_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scenario_label.setBuddy(self.scenario_box)
        self.scenario_box.currentIndexChanged.connect(self._show_breakdown)
        bar.addWidget(self.scenario_label)
        bar.addWidget(self.scenario_box)
        bar.addStretch(1)
        self.copy_button = QPushButton("&Copy")
        self.copy_button.setToolTip("Copy the chart to the clipboard (PNG and SVG)")
        self.save_button = QPushButton("Sa&ve As…")
        self.save_button.setToolTip("Save the chart as PNG or SVG")
        bar.addWidget(self.copy_button)
        bar.addWidget(self.save_button)

        self.views = {name: ChartView(f"{LABELS[name]} chart") for name in CHARTS}
        self.views["comparison"].name = "monthly-cost-by-scenario"
        self.views["breakdown"].name = "cost-breakdown"
        self.views["growth"].name = "cost-as-volume-grows"
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedLayout()
        for view in self.views.values():
            self.stack.addWidget(view)
        self.stack.addWidget(self.message)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(self.stack, 1)
        self.copy_button.clicked.connect(lambda: self.current_view().copy_to_clipboard())
        self.save_button.clicked.connect(lambda: self.current_view().save_dialog())
        source.changed.connect(self.mark_dirty)
        self._on_chart_toggled(0, True)

    # State ------------------------------------------------------------------------
    def current_chart(self) -> str:
        return CHARTS[max(0, self.buttons.checkedId())]

    def current_view(self) -> ChartView:
        return self.views[self.current_chart()]

    def show_chart(self, name: str) -> None:
        self.buttons.button(CHARTS.index(name)).setChecked(True)

    def mark_dirty(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        """Re-price the document and redraw the charts."""
        self._dirty = False
        try:
            quote = self.source.quote()
            growth = growth_series([e.scenario for e in quote.estimates], self.source.catalog)
        except ImageCostError as exc:
            self._quote, self._growth = None, []
            self.message.setText(f"No charts: {exc}")
            self._update_stack()
            return
        self._quote, self._growth = quote, growth
        names = [e.scenario.name for e in quote.estimates]
        keep = self.scenario_box.currentIndex()
        self.scenario_box.blockSignals(True)
        self.scenario_box.clear()
        self.scenario_box.addItems(names)
        self.scenario_box.setCurrentIndex(min(max(keep, 0), len(names) - 1))
        self.scenario_box.blockSignals(False)
        items = [(e.scenario.name, quote.price(e.monthly)) for e in quote.estimates]
        title = "Monthly cost by scenario"
        if quote.has_markup:
            title = f"Monthly price by scenario (incl. {exact_str(quote.markup_percent)}% markup)"
        self.views["comparison"].set_source(partial(_comparison, items, title))
        self.views["growth"].set_source(partial(_growth, self._growth))
        self._show_breakdown()
        self._update_stack()

    def _show_breakdown(self) -> None:
        row = self.scenario_box.currentIndex()
        if self._quote is None or not 0 <= row < len(self._quote.estimates):
            self.views["breakdown"].set_source(None)
            return
        est = self._quote.estimates[row]
        self.views["breakdown"].set_source(lambda w, h: breakdown_chart(est, width=w, height=h))

    def _on_chart_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._update_stack()

    def _update_stack(self) -> None:
        chart = self.current_chart()
        ok = self._quote is not None
        self.stack.setCurrentWidget(self.views[chart] if ok else self.message)
        breakdown = chart == "breakdown" and ok
        self.scenario_label.setVisible(breakdown)
        self.scenario_box.setVisible(breakdown)
        self.copy_button.setEnabled(ok)
        self.save_button.setEnabled(ok)


def _comparison(items: list[tuple[str, Decimal]], title: str, width: int, height: int) -> str:
    return comparison_chart(items, width=width, height=height, title=title)


def _growth(series: list[GrowthSeries], width: int, height: int) -> str:
    return growth_chart(series, width=width, height=height, title="Monthly OpenAI cost as volume grows")
