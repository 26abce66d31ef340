"""`imagecost --smoke-test [FILE]`: the check the packaged builds, the wheel install and CI run.

It must pass for a healthy start and fail, with one line and exit 1, for
anything a person would see go wrong: an exception, a Qt warning, a dialog
left open, a file that cannot be opened.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer, qWarning
from PySide6.QtWidgets import QMessageBox

from gui.app import main
from gui.window import main_window
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "example.yaml"
BROKEN = EXAMPLES / "broken.yaml"


def test_smoke_test_opens_the_file_and_exits_cleanly(qapp: object, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--smoke-test", str(EXAMPLE)]) == 0
    assert capsys.readouterr().err == ""


def test_smoke_test_without_a_file(qapp: object) -> None:
    assert main(["--smoke-test"]) == 0


def test_smoke_test_fails_with_a_message_for_a_broken_file(qapp: object, capsys: pytest.CaptureFixture[str]) -> None:
    before = BROKEN.read_bytes()
    assert main(["--smoke-test", str(BROKEN)]) == 1
    err = capsys.readouterr().err
    assert "broken.yaml, line 11, field scenarios[1].quality" in err
    assert "<b>" not in err
    assert BROKEN.read_bytes() == before


def _fail_in_tools(self: main_window.MainWindow) -> None:
    raise ModuleNotFoundError("No module named 'gui.planning'")


def test_smoke_test_fails_when_the_tools_built_after_the_first_frame_fail(
    qapp: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a wheel without gui.planning did: the window came up, its tools did not, and the test said 0.
    monkeypatch.setattr(main_window.MainWindow, "build_tools", _fail_in_tools)
    assert main(["--smoke-test", str(EXAMPLE)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err == "imagecost: smoke test failed: ModuleNotFoundError: No module named 'gui.planning'\n"


def test_smoke_test_fails_on_an_unexpected_qt_warning(
    qapp: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    original = main_window.MainWindow.build_tools

    def warn_then_build(self: main_window.MainWindow) -> None:
        qWarning("QWidget::setLayout: Attempting to set QLayout on a widget that already has a layout")
        original(self)

    monkeypatch.setattr(main_window.MainWindow, "build_tools", warn_then_build)
    assert main(["--smoke-test"]) == 1
    assert "smoke test failed: Qt warned: QWidget::setLayout: Attempting" in capsys.readouterr().err


def test_smoke_test_fails_when_a_dialog_is_left_open(
    qapp: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    original = main_window.MainWindow.build_tools

    def build_and_complain(self: main_window.MainWindow) -> None:
        if self.tools_built:
            return
        original(self)
        box = QMessageBox(QMessageBox.Icon.Critical, "Something went wrong", "details", parent=self)
        QTimer.singleShot(0, box.show)

    monkeypatch.setattr(main_window.MainWindow, "build_tools", build_and_complain)
    assert main(["--smoke-test"]) == 1
    assert "smoke test failed: a window was left open at start: Something went wrong" in capsys.readouterr().err
