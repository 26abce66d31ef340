"""Where the quote actions and charts get the open document, and how they change its quote header.

A small QObject rather than a dependency on the main window: the window (or a
test) hands over three things: how to read the current ScenarioFile, how to
store a new QuoteHeader (undoably, in the window) and a signal for "the
document changed". :meth:`QuoteSource.for_controller` wires it to
``gui.document.controller.DocumentController.edit_quote``, the one undo path for
the quote header.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from core.errors import ImageCostError
from core.model.quote_header import QuoteHeader
from core.planning.quote_sections import plan_sections
from core.pricing.catalog import Catalog, default_catalog
from core.quote.quote import Quote
from core.sections import Section
from core.storage.scenario_file import ScenarioFile
from gui.document.controller import DocumentController
from gui.document.priced import Priced, PricedDocument, price


class QuoteSource(QObject):
    """The document the quote is made from, plus a 'changed' signal."""

    changed = Signal()

    def __init__(
        self,
        document: Callable[[], ScenarioFile],
        set_header: Callable[[QuoteHeader], None] | None = None,
        *,
        catalog: Catalog | None = None,
        path: Callable[[], Path | None] | None = None,
        priced: PricedDocument | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._set_header = set_header
        self._path = path
        self._catalog = catalog
        self._priced = priced
        #: Optional parts after the scenarios (the window sets the actuals' here); none by default.
        self.sections: Callable[[], Sequence[Section]] | None = None

    @property
    def catalog(self) -> Catalog | None:
        """The catalog in use now (the priced view's, which follows an imported price sheet)."""
        return self._priced.document.catalog if self._priced is not None else self._catalog

    def document(self) -> ScenarioFile:
        return self._document()

    def header(self) -> QuoteHeader:
        return self._document().quote

    def set_header(self, header: QuoteHeader) -> None:
        """Store a new quote header in the document, then say so."""
        if header == self.header():
            return
        if self._set_header is not None:
            self._set_header(header)
        else:
            self._document().quote = header
        self.changed.emit()

    def quote(self, only: Sequence[int] | None = None) -> Quote:
        """The quote of the document now, from the window's priced view when there is one (nothing is
        re-priced); a source without one prices the file itself. Raises ImageCostError naming the
        scenario that cannot be priced."""
        document = self._document()
        if not document.scenarios:
            raise ImageCostError("there are no scenarios to quote", hint="add a scenario first")
        rows = self._rows()
        chosen = rows if only is None else [rows[i] for i in only]
        for priced in chosen:
            if priced.error is not None:
                error = copy.copy(priced.error)  # the cached error stays as the table shows it
                if priced.scenario.name not in error.message:
                    error.message = f"scenario '{priced.scenario.name}': {error.message}"
                raise error
        estimates = tuple(p.estimate for p in chosen if p.estimate is not None)
        today = dt.date.today()
        # The Plan tab's answers the header asks for, of the quoted scenarios, then any added parts (actuals).
        sections = plan_sections(document.quote.plan_sections, document.plan, estimates, today=today)
        sections += self.sections() if self.sections is not None else ()
        return Quote(header=document.quote, estimates=estimates, today=today, sections=tuple(sections))

    def _rows(self) -> Sequence[Priced]:
        if self._priced is not None:
            return self._priced.rows
        catalog = self._catalog or default_catalog()
        return [price(scenario, catalog) for scenario in self._document().scenarios]

    def path(self) -> Path | None:
        """The document's file, when it has been saved."""
        return self._path() if self._path is not None else None

    def suggested_name(self) -> str:
        """A file name stem for exports: the document's, else the quote title, else 'quote'."""
        path = self.path()
        if path is not None:
            return path.stem
        title = self.header().title.strip()
        safe = "".join(c if c.isalnum() or c in " -_" else "-" for c in title).strip()
        return safe or "quote"

    @classmethod
    def for_controller(
        cls, controller: DocumentController, priced: PricedDocument, parent: QObject | None = None
    ) -> QuoteSource:
        """Wire to the window's document: header edits go through ``edit_quote`` (undoable, quoteChanged);
        quotes read PRICED, the document's one priced view."""
        source = cls(
            lambda: controller.document,
            controller.edit_quote,
            path=lambda: controller.path,
            priced=priced,
            parent=parent,
        )
        controller.documentChanged.connect(source.changed)
        return source
