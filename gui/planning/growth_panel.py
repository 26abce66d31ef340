"""Growth: a monthly growth rate projects the next twelve months, as a table and a chart."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import partial

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.model.fields import bounds
from core.model.plan_settings import PlanSettings
from core.money import format_quantity, format_usd
from core.planning.growth import GrowthProjection, add_months, first_month, project_estimates
from core.planning.report import projection_period
from core.pricing.estimate import Estimate
from core.quote.charts import bar_chart
from gui.views.cells import item, read_only_table
from gui.views.chart_view import ChartView


class GrowthPanel(QWidget):
    """Emits ``growth_changed`` (Decimal percent, first month) when the person changes the rate or the start."""

    growth_changed = Signal(object, object)

    def __init__(self, *, today: date | None = None) -> None:
        super().__init__()
        self._estimates: list[Estimate] = []
        self.rate = QDoubleSpinBox()
        self.rate.setRange(*bounds(PlanSettings, "growth_percent").scaled_range())
        self.rate.setDecimals(1)
        self.rate.setSingleStep(1)
        self.rate.setSuffix(" % a month")
        self.rate.setAccessibleName("Monthly growth rate")
        self.start = QDateEdit()
        self.start.setDisplayFormat("MMMM yyyy")
        self.start.setAccessibleName("Growth start month")
        self.start.setCalendarPopup(False)
        self._today = today or date.today()
        first = add_months(self._today, 1)
        self.start.setDate(QDate(first.year, first.month, 1))
        # One control a row: side by side they were wider than the tab of a small window.
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Volume grows by:", self.rate)
        form.addRow("Starting:", self.start)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = read_only_table("Growth by month", ["Month", "Requests", "Cost", "Cumulative"])
        #: The same SVG chart widget as the Charts tab: it copies and saves like the others.
        self.chart = ChartView("Monthly cost, next 12 months")
        self.chart.setMinimumHeight(180)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 400])
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        self.rate.valueChanged.connect(self._rate_changed)
        self.start.dateChanged.connect(self._rate_changed)  # the start month is saved with the rate

    def growth_percent(self) -> Decimal:
        return Decimal(f"{self.rate.value():.1f}")

    def set_growth(self, plan: PlanSettings) -> None:
        """Show a file's growth rate and start month (none: next month) without emitting a change."""
        self.rate.blockSignals(True)
        self.start.blockSignals(True)
        self.rate.setValue(float(plan.growth_percent))
        first = first_month(plan, self._today)
        self.start.setDate(QDate(first.year, first.month, 1))
        self.rate.blockSignals(False)
        self.start.blockSignals(False)
        self._refresh()

    def start_month(self) -> date:
        start = self.start.date()
        return date(start.year(), start.month(), 1)

    def set_estimates(self, estimates: list[Estimate]) -> None:
        self._estimates = estimates
        self._refresh()

    def projection(self) -> GrowthProjection:
        return project_estimates(self._estimates, self.growth_percent(), self.start_month())

    def _rate_changed(self) -> None:
        self._refresh()
        self.growth_changed.emit(self.growth_percent(), self.start_month())

    def _refresh(self) -> None:
        result = self.projection()
        self.table.setRowCount(len(result.months) + 1)
        for r, m in enumerate(result.months):
            self.table.setItem(r, 0, item(m.month.strftime("%b %Y")))
            self.table.setItem(r, 1, item(format_quantity(m.requests.quantize(Decimal(1))), numeric=True))
            self.table.setItem(r, 2, item(format_usd(m.cost), numeric=True))
            self.table.setItem(r, 3, item(format_usd(m.cumulative), numeric=True))
        last = len(result.months)
        self.table.setItem(last, 0, item("12 months", bold=True))
        total_requests = sum((m.requests for m in result.months), Decimal(0))
        self.table.setItem(last, 1, item(format_quantity(total_requests.quantize(Decimal(1))), numeric=True, bold=True))
        self.table.setItem(last, 2, item(format_usd(result.total), numeric=True, bold=True))
        self.table.setItem(last, 3, item("", numeric=True))
        extra = result.total - result.flat_total
        self.summary.setText(
            f"{projection_period(result, self._today)}: <b>{format_usd(result.total)}</b> "
            f"(without growth {format_usd(result.flat_total)}; growth {'adds' if extra >= 0 else 'saves'} "
            f"{format_usd(abs(extra))}). Month 12 costs {format_usd(result.months[-1].cost)}."
        )
        self.chart.set_source(partial(_chart, result))


def _month_label(month: date, first: bool) -> str:
    """'Mar', with the year where it starts (January) and on the first bar: 'Jan 27'."""
    return month.strftime("%b %y" if first or month.month == 1 else "%b")


def _chart(projection: GrowthProjection, width: int, height: int | None) -> str:
    bars = [(_month_label(m.month, index == 0), m.cost) for index, m in enumerate(projection.months)]
    return bar_chart(
        bars, width=width, height=height, title="Monthly cost, next 12 months", money=lambda v: format_usd(v, places=0)
    )
