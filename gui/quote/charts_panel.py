"""The Charts tab: monthly cost by scenario, one scenario's breakdown, cost as volume grows.

One chart at a time, large enough to read, picked from a list.
Charts are recomputed when the document changes, but only while the tab is
visible (hidden tabs catch up when shown).
"""

from __future__ import annotations

from enum import StrEnum
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.errors import ImageCostError
from core.pricing.volumes import GrowthSeries, growth_series
from core.quote.charts import (
    breakdown_chart,
    growth_chart,
    growth_factors,
    growth_volumes,
    markup_note,
    quote_comparison_chart,
)
from core.quote.quote import Quote, format_money
from gui.quote.source import QuoteSource
from gui.views.chart_view import ChartView
from gui.views.plain_text import plain_label


class ChartKind(StrEnum):
    """The charts the tab offers, in the order of its chart box."""

    COMPARISON = "comparison"
    BREAKDOWN = "breakdown"
    GROWTH = "growth"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ChartKind.COMPARISON: "Monthly cost by scenario",
    ChartKind.BREAKDOWN: "Breakdown of one scenario",
    ChartKind.GROWTH: "Cost as volume grows",
}
CHARTS = tuple(ChartKind)


class ChartsPanel(QWidget):
    """Shows the charts of the source's document and keeps them current."""

    def __init__(self, source: QuoteSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self._dirty = True
        self._quote: Quote | None = None
        self._growth: list[GrowthSeries] = []
        self._wanted_row = 0

        # Compact controls: the tab shares the window with the scenario list and form.
        self.chart_box = QComboBox()
        self.chart_box.setAccessibleName("Chart")
        for name in ChartKind:
            self.chart_box.addItem(name.label, name.value)
        self.chart_box.setMinimumContentsLength(8)
        self.chart_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chart_box.currentIndexChanged.connect(self._update_stack)
        self.copy_button = QToolButton()
        self.copy_button.setText("&Copy")
        self.copy_button.setToolTip("Copy the chart to the clipboard (PNG and SVG)")
        self.save_button = QToolButton()
        self.save_button.setText("Sa&ve…")
        self.save_button.setToolTip("Save the chart as PNG or SVG")
        bar = QHBoxLayout()
        bar.addWidget(self.chart_box, 1)
        bar.addWidget(self.copy_button)
        bar.addWidget(self.save_button)

        self.scenario_label = QLabel("&Scenario:")
        self.scenario_box = QComboBox()
        self.scenario_box.setMinimumContentsLength(10)
        self.scenario_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scenario_label.setBuddy(self.scenario_box)
        self.scenario_box.currentIndexChanged.connect(self._show_breakdown)
        scenario_row = QHBoxLayout()
        scenario_row.addWidget(self.scenario_label)
        scenario_row.addWidget(self.scenario_box, 1)

        self.views: dict[ChartKind, ChartView] = {kind: ChartView(f"{kind.label} chart") for kind in ChartKind}
        self.views[ChartKind.COMPARISON].name = "monthly-cost-by-scenario"
        self.views[ChartKind.BREAKDOWN].name = "cost-breakdown"
        self.views[ChartKind.GROWTH].name = "cost-as-volume-grows"
        for view in self.views.values():
            view.folder = self._folder
        self.message = plain_label()  # an error that may quote a name from the file
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedLayout()
        for view in self.views.values():
            self.stack.addWidget(view)
        self.stack.addWidget(self.message)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(scenario_row)
        layout.addLayout(self.stack, 1)
        self.copy_button.clicked.connect(lambda: self.current_view().copy_to_clipboard())
        self.save_button.clicked.connect(lambda: self.current_view().save_dialog())
        source.changed.connect(self.mark_dirty)
        self._update_stack()

    # State ------------------------------------------------------------------------
    def current_chart(self) -> ChartKind:
        return ChartKind(self.chart_box.currentData() or CHARTS[0])

    def current_view(self) -> ChartView:
        return self.views[self.current_chart()]

    def show_chart(self, kind: ChartKind | str) -> None:
        self.chart_box.setCurrentIndex(CHARTS.index(ChartKind(kind)))

    def select_scenario(self, row: int) -> None:
        """Show ROW in the breakdown chart (the window's selected scenario)."""
        if 0 <= row < self.scenario_box.count():
            self.scenario_box.setCurrentIndex(row)
        else:
            self._wanted_row = row

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
            scenarios = [e.scenario for e in quote.estimates]
            factors = growth_factors()
            growth = growth_series(scenarios, self.source.catalog, volumes=partial(growth_volumes, factors=factors))
        except ImageCostError as exc:
            self._quote, self._growth = None, []
            self.message.setText(f"No charts: {exc}")
            self._update_stack()
            return
        self._quote, self._growth = quote, growth
        names = [e.scenario.name for e in quote.estimates]
        keep = self.scenario_box.currentIndex() if self.scenario_box.count() else self._wanted_row
        self.scenario_box.blockSignals(True)
        self.scenario_box.clear()
        self.scenario_box.addItems(names)
        self.scenario_box.setCurrentIndex(min(max(keep, 0), len(names) - 1))
        self.scenario_box.blockSignals(False)
        self.views[ChartKind.COMPARISON].set_source(lambda w, h: quote_comparison_chart(quote, width=w, height=h))
        # Screen readers get the figures the charts draw.
        self.views[ChartKind.COMPARISON].setAccessibleDescription(
            "; ".join(f"{e.scenario.name}: {format_money(quote.price(e.monthly))} per month" for e in quote.estimates)
        )
        self.views[ChartKind.GROWTH].setAccessibleDescription(
            "; ".join(f"{s.name}: {format_money(s.current[1])} at {s.current[0]:,} requests a month" for s in growth)
        )
        self.views[ChartKind.GROWTH].set_source(partial(_growth, self._growth, markup_note(quote)))
        self._show_breakdown()
        self._update_stack()

    def _show_breakdown(self) -> None:
        row = self.scenario_box.currentIndex()
        if self._quote is None or not 0 <= row < len(self._quote.estimates):
            self.views[ChartKind.BREAKDOWN].set_source(None)
            return
        est = self._quote.estimates[row]
        note = markup_note(self._quote)
        self.views[ChartKind.BREAKDOWN].set_source(lambda w, h: breakdown_chart(est, width=w, height=h, note=note))
        self.views[ChartKind.BREAKDOWN].setAccessibleDescription(
            "; ".join(f"{line.item}: {format_money(line.cost)}" for line in est.lines)
        )

    def _update_stack(self, *_args: object) -> None:
        chart = self.current_chart()
        ok = self._quote is not None
        self.stack.setCurrentWidget(self.views[chart] if ok else self.message)
        breakdown = chart is ChartKind.BREAKDOWN and ok
        self.scenario_label.setVisible(breakdown)
        self.scenario_box.setVisible(breakdown)
        self.copy_button.setEnabled(ok)
        self.save_button.setEnabled(ok)

    def _folder(self) -> Path | None:
        """The open document's folder: a chart is saved beside the file it comes from."""
        path = self.source.path()
        return path.parent if path is not None else None


def _growth(series: list[GrowthSeries], note: str, width: int, height: int | None) -> str:
    return growth_chart(series, width=width, height=height, title=f"Monthly OpenAI cost as volume grows ({note})")
