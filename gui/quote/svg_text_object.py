"""Vector SVG inside a QTextDocument: charts in the printed quote and the PDF stay sharp and searchable.

QTextDocument only knows raster images, so after the HTML is loaded the
chart's ``<img>`` placeholder is swapped for a custom text object that
QSvgRenderer paints straight onto the printer or PDF page: lines stay lines
and the chart's labels stay text a PDF reader can find.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, QRect, QRectF, QSizeF
from PySide6.QtGui import (
    QPainter,
    QPyTextObject,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtSvg import QSvgRenderer

SVG_OBJECT = QTextFormat.ObjectTypes.UserObject + 1
SVG_DATA = QTextFormat.Property.UserProperty + 1
SVG_WIDTH = QTextFormat.Property.UserProperty + 2
SVG_HEIGHT = QTextFormat.Property.UserProperty + 3
SCREEN_DPI = 96  # the HTML's pixel sizes are CSS pixels at 96 per inch


class SvgTextObject(QPyTextObject):
    """Sizes and paints SVG objects; registered once per document layout."""

    def intrinsicSize(self, doc: QTextDocument, _pos: int, fmt: QTextFormat) -> QSizeF:
        device = doc.documentLayout().paintDevice()
        scale = device.logicalDpiX() / SCREEN_DPI if device is not None else 1.0
        return QSizeF(float(fmt.property(SVG_WIDTH)) * scale, float(fmt.property(SVG_HEIGHT)) * scale)

    def drawObject(
        self, painter: QPainter, rect: QRectF | QRect, _doc: QTextDocument, _pos: int, fmt: QTextFormat
    ) -> None:
        renderer = QSvgRenderer(QByteArray(str(fmt.property(SVG_DATA)).encode("utf-8")))
        renderer.render(painter, QRectF(rect))


def install_svg_objects(doc: QTextDocument, parent: QObject) -> SvgTextObject:
    """Register the SVG handler on DOC's layout; keep the returned handler alive with PARENT."""
    handler = SvgTextObject(parent)
    doc.documentLayout().registerHandler(SVG_OBJECT, handler)
    return handler


def replace_image_with_svg(doc: QTextDocument, name: str, svg: str, width: int, height: int) -> int:
    """Swap every ``<img src=NAME>`` in DOC for the vector SVG; returns how many were swapped."""
    swapped = 0
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fragment.isValid() and fmt.isImageFormat() and fmt.toImageFormat().name() == name:
                cursor = QTextCursor(doc)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                svg_format = QTextCharFormat()
                svg_format.setObjectType(SVG_OBJECT)
                svg_format.setProperty(SVG_DATA, svg)
                svg_format.setProperty(SVG_WIDTH, width)
                svg_format.setProperty(SVG_HEIGHT, height)
                cursor.insertText("\ufffc", svg_format)
                swapped += 1
                break  # the block changed under the iterator: look at it again
            it += 1
        else:
            block = block.next()
    return swapped
