"""The planning settings saved with a scenario file: budget, usage tier, peak window, growth.

They belong to the whole file (one organisation's budget and rate limits), not to
one scenario, so they live under the file's ``plan:`` key (docs/scenario-format.md).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.model.usage_tiers import bundled_rate_limits

Amount = Annotated[Decimal, Field(ge=0, le=10**12, allow_inf_nan=False, max_digits=20)]


class PlanSettings(BaseModel):
    """Every field optional; defaults mean "not set" or a neutral choice."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    #: Monthly budget in USD for budget mode; None = not set.
    monthly_budget: Amount | None = None
    #: OpenAI usage tier ('1'..'5', 'free'); None = not set.
    usage_tier: str | None = None
    #: Hours a day the traffic arrives in (8 = working hours); 24 = spread over the day.
    peak_hours_per_day: Annotated[Decimal, Field(gt=0, le=24, allow_inf_nan=False, max_digits=6)] = Decimal(24)
    #: Days a month with traffic (22 = working days); 30 = every day of a 30-day month.
    active_days_per_month: Annotated[int, Field(ge=1, le=30)] = 30
    #: Monthly growth of volume in percent (5 = +5% a month, -3 = shrinking).
    growth_percent: Annotated[Decimal, Field(gt=-100, le=1000, allow_inf_nan=False, max_digits=8)] = Decimal(0)
    #: The first month of the 12-month projection; None = next month (whenever the file is opened).
    growth_start: date | None = None

    @field_validator("usage_tier", mode="before")
    @classmethod
    def _known_tier(cls, value: object) -> object:
        if value is None:
            return None
        text = str(value).strip().lower().removeprefix("tier").strip()
        tiers = [t.tier for t in bundled_rate_limits().tiers]
        if text not in tiers:
            raise ValueError(f"unknown usage tier '{value}'; choose one of {', '.join(tiers)}")
        return text
