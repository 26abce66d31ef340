"""A chart on screen: the core SVG drawn by QtSvg, redrawn for the widget's size.

The picture comes from a function ``(width, height) -> SVG text`` in
``core.quote.charts``, so the window, the saved SVG/PNG and the printed quote show
the same drawing. Copy puts a PNG (and the SVG) on the clipboard; Save writes
PNG or SVG.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QSize, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QGuiApplication, QPainter, QPaintEvent, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QFileDialog, QMenu, QSizePolicy, QWidget

from core.errors import ImageCostError
from core.files.atomic import atomic_write_bytes
from gui.shortcuts import assign
from gui.views.plain_text import warn
from gui.views.svg_image import png_bytes, svg_to_image
from gui.views.theme import screen_svg

#: (width, height) -> SVG text; height None is the chart's natural height (what Copy and Save use).
SvgSource = Callable[[int, int | None], str]
#: Where the Save dialog starts: the open document's folder (None: the dialog's own default).
FolderSource = Callable[[], Path | None]
#: Saved and copied PNGs are drawn at this multiple of the on-screen size, sharp in slides and documents.
EXPORT_SCALE = 2
SVG_MIME = "image/svg+xml"


class ChartView(QWidget):
    """Shows one chart; right-click or Ctrl+C to copy, Ctrl+S-like actions to save."""

    def __init__(self, name: str, source: SvgSource | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: Used for the default file name and the accessible name.
        self.name = name
        self._source = source
        self._svg = ""
        self._renderer = QSvgRenderer(self)
        #: The Save dialog starts here (the window sets it to the document's folder).
        self.folder: FolderSource | None = None
        self.setAccessibleName(name)
        self.setMinimumSize(200, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.copy_action = QAction("&Copy Chart", self)
        assign(self.copy_action, "chart.copy")
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(self.copy_to_clipboard)
        self.save_action = QAction("&Save Chart As…", self)
        self.save_action.triggered.connect(self.save_dialog)
        self.addActions([self.copy_action, self.save_action])

    def sizeHint(self) -> QSize:
        return QSize(640, 360)

    def set_source(self, source: SvgSource | None) -> None:
        """Show another chart (None: nothing to show)."""
        self._source = source
        self.refresh()

    def refresh(self) -> None:
        self._svg = self.svg(self.width(), self.height()) if self._source is not None else ""
        # On screen in the palette's colours (a dark theme gets a dark chart); Copy and Save keep paper colours.
        self._renderer.load(QByteArray(screen_svg(self._svg, self.palette()).encode("utf-8")))
        self.copy_action.setEnabled(bool(self._svg))
        self.save_action.setEnabled(bool(self._svg))
        self.update()

    def svg(self, width: int | None = None, height: int | None = None) -> str:
        """The chart as SVG text at the given size (default: as shown)."""
        if self._source is None:
            return ""
        return self._source(max(320, width or self.width()), max(200, height or self.height()))

    def export_svg(self) -> str:
        """The chart at the shown width and its own natural height, for Copy and Save.

        Not the widget's height: a tall window gave an image with the bars in its top third."""
        if self._source is None:
            return ""
        return self._source(max(320, self.width()), None)

    # Qt events ------------------------------------------------------------------
    def resizeEvent(self, event: object) -> None:
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
        if self._svg:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._renderer.render(painter)
        painter.end()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        menu.addActions([self.copy_action, self.save_action])
        menu.exec(event.globalPos())

    # Copy and save ----------------------------------------------------------------
    def copy_to_clipboard(self) -> None:
        """A PNG for documents and chat, and the SVG for apps that take vectors."""
        svg = self.export_svg()
        if not svg:
            return
        # setImage makes the clipboard's own QMimeData; a QMimeData made in Python and handed over
        # crashes PySide at exit (Qt deletes it after the interpreter is gone), so the SVG is added to Qt's.
        clipboard = QGuiApplication.clipboard()
        clipboard.setImage(svg_to_image(svg, EXPORT_SCALE))
        mime = clipboard.mimeData()
        if mime is not None:
            mime.setData(SVG_MIME, QByteArray(svg.encode("utf-8")))

    def save(self, path: Path) -> None:
        """Write PNG or SVG by the suffix; other suffixes raise ImageCostError."""
        svg = self.export_svg()
        suffix = path.suffix.lower()
        if suffix == ".svg":
            atomic_write_bytes(path, svg.encode("utf-8"))
        elif suffix == ".png":
            atomic_write_bytes(path, png_bytes(svg_to_image(svg, EXPORT_SCALE)))
        else:
            raise ImageCostError(f"cannot save a chart as '{suffix or path.name}'", hint="use .png or .svg", path=path)

    def save_dialog(self) -> None:
        default = self.name.lower().replace(" ", "-") + ".png"
        folder = self.folder() if self.folder is not None else None
        if folder is not None:
            default = str(folder / default)
        path, chosen = QFileDialog.getSaveFileName(
            self, "Save Chart", default, "PNG image (*.png);;SVG drawing (*.svg)"
        )
        if not path:
            return
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".svg" if "svg" in chosen.lower() else ".png")
        try:
            self.save(target)
        except ImageCostError as exc:
            warn(self, "Save Chart", str(exc))
