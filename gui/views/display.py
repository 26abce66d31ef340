"""Short texts the window shows for scenarios and models (formatting only, no pricing)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from core.model.scenario import VolumeUnit, volume_in_unit
from core.money import format_quantity
from core.pricing.catalog import PricedModel


def model_choice_text(model: PricedModel, today: date) -> str:
    """'GPT Image 1 (gpt-image-1), retired' for the model list."""
    text = f"{model.label} ({model.id})" if model.label != model.id else model.id
    if model.is_retired(today):
        text += ", retired"
    elif model.lifecycle.status == "retired":
        text += ", retiring"
    return text


def volume_text(requests_per_month: int, unit: VolumeUnit, *, with_unit: bool = True) -> str:
    """'20,000 / month', or per day '666.67 / day' when the month does not divide evenly."""
    value = volume_in_unit(requests_per_month, unit)
    if value != value.to_integral_value():
        value = value.quantize(Decimal("0.01"))
    text = format_quantity(value)
    return f"{text} / {unit}" if with_unit else text
