"""Budget mode and the cost table: what a monthly budget buys, and where it buys more.

The cost table prices one image of every model x quality x preset size with the
engine itself (so the figures match every estimate), then points out cheaper
choices of two kinds: an equivalent (the same model, quality and shape, at least as
many pixels, for less) and an alternative that is not the same output (another
shape, or another model), which a person must check before switching. Retired
models are listed (old quotes need them) but never suggested.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from enum import Enum

from core.errors import ImageCostError
from core.model.scenario import Scenario
from core.model.sizes import Size
from core.money import exact_sum, format_usd, money_context, shown_places
from core.pricing.catalog import Catalog, PricedModel, default_catalog
from core.pricing.engine import estimate
from core.pricing.estimate import Estimate


@dataclass(frozen=True, slots=True)
class CostCell:
    """The price of one generated image (image output only: no prompt, no retries)."""

    model: str
    model_label: str
    quality: str
    size: str
    per_image: Decimal
    retired: bool
    unconfirmed: bool

    @property
    def pixels(self) -> int:
        return Size.parse(self.size).pixels

    @property
    def price_text(self) -> str:
        """The price as every view shows it alone: '$0.0047*' when it comes from an unconfirmed rule."""
        return self.price_text_in(shown_places(self.per_image))

    def price_text_in(self, places: int) -> str:
        """The price with a column's one number of decimals (:func:`core.money.column_places`): '$0.050'."""
        return marked(format_usd(self.per_image, places=places, fixed=True), self.unconfirmed)

    def images_text(self, budget: Decimal) -> str:
        """Generated images BUDGET buys at this price, marked as the price is when it is unconfirmed."""
        return marked(f"{images_for_budget(budget, self.per_image):,}", self.unconfirmed)

    @property
    def name(self) -> str:
        """'GPT Image 2 high 1024x1024'."""
        return f"{self.model_label} {self.quality} {self.size}"


#: The mark beside a figure priced from an unconfirmed rule (the gpt-image-2 token formula).
UNCONFIRMED_MARK = "*"


def marked(text: str, unconfirmed: bool) -> str:
    """TEXT with the unconfirmed mark where the figure rests on an unconfirmed rule."""
    return text + UNCONFIRMED_MARK if unconfirmed else text


class ChoiceKind(Enum):
    """How a cheaper choice differs: only an equivalent makes the same output for less."""

    EQUIVALENT = "equivalent"
    OTHER_SHAPE = "different shape"
    OTHER_MODEL = "different model"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A cheaper choice for a cell: an equivalent, or an alternative that needs checking first."""

    cell: CostCell
    cheaper: CostCell
    kind: ChoiceKind

    @property
    def saving(self) -> Decimal:
        return self.cell.per_image - self.cheaper.per_image

    @property
    def saving_text(self) -> str:
        """The saving, marked when either figure is from an unconfirmed rule."""
        return self.saving_text_in(shown_places(self.saving))

    def saving_text_in(self, places: int) -> str:
        """The saving with a column's one number of decimals, marked like :attr:`saving_text`."""
        unconfirmed = self.cell.unconfirmed or self.cheaper.unconfirmed
        return marked(format_usd(self.saving, places=places, fixed=True), unconfirmed)

    @property
    def is_equivalent(self) -> bool:
        return self.kind is ChoiceKind.EQUIVALENT

    @property
    def reason(self) -> str:
        """Why it is offered, caveat first: 'different model: check the output before switching'."""
        if self.kind is ChoiceKind.OTHER_MODEL:
            return "different model: check the output before switching"
        ours, theirs = Size.parse(self.cell.size), Size.parse(self.cheaper.size)
        larger = "as large" if theirs.pixels == ours.pixels else "larger"
        if self.kind is ChoiceKind.OTHER_SHAPE:
            shapes = f"{theirs.shape_text} instead of {ours.shape_text}"
            return f"different shape: {shapes}, {larger}: check the layout before switching"
        return f"same model, quality and shape ({ours.shape_text}), {larger}"


def _priced_models(catalog: Catalog) -> list[PricedModel]:
    # An alias or a snapshot prices exactly as its model: listing it would only repeat a row.
    return [m for m in catalog.models() if not m.repeats]


