"""Growth: the next twelve months of a monthly cost that grows by a fixed rate.

Cost is linear in volume (every line is quantity x unit price), so month k costs
this month's cost x (1 + rate)^k, in Decimal, rounded to the cent once per month so the running
total and the twelve-month total add up by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.model.plan_settings import PlanSettings
from core.money import HUNDRED, ZERO, cents, money_context
from core.pricing.estimate import Estimate, shown_monthly_total

MONTHS = 12


@dataclass(frozen=True, slots=True)
class MonthProjection:
    index: int
    month: date
    #: Volume relative to the first month (1.05 = 5% more).
    factor: Decimal
    requests: Decimal
    cost: Decimal
    cumulative: Decimal


@dataclass(frozen=True, slots=True)
class GrowthProjection:
    growth_percent: Decimal
    months: tuple[MonthProjection, ...]
    total: Decimal
    #: What twelve flat months would cost (the yearly figure without growth).
    flat_total: Decimal


def add_months(start: date, months: int) -> date:
    """The first day of the month ``months`` after ``start``'s month."""
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def first_month(plan: PlanSettings, today: date) -> date:
    """The projection's first month: the plan's (its month), else the month after TODAY."""
    return add_months(plan.growth_start or add_months(today, 1), 0)


def project(
    monthly_cost: Decimal,
    requests_per_month: Decimal,
    growth_percent: Decimal,
    start: date,
    *,
    months: int = MONTHS,
) -> GrowthProjection:
    """Month 1 is ``start`` at today's volume; each later month grows by ``growth_percent``."""
    with money_context():
        step = 1 + growth_percent / HUNDRED
        factor = Decimal(1)
        cumulative = ZERO
        rows = []
        for index in range(months):
            cost = cents(monthly_cost * factor)  # each month as shown; the running total adds those
            cumulative += cost
            month = add_months(start, index)
            rows.append(MonthProjection(index + 1, month, factor, requests_per_month * factor, cost, cumulative))
            factor *= step
        return GrowthProjection(growth_percent, tuple(rows), cumulative, cents(monthly_cost) * months)


def project_estimates(estimates: Sequence[Estimate], growth_percent: Decimal, start: date) -> GrowthProjection:
    """:func:`project` from today's priced scenarios: their summed cost (each to the cent, as the window
    shows it) and request volume."""
    monthly = shown_monthly_total(estimates)
    requests = Decimal(sum(e.scenario.requests_per_month for e in estimates))
    return project(monthly, requests, growth_percent, start)
