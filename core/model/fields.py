"""The scenario's fields in one table, read from the pydantic models: label, bounds, default, CLI flag.

Bounds are written once, in the models (``core.model.scenario``,
``core.model.plan_settings``); :func:`bounds` reads them back, so a form's
spin box, the planning panels and the command line can never drift from what
a file may hold. :data:`SCENARIO_FIELDS` names each editable scenario field for
people (the undo menu says "Undo Volume") and for the command line
(``--images-per-request``). A new scenario field is a field on the model plus
one row in ``_LABELS`` (and ``_HELP`` if its flag needs a word of help).
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from core.model.scenario import Scenario
from core.vocabulary import RETRY_MULTIPLIER


@dataclass(frozen=True, slots=True)
class Bounds:
    """The limits pydantic checks for one field (None: no limit that side)."""

    minimum: Decimal | None = None
    maximum: Decimal | None = None
    #: True where the limit itself is refused (gt / lt), e.g. a share above 0.
    min_exclusive: bool = False
    max_exclusive: bool = False
    max_length: int | None = None

    def int_range(self) -> tuple[int, int]:
        """The whole numbers a spin box may offer."""
        if self.minimum is None or self.maximum is None:
            raise ValueError("an open-ended field has no spin-box range")
        low = int(self.minimum) + (1 if self.min_exclusive else 0)
        high = int(self.maximum) - (1 if self.max_exclusive else 0)
        return low, high

    def scaled_range(self, *, scale: Decimal = Decimal(1), step: Decimal = Decimal(1)) -> tuple[float, float]:
        """The range in display units (SCALE 100: a share shown in percent), one STEP inside an exclusive limit."""
        if self.minimum is None or self.maximum is None:
            raise ValueError("an open-ended field has no spin-box range")
        low = self.minimum * scale + (step if self.min_exclusive else 0)
        high = self.maximum * scale - (step if self.max_exclusive else 0)
        return float(low), float(high)


def _constraints(info: FieldInfo) -> list[Any]:
    """The field's annotated-types constraints, also where they sit inside ``Annotated[...] | None``."""
    found = list(info.metadata)
    pending = [info.annotation]
    while pending:
        for arg in typing.get_args(pending.pop()):  # Annotated's metadata and a Union's members alike
            if isinstance(arg, FieldInfo):
                found.extend(arg.metadata)
            elif typing.get_args(arg):
                pending.append(arg)
    return found


def bounds(model: type[BaseModel], name: str) -> Bounds:
    """The limits MODEL declares for field NAME."""
    minimum = maximum = None
    min_exclusive = max_exclusive = False
    max_length = None
    for meta in _constraints(model.model_fields[name]):
        if isinstance(meta, annotated_types.Ge):
            minimum, min_exclusive = Decimal(str(meta.ge)), False
        elif isinstance(meta, annotated_types.Gt):
            minimum, min_exclusive = Decimal(str(meta.gt)), True
        elif isinstance(meta, annotated_types.Le):
            maximum, max_exclusive = Decimal(str(meta.le)), False
        elif isinstance(meta, annotated_types.Lt):
            maximum, max_exclusive = Decimal(str(meta.lt)), True
        elif isinstance(meta, annotated_types.MaxLen):
            max_length = meta.max_length
    return Bounds(minimum, maximum, min_exclusive, max_exclusive, max_length)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One editable scenario field as people and the command line meet it."""

    name: str
    #: What the undo menu and messages call it ("Volume").
    label: str
    bounds: Bounds
    default: Any
    #: The value's type with None and constraints taken off: int, Decimal, bool or str.
    kind: type
    #: The values a closed set allows (input_fidelity: low, high); None for an open one.
    choices: tuple[str, ...] | None = None
    #: A word of help for the command-line flag, where its name is not enough.
    help: str | None = None

    @property
    def flag(self) -> str:
        """The command-line flag: --images-per-request."""
        return "--" + self.name.replace("_", "-")


_LABELS = {
    "name": "Name",
    "model": "Model",
    "quality": "Quality",
    "size": "Size",
    "requests_per_month": "Volume",
    "volume_unit": "Volume unit",
    "images_per_request": "Images per request",
    "retry_multiplier": "Retry multiplier",
    "prompt_tokens": "Prompt tokens",
    "cached_prompt_share": "Cached prompt share",
    "text_output_tokens": "Text output tokens",
    "input_images": "Input images",
    "input_image_size": "Input image size",
    "input_fidelity": "Input fidelity",
    "input_image_tokens": "Input image tokens",
    "cached_input_share": "Cached input share",
    "partial_images": "Partial images",
    "batch": "Batch",
    "notes": "Notes",
    "stages": "Stages",
}
_HELP = {
    "size": "WIDTHxHEIGHT, e.g. 1024x1536, or auto where the model chooses",
    "requests_per_month": "e.g. 20000, 20,000 or 20k",
    "cached_prompt_share": "share of prompt tokens billed at the cached rate, 0 to 1",
    "input_image_tokens": "tokens per input image, where no rule is published",
    "cached_input_share": "share of input-image tokens billed at the cached image-input rate, 0 to 1",
    "batch": "Batch API prices",
    "retry_multiplier": RETRY_MULTIPLIER.meaning,
    "images_per_request": "images each request asks for (the API's n)",
}


def _default(info: FieldInfo) -> Any:
    return None if info.is_required() else info.get_default(call_default_factory=True)


def _kind(annotation: Any) -> tuple[type, tuple[str, ...] | None]:
    """(int, None) for ``Annotated[int, ...] | None``; (str, ('low', 'high')) for ``Literal['low', 'high']``."""
    if typing.get_origin(annotation) is typing.Literal:
        return str, tuple(str(value) for value in typing.get_args(annotation))
    if isinstance(annotation, type) and typing.get_origin(annotation) is None:
        return annotation, None
    for arg in typing.get_args(annotation):
        if arg is not type(None) and not isinstance(arg, FieldInfo):
            return _kind(arg)
    return object, None


def _spec(name: str, info: FieldInfo) -> FieldSpec:
    kind, choices = _kind(info.annotation)
    return FieldSpec(name, _LABELS[name], bounds(Scenario, name), _default(info), kind, choices, _HELP.get(name))


#: Every editable scenario field, in the model's order.
SCENARIO_FIELDS: dict[str, FieldSpec] = {
    name: _spec(name, info) for name, info in Scenario.model_fields.items() if name in _LABELS
}


def scenario_bounds(name: str) -> Bounds:
    """The bounds of a Scenario field (the form's spin boxes read these)."""
    return SCENARIO_FIELDS[name].bounds
