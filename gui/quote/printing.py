"""One renderer for print, print preview and PDF: the core HTML laid out by QTextDocument.

The page is painted by hand rather than with ``QTextDocument.print_`` so each
page gets a footer with the quote title and "Page N of M". The same function
paints onto a QPrinter (print, preview) and a QPdfWriter (PDF export and
``imagecost-cli quote --format pdf``), so what is previewed is what is saved.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from core.quote.charts import quote_chart_height, quote_comparison_chart
from core.quote.html import CHART_RESOURCE, CHART_WIDTH, quote_html, section_chart
from core.quote.quote import Quote
from gui.quote.svg_text_object import install_svg_objects, replace_image_with_svg

PageName = Literal["a4", "letter"]
PAGE_SIZES: dict[str, QPageSize.PageSizeId] = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGINS_MM = QMarginsF(18, 16, 18, 14)
FOOTER_PT = 8
#: A heading with less than this share of the page left below it starts the next page.
KEEP_WITH_NEXT = 0.14
#: Heading levels of the core HTML: <h2> a section (Summary, each scenario), <h3> a part of one.
SECTION_HEADING = 2
SUBSECTION_HEADING = 3


def default_page_name() -> PageName:
    """Letter where it is the norm (US, Canada and a few others), A4 elsewhere."""
    from PySide6.QtCore import QLocale

    letter = {QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico, QLocale.Country.Chile}
    return "letter" if QLocale.system().territory() in letter else "a4"


def page_name(text: str) -> PageName:
    """'A4' / 'letter' -> the page name; anything else is A4."""
    return "letter" if text.lower() == "letter" else "a4"


def page_layout(page: PageName) -> QPageLayout:
    return QPageLayout(
        QPageSize(PAGE_SIZES[page]), QPageLayout.Orientation.Portrait, MARGINS_MM, QPageLayout.Unit.Millimeter
    )


def quote_document(quote: Quote) -> QTextDocument:
    """The quote HTML in a QTextDocument, the comparison chart drawn as vector SVG."""
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    install_svg_objects(doc, doc)
    doc.setHtml(quote_html(quote, chart_src=CHART_RESOURCE))
    svg = quote_comparison_chart(quote, width=CHART_WIDTH)
    replace_image_with_svg(doc, CHART_RESOURCE, svg, CHART_WIDTH, quote_chart_height(quote, CHART_WIDTH))
    for section in quote.sections:
        chart = section_chart(section)
        if chart is not None:
            replace_image_with_svg(doc, chart[0], chart[1], CHART_WIDTH, chart[2])
    return doc


def _has_break(block: QTextBlock) -> bool:
    return bool(block.blockFormat().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)


def _needs_break(doc: QTextDocument, block: QTextBlock, shift: float, *, own_break: bool = False) -> bool:
    """Whether BLOCK, moved down by SHIFT, should start a new page.

    A block that starts a page already needs no other, unless OWN_BREAK asks to judge it as if
    it did not (SHIFT then moves it back up to where it would be)."""
    page = doc.pageSize().height()
    layout = doc.documentLayout()
    rect = layout.blockBoundingRect(block)
    offset = (rect.top() + shift) % page
    if _has_break(block) and not own_break:
        return False
    if "\ufffc" in block.text():  # a chart: never sliced across two pages
        return offset + rect.height() > page and rect.height() <= page
    level = block.blockFormat().headingLevel()
    if level not in (SECTION_HEADING, SUBSECTION_HEADING):
        return False
    if page - offset < page * KEEP_WITH_NEXT:
        return True
    if level == SECTION_HEADING and _first_section(block):
        # The summary stays under the header on page 1 (its table rows and chart are kept whole);
        # moving it to page 2 left the header alone on a landscape page.
        return False
    if level == SECTION_HEADING:
        end = block.next()
        while end.isValid() and end.blockFormat().headingLevel() != SECTION_HEADING:
            end = end.next()
        # The section ends where its last block ends (not at the next heading, which may sit on a later page).
        bottom = layout.blockBoundingRect(end.previous()).bottom() if end.isValid() else layout.documentSize().height()
        height = bottom - rect.top()
        return offset + height > page and height <= page * 0.95
    return False


def _first_section(block: QTextBlock) -> bool:
    """Whether BLOCK is the document's first section heading (the summary, right under the header)."""
    before = block.previous()
    while before.isValid():
        if before.blockFormat().headingLevel() == SECTION_HEADING:
            return False
        before = before.previous()
    return True


def _plan_breaks(doc: QTextDocument) -> list[int]:
    """Block positions that should start a page, found in one walk over the current layout.

    Each planned break pushes everything after it down to the next page, so the walk
    carries that shift instead of laying out the document again per break. It is a guess
    where long tables cross pages (rows move, header rows repeat): :func:`keep_sections_together`
    checks every break on the real layout afterwards.
    """
    page = doc.pageSize().height()
    layout = doc.documentLayout()
    shift = 0.0
    planned: list[int] = []
    block = doc.begin()
    while block.isValid():
        if _needs_break(doc, block, shift):
            top = layout.blockBoundingRect(block).top() + shift
            shift += page - top % page
            planned.append(block.position())
        block = block.next()
    return planned


