"""Everything that keeps the person's work safe, attached to a main window in one call.

``SafetyNet(window).start()`` turns on autosave (every 30 s while there are
unsaved changes), installs the unexpected-exception dialog, offers to restore
work left by a crashed session, and shows warnings about skipped user price
sheets. ``shutdown()`` (a clean quit) removes this session's autosave.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QObject

from core.errors import ImageCostError, PriceSheetError
from gui.safety import recovery
from gui.safety.crash import ExceptionHook
from gui.safety.recovery import Autosaver, Snapshot
from gui.window.main_window import MainWindow


class SafetyNet(QObject):
    """Autosave, crash recovery and the exception dialog for WINDOW."""

    def __init__(
        self, window: MainWindow, folder: Path | None = None, *, interval_ms: int = recovery.INTERVAL_MS
    ) -> None:
        super().__init__(window)
        self.window = window
        self.autosaver = Autosaver(self._snapshot, folder, interval_ms=interval_ms, parent=self)
        self.hook = ExceptionHook(window, window.document, self.autosaver)
        doc = window.document
        doc.documentChanged.connect(self.autosaver.note_change)
        doc.modifiedChanged.connect(self._on_modified)
        self.autosaver.failed.connect(
            lambda text: window.message_bar.show_message(f"<b>Autosave</b>: {html.escape(text, quote=False)}")
        )

    def start(self, *, offer_restore: bool = True) -> None:
        self.autosaver.start()
        self.hook.install()
        if offer_restore:
            self.offer_restore()

    def shutdown(self) -> None:
        """A clean quit: nothing left to recover."""
        self.autosaver.stop()
        self.hook.uninstall()

    def _snapshot(self) -> Snapshot | None:
        doc = self.window.document
        if not doc.is_modified():
            return None
        copy = doc.document.model_copy(update={"scenarios": list(doc.document.scenarios)})
        return Snapshot(copy, doc.path, doc.disk_state)

    def _on_modified(self, modified: bool) -> None:
        if not modified:  # saved (or undone back to the saved state): the autosave is obsolete
            self.autosaver.clear()

    def offer_restore(self) -> bool:
        """Offer the newest crashed session's work; True if it was restored into the window."""
        recovery.remove_stale_locks(self.autosaver.folder)
        set_aside: list[str] = []
        orphans = recovery.find_orphans(self.autosaver.folder, set_aside=set_aside)
        if set_aside:
            self.window.message_bar.show_message(
                "<b>An autosave could not be read and was set aside</b> (kept, not offered again)<br>"
                + "<br>".join(html.escape(note, quote=False) for note in set_aside)
            )
        if not orphans:
            return False
        newest, rest = orphans[0], orphans[1:]
        for other in rest:  # offered at a later start
            other.release()
        answer = recovery.ask_restore(self.window, newest.record, len(orphans))
        if answer == "later":
            newest.release()
            return False
        if answer == "discard":
            newest.remove()
            return False
        try:
            document = recovery.load_record(newest.record, self.window.document.catalog)
        except ImageCostError as exc:
            newest.release()
            self.window.message_bar.show_message(
                f"<b>Could not restore the autosaved work</b> (it is kept in {html.escape(str(newest.record.path))})"
                f"<br>{html.escape(str(exc))}"
            )
            return False
        original = newest.record.original
        # A record from before paths were kept absolute names a file relative to a folder we cannot
        # know; a file deleted or moved since cannot be saved over. Either way Save asks where.
        gone = original is not None and (not original.is_absolute() or not original.exists())
        self.window.document.replace(
            document, None if gone else original, modified=True, disk_state=None if gone else newest.record.disk_state
        )
        if self.autosaver.save_now(force=True):  # the work is safe in this session's record first...
            newest.remove()  # ...then the old record goes
        else:
            newest.release()
        where = (
            f" Its file {html.escape(str(original), quote=False)} is no longer there: Save asks where to keep it."
            if gone
            else ""
        )
        self.window.message_bar.show_message(
            f"<b>Restored unsaved work</b> ({html.escape(newest.record.describe(), quote=False)}). "
            f"Save it to keep it.{where}",
            "info",
        )
        return True


def sheet_warning_html(warnings: tuple[PriceSheetError, ...]) -> str:
    """The message bar text for user price sheets that were skipped."""
    items = "<br>".join(html.escape(str(warning), quote=False) for warning in warnings)
    count = "One of your price sheets was" if len(warnings) == 1 else f"{len(warnings)} of your price sheets were"
    return f"<b>{count} skipped</b>; the bundled and your other prices are used.<br>{items}"
