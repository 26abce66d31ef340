"""Autosave of unsaved work, and the offer to restore it after a crash or a kill.

Every 30 seconds, if the document has changes that are not saved and not yet
autosaved, :class:`Autosaver` writes them to this window's record in the
state folder (``core.storage.autosave``, an atomic write). Saving the document or
closing the window cleanly removes the record; a crash or a kill leaves it.

Each running window holds a ``QLockFile`` beside its record, so the next start
can tell a crashed session's record (lock stale: its process is gone) from one
of another window still running (lock held), and offers only the former.

Restoring loads the record's text into the window as modified, on the original
path, with the original file's state on disk, so Save still warns if that
file changed meanwhile. The recovered record is deleted only after this
window's own autosave holds the work, so a second crash loses nothing either.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from core.errors import ImageCostError
from core.files import paths
from core.files.disk_state import DiskState
from core.pricing.catalog import Catalog
from core.pricing.engine import check_scenario
from core.storage import autosave, scenario_file
from core.storage.scenario_file import ScenarioFile
from gui.views.plain_text import as_text

INTERVAL_MS = 30_000
RestoreAnswer = Literal["restore", "discard", "later"]


@dataclass(frozen=True)
class Snapshot:
    """What to autosave: a copy of the document (its scenario list copied) and where the work came from.

    Taking it is cheap; turning it into text (about a second for 10,000
    scenarios) happens on a worker thread, so autosave never freezes the window.
    The document's scenarios and quote are replaced on edit, never changed in
    place (gui.document.controller), so the copy stays as it was while it is written.
    """

    document: ScenarioFile
    original: Path | None
    disk_state: DiskState | None


def _lock_path(record: Path) -> Path:
    return record.with_suffix(".lock")


class Autosaver(QObject):
    """Writes SNAPSHOT() to this session's record every INTERVAL_MS while there are unsaved changes.

    SNAPSHOT returns None when nothing is unsaved (the record is then removed).
    Call :meth:`note_change` when the document changes; :meth:`clear` after a
    save or a clean close. The timer writes on a worker thread; :meth:`save_now`
    writes at once (before an error dialog, after a restore).
    """

    #: An autosave could not be written (e.g. the disk is full): the message, shown once per problem.
    failed = Signal(str)
    #: A record was written (its path).
    saved = Signal(object)
    _written = Signal(int, str)  # from the worker: generation, error ('' when written)

    def __init__(
        self,
        snapshot: Callable[[], Snapshot | None],
        folder: Path | None = None,
        *,
        interval_ms: int = INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._snapshot = snapshot
        self.folder = folder or paths.autosave_dir()
        self.session_id = autosave.new_session_id()
        self.record = autosave.record_path(self.folder, self.session_id)
        self._lock: QLockFile | None = None
        self._pending = False
        self._last_error = ""
        #: Bumped by clear(): a background write of an older generation is removed when it lands.
        self._generation = 0
        self._worker: threading.Thread | None = None
        self._write_lock = threading.Lock()
        self._written.connect(self._on_written)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_in_background)

    def start(self) -> None:
        """Take this session's lock and start the timer."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.failed.emit(f"Autosave is off: cannot create {self.folder} ({exc.strerror or exc}).")
            return
        self._lock = QLockFile(str(_lock_path(self.record)))
        self._lock.setStaleLockTime(0)  # stale only when the owning process is gone, never by age
        self._lock.tryLock(0)
        self.timer.start()

    def note_change(self, *_args: object) -> None:
        """The document changed: autosave it at the next tick."""
        self._pending = True

    def _take(self, force: bool) -> Snapshot | None:
        if not (self._pending or force):
            return None
        try:
            snap = self._snapshot()
        except Exception as exc:  # a broken document must not stop autosave
            self._report(f"Autosave failed: {exc}")
            return None
        if snap is None:
            self.clear()
        return snap

    def _write(self, snap: Snapshot) -> None:
        text = scenario_file.dumps(snap.document)
        with self._write_lock:  # one write at a time: the timer's and save_now's never interleave
            autosave.write_record(
                self.folder, self.session_id, text, original=snap.original, disk_state=snap.disk_state
            )

    def save_now(self, *, force: bool = False) -> bool:
        """Write the record now (on this thread) if there are unsaved, not yet autosaved changes; True if written."""
        snap = self._take(force)
        if snap is None:
            return False
        self._pending = False
        try:
            self._write(snap)
        except (ImageCostError, OSError, ValueError) as exc:
            self._pending = True
            self._report(f"Autosave failed: {exc}")
            return False
        self._last_error = ""
        self.saved.emit(self.record)
        return True

    def save_in_background(self) -> None:
        """The timer's autosave: take a snapshot here, write it on a worker thread."""
        if self._worker is not None and self._worker.is_alive():
            return  # still writing the previous one; the change stays pending for the next tick
        snap = self._take(False)
        if snap is None:
            return
        self._pending = False
        generation = self._generation

        def work() -> None:
            try:
                self._write(snap)
            except Exception as exc:  # reported in the window; the change is retried at the next tick
                self._written.emit(generation, str(exc) or type(exc).__name__)
            else:
                self._written.emit(generation, "")

        self._worker = threading.Thread(target=work, name="autosave", daemon=True)
        self._worker.start()

    def _on_written(self, generation: int, error: str) -> None:
        if generation != self._generation:  # saved or closed meanwhile: this record is obsolete
            self._remove_record()
            return
        if error:
            self._pending = True
            self._report(f"Autosave failed: {error}")
            return
        self._last_error = ""
        self.saved.emit(self.record)

    def wait(self, timeout: float = 30.0) -> None:
        """Let a background write finish (before a clean quit removes the record)."""
        if self._worker is not None:
            self._worker.join(timeout)

    def clear(self) -> None:
        """Nothing is unsaved (saved, discarded, or closed cleanly): remove the record."""
        self._pending = False
        self._generation += 1
        self._remove_record()

    def _remove_record(self) -> None:
        try:
            with self._write_lock:
                autosave.remove_record(self.record)
        except OSError as exc:
            self._report(f"Cannot remove the autosave {self.record}: {exc.strerror or exc}")

    def stop(self) -> None:
        """A clean close: remove the record and release the lock."""
        self.timer.stop()
        self.wait()
        self.clear()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def _report(self, message: str) -> None:
        if message != self._last_error:
            self._last_error = message
            self.failed.emit(message)


