"""Issue #13: every value a person types is the value kept, and every key does what it says.

Each test drives the window as the person did: keys and clicks sent to widgets
(qtbot.keyClick, keyClicks, mouseClick), never action.trigger() or a slot.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from core.pricing.defaults import default_scenario
from gui.shortcuts import ActionName, key_sequences
from gui.views import dialogs
from gui.window.main_window import MainWindow
from tests.conftest import settle_layout


def press(qtbot: QtBot, window: MainWindow, name: ActionName) -> None:
    """Send the first key of NAME (from gui/shortcuts.py) to the focused widget, as a keyboard would."""
    combo = key_sequences(name)[0][0]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())


def focus(qtbot: QtBot, window: MainWindow, widget: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


# -- 3: every tab's shortcut reaches its tab, sent as a key -----------------------------------
@pytest.mark.parametrize(
    ("name", "tab"),
    [
        ("view.stages", "stages_tab"),
        ("view.plan", "plan_tab"),
        ("view.charts", "charts_tab"),
        ("view.comparison", "comparison"),
        ("view.breakdown", "breakdown_tab"),
        ("view.actuals", "actuals_tab"),
    ],
)
def test_each_tab_shortcut_sent_as_a_key_opens_its_tab(
    qtbot: QtBot, example_window: MainWindow, name: ActionName, tab: str
) -> None:
    window = example_window
    focus(qtbot, window, window.scenario_list)
    start = window.plan_tab if tab != "plan_tab" else window.breakdown_tab
    window.tabs.setCurrentWidget(start)
    press(qtbot, window, name)
    assert window.tabs.currentWidget() is getattr(window, tab)


def test_tab_shortcuts_work_from_inside_a_form_field(qtbot: QtBot, example_window: MainWindow) -> None:
    window = example_window
    focus(qtbot, window, window.form.name_edit)
    press(qtbot, window, "view.stages")
    assert window.tabs.currentWidget() is window.stages_tab
    press(qtbot, window, "view.charts")
    assert window.tabs.currentWidget() is window.charts_tab


# -- 5: Add gives a fresh scenario, Duplicate copies ------------------------------------------
def test_add_gives_a_fresh_default_scenario_and_duplicate_copies(qtbot: QtBot, example_window: MainWindow) -> None:
    window = example_window
    window.select_row(1)
    selected = window.document.scenario(1)
    count = len(window.document)
    settle_layout()  # the selected scenario's form may have asked for a new layout
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    assert len(window.document) == count + 1
    added = window.document.scenario(window.current_row())
    assert added == default_scenario(window.document.catalog, added.name)
    assert added.name not in {s.name for s in window.document.scenarios[:count]}
    assert added.model_dump(exclude={"name"}) != selected.model_dump(exclude={"name"})

    window.select_row(1)
    qtbot.mouseClick(window.duplicate_button, Qt.MouseButton.LeftButton)
    copy = window.document.scenario(window.current_row())
    assert copy.model_dump(exclude={"name"}) == selected.model_dump(exclude={"name"})


def test_add_scenario_by_its_key_is_fresh_too(qtbot: QtBot, example_window: MainWindow) -> None:
    window = example_window
    window.select_row(1)
    focus(qtbot, window, window.scenario_list)
    press(qtbot, window, "scenario.add")
    added = window.document.scenario(window.current_row())
    assert added == default_scenario(window.document.catalog, added.name)


# -- 8: Save As and Open start in Documents/Image Cost Calculator -----------------------------
@pytest.fixture
def documents(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A fresh home whose Documents folder exists (platformdirs reads XDG_DOCUMENTS_DIR)."""
    docs = tmp_path / "Documents"
    docs.mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(docs))
    return docs


def test_save_as_starts_in_the_documents_app_folder_with_an_imagecost_name(
    qtbot: QtBot, window: MainWindow, documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Path] = []
    monkeypatch.setattr(dialogs, "save_file_name", lambda _parent, suggested: asked.append(suggested))
    focus(qtbot, window, window.scenario_list)
    press(qtbot, window, "file.save_as")
    assert asked == [documents / "Image Cost Calculator" / "Scenarios.imagecost.yaml"]
    assert asked[0].parent.is_dir()


