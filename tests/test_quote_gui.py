"""Quote details dialog, export/print actions and the Charts tab, driven as a person would."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMainWindow, QMenu, QMessageBox, QTabWidget
from pytestqt.qtbot import QtBot

from core.model.quote_header import QuoteHeader
from core.pricing.estimate import Estimate
from core.quote.quote import Quote, format_money
from core.storage.scenario_file import ScenarioFile
from gui.document.controller import DocumentController
from gui.editors.quote_details import QuoteDetailsDialog
from gui.quote.actions import QuoteActions, install
from gui.quote.charts_panel import ChartsPanel
from gui.quote.source import QuoteSource
from gui.tool_host import MenuName, ToolTab
from gui.views.chart_view import SVG_MIME
from gui.views.message_bar import MessageBar
from gui.views.tab_host import TabHost
from tests.quote_fixtures import example_document


@pytest.fixture
def document() -> ScenarioFile:
    return example_document()


@pytest.fixture
def source(document: ScenarioFile) -> QuoteSource:
    return QuoteSource(lambda: document)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def parent(qtbot: QtBot) -> QMainWindow:
    """A bare main window to parent the actions (not the app's window: see tests/conftest.py)."""
    win = QMainWindow()
    qtbot.addWidget(win)
    return win


@pytest.fixture
def actions(parent: QMainWindow, source: QuoteSource, settings: QSettings) -> QuoteActions:
    return QuoteActions(source, parent, settings)


@pytest.fixture(autouse=True)
def _no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text))
    return shown


# Quote details dialog ------------------------------------------------------------


def test_details_dialog_round_trips_every_field(qtbot: QtBot, document: ScenarioFile) -> None:
    dialog = QuoteDetailsDialog(document.quote)
    qtbot.addWidget(dialog)
    assert dialog.read_header() == document.quote


def test_details_dialog_reads_what_is_typed(qtbot: QtBot) -> None:
    dialog = QuoteDetailsDialog(QuoteHeader())
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("  Q3 campaign ")
    dialog.client_edit.setText("Acme")
    dialog.valid_edit.set_value(dt.date(2027, 1, 31))
    dialog.markup_edit.setText("12.5%")
    dialog.currency_box.setCurrentText("gbp")
    dialog.rate_edit.setText("0.79")
    dialog.rate_date_edit.set_value(dt.date(2026, 11, 20))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    header = dialog.header()
    assert header.title == "Q3 campaign" and header.client == "Acme"
    assert header.markup_percent == Decimal("12.5") and header.exchange_rate == Decimal("0.79")
    assert header.currency == "GBP" and header.valid_until == dt.date(2027, 1, 31)
    assert header.date is None


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("markup_edit", "a lot", "Markup: 'a lot' is not a number"),
        ("markup_edit", "5000", "Markup"),
        ("rate_edit", "-1", "Exchange rate: '-1' is negative"),
    ],
)
def test_details_dialog_names_a_bad_value_and_stays_open(qtbot: QtBot, field: str, text: str, message: str) -> None:
    dialog = QuoteDetailsDialog(QuoteHeader(currency="EUR"))
    qtbot.addWidget(dialog)
    dialog.show()
    getattr(dialog, field).setText(text)
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label.isVisible() and message in dialog.error_label.text()
    assert dialog.header() == QuoteHeader(currency="EUR")


def test_details_dialog_refuses_a_currency_that_is_no_code(qtbot: QtBot) -> None:
    dialog = QuoteDetailsDialog(QuoteHeader())
    qtbot.addWidget(dialog)
    dialog.currency_box.setCurrentText("E1")
    dialog.accept()
    assert "'E1' is not a currency code" in dialog.error_label.text()


def test_rate_fields_are_off_for_usd(qtbot: QtBot) -> None:
    dialog = QuoteDetailsDialog(QuoteHeader())
    qtbot.addWidget(dialog)
    assert not dialog.rate_edit.isEnabled()
    dialog.currency_box.setCurrentText("EUR")
    assert dialog.rate_edit.isEnabled()


