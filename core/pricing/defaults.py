"""What a new document and a new scenario start as: domain defaults, not window layout.

A first scenario is the catalog's first listed model at its middle quality and
first size, 1,000 requests a month; new scenarios are named "Scenario N" with
the first free N. The window and any other front end ask here.
"""

from __future__ import annotations

from core.model.scenario import Scenario
from core.pricing.catalog import Catalog

DEFAULT_REQUESTS_PER_MONTH = 1000


def default_scenario(catalog: Catalog, name: str) -> Scenario:
    """A sensible first scenario: the first listed model at its middle quality and first size."""
    model = catalog.models()[0]
    qualities = model.qualities
    return Scenario(
        name=name,
        model=model.id,
        quality=qualities[len(qualities) // 2],
        size=model.sizes[0],
        requests_per_month=DEFAULT_REQUESTS_PER_MONTH,
    )


def next_scenario_name(taken: set[str]) -> str:
    """'Scenario N' with the first N (from the count up) that no scenario has."""
    number = len(taken) + 1
    while f"Scenario {number}" in taken:
        number += 1
    return f"Scenario {number}"
