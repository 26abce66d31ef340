"""Where the quote actions and charts get the open document, and how they change its quote header.

A small QObject rather than a dependency on the main window: the window (or a
test) hands over three things: how to read the current ScenarioFile, how to
store a new QuoteHeader (undoably, in the window) and a signal for "the
document changed". :meth:`QuoteSource.for_controller` wires it to
``gui.document.controller.DocumentController``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from core.errors import ImageCostError
from core.model.quote_header import QuoteHeader
from core.pricing.catalog import Catalog
from core.quote.quote import Quote, quote_from_file
from core.storage.scenario_file import ScenarioFile


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
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._set_header = set_header
        self._path = path
        self.catalog = catalog

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
        """Price the document now. Raises ImageCostError naming the scenario that cannot be priced."""
        document = self._document()
        if not document.scenarios:
            raise ImageCostError("there are no scenarios to quote", hint="add a scenario first")
        try:
            return quote_from_file(document, self.catalog, only=only)
        except ImageCostError as exc:
            bad = next((s.name for s in document.scenarios if not _prices(s, self.catalog)), None)
            if bad is not None and bad not in exc.message:
                exc.message = f"scenario '{bad}': {exc.message}"
            raise

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
    def for_controller(cls, controller: Any, parent: QObject | None = None) -> QuoteSource:
        """Wire to a DocumentController: header edits go on its undo stack; its changes refresh views."""
        source = cls(
            lambda: controller.document,
            lambda header: controller.undo_stack.push(SetQuoteHeader(controller, header)),
            catalog=controller.catalog,
            path=lambda: controller.path,
            parent=parent,
        )
        controller.documentChanged.connect(source.changed)
        return source


def _prices(scenario: Any, catalog: Catalog | None) -> bool:
    from core.pricing.engine import estimate

    try:
        estimate(scenario, catalog)
    except ImageCostError:
        return False
    return True


class SetQuoteHeader(QUndoCommand):
    """Undoable change of the quote details, on the document's own undo stack."""

    def __init__(self, controller: Any, header: QuoteHeader) -> None:
        super().__init__("Quote Details")
        self.controller = controller
        self.old: QuoteHeader = controller.document.quote
        self.new = header

    def _apply(self, header: QuoteHeader) -> None:
        self.controller.document.quote = header
        self.controller.documentChanged.emit()

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)