def test_open_starts_in_the_documents_app_folder(
    qtbot: QtBot, window: MainWindow, documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Path] = []
    monkeypatch.setattr(dialogs, "open_file_name", lambda _parent, folder: asked.append(folder))
    focus(qtbot, window, window.scenario_list)
    press(qtbot, window, "file.open")
    assert asked == [documents / "Image Cost Calculator"]
    assert asked[0].is_dir()


def test_a_name_typed_without_a_suffix_gets_the_imagecost_one(
    qtbot: QtBot, window: MainWindow, documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(documents / "mine"), ""))
    assert dialogs.save_file_name(window, documents / "x.imagecost.yaml") == documents / "mine.imagecost.yaml"


# -- helpers over files ----------------------------------------------------------------------
def open_yaml(window: MainWindow, tmp_path: Path, scenarios: str) -> Path:
    """Write a scenario file (SCENARIOS: the YAML list items) and open it in the window."""
    path = tmp_path / "case.imagecost.yaml"
    path.write_text(f"version: 1\nscenarios:\n{scenarios}", encoding="utf-8")
    assert window.open_path(path, ask=False)
    return path


def retype(qtbot: QtBot, window: MainWindow, widget: QWidget, text: str) -> None:
    """Click into WIDGET, Ctrl+A, type TEXT: what a person does to replace a field's value."""
    focus(qtbot, window, widget)
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


HIGH_1536 = """  - name: Posters
    model: gpt-image-2
    quality: high
    size: 1536x1024
    requests_per_month: 1000
"""