@dataclass
class Orphan:
    """A crashed session's record, locked by this process while it is offered."""

    record: autosave.AutosaveRecord
    lock: QLockFile

    def release(self) -> None:
        self.lock.unlock()

    def remove(self) -> None:
        autosave.remove_record(self.record.path)
        self.lock.unlock()  # also deletes the lock file


def remove_stale_locks(folder: Path | None = None) -> int:
    """Delete the lock files of sessions that are gone and left no record; how many were removed.

    A session writes its record only while it has unsaved changes, so one that
    crashed (or got SIGTERM) with nothing unsaved leaves just its lock. A lock
    another window still holds is left alone; one beside a record is the
    record's, handled by :func:`find_orphans`.
    """
    folder = folder or paths.autosave_dir()
    removed = 0
    for lock_file in sorted(folder.glob(f"{autosave.PREFIX}*.lock")):
        if lock_file.with_suffix(".json").exists():
            continue
        lock = QLockFile(str(lock_file))
        lock.setStaleLockTime(0)  # stale only when the owning process is gone
        if lock.tryLock(0):
            lock.unlock()  # unlocking deletes the file
            removed += 1
    return removed


def find_orphans(folder: Path | None = None, *, set_aside: list[str] | None = None) -> list[Orphan]:
    """Records whose session is gone (lock stale or missing), newest first.

    One that cannot be read is renamed out of the way (core.storage.autosave.set_aside) and kept;
    what happened to it is added to SET_ASIDE, for the window to say.
    """
    folder = folder or paths.autosave_dir()
    orphans: list[Orphan] = []
    for path in reversed(autosave.record_files(folder)):
        lock = QLockFile(str(_lock_path(path)))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            continue  # another window is alive and owns it
        try:
            record = autosave.read_record(path)
        except ImageCostError as exc:
            lock.unlock()
            _set_aside(path, exc, set_aside)
            continue
        orphans.append(Orphan(record, lock))
    return orphans


def _set_aside(path: Path, error: ImageCostError, notes: list[str] | None) -> None:
    try:
        kept = autosave.set_aside(path)
    except OSError as exc:
        kept = path
        detail = f"{error.message}; it could not be moved aside ({exc.strerror or exc})"
    else:
        detail = error.message
    _lock_path(path).unlink(missing_ok=True)
    if notes is not None:
        notes.append(f"{kept}: {detail}")


def ask_restore(parent: QWidget | None, record: autosave.AutosaveRecord, count: int) -> RestoreAnswer:
    """Restore / Discard / Not now, for the unsaved work of a session that ended unexpectedly."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Restore unsaved work?")
    box.setText("Image Cost Calculator closed without saving your last changes.")
    more = f"\n\n{count - 1} more autosaved document(s) will be offered next time." if count > 1 else ""
    box.setInformativeText(as_text(f"Restore them? ({record.describe()}){more}"))
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Not Now", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    clicked = box.clickedButton()
    if clicked is restore:
        return "restore"
    if clicked is discard:
        return "discard"
    return "later"


def load_record(record: autosave.AutosaveRecord, catalog: Catalog) -> ScenarioFile:
    """The record's document, checked like any file; ScenarioFileError if it no longer loads."""
    return scenario_file.loads(
        record.text, path=record.original or Path("autosave.yaml"), check=partial(check_scenario, catalog=catalog)
    )