def test_quote_details_action_stores_the_new_header(
    actions: QuoteActions, document: ScenarioFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    changed: list[bool] = []
    actions.source.changed.connect(lambda: changed.append(True))

    def fill(dialog: QuoteDetailsDialog) -> int:
        dialog.client_edit.setText("New client")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(QuoteDetailsDialog, "exec", fill)
    actions.details_action.trigger()
    assert document.quote.client == "New client" and changed


# Export, print and preview ------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "html", "md", "csv", "json"])
def test_export_writes_each_format(actions: QuoteActions, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"quote.{fmt}"
    assert actions.export(fmt, path)  # type: ignore[arg-type]
    total = format_money(actions.source.quote().total_monthly)
    if fmt == "pdf":
        text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)
        assert total in text
    elif fmt == "json":
        data = json.loads(path.read_text(encoding="utf-8"))
        assert Decimal(data["totals"]["price_monthly"]) == actions.source.quote().total_monthly
    elif fmt in ("html", "md"):
        assert total in path.read_text(encoding="utf-8")
    else:
        assert path.read_text(encoding="utf-8-sig").startswith("row,scenario,item,")


def test_export_dialog_adds_the_suffix_and_remembers_the_folder(
    actions: QuoteActions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def choose(_parent: object, _title: str, default: str, _filter: str, **_options: object) -> tuple[str, str]:
        asked.append(default)  # options: the dialog leaves the replace question to the app
        return str(tmp_path / "for-client"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    actions.export_actions["csv"].trigger()
    assert (tmp_path / "for-client.csv").exists()
    actions.export_actions["md"].trigger()
    assert asked[1] == str(tmp_path / "Image generation budget 2027.md")


def test_export_to_a_folder_that_cannot_be_written_says_so(
    actions: QuoteActions, tmp_path: Path, _no_message_boxes: list[str]
) -> None:
    assert not actions.export("csv", tmp_path / "missing" / "q.csv")
    assert "Could not export" in _no_message_boxes[0]


def test_nothing_to_quote_is_said_not_crashed(
    parent: QMainWindow, settings: QSettings, tmp_path: Path, _no_message_boxes: list[str]
) -> None:
    empty = QuoteActions(QuoteSource(ScenarioFile), parent, settings)
    assert not empty.export("pdf", tmp_path / "q.pdf")
    assert "no scenarios" in _no_message_boxes[0] and not (tmp_path / "q.pdf").exists()


def test_print_paints_the_quote_on_the_printer(
    actions: QuoteActions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "printed.pdf"
    make = actions.make_printer

    def pdf_printer(quote: Quote) -> QPrinter:
        printer = make(quote)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return printer

    monkeypatch.setattr(actions, "make_printer", pdf_printer)
    monkeypatch.setattr(QPrintDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    actions.print_action.trigger()
    assert len(PdfReader(target).pages) >= 2


def test_preview_shows_the_same_pages_as_the_pdf(actions: QuoteActions, tmp_path: Path, qtbot: QtBot) -> None:
    dialog = actions.make_preview_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    preview = dialog.findChild(QPrintPreviewWidget)
    preview.updatePreview()
    actions.set_paper("a4")
    actions.export("pdf", tmp_path / "q.pdf")
    assert preview.pageCount() == len(PdfReader(tmp_path / "q.pdf").pages)


def test_paper_size_is_remembered(actions: QuoteActions, settings: QSettings, parent: QMainWindow) -> None:
    actions.paper_actions["letter"].trigger()
    again = QuoteActions(actions.source, parent, settings)
    assert again.paper() == "letter" and again.paper_actions["letter"].isChecked()


# Charts ------------------------------------------------------------------------------


def test_charts_panel_shows_each_chart(qtbot: QtBot, source: QuoteSource, document: ScenarioFile) -> None:
    panel = ChartsPanel(source)
    qtbot.addWidget(panel)
    panel.resize(800, 500)
    panel.show()
    for name in ("comparison", "breakdown", "growth"):
        panel.show_chart(name)
        assert panel.current_view().isVisible()
        root = ET.fromstring(panel.current_view().svg())
        assert root.get("width") == str(panel.current_view().width())
    assert panel.scenario_box.isVisible() is False
    panel.show_chart("breakdown")
    assert [panel.scenario_box.itemText(i) for i in range(panel.scenario_box.count())] == [
        s.name for s in document.scenarios
    ]
    panel.scenario_box.setCurrentIndex(1)
    assert document.scenarios[1].name in panel.current_view().svg()


def test_charts_follow_document_changes(qtbot: QtBot, source: QuoteSource, document: ScenarioFile) -> None:
    panel = ChartsPanel(source)
    qtbot.addWidget(panel)
    panel.show()
    document.scenarios[0] = document.scenarios[0].model_copy(update={"name": "Renamed"})
    source.changed.emit()
    assert "Renamed" in panel.views["comparison"].svg()


def test_charts_explain_when_there_is_nothing_to_draw(qtbot: QtBot) -> None:
    panel = ChartsPanel(QuoteSource(ScenarioFile))
    qtbot.addWidget(panel)
    panel.show()
    assert panel.stack.currentWidget() is panel.message
    assert "no scenarios" in panel.message.text() and not panel.copy_button.isEnabled()


def test_chart_copy_and_save(qtbot: QtBot, source: QuoteSource, tmp_path: Path) -> None:
    panel = ChartsPanel(source)
    qtbot.addWidget(panel)
    panel.resize(700, 420)
    panel.show()
    view = panel.current_view()
    view.copy_to_clipboard()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasImage() and bytes(mime.data(SVG_MIME).data()).startswith(b"<svg")
    view.save(tmp_path / "chart.svg")
    view.save(tmp_path / "chart.png")
    ET.parse(tmp_path / "chart.svg")
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")


# Installing into a main window ---------------------------------------------------------


class SmallHost(QMainWindow):
    """The least a window must offer the quote tools: gui.tool_host.ToolHost and nothing more."""

    currentRowChanged = Signal(int)
    form_edited = Signal(object, str)

    def __init__(self) -> None:
        super().__init__()
        self.document = DocumentController()
        self.message_bar = MessageBar()
        self.tabs = QTabWidget()
        self.tabs.addTab(QLabel("results"), "Results")
        self.charts_tab = TabHost()
        self.tabs.addTab(self.charts_tab, "C&harts")
        self.setCentralWidget(self.tabs)
        self.file_menu = self.menuBar().addMenu("&File")
        self.file_menu_end = self.file_menu.addSeparator()
        self.file_menu.addAction(QAction("&Quit", self))
        self.view_menu = self.menuBar().addMenu("&View")

    def current_row(self) -> int:
        return -1

    def estimates(self) -> list[Estimate]:
        return []

    def estimate_of(self, row: int) -> Estimate | None:
        return None

    def dialog_parent(self) -> QMainWindow:
        return self

    def tool_tab(self, name: ToolTab) -> TabHost:
        assert name == "charts"
        return self.charts_tab

    def add_actions(self, menu: MenuName, actions: Sequence[QAction | None]) -> None:
        target = self.file_menu if menu == "file" else self.view_menu
        for entry in actions:
            action = entry or QAction(self)
            action.setSeparator(entry is None)
            if menu == "file":
                target.insertAction(self.file_menu_end, action)
            else:
                target.addAction(action)


def test_install_adds_menus_and_the_charts_tab(qtbot: QtBot, source: QuoteSource, settings: QSettings) -> None:
    host = SmallHost()
    qtbot.addWidget(host)
    actions = install(host, source, settings)
    texts = [a.text() for a in host.file_menu.actions() if not a.isSeparator()]
    assert texts == ["Quote &Details…", "Print Pre&view…", "&Print…", "&Export Quote", "&Quit"]
    assert isinstance(actions.export_menu, QMenu) and len(actions.export_actions) == 5
    assert host.charts_tab.content is actions.charts
    assert actions.show_charts_action is not None
    assert [a.text() for a in host.view_menu.actions()] == ["C&harts"]
    actions.show_charts_action.trigger()
    assert host.tabs.currentWidget() is host.charts_tab and actions.charts.isVisibleTo(host)


def test_charts_describe_their_figures_for_screen_readers(qtbot: QtBot, source: QuoteSource) -> None:
    panel = ChartsPanel(source)
    qtbot.addWidget(panel)
    panel.show()
    quote = source.quote()
    description = panel.views["comparison"].accessibleDescription()
    for est in quote.estimates:
        assert f"{est.scenario.name}: {format_money(quote.price(est.monthly))} per month" in description
    assert "Image output" in panel.views["breakdown"].accessibleDescription()
