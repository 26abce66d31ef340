"""The Plan panel shows what core computes, and hands back the settings people change."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

from pytestqt.qtbot import QtBot

from core.model.plan_settings import PlanSettings
from core.pricing.engine import estimate
from core.quote.charts import nice_ticks
from core.storage import scenario_file
from gui.planning.cost_table import ARROW
from gui.planning.panel import PlanningPanel
from gui.views.chart_view import ChartView
from tests.conftest import EXAMPLES

TODAY = date(2026, 11, 23)
SVG = "{http://www.w3.org/2000/svg}"


def panel(qtbot: QtBot) -> PlanningPanel:
    widget = PlanningPanel(today=TODAY)
    qtbot.addWidget(widget)
    scenarios = scenario_file.load(EXAMPLES / "example.yaml").scenarios
    widget.set_estimates([estimate(s, today=TODAY) for s in scenarios])  # the window hands over its priced view
    widget.resize(1024, 640)
    widget.show()
    return widget


def cells(table: object, column: int) -> list[str]:
    from PySide6.QtWidgets import QTableWidget

    assert isinstance(table, QTableWidget)
    return [table.item(r, column).text() for r in range(table.rowCount())]  # type: ignore[union-attr]


def test_budget_tab_shows_the_fit_and_emits_the_budget(qtbot: QtBot) -> None:
    widget = panel(qtbot)
    seen: list[PlanSettings] = []
    widget.plan_changed.connect(lambda plan, _what: seen.append(plan))
    budget = widget.budget
    budget.edit.setText("$1,000")
    budget.edit.editingFinished.emit()
    # $100.00 + $649.40 + $241.80 = $991.20 of $1,000; the listing edits' input-image tokens are unconfirmed
    # (gpt-image-2), so their cost and the total carry the mark.
    assert cells(budget.fit_table, 1) == ["$100.00", "$649.40*", "$241.80", "$991.20*"]
    assert "$8.80 left over" in budget.summary.text()
    assert seen[-1].monthly_budget == Decimal(1000)
    # The heat map now shows images bought: $1,000 / $0.211 = 4,739 gpt-image-2 high 1024x1024.
    grid = budget.cost_table.grid
    column = [grid.horizontalHeaderItem(c).text() for c in range(grid.columnCount())].index("1024x1024")  # type: ignore[union-attr]
    row = [grid.verticalHeaderItem(r).text() for r in range(grid.rowCount())].index("GPT Image 2  high")  # type: ignore[union-attr]
    assert grid.item(row, column).text().startswith("4,739")  # type: ignore[union-attr]


def test_a_budget_that_is_not_a_number_is_named_and_not_applied(qtbot: QtBot) -> None:
    widget = panel(qtbot)
    seen: list[PlanSettings] = []
    widget.plan_changed.connect(lambda plan, _what: seen.append(plan))
    widget.budget.edit.setText("lots")
    widget.budget.edit.editingFinished.emit()
    assert "'lots' is not a number" in widget.budget.problem.text()
    assert not widget.budget.problem.isHidden()
    assert seen == []


def test_over_budget_is_said_plainly(qtbot: QtBot) -> None:
    widget = panel(qtbot)
    widget.set_plan(PlanSettings(monthly_budget=Decimal(900)))
    assert "Over budget by $91.20 a month" in widget.budget.summary.text()


def test_cost_table_marks_cheaper_equivalents(qtbot: QtBot) -> None:
    widget = panel(qtbot)
    table = widget.cost_table
    instead = cells(table.suggestions, 0)
    picks = cells(table.suggestions, 1)
    why = cells(table.suggestions, 3)
    row = instead.index("GPT Image 1.5 medium 1024x1024 ($0.034)")
    assert picks[row] == "GPT Image 1 Mini medium 1024x1024 ($0.011)"
    assert table.suggestions.item(row, 2).text() == "$0.0230"  # type: ignore[union-attr]  # the column shows 4 places
    assert why[row] == "Alternative, different model: check the output before switching"
    # Another shape is never an equivalent, and no grid cell carries the equivalent arrow today.
    row = picks.index("GPT Image 2 high 1024x1536 ($0.165)")
    assert instead[row] == "GPT Image 2 high 1024x1024 ($0.211)"
    assert why[row].startswith("Alternative, different shape: 2:3 instead of 1:1")
    assert not any(w.startswith("Equivalent") for w in why)
    grid = [table.grid.item(r, c).text() for r in range(table.grid.rowCount()) for c in range(table.grid.columnCount())]  # type: ignore[union-attr]
    assert not any(ARROW in text for text in grid)
    # Counted against a budget, a cell priced from the unconfirmed formula keeps its mark.
    table.large.setChecked(True)
    table.set_budget(Decimal(1000))
    grid = [table.grid.item(r, c).text() for r in range(table.grid.rowCount()) for c in range(table.grid.columnCount())]  # type: ignore[union-attr]
    assert "212,314*" in grid and "166,666" in grid  # 1152x2048 from the formula; 1024x1024 published
    table.set_budget(None)
    table.large.setChecked(False)
    # A figure from the unconfirmed token formula carries its mark in the Pick column and the saving.
    row = picks.index("GPT Image 2 low 1152x2048 ($0.0047*)")
    assert instead[row] == "GPT Image 2 low 1024x1024 ($0.006)"
    assert table.suggestions.item(row, 2).text() == "$0.0013*"  # type: ignore[union-attr]
    # Large sizes are hidden until asked for; then gpt-image-2's 2048x2048 appears.
    headers = lambda: [table.grid.horizontalHeaderItem(c).text() for c in range(table.grid.columnCount())]  # type: ignore[union-attr]  # noqa: E731
    assert "2048x2048" not in headers()
    table.large.setChecked(True)
    assert "2048x2048" in headers()
    table.retired.setChecked(False)
    rows = [table.grid.verticalHeaderItem(r).text() for r in range(table.grid.rowCount())]  # type: ignore[union-attr]
    assert not any("retired" in r for r in rows)


def test_limits_tab_follows_tier_and_window(qtbot: QtBot) -> None:
    widget = panel(qtbot)
    seen: list[PlanSettings] = []
    widget.plan_changed.connect(lambda plan, _what: seen.append(plan))
    limits = widget.limits
    limits.tier.setCurrentIndex(limits.tier.findData("2"))
    limits.hours.setValue(8)
    limits.days.setValue(22)
    assert "211,200" in limits.capacity.text() and "864,000" in limits.capacity.text()
    assert cells(limits.table, 1)[-1] == "31,600"
    assert cells(limits.table, 2)[-1] == "2.99"
    assert seen[-1].usage_tier == "2" and seen[-1].peak_hours_per_day == 8 and seen[-1].active_days_per_month == 22
    # Tier 1 at 1 hour a day: 31,600 / (60 x 22) = 23.94 IPM needed, Tier 1 allows 5.
    limits.tier.setCurrentIndex(limits.tier.findData("1"))
    limits.hours.setValue(1)
    assert cells(limits.table, 4)[-1] == "no"
    assert "Tier 3 (50 IPM) or higher" in limits.verdict.text()


def test_growth_tab_projects_the_year(qtbot: QtBot) -> None:
    widget = panel(qtbot)
    growth = widget.growth
    growth.rate.setValue(0)
    # Flat: 12 x $991.20, the month as shown ($991.1968 unrounded), so the year adds up by hand.
    assert cells(growth.table, 0)[0] == "Dec 2026"
    assert cells(growth.table, 2)[-1] == "$11,894.40"
    assert cells(growth.table, 3)[1] == "$1,982.40"  # February's running total: 2 x $991.20
    growth.rate.setValue(10)
    assert widget.plan().growth_percent == Decimal(10)
    assert cells(growth.table, 2)[1] == "$1,090.32"  # $991.1967 x 1.1
    grab = growth.chart.grab()
    assert not grab.isNull()


def test_set_plan_shows_a_files_settings_without_echoing_them(qtbot: QtBot) -> None:
    widget = panel(qtbot)
    seen: list[PlanSettings] = []
    widget.plan_changed.connect(lambda plan, _what: seen.append(plan))
    plan = PlanSettings(
        monthly_budget=Decimal(2500), usage_tier="4", peak_hours_per_day=Decimal(8), growth_percent=Decimal(3)
    )
    widget.set_plan(plan)
    assert seen == []
    assert widget.limits.tier.currentData() == "4"
    assert widget.growth.rate.value() == 3
    assert widget.budget.edit.text() == "2,500"


def test_axis_steps_are_round() -> None:
    # The growth chart uses the one axis rule of every chart (core.quote.charts.nice_ticks).
    for top, step in ((Decimal(1695), Decimal(500)), (Decimal(90), Decimal(25)), (Decimal("0.8"), Decimal("0.2"))):
        ticks = nice_ticks(top, 4)
        assert ticks[1] - ticks[0] == step and ticks[-1] >= top


def test_the_growth_chart_is_the_shared_svg_chart(qtbot: QtBot) -> None:
    widget = panel(qtbot)
    widget.setCurrentWidget(widget.growth)
    chart = widget.growth.chart
    assert isinstance(chart, ChartView)  # copies and saves as PNG/SVG like the Charts tab
    root = ET.fromstring(chart.svg())
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("fill") != "#ffffff"]
    assert len(bars) == len(widget.growth.projection().months) == 12
    labels = [el.text for el in root.iter(f"{SVG}text")]
    assert labels[0] == "Monthly cost, next 12 months" and "$0" in labels
