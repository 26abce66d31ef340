"""What the engine returns: an itemised breakdown and its totals.

Plain frozen dataclasses rather than pydantic models: they are built by the
engine from checked inputs (no validation needed) and re-pricing thousands of
scenarios must stay cheap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from core.model.scenario import Scenario
from core.money import cents, exact_str, exact_sum

WarningKind = Literal["retired", "unconfirmed", "experimental", "note", "range"]


@dataclass(frozen=True, slots=True)
class CostWarning:
    """Something the person must see beside the figures."""

    kind: WarningKind
    message: str


@dataclass(frozen=True, slots=True)
class LineItem:
    """One cost bucket: quantity x unit price = monthly cost."""

    item: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    cost: Decimal
    detail: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class AutoRange:
    """What ``auto`` quality or size may cost: the cheapest and the dearest the API could choose.

    The estimate's own figures are the dearest (an upper bound); this keeps the cheapest
    beside them, so no one reads a single figure as what ``auto`` will cost.
    """

    #: What the model chooses: "quality", "size" or "quality and size".
    chosen: str
    #: The cheapest and the dearest choice, e.g. "low 1024x1024" and "high 1536x1024".
    low_choice: str
    high_choice: str
    low_monthly: Decimal
    #: Cost per delivered image at the cheapest choice (None where stages mix several).
    low_per_image: Decimal | None

    @property
    def marker(self) -> str:
        """'upper bound: quality chosen by the model', beside every figure that is one."""
        return f"upper bound: {self.chosen} chosen by the model"


@dataclass(frozen=True, slots=True)
class StageEstimate:
    """One stage of a draft-then-final scenario, already scaled by its share of requests."""

    name: str
    model: str
    model_label: str
    quality: str
    size: str
    images_per_request: int
    share: Decimal
    #: Requests that reach this stage per month (requests x share; may be fractional).
    requests: Decimal
    attempts: Decimal
    generated_images: Decimal
    #: Cost per image this stage generates (inputs spread over its images, retries not included).
    per_generated_image: Decimal
    lines: tuple[LineItem, ...]
    monthly: Decimal


@dataclass(frozen=True, slots=True)
class Estimate:
    """The priced scenario."""

    scenario: Scenario
    model_label: str
    priced_as: str
    lines: tuple[LineItem, ...]
    #: Image-output price per generated image (published row, or tokens x rate).
    output_per_image: Decimal
    #: tokens x image-out rate, where the output tokens are documented.
    output_per_image_token_exact: Decimal | None
    output_tokens_per_image: int | None
    attempts: Decimal
    generated_images: Decimal
    delivered_images: int
    per_generated_image: Decimal
    #: Cost per delivered image (retries included).
    per_image: Decimal
    monthly: Decimal
    yearly: Decimal
    warnings: tuple[CostWarning, ...]
    sheet: str
    checked: date
    sources: tuple[str, ...]
    #: Draft-then-final stages, in order; empty for a one-stage scenario. With stages,
    #: ``per_image`` is the cost per image of the last stage (the finals), every stage included.
    stages: tuple[StageEstimate, ...] = ()
    #: The fidelity input images are read at ("high" where the model always uses it, whatever the
    #: scenario says); None when stages read them differently.
    input_fidelity: str | None = None
    #: The input images cost nothing beyond the per-image price (DALL-E 2 edits and variations).
    input_images_included: bool = False
    #: Where the model chooses quality or size (``auto``): the range; the figures above are its upper bound.
    auto_range: AutoRange | None = None

    @property
    def unconfirmed(self) -> bool:
        """Whether a figure rests on an unconfirmed rule or price (its figures carry the mark)."""
        return any(w.kind == "unconfirmed" for w in self.warnings)

    @property
    def models(self) -> tuple[str, ...]:
        """Every model the estimate uses (one, or each stage's), in order, without repeats."""
        if not self.stages:
            return (self.scenario.model,)
        return tuple(dict.fromkeys(stage.model for stage in self.stages))


def shown_monthly_total(estimates: Iterable[Estimate]) -> Decimal:
    """ESTIMATES' monthly cost added as the window shows it: each month to the cent, then summed.

    The window's total row and the growth projection start from this figure, so they agree.
    """
    return exact_sum(cents(est.monthly) for est in estimates)


def priced_lines(est: Estimate) -> list[tuple[LineItem, str, str, str]]:
    """Every line item with the model, quality and size that priced it: a stage's own for a staged scenario."""
    if not est.stages:
        sc = est.scenario
        return [(line, sc.model, sc.quality, sc.size) for line in est.lines]
    return [(line, stage.model, stage.quality, stage.size) for stage in est.stages for line in stage.lines]


def token_exact_note(est: Estimate) -> str | None:
    """'published $0.167; token-exact $0.1664 (4,160 tokens)' where the two differ, else None.

    The published per-image price is what is charged; the token figure is shown
    beside it (CLI, breakdown, quotes) so a reader can see the page rounds.
    """
    exact = est.output_per_image_token_exact
    if exact is None or exact == est.output_per_image:
        return None
    from core.money import format_usd  # money imports nothing back

    tokens = f" ({est.output_tokens_per_image:,} tokens)" if est.output_tokens_per_image else ""
    return f"published {format_usd(est.output_per_image)}; token-exact {format_usd(exact, places=6)}{tokens}"


def stage_summary(stage: StageEstimate) -> str:
    """'GPT Image 2, low, 1024x1024, 4 per request, 100% of requests' (CLI, quotes and the window)."""
    share = stage.share * 100
    return (
        f"{stage.model_label}, {stage.quality}, {stage.size}, {stage.images_per_request} per request, "
        f"{exact_str(share)}% of requests"
    )
