"""The stages editor and the re-pricing dialogs show what core computes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from core.model.scenario import Scenario, Stage
from core.pricing.catalog import default_catalog, load_sheet_file
from core.pricing.reprice import reprice, with_sheets
from core.storage import scenario_file
from gui.editors.stages_editor import StagesEditor, draft_then_final
from gui.planning.reprice_view import ImportSheetDialog, RepriceDialog
from gui.views.percent_edit import PercentEdit
from tests.conftest import EXAMPLES

TODAY = date(2026, 11, 23)
LISTING = Scenario(name="Listings", model="gpt-image-2", quality="medium", size="1024x1024", requests_per_month=1000)


def editor(qtbot: QtBot, scenario: Scenario = LISTING) -> StagesEditor:
    widget = StagesEditor(today=TODAY)
    qtbot.addWidget(widget)
    widget.set_scenario(scenario)
    return widget


def test_template_makes_drafts_for_all_and_finals_for_one_in_five(qtbot: QtBot) -> None:
    widget = editor(qtbot)
    emitted: list[list[Stage]] = []
    widget.stages_changed.connect(emitted.append)
    widget.template.click()
    assert emitted[-1] == draft_then_final(LISTING)
    drafts, finals = emitted[-1]
    assert (drafts.quality, drafts.images_per_request, drafts.share) == ("low", 4, Decimal(1))
    assert (finals.quality, finals.share) == ("medium", Decimal("0.2"))
    # Drafts 1000 x 4 x $0.006 = $24; finals 200 x $0.053 = $10.60; $34.60 a month, $0.173 per final image.
    monthly = widget.table.item(0, 6)
    assert monthly is not None and monthly.text() == "$24.00"
    assert "$34.60" in widget.status.text() and "$0.173 per final image" in widget.status.text()


def test_editing_a_row_reprices_and_emits(qtbot: QtBot) -> None:
    widget = editor(qtbot)
    widget.template.click()
    emitted: list[list[Stage]] = []
    widget.stages_changed.connect(emitted.append)
    share = widget.table.cellWidget(1, 5)
    assert isinstance(share, PercentEdit)
    share.selectAll()
    qtbot.keyClicks(share, "50")
    assert emitted[-1][1].share == Decimal("0.5")
    # Finals now 500 x $0.053 = $26.50; total $50.50.
    assert "$50.50" in widget.status.text()
    images = widget.table.cellWidget(0, 4)
    assert isinstance(images, QSpinBox)
    images.setValue(2)
    assert emitted[-1][0].images_per_request == 2


def test_changing_the_model_offers_its_qualities_and_sizes(qtbot: QtBot) -> None:
    widget = editor(qtbot)
    widget.add.click()
    model = widget.table.cellWidget(0, 1)
    assert isinstance(model, QComboBox)
    model.setCurrentIndex(model.findData("dall-e-3"))
    quality = widget.table.cellWidget(0, 2)
    size = widget.table.cellWidget(0, 3)
    assert isinstance(quality, QComboBox) and isinstance(size, QComboBox)
    assert [quality.itemText(i) for i in range(quality.count())] == ["standard", "hd"]
    assert size.currentText() == "1024x1024"


def test_a_bad_size_is_named_and_not_emitted(qtbot: QtBot) -> None:
    widget = editor(qtbot)
    widget.template.click()
    emitted: list[list[Stage]] = []
    widget.stages_changed.connect(emitted.append)
    size = widget.table.cellWidget(0, 3)
    assert isinstance(size, QComboBox)
    size.setCurrentText("1000x1000")
    assert emitted == []
    assert "Not priced" in widget.status.text() and "stage 'Drafts'" in widget.status.text()
    assert "multiple of 16" in widget.status.text()


def test_a_bad_row_stopping_add_stage_is_shown_as_typed(qtbot: QtBot) -> None:
    widget = editor(qtbot)
    widget.template.click()
    size = widget.table.cellWidget(0, 3)
    assert isinstance(size, QComboBox)
    size.setCurrentText("<b>big</b>")
    qtbot.mouseClick(widget.add, Qt.MouseButton.LeftButton)
    assert widget.table.rowCount() == 2  # nothing added while a row is not valid
    shown = QTextDocument()
    shown.setHtml(widget.status.text())
    assert "stage 1: field size: '<b>big</b>' is not a size" in shown.toPlainText()


def test_duplicate_names_are_refused_and_no_stages_prices_as_one(qtbot: QtBot) -> None:
    widget = editor(qtbot)
    widget.template.click()
    name = widget.table.cellWidget(1, 0)
    assert isinstance(name, QLineEdit)
    name.setText("Drafts")
    name.editingFinished.emit()
    assert "two stages are named 'Drafts'" in widget.status.text()
    emitted: list[list[Stage]] = []
    widget.stages_changed.connect(emitted.append)
    widget.clear.click()
    assert emitted == [[]] and widget.table.rowCount() == 0


def test_set_scenario_shows_saved_stages(qtbot: QtBot) -> None:
    staged = LISTING.model_copy(update={"stages": draft_then_final(LISTING)})
    widget = editor(qtbot, staged)
    assert widget.table.rowCount() == 2
    assert widget.stages() == staged.stages


def test_import_dialog_lists_changes_and_effects(qtbot: QtBot) -> None:
    sheet = load_sheet_file(EXAMPLES / "negotiated-2027.yaml")
    scenarios = scenario_file.load(EXAMPLES / "example.yaml").scenarios
    dialog = ImportSheetDialog(sheet, "negotiated-2027.yaml", default_catalog(), scenarios)
    qtbot.addWidget(dialog)
    group = dialog.diff_view.topLevelItem(0)
    assert group is not None and group.text(0) == "gpt-image-2: 15 rates changed"
    first = group.child(1)
    assert (first.text(0), first.text(1), first.text(2), first.text(3)) == (
        "medium 1024x1024 / image",
        "$0.053",
        "$0.0477",
        "-10.0%",
    )
    listing = dialog.reprice_view.topLevelItem(1)
    assert listing is not None and (listing.text(1), listing.text(2)) == ("$649.40", "$584.46")
    assert listing.child(0).text(4) == "$0.053 -> $0.0477"


def test_reprice_dialog_shows_was_now(qtbot: QtBot) -> None:
    scenarios = scenario_file.load(EXAMPLES / "example.yaml").scenarios
    new = with_sheets(default_catalog(), load_sheet_file(EXAMPLES / "negotiated-2027.yaml"))
    dialog = RepriceDialog(reprice(scenarios, default_catalog(), new), "bundled", "acme")
    qtbot.addWidget(dialog)
    rows = [dialog.view.topLevelItem(i) for i in range(dialog.view.topLevelItemCount())]
    assert [(r.text(0), r.text(3)) for r in rows if r is not None] == [
        ("Onboarding thumbnails", "unchanged"),
        ("Marketplace listing edits", "-$64.94 (-10.0%)"),
        ("Campaign heroes", "unchanged"),
    ]


def _shown_editor(qtbot: QtBot) -> StagesEditor:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    widget = editor(qtbot)
    widget.show()
    widget.activateWindow()  # in front, as on a desktop: a click gives the focus
    assert QTest.qWaitForWindowActive(widget)
    qtbot.mouseClick(widget.template, Qt.MouseButton.LeftButton)  # Drafts, Finals
    return widget


def test_add_stage_goes_before_the_finals_like_them(qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    widget = _shown_editor(qtbot)
    emitted: list[list[Stage]] = []
    widget.stages_changed.connect(emitted.append)
    qtbot.mouseClick(widget.add, Qt.MouseButton.LeftButton)
    drafts, added, finals = emitted[-1]
    assert (drafts.name, finals.name) == ("Drafts", "Finals")  # the finals stay last
    like_finals = (finals.model, finals.quality, finals.size, finals.share)
    assert (added.model, added.quality, added.size, added.share) == like_finals
    assert widget.table.selectionModel().selectedRows()[0].row() == 1  # the new row is the selected one


def test_remove_acts_on_the_selected_stage_only_and_stages_move(qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    widget = _shown_editor(qtbot)
    widget.table.clearSelection()
    assert not widget.remove.isEnabled()  # nothing selected: nothing is guessed
    emitted: list[list[Stage]] = []
    widget.stages_changed.connect(emitted.append)
    name = widget.table.cellWidget(1, 0)
    assert isinstance(name, QLineEdit)
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)  # the person clicks into the Finals row: it is selected
    assert widget.table.selectionModel().selectedRows()[0].row() == 1
    qtbot.mouseClick(widget.up, Qt.MouseButton.LeftButton)
    assert [s.name for s in emitted[-1]] == ["Finals", "Drafts"]
    assert widget.table.selectionModel().selectedRows()[0].row() == 0  # the moved stage stays selected
    qtbot.mouseClick(widget.remove, Qt.MouseButton.LeftButton)
    assert [s.name for s in emitted[-1]] == ["Drafts"]
