"""The user guide and the glossary in the Help menu (issue #14 item 10): bundled, offline, opened by F1."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextBrowser
from pytestqt.qtbot import QtBot

from core.files import paths
from core.vocabulary import GLOSSARY, PER_DELIVERED_IMAGE, PER_GENERATED_IMAGE, glossary_html, glossary_text
from gui.shortcuts import key_sequences
from gui.views.guide import THIS_COMPUTER_MARK, GlossaryDialog, GuideDialog, guide_file, guide_html
from gui.window.main_window import MainWindow

GLOSSARY_BLOCK = re.compile(r"<!-- glossary: begin[^>]*-->\n(.*?)\n<!-- glossary: end -->", re.S)


def _guide_source() -> str:
    return guide_file().read_text(encoding="utf-8")


def test_the_guides_glossary_is_the_glossary_of_core() -> None:
    found = GLOSSARY_BLOCK.search(_guide_source())
    assert found is not None, "resources/guide/index.html lost its glossary markers"
    assert found.group(1) == glossary_html(), (
        "the guide's glossary differs from core/vocabulary.py; paste this between its markers:\n" + glossary_html()
    )


def test_the_guide_covers_the_figures_the_planning_tools_and_where_files_go() -> None:
    text = _guide_source()
    for words in (PER_DELIVERED_IMAGE, PER_GENERATED_IMAGE, "Per month", "Per year", "published price"):
        assert words in text, words
    for tool in ("Stages", "Budget", "Cost table", "Rate limits", "Growth", "Charts", "Actuals", "Re-price"):
        assert re.search(rf"<b>[^<]*{tool}", text), f"{tool} is not named in bold in the guide"
    for folder in (paths.APP_NAME, "price-sheets", "autosave", paths.SETTINGS_FILE_NAME, paths.SCENARIO_FOLDER_NAME):
        assert folder in text, folder
    assert THIS_COMPUTER_MARK in text


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key):
                self.targets.add(str(values[key]))
        href = values.get("href")
        if tag == "a" and href:
            self.links.append(href)


def test_every_link_of_the_guide_stays_inside_it() -> None:
    parser = _Links()
    parser.feed(_guide_source())
    assert parser.links
    for link in parser.links:
        assert link.startswith("#"), f"{link}: the guide must open offline"
        assert link[1:] in parser.targets, link


def test_the_window_lists_this_computers_folders_where_the_guide_marks_the_place() -> None:
    html = guide_html()
    assert THIS_COMPUTER_MARK not in html
    assert str(paths.price_sheets_dir()) in html and str(paths.autosave_dir()) in html


def _active(window: MainWindow) -> MainWindow:
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    return window


def test_f1_opens_the_guide(qtbot: QtBot, window: MainWindow) -> None:
    assert key_sequences("help.guide")[0].toString() == "F1"
    _active(window)
    assert not any(isinstance(w, GuideDialog) for w in QApplication.topLevelWidgets())  # nothing built at start
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.help_dialogs.get(GuideDialog)
    assert isinstance(guide, GuideDialog)
    qtbot.waitUntil(guide.isVisible)
    browser = guide.findChild(QTextBrowser)
    assert browser is not None
    text = browser.toPlainText()
    assert "Image Cost Calculator: user guide" in text and PER_DELIVERED_IMAGE in text
    assert GLOSSARY[0].meaning in text
    guide.close()
    qtbot.keyClick(_active(window), Qt.Key.Key_F1)  # again: the same dialog, shown again
    assert window.help_dialogs[GuideDialog] is guide and guide.isVisible()


def _click_help_item(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Click Help in the menu bar, then the item, as a person does."""
    bar = window.menuBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(window.help_menu.menuAction()).center())
    menu = window.help_menu
    qtbot.waitUntil(menu.isVisible)
    item = next(a for a in menu.actions() if a.text().replace("&", "") == text)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(item).center())


def test_the_help_menu_opens_the_guide_and_the_glossary(qtbot: QtBot, window: MainWindow) -> None:
    _active(window)
    _click_help_item(qtbot, window, "User Guide")
    qtbot.waitUntil(lambda: GuideDialog in window.help_dialogs and window.help_dialogs[GuideDialog].isVisible())
    window.help_dialogs[GuideDialog].close()
    _click_help_item(qtbot, _active(window), "Glossary")
    qtbot.waitUntil(lambda: GlossaryDialog in window.help_dialogs and window.help_dialogs[GlossaryDialog].isVisible())
    shown = window.help_dialogs[GlossaryDialog].findChild(QPlainTextEdit)
    assert shown is not None and shown.isReadOnly()
    assert shown.toPlainText() == glossary_text()  # plain text: core's words as they are


def test_the_dialogs_fit_a_small_screen(qtbot: QtBot) -> None:
    for kind in (GuideDialog, GlossaryDialog):
        dialog = kind()
        qtbot.addWidget(dialog)
        room = dialog.screen().availableGeometry()
        assert dialog.width() <= room.width() and dialog.height() <= room.height()
