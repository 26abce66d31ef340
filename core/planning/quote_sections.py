"""The Plan tab's answers as quote sections: budget fit, rate-limit tier and growth projection.

A quote includes the ones its header names (``QuoteHeader.plan_sections``). The figures come
from the functions the Plan tab and ``imagecost-cli budget/limits/growth`` call, with the file's
plan settings, and the tables are the rows the command line prints (:mod:`core.planning.report`),
so a quote says what they say. A figure resting on an unconfirmed rule keeps its mark. The JSON
export carries each section's exact data (Decimal strings) under its key.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from core.model.plan_settings import PlanSettings
from core.model.quote_header import PlanSectionName
from core.model.usage_tiers import RateLimits, bundled_rate_limits
from core.money import exact_str, format_usd
from core.planning.budget import BudgetFit, budget_fit, marked
from core.planning.growth import GrowthProjection, first_month, project_estimates
from core.planning.rate_limits import ThroughputCheck, plan_checks, unconfirmed_models
from core.planning.report import (
    UNCONFIRMED_NOTE,
    budget_fit_rows,
    budget_verdict,
    growth_rate_line,
    growth_rows,
    growth_total_line,
    limits_notes,
    lowest_tier_line,
    throughput_rows,
    tier_lines,
)
from core.pricing.estimate import Estimate
from core.pricing.sources import source_citation
from core.sections import Section, SectionTable

#: What each section is called on the quote.
SECTION_TITLES: dict[PlanSectionName, str] = {
    "budget": "Budget fit",
    "rate-limits": "Rate limits",
    "growth": "Growth projection",
}
#: Where the JSON export puts each section's data.
JSON_KEYS: dict[PlanSectionName, str] = {
    "budget": "budget_fit",
    "rate-limits": "rate_limits",
    "growth": "growth_projection",
}
#: Where the figures come from, said once under each section.
FROM_THE_PLAN = "OpenAI cost in USD before any markup, from the plan saved with the file (the Plan tab)."
UNCONFIRMED_IN_QUOTE = f"{UNCONFIRMED_NOTE}: see Notes and warnings."


def plan_sections(
    names: Sequence[PlanSectionName],
    plan: PlanSettings,
    estimates: Sequence[Estimate],
    *,
    today: date,
    limits: RateLimits | None = None,
) -> list[Section]:
    """The sections NAMES asks for, in print order, of the quoted ESTIMATES under PLAN."""
    builders = {
        "budget": lambda: budget_section(plan, estimates),
        "rate-limits": lambda: limits_section(plan, estimates, limits or bundled_rate_limits()),
        "growth": lambda: growth_section(plan, estimates, today=today),
    }
    return [builders[name]() for name in SECTION_TITLES if name in names]


def _money(value: Decimal | None) -> str | None:
    return None if value is None else exact_str(value)


def _upper_bounds(estimates: Sequence[Estimate]) -> list[str]:
    """Notes for the scenarios whose figures are the dearest the model could choose (``auto``)."""
    return [f"{e.scenario.name}: {e.auto_range.marker}" for e in estimates if e.auto_range is not None]


# Budget fit --------------------------------------------------------------------------------------------


def budget_section(plan: PlanSettings, estimates: Sequence[Estimate]) -> Section:
    """The scenarios' monthly cost against the plan's budget (Plan > Budget, ``imagecost-cli budget FILE``)."""
    title = SECTION_TITLES["budget"]
    key = JSON_KEYS["budget"]
    budget = plan.monthly_budget
    if budget is None or budget <= 0:
        return Section(
            key=key,
            title=title,
            paragraphs=("No monthly budget is set (Plan > Budget, or plan.monthly_budget in the file).",),
            data={"monthly_budget": None},
        )
    fit = budget_fit(budget, list(estimates))
    rows = budget_fit_rows(fit)
    notes = [UNCONFIRMED_IN_QUOTE] if any(s.unconfirmed for s in fit.scenarios) else []
    return Section(
        key=key,
        title=title,
        paragraphs=(f"Monthly budget: {format_usd(fit.budget)}. {budget_verdict(fit)}", FROM_THE_PLAN),
        tables=(SectionTable.from_rows("Scenarios against the budget", rows),),
        notes=(*notes, *_upper_bounds(estimates)),
        data=budget_data(fit),
    )


def budget_data(fit: BudgetFit) -> dict[str, Any]:
    return {
        "monthly_budget": exact_str(fit.budget),
        "total_monthly": exact_str(fit.total),
        "remaining": exact_str(fit.remaining),
        "fits": fit.fits,
        "scenarios": [
            {
                "name": s.name,
                "monthly": exact_str(s.monthly),
                "share_of_budget": _money(s.share_of_budget),
                "unconfirmed": s.unconfirmed,
            }
            for s in fit.scenarios
        ],
    }


# Rate limits -------------------------------------------------------------------------------------------


def limits_section(plan: PlanSettings, estimates: Sequence[Estimate], limits: RateLimits) -> Section:
    """The scenarios' volume against the plan's usage tier (Plan > Rate limits, ``imagecost-cli limits``)."""
    checks = plan_checks(estimates, plan)
    tier = checks[-1][1].tier
    unconfirmed = unconfirmed_models(estimates, limits)
    rows = throughput_rows(checks)
    source = f"Source: {source_citation(tier.source)}."
    return Section(
        key=JSON_KEYS["rate-limits"],
        title=SECTION_TITLES["rate-limits"],
        paragraphs=(_tier_sentence(plan, tier.label), *tier_lines(checks, plan), source),
        tables=(SectionTable.from_rows("Scenarios against the rate limit", rows),),
        notes=(lowest_tier_line(checks), *limits_notes(limits, unconfirmed)),
        data=limits_data(checks, plan, unconfirmed),
    )


def _tier_sentence(plan: PlanSettings, label: str) -> str:
    if plan.usage_tier is None:
        return f"Usage tier: {label} (the plan names none; a new account's first paid tier is assumed)."
    return f"Usage tier: {label}."


def _check_data(name: str, check: ThroughputCheck) -> dict[str, Any]:
    return {
        "name": name,
        "generated_images": exact_str(check.images),
        "needed_ipm": exact_str(check.needed_ipm),
        "utilisation": _money(check.utilisation),
        "fits": check.fits,
    }


def limits_data(
    checks: Sequence[tuple[str, ThroughputCheck]], plan: PlanSettings, unconfirmed: Sequence[str]
) -> dict[str, Any]:
    total = checks[-1][1]
    lowest = total.lowest_fitting_tier
    return {
        "usage_tier": total.tier.tier,
        "tier_label": total.tier.label,
        "images_per_minute": total.tier.ipm,
        "checked": total.tier.checked.isoformat(),
        "source": source_citation(total.tier.source),
        "peak_hours_per_day": exact_str(plan.peak_hours_per_day),
        "active_days_per_month": plan.active_days_per_month,
        "capacity_full_month": _money(total.capacity_full_month),
        "capacity_in_window": _money(total.capacity_in_window),
        "lowest_fitting_tier": None if lowest is None else lowest.tier,
        "scenarios": [_check_data(name, check) for name, check in checks[:-1]],
        "all_scenarios": _check_data(*checks[-1]),
        "unconfirmed_for": list(unconfirmed),
    }


# Growth ------------------------------------------------------------------------------------------------


def growth_section(plan: PlanSettings, estimates: Sequence[Estimate], *, today: date) -> Section:
    """The next twelve months at the plan's growth rate (Plan > Growth, ``imagecost-cli growth FILE``)."""
    projection = project_estimates(estimates, plan.growth_percent, first_month(plan, today))
    rows = growth_rows(projection)
    unconfirmed = [e.scenario.name for e in estimates if e.unconfirmed]
    notes = [f"{UNCONFIRMED_NOTE} in {', '.join(unconfirmed)}: see Notes and warnings."] if unconfirmed else []
    name = estimates[0].scenario.name if len(estimates) == 1 else f"All {len(estimates)} scenarios"
    return Section(
        key=JSON_KEYS["growth"],
        title=SECTION_TITLES["growth"],
        paragraphs=(
            growth_rate_line(name, projection) + ".",
            marked(growth_total_line(projection, today), bool(unconfirmed)) + ".",
            FROM_THE_PLAN,
        ),
        tables=(SectionTable.from_rows("Month by month", rows),),
        notes=(*notes, *_upper_bounds(estimates)),
        data=growth_data(projection),
    )


def growth_data(projection: GrowthProjection) -> dict[str, Any]:
    return {
        "growth_percent": exact_str(projection.growth_percent),
        "months": [
            {
                "month": m.month.strftime("%Y-%m"),
                "factor": exact_str(m.factor),
                "requests": exact_str(m.requests),
                "cost": exact_str(m.cost),
                "cumulative": exact_str(m.cumulative),
            }
            for m in projection.months
        ],
        "total": exact_str(projection.total),
        "flat_total": exact_str(projection.flat_total),
    }
