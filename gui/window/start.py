"""The window as the app starts it: its frame at once, then the content, the file and the safety net.

``WindowStart`` shows the main window's frame (gui/window/main_window.py) with
nothing but Qt imported, so the first frame comes about as soon as a bare
window's. Right after that frame the window builds its content on the person's
price sheets (the bundled ones plus their own, broken ones skipped with a
warning), and then, in the same turn of the event loop so that no frame shows
anything in between, this turns on the safety net (autosave, crash recovery,
the exception dialog) and opens the file from the command line. ``ready`` says
when every figure of the window is real. ``open_main_window`` does the same at
once, for callers that want the window complete when it returns.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from gui.window.main_window import MainWindow

if TYPE_CHECKING:
    from core.errors import PriceSheetError
    from core.pricing.catalog import Catalog
    from gui.window.safety_net import SafetyNet


class WindowStart(QObject):
    """Starts the main window in steps and owns what it turned on (the safety net)."""

    #: The content is built, the safety net on and the file (if any) opened: every figure is real.
    ready = Signal()

    def __init__(self, file: Path | None = None, *, offer_restore: bool = True) -> None:
        super().__init__()
        self.file = file
        self.offer_restore = offer_restore
        self.safety: SafetyNet | None = None
        self._warnings: tuple[PriceSheetError, ...] = ()
        self.window = MainWindow(catalog=self._person_catalog, deferred=True)
        self.setParent(self.window)
        self.window.contentBuilt.connect(self._on_content_built)

    def _person_catalog(self) -> Catalog:
        from core.pricing.user_sheets import load_catalog

        prices = load_catalog()  # bundled sheets plus the person's own; broken ones skipped with a warning
        self._warnings = prices.warnings
        return prices.catalog

    def _on_content_built(self) -> None:
        from gui.window.safety_net import SafetyNet, sheet_warning_html

        window = self.window
        if self._warnings:
            window.standing_warning = sheet_warning_html(self._warnings)
            window.message_bar.show_message(window.standing_warning)
        self.safety = SafetyNet(window)
        self.safety.start(offer_restore=self.offer_restore)
        if self.file is not None:
            window.open_path(self.file, ask=False)
        self.ready.emit()

    def shutdown(self) -> None:
        """A clean end: this session's autosave is no longer needed."""
        if self.safety is not None:
            self.safety.shutdown()


def open_main_window(*, offer_restore: bool = True) -> tuple[MainWindow, SafetyNet]:
    """The window as the app starts it, shown and complete: the person's price sheets, warnings, safety net."""
    start = WindowStart(offer_restore=offer_restore)
    start.window.show()
    start.window.build_content()
    assert start.safety is not None
    return start.window, start.safety
