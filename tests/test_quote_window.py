"""The quote features inside the real main window: menus, undoable quote details, Charts tab, exports."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.quote.quote import quote_from_file
from gui.editors.quote_details import QuoteDetailsDialog
from gui.window.main_window import MainWindow


@pytest.fixture
def window(example_window: MainWindow) -> MainWindow:
    """Every test here starts from the example file with the tools built (tests/conftest.py)."""
    return example_window


def test_the_tools_come_after_the_first_frame_or_when_a_menu_opens(qtbot: QtBot) -> None:
    win = MainWindow()
    qtbot.addWidget(win)
    titles = [win.tabs.tabText(i) for i in range(win.tabs.count())]
    # Complete before the tools are built.
    assert titles == ["&Breakdown", "&Comparison", "C&harts", "S&tages", "&Plan", "&Actuals"]
    assert not win.tools_built
    win.file_menu.aboutToShow.emit()
    assert win.tools_built
    assert win.quote_actions.details_action in win.file_menu.actions()
    assert win.charts_tab.content is win.quote_actions.charts


def test_file_menu_has_the_quote_actions(window: MainWindow) -> None:
    texts = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    for text in ("&Quote Details…", "Print Pre&view…", "&Print…", "&Export Quote"):
        assert text in texts
    assert texts.index("&Export Quote") < texts.index("&Quit")


def test_quote_details_are_undoable_and_mark_the_file_modified(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(dialog: QuoteDetailsDialog) -> int:
        dialog.client_edit.setText("Globex")
        dialog.markup_edit.setText("20")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(QuoteDetailsDialog, "exec", fill)
    quote_changes: list[None] = []
    window.document.quoteChanged.connect(lambda: quote_changes.append(None))
    window.quote_actions.details_action.trigger()
    assert quote_changes == [None]  # the window edits the header through the controller's one path
    assert window.document.undo_stack.undoText() == "Quote Details"
    assert window.document.quote.client == "Globex"
    assert window.document.quote.markup_percent == Decimal(20)
    assert window.document.is_modified()
    window.undo_action.trigger()
    assert window.document.quote.client == "Example Co."
    assert not window.document.is_modified()


def test_saved_quote_details_reopen_with_the_same_figures(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(dialog: QuoteDetailsDialog) -> int:
        dialog.markup_edit.setText("10")
        dialog.currency_box.setCurrentText("EUR")
        dialog.rate_edit.setText("0.95")
        dialog.rate_date_edit.set_value(dt.date(2026, 11, 20))  # a rate with no date is refused
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(QuoteDetailsDialog, "exec", fill)
    window.quote_actions.details_action.trigger()
    path = tmp_path / "saved.yaml"
    window.document.save(path)
    before = window.quote_actions.source.quote()
    window.open_path(path, ask=False)
    after = window.quote_actions.source.quote()
    assert after.header == before.header
    assert after.total_monthly == before.total_monthly and after.convert(after.total_monthly) is not None


def test_charts_tab_follows_edits(window: MainWindow) -> None:
    charts = window.quote_actions.charts
    assert window.quote_actions.show_charts_action is not None
    window.quote_actions.show_charts_action.trigger()
    assert window.tabs.currentWidget() is window.charts_tab and charts.isVisible()
    assert "Campaign heroes" in charts.current_view().svg()
    window.document.rename(2, "Hero banners")
    assert "Hero banners" in charts.current_view().svg()


def test_export_json_from_the_window_matches_the_document(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "quote.json"
    assert window.quote_actions.export("json", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    expected = quote_from_file(window.document.document)
    assert Decimal(data["totals"]["price_monthly"]) == expected.total_monthly
    assert data["quote"]["client"] == "Example Co."


def test_selected_scenario_only_exports_just_that_one(window: MainWindow, tmp_path: Path) -> None:
    window.select_row(1)
    window.quote_actions.only_selected_action.setChecked(True)
    path = tmp_path / "one.json"
    assert window.quote_actions.export("json", path)
    names = [s["name"] for s in json.loads(path.read_text(encoding="utf-8"))["scenarios"]]
    assert names == ["Marketplace listing edits"]


def test_breakdown_chart_follows_the_selected_scenario(window: MainWindow) -> None:
    charts = window.quote_actions.charts
    window.tabs.setCurrentWidget(window.charts_tab)
    charts.show_chart("breakdown")
    window.select_row(2)
    assert charts.scenario_box.currentIndex() == 2
    assert "Campaign heroes" in charts.current_view().svg()


def test_the_quote_and_the_charts_read_the_one_priced_view(window: MainWindow) -> None:
    quote = window.quote_actions.source.quote()
    assert [e is window.priced.row(i).estimate for i, e in enumerate(quote.estimates)] == [True] * len(window.priced)
    assert window.estimates() == list(quote.estimates)
