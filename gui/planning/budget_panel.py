"""Budget mode: a monthly budget, whether the scenarios fit it, and what it buys per model."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from core.money import format_share, format_usd
from core.planning.budget import BudgetFit, budget_fit, marked
from core.pricing.estimate import Estimate
from gui.planning.cost_table import CostTable
from gui.views.cells import MoneyEdit, bad_colour, fit_height, good_colour, item, read_only_table
from gui.views.plain_text import plain_label


class BudgetPanel(QWidget):
    """Emits ``budget_changed`` (Decimal or None) when the person enters a valid budget or clears it."""

    budget_changed = Signal(object)

    def __init__(self, cost_table: CostTable) -> None:
        super().__init__()
        self._estimates: list[Estimate] = []
        self.edit = MoneyEdit()
        self.edit.setMaximumWidth(220)
        self.edit.editingFinished.connect(self._commit)
        self.edit.textChanged.connect(self._typing)
        self.problem = plain_label()
        self.problem.setStyleSheet(f"color: {bad_colour(self.palette()).name()}")
        self.problem.hide()
        form = QFormLayout()
        form.addRow("Monthly budget (USD):", self.edit)
        form.addRow("", self.problem)

        self.summary = QLabel("Enter a monthly budget to see whether the scenarios fit and what it buys.")
        self.summary.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(12)
        self.bar.hide()
        self.fit_table = read_only_table(
            "Scenarios against the budget", ["Scenario", "Monthly cost", "Share of budget"]
        )

        self.cost_table = cost_table
        inner = cost_table.layout()
        if inner is not None:
            inner.setContentsMargins(0, 0, 0, 0)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.bar)
        layout.addWidget(self.fit_table)
        buys = QLabel("<b>What the budget buys</b>")
        layout.addWidget(buys)
        layout.addWidget(cost_table, 1)

    def set_budget(self, budget: Decimal | None) -> None:
        """Show a budget (from a file) without emitting a change."""
        self.edit.blockSignals(True)
        self.edit.setText("" if budget is None else f"{budget:,}")
        self.edit.blockSignals(False)
        self._refresh()

    def set_estimates(self, estimates: list[Estimate]) -> None:
        self._estimates = estimates
        self._refresh()

    def _typing(self) -> None:
        problem = self.edit.problem()
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)
        self._commit()  # like every other field, the budget applies as it is typed (one undo step per gesture)

    def _commit(self) -> None:
        if self.edit.problem() is not None:
            return
        self._refresh()
        self.budget_changed.emit(self.edit.amount())

    def _refresh(self) -> None:
        budget = None if self.edit.problem() else self.edit.amount()
        self.cost_table.set_budget(budget)
        if budget is None or budget <= 0:
            self.bar.hide()
            self.fit_table.setRowCount(0)
            self.fit_table.hide()  # no budget: a header over no rows says nothing
            self.summary.setText("Enter a monthly budget to see whether the scenarios fit and what it buys.")
            return
        self._show_fit(budget_fit(budget, self._estimates))

    def _show_fit(self, fit: BudgetFit) -> None:
        share = fit.share_of_budget
        assert share is not None  # _refresh shows a fit only for a budget above zero
        self.bar.show()
        self.bar.setValue(min(int(share * 1000), 1000))
        self.bar.setToolTip(f"{format_usd(fit.total)} of {format_usd(fit.budget)} ({format_share(share)})")
        colour = good_colour(self.palette()) if fit.fits else bad_colour(self.palette())
        self.bar.setStyleSheet(f"QProgressBar::chunk {{ background: {colour.name()}; }}")
        if fit.fits:
            text = (
                f"The scenarios fit: {format_usd(fit.total)} of {format_usd(fit.budget)} a month "
                f"({format_share(share)}), {format_usd(fit.remaining)} left over."
            )
        else:
            text = (
                f"Over budget by {format_usd(-fit.remaining)} a month: the scenarios cost {format_usd(fit.total)} "
                f"of {format_usd(fit.budget)} ({format_share(share)})."
            )
        self.summary.setText(f"<span style='color:{colour.name()}'><b>{text}</b></span>")
        table = self.fit_table
        table.show()
        table.setRowCount(len(fit.scenarios) + 1)
        for r, s in enumerate(fit.scenarios):
            table.setItem(r, 0, item(s.name))
            table.setItem(r, 1, item(marked(format_usd(s.monthly), s.unconfirmed), numeric=True))
            pct = "-" if s.share_of_budget is None else format_share(s.share_of_budget)
            table.setItem(r, 2, item(pct, numeric=True))
        last = len(fit.scenarios)
        table.setItem(last, 0, item("Total", bold=True))
        unconfirmed = any(s.unconfirmed for s in fit.scenarios)
        table.setItem(last, 1, item(marked(format_usd(fit.total), unconfirmed), numeric=True, bold=True))
        table.setItem(last, 2, item(format_share(share), numeric=True, bold=True))
        fit_height(table)
