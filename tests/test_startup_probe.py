"""The start-up hooks `make bench` relies on: the probe is off unless asked for, the preload stays Qt-free."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from gui import startup_probe
from tests.conftest import REPO


def test_probe_is_off_without_the_environment_variable(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(startup_probe.ENV, raising=False)
    window = QMainWindow()
    qtbot.addWidget(window)
    before = window.findChildren(QObject)
    startup_probe.install(window)
    assert window.findChildren(QObject) == before


def test_probe_reports_the_first_paint_and_exits(tmp_path: Path) -> None:
    env = {**os.environ, startup_probe.ENV: startup_probe.FIRST_PAINT, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "floor_window.py")],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    line = done.stdout.strip()
    assert line.startswith(f"{startup_probe.PREFIX} painted_ns=")
    assert int(line.split("maxrss_kb=")[1]) > 0


def test_preloaded_modules_do_not_import_qt() -> None:
    code = "import sys; from gui.app import preload_qt_free_modules as p; p(); print('PySide6' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
