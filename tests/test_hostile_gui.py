"""Issue 17 in the window: exports that would replace the wrong file, and text from files shown as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import Qt as QtGuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMainWindow, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from core.quote.export import ExportFormat
from core.storage import scenario_file
from gui.quote.actions import QuoteActions
from gui.quote.source import QuoteSource
from gui.window.main_window import MainWindow
from tests.quote_fixtures import example_document
from tests.test_hostile_exports import hostile_text


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
        assert notes.read_text(encoding="utf-8-sig").startswith("row,scenario,item,")
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


def test_the_export_dialog_leaves_the_replace_question_to_the_app(
    actions: QuoteActions, plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The app asks once, where it matters; the file dialog asking too made the person answer twice.
    asked: list[object] = []

    def save_name(*_args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(kwargs.get("options"))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    actions.export_dialog(ExportFormat.CSV)
    assert asked == [QFileDialog.Option.DontConfirmOverwrite]


# Item 2: every text that came from a file is shown as text. A name that Qt would take for HTML
# (a tag before the first line break) once drew "approved $0.00" in bold and loaded images.
HOSTILE = '<b>approved $0.00</b><img src="no-such-image.png"> & <a href="x">link</a>'


def displayed(label: QLabel) -> str:
    """What LABEL shows, as text: its text when plain, else what its HTML renders to."""
    text = label.text()
    fmt = label.textFormat()
    if fmt == Qt.TextFormat.PlainText or (fmt == Qt.TextFormat.AutoText and not QtGuiQt.mightBeRichText(text)):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def assert_labels_show(widget: QWidget, text: str, *, at_least: int) -> None:
    """Every label of WIDGET that holds TEXT's marker shows TEXT exactly as typed."""
    holding = [label for label in widget.findChildren(QLabel) if "approved $0.00" in displayed(label) + label.text()]
    for label in holding:
        assert text in displayed(label), (label.objectName(), label.text())
    assert len(holding) >= at_least


