"""The planning tools inside the main window: stages, plan settings, undo, files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.pricing.engine import estimate
from core.storage.scenario_file import load
from gui.views.percent_edit import PercentEdit
from gui.window.main_window import MainWindow
from tests.test_main_window import EXAMPLE, choose


@pytest.fixture
def window(example_window: MainWindow) -> MainWindow:
    """Every test here starts from the example file (tests/conftest.py)."""
    return example_window


def test_stages_and_plan_tabs_and_menus(window: MainWindow) -> None:
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "S&tages" in tabs and "&Plan" in tabs
    window.planning.show_plan_action.trigger()
    assert window.tabs.currentWidget() is window.planning.plan_page
    assert window.planning.import_action in window.file_menu.actions()
    assert window.planning.reprice_action in window.scenario_menu.actions()


def test_draft_then_final_edits_the_scenario_and_undoes_in_one_step(window: MainWindow) -> None:
    window.select_row(1)  # Marketplace listing edits: gpt-image-2 medium 1024x1024, 8,000 requests, x1.3
    before = window.document.scenario(1)
    window.planning.stages.template.click()
    staged = window.document.scenario(1)
    assert [s.name for s in staged.stages] == ["Drafts", "Finals"]
    # The top level mirrors the last stage (the finals).
    assert (staged.model, staged.quality, staged.size) == ("gpt-image-2", "medium", "1024x1024")
    est = estimate(staged)
    assert window.priced.row(1).estimate == est
    assert window.totals.per_month.text() == "$" + f"{est.monthly:,.2f}"
    assert window.totals.per_image_caption.text() == "Per final image"
    assert window.totals.title.text() == "Marketplace listing edits: 2 stages (Drafts, Finals)"
    window.document.undo_stack.undo()
    assert window.document.scenario(1) == before
    assert window.planning.stages.table.rowCount() == 0


def test_a_stage_edit_keeps_the_editor_rows(qtbot: QtBot, window: MainWindow) -> None:
    window.select_row(1)
    window.planning.stages.template.click()
    share = window.planning.stages.table.cellWidget(1, 5)
    assert isinstance(share, PercentEdit)
    share.selectAll()
    qtbot.keyClicks(share, "50")
    assert window.document.scenario(1).stages[1].share == Decimal("0.5")
    assert window.planning.stages.table.cellWidget(1, 5) is share  # not rebuilt under the cursor


def test_form_edits_on_a_staged_scenario_reach_the_last_stage(window: MainWindow) -> None:
    window.select_row(1)
    window.planning.stages.template.click()
    steps = window.document.undo_stack.count()
    choose(window.form.quality_combo, "high")
    staged = window.document.scenario(1)
    assert staged.quality == "high" and staged.stages[-1].quality == "high"
    assert staged.stages[0].quality == "low"
    assert window.document.undo_stack.count() == steps + 1  # one step, not two
    window.document.undo_stack.undo()
    assert window.document.scenario(1).stages[-1].quality == "medium"


def test_plan_settings_are_undoable_and_saved(window: MainWindow, tmp_path: Path) -> None:
    budget = window.planning.plan.budget
    budget.edit.setText("1,000")
    budget.edit.editingFinished.emit()
    assert window.document.plan.monthly_budget == Decimal(1000)
    assert window.isWindowModified()
    window.planning.plan.limits.tier.setCurrentIndex(window.planning.plan.limits.tier.findData("3"))
    assert window.document.plan.usage_tier == "3"
    window.document.undo_stack.undo()
    assert window.document.plan.usage_tier is None
    assert window.planning.plan.limits.tier.currentData() == "1"
    path = tmp_path / "plan.yaml"
    window.document.save(path)
    saved = load(path)
    assert saved.plan.monthly_budget == Decimal(1000)
    # Saving records the price sheet each scenario is priced with.
    assert all(s.priced_with is not None and s.priced_with.sheet == "openai-gpt-image" for s in saved.scenarios)


def test_plan_tab_follows_edits_while_visible(qtbot: QtBot, window: MainWindow) -> None:
    window.planning.show_plan_action.trigger()
    plan = window.planning.plan
    plan.set_plan(plan.plan().model_copy(update={"monthly_budget": Decimal(1000)}))
    qtbot.waitUntil(lambda: "$991.20" in plan.budget.summary.text())
    window.select_row(0)
    window.document.edit(0, window.document.scenario(0).updated(requests_per_month=40_000), "requests_per_month")
    # Onboarding thumbnails doubles: $100 -> $200, total $1,091.20, over by $91.20.
    qtbot.waitUntil(lambda: "Over budget by $91.20" in plan.budget.summary.text())


def test_reopening_a_file_shows_its_plan(window: MainWindow, tmp_path: Path) -> None:
    window.planning.plan.growth.rate.setValue(7)
    path = tmp_path / "growth.yaml"
    window.document.save(path)
    window.document.new()
    assert window.planning.plan.growth.rate.value() == 0
    assert window.open_path(path, ask=False)
    assert window.planning.plan.growth.rate.value() == 7


SHEET = EXAMPLE.with_name("negotiated-2027.yaml")


def test_import_price_sheet_previews_then_installs(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from core.files.paths import price_sheets_dir
    from gui.planning.reprice_view import ImportSheetDialog

    shown: list[ImportSheetDialog] = []

    def accept(dialog: ImportSheetDialog) -> int:
        shown.append(dialog)
        return int(ImportSheetDialog.DialogCode.Accepted)

    monkeypatch.setattr(ImportSheetDialog, "exec", accept)
    assert window.planning.import_sheet(SHEET)
    (dialog,) = shown
    assert dialog.diff.changes and all(c.model == "gpt-image-2" for c in dialog.diff.changes)
    assert (price_sheets_dir() / SHEET.name).read_text() == SHEET.read_text()
    # Marketplace listing edits, 10% off gpt-image-2: 10,400 x $0.0477 + 2.6M prompt tokens x $4.50
    # + 10.6496M input-image tokens x $7.20 = $496.08 + $11.70 + $76.67712.
    est = window.priced.row(1).estimate
    assert est is not None and est.monthly == Decimal("584.45712") and est.sheet == "acme-negotiated-2027"


def test_import_cancelled_or_invalid_installs_nothing(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from core.files.paths import price_sheets_dir
    from gui.planning.reprice_view import ImportSheetDialog

    monkeypatch.setattr(ImportSheetDialog, "exec", lambda _d: int(ImportSheetDialog.DialogCode.Rejected))
    assert not window.planning.import_sheet(SHEET)
    assert not (price_sheets_dir() / SHEET.name).exists()
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    bad = tmp_path / "bad.yaml"
    bad.write_text("sheet: x\ntitle: x\nprovider: x\nchecked: 2027-01-01\nmodels: []\n")
    assert not window.planning.import_sheet(bad)
    assert "not a valid price sheet" in warnings[0] and "bad.yaml" in warnings[0]


def test_reprice_compares_with_the_sheet_each_scenario_was_saved_with(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from gui.planning.reprice_view import ImportSheetDialog, RepriceDialog

    window.document.save(tmp_path / "saved.yaml")  # stamps: openai-gpt-image, checked 2026-11-23
    monkeypatch.setattr(ImportSheetDialog, "exec", lambda _d: int(ImportSheetDialog.DialogCode.Accepted))
    assert window.planning.import_sheet(SHEET)
    shown: list[RepriceDialog] = []

    def close(dialog: RepriceDialog) -> int:
        shown.append(dialog)
        return int(RepriceDialog.DialogCode.Rejected)

    monkeypatch.setattr(RepriceDialog, "exec", close)
    window.planning.reprice()
    results = shown[0].results
    listing = results[1]
    assert listing.was is not None and listing.now is not None
    # Was: $551.20 + $13 + 10.6496M x $8 = $649.3968; now as in the import test.
    assert (listing.was.monthly, listing.now.monthly) == (Decimal("649.3968"), Decimal("584.45712"))
    assert {c.item for c in listing.causes} == {"Image output", "Text input", "Image input"}
    assert results[0].change == 0


def test_the_stages_editor_shows_the_priced_view_instead_of_pricing_again(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gui.editors.stages_editor as editor_module
    from core.money import format_usd

    window.select_row(1)
    editor = window.planning.stages
    editor.template.click()  # a candidate: the editor prices it once to know it can be applied
    assert window.document.scenario(1).stages
    calls: list[object] = []
    real = editor_module.estimate
    monkeypatch.setattr(editor_module, "estimate", lambda *a, **k: calls.append(a) or real(*a, **k))
    window.select_row(0)
    window.select_row(1)
    assert calls == []  # shown again from the window's one priced view, not re-priced
    est = window.priced.row(1).estimate
    assert est is not None and format_usd(est.monthly) in editor.status.text()


def _activate(window: MainWindow) -> None:
    """The window in front, as on a desktop: the focus (and with it each gesture) moves inside it."""
    from PySide6.QtTest import QTest

    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)


def test_each_distinct_stage_change_is_its_own_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QComboBox, QSpinBox

    _activate(window)
    window.select_row(1)
    window.build_tools()
    stages = window.planning.stages
    qtbot.mouseClick(stages.template, Qt.MouseButton.LeftButton)  # Drafts (low) + Finals (medium)
    applied = window.document.scenario(1)
    quality = stages.table.cellWidget(1, 2)  # Finals quality
    images = stages.table.cellWidget(0, 4)  # Drafts images per request
    assert isinstance(quality, QComboBox) and isinstance(images, QSpinBox)
    quality.setFocus()  # the person tabs to the Finals quality and picks the next one down
    qtbot.keyClick(quality, Qt.Key.Key_Down)
    changed_quality = window.document.scenario(1)
    assert changed_quality.stages[1].quality != applied.stages[1].quality
    images.setFocus()  # then to the Drafts images, one up
    qtbot.keyClick(images, Qt.Key.Key_Up)
    assert window.document.scenario(1).stages[0].images_per_request == applied.stages[0].images_per_request + 1

    window.document.undo_stack.undo()  # one step: the images only
    assert window.document.scenario(1) == changed_quality
    window.document.undo_stack.undo()  # then the quality
    assert window.document.scenario(1) == applied


def test_typing_in_one_field_is_one_undo_step_and_typing_there_again_later_another(
    qtbot: QtBot, window: MainWindow
) -> None:
    _activate(window)
    window.select_row(0)
    volume = window.form.volume_edit
    first = window.document.scenario(0)
    volume.setFocus()
    volume.selectAll()
    qtbot.keyClicks(volume, "5000")  # four keystrokes, one gesture
    typed = window.document.scenario(0)
    assert typed.requests_per_month == 5000
    window.form.name_edit.setFocus()  # moved on, and came back to type more
    volume.setFocus()
    volume.end(False)
    qtbot.keyClicks(volume, "0")
    assert window.document.scenario(0).requests_per_month == 50000
    window.document.undo_stack.undo()
    assert window.document.scenario(0) == typed
    window.document.undo_stack.undo()
    assert window.document.scenario(0) == first


def test_the_budget_applies_as_it_is_typed(qtbot: QtBot, window: MainWindow) -> None:
    _activate(window)
    window.build_tools()
    budget = window.planning.plan.budget
    budget.edit.setFocus()
    qtbot.keyClicks(budget.edit, "2500")  # no Enter, no Tab
    assert window.document.plan.monthly_budget == Decimal(2500)
    window.document.undo_stack.undo()  # one gesture, one step
    assert window.document.plan.monthly_budget is None


def test_the_growth_start_month_is_saved_and_named_in_the_summary(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt

    _activate(window)
    window.build_tools()
    growth = window.planning.plan.growth
    growth.start.setFocus()
    following = growth.start_month()
    qtbot.keyClick(growth.start, Qt.Key.Key_Up)  # one month later than the default (next month)
    later = growth.start_month()
    assert later > following
    assert window.document.plan.growth_start == later
    assert growth.summary.text().startswith(f"12 months from {later.strftime('%b %Y')}: ")
    path = tmp_path / "growth.yaml"
    window.document.save(path)
    assert load(path).plan.growth_start == later
