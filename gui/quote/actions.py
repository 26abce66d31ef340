"""The quote's menu actions: Quote Details…, Print…, Print Preview…, Export, paper size, Charts tab.

:func:`install` puts them into the window through its
:class:`gui.tool_host.ToolHost` (File menu, View menu, the Charts tab). Print, preview and PDF export all go through
``gui.quote.printing.paint_quote``, so the preview is exactly what gets printed
or saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMenu, QMessageBox, QWidget

from core.errors import ImageCostError
from core.quote import target
from core.quote.export import ExportFormat, format_for_suffix
from core.quote.quote import Quote
from gui.desktop.screen_fit import open_within_screen
from gui.editors.quote_details import edit_quote_details
from gui.quote.charts_panel import ChartsPanel
from gui.quote.files import write_export
from gui.quote.printing import (
    APP_CREATOR,
    PageName,
    default_page_name,
    page_count,
    page_layout,
    page_name,
    paint_quote,
)
from gui.quote.source import QuoteSource
from gui.shortcuts import assign
from gui.tool_host import ToolHost
from gui.views.plain_text import warn

PAPER_KEY = "quote/paper"
EXPORT_DIR_KEY = "quote/export_dir"
EXPORT_LABELS: dict[ExportFormat, str] = {
    ExportFormat.PDF: "&PDF…",
    ExportFormat.HTML: "&HTML…",
    ExportFormat.MD: "&Markdown…",
    ExportFormat.CSV: "&CSV (spreadsheet)…",
    ExportFormat.JSON: "&JSON…",
}


@contextmanager
def busy() -> Iterator[None]:
    """A wait cursor while a long quote is laid out (hundreds of scenarios take a second or two)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class QuoteActions(QObject):
    """Owns the quote actions and runs them against a QuoteSource."""

    def __init__(self, source: QuoteSource, parent: QWidget, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.widget = parent
        self.settings = settings or QSettings()
        #: The Charts tab's widget; install() puts it in the window's tabs.
        self.charts = ChartsPanel(source, parent)
        self.charts.hide()
        self.show_charts_action: QAction | None = None
        self._preview_printer: QPrinter | None = None

        self.details_action = QAction("Quote &Details…", self)
        self.details_action.setStatusTip("Title, client, dates, notes, markup and currency of the quote")
        self.details_action.triggered.connect(self.edit_details)
        self.print_action = QAction("&Print…", self)
        assign(self.print_action, "quote.print")
        self.print_action.triggered.connect(self.print_quote)
        self.preview_action = QAction("Print Pre&view…", self)
        assign(self.preview_action, "quote.preview")
        self.preview_action.triggered.connect(self.print_preview)

        self.export_menu = QMenu("&Export Quote", parent)
        self.export_actions: dict[ExportFormat, QAction] = {}
        for fmt, label in EXPORT_LABELS.items():
            action = QAction(label, self)
            action.setStatusTip(f"Save the quote as {fmt.label}")
            action.triggered.connect(lambda _checked=False, f=fmt: self.export_dialog(f))
            self.export_actions[fmt] = action
            self.export_menu.addAction(action)
        assign(self.export_actions[ExportFormat.PDF], "quote.export_pdf")
        self.export_menu.addSeparator()
        #: Where the window's selected scenario comes from (install() wires it); -1 or None: no selection.
        self.selected_row: Callable[[], int] | None = None
        self.only_selected_action = QAction("Selected Scenario &Only", self, checkable=True)
        self.only_selected_action.setStatusTip("Print and export only the selected scenario instead of all of them")
        self.export_menu.addAction(self.only_selected_action)
        paper_menu = self.export_menu.addMenu("Paper &Size")
        self.paper_group = QActionGroup(self)
        self.paper_actions: dict[PageName, QAction] = {}
        current = self.paper()
        for name, label in (("a4", "&A4"), ("letter", "&Letter")):
            action = QAction(label, self, checkable=True)
            action.setChecked(name == current)
            action.triggered.connect(lambda _checked=False, n=name: self.set_paper(n))
            self.paper_group.addAction(action)
            paper_menu.addAction(action)
            self.paper_actions[name] = action  # type: ignore[index]

    # Settings ------------------------------------------------------------------------
    def paper(self) -> PageName:
        value = self.settings.value(PAPER_KEY)
        return page_name(str(value)) if value else default_page_name()

    def set_paper(self, name: PageName) -> None:
        self.settings.setValue(PAPER_KEY, name)
        self.paper_actions[name].setChecked(True)

    # Helpers ---------------------------------------------------------------------------
    def scope(self) -> list[int] | None:
        """The scenario rows the quote covers: None for all, [row] for the selected one only."""
        if not self.only_selected_action.isChecked() or self.selected_row is None:
            return None
        row = self.selected_row()
        return [row] if 0 <= row < len(self.source.document().scenarios) else None

    def _quote(self, what: str) -> Quote | None:
        try:
            with busy():
                return self.source.quote(self.scope())
        except ImageCostError as exc:
            warn(self.widget, what, f"Cannot make the quote: {exc}")
            return None

    def _status(self, text: str) -> None:
        window = self.widget.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 6000)

    def make_printer(self, quote: Quote) -> QPrinter:
        """A printer for QUOTE: a PDF printed through the dialog is titled and credited as the CLI's."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(self.paper()))
        printer.setDocName(quote.title)  # the PDF's title, and the print job's name
        printer.setCreator(APP_CREATOR)
        return printer

    # Actions -----------------------------------------------------------------------------
    def edit_details(self) -> None:
        header = edit_quote_details(self.source.header(), self.widget)
        if header is not None:
            self.source.set_header(header)

    def print_quote(self) -> None:
        quote = self._quote("Print")
        if quote is None:
            return
        printer = self.make_printer(quote)
        with busy():
            pages = page_count(quote, printer)
        dialog = QPrintDialog(printer, self.widget)
        dialog.setWindowTitle("Print Quote")
        dialog.setMinMax(1, pages)  # the page range the person may pick is the quote's pages
        dialog.setFromTo(1, pages)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        first, last = 1, pages
        if printer.printRange() == QPrinter.PrintRange.PageRange:
            first, last = printer.fromPage() or 1, printer.toPage() or pages
        with busy():
            paint_quote(quote, printer, first, last)
        sent = last - first + 1
        self._status(f"Sent {sent} page{'s' if sent != 1 else ''} to the printer")

    def make_preview_dialog(self) -> QPrintPreviewDialog | None:
        """The preview dialog, painting the current quote (None when it cannot be priced)."""
        quote = self._quote("Print Preview")
        if quote is None:
            return None
        # The dialog does not own the printer: keep it alive as long as the dialog can use it.
        self._preview_printer = self.make_printer(quote)
        dialog = QPrintPreviewDialog(self._preview_printer, self.widget)
        dialog.setWindowTitle("Print Preview")
        dialog.paintRequested.connect(lambda printer: paint_quote(quote, printer))
        open_within_screen(dialog, 900, 1000)  # an A4 page's height where the screen has it, never past it
        return dialog

    def print_preview(self) -> None:
        dialog = self.make_preview_dialog()
        if dialog is not None:
            dialog.exec()

    def export_dialog(self, fmt: ExportFormat) -> None:
        """Ask where, then export."""
        suffix, label = fmt.suffix, fmt.label
        folder = str(self.settings.value(EXPORT_DIR_KEY, "") or "")
        document_path = self.source.path()
        if not folder and document_path is not None:
            folder = str(document_path.parent)
        default = str(Path(folder) / (self.source.suggested_name() + suffix)) if folder else ""
        default = default or self.source.suggested_name() + suffix
        # The app asks itself, once, and only where it matters (a file it did not make): not the dialog too.
        path, _ = QFileDialog.getSaveFileName(
            self.widget,
            f"Export Quote as {label}",
            default,
            f"{label} (*{suffix})",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not path:
            return
        target = Path(path)
        if format_for_suffix(target.suffix) != fmt:
            target = target.with_name(target.name + suffix)
        self.settings.setValue(EXPORT_DIR_KEY, str(target.parent))
        self.export(fmt, target)

    def export(self, fmt: ExportFormat, path: Path) -> bool:
        """Write the export; a failure is shown and nothing half-written is left.

        Never over the document's own file, a read-only file or a device; an existing file that
        is not an export this app made is replaced only after a yes, and kept as FILE.bak.
        """
        document = self.source.path()
        reason = target.refusal(path, inputs=[document] if document is not None else [])
        if reason is not None:
            warn(self.widget, "Export Quote", f"Will not export to {path.name}: {reason}.")
            return False
        if target.needs_consent(path) and not self._consent_to_replace(path):
            return False
        quote = self._quote("Export Quote")
        if quote is None:
            return False
        try:
            with busy():
                write_export(quote, fmt, path, page=self.paper())
        except ImageCostError as exc:
            warn(self.widget, "Export Quote", f"Could not export: {exc}")
            return False
        self._status(f"Exported the quote to {path}")
        return True


    def _consent_to_replace(self, path: Path) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Export Quote",
            f"{path.name} already exists and is not an export made by this app.",
            QMessageBox.StandardButton.Cancel,
            self.widget,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(f"Replace it? The file now there is kept as {path.name}.bak.")
        replace = box.addButton("Replace", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is replace


def install(host: ToolHost, source: QuoteSource, settings: QSettings | None = None) -> QuoteActions:
    """Add the quote actions to HOST's File menu and the Charts panel to its Charts tab."""
    window = host.dialog_parent()
    actions = QuoteActions(source, window, settings)
    host.add_actions(
        "file",
        [
            None,
            actions.details_action,
            None,
            actions.preview_action,
            actions.print_action,
            actions.export_menu.menuAction(),
        ],
    )
    actions.selected_row = host.current_row
    host.currentRowChanged.connect(actions.charts.select_scenario)
    page = host.tool_tab("charts")
    page.set_content(actions.charts)
    show = assign(QAction("C&harts", window), "view.charts")
    show.triggered.connect(lambda: host.tabs.setCurrentWidget(page))
    host.add_actions("view", [show])
    actions.show_charts_action = show
    return actions
