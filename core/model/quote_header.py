"""The quote details saved with a scenario file: who it is for and on what terms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.validation import refuse_control_characters


class QuoteHeader(BaseModel):
    """Header, markup and display currency of a quote. All optional."""

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

    _text = field_validator("*", mode="after")(refuse_control_characters)
