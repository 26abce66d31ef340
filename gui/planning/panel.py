"""The Plan panel: Budget, Cost table, Rate limits and Growth tabs over the open scenarios.

The main window hands it the scenarios and the file's plan settings; it hands
back the settings the person changes (``plan_changed``) so they are saved with the file.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget

from core.model.plan_settings import PlanSettings
from core.pricing.catalog import Catalog, default_catalog
from core.pricing.estimate import Estimate
from gui.planning.budget_panel import BudgetPanel
from gui.planning.cost_table import CostTable
from gui.planning.growth_panel import GrowthPanel
from gui.planning.limits_panel import LimitsPanel


class PlanningPanel(QTabWidget):
    #: (new PlanSettings, what changed: 'budget', 'usage tier', 'peak window', 'growth')
    plan_changed = Signal(object, str)

    def __init__(self, catalog: Catalog | None = None, *, today: date | None = None) -> None:
        super().__init__()
        self._catalog = catalog or default_catalog()
        self._today = today or date.today()
        self._plan = PlanSettings()
        self.budget = BudgetPanel(CostTable(self._catalog, today=self._today, with_suggestions=False))
        self.cost_table = CostTable(self._catalog, today=self._today)
        self.limits = LimitsPanel()
        self.growth = GrowthPanel(today=self._today)
        self.addTab(self.budget, "Budget")
        self.addTab(self.cost_table, "Cost table")
        self.addTab(self.limits, "Rate limits")
        self.addTab(self.growth, "Growth")
        self.budget.budget_changed.connect(self._budget_changed)
        self.limits.settings_changed.connect(self._limits_changed)
        self.growth.growth_changed.connect(self._growth_changed)

    def plan(self) -> PlanSettings:
        return self._plan

    def set_catalog(self, catalog: Catalog) -> None:
        """A new catalog for the cost tables; the caller hands over re-priced estimates itself."""
        self._catalog = catalog
        self.budget.cost_table.set_catalog(catalog)
        self.cost_table.set_catalog(catalog)

    def set_plan(self, plan: PlanSettings) -> None:
        """Show a file's plan settings (no ``plan_changed``)."""
        self._plan = plan
        self.budget.set_budget(plan.monthly_budget)
        self.limits.set_settings(plan)
        self.growth.set_growth(plan)

    def set_estimates(self, estimates: list[Estimate]) -> None:
        """Show already-priced scenarios (the window's cached estimates: nothing is re-priced)."""
        self.budget.set_estimates(estimates)
        self.limits.set_estimates(estimates)
        self.growth.set_estimates(estimates)

    def _budget_changed(self, value: object) -> None:
        self._update("budget", monthly_budget=value)

    def _limits_changed(self, tier: str, hours: object, days: int) -> None:
        self._update("rate limits", usage_tier=tier, peak_hours_per_day=hours, active_days_per_month=days)

    def _growth_changed(self, value: object, start: object) -> None:
        self._update("growth", growth_percent=value, growth_start=start)

    def _update(self, what: str, **changes: object) -> None:
        plan = PlanSettings.model_validate({**self._plan.model_dump(), **changes})
        if plan != self._plan:
            self._plan = plan
            self.plan_changed.emit(plan, what)
