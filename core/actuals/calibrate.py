"""Calibrate: the scenario changes the actuals suggest, shown as was -> now before anything changes.

Four fields follow from what the calls billed: the volume (requests per month),
the prompt tokens (text input per attempt), the input-image tokens (image input
per attempt, spread over the scenario's input images, or one input image if it
had none) and the retry multiplier (attempts per delivered request). Nothing
here writes a file: the window applies the change as one undoable edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from core.actuals.reconcile import Row
from core.model.scenario import MAX_REQUESTS_PER_MONTH, Scenario
from core.money import exact_str

_HUNDREDTH = Decimal("0.01")
#: Bounds of the scenario's own fields (core/model/scenario.py).
MAX_RETRY = Decimal(100)
MAX_TOKENS = 10_000_000


@dataclass(frozen=True, slots=True)
class Change:
    """One field the actuals would set: its name, its label, and was -> now as shown."""

    field: str
    label: str
    was: str
    now: str
    value: Any

    def __str__(self) -> str:
        return f"{self.label}: {self.was} -> {self.now}"


def _whole(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def calibration(row: Row) -> tuple[Change, ...]:
    """What calibrating ROW's scenario from its actuals would change (only what differs); empty if nothing.

    Staged scenarios are left alone: one stage's actuals do not say what the others did.
    """
    scenario = row.target.scenario
    if row.target.stage is not None or not (row.requests or row.usage_requests):
        return ()
    changes: list[Change] = []

    def propose(field: str, label: str, now: Any, shown: str | None = None) -> None:
        was = getattr(scenario, field)
        if now != was:
            changes.append(Change(field, label, _shown(was), shown or _shown(now), now))

    if row.requests_per_month is not None:
        propose("requests_per_month", "requests per month", min(_whole(row.requests_per_month), MAX_REQUESTS_PER_MONTH))
    if row.attempts_per_request is not None:
        retry = min(max(row.attempts_per_request.quantize(_HUNDREDTH, rounding=ROUND_HALF_UP), Decimal(1)), MAX_RETRY)
        propose("retry_multiplier", "retry multiplier", retry)
    if row.text_in_per_attempt is not None:
        propose("prompt_tokens", "prompt tokens", min(_whole(row.text_in_per_attempt), MAX_TOKENS))
    if row.image_in_per_attempt:
        images = scenario.input_images or 1
        if not scenario.input_images:
            propose("input_images", "input images", 1)
        per_image = min(_whole(row.image_in_per_attempt / images), MAX_TOKENS)
        if per_image != row.target.input_image_tokens:  # the sheet's rule may already give it
            propose("input_image_tokens", "tokens per input image", per_image)
    return tuple(changes)


def _shown(value: Any) -> str:
    if value is None:
        return "by the rule"
    if isinstance(value, Decimal):
        return exact_str(value)
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def calibrated(scenario: Scenario, changes: tuple[Change, ...]) -> Scenario:
    """SCENARIO with CHANGES applied, validated (an out-of-range value raises, naming the field)."""
    return scenario.updated(**{change.field: change.value for change in changes})
