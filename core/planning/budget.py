"""Budget mode and the cost table: what a monthly budget buys, and where it buys more.

The cost table prices one image of every model x quality x preset size with the
engine itself (so the figures match every estimate), then points out cheaper
equivalents: a size at least as large that costs less on the same model and
quality, and the same quality and size on a cheaper model. Retired models are
listed (old quotes need them) but never suggested.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from core.errors import ImageCostError
from core.model.scenario import Scenario
from core.model.sizes import Size
from core.money import exact_sum, format_usd, money_context
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


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A cheaper choice for a cell, and why it is equivalent."""

    cell: CostCell
    cheaper: CostCell
    reason: str

    @property
    def saving(self) -> Decimal:
        return self.cell.per_image - self.cheaper.per_image


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
    """For each cell, the best cheaper equivalent of each kind (at most two per cell)."""
    live = [c for c in cells if not c.retired]
    out: list[Suggestion] = []
    for cell in cells:
        larger = [
            c
            for c in live
            if c.model == cell.model
            and c.quality == cell.quality
            and c.size != cell.size
            and c.pixels >= cell.pixels
            and c.per_image < cell.per_image
        ]
        if larger:
            best = min(larger, key=lambda c: (c.per_image, -c.pixels))
            out.append(
                Suggestion(
                    cell,
                    best,
                    f"{best.size} is {'as large' if best.pixels == cell.pixels else 'larger'} and costs "
                    f"{format_usd(best.per_image)} instead of {format_usd(cell.per_image)}",
                )
            )
        other = [
            c
            for c in live
            if c.model != cell.model
            and c.quality == cell.quality
            and c.size == cell.size
            and c.per_image < cell.per_image
        ]
        if other:
            best = min(other, key=lambda c: c.per_image)
            out.append(
                Suggestion(
                    cell,
                    best,
                    f"{best.model_label} makes {cell.quality} {cell.size} for {format_usd(best.per_image)} "
                    f"instead of {format_usd(cell.per_image)}",
                )
            )
    return out


def images_for_budget(budget: Decimal, per_image: Decimal) -> int:
    """Whole images a budget buys at a price (rounded down: a part image is not an image)."""
    if per_image <= 0:
        raise ImageCostError("the price per image is zero, so any budget buys unlimited images")
    with money_context():
        return int((budget / per_image).to_integral_value(rounding=ROUND_FLOOR))


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


def budget_fit(budget: Decimal, estimates: list[Estimate]) -> BudgetFit:
    """One function for the CLI and the window: the scenarios' monthly cost against a budget."""
    with money_context():
        total = exact_sum(e.monthly for e in estimates)
        rows = tuple(
            ScenarioFit(e.scenario.name, e.monthly, e.monthly / budget if budget else None, e.unconfirmed)
            for e in estimates
        )
        return BudgetFit(budget, rows, total, budget - total, total <= budget)
