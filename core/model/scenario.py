"""A scenario: one way of using an image model, with its monthly volume.

These are plain pydantic models with no knowledge of prices; the engine checks
them against a catalog. Field names are the keys of scenario files and match
the command-line flags.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from core.errors import ImageCostError
from core.model.sizes import Size
from core.validation import field_path, first_error, refuse_control_characters

#: Requests per month above this are refused as a typo rather than priced.
MAX_REQUESTS_PER_MONTH = 10**12
#: A month of 30 days, as pricing-facts.md uses for rate limits.
DAYS_PER_MONTH = 30

Whole = Annotated[int, Field(ge=0)]
VolumeUnit = Literal["month", "day"]


def monthly_requests(volume: int, unit: VolumeUnit) -> int:
    """Requests per month from a volume typed per month or per day (a 30-day month)."""
    return volume * DAYS_PER_MONTH if unit == "day" else volume


def volume_in_unit(requests_per_month: int, unit: VolumeUnit) -> Decimal:
    """The monthly volume as shown in UNIT: per day it is spread over a 30-day month."""
    if unit == "day":
        return Decimal(requests_per_month) / DAYS_PER_MONTH
    return Decimal(requests_per_month)


#: Model ids this app once wrote that the API does not know, and the API's id for each
#: (pricing-facts.md, "What the API accepts": GPT Image Latest is ``chatgpt-image-latest``).
#: Old files are migrated on opening, with a note; the command line names the new id.
RENAMED_MODEL_IDS = {"gpt-image-latest": "chatgpt-image-latest"}

#: The API's ``auto`` for quality and size: the model chooses; priced as a range (docs/scenario-format.md).
AUTO = "auto"


def _size_text(value: object) -> object:
    if isinstance(value, str):
        return str(Size.parse(value))
    return value


def _output_size_text(value: object) -> object:
    """An output size, or ``auto`` (the model chooses; whether it may is the catalog's to say)."""
    if isinstance(value, str) and value.strip().lower() == AUTO:
        return AUTO
    return _size_text(value)


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

    _sizes = field_validator("size", mode="before")(_output_size_text)
    _text = field_validator("*", mode="after")(refuse_control_characters)


class PricedWith(BaseModel):
    """The price sheet a scenario was last priced with, so a later re-price can say what changed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sheet: str = Field(min_length=1)
    checked: date


def _not_bool(value: object) -> object:
    # YAML reads 'yes'/'on'/'true' as True, which pydantic would otherwise take as the count 1.
    if isinstance(value, bool):
        raise ValueError("expected a whole number, not true/false")
    return value


#: Top-level settings of a staged scenario that are its last stage's.
_STAGE_MIRRORED = ("model", "quality", "size")


class Scenario(BaseModel):
    """The inputs of one estimate. Defaults give a plain text-to-image request."""

    # A number typed where text goes ('name: 2027') is read as that text.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, coerce_numbers_to_str=True)

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
    #: Share of input-image tokens billed at the cached image-input rate (reference images reused).
    cached_input_share: Annotated[Decimal, Field(ge=0, le=1, allow_inf_nan=False, max_digits=12)] = Decimal(0)
    partial_images: Annotated[int, Field(ge=0, le=3)] = 0
    batch: bool = False
    volume_unit: VolumeUnit = "month"
    notes: str = ""
    #: Draft-then-final stages. Empty: the scenario is one stage (model, quality, size above).
    #: Given: the stages are priced instead of the top-level image settings.
    stages: list[Stage] = Field(default_factory=list, max_length=10)
    priced_with: PricedWith | None = None

    _sizes = field_validator("input_image_size", mode="before")(_size_text)
    _output_size = field_validator("size", mode="before")(_output_size_text)
    _text = field_validator("*", mode="after")(refuse_control_characters)
    _counts = field_validator(
        "requests_per_month",
        "images_per_request",
        "prompt_tokens",
        "text_output_tokens",
        "input_images",
        "input_image_tokens",
        "partial_images",
        mode="before",
    )(_not_bool)

    @model_validator(mode="after")
    def _unique_stage_names(self) -> Scenario:
        names = [stage.name for stage in self.stages]
        for name in names:
            if names.count(name) > 1:
                raise ValueError(f"two stages are named '{name}'; give each stage its own name")
        return self

    def with_last_stage_settings(self) -> tuple[Scenario, str | None]:
        """This scenario with its model, quality and size set to its last stage's, and a note when that changed any.

        With stages those top-level settings are not priced; the window keeps them
        equal to the last stage, and exports report them. A hand-written file where
        they differ would otherwise be quoted under a model it is not priced with.
        """
        if not self.stages:
            return self, None
        last = self.stages[-1]
        changed = [
            f"{field} '{getattr(self, field)}' -> '{getattr(last, field)}'"
            for field in _STAGE_MIRRORED
            if getattr(self, field) != getattr(last, field)
        ]
        if not changed:
            return self, None
        note = f"scenario '{self.name}': set from its last stage '{last.name}' ({', '.join(changed)}), as it is priced"
        return self.updated(**{field: getattr(last, field) for field in _STAGE_MIRRORED}), note

    def updated(self, **changes: Any) -> Scenario:
        """A validated copy with CHANGES applied; a bad value raises ImageCostError naming the field."""
        try:
            return Scenario.model_validate({**self.model_dump(), **changes})
        except ValidationError as exc:
            message, loc = first_error(exc)
            raise ImageCostError(message, field=field_path(loc) or None) from None

    @property
    def requests_per_day(self) -> Decimal:
        """The monthly volume spread over a 30-day month."""
        return volume_in_unit(self.requests_per_month, "day")
