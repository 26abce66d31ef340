"""The published usage tiers: each tier's images-per-minute limit, with its source and checked date.

The tiers are data (pricing/limits/*.yaml). They live in the model because a
scenario file's ``plan.usage_tier`` is checked against them when it is read;
what a tier lets through is worked out in :mod:`core.planning.rate_limits`.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from core.errors import ImageCostError, PriceSheetError
from core.files.yamlio import load_yaml
from core.validation import describe_validation_error

#: The tier the rate-limit check assumes when a file sets none (a new account's first paid tier).
DEFAULT_TIER = "1"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Tier(_Strict):
    tier: str = Field(min_length=1)
    label: str
    #: Images per minute; None where the tier cannot generate images at all.
    ipm: int | None = Field(default=None, gt=0)
    tpm: int | None = Field(default=None, gt=0)
    source: str = Field(min_length=1)
    checked: date
    note: str | None = None


class RateLimits(_Strict):
    limits: str
    title: str
    checked: date
    #: Models the table is published for; for others it is shown as unconfirmed.
    published_for: tuple[str, ...]
    note: str | None = None
    tiers: tuple[Tier, ...] = Field(min_length=1)

    def tier(self, name: str) -> Tier:
        for tier in self.tiers:
            if tier.tier == name:
                return tier
        raise ImageCostError(
            f"unknown usage tier '{name}'",
            field="usage_tier",
            hint=f"choose one of {', '.join(t.tier for t in self.tiers)}",
        )

    def confirmed_for(self, model_id: str) -> bool:
        return model_id in self.published_for


@cache
def bundled_rate_limits() -> RateLimits:
    """The bundled rate-limit table, read once."""
    item = resources.files("pricing").joinpath("limits").joinpath("openai-rate-limits.yaml")
    path = Path("limits/openai-rate-limits.yaml")
    data = load_yaml(item.read_text(encoding="utf-8"), path=path)
    try:
        return RateLimits.model_validate(data)
    except ValidationError as exc:
        message, field = describe_validation_error(exc)
        raise PriceSheetError(message, field=field, path=path) from None
