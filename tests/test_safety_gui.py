"""The window keeps work safe: autosave and restore after a real kill, changed-on-disk, the exception dialog.

Every dialog is patched, so nothing waits for a person.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from core.files import paths
from core.storage import autosave, scenario_file
from core.storage.scenario_file import ScenarioFile
from gui.safety import crash, disk_guard, recovery
from gui.safety.crash import ExceptionDialog
from gui.views import dialogs
from gui.window.main_window import MainWindow
from gui.window.safety_net import SafetyNet
from gui.window.start import open_main_window
from tests.conftest import EXAMPLES, REPO

EXAMPLE = EXAMPLES / "example.yaml"


@pytest.fixture(autouse=True)
def _discard_on_close(monkeypatch: pytest.MonkeyPatch) -> None:
    # Windows closed at teardown with unsaved work must not wait for an answer.
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _parent, _name: "discard")


@pytest.fixture
def net(window: MainWindow, tmp_path: Path) -> Iterator[SafetyNet]:
    safety = SafetyNet(window, tmp_path / "autosave", interval_ms=50)
    safety.start(offer_restore=False)
    yield safety
    safety.shutdown()


def _rename_first(window: MainWindow, name: str) -> None:
    window.document.rename(0, name)


# --- autosave -----------------------------------------------------------------------------------


def test_unsaved_work_is_autosaved_on_the_timer_and_removed_once_saved(
    qtbot: QtBot, window: MainWindow, net: SafetyNet, tmp_path: Path
) -> None:
    record = net.autosaver.record
    assert not record.exists()  # nothing unsaved yet
    _rename_first(window, "Autosaved work")
    qtbot.waitUntil(record.exists, timeout=5000)
    saved = autosave.read_record(record)
    assert scenario_file.loads(saved.text) == window.document.document
    assert saved.original is None
    window._save_to(tmp_path / "team.yaml")
    assert not window.document.is_modified() and not record.exists()


def test_autosave_follows_every_change_and_writes_nothing_when_nothing_changed(
    window: MainWindow, net: SafetyNet
) -> None:
    _rename_first(window, "First")
    assert net.autosaver.save_now()
    assert not net.autosaver.save_now()  # no change since: no write
    window.add_scenario()
    assert net.autosaver.save_now()
    assert len(scenario_file.loads(autosave.read_record(net.autosaver.record).text).scenarios) == 2


def test_a_full_disk_during_autosave_is_shown_once_and_the_work_stays(
    window: MainWindow, net: SafetyNet, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    def full(*_args: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    _rename_first(window, "Big edit")
    with monkeypatch.context() as patch:
        patch.setattr(os, "write", full)
        assert not net.autosaver.save_now()
        assert "Autosave failed" in window.message_bar.text() and "disk is full" in window.message_bar.text()
        window.message_bar.hide()
        assert not net.autosaver.save_now(force=True)
        assert not window.message_bar.isVisible()  # the same problem is not shown again
    assert net.autosaver.save_now(force=True)
    assert window.document.scenario(0).name == "Big edit"


def test_a_background_autosave_that_lands_after_a_save_is_removed(
    qtbot: QtBot, window: MainWindow, net: SafetyNet, tmp_path: Path
) -> None:
    net.autosaver.timer.stop()
    _rename_first(window, "Edited")
    net.autosaver.save_in_background()  # the timer's path: written on a worker thread
    window._save_to(tmp_path / "team.yaml")  # saved before (or while) that write lands
    net.autosaver.wait()
    qtbot.waitUntil(lambda: not net.autosaver.record.exists(), timeout=5000)
    qtbot.wait(50)  # the worker's 'written' signal has been handled
    assert not net.autosaver.record.exists()


_CRASHING_SESSION = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from gui.window.main_window import MainWindow
from gui.window.safety_net import SafetyNet
app = QApplication([])
window = MainWindow()
safety = SafetyNet(window, Path(sys.argv[1]), interval_ms=50)
safety.start(offer_restore=False)
window.document.open(Path(sys.argv[2]))
window.document.rename(0, "Work that must survive")
window.add_scenario()
safety.autosaver.saved.connect(lambda _path: print("autosaved", flush=True))
app.exec()
"""


