"""The printed quote: real PDF pages with the totals, page numbers and repeated table headers."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from core.model.quote_header import QuoteHeader
from core.quote.quote import build_quote, format_money, quote_from_file
from gui.quote.printing import page_layout, paint_quote, pdf_bytes, quote_document
from tests.quote_fixtures import TODAY, example_document, many_scenarios

A4_POINTS = (595, 842)
LETTER_POINTS = (612, 792)


def pdf_text(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def test_pdf_holds_the_totals_and_numbers_its_pages(qapp: QApplication) -> None:
    quote = quote_from_file(example_document(), today=TODAY)
    pages = pdf_text(pdf_bytes(quote))
    assert len(pages) >= 2
    text = " ".join(pages)
    # The figures a client adds up by hand: rounded per scenario and month, yearly 12 x the month.
    assert format_money(quote.shown_total) in text
    assert format_money(quote.shown_total * 12) in text
    assert format_money(quote.shown_converted_total(quote.shown_price) or Decimal(0), "EUR") in text
    for est in quote.estimates:
        assert est.scenario.name in text
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page


@pytest.mark.parametrize(("page", "size"), [("a4", A4_POINTS), ("letter", LETTER_POINTS)])
def test_pdf_page_sizes_are_portrait_a4_and_letter(qapp: QApplication, page: str, size: tuple[int, int]) -> None:
    quote = quote_from_file(example_document(), today=TODAY)
    reader = PdfReader(io.BytesIO(pdf_bytes(quote, page)))  # type: ignore[arg-type]
    for pdf_page in reader.pages:
        box = pdf_page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == size


def test_a_long_table_repeats_its_header_row_on_every_page(qapp: QApplication) -> None:
    quote = build_quote(QuoteHeader(title="Forty variants"), many_scenarios(40), today=TODAY)
    pages = pdf_text(pdf_bytes(quote))
    summary_pages = [p for p in pages if "Variant 00" in p or "Variant 39" in p]
    assert len(pages) > 10
    # The summary table runs over more than one page and each part has its header row.
    first = next(i for i, p in enumerate(pages) if "Summary" in p)
    assert "Variant 39" not in pages[first]
    assert "Per delivered image Monthly Yearly" in pages[first + 1]
    assert format_money(quote.shown_total) in " ".join(pages)
    assert summary_pages


def test_paint_quote_reports_the_pages_it_painted(qapp: QApplication, tmp_path: Path) -> None:
    from PySide6.QtGui import QPdfWriter

    quote = quote_from_file(example_document(), today=TODAY)
    path = tmp_path / "direct.pdf"
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageLayout(page_layout("letter"))
    count = paint_quote(quote, writer)
    del writer
    assert count == len(PdfReader(path).pages) >= 2


def test_the_chart_is_vector_drawing_in_the_pdf(qapp: QApplication) -> None:
    quote = quote_from_file(example_document(), today=TODAY)
    doc = quote_document(quote)
    assert "<img" not in doc.toHtml()  # the placeholder was swapped for the SVG object
    reader = PdfReader(io.BytesIO(pdf_bytes(quote)))
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Monthly price by scenario (incl. 15% markup)" in first  # chart labels stay text
    assert not reader.pages[0]["/Resources"].get("/XObject")  # and nothing is a raster image


@pytest.mark.parametrize("page", ["a4", "letter"])
def test_a_scenario_section_that_fits_a_page_is_never_split(qapp: QApplication, page: str) -> None:
    quote = build_quote(QuoteHeader(title="Sections"), many_scenarios(12), today=TODAY)
    pages = pdf_text(pdf_bytes(quote, page))  # type: ignore[arg-type]
    for index, est in enumerate(quote.estimates, start=1):
        heading = f"{index}. {est.scenario.name}"
        where = [n for n, text in enumerate(pages) if heading in text]
        assert len(where) == 1
        section = pages[where[0]].split(heading, 1)[1]
        assert "Per delivered image" in section  # the section's last row is on the same page
