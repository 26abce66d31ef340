"""SVG text to a QImage: the one rasteriser for copied, saved and printed charts."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer


def svg_to_image(svg: str, scale: float = 1.0) -> QImage:
    """Rasterise SVG text at SCALE times its own size, on white."""
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    image = QImage(renderer.defaultSize() * scale, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    """PNG file content of IMAGE (written by the caller, atomically)."""
    device = QBuffer()
    device.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(device, "PNG")  # type: ignore[call-overload]  # the stub says bytes; PySide wants str
    device.close()
    return bytes(device.data().data())