def cost_grid(catalog: Catalog | None = None, *, today: date | None = None) -> list[CostCell]:
    """Every model x quality x preset size, priced per generated image, in catalog order."""
    catalog = catalog or default_catalog()
    today = today or date.today()
    cells: list[CostCell] = []
    for model in _priced_models(catalog):
        for quality in model.qualities:
            for size in model.sizes:
                try:
                    est = estimate(
                        Scenario(model=model.id, quality=quality, size=size, requests_per_month=0),
                        catalog,
                        today=today,
                    )
                except ImageCostError:
                    continue  # a size the sheet cannot price for this quality: leave the cell empty
                cells.append(
                    CostCell(
                        model=model.id,
                        model_label=model.label,
                        quality=quality,
                        size=size,
                        per_image=est.per_image,
                        retired=model.is_retired(today),
                        unconfirmed=est.unconfirmed,
                    )
                )
    return cells


def cheaper_equivalents(cells: list[CostCell]) -> list[Suggestion]:
    """For each cell, the cheapest choice of each kind: equivalents first, then the alternatives.

    An equivalent is the same model and quality at the same shape (aspect ratio) with at least as
    many pixels, for less. A larger size of another shape, or the same quality name and size on
    another model, is only an alternative: "high" on a mini model is not another model's "high",
    and a 3:2 image does not fill a 1:1 slot.
    """
    live = [c for c in cells if not c.retired]
    out: list[Suggestion] = []
    for cell in cells:
        size = Size.parse(cell.size)
        cheaper = [c for c in live if c.per_image < cell.per_image and c != cell]
        same = [c for c in cheaper if c.model == cell.model and c.quality == cell.quality and c.pixels >= size.pixels]
        candidates = {
            ChoiceKind.EQUIVALENT: [c for c in same if Size.parse(c.size).shape == size.shape],
            ChoiceKind.OTHER_SHAPE: [c for c in same if Size.parse(c.size).shape != size.shape],
            ChoiceKind.OTHER_MODEL: [
                c for c in cheaper if c.model != cell.model and c.quality == cell.quality and c.size == cell.size
            ],
        }
        for kind, found in candidates.items():
            if found:
                out.append(Suggestion(cell, min(found, key=lambda c: (c.per_image, -c.pixels)), kind))
    return sorted(out, key=lambda s: not s.is_equivalent)


def images_for_budget(budget: Decimal, per_image: Decimal) -> int:
    """Whole images a budget buys at a price (rounded down: a part image is not an image)."""
    if per_image <= 0:
        raise ImageCostError("the price per image is zero, so any budget buys unlimited images")
    with money_context():
        return int((budget / per_image).to_integral_value(rounding=ROUND_FLOOR))


def budget_images_caption(budget: Decimal) -> str:
    """What the cost table's budget counts are, in one wording for the window and the command line.

    They are generated images at the image-output price alone, so a person does not read them as
    the images a scenario (with text, input images and retries) would deliver.
    """
    return (
        f"Generated images {format_usd(budget)} a month buys at the image-output price "
        "(text, input images and retries not included; rounded down)"
    )


@dataclass(frozen=True, slots=True)
class ScenarioFit:
    name: str
    monthly: Decimal
    #: This scenario's share of the budget (monthly / budget); None for a zero budget.
    share_of_budget: Decimal | None
    #: The monthly cost rests on an unconfirmed rule or price (shown with its mark).
    unconfirmed: bool = False


@dataclass(frozen=True, slots=True)
class BudgetFit:
    """Whether the scenarios, together, fit a monthly budget."""

    budget: Decimal
    scenarios: tuple[ScenarioFit, ...]
    total: Decimal
    #: Budget minus total: negative when over budget.
    remaining: Decimal
    fits: bool
    #: The total's share of the budget (total / budget); None for a zero budget.
    share_of_budget: Decimal | None


def budget_fit(budget: Decimal, estimates: list[Estimate]) -> BudgetFit:
    """One function for the CLI and the window: the scenarios' monthly cost against a budget."""
    with money_context():
        total = exact_sum(e.monthly for e in estimates)
        rows = tuple(
            ScenarioFit(e.scenario.name, e.monthly, e.monthly / budget if budget else None, e.unconfirmed)
            for e in estimates
        )
        share = total / budget if budget else None
        return BudgetFit(budget, rows, total, budget - total, total <= budget, share)
