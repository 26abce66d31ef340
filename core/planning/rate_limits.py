"""Rate limits: how many images a usage tier's images-per-minute limit lets through.

The tiers are data (pricing/limits/*.yaml, each row with source and checked date).
A 30-day month at 1 image per minute is 43,200 images (pricing-facts.md). When the
traffic comes in a peak window (8 working hours a day, 22 working days), the limit
only applies to that window, so fewer images fit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from core.model.plan_settings import PlanSettings
from core.model.scenario import DAYS_PER_MONTH
from core.model.usage_tiers import DEFAULT_TIER, RateLimits, Tier, bundled_rate_limits
from core.money import exact_sum, format_quantity
from core.pricing.estimate import Estimate

MINUTES_PER_HOUR = 60
HOURS_PER_DAY = 24
#: The columns of the scenarios-against-the-limit table, alike in the window, the CLI and the quote.
THROUGHPUT_HEADERS = ("Scenario", "Generated images a month", "Images a minute needed", "Use of limit", "Fits")
#: Said under every table of images a minute: the rows are rounded, the total is not their sum.
IPM_ROUNDING_NOTE = (
    "Images a minute (to two decimals) and the use of the limit are rounded; the totals are worked out "
    "from the unrounded figures, so the rows may not add up to them exactly."
)


def window_minutes(settings: PlanSettings) -> Decimal:
    """Minutes a month in which traffic arrives (43,200 for every minute of a 30-day month)."""
    return settings.peak_hours_per_day * MINUTES_PER_HOUR * settings.active_days_per_month


def monthly_capacity(ipm: int, settings: PlanSettings | None = None) -> Decimal:
    """The most images a month an IPM limit allows within the traffic window."""
    return ipm * window_minutes(settings or PlanSettings())


@dataclass(frozen=True, slots=True)
class ThroughputCheck:
    """Whether a monthly number of generated images fits a tier, in the peak window."""

    tier: Tier
    images: Decimal
    #: Most images a month at this tier, every minute of a 30-day month.
    capacity_full_month: Decimal | None
    #: Most images a month at this tier within the peak window.
    capacity_in_window: Decimal | None
    #: Images per minute the volume needs within the window.
    needed_ipm: Decimal
    fits: bool
    #: The lowest tier whose limit the volume fits, or None if none does.
    lowest_fitting_tier: Tier | None
    #: Share of the tier's limit the volume uses (None where the tier has no limit to use).
    utilisation: Decimal | None


def check_throughput(
    images_per_month: Decimal, tier_name: str, settings: PlanSettings | None = None, limits: RateLimits | None = None
) -> ThroughputCheck:
    """One function for the CLI and the window: does this volume fit the tier's IPM?"""
    settings = settings or PlanSettings()
    limits = limits or bundled_rate_limits()
    tier = limits.tier(tier_name)
    minutes = window_minutes(settings)
    needed = images_per_month / minutes
    full_month = PlanSettings()
    fitting = [t for t in limits.tiers if t.ipm is not None and needed <= t.ipm]
    return ThroughputCheck(
        tier=tier,
        images=images_per_month,
        capacity_full_month=None if tier.ipm is None else monthly_capacity(tier.ipm, full_month),
        capacity_in_window=None if tier.ipm is None else monthly_capacity(tier.ipm, settings),
        needed_ipm=needed,
        fits=tier.ipm is not None and needed <= tier.ipm,
        lowest_fitting_tier=min(fitting, key=lambda t: t.ipm or 0) if fitting else None,
        utilisation=None if tier.ipm is None else needed / tier.ipm,
    )


def scenario_checks(
    estimates: Sequence[Estimate], tier_name: str, settings: PlanSettings | None = None
) -> list[tuple[str, ThroughputCheck]]:
    """Each scenario, then all of them together (they share one organisation's limit) as 'All scenarios'."""
    rows = [(e.scenario.name, check_throughput(e.generated_images, tier_name, settings)) for e in estimates]
    total = exact_sum(e.generated_images for e in estimates)
    rows.append(("All scenarios", check_throughput(total, tier_name, settings)))
    return rows


def plan_checks(estimates: Sequence[Estimate], plan: PlanSettings) -> list[tuple[str, ThroughputCheck]]:
    """:func:`scenario_checks` at the plan's tier (tier 1 where it names none) and peak window: what the Plan
    tab, ``imagecost-cli limits`` and a quote's rate-limit section show."""
    return scenario_checks(estimates, plan.usage_tier or DEFAULT_TIER, plan)


def unconfirmed_models(estimates: Sequence[Estimate], limits: RateLimits) -> list[str]:
    """The estimates' models the rate-limit table is not published for (their limits are unconfirmed)."""
    models = dict.fromkeys(m for e in estimates for m in e.models)
    return [m for m in models if not limits.confirmed_for(m)]


def whole_ipm(needed: Decimal) -> int:
    """The images-per-minute limit needed, rounded up to a whole image."""
    return math.ceil(needed)


def window_text(settings: PlanSettings) -> str:
    """'8 h a day, 22 days a month' or 'around the clock, 30 days a month'."""
    hours = settings.peak_hours_per_day
    when = "around the clock" if hours == HOURS_PER_DAY else f"{hours.normalize():f} h a day"
    days = settings.active_days_per_month
    return f"{when}, {days} day{'s' if days != 1 else ''} a month" + (
        "" if days == DAYS_PER_MONTH else f" (of {DAYS_PER_MONTH})"
    )


def capacity_text(check: ThroughputCheck, settings: PlanSettings) -> str:
    """What the tier lets through in a month, said once when the traffic window is the whole month.

    'Tier 1 allows 5 generated images a minute: at most 216,000 a 30-day month around the clock,
    211,200 in the traffic window (8 h a day, 22 days a month (of 30)).'
    """
    tier = check.tier
    if tier.ipm is None or check.capacity_full_month is None or check.capacity_in_window is None:
        return f"{tier.label}: image generation is {tier.note or 'not supported'}."
    text = (
        f"{tier.label} allows {tier.ipm:,} generated images a minute: at most "
        f"{format_quantity(check.capacity_full_month)} a 30-day month around the clock"
    )
    if check.capacity_in_window == check.capacity_full_month:
        return text + "."  # the traffic window is the whole month: one figure, said once
    return f"{text}; {format_quantity(check.capacity_in_window)} in the traffic window ({window_text(settings)})."
