"""What the OpenAI API accepts per model, and the one check of a request against it.

The rules are data in the price sheets (``api_rules`` of each model, copied from
the OpenAI Python SDK's parameter types by way of pricing-facts.md, "What the
API accepts"), so a quote is never made for a request the API refuses, and no
request the API takes is refused. The command line, the scenario-file loader
and the window all check through :func:`check_request`; its messages name the
rule and the value that breaks it.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from core.errors import InvalidOptionError
from core.model.scenario import AUTO, Scenario
from core.model.sizes import Size

Fidelity = Literal["low", "high"]


class ApiRules(BaseModel):
    """One model's request rules; every field is a rule the SDK states (see the sheet's ``source``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str = Field(min_length=1)
    checked: date
    note: str | None = None
    #: The API's ``n``: 1 to this many images per request.
    max_images_per_request: int = Field(default=10, ge=1, le=10)
    #: Quality ``auto`` accepted (the API's default): the model picks one of the sheet's qualities.
    auto_quality: bool = False
    #: The sizes ``size: auto`` may choose from; empty: ``auto`` is refused.
    auto_sizes: tuple[str, ...] = ()
    #: The ``input_fidelity`` values accepted; empty: the parameter is not sent (the model's own).
    input_fidelities: tuple[Fidelity, ...] = ("low", "high")
    #: Input images per edit (0: the model takes no edits).
    max_input_images: int = Field(default=16, ge=0, le=16)
    #: Edits and variations take square images only (DALL-E 2).
    square_input_images: bool = False
    #: The input image costs nothing beyond the per-image price (DALL-E 2 edits and variations).
    input_images_included: bool = False
    #: ``partial_images`` 0 to this many (0: no streaming at all).
    max_partial_images: int = Field(default=3, ge=0, le=3)
    #: Partial images stream, and the Batch API does not stream: no partial images with batch.
    partial_images_with_batch: bool = False
    #: Dated snapshot ids that price as this model (kept in the file as written, and shown).
    snapshots: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _sizes_read(self) -> ApiRules:
        for size in self.auto_sizes:
            Size.parse(size)
        return self


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def check_request(model_id: str, rules: ApiRules | None, scenario: Scenario) -> None:
    """Raise InvalidOptionError, naming the field, for the first rule SCENARIO breaks for MODEL_ID.

    Quality and size are checked by the catalog (``PricedModel.check_quality`` and
    ``check_size``); this checks the rest of the request. Without rules (a person's
    own sheet that gives none) only the rule every model shares is checked: partial
    images stream, and the Batch API does not stream.
    """
    with_batch = rules.partial_images_with_batch if rules is not None else False
    if scenario.partial_images and scenario.batch and not with_batch:
        raise InvalidOptionError(
            f"partial images need streaming, which the Batch API does not do; "
            f"got {_plural(scenario.partial_images, 'partial image')} with batch on",
            field="partial_images",
            hint="set partial images to 0, or turn batch off",
        )
    if rules is None:
        return
    n = scenario.images_per_request
    if n > rules.max_images_per_request:
        most = rules.max_images_per_request
        raise InvalidOptionError(
            f"{model_id} makes at most {_plural(most, 'image')} per request "
            f"(the API's n: {'only 1' if most == 1 else f'1 to {most}'}); got {n}",
            field="images_per_request",
            hint=f"set images per request to {most}" if most == 1 else f"choose 1 to {most}",
        )
    if scenario.partial_images > rules.max_partial_images:
        most = rules.max_partial_images
        rule = "it does not stream" if most == 0 else f"0 to {most}"
        raise InvalidOptionError(
            f"{model_id} takes no partial images ({rule}); got {scenario.partial_images}"
            if most == 0
            else f"{model_id} takes at most {most} partial images ({rule}); got {scenario.partial_images}",
            field="partial_images",
        )
    _check_inputs(model_id, rules, scenario)


def _check_inputs(model_id: str, rules: ApiRules, scenario: Scenario) -> None:
    count = scenario.input_images
    if not count:
        return
    most = rules.max_input_images
    if count > most:
        if most == 0:
            raise InvalidOptionError(
                f"{model_id} takes no input images (it has no edits); got {count}",
                field="input_images",
                hint="set input images to 0",
            )
        raise InvalidOptionError(
            f"{model_id} takes at most {_plural(most, 'input image')} per edit; got {count}",
            field="input_images",
        )
    if rules.square_input_images and scenario.input_image_size and scenario.input_image_size != AUTO:
        size = Size.parse(scenario.input_image_size, field="input_image_size")
        if not size.is_square:
            raise InvalidOptionError(
                f"{model_id} edits and variations take a square image; {size} is not square",
                field="input_image_size",
                hint="e.g. 1024x1024",
            )
    allowed = rules.input_fidelities
    if allowed and scenario.input_fidelity not in allowed:
        raise InvalidOptionError(
            f"{model_id} supports only {' or '.join(allowed)} input fidelity; got '{scenario.input_fidelity}'",
            field="input_fidelity",
            hint=f"set input fidelity to {allowed[0]}",
        )


def rules_text(rules: ApiRules | None, qualities: tuple[str, ...]) -> str:
    """One line for the catalog listing and the docs: what a request to this model may hold."""
    if rules is None:
        return "no API rules in this sheet"
    most = rules.max_images_per_request
    parts = ["n 1 only" if most == 1 else f"n 1-{most}"]
    shown = [*qualities, AUTO] if rules.auto_quality else list(qualities)
    parts.append("quality " + "/".join(shown))
    if rules.auto_sizes:
        parts.append(f"size auto (one of {', '.join(rules.auto_sizes)})")
    if rules.max_input_images == 0:
        parts.append("no edits")
    elif rules.input_images_included:
        word = "square input image" if rules.square_input_images else "input image"
        parts.append(
            f"edits and variations: {_plural(rules.max_input_images, word)}, included in the per-image price"
        )
    else:
        word = "square input image" if rules.square_input_images else "input image"
        parts.append(f"edits: up to {_plural(rules.max_input_images, word)}")
        if rules.input_fidelities:
            parts.append("input fidelity " + "/".join(rules.input_fidelities))
        else:
            parts.append("input fidelity not sent (the model's own)")
    if rules.max_partial_images:
        parts.append(f"partial images 0-{rules.max_partial_images} (streaming only, not with Batch)")
    else:
        parts.append("no partial images")
    if rules.snapshots:
        parts.append("snapshots " + ", ".join(rules.snapshots))
    return "; ".join(parts)