def _wants_break(doc: QTextDocument, block: QTextBlock) -> bool:
    """Whether BLOCK should start a page on the layout as it is, judged as if it had no break of its own."""
    if not _has_break(block):
        return _needs_break(doc, block, 0.0)
    before = block.previous()
    if not before.isValid():
        return False
    layout = doc.documentLayout()
    unbroken_top = layout.blockBoundingRect(before).bottom() + block.blockFormat().topMargin()
    return _needs_break(doc, block, unbroken_top - layout.blockBoundingRect(block).top(), own_break=True)


def _set_break(doc: QTextDocument, block: QTextBlock, on: bool) -> None:
    cursor = QTextCursor(doc)
    cursor.setPosition(block.position())
    fmt = cursor.blockFormat()
    fmt.setPageBreakPolicy(
        QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore if on else QTextFormat.PageBreakFlag.PageBreak_Auto
    )
    cursor.setBlockFormat(fmt)


def keep_sections_together(doc: QTextDocument) -> None:
    """Start a section on a new page when it would straddle two pages but fits on one.

    QTextDocument has no keep-together or keep-with-next: the document is
    paginated already (page size set), so each heading's position says where
    its section landed. Sections are the level-2 headings; a level-3 heading
    with too little room under it also moves to the next page, and so does a
    chart that would be cut in two. The first section (the summary) stays under
    the header.

    The breaks are planned in one walk (fast, a guess where long tables cross pages), then
    every candidate is checked in document order on the real layout, as the breaks above it
    left it: a wrong guess is set right and only then is the rest laid out again. (The guess
    alone moved sections that fitted where they were; a relayout per break is quadratic.)
    """
    planned = _plan_breaks(doc)
    if planned:
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        for position in planned:
            _set_break(doc, doc.findBlock(position), True)
        cursor.endEditBlock()
        doc.markContentsDirty(0, doc.characterCount())
    ours = set(planned)
    block = doc.begin()
    while block.isValid():
        if "\ufffc" in block.text() or block.blockFormat().headingLevel() in (SECTION_HEADING, SUBSECTION_HEADING):
            has = _has_break(block)
            want = _wants_break(doc, block)
            if want != has and (want or block.position() in ours):
                _set_break(doc, block, want)
                # Qt's incremental relayout of a format change does not move the blocks below: lay them out again.
                doc.markContentsDirty(block.position(), doc.characterCount() - block.position())
        block = block.next()
    # The incremental relayout after a format change can leave later blocks undrawn: lay out everything again.
    doc.markContentsDirty(0, doc.characterCount())


APP_CREATOR = "Image Cost Calculator"


def _laid_out(quote: Quote, device: QPagedPaintDevice) -> tuple[QTextDocument, QSizeF, QRectF, float]:
    """The quote paginated for DEVICE: the document, its page body, the paint rect and the footer height."""
    doc = quote_document(quote)
    layout = doc.documentLayout()
    layout.setPaintDevice(device)
    dpi = device.logicalDpiY()
    paint_rect = QRectF(device.pageLayout().paintRectPixels(device.logicalDpiX()))
    footer_h = FOOTER_PT * 2.6 * dpi / 72
    body = QSizeF(paint_rect.width(), paint_rect.height() - footer_h)
    doc.setPageSize(body)
    keep_sections_together(doc)
    return doc, body, paint_rect, footer_h


def laid_out_document(quote: Quote, device: QPagedPaintDevice) -> QTextDocument:
    """The quote's document paginated for DEVICE, page breaks placed (what paint_quote paints)."""
    return _laid_out(quote, device)[0]


def page_count(quote: Quote, device: QPagedPaintDevice) -> int:
    """How many pages the quote takes on DEVICE (the print dialog offers this range)."""
    return _laid_out(quote, device)[0].pageCount()


def paint_quote(quote: Quote, device: QPagedPaintDevice, first: int = 1, last: int | None = None) -> int:
    """Lay the quote out on DEVICE's pages and paint pages FIRST to LAST (1-based, default all).

    Returns the document's page count; the footer always says "Page N of" that count."""
    doc, body, paint_rect, footer_h = _laid_out(quote, device)
    layout = doc.documentLayout()
    pages = doc.pageCount()
    wanted = range(max(1, first) - 1, min(pages, last or pages))
    footer_font = QFont(doc.defaultFont())
    footer_font.setPointSizeF(FOOTER_PT)
    painter = QPainter(device)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    try:
        for page in wanted:
            if page != wanted.start:
                device.newPage()
            painter.save()
            clip = QRectF(0, page * body.height(), body.width(), body.height())
            painter.translate(0, -clip.top())
            painter.setClipRect(clip)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = clip
            layout.draw(painter, context)
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(Qt.GlobalColor.darkGray)
            footer = QRectF(0, paint_rect.height() - footer_h * 0.6, body.width(), footer_h * 0.6)
            flags = Qt.AlignmentFlag.AlignBottom
            painter.drawText(footer, int(flags | Qt.AlignmentFlag.AlignLeft), quote.title)
            painter.drawText(footer, int(flags | Qt.AlignmentFlag.AlignRight), f"Page {page + 1} of {pages}")
    finally:
        painter.end()
    return pages


def pdf_bytes(quote: Quote, page: PageName = "a4", *, resolution: int = 300) -> bytes:
    """The quote as a PDF file's bytes (the caller writes them atomically)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(resolution)
    writer.setPageLayout(page_layout(page))
    writer.setTitle(quote.title)
    writer.setCreator(APP_CREATOR)
    paint_quote(quote, writer)
    del writer  # finishes the PDF
    buffer.close()
    return bytes(buffer.data().data())
