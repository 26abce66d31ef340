"""Windows and dialogs open within the screen they are on, never with their bottom out of reach.

A 1280x800 window on a 1280x800 screen (under a title bar and a panel) put the
status bar off-screen, and the 900x1000 Print Preview reached past an 800-pixel
screen. :func:`fit_size` caps a wanted size to the available geometry (what the
panels and docks leave) less a margin for the window frame; :func:`fits`
tells whether a restored geometry still lies on a screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

#: Room left for the window manager's frame and title bar, in device-independent pixels.
FRAME_MARGIN = QSize(16, 48)


def _screen(widget: QWidget) -> QScreen | None:
    return widget.screen() or QGuiApplication.primaryScreen()


def fit_size(widget: QWidget, wanted: QSize) -> QSize:
    """WANTED, made smaller where the screen's available area (less the frame) is smaller."""
    screen = _screen(widget)
    if screen is None:
        return wanted
    room = screen.availableGeometry().size() - FRAME_MARGIN
    return wanted.boundedTo(room).expandedTo(widget.minimumSize())


def open_within_screen(widget: QWidget, width: int, height: int) -> None:
    """Size WIDGET to WIDTH x HEIGHT or what fits, and centre it on its screen's available area."""
    size = fit_size(widget, QSize(width, height))
    widget.resize(size)
    screen = _screen(widget)
    if screen is not None:
        area = screen.availableGeometry()
        frame = QRect(0, 0, size.width(), size.height() + FRAME_MARGIN.height() // 2)
        frame.moveCenter(area.center())
        widget.move(max(area.left(), frame.left()), max(area.top(), frame.top()))


def fits(widget: QWidget) -> bool:
    """Whether WIDGET, with room for its frame, lies wholly within one screen's available area.

    Checked after a restore and before the window is shown, when Qt knows no frame yet (Qt's own
    restore only pulls a window back onto a screen, frame and status bar possibly out of reach).
    """
    geometry = widget.geometry()
    for screen in QGuiApplication.screens():
        area = screen.availableGeometry()
        room = area.size() - FRAME_MARGIN
        if area.contains(geometry) and geometry.width() <= room.width() and geometry.height() <= room.height():
            return True
    return False
