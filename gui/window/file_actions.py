"""The window's file lifecycle: New, Open, Open Recent, Save, Save As, and files dropped on it.

A base class of :class:`gui.window.main_window.MainWindow`, kept apart so that
module is layout and wiring only. Opening a file that cannot be read changes
nothing and says why in the message bar; saving over a file changed on disk
asks first (``gui.safety.disk_guard``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QMenu

# The scenario-file and dialog modules are imported where they are used: the window's first frame
# comes before them (gui/window/main_window.py).
if TYPE_CHECKING:
    from core.errors import ImageCostError
    from core.pricing.catalog import Catalog
    from core.storage.scenario_file import ScenarioFile
    from gui.desktop.settings import AppSettings
    from gui.document.controller import DocumentController
    from gui.document.priced import PricedDocument
    from gui.views.message_bar import MessageBar


def untitled_document(catalog: Catalog) -> ScenarioFile:
    """What New (and the first start) shows: one default scenario."""
    from core.pricing.defaults import default_scenario
    from core.storage.scenario_file import ScenarioFile

    return ScenarioFile(scenarios=[default_scenario(catalog, "Scenario 1")])


class FileWindow(QMainWindow):
    """File actions over the window's document; the subclass sets these attributes first."""

    document: DocumentController
    settings: AppSettings
    message_bar: MessageBar
    priced: PricedDocument
    recent_menu: QMenu
    #: A warning that holds for the whole session (a skipped price sheet), shown again after each open.
    standing_warning: str = ""
    #: The last file error shown in the message bar (for the command line's smoke test).
    last_error: ImageCostError | None = None

    def build_content(self) -> None:
        """Build what the file actions work on (the subclass's document and views), if not built yet."""

    def maybe_save(self) -> bool:
        """True when it is fine to drop the document (saved, discarded, or unchanged)."""
        from gui.views import dialogs

        self.build_content()
        if not self.document.is_modified():
            return True
        answer = dialogs.ask_save_changes(self, self.document.display_name)
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new_document(self) -> None:
        self.build_content()
        if self.maybe_save():
            self.document.replace(untitled_document(self.document.catalog), None)
            self.message_bar.hide()

    def open_dialog(self) -> None:
        from gui.views import dialogs

        if not self.maybe_save():
            return
        path = dialogs.open_file_name(self, self.settings.last_folder())
        if path is not None:
            self.open_path(path, ask=False)

    def open_path(self, path: Path, *, ask: bool = True) -> bool:
        """Open PATH; a file that cannot be read changes nothing and is explained in the window."""
        import html

        from core.errors import ImageCostError

        self.build_content()  # a file handed over by the desktop before the content's turn came
        if ask and not self.maybe_save():
            return False
        try:
            self.document.open(path)
        except ImageCostError as exc:
            self.last_error = exc
            self.message_bar.show_message(
                f"<b>Could not open {html.escape(path.name)}</b> (nothing was changed)<br>{html.escape(str(exc))}"
            )
            if not path.exists():
                self.settings.remove_recent_file(path)
            return False
        notes = self.document.document.load_notes
        parts = [self.standing_warning] if self.standing_warning else []
        if notes:
            text = html.escape(" ".join(notes), quote=False)
            parts.append(f"<b>Opened with changes.</b> {text[:1].upper()}{text[1:]}")
        if parts:  # a skipped price sheet still matters after a file opened: it stays in view
            self.message_bar.show_message("<br>".join(parts), "error" if self.standing_warning else "info")
        else:
            self.message_bar.hide()
        self._remember(path)
        self.statusBar().showMessage(f"Opened {path.name}", 5000)
        return True

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        from core.storage.scenario_file import NEW_FILE_SUFFIX
        from gui.views import dialogs

        current = self.document.path
        name = f"{self.document.quote.title or 'Scenarios'}{NEW_FILE_SUFFIX}"
        suggested = current or self.settings.last_folder() / name
        path = dialogs.save_file_name(self, suggested)
        return self._save_to(path) if path is not None else False

    def _save_to(self, path: Path) -> bool:
        import html

        from core.errors import ImageCostError
        from gui.safety import disk_guard

        if self.document.changed_on_disk(path):
            answer = disk_guard.ask_changed_on_disk(self, path.name)
            if answer == "save_as":
                return self.save_as()
            if answer == "reload":
                self.open_path(path, ask=False)
                return False
            if answer == "cancel":
                return False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.document.save(path, estimates=self.priced.row_estimates())
        except (ImageCostError, OSError) as exc:
            self.last_error = exc if isinstance(exc, ImageCostError) else ImageCostError(str(exc), path=path)
            self.message_bar.show_message(f"<b>Could not save {html.escape(path.name)}</b><br>{html.escape(str(exc))}")
            return False
        self.message_bar.hide()
        self._remember(path)
        self.statusBar().showMessage(f"Saved {path.name}", 5000)
        return True

    def _remember(self, path: Path) -> None:
        self.settings.add_recent_file(path)
        self.settings.set_last_folder(path.resolve().parent)

    def _fill_recent_menu(self) -> None:
        from gui.views.plain_text import as_text

        self.recent_menu.clear()
        files = self.settings.recent_files()
        for number, path in enumerate(files, start=1):
            # A name is text: its '&' is no mnemonic, its markup no tooltip markup.
            act = self.recent_menu.addAction(f"&{number} {path.name.replace('&', '&&')}")
            act.setStatusTip(str(path))
            act.setToolTip(as_text(str(path)))
            act.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if not files:
            empty = self.recent_menu.addAction("No recent files")
            empty.setEnabled(False)
        self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction("&Clear Menu")
        clear.setEnabled(bool(files))
        clear.triggered.connect(self.settings.clear_recent_files)

    # -- drag and drop -----------------------------------------------------------
    @staticmethod
    def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
        from core.storage.scenario_file import SUFFIXES

        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        for url in urls:
            if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in SUFFIXES:
                return Path(url.toLocalFile())
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from PySide6.QtCore import Qt

        # Copy only, never the source's proposed Move: a source that honours Move deletes the file.
        if self._dropped_file(event) is not None and event.possibleActions() & Qt.DropAction.CopyAction:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        from PySide6.QtCore import Qt

        path = self._dropped_file(event)
        if path is None or not event.possibleActions() & Qt.DropAction.CopyAction:
            event.ignore()
            return
        if self.open_path(path):  # accepted (as a copy) only once the file is really open
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()  # cancelled (unsaved changes kept) or unreadable: the source keeps its file as it was
