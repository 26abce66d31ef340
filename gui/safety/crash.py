"""Unexpected exceptions: a dialog with the details and a way to save the work; the window stays open.

:class:`ExceptionHook` replaces ``sys.excepthook`` (PySide6 reports exceptions
raised in slots and event handlers there). On an exception it first autosaves
the document (so the work is safe even if the person just clicks on), writes
the traceback to a log in the state folder, then shows :class:`ExceptionDialog`.
While that dialog is open, further exceptions are only logged and counted, so a
failing paint event cannot pile up dialogs. "Save a Copy..." writes the
document to a new file atomically (all of it or nothing), leaving the
document's own file alone.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from core.errors import ImageCostError
from core.files import paths
from core.files.atomic import atomic_write_text
from core.storage import scenario_file
from gui.document.controller import DocumentController
from gui.safety.recovery import Autosaver
from gui.views import dialogs
from gui.views.plain_text import esc

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class ExceptionDialog(QDialog):
    """'Something went wrong', the details, Save a Copy..., Copy Details and Continue."""

    def __init__(self, summary: str, details: str, save_copy: Callable[[], str] | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Something went wrong")
        self.setModal(True)
        self.details = details
        self._save_copy = save_copy
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(40, 40))
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        text = QLabel(
            f"<b>An unexpected error happened:</b> {esc(summary)}<br><br>"
            "Your work is still open in the window and has been autosaved. "
            "You can keep working, or save a copy to be safe. "
            "If it happens again, please send the details below to support."
        )
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(text, 1)
        layout.addLayout(top)
        self.details_view = QPlainTextEdit(details)
        self.details_view.setReadOnly(True)
        self.details_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details_view.setAccessibleName("Error details")
        self.details_view.setMinimumHeight(160)
        layout.addWidget(self.details_view, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.save_button = QPushButton("Save a Copy...")
        self.save_button.setEnabled(save_copy is not None)
        self.save_button.clicked.connect(self.save_copy)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button = QPushButton("Copy Details")
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.continue_button = QPushButton("Continue")
        self.continue_button.setDefault(True)
        self.continue_button.clicked.connect(self.accept)
        buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def save_copy(self) -> None:
        if self._save_copy is None:
            return
        self.status.setText(self._save_copy())
        self.status.show()

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.status.setText("The details are on the clipboard.")
        self.status.show()


def show_dialog(dialog: ExceptionDialog) -> None:
    """Run the dialog (tests patch this)."""
    dialog.exec()


class ExceptionHook:
    """``sys.excepthook`` for the window: autosave, log, explain, carry on."""

    def __init__(
        self,
        parent: QWidget | None,
        document: DocumentController | None,
        autosaver: Autosaver | None = None,
        log_folder: Path | None = None,
    ) -> None:
        self.parent = parent
        self.document = document
        self.autosaver = autosaver
        self.log_folder = log_folder or paths.state_dir() / "crash-logs"
        self.showing = False
        self.suppressed = 0
        self.last_log: Path | None = None
        self._previous: Callable[..., object] | None = None

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self and self._previous is not None:
            sys.excepthook = self._previous

    def __call__(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            (self._previous or sys.__excepthook__)(kind, exc, tb)
            return
        details = "".join(traceback.format_exception(kind, exc, tb))
        sys.stderr.write(details)
        self._log(details)
        if self.showing:  # one dialog at a time; the rest is in the log
            self.suppressed += 1
            return
        self.showing = True
        try:
            if self.autosaver is not None:
                self.autosaver.save_now(force=True)
            summary = f"{kind.__name__}: {exc}" if str(exc) else kind.__name__
            save = self._save_copy if self.document is not None else None
            show_dialog(ExceptionDialog(summary[:300], details, save, self.parent))
        except Exception:  # the hook must never raise
            sys.stderr.write("the error dialog itself failed:\n" + traceback.format_exc())
        finally:
            self.showing = False

    def _log(self, details: str) -> None:
        try:
            self.log_folder.mkdir(parents=True, exist_ok=True)
            path = self.log_folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}.txt"
            with path.open("a", encoding="utf-8") as handle:
                handle.write(details + "\n")
            self.last_log = path
        except OSError:
            pass  # logging is a nicety; the dialog and stderr still carry the details

    def _save_copy(self) -> str:
        """Ask where, then write the document there in full or not at all; returns what happened."""
        assert self.document is not None
        folder = self.document.path.parent if self.document.path else paths.documents_dir()
        suggested = folder / f"{Path(self.document.display_name).stem} (recovered).yaml"
        target = dialogs.save_file_name(self.parent or QWidget(), suggested)
        if target is None:
            return "Not saved."
        try:
            text = scenario_file.dumps(self.document.document)
            atomic_write_text(target, text, backup=True)
        except (ImageCostError, OSError, ValueError) as exc:
            return f"Could not save a copy: {exc}. Your work is still in the window and in the autosave."
        return f"Saved a copy to {target}."
