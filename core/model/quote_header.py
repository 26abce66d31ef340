"""The quote details saved with a scenario file: who it is for, on what terms, and what it includes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.errors import ImageCostError
from core.validation import refuse_control_characters

#: An answer of the Plan tab a quote may carry as a section of its own, by the name files and
#: ``imagecost-cli quote --include`` use.
PlanSectionName = Literal["budget", "rate-limits", "growth"]
#: Every plan section, in the order a quote prints them.
PLAN_SECTIONS: tuple[PlanSectionName, ...] = get_args(PlanSectionName)


class QuoteHeader(BaseModel):
    """Header, markup, display currency and included plan sections of a quote. All optional."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, coerce_numbers_to_str=True)

    title: str = Field(default="", max_length=300)
    client: str = Field(default="", max_length=300)
    prepared_by: str = Field(default="", max_length=300)
    date: dt.date | None = None
    valid_until: dt.date | None = None
    notes: str = Field(default="", max_length=20_000)
    #: Agency markup on top of the OpenAI cost, in percent.
    markup_percent: Annotated[Decimal, Field(ge=0, le=1000, allow_inf_nan=False, max_digits=12)] = Decimal(0)
    #: Display currency (ISO code); USD figures stay beside converted ones.
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    #: Units of CURRENCY per 1 USD, entered by the user.
    exchange_rate: Annotated[Decimal, Field(gt=0, le=1_000_000, allow_inf_nan=False, max_digits=20)] | None = None
    rate_date: dt.date | None = None
    #: The Plan tab's answers the quote carries after the scenarios (budget fit, rate-limit tier,
    #: growth projection), in print order; none by default, so older files quote as they did.
    plan_sections: list[PlanSectionName] = Field(default_factory=list, max_length=len(PLAN_SECTIONS))

    _text = field_validator("*", mode="after")(refuse_control_characters)

    @field_validator("plan_sections", mode="before")
    @classmethod
    def _known_sections(cls, value: object) -> object:
        """Each name once, one of ours: the message lists them (pydantic's would quote the Literal)."""
        if not isinstance(value, list | tuple):
            return value
        seen: list[str] = []
        for name in value:
            if name not in PLAN_SECTIONS:
                raise ValueError(f"unknown plan section {name!r}; choose from {', '.join(PLAN_SECTIONS)}")
            if name in seen:
                raise ValueError(f"plan section '{name}' is listed twice")
            seen.append(name)
        return value

    @field_validator("plan_sections", mode="after")
    @classmethod
    def _print_order(cls, value: list[PlanSectionName]) -> list[PlanSectionName]:
        return [name for name in PLAN_SECTIONS if name in value]


#: What ``--include`` takes for "no plan section".
NO_SECTIONS = "none"


def parse_plan_sections(text: str) -> list[PlanSectionName]:
    """'budget,growth' -> ['budget', 'growth'] in print order; 'none' (or nothing) -> []."""
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    if names in ([], [NO_SECTIONS]):
        return []
    chosen: list[PlanSectionName] = []
    for name in names:
        known = next((section for section in PLAN_SECTIONS if section == name), None)
        if known is None:
            raise ImageCostError(
                f"unknown plan section '{name}'", hint=f"choose from {', '.join(PLAN_SECTIONS)}, or {NO_SECTIONS}"
            )
        chosen.append(known)
    return [name for name in PLAN_SECTIONS if name in chosen]
