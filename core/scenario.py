"""A scenario: one way of using an image model, with its monthly volume.

These are plain pydantic models with no knowledge of prices; the engine checks
them against a catalog. Field names are the keys of scenario files and match
the command-line flags.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core.sizes import Size

#: Requests per month above this are refused as a typo rather than priced.
MAX_REQUESTS_PER_MONTH = 10**12
#: A month of 30 days, as pricing-facts.md uses for rate limits.
DAYS_PER_MONTH = 30

Whole = Annotated[int, Field(ge=0)]


def _size_text(value: object) -> object:
    if isinstance(value, str):
        return str(Size.parse(value))
    return value


class Stage(BaseModel):
    """One step of a draft-then-final workflow (docs/scenario-format.md, "stages").

    A stage runs for ``share`` of the scenario's requests with its own model,
    quality, size and images per request; everything else (retries, prompts,
    input images, batch) comes from the scenario.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    name: str = Field(min_length=1, max_length=100)
    model: str = Field(min_length=1)
    quality: str = Field(min_length=1)
    size: str
    images_per_request: Annotated[int, Field(ge=1, le=10)] = 1
    #: Share of the scenario's requests that reach this stage: 1 = every request, 0.2 = one in five.
    share: Annotated[Decimal, Field(gt=0, le=1, allow_inf_nan=False, max_digits=12)] = Decimal(1)

    _sizes = field_validator("size", mode="before")(_size_text)


class PricedWith(BaseModel):
    """The price sheet a scenario was last priced with, so a later re-price can say what changed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sheet: str = Field(min_length=1)
    checked: date


class Scenario(BaseModel):
    """The inputs of one estimate. Defaults give a plain text-to-image request."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    name: str = Field(default="Scenario", min_length=1, max_length=200)
    model: str = Field(min_length=1)
    quality: str = Field(min_length=1)
    size: str
    requests_per_month: Annotated[int, Field(ge=0, le=MAX_REQUESTS_PER_MONTH)]
    images_per_request: Annotated[int, Field(ge=1, le=10)] = 1
    retry_multiplier: Annotated[Decimal, Field(ge=1, le=100, allow_inf_nan=False, max_digits=12)] = Decimal(1)
    prompt_tokens: Annotated[int, Field(ge=0, le=10_000_000)] = 0
    cached_prompt_share: Annotated[Decimal, Field(ge=0, le=1, allow_inf_nan=False, max_digits=12)] = Decimal(0)
    text_output_tokens: Annotated[int, Field(ge=0, le=10_000_000)] = 0
    input_images: Annotated[int, Field(ge=0, le=16)] = 0
    input_image_size: str | None = None
    input_fidelity: Literal["low", "high"] = "low"
    input_image_tokens: Annotated[int, Field(ge=1, le=10_000_000)] | None = None
    partial_images: Annotated[int, Field(ge=0, le=3)] = 0
    batch: bool = False
    volume_unit: Literal["month", "day"] = "month"
    notes: str = ""
    #: Draft-then-final stages. Empty: the scenario is one stage (model, quality, size above).
    #: Given: the stages are priced instead of the top-level image settings.
    stages: list[Stage] = Field(default_factory=list, max_length=10)
    priced_with: PricedWith | None = None

    _sizes = field_validator("size", "input_image_size", mode="before")(_size_text)

    @model_validator(mode="after")
    def _unique_stage_names(self) -> Scenario:
        names = [stage.name for stage in self.stages]
        for name in names:
            if names.count(name) > 1:
                raise ValueError(f"two stages are named '{name}'; give each stage its own name")
        return self

    @property
    def requests_per_day(self) -> Decimal:
        """The monthly volume spread over a 30-day month."""
        return Decimal(self.requests_per_month) / DAYS_PER_MONTH
