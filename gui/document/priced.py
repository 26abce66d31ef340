"""The one priced view of the open document: each scenario's estimate (or why it has none), kept in step.

Every part of the window that shows a figure reads this: the comparison table
and the totals, the breakdown, the Plan tabs, the Charts tab and the quote
tools (print, export). An edit re-prices only the scenario it changed; the
totals are sums of the cached Decimals. Views that map rows (the table model)
follow the ``about_to_*`` / ``*_done`` signals, as Qt's models do.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QObject, Signal

from core.errors import ImageCostError
from core.model.scenario import Scenario
from core.money import ZERO, shown_year
from core.pricing.catalog import Catalog
from core.pricing.engine import estimate
from core.pricing.estimate import Estimate, shown_monthly_total
from gui.document.controller import DocumentController


@dataclass(frozen=True, slots=True)
class Priced:
    """A scenario with its estimate, or the error that stopped it being priced."""

    scenario: Scenario
    estimate: Estimate | None
    error: ImageCostError | None


def price(scenario: Scenario, catalog: Catalog) -> Priced:
    """Price one scenario; an error is kept, not raised, so one bad scenario never hides the others."""
    try:
        return Priced(scenario, estimate(scenario, catalog), None)
    except ImageCostError as exc:
        return Priced(scenario, None, exc)


class PricedDocument(QObject):
    """Observes a DocumentController and keeps one Priced per scenario, in document order."""

    about_to_reset = Signal()
    reset_done = Signal()
    #: ROW was re-priced.
    changed = Signal(int)
    about_to_insert = Signal(int)
    inserted = Signal(int)
    about_to_remove = Signal(int)
    removed = Signal(int)
    #: (from, to), TO counted after removal, as DocumentController.scenarioMoved.
    about_to_move = Signal(int, int)
    moved = Signal(int, int)
    #: The monthly and yearly totals changed.
    totals_changed = Signal()

    def __init__(self, document: DocumentController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._rows: list[Priced] = []
        self._total_monthly = ZERO
        self._total_yearly = ZERO
        self._reload()
        document.documentReset.connect(self._on_reset)
        document.catalogChanged.connect(self._on_reset)
        document.scenarioChanged.connect(self._on_changed)
        document.scenarioInserted.connect(self._on_inserted)
        document.scenarioRemoved.connect(self._on_removed)
        document.scenarioMoved.connect(self._on_moved)
        document.scenariosStamped.connect(self._on_stamped)

    # -- reading -----------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._rows)

    def row(self, row: int) -> Priced:
        """The cached estimate (or error) of scenario ROW."""
        return self._rows[row]

    @property
    def rows(self) -> tuple[Priced, ...]:
        return tuple(self._rows)

    def row_estimates(self) -> list[Estimate | None]:
        """One estimate per scenario in document order, None where it cannot be priced."""
        return [p.estimate for p in self._rows]

    def estimates(self) -> list[Estimate]:
        """The estimates of the scenarios that price, in document order."""
        return [p.estimate for p in self._rows if p.estimate is not None]

    @property
    def total_monthly(self) -> Decimal:
        """Sum of the priced scenarios' monthly cost, each to the cent as shown (unpriced ones are left out)."""
        return self._total_monthly

    @property
    def total_yearly(self) -> Decimal:
        return self._total_yearly

    # -- keeping in step ---------------------------------------------------------
    def _price(self, row: int) -> Priced:
        return price(self.document.scenario(row), self.document.catalog)

    def _reload(self) -> None:
        self._rows = [price(s, self.document.catalog) for s in self.document.scenarios]
        self._update_totals()

    def _update_totals(self) -> None:
        # As the window shows them: each scenario's month to the cent, added; the year 12 x that.
        monthly = shown_monthly_total(self.estimates())
        self._total_monthly = monthly
        self._total_yearly = shown_year(monthly)
        self.totals_changed.emit()

    def _on_reset(self) -> None:
        self.about_to_reset.emit()
        self._reload()
        self.reset_done.emit()

    def _on_changed(self, row: int) -> None:
        self._rows[row] = self._price(row)
        self.changed.emit(row)
        self._update_totals()

    def _on_inserted(self, row: int) -> None:
        self.about_to_insert.emit(row)
        self._rows.insert(row, self._price(row))
        self.inserted.emit(row)
        self._update_totals()

    def _on_removed(self, row: int) -> None:
        self.about_to_remove.emit(row)
        del self._rows[row]
        self.removed.emit(row)
        self._update_totals()

    def _on_moved(self, source: int, target: int) -> None:
        self.about_to_move.emit(source, target)
        self._rows.insert(target, self._rows.pop(source))
        self.moved.emit(source, target)

    def _on_stamped(self) -> None:
        """Saving recorded each scenario's price sheet: same prices, newer scenario objects."""
        scenarios = self.document.scenarios
        self._rows = [Priced(s, p.estimate, p.error) for s, p in zip(scenarios, self._rows, strict=True)]