def test_names_and_quote_details_from_a_file_are_shown_as_text(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = example_document()
    document.scenarios[0].name = HOSTILE
    document.quote.title = HOSTILE
    path = tmp_path / "hostile.yaml"
    scenario_file.save(document, path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.document.path == path)
    qtbot.waitUntil(lambda: window.form.header.text() == HOSTILE)
    assert_labels_show(window, HOSTILE, at_least=2)  # the form's header and the Breakdown heading


def test_price_sheet_text_in_the_import_preview_and_message_is_shown_as_text(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gui.planning.reprice_view import ImportSheetDialog
    from tests.conftest import EXAMPLES

    sheet = tmp_path / "hostile-sheet.yaml"
    text = (EXAMPLES / "negotiated-2027.yaml").read_text(encoding="utf-8")
    sheet.write_text(
        text.replace("title: ACME negotiated prices 2027 (example)", f"title: '{HOSTILE}'"), encoding="utf-8"
    )
    shown: list[ImportSheetDialog] = []

    def accept(dialog: ImportSheetDialog) -> int:
        shown.append(dialog)
        assert_labels_show(dialog, HOSTILE, at_least=1)
        return int(ImportSheetDialog.DialogCode.Accepted)

    monkeypatch.setattr(ImportSheetDialog, "exec", accept)
    assert window.planning.import_sheet(sheet)
    assert shown
    assert HOSTILE in displayed(window.message_bar.label)


def test_an_ampersand_in_a_sheet_title_reads_as_typed_in_the_message(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No tag, so Qt would guess plain text and show the escaped '&amp;' the strip was given."""
    from gui.planning.reprice_view import ImportSheetDialog
    from tests.conftest import EXAMPLES

    sheet = tmp_path / "ampersand-sheet.yaml"
    text = (EXAMPLES / "negotiated-2027.yaml").read_text(encoding="utf-8")
    title = "Smith & Sons prices 2027"
    sheet.write_text(
        text.replace("title: ACME negotiated prices 2027 (example)", f"title: '{title}'"), encoding="utf-8"
    )
    monkeypatch.setattr(ImportSheetDialog, "exec", lambda _dialog: int(ImportSheetDialog.DialogCode.Accepted))
    assert window.planning.import_sheet(sheet)
    assert displayed(window.message_bar.label).startswith(f"Imported {title} (checked")


def test_a_scenario_name_in_the_calibrate_message_and_question_is_shown_as_text(
    example_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gui.planning import actuals_tool
    from tests.conftest import EXAMPLES

    window = example_window

    window.document.edit(0, window.document.scenario(0).updated(name=HOSTILE), "rename")
    asked: list[str] = []

    def question(_parent: QWidget, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(actuals_tool.QMessageBox, "question", question)
    tool = window.actuals
    assert tool.import_usage([EXAMPLES / "usage" / "responses.jsonl", EXAMPLES / "usage" / "usage.json"])
    assert tool.calibrate()
    question_shown = QTextDocument()
    question_shown.setHtml(asked[0])
    assert f"Set '{HOSTILE}' from its actuals?" in question_shown.toPlainText()
    assert displayed(window.message_bar.label).startswith(f"Calibrated '{HOSTILE}' from its actuals.")


# Item 8: an autosave record that cannot be read is set aside (kept, named) and the app starts.
def _bad_records(folder: Path) -> list[Path]:
    import json

    folder.mkdir(parents=True)
    deep = folder / "session-20260101-000000-1-000001.json"
    deep.write_text(
        '{"format": 1, "document": "", "saved_at": "2026-01-01T00:00:00+00:00", "original": '
        + "[" * 200_000
        + "]" * 200_000
        + "}",
        encoding="utf-8",
    )
    edge = folder / "session-20260101-000000-2-000002.json"
    record = {"format": 1, "document": "version: 1\n", "saved_at": "9999-12-31T23:59:59-14:00", "original": None}
    edge.write_text(json.dumps(record), encoding="utf-8")
    return [deep, edge]


def test_unreadable_autosaves_are_set_aside_and_the_window_starts(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.storage import autosave
    from gui.safety import recovery
    from gui.window.safety_net import SafetyNet

    folder = tmp_path / "autosave"
    bad = _bad_records(folder)
    monkeypatch.setattr(recovery, "ask_restore", lambda *_a: pytest.fail("offered an unreadable record"))
    window = MainWindow()
    qtbot.addWidget(window)
    safety = SafetyNet(window, folder, interval_ms=60_000)
    safety.start()
    try:
        message = window.message_bar.text()
        assert "could not be read and was set aside" in message
        for path in bad:
            kept = path.with_name("unreadable-" + path.name)
            assert not path.exists() and kept.exists()
            assert kept.name in message
        assert autosave.record_files(folder) == []  # the next start reads neither again
    finally:
        safety.shutdown()


def test_the_import_preview_shows_the_catalog_the_import_leaves(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from decimal import Decimal

    from gui.planning.reprice_view import ImportSheetDialog
    from tests.test_hostile_files import _low_price, _sheet_text

    shown: list[ImportSheetDialog] = []

    def accept(dialog: ImportSheetDialog) -> int:
        shown.append(dialog)
        return int(ImportSheetDialog.DialogCode.Accepted)

    monkeypatch.setattr(ImportSheetDialog, "exec", accept)
    existing = tmp_path / "b-existing.yaml"
    existing.write_text(_sheet_text("b-existing", "0.5000"), encoding="utf-8")
    assert window.planning.import_sheet(existing)
    new = tmp_path / "a-new.yaml"
    new.write_text(_sheet_text("a-new", "0.0200"), encoding="utf-8")
    assert window.planning.import_sheet(new)
    preview = shown[-1]
    assert _low_price(preview.new_catalog) == Decimal("0.5000") == _low_price(window.document.catalog)
    assert not any(change.model == "gpt-image-2" for change in preview.diff.changes)
    assert "stays priced by b-existing" in preview.notes.text()
    assert "every scenario is priced with it now" not in window.message_bar.text()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_text)
def test_hostile_text_in_every_window_label_is_shown_as_typed(window: MainWindow, qtbot: QtBot, text: str) -> None:
    """Names and quote details from the hostile alphabet, opened in the window: each label that
    shows them shows exactly the text (a marker makes them findable)."""
    from pydantic import ValidationError

    from core.errors import ImageCostError

    marked = "approved $0.00" + text
    document = example_document()
    try:
        document.scenarios[0].name = marked[:200]
        document.quote.title = marked
    except (ValidationError, ImageCostError):
        return  # control characters and the like: refused before any label sees them
    window.document.replace(document, None)
    window.scenario_list.setCurrentIndex(window.scenario_list.model().index(0, 0))
    qtbot.waitUntil(lambda: window.form.header.text() == marked[:200])
    for label in window.findChildren(QLabel):
        if "approved $0.00" in label.text() or "approved $0.00" in displayed(label):
            assert " ".join(marked[:200].split()) in " ".join(displayed(label).split()), label.text()


def tooltip_shown(tip: str) -> str:
    """What a tooltip shows, as text: Qt renders it as HTML when it looks like HTML."""
    if not QtGuiQt.mightBeRichText(tip):
        return tip
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


def test_a_sheet_files_name_in_the_price_sheets_tooltip_is_text(qtbot: QtBot, tmp_path: Path) -> None:
    """A file named like markup shows its name, never bold text, in the Price Sheets list's tooltip."""
    from core.pricing.catalog import load_sheet_file
    from gui.planning.sheets_dialog import PriceSheetsDialog
    from tests.conftest import EXAMPLES

    path = tmp_path / "<b>big & Sons.yaml"
    path.write_bytes((EXAMPLES / "negotiated-2027.yaml").read_bytes())
    dialog = PriceSheetsDialog(lambda: [(path, load_sheet_file(path))], tmp_path, lambda _name: False, lambda _p: None)
    qtbot.addWidget(dialog)
    item = dialog.tree.topLevelItem(0)
    assert item is not None
    assert tooltip_shown(item.toolTip(3)) == str(path)