def _kill_when_it_says(script: str, line: str, *args: Path, cwd: Path | None = None) -> None:
    """Run SCRIPT (a real window) in another process started in CWD; SIGKILL it once it prints LINE."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)], stdout=subprocess.PIPE, env=env, text=True, cwd=cwd
    )
    assert child.stdout is not None
    try:
        assert child.stdout.readline() == line + "\n"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()


def _crash_a_session(folder: Path, opened: Path, cwd: Path | None = None) -> None:
    """Run a real window in another process (started in CWD), let it autosave, then SIGKILL it."""
    _kill_when_it_says(_CRASHING_SESSION, "autosaved", folder, opened, cwd=cwd)


def _crash_a_session_on_the_example(tmp_path: Path) -> tuple[Path, Path]:
    """Crash a session that opened a copy of the example as team.yaml: (its autosave folder, the copy)."""
    folder = tmp_path / "autosave"
    opened = tmp_path / "team.yaml"
    opened.write_text(EXAMPLE.read_text())
    _crash_a_session(folder, opened)
    return folder, opened


_IDLE_SESSION = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from gui.window.main_window import MainWindow
from gui.window.safety_net import SafetyNet
app = QApplication([])
window = MainWindow()
safety = SafetyNet(window, Path(sys.argv[1]), interval_ms=50)
safety.start(offer_restore=False)
print("up", flush=True)
app.exec()
"""


