"""Test setup: Qt runs offscreen and user folders point into a temp dir.

Set before anything imports Qt, so a developer's display is never used and
no test touches the real settings or data folders.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot

if TYPE_CHECKING:
    from gui.window.main_window import MainWindow

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "docs" / "examples"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    # Not created: Open and Save make their folder only where Documents exists (a test makes it).
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "Documents"))
    yield


@pytest.fixture
def window(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """The real main window, shown, with an untitled document.

    Closing it at teardown never waits for the "save changes?" question: it is
    answered Discard (a test of that question sets its own answer).
    """
    from gui.views import dialogs
    from gui.window.main_window import MainWindow

    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _parent, _name: "discard")
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def example_window(window: MainWindow, qtbot: QtBot) -> MainWindow:
    """The window at its smallest supported size with docs/examples/example.yaml open and its tools built."""
    window.resize(1024, 640)
    assert window.open_path(EXAMPLES / "example.yaml", ask=False)
    qtbot.waitUntil(lambda: window.tools_built)  # the quote and planning tools come right after the first frame
    settle_layout()
    return window


def settle_layout() -> None:
    """Let every pending layout request run, so a click lands on the widget where it stands now.

    The form's width is known only once it is built; until its layout request has run, a button can
    move between a click's press and its release (both follow the widget's geometry of the moment).
    """
    from PySide6.QtWidgets import QApplication

    QApplication.sendPostedEvents()
    QApplication.processEvents()


def open_one_scenario_file(window: MainWindow, path: Path, *, name: str, model: str, quality: str, size: str) -> None:
    """Write PATH as a file of one scenario at 1,000 requests a month, as written by hand, and open it in WINDOW.

    The text goes to disk unchecked, so it may hold what the form would not offer (an old model id, a snapshot).
    """
    path.write_text(
        f"version: 1\nscenarios:\n  - name: {name}\n    model: {model}\n    quality: {quality}\n"
        f"    size: {size}\n    requests_per_month: 1000\n",
        encoding="utf-8",
    )
    assert window.open_path(path, ask=False)
