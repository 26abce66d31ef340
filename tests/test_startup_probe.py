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


def test_the_first_frame_comes_before_pricing_pydantic_and_yaml_are_imported() -> None:
    # What makes the window start like a bare one: the frame is shown before the heavy modules load.
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from gui.window.start import WindowStart\n"
        "start = WindowStart(None)\n"
        "start.window.show()\n"
        "heavy = ('pydantic', 'yaml', 'core.pricing', 'core.storage', 'core.model', 'gui.document', 'gui.editors')\n"
        "print(sorted(name for name in heavy if name in sys.modules), start.window.content_built)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[] False", done.stderr


def test_figures_probe_reports_once_the_opened_file_is_on_screen(tmp_path: Path) -> None:
    env = {**os.environ, startup_probe.ENV: startup_probe.FIGURES, "QT_QPA_PLATFORM": "offscreen"}
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(tmp_path / var.lower())
    example = REPO / "docs" / "examples" / "example.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "gui.app", str(example)], env=env, cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith(f"{startup_probe.PREFIX} painted_ns=")
