"""Charts, print and PDF as the person uses them (issue #19 items 7 to 10): keys and clicks, then the output."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPdfWriter, QTextFormat
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLineEdit, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from core.quote.charts import breakdown_height, quote_chart_height
from core.quote.quote import Quote, quote_from_file
from gui.quote.printing import PageName, laid_out_document, page_layout, paint_quote
from gui.shortcuts import ActionName, key_sequences
from gui.views.chart_view import EXPORT_SCALE
from gui.window.main_window import MainWindow
from tests.conftest import EXAMPLES, when_modal
from tests.quote_fixtures import example_document, many_scenarios


def press(qtbot: QtBot, widget: QWidget, name: ActionName) -> None:
    """Press the first key of NAME from gui/shortcuts.py on WIDGET."""
    combo = key_sequences(name)[0][0]
    qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())


def print_to_file(qtbot: QtBot, dialog: QWidget, target: Path) -> None:
    """In the print dialog, type TARGET as the output file name and press Return, as a person would."""
    output = dialog.findChild(QLineEdit, "filename")
    output.setFocus()
    output.selectAll()
    qtbot.keyClicks(output, str(target))
    qtbot.keyClick(output, Qt.Key.Key_Return)


def print_with(qtbot: QtBot, window: MainWindow, answer: Callable[[QWidget], None], target: Path) -> None:
    """Press Print with ANSWER ready for its dialog, and wait until the PDF at TARGET is written."""
    when_modal(answer)
    press(qtbot, window.scenario_list, "quote.print")
    qtbot.waitUntil(lambda: target.exists())


@pytest.fixture
def saved_window(window: MainWindow, tmp_path: Path, qtbot: QtBot) -> MainWindow:
    """The example file copied to a folder of its own, open in a tall window with its tools built."""
    folder = tmp_path / "client"
    folder.mkdir()
    shutil.copy(EXAMPLES / "example.yaml", folder / "example.yaml")
    window.resize(1100, 900)
    assert window.open_path(folder / "example.yaml", ask=False)
    qtbot.waitUntil(lambda: window.tools_built)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # shortcuts go to the active window
    return window


def open_charts(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window.scenario_list, "view.charts")
    qtbot.waitUntil(lambda: window.quote_actions.charts.isVisible())


def test_a_copied_chart_is_the_charts_own_size_not_the_tabs(saved_window: MainWindow, qtbot: QtBot) -> None:
    charts = saved_window.quote_actions.charts
    open_charts(qtbot, saved_window)
    view = charts.current_view()
    assert charts._quote is not None
    natural = quote_chart_height(charts._quote, view.width())
    assert view.height() > 2 * natural  # the tab is much taller than the chart
    view.setFocus()
    press(qtbot, view, "edit.copy")  # Edit > Copy copies the chart that has the focus
    image = QGuiApplication.clipboard().image()
    assert image.height() == natural * EXPORT_SCALE
    assert image.width() == view.width() * EXPORT_SCALE


def test_a_saved_chart_starts_in_the_files_folder_and_has_the_charts_size(
    saved_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    charts = saved_window.quote_actions.charts
    open_charts(qtbot, saved_window)
    charts.show_chart("breakdown")
    seen: list[str] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        seen.append(dialog.directory().absolutePath())
        dialog.selectFile(str(tmp_path / "client" / "breakdown.png"))
        dialog.accept()

    when_modal(answer)
    qtbot.mouseClick(charts.save_button, Qt.MouseButton.LeftButton)
    assert seen == [str(tmp_path / "client")]
    image = QImage(str(tmp_path / "client" / "breakdown.png"))
    est = charts._quote.estimates[charts.scenario_box.currentIndex()] if charts._quote else None
    assert est is not None
    assert image.height() == breakdown_height(est, charts.current_view().width()) * EXPORT_SCALE


def _title(svg: str) -> str:
    return svg.split("<title>", 1)[1].split("</title>", 1)[0]


def test_each_chart_title_says_whether_the_markup_is_in(saved_window: MainWindow, qtbot: QtBot) -> None:
    charts = saved_window.quote_actions.charts
    open_charts(qtbot, saved_window)

    def titles() -> list[str]:
        seen = []
        qtbot.keyClick(charts.chart_box, Qt.Key.Key_Home)
        for _ in range(3):
            seen.append(_title(charts.current_view().svg()))
            qtbot.keyClick(charts.chart_box, Qt.Key.Key_Down)
        return seen

    first = saved_window.document.document.scenarios[0].name
    assert titles() == [
        "Monthly OpenAI cost by scenario (no markup)",
        f"Monthly OpenAI cost breakdown (no markup): {first}",
        "Monthly OpenAI cost as volume grows (no markup)",
    ]
    header = saved_window.document.quote.model_copy(update={"markup_percent": Decimal(20)})
    saved_window.document.edit_quote(header)
    assert titles() == [
        "Monthly price by scenario (incl. 20% markup)",
        f"Monthly OpenAI cost breakdown (before the 20% markup): {first}",
        "Monthly OpenAI cost as volume grows (before the 20% markup)",
    ]


def test_the_volume_chart_spans_each_scenarios_own_range(saved_window: MainWindow, qtbot: QtBot) -> None:
    charts = saved_window.quote_actions.charts
    open_charts(qtbot, saved_window)
    qtbot.keyClick(charts.chart_box, Qt.Key.Key_End)
    scenarios = saved_window.document.document.scenarios
    for series, scenario in zip(charts._growth, scenarios, strict=True):
        assert series.points[0][0] == 0
        assert series.points[-1][0] == 2 * scenario.requests_per_month  # not the largest scenario's volume
    svg = charts.current_view().svg()
    assert "Requests per month, relative to each scenario's own (1× = today)" in svg


# Printing through the dialog (item 8) ------------------------------------------------------------------


def test_printing_to_pdf_through_the_dialog_titles_it_and_offers_every_page(
    saved_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    target = tmp_path / "printed.pdf"
    offered: list[tuple[int, int]] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QPrintDialog)
        offered.append((dialog.minPage(), dialog.maxPage()))
        to_page = dialog.findChild(QSpinBox, "to")
        assert to_page is not None and to_page.maximum() == dialog.maxPage()
        print_to_file(qtbot, dialog, target)

    print_with(qtbot, saved_window, answer, target)
    reader = PdfReader(target)
    assert offered == [(1, len(reader.pages))] and len(reader.pages) > 1
    metadata = reader.metadata
    assert metadata is not None
    assert metadata.title == saved_window.document.quote.title
    assert metadata.creator == "Image Cost Calculator"


# Pagination (item 7) -------------------------------------------------------------------------------------


def _pdf_pages(quote: Quote, page: PageName, orientation: QPageLayout.Orientation) -> list[str]:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(150)
    layout = page_layout(page)
    layout.setOrientation(orientation)
    writer.setPageLayout(layout)
    paint_quote(quote, writer)
    del writer
    reader = PdfReader(io.BytesIO(bytes(buffer.data().data())))
    return [" ".join(p.extract_text().split()) for p in reader.pages]


@pytest.mark.parametrize("page", ["a4", "letter"])
def test_in_landscape_the_summary_stays_on_page_one_with_the_header(qapp: QApplication, page: PageName) -> None:
    document = example_document()
    document.scenarios = [*document.scenarios, *many_scenarios(1)]  # a summary taller than page 1's room
    pages = _pdf_pages(quote_from_file(document), page, QPageLayout.Orientation.Landscape)
    assert pages[0].startswith(document.quote.title)
    assert "Summary" in pages[0] and "Onboarding thumbnails" in pages[0].split("Summary", 1)[1]


@pytest.mark.parametrize("page", ["a4", "letter"])
@pytest.mark.parametrize("extra", [0, 3, 6, 9])
def test_a_scenario_moves_to_the_next_page_only_when_it_does_not_fit(
    qapp: QApplication, page: PageName, extra: int
) -> None:
    document = example_document()
    document.scenarios = [*document.scenarios, *many_scenarios(extra)]
    quote = quote_from_file(document)
    writer = QPdfWriter(QBuffer())
    writer.setResolution(150)
    writer.setPageLayout(page_layout(page))
    doc = laid_out_document(quote, writer)
    height = doc.pageSize().height()
    layout = doc.documentLayout()
    block = doc.begin()
    moved = 0
    while block.isValid():
        if block.blockFormat().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
            used = layout.blockBoundingRect(block.previous()).bottom() % height
            end = block.next()
            while end.isValid() and end.blockFormat().headingLevel() != 2:
                end = end.next()
            bottom = layout.blockBoundingRect(end.previous()).bottom() if end.isValid() else doc.size().height()
            needed = bottom - layout.blockBoundingRect(block).top()
            assert needed > height - used, f"{block.text()!r} fitted in the room left on the page before"
            moved += 1
        block = block.next()
    assert moved  # the check ran on real breaks


def test_the_pages_picked_in_the_print_dialog_are_the_ones_printed(
    saved_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    target = tmp_path / "page-two.pdf"
    total: list[int] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QPrintDialog)
        total.append(dialog.maxPage())
        options = next(b for b in dialog.findChildren(QAbstractButton) if b.text() == "&Options >>")
        qtbot.mouseClick(options, Qt.MouseButton.LeftButton)
        pages_from = dialog.findChild(QAbstractButton, "printRange")
        qtbot.waitUntil(pages_from.isVisible)
        qtbot.mouseClick(pages_from, Qt.MouseButton.LeftButton)
        for name, page in (("from", "2"), ("to", "2")):
            spin = dialog.findChild(QSpinBox, name)
            spin.setFocus()
            spin.selectAll()
            qtbot.keyClicks(spin, page)
        print_to_file(qtbot, dialog, target)

    print_with(qtbot, saved_window, answer, target)
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(target).pages]
    assert total[0] > 2 and len(pages) == 1
    assert pages[0].endswith(f"Page 2 of {total[0]}")
