"""Issue 17 in the window: exports that would replace the wrong file, and text from files shown as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from core.quote.export import ExportFormat
from core.storage import scenario_file
from gui.quote.actions import QuoteActions
from gui.quote.source import QuoteSource
from tests.quote_fixtures import example_document


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    scenario_file.save(example_document(), path)
    return path


@pytest.fixture
def actions(qtbot: QtBot, plan: Path, tmp_path: Path) -> QuoteActions:
    win = QMainWindow()
    qtbot.addWidget(win)
    document = example_document()
    source = QuoteSource(lambda: document, path=lambda: plan)
    return QuoteActions(source, win, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text))
    return shown


def test_the_window_will_not_export_over_a_read_only_file_or_its_own_document(
    actions: QuoteActions, plan: Path, warnings: list[str]
) -> None:
    readonly = plan.with_name("sent.html")
    readonly.write_text("<p>sent</p>", encoding="utf-8")
    readonly.chmod(0o444)
    assert not actions.export(ExportFormat.HTML, readonly)
    assert "read-only" in warnings[-1]
    assert readonly.read_text(encoding="utf-8") == "<p>sent</p>"
    before = plan.read_bytes()
    assert not actions.export(ExportFormat.MD, plan)
    assert "the file the quote is made from" in warnings[-1]
    assert plan.read_bytes() == before


def _answer(qtbot: QtBot, button: str) -> None:
    """Click BUTTON on the question box once it is up (it is modal, so from the event loop)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        assert box.textFormat() == Qt.TextFormat.PlainText
        for candidate in box.findChildren(QPushButton):
            if candidate.text() == button:
                qtbot.mouseClick(candidate, Qt.MouseButton.LeftButton)
                return
        raise AssertionError(f"no {button} button")

    QTimer.singleShot(0, click)


@pytest.mark.parametrize(("button", "replaced"), [("Cancel", False), ("Replace", True)])
def test_the_window_asks_before_replacing_a_file_it_did_not_make(
    actions: QuoteActions, plan: Path, qtbot: QtBot, button: str, replaced: bool
) -> None:
    notes = plan.with_name("notes.csv")
    notes.write_text("mine,not,an,export\n", encoding="utf-8")
    _answer(qtbot, button)
    assert actions.export(ExportFormat.CSV, notes) is replaced
    if replaced:
        assert notes.read_text(encoding="utf-8-sig").startswith("scenario,item,")
        assert notes.with_name("notes.csv.bak").read_text(encoding="utf-8") == "mine,not,an,export\n"
    else:
        assert notes.read_text(encoding="utf-8") == "mine,not,an,export\n"


def test_the_window_replaces_its_own_export_without_asking_and_keeps_a_backup(
    actions: QuoteActions, plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "exec", lambda _self: pytest.fail("asked about its own export"))
    output = plan.with_name("quote.html")
    assert actions.export(ExportFormat.HTML, output)
    first = output.read_bytes()
    assert actions.export(ExportFormat.HTML, output)
    assert output.with_name("quote.html.bak").read_bytes() == first