# -- 1: typing a size never applies a preset the person did not choose ------------------------
def test_typing_a_size_keeps_the_last_valid_size_until_the_text_is_a_whole_valid_size(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = open_yaml(window, tmp_path, HIGH_1536)
    form = window.form
    before = window.totals.per_month.text()
    editor = form.size_combo.lineEdit()
    assert editor is not None
    retype(qtbot, window, editor, "1")
    assert form.size_combo.currentText() == "1"  # not completed to the preset 1024x1024
    assert window.document.scenario(0).size == "1536x1024"
    assert window.totals.per_month.text() == before
    qtbot.keyClicks(editor, "000x1000")
    assert "multiple of 16" in form.error_text()
    assert window.document.scenario(0).size == "1536x1024"
    assert window.totals.per_month.text() == before
    press(qtbot, window, "file.save")
    assert "size: 1536x1024" in path.read_text(encoding="utf-8")

    retype(qtbot, window, editor, "1024x1024")  # complete and valid: applied
    assert window.document.scenario(0).size == "1024x1024"
    assert window.totals.per_month.text() != before


def test_a_preset_picked_from_the_list_applies(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    open_yaml(window, tmp_path, HIGH_1536)
    combo = window.form.size_combo
    focus(qtbot, window, combo)
    qtbot.keyClick(combo, Qt.Key.Key_F4)  # open the list of presets
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    target = combo.findText("1024x1024")
    for _step in range(combo.count()):
        if view.currentIndex().row() == target:
            break
        qtbot.keyClick(view, Qt.Key.Key_Down if view.currentIndex().row() < target else Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.document.scenario(0).size == "1024x1024"


# -- 2: no control rounds a value the person did not edit ------------------------------------
SHARES = """  - name: Cached
    model: gpt-image-1.5
    quality: medium
    size: 1024x1024
    requests_per_month: 1000
    prompt_tokens: 600
    cached_prompt_share: 0.333
    stages:
      - {name: Drafts, model: gpt-image-1.5, quality: low, size: 1024x1024, images_per_request: 4}
      - {name: Finals, model: gpt-image-1.5, quality: medium, size: 1024x1024, share: 0.1234}
"""


def test_renaming_and_saving_keeps_the_cached_share_and_stage_share_digits(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from decimal import Decimal

    from core.storage.scenario_file import load

    path = open_yaml(window, tmp_path, SHARES)
    assert window.form.cached_spin.text() == "33.3 %"  # the exact percent the file holds
    retype(qtbot, window, window.form.name_edit, "Renamed")
    press(qtbot, window, "file.save")
    saved = load(path).scenarios[0]
    assert saved.name == "Renamed"
    assert saved.cached_prompt_share == Decimal("0.333")
    assert saved.stages[1].share == Decimal("0.1234")


def test_typing_a_share_keeps_every_digit(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    from decimal import Decimal

    open_yaml(window, tmp_path, SHARES)
    retype(qtbot, window, window.form.cached_spin, "12.5")
    assert window.document.scenario(0).cached_prompt_share == Decimal("0.125")
    retype(qtbot, window, window.form.cached_spin, "lots")
    assert "Not applied: 'lots' is not a percentage" in window.form.error_text()
    assert window.document.scenario(0).cached_prompt_share == Decimal("0.125")


def test_typing_a_stage_share_keeps_every_digit(qtbot: QtBot, example_window: MainWindow, tmp_path: Path) -> None:
    from decimal import Decimal

    window = example_window
    open_yaml(window, tmp_path, SHARES)
    window.tabs.setCurrentWidget(window.stages_tab)
    share = window.planning.stages.table.cellWidget(1, 5)
    assert share is not None
    assert share.text() == "12.34 %"  # type: ignore[attr-defined]
    retype(qtbot, window, share, "12.25")
    assert window.document.scenario(0).stages[1].share == Decimal("0.1225")


# -- 6: no hidden edits -----------------------------------------------------------------------
def test_a_staged_scenario_says_beside_quality_that_it_edits_the_last_stage(
    qtbot: QtBot, example_window: MainWindow
) -> None:
    window = example_window
    note = window.form.stage_note
    assert note.isHidden()  # the example's first scenario has no stages
    window.select_row(1)
    window.tabs.setCurrentWidget(window.stages_tab)
    qtbot.mouseClick(window.planning.stages.template, Qt.MouseButton.LeftButton)
    assert not note.isHidden()
    assert note.text() == (
        'Staged: Model, Quality and Size edit the last stage, "Finals". '
        "The other stages are on the Stages tab (Ctrl+3)."
    )
    combo = window.form.quality_combo
    focus(qtbot, window, combo)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    staged = window.document.scenario(1)
    assert staged.stages[-1].quality == staged.quality == combo.currentData()
    qtbot.mouseClick(window.planning.stages.clear, Qt.MouseButton.LeftButton)
    assert note.isHidden()


def test_fidelity_is_disabled_without_input_images_and_keeps_the_files_value(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = open_yaml(
        window,
        tmp_path,
        "  - {name: Edits, model: gpt-image-1.5, quality: low, size: 1024x1024, requests_per_month: 10,"
        " input_fidelity: high}\n",
    )
    form = window.form
    assert not form.fidelity_combo.isEnabled()
    assert form.fidelity_combo.toolTip() == "No input images: fidelity applies once a request sends one"
    retype(qtbot, window, form.input_count_spin, "1")
    assert form.fidelity_combo.isEnabled()
    assert window.document.scenario(0).input_fidelity == "high"
    retype(qtbot, window, form.input_count_spin, "0")
    assert not form.fidelity_combo.isEnabled()
    press(qtbot, window, "file.save")
    assert "input_fidelity: high" in path.read_text(encoding="utf-8")


# -- 7: the form shows the start of the scenario --------------------------------------------
LONG = "A scenario whose name is far too long to fit in the field so its end would show " + "x" * 60


def test_after_opening_and_switching_the_form_is_at_its_top_and_fields_show_their_start(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.resize(1024, 500)
    first = tmp_path / "first.imagecost.yaml"
    first.write_text(
        f"version: 1\nscenarios:\n  - {{name: {LONG}, model: gpt-image-1.5, quality: low, size: 1024x1024,"
        " requests_per_month: 10}\n  - {name: Second, model: gpt-image-1.5, quality: low,"
        " size: 1024x1024, requests_per_month: 10, notes: " + LONG + "}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(dialogs, "open_file_name", lambda _parent, _folder: first)
    bar = window.form_scroll.verticalScrollBar()
    focus(qtbot, window, window.form.notes_edit)  # the person was working at the bottom of the form
    window.form_scroll.ensureWidgetVisible(window.form.notes_edit)
    assert bar.value() > 0
    press(qtbot, window, "file.open")
    assert window.form.name_edit.text() == LONG
    assert window.form.name_edit.cursorPosition() == 0
    assert bar.value() == 0

    window.form_scroll.ensureWidgetVisible(window.form.notes_edit)
    assert bar.value() > 0
    second = window.scenario_list.visualRect(window.list_proxy.index(1, 0)).center()
    qtbot.mouseClick(window.scenario_list.viewport(), Qt.MouseButton.LeftButton, pos=second)
    assert window.current_row() == 1
    assert bar.value() == 0
    assert window.form.notes_edit.cursorPosition() == 0


# -- 9: Copy and Select All ------------------------------------------------------------------
def clipboard() -> tuple[str, str]:
    data = QApplication.clipboard().mimeData()
    assert data is not None
    return data.text(), data.html()


def test_ctrl_a_ctrl_c_in_the_comparison_copies_every_row_with_headers_as_text_and_html(
    qtbot: QtBot, example_window: MainWindow
) -> None:
    window = example_window
    press(qtbot, window, "view.comparison")
    focus(qtbot, window, window.comparison)
    press(qtbot, window, "edit.select_all")
    press(qtbot, window, "edit.copy")
    text, markup = clipboard()
    lines = text.splitlines()
    model = window.comparison.model()
    # The titles on one line each, as the header menu names them (the header shows one on two lines).
    shown = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
    headers = [" ".join(title.split()) for title in shown]
    assert lines[0].split("\t") == headers
    assert "Per delivered image" in headers
    assert len(lines) == 1 + model.rowCount()
    assert lines[1].split("\t")[0] == window.comparison_proxy.index(0, 0).data()
    assert markup.startswith("<table><thead><tr><th>") and markup.count("<tr>") == 1 + model.rowCount()


def test_copy_takes_the_selected_rows_only(qtbot: QtBot, example_window: MainWindow) -> None:
    window = example_window
    press(qtbot, window, "view.comparison")
    table = window.comparison
    first = table.visualRect(table.model().index(0, 0)).center()
    third = table.visualRect(table.model().index(2, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=first)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, pos=third)
    focus(qtbot, window, table)
    press(qtbot, window, "edit.copy")
    text, _markup = clipboard()
    names = [line.split("\t")[0] for line in text.splitlines()[1:]]
    assert names == [table.model().index(0, 0).data(), table.model().index(2, 0).data()]


def test_copying_escapes_text_from_the_file_in_the_html(
    qtbot: QtBot, example_window: MainWindow, tmp_path: Path
) -> None:
    window = example_window
    open_yaml(
        window,
        tmp_path,
        "  - {name: '<b>Bold</b> & co', model: gpt-image-1.5, quality: low, size: 1024x1024, requests_per_month: 10}\n",
    )
    press(qtbot, window, "view.comparison")
    focus(qtbot, window, window.comparison)
    press(qtbot, window, "edit.copy")
    text, markup = clipboard()
    assert "<b>Bold</b> & co" in text
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in markup and "<b>" not in markup


def test_the_breakdown_copies_its_lines_from_the_edit_menu(qtbot: QtBot, example_window: MainWindow) -> None:
    window = example_window
    press(qtbot, window, "view.breakdown")
    focus(qtbot, window, window.totals.table)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # Alt+E opens Edit
    menu = window.edit_menu
    qtbot.waitUntil(menu.isVisible)
    qtbot.keyClick(menu, Qt.Key.Key_C)  # &Copy
    qtbot.waitUntil(lambda: not menu.isVisible())
    text, markup = clipboard()
    lines = text.splitlines()
    assert lines[0] == "Item\tQuantity / month\tUnit\tUnit price\tCost / month"
    assert lines[-1].startswith("Total\t")
    assert '<td style="text-align: right">' in markup


def test_the_tables_context_menu_offers_copy_and_select_all(qtbot: QtBot, example_window: MainWindow) -> None:
    from PySide6.QtWidgets import QMenu

    window = example_window
    press(qtbot, window, "view.comparison")
    table = window.comparison
    shown: list[list[str]] = []

    def close_and_note() -> None:
        menu = next(m for m in QApplication.topLevelWidgets() if isinstance(m, QMenu) and m.isVisible())
        shown.append([a.text() for a in menu.actions()])
        qtbot.keyClick(menu, Qt.Key.Key_A)  # Select &All

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, close_and_note)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(table.model().index(0, 0)).center()
    )
    from PySide6.QtGui import QContextMenuEvent

    center = table.visualRect(table.model().index(0, 0)).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, center, table.viewport().mapToGlobal(center))
    QApplication.sendEvent(table.viewport(), event)
    assert shown == [["&Copy", "Select &All"]]
    assert len({i.row() for i in table.selectionModel().selectedIndexes()}) == table.model().rowCount()


# -- 4: Alt-key mnemonics: the menu bar's win, the rest choose free letters -------------------
def mnemonic(text: str) -> str | None:
    """The letter after a single '&' ('Sa&ve' -> 'v'), or None."""
    import re

    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def widget_mnemonics(root: QWidget) -> list[tuple[str, str]]:
    """(letter, what) for every label with a buddy, button, group box and tab under ROOT."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabWidget

    found: list[tuple[str | None, str]] = []
    for label in root.findChildren(QLabel):
        if label.buddy() is not None:
            found.append((mnemonic(label.text()), f"label {label.text()!r}"))
    for button in root.findChildren(QAbstractButton):
        found.append((mnemonic(button.text()), f"button {button.text()!r}"))
    for group in root.findChildren(QGroupBox):
        found.append((mnemonic(group.title()), f"group {group.title()!r}"))
    for tabs in root.findChildren(QTabWidget):
        found.extend((mnemonic(tabs.tabText(i)), f"tab {tabs.tabText(i)!r}") for i in range(tabs.count()))
    return [(letter, what) for letter, what in found if letter is not None]


def duplicates(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    by_letter: dict[str, list[str]] = {}
    for letter, what in pairs:
        by_letter.setdefault(letter, []).append(what)
    return {letter: whats for letter, whats in by_letter.items() if len(whats) > 1}


def test_no_two_mnemonics_in_the_window_share_a_letter(example_window: MainWindow) -> None:
    """What is on screen at once (menu bar, left column, tab bar and one tab's page) has one owner per letter."""
    from PySide6.QtWidgets import QMenu

    window = example_window
    menus = [(mnemonic(a.text()), f"menu {a.text()!r}") for a in window.menuBar().actions()]
    assert all(letter for letter, _what in menus)
    pages = [window.tabs.widget(i) for i in range(window.tabs.count())]
    always = [
        pair
        for pair in widget_mnemonics(window.centralWidget())
        if not any(page.isAncestorOf(widget) for page in pages for widget in _owners(window, pair))
    ]
    for page in pages:
        on_screen = menus + always + widget_mnemonics(page)
        assert duplicates([(letter or "", what) for letter, what in on_screen]) == {}, window.tabs.tabText(
            window.tabs.indexOf(page)
        )
    for menu in window.menuBar().findChildren(QMenu):
        inside = [(mnemonic(a.text()), a.text()) for a in menu.actions() if not a.isSeparator()]
        assert duplicates([(letter, what) for letter, what in inside if letter]) == {}, menu.title()


def _owners(window: MainWindow, pair: tuple[str, str]) -> list[QWidget]:
    """The widgets whose mnemonic is PAIR (found again by their description)."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

    owners: list[QWidget] = []
    for widget in window.centralWidget().findChildren(QWidget):
        text = (
            widget.title()
            if isinstance(widget, QGroupBox)
            else widget.text()
            if isinstance(widget, QLabel | QAbstractButton)
            else None
        )
        if text is not None and repr(text) in pair[1]:
            owners.append(widget)
    return owners


@pytest.mark.parametrize(
    ("key", "menu"),
    [("F", "file_menu"), ("E", "edit_menu"), ("S", "scenario_menu"), ("V", "view_menu"), ("H", "help_menu")],
)
def test_alt_and_a_menus_letter_opens_that_menu_from_the_form(
    qtbot: QtBot, example_window: MainWindow, key: str, menu: str
) -> None:
    window = example_window
    focus(qtbot, window, window.form.name_edit)
    qtbot.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{key}"), Qt.KeyboardModifier.AltModifier)
    opened = getattr(window, menu)
    qtbot.waitUntil(opened.isVisible)
    qtbot.keyClick(opened, Qt.Key.Key_Escape)
    assert window.tabs.currentWidget() is window.breakdown_tab  # Alt+H never jumps to a tab


def test_alt_c_reaches_the_comparison_tab(qtbot: QtBot, example_window: MainWindow) -> None:
    window = example_window
    focus(qtbot, window, window.scenario_list)
    qtbot.keyClick(window.scenario_list, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is window.comparison


def test_alt_d_discards_in_the_unsaved_changes_question(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(dialogs, "ask_save_changes", ASK_SAVE_CHANGES)  # the real question, this once
    retype(qtbot, window, window.form.name_edit, "Changed")
    assert window.isWindowModified()
    seen: list[list[str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return  # not open yet: the timer looks again
        timer.stop()
        seen.append([button.text() for button in box.buttons()])
        try:
            box.activateWindow()
            qtbot.waitUntil(box.isActiveWindow, timeout=2000)
            qtbot.keyClick(QApplication.focusWidget() or box, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
            qtbot.waitUntil(lambda: not box.isVisible(), timeout=2000)  # the button's click is animated
        except Exception:
            box.reject()  # the key did not answer: close it, so the test fails instead of hanging

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(20)
    try:
        press(qtbot, window, "file.new")
    finally:
        timer.stop()
        monkeypatch.setattr(dialogs, "ask_save_changes", lambda _parent, _name: "discard")  # closing never asks
    assert sorted(seen[0]) == ["&Discard", "&Save", "Cancel"]
    assert window.document.scenario(0).name == "Scenario 1"
    assert not window.isWindowModified()


ASK_SAVE_CHANGES = dialogs.ask_save_changes


def test_ctrl_c_on_a_chart_copies_the_chart(qtbot: QtBot, example_window: MainWindow) -> None:
    window = example_window
    press(qtbot, window, "view.charts")
    view = window.quote_actions.charts.current_view()
    qtbot.waitUntil(lambda: view.copy_action.isEnabled())
    QApplication.clipboard().clear()
    focus(qtbot, window, view)
    press(qtbot, window, "edit.copy")
    data = QApplication.clipboard().mimeData()
    assert data is not None and data.hasImage()


def test_a_stage_size_typed_is_not_completed_to_a_preset(qtbot: QtBot, example_window: MainWindow) -> None:
    window = example_window
    window.select_row(1)  # gpt-image-2 takes any size
    press(qtbot, window, "view.stages")
    qtbot.mouseClick(window.planning.stages.template, Qt.MouseButton.LeftButton)
    before = window.document.scenario(1).stages
    size = window.planning.stages.table.cellWidget(1, 3)
    editor = size.lineEdit()  # type: ignore[attr-defined]
    retype(qtbot, window, editor, "1")
    assert editor.text() == "1"
    assert window.document.scenario(1).stages == before


def test_the_quote_details_dialog_has_one_owner_per_letter(qtbot: QtBot) -> None:
    from core.model.quote_header import QuoteHeader
    from gui.editors.quote_details import QuoteDetailsDialog

    dialog = QuoteDetailsDialog(QuoteHeader())
    qtbot.addWidget(dialog)
    found = widget_mnemonics(dialog)
    assert len(found) >= 10  # every field's label has its letter
    assert duplicates(found) == {}
