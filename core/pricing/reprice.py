"""Price sheets that change over time: what a new sheet changes, and what that does to scenarios.

Pure functions over two :class:`~core.pricing.catalog.Catalog` objects, shared by
File > Import price sheet, the Re-price dialog and ``imagecost-cli reprice``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.errors import ImageCostError
from core.model.scenario import PricedWith, Scenario
from core.pricing.catalog import RATE_LABELS, Catalog, PricedModel, PriceSheet
from core.pricing.engine import estimate
from core.pricing.estimate import Estimate, LineItem

#: The unit of a rate that is a multiplier of the standard price (the Batch API's), not money per unit.
MULTIPLIER_UNIT = "x standard"


@dataclass(frozen=True, slots=True)
class RateChange:
    """One rate that differs between two catalogs."""

    model: str
    what: str
    old: Decimal | None
    new: Decimal | None
    unit: str
    source: str


@dataclass(frozen=True, slots=True)
class CatalogDiff:
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changes: tuple[RateChange, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changes)


def _rates(model: PricedModel) -> dict[str, tuple[Decimal, str, str]]:
    """Every price of a model by a readable key: (value, unit, source)."""
    out: dict[str, tuple[Decimal, str, str]] = {}
    for row in model.entry.per_image:
        out[f"{row.quality} {row.size}"] = (row.usd, "image", row.source)
    for name, rate in model.entry.token_rates.items():
        out[RATE_LABELS[name]] = (rate.usd_per_1m, "1M tokens", rate.source)
    if model.entry.batch is not None:
        out["Batch API multiplier"] = (model.entry.batch.multiplier, MULTIPLIER_UNIT, model.entry.batch.source)
    return out


def diff_catalogs(old: Catalog, new: Catalog) -> CatalogDiff:
    """Models added and removed, and every rate that changed (old -> new), model by model."""
    old_ids, new_ids = set(old.model_ids), set(new.model_ids)
    changes: list[RateChange] = []
    for model_id in new.model_ids:
        if model_id not in old_ids or new.model(model_id).snapshot is not None:
            continue  # a snapshot prices as its model: its changes are the model's, listed once
        was, now = _rates(old.model(model_id)), _rates(new.model(model_id))
        for key in dict.fromkeys([*was, *now]):
            before, after = was.get(key), now.get(key)
            if before is not None and after is not None and before[0] == after[0]:
                continue
            unit = (after or before or (Decimal(0), "", ""))[1]
            source = after[2] if after else ""
            changes.append(
                RateChange(model_id, key, before[0] if before else None, after[0] if after else None, unit, source)
            )
    return CatalogDiff(
        added=tuple(m for m in new.model_ids if m not in old_ids),
        removed=tuple(m for m in old.model_ids if m not in new_ids),
        changes=tuple(changes),
    )


@dataclass(frozen=True, slots=True)
class LineChange:
    """A breakdown line whose unit price (the rate that caused the change) moved."""

    item: str
    old_unit_price: Decimal | None
    new_unit_price: Decimal | None
    old_cost: Decimal
    new_cost: Decimal
    source: str


@dataclass(frozen=True, slots=True)
class Repriced:
    """One scenario: was -> now, and the lines that explain the difference."""

    scenario: Scenario
    priced_with: PricedWith | None
    was: Estimate | None
    now: Estimate | None
    #: Why a side could not be priced (a model the new sheet removed, say).
    was_error: str | None
    now_error: str | None
    causes: tuple[LineChange, ...]

    @property
    def change(self) -> Decimal | None:
        if self.was is None or self.now is None:
            return None
        return self.now.monthly - self.was.monthly


def _line_changes(was: Estimate, now: Estimate) -> tuple[LineChange, ...]:
    before: dict[str, LineItem] = {line.item: line for line in was.lines}
    after: dict[str, LineItem] = {line.item: line for line in now.lines}
    out = []
    for item in dict.fromkeys([*before, *after]):
        b, a = before.get(item), after.get(item)
        if b is not None and a is not None and b.unit_price == a.unit_price and b.cost == a.cost:
            continue
        out.append(
            LineChange(
                item,
                b.unit_price if b else None,
                a.unit_price if a else None,
                b.cost if b else Decimal(0),
                a.cost if a else Decimal(0),
                (a.source if a else b.source if b else ""),
            )
        )
    return tuple(out)


def _try(scenario: Scenario, catalog: Catalog, today: date) -> tuple[Estimate | None, str | None]:
    try:
        return estimate(scenario, catalog, today=today), None
    except ImageCostError as exc:
        return None, str(exc)


def reprice(scenarios: list[Scenario], old: Catalog, new: Catalog, *, today: date | None = None) -> list[Repriced]:
    """Price every scenario with both catalogs; a scenario one side cannot price says why."""
    today = today or date.today()
    out = []
    for scenario in scenarios:
        was, was_error = _try(scenario, old, today)
        now, now_error = _try(scenario, new, today)
        causes = _line_changes(was, now) if was is not None and now is not None else ()
        out.append(Repriced(scenario, scenario.priced_with, was, now, was_error, now_error, causes))
    return out


def priced_with(est: Estimate) -> PricedWith:
    """The sheet stamp to record on a scenario after pricing it."""
    return PricedWith(sheet=est.sheet, checked=est.checked)


def stamp(
    scenarios: list[Scenario],
    catalog: Catalog,
    *,
    today: date | None = None,
    estimates: Sequence[Estimate | None] | None = None,
) -> list[Scenario]:
    """Copies of the scenarios with ``priced_with`` set from the catalog that prices them now.

    A scenario the catalog cannot price keeps its old stamp. ESTIMATES, one per
    scenario (None where it does not price), are used instead of pricing again
    when the caller has them (the window's priced view).
    """
    if estimates is None:
        estimates = [_try(scenario, catalog, today or date.today())[0] for scenario in scenarios]
    return [
        scenario if est is None else scenario.model_copy(update={"priced_with": priced_with(est)})
        for scenario, est in zip(scenarios, estimates, strict=True)
    ]


def with_sheets(base: Catalog, *sheets: PriceSheet) -> Catalog:
    """BASE with more sheets on top: a later sheet overrides the same model id, model by model."""
    return Catalog([*base.sheets, *sheets])


def catalog_for_stamp(stamp: PricedWith, base: list[PriceSheet], available: list[PriceSheet]) -> Catalog | None:
    """The catalog a scenario was priced with, rebuilt from the sheets at hand, or None if its sheet is gone.

    BASE is the bundled sheets; AVAILABLE every sheet that can be found (bundled and installed).
    A stamp naming a bundled sheet gives the bundled catalog; one naming a user sheet gives the
    bundled catalog with that sheet on top.
    """
    for sheet in available:
        if sheet.sheet == stamp.sheet and sheet.checked == stamp.checked:
            if any(b.sheet == sheet.sheet and b.checked == sheet.checked for b in base):
                return Catalog(list(base))
            return Catalog([*base, sheet])
    return None


def reprice_since_saved(
    scenarios: list[Scenario],
    current: Catalog,
    base: list[PriceSheet],
    available: list[PriceSheet],
    *,
    unstamped: Catalog | None = None,
    today: date | None = None,
) -> list[Repriced]:
    """Was (the sheet each scenario records) -> now (CURRENT), scenario by scenario.

    A scenario that records no sheet is compared with UNSTAMPED where given (the
    command line: the prices in use before the new sheet), else said to have none.
    """
    today = today or date.today()
    out = []
    for scenario in scenarios:
        now, now_error = _try(scenario, current, today)
        stamp = scenario.priced_with
        was: Estimate | None = None
        was_error: str | None
        if stamp is None and unstamped is not None:
            was, was_error = _try(scenario, unstamped, today)
        elif stamp is None:
            was_error = "no price sheet recorded (the file was saved before re-pricing existed, or by hand)"
        else:
            old = catalog_for_stamp(stamp, base, available)
            if old is None:
                was_error = f"priced with {stamp.sheet} (checked {stamp.checked}), which is not installed here"
            else:
                was, was_error = _try(scenario, old, today)
        causes = _line_changes(was, now) if was is not None and now is not None else ()
        out.append(Repriced(scenario, stamp, was, now, was_error, now_error, causes))
    return out