def test_a_killed_session_with_nothing_unsaved_leaves_no_lock_after_the_next_start(
    window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "autosave"
    _kill_when_it_says(_IDLE_SESSION, "up", folder)
    (stale,) = folder.glob("session-*.lock")

    safety = SafetyNet(window, folder, interval_ms=50)
    safety.start()  # the next start: offers nothing (there was no unsaved work) and sweeps the lock
    try:
        assert not stale.exists()
        own = safety.autosaver.record.with_suffix(".lock").name  # this live session's lock stays
        assert [lock.name for lock in folder.glob("session-*.lock")] == [own]
    finally:
        safety.shutdown()


def test_after_a_kill_the_next_start_offers_the_work_back_and_loses_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, opened = _crash_a_session_on_the_example(tmp_path)
    (crashed,) = autosave.record_files(folder)
    asked: list[str] = []

    def ask(_parent: object, record: autosave.AutosaveRecord, count: int) -> recovery.RestoreAnswer:
        asked.append(record.describe())
        return "restore"

    monkeypatch.setattr(recovery, "ask_restore", ask)
    window = MainWindow()
    qtbot.addWidget(window)
    safety = SafetyNet(window, folder, interval_ms=60_000)
    safety.start()
    try:
        assert asked and asked[0].startswith("team.yaml, autosaved")
        names = [s.name for s in window.document.scenarios]
        assert names[0] == "Work that must survive" and len(names) == 4
        assert window.document.is_modified() and window.document.path == opened
        assert "Restored unsaved work" in window.message_bar.text()
        assert not crashed.exists()  # the old record went only after this session's record held the work
        assert autosave.read_record(safety.autosaver.record).text == scenario_file.dumps(window.document.document)
        assert opened.read_text() == EXAMPLE.read_text()  # restoring writes nothing to the file itself
    finally:
        safety.shutdown()


def _restore_into_new_window(
    qtbot: QtBot, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[MainWindow, SafetyNet]:
    monkeypatch.setattr(recovery, "ask_restore", lambda _parent, _record, _count: "restore")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()  # its shortcuts (Ctrl+S) work in the active window, as on a desktop
    assert QTest.qWaitForWindowActive(window)
    safety = SafetyNet(window, folder, interval_ms=60_000)
    safety.start()
    return window, safety


def test_work_opened_by_a_relative_path_is_saved_to_that_file_after_a_restore_elsewhere(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `imagecost work/example.yaml` from one folder, killed; the next start is from another folder.
    (tmp_path / "work").mkdir()
    original = tmp_path / "work" / "example.yaml"
    original.write_text(EXAMPLE.read_text())
    folder = tmp_path / "autosave"
    _crash_a_session(folder, Path("work/example.yaml"), cwd=tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)

    window, safety = _restore_into_new_window(qtbot, folder, monkeypatch)
    try:
        assert window.document.path == original
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert "Work that must survive" in original.read_text()
        assert not (elsewhere / "work").exists()  # no stray copy under the new folder
        assert window.settings.recent_files()[0] == original
    finally:
        safety.shutdown()


def test_restored_work_whose_file_is_gone_asks_where_to_save(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, opened = _crash_a_session_on_the_example(tmp_path)
    opened.unlink()  # deleted (or moved) before the next start
    asked: list[Path] = []
    monkeypatch.setattr(dialogs, "save_file_name", lambda _parent, suggested: asked.append(suggested))

    window, safety = _restore_into_new_window(qtbot, folder, monkeypatch)
    try:
        assert window.document.path is None
        assert "Its file " + str(opened) + " is no longer there: Save asks where to keep it." in (
            window.message_bar.text()
        )
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert len(asked) == 1 and not opened.exists()
    finally:
        safety.shutdown()


def test_a_live_window_s_autosave_is_not_offered(window: MainWindow, net: SafetyNet, tmp_path: Path) -> None:
    _rename_first(window, "Still open elsewhere")
    assert net.autosaver.save_now()
    assert recovery.find_orphans(net.autosaver.folder) == []


@pytest.mark.parametrize("answer", ["discard", "later"])
def test_discard_removes_and_not_now_keeps_the_autosave(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: recovery.RestoreAnswer
) -> None:
    folder = tmp_path / "autosave"
    text = EXAMPLE.read_text()
    record = autosave.write_record(folder, "20260101-000000-1-000001", text, original=None, disk_state=None)
    monkeypatch.setattr(recovery, "ask_restore", lambda *_args: answer)
    window = MainWindow()
    qtbot.addWidget(window)
    safety = SafetyNet(window, folder)
    safety.start()
    try:
        assert record.exists() == (answer == "later")
        assert window.document.scenarios[0].name == "Scenario 1"  # nothing restored
    finally:
        safety.shutdown()


def test_an_autosave_that_no_longer_loads_is_kept_and_explained(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "autosave"
    text = EXAMPLE.read_text().replace("gpt-image-1-mini", "my-negotiated-model")  # its user sheet is gone
    record = autosave.write_record(folder, "20260101-000000-1-000002", text, original=None, disk_state=None)
    monkeypatch.setattr(recovery, "ask_restore", lambda *_args: "restore")
    window = MainWindow()
    qtbot.addWidget(window)
    safety = SafetyNet(window, folder)
    safety.start()
    try:
        assert record.exists()
        assert "Could not restore" in window.message_bar.text() and "my-negotiated-model" in window.message_bar.text()
    finally:
        safety.shutdown()


# --- changed on disk --------------------------------------------------------------------------------


@pytest.fixture
def edited(window: MainWindow, tmp_path: Path) -> Path:
    path = tmp_path / "team.yaml"
    path.write_text(EXAMPLE.read_text())
    assert window.open_path(path, ask=False)
    _rename_first(window, "My edit")
    return path


COLLEAGUE = EXAMPLE.read_text().replace("Onboarding thumbnails", "Colleague's edit")


@pytest.mark.parametrize("answer", ["cancel", "overwrite", "reload", "save_as"])
def test_saving_over_a_file_changed_on_disk_asks_first(
    window: MainWindow, edited: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str
) -> None:
    edited.write_text(COLLEAGUE)
    asked: list[str] = []
    monkeypatch.setattr(disk_guard, "ask_changed_on_disk", lambda _parent, name: asked.append(name) or answer)
    elsewhere = tmp_path / "mine.yaml"
    monkeypatch.setattr(dialogs, "save_file_name", lambda _parent, _suggested: elsewhere)
    saved = window.save()
    assert asked == ["team.yaml"]
    if answer == "cancel":
        assert not saved and edited.read_text() == COLLEAGUE and window.document.is_modified()
    elif answer == "overwrite":
        assert saved and scenario_file.load(edited).scenarios[0].name == "My edit"
        assert (tmp_path / "team.yaml.bak").read_text() == COLLEAGUE
    elif answer == "reload":
        assert not saved and window.document.scenarios[0].name == "Colleague's edit"
        assert not window.document.is_modified() and edited.read_text() == COLLEAGUE
    else:
        assert saved and edited.read_text() == COLLEAGUE
        assert scenario_file.load(elsewhere).scenarios[0].name == "My edit" and window.document.path == elsewhere


def test_no_question_when_the_file_is_unchanged_or_only_touched(
    window: MainWindow, edited: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(disk_guard, "ask_changed_on_disk", lambda *_args: pytest.fail("asked without a change"))
    os.utime(edited, (1, 1))  # a new time, the same bytes (a sync tool)
    assert window.save()
    _rename_first(window, "Second edit")
    assert window.save()  # our own save is not someone else's change


def test_a_restored_document_still_warns_about_changes_made_while_it_was_lost(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, opened = _crash_a_session_on_the_example(tmp_path)
    opened.write_text(COLLEAGUE)  # a colleague saved while the app was down
    monkeypatch.setattr(recovery, "ask_restore", lambda *_args: "restore")
    asked: list[str] = []
    monkeypatch.setattr(disk_guard, "ask_changed_on_disk", lambda _parent, name: asked.append(name) or "cancel")
    window = MainWindow()
    qtbot.addWidget(window)
    safety = SafetyNet(window, folder)
    safety.start()
    try:
        assert not window.save() and asked == ["team.yaml"] and opened.read_text() == COLLEAGUE
    finally:
        safety.shutdown()


# --- unexpected exceptions ----------------------------------------------------------------------------


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[ExceptionDialog]:
    dialogs_shown: list[ExceptionDialog] = []
    monkeypatch.setattr(crash, "show_dialog", dialogs_shown.append)
    return dialogs_shown


def _boom() -> None:
    raise RuntimeError("the table model lost its rows")


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_the_dialog_autosaves_and_keeps_the_window(
    qtbot: QtBot, window: MainWindow, net: SafetyNet, shown: list[ExceptionDialog]
) -> None:
    _rename_first(window, "Unsaved before the bug")
    QTimer.singleShot(0, _boom)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    (dialog,) = shown
    assert "RuntimeError: the table model lost its rows" in dialog.details
    assert "Traceback" in dialog.details_view.toPlainText()
    assert window.isVisible()
    record = autosave.read_record(net.autosaver.record)
    assert scenario_file.loads(record.text).scenarios[0].name == "Unsaved before the bug"
    assert net.hook.last_log is not None and "lost its rows" in net.hook.last_log.read_text()
    assert net.hook.last_log.parent == paths.state_dir() / "crash-logs"


def test_save_a_copy_writes_a_whole_file_and_leaves_the_original(
    window: MainWindow, net: SafetyNet, edited: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "copy.yaml"
    monkeypatch.setattr(dialogs, "save_file_name", lambda _parent, _suggested: copy)
    dialog = ExceptionDialog("RuntimeError: x", "details", net.hook._save_copy, window)
    dialog.save_button.click()
    assert dialog.status.text() == f"Saved a copy to {copy}."
    assert scenario_file.load(copy) == window.document.document
    assert edited.read_text() == EXAMPLE.read_text() and window.document.path == edited


def test_a_copy_that_cannot_be_made_writes_nothing_and_says_why(
    window: MainWindow, net: SafetyNet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "copy.yaml"
    monkeypatch.setattr(dialogs, "save_file_name", lambda _parent, _suggested: copy)

    def broken_dump(_document: ScenarioFile) -> str:
        raise ValueError("the document is in a state that cannot be written")

    monkeypatch.setattr(scenario_file, "dumps", broken_dump)
    message = net.hook._save_copy()
    assert message.startswith("Could not save a copy") and "autosave" in message
    assert not copy.exists() and [p.name for p in tmp_path.iterdir() if p.name.startswith("copy")] == []


def test_exceptions_while_the_dialog_is_open_are_logged_not_stacked(
    window: MainWindow, net: SafetyNet, monkeypatch: pytest.MonkeyPatch
) -> None:
    inner: list[ExceptionDialog] = []

    def show(dialog: ExceptionDialog) -> None:
        inner.append(dialog)
        try:
            _boom()
        except RuntimeError:
            net.hook(*sys.exc_info())  # type: ignore[arg-type]

    monkeypatch.setattr(crash, "show_dialog", show)
    try:
        _boom()
    except RuntimeError:
        net.hook(*sys.exc_info())  # type: ignore[arg-type]
    assert len(inner) == 1 and net.hook.suppressed == 1


def test_the_hook_is_removed_on_a_clean_quit(window: MainWindow, tmp_path: Path) -> None:
    before = sys.excepthook
    safety = SafetyNet(window, tmp_path)
    safety.start(offer_restore=False)
    assert sys.excepthook is safety.hook
    safety.shutdown()
    assert sys.excepthook is before


# --- the person's price sheets --------------------------------------------------------------------------------


def test_a_broken_user_sheet_starts_on_the_bundled_prices_with_a_visible_warning(qtbot: QtBot) -> None:
    folder = paths.price_sheets_dir(ensure=True)
    (folder / "negotiated.yaml").write_text("sheet: negotiated\nmodels: [unclosed\n")
    window, safety = open_main_window(offer_restore=False)
    qtbot.addWidget(window)
    try:
        text = window.message_bar.text()
        assert "One of your price sheets was skipped" in text
        assert "negotiated.yaml, line 3: not valid YAML" in text
        assert window.document.catalog.model_ids  # the bundled catalog
        assert len(window.document.scenarios) == 1
    finally:
        safety.shutdown()


def test_a_skipped_sheet_warning_stays_in_view_after_a_file_opens(qtbot: QtBot) -> None:
    # What `imagecost FILE` and a double-click do: the window starts, then opens the file.
    folder = paths.price_sheets_dir(ensure=True)
    (folder / "negotiated.yaml").write_text("sheet: negotiated\nmodels: [unclosed\n")
    window, safety = open_main_window(offer_restore=False)
    qtbot.addWidget(window)
    try:
        assert window.open_path(EXAMPLE, ask=False)
        assert window.message_bar.isVisible()
        assert "One of your price sheets was skipped" in window.message_bar.text()
        assert "negotiated.yaml, line 3: not valid YAML" in window.message_bar.text()
    finally:
        safety.shutdown()


def test_an_older_file_opens_with_a_note_in_the_window(window: MainWindow, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(EXAMPLE.read_text().replace("version: 1", "version: 0").replace("requests_per_month", "requests"))
    assert window.open_path(old, ask=False)
    assert window.message_bar.kind == "info"
    assert "<b>Opened with changes.</b> Opened a format version 0 file and updated it to version 1" in (
        window.message_bar.text()
    )
    assert "renamed 'requests' to 'requests_per_month' in 3 scenarios" in window.message_bar.text()
    assert len(window.document.scenarios) == 3 and old.read_text().startswith("# Image Cost")


def test_a_file_deleted_meanwhile_is_written_anew_without_a_question(
    window: MainWindow, edited: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(disk_guard, "ask_changed_on_disk", lambda *_args: pytest.fail("asked about a deleted file"))
    edited.unlink()
    assert window.save() and scenario_file.load(edited).scenarios[0].name == "My edit"
