"""Cost as volume grows: each scenario re-priced at several request volumes.

The Charts tab's growth chart draws these; it is computed here so that only
the engine prices (the volumes are the chart's choice: ``core.quote.charts.growth_volumes``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from core.model.scenario import Scenario
from core.pricing.catalog import Catalog
from core.pricing.engine import estimate


@dataclass(frozen=True, slots=True)
class GrowthSeries:
    """Monthly cost of one scenario at several request volumes, priced by the engine."""

    name: str
    points: tuple[tuple[int, Decimal], ...]
    current: tuple[int, Decimal]


def growth_series(
    scenarios: Sequence[Scenario],
    catalog: Catalog | None = None,
    *,
    volumes: Sequence[int] | Callable[[Scenario], Sequence[int]],
) -> list[GrowthSeries]:
    """Re-price every scenario at each volume (the engine decides; the chart only draws).

    VOLUMES is one list for all, or a function giving each scenario its own (the chart's relative axis)."""
    out = []
    for scenario in scenarios:
        own = volumes(scenario) if callable(volumes) else volumes
        points = tuple(
            (v, estimate(scenario.model_copy(update={"requests_per_month": v}), catalog).monthly) for v in own
        )
        current = (scenario.requests_per_month, estimate(scenario, catalog).monthly)
        out.append(GrowthSeries(scenario.name, points, current))
    return out
