"""The window driven as a person would: typing, picking, adding, saving, reopening."""

from __future__ import annotations

import itertools
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from core.money import cents, format_usd
from core.pricing.catalog import default_catalog
from core.pricing.engine import estimate
from core.storage.scenario_file import load
from gui.views import dialogs
from gui.window.main_window import MainWindow
from tests.conftest import EXAMPLES, open_one_scenario_file

EXAMPLE = EXAMPLES / "example.yaml"


def discard_on_close(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _parent, _name: "discard")


def choose(combo: object, data: str) -> None:
    from PySide6.QtWidgets import QComboBox

    assert isinstance(combo, QComboBox)
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def type_into(qtbot: QtBot, widget: object, text: str) -> None:
    from PySide6.QtWidgets import QLineEdit

    assert isinstance(widget, QLineEdit)
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def test_starts_with_one_priced_scenario(window: MainWindow) -> None:
    assert window.windowTitle() == "Untitled[*] - Image Cost Calculator"
    assert not window.isWindowModified()
    assert window.current_row() == 0
    est = estimate(window.document.scenario(0))
    assert window.totals.per_month.text() == format_usd(est.monthly)
    assert window.totals.per_image.text() == format_usd(est.per_image)


def test_picking_a_model_offers_its_qualities_and_sizes(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    discard_on_close(monkeypatch)
    form = window.form
    choose(form.model_combo, "dall-e-3")
    qualities = [form.quality_combo.itemText(i) for i in range(form.quality_combo.count())]
    sizes = [form.size_combo.itemText(i) for i in range(form.size_combo.count())]
    model = default_catalog().model("dall-e-3")
    assert qualities == list(model.qualities)
    assert sizes == list(model.sizes)
    assert not form.size_combo.isEditable()
    assert not form.batch_check.isEnabled()
    scenario = window.document.scenario(0)
    assert (scenario.model, scenario.quality, scenario.size) == ("dall-e-3", model.qualities[0], model.sizes[0])
    # Retired models say so in the list and in the window.
    assert form.model_combo.currentText().endswith("retired")
    assert "retired" in window.totals.message.text()
    choose(form.model_combo, "gpt-image-2")
    assert form.size_combo.isEditable()


def test_typing_a_volume_updates_the_totals(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    discard_on_close(monkeypatch)
    type_into(qtbot, window.form.volume_edit, "20k")
    scenario = window.document.scenario(0)
    assert scenario.requests_per_month == 20_000
    assert window.totals.per_month.text() == format_usd(estimate(scenario).monthly)
    assert window.totals.per_year.text() == format_usd(estimate(scenario).yearly)
    type_into(qtbot, window.form.volume_edit, "1,500")
    choose(window.form.volume_unit_combo, "day")
    scenario = window.document.scenario(0)
    assert (scenario.requests_per_month, scenario.volume_unit) == (45_000, "day")
    assert window.totals.per_month.text() == format_usd(estimate(scenario).monthly)
    # The whole edit history of the field is one undo step per field.
    window.undo_action.trigger()
    assert window.document.scenario(0).volume_unit == "month"
    assert window.form.volume_unit_combo.currentData() == "month"


def test_a_volume_that_is_not_a_number_is_not_applied(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = window.document.scenario(0)
    type_into(qtbot, window.form.volume_edit, "lots")
    assert window.document.scenario(0) == before
    assert "'lots' is not a number" in window.form.error_text()
    assert not window.isWindowModified()


def test_a_custom_size_names_the_broken_rule(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    discard_on_close(monkeypatch)
    choose(window.form.model_combo, "gpt-image-2")
    before = window.document.scenario(0)
    window.form.size_combo.setCurrentText("1000x1000")
    assert "width 1000 px is not a multiple of 16" in window.form.error_text()
    assert window.form.size_error.isVisible()
    assert window.document.scenario(0) == before
    window.form.size_combo.setCurrentText("1024x2048")
    assert window.form.error_text() == ""
    assert window.document.scenario(0).size == "1024x2048"
    assert window.totals.per_month.text() == format_usd(estimate(window.document.scenario(0)).monthly)


def test_a_pricing_problem_is_shown_in_the_window(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    discard_on_close(monkeypatch)
    choose(window.form.model_combo, "gpt-image-1.5")
    window.form.input_count_spin.setValue(1)
    assert window.totals.message.isVisible()
    assert "enter the tokens per input image by hand" in window.totals.message.text()
    window.form.input_tokens_spin.setValue(1200)
    scenario = window.document.scenario(0)
    assert scenario.input_image_tokens == 1200
    assert window.totals.per_month.text() == format_usd(estimate(scenario).monthly)


def test_add_duplicate_rename_delete_and_move(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    discard_on_close(monkeypatch)
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    assert [s.name for s in window.document.scenarios] == ["Scenario 1", "Scenario 2"]
    assert window.current_row() == 1
    type_into(qtbot, window.form.name_edit, "Heroes")
    qtbot.mouseClick(window.duplicate_button, Qt.MouseButton.LeftButton)
    assert [s.name for s in window.document.scenarios] == ["Scenario 1", "Heroes", "Heroes (copy)"]
    assert window.current_row() == 2
    window.move_up_action.trigger()
    assert [s.name for s in window.document.scenarios] == ["Scenario 1", "Heroes (copy)", "Heroes"]
    assert window.current_row() == 1
    window.scenario_list.setFocus()
    qtbot.keyClick(window.scenario_list, Qt.Key.Key_Delete)
    assert [s.name for s in window.document.scenarios] == ["Scenario 1", "Heroes"]
    assert window.windowTitle().endswith("[*] - Image Cost Calculator") and window.isWindowModified()
    # Delete in a text field edits the text, not the list.
    window.form.name_edit.setFocus()
    window.form.name_edit.setCursorPosition(0)
    qtbot.keyClick(window.form.name_edit, Qt.Key.Key_Delete)
    assert len(window.document.scenarios) == 2


def test_ctrl_z_undoes_and_ctrl_y_redoes(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    discard_on_close(monkeypatch)
    original = window.document.scenario(0)
    type_into(qtbot, window.form.volume_edit, "5000")
    assert window.document.scenario(0).requests_per_month == 5000
    qtbot.keyClick(window.form.volume_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.scenario(0) == original
    assert window.form.volume_edit.text() == "1,000"
    assert not window.isWindowModified()
    qtbot.keyClick(window.scenario_list, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.document.scenario(0).requests_per_month == 5000
    assert window.form.volume_edit.text() == "5,000"


def test_save_reopen_and_find_the_same_scenarios(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window.add_scenario()
    window.duplicate_scenario()
    type_into(qtbot, window.form.volume_edit, "2.5k")
    target = tmp_path / "plan"
    asked: list[Path] = []

    def save_name(_parent: object, suggested: Path) -> Path:
        asked.append(suggested)
        return target.with_suffix(".yaml")

    monkeypatch.setattr(dialogs, "save_file_name", save_name)
    window.save_action.trigger()
    saved = target.with_suffix(".yaml")
    assert saved.exists()
    assert window.windowTitle() == "plan.yaml[*] - Image Cost Calculator"
    assert not window.isWindowModified()
    scenarios = list(window.document.scenarios)

    again = MainWindow()
    qtbot.addWidget(again)
    assert again.open_path(saved)
    assert again.document.scenarios == scenarios
    assert again.settings.recent_files()[0] == saved.resolve()
    again.recent_menu.aboutToShow.emit()
    assert any(action.text().endswith("plan.yaml") for action in again.recent_menu.actions())


def test_a_broken_file_opens_nothing_and_says_where(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.yaml"
    text = "version: 1\nscenarios:\n  - name: x\n    model: gpt-image-2\n    quality: ultra\n    size: 1024x1024\n"
    text += "    requests_per_month: 5\n"
    broken.write_text(text, encoding="utf-8")
    before_bytes = broken.read_bytes()
    before_doc = window.document.document
    assert not window.open_path(broken)
    message = window.message_bar.text()
    assert "broken.yaml" in message and "line 5" in message and "scenarios[0].quality" in message
    assert window.document.document is before_doc
    assert broken.read_bytes() == before_bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml"]
    assert window.windowTitle().startswith("Untitled")


def test_unsaved_changes_prompt_on_close(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    type_into(qtbot, window.form.volume_edit, "3000")
    answers: list[str] = []

    def ask(_parent: object, name: str) -> str:
        answers.append(name)
        return next_answer

    monkeypatch.setattr(dialogs, "ask_save_changes", ask)
    next_answer = "cancel"
    assert not window.close()
    assert window.isVisible()
    assert answers == ["Untitled"]

    next_answer = "save"
    monkeypatch.setattr(dialogs, "save_file_name", lambda _p, _s: None)  # the person cancels Save As
    assert not window.close()

    target = tmp_path / "kept.yaml"
    monkeypatch.setattr(dialogs, "save_file_name", lambda _p, _s: target)
    assert window.close()
    assert load(target).scenarios[0].requests_per_month == 3000


def test_unsaved_changes_prompt_on_open_and_new(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    type_into(qtbot, window.form.volume_edit, "3000")
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _p, _n: "cancel")
    assert not window.open_path(EXAMPLE)
    window.new_action.trigger()
    assert window.document.scenario(0).requests_per_month == 3000
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _p, _n: "discard")
    assert window.open_path(EXAMPLE)
    assert window.document.path == EXAMPLE
    assert window.windowTitle() == "example.yaml[*] - Image Cost Calculator"


def test_dropping_a_file_opens_it(window: MainWindow) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(EXAMPLE))])
    event = QDropEvent(
        QPoint(10, 10).toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.document.path == EXAMPLE
    assert len(window.document.scenarios) == len(load(EXAMPLE).scenarios)


def _drop(window: MainWindow, path: Path) -> QDropEvent:
    """What a file manager sends: a drop that offers Copy or Move, proposing Move."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPoint(10, 10).toPointF(),
        Qt.DropAction.CopyAction | Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    event.setDropAction(Qt.DropAction.MoveAction)
    window.dropEvent(event)
    return event


def test_a_dropped_file_is_taken_as_a_copy_never_a_move(window: MainWindow) -> None:
    event = _drop(window, EXAMPLE)
    assert window.document.path == EXAMPLE
    assert event.isAccepted() and event.dropAction() == Qt.DropAction.CopyAction


def test_a_drop_cancelled_at_the_unsaved_changes_question_is_refused(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.document.rename(0, "Unsaved work")
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _parent, _name: "cancel")
    event = _drop(window, EXAMPLE)
    assert not event.isAccepted()  # the source is told nothing happened, so it moves nothing
    assert window.document.scenario(0).name == "Unsaved work"


def test_selecting_in_the_comparison_table_selects_the_scenario(window: MainWindow) -> None:
    window.open_path(EXAMPLE)
    table = window.comparison
    index = window.comparison_proxy.index(2, 0)
    table.selectionModel().setCurrentIndex(index, table.selectionModel().SelectionFlag.ClearAndSelect)
    assert window.current_row() == 2
    assert window.form.name_edit.text() == window.document.scenario(2).name
    total = window.priced.total_monthly
    # Each scenario's month to the cent, as the rows show it, added: the total row adds up by hand.
    assert total == sum((cents(estimate(s).monthly) for s in window.document.scenarios), Decimal(0))
    assert format_usd(total) in window.total_label.text()


def test_controls_have_accessible_names(window: MainWindow) -> None:
    for widget in window.form.focus_order():
        assert widget.accessibleName()
    assert window.scenario_list.accessibleName() == "Scenario list"


def test_geometry_is_remembered(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(782, 560)  # at least MIN_SIZE, within the 800-pixel test screen
    assert window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (782, 560)


def test_deleting_every_scenario_leaves_a_clear_empty_state(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    discard_on_close(monkeypatch)
    window.delete_action.trigger()
    assert len(window.document.scenarios) == 0
    assert window.current_row() == -1
    assert not window.form.isEnabled()
    assert "add one" in window.totals.title.text()
    assert not window.delete_action.isEnabled() and not window.duplicate_action.isEnabled()
    window.undo_action.trigger()
    assert window.current_row() == 0 and window.form.isEnabled()


def test_tab_moves_through_the_form_in_reading_order(qtbot: QtBot, window: MainWindow) -> None:
    def next_control(widget: QWidget) -> QWidget:
        following = widget.nextInFocusChain()
        while widget.isAncestorOf(following) or following.focusPolicy() == Qt.FocusPolicy.NoFocus:
            following = following.nextInFocusChain()
        return following

    order = window.form.focus_order()
    for widget, expected in itertools.pairwise(order):
        reached = next_control(widget)
        assert reached is expected or expected.isAncestorOf(reached), widget.accessibleName()


def test_a_missing_recent_file_is_explained_and_forgotten(window: MainWindow, tmp_path: Path) -> None:
    gone = tmp_path / "gone.yaml"
    window.settings.add_recent_file(gone)
    assert not window.open_path(gone)
    assert "gone.yaml" in window.message_bar.text()
    assert gone.resolve() not in window.settings.recent_files()


def test_open_starts_in_the_last_folder(window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from core.files.paths import start_folder

    folders: list[Path] = []
    monkeypatch.setattr(dialogs, "open_file_name", lambda _p, folder: folders.append(folder))
    window.open_action.trigger()
    assert folders[-1] == start_folder() == Path.home()  # no Documents folder in this home
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(EXAMPLE.read_bytes())
    assert window.open_path(copy)
    window.open_action.trigger()
    assert folders[-1] == tmp_path.resolve()


def test_a_per_day_volume_that_does_not_divide_evenly_survives_other_edits(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    discard_on_close(monkeypatch)
    path = tmp_path / "daily.yaml"
    text = "version: 1\nscenarios:\n  - name: d\n    model: gpt-image-1-mini\n    quality: low\n"
    text += "    size: 1024x1024\n    requests_per_month: 20000\n    volume_unit: day\n"
    path.write_text(text, encoding="utf-8")
    assert window.open_path(path)
    assert window.form.volume_edit.text() == "666.67"
    choose(window.form.quality_combo, "high")
    scenario = window.document.scenario(0)
    assert (scenario.quality, scenario.requests_per_month, scenario.volume_unit) == ("high", 20_000, "day")
    assert window.form.error_text() == ""


def test_the_status_bar_names_the_opened_and_saved_file_not_its_folder(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert window.open_path(EXAMPLE, ask=False)
    assert window.statusBar().currentMessage() == "Opened example.yaml"
    target = tmp_path / "deep" / "folder" / "plan.yaml"
    monkeypatch.setattr(dialogs, "save_file_name", lambda _parent, _suggested: target)
    assert window.save_as()
    assert window.statusBar().currentMessage() == "Saved plan.yaml"


def test_fidelity_shows_high_where_the_model_always_uses_it_and_the_file_keeps_its_value(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    discard_on_close(monkeypatch)
    assert window.open_path(EXAMPLE, ask=False)
    window.select_row(1)  # gpt-image-2 with an input image; the file leaves input_fidelity at low
    form = window.form
    assert window.document.scenario(1).input_fidelity == "low"
    assert not form.fidelity_combo.isEnabled()
    assert form.fidelity_combo.currentData() == "high"
    type_into(qtbot, form.volume_edit, "9000")  # any other edit keeps the file's own value
    assert window.document.scenario(1).requests_per_month == 9000
    assert window.document.scenario(1).input_fidelity == "low"
    choose(form.model_combo, "gpt-image-1")  # a model with a choice shows the scenario's value again
    assert form.fidelity_combo.isEnabled()
    assert form.fidelity_combo.currentData() == "low"


def test_the_breakdown_table_is_as_tall_as_its_rows(window: MainWindow) -> None:
    assert window.open_path(EXAMPLE, ask=False)
    window.select_row(1)
    table = window.totals.table
    rows = window.totals.breakdown.rowCount()
    assert rows >= 4  # three lines and the total
    assert table.maximumHeight() <= table.horizontalHeader().sizeHint().height() + (rows + 1) * table.rowHeight(0)
    assert table.height() <= table.maximumHeight()


def test_a_warning_that_already_says_unconfirmed_is_not_titled_twice(window: MainWindow) -> None:
    assert window.open_path(EXAMPLE, ask=False)
    window.select_row(1)  # gpt-image-2 with an input image: unconfirmed token count, and a note
    lines = window.totals.message.text().splitlines()
    assert lines[0].startswith("The gpt-image-2 input-image token count is unconfirmed")
    assert lines[1] == "Note: gpt-image-2 always processes input images at high fidelity"


def test_the_breakdown_shows_the_token_exact_figure_beside_the_published_price(
    window: MainWindow, tmp_path: Path
) -> None:
    # gpt-image-1 high 1024x1536: published $0.25; 6,240 documented tokens x $40 / 1M = $0.2496.
    path = tmp_path / "one.yaml"
    open_one_scenario_file(window, path, name="Tall", model="gpt-image-1", quality="high", size="1024x1536")
    assert "Image output price: published $0.25; token-exact $0.2496 (6,240 tokens)" in window.totals.detail.text()


def test_tab_leaves_every_table_of_the_window(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractItemView

    window.open_path(EXAMPLE, ask=False)
    window.build_tools()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    views = window.findChildren(QAbstractItemView)
    assert len(views) >= 5
    assert [view.accessibleName() or type(view).__name__ for view in views if view.tabKeyNavigation()] == []
    table = window.totals.table  # the Breakdown table, where Tab used to cycle the cells for good
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert window.focusWidget() is not table


def test_every_control_of_the_window_has_an_accessible_name(qtbot: QtBot, window: MainWindow) -> None:
    """What a screen reader says for each control: its own name, its label's (buddy) or its text."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QWidget

    window.open_path(EXAMPLE, ask=False)
    window.build_tools()
    window.select_row(2)
    qtbot.mouseClick(window.planning.stages.template, Qt.MouseButton.LeftButton)  # the Stages rows exist
    kinds = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QAbstractButton)
    nameless = []
    for widget in window.findChildren(QWidget):
        inner_edit = isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox, QAbstractSpinBox))
        if not isinstance(widget, kinds) or inner_edit or widget.window() is not window:
            continue  # a combo's or spin box's own line edit, a popup list: named by their owner
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        face = QAccessible.queryAccessibleInterface(widget)
        if not (face and face.text(QAccessible.Text.Name)):
            nameless.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
    assert nameless == []


def test_saving_stamps_the_sheets_from_the_priced_view_without_pricing_again(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import core.pricing.reprice as reprice_module

    assert window.open_path(EXAMPLE, ask=False)
    calls: list[object] = []
    real = reprice_module.estimate
    monkeypatch.setattr(reprice_module, "estimate", lambda *a, **k: calls.append(a) or real(*a, **k))
    monkeypatch.setattr(dialogs, "save_file_name", lambda _parent, _suggested: tmp_path / "saved.yaml")
    assert window.save_as()
    assert calls == []
    saved = load(tmp_path / "saved.yaml")
    assert [s.priced_with for s in saved.scenarios] == [s.priced_with for s in window.document.scenarios]
    assert all(s.priced_with is not None for s in saved.scenarios)
