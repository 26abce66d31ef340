"""Comparison columns fit their contents, the name takes the slack, and columns can be hidden (issue #14 item 2)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QHelpEvent
from PySide6.QtWidgets import QApplication, QMenu, QToolTip
from pytestqt.qtbot import QtBot

from gui.views.column_fit import share
from gui.views.scenario_table import COL_NAME, COL_QUALITY, COL_SIZE, COL_VOLUME, HEADERS
from gui.window.main_window import MainWindow

LONG_NAME = "Campaign hero images - GPT Image 2 high, every market"


def _shown(window: MainWindow, width: int, height: int, qtbot: QtBot) -> None:
    window.resize(width, height)
    window.comparison.fitter.fit()  # what the pause after the last edit does
    qtbot.waitUntil(lambda: window.comparison.viewport().width() <= window.width())


def _visible_columns(window: MainWindow) -> list[str]:
    table = window.comparison
    return [HEADERS[c] for c in range(len(HEADERS)) if not table.isColumnHidden(c)]


def _no_side_scroll(window: MainWindow) -> bool:
    bar = window.comparison.horizontalScrollBar()
    return bar.maximum() == 0 or not bar.isVisible()


def test_at_1280_every_column_shows_and_fits_its_contents(qtbot: QtBot, example_window: MainWindow) -> None:
    window = example_window
    window.tabs.setCurrentWidget(window.comparison)
    _shown(window, 1280, 800, qtbot)
    table = window.comparison
    assert _visible_columns(window) == list(HEADERS)
    assert table.fitter.fits()  # "1536x1024", "20,000 / month" and "$11,894.40" whole
    assert _no_side_scroll(window)
    # The name takes the slack: it is wider than its longest name, and the columns fill the view.
    header = table.horizontalHeader()
    assert header.sectionSize(COL_NAME) >= table.fitter.content_width(COL_NAME)
    assert header.length() == table.viewport().width()


def test_at_1024_the_inputs_give_way_first_and_the_shown_columns_fit(qtbot: QtBot, example_window: MainWindow) -> None:
    window = example_window
    window.tabs.setCurrentWidget(window.comparison)
    _shown(window, 1024, 640, qtbot)
    table = window.comparison
    shown = _visible_columns(window)
    assert shown[:4] == ["Scenario", "Per delivered image", "Per month", "Per year"]
    assert "Quality" not in shown  # the first to give way
    assert table.fitter.fits()
    assert _no_side_scroll(window)
    _shown(window, 1280, 800, qtbot)
    assert _visible_columns(window) == list(HEADERS)  # back with the room


def test_a_long_name_is_elided_only_when_it_must_and_its_tooltip_is_whole(
    qtbot: QtBot, example_window: MainWindow
) -> None:
    window = example_window
    window.document.rename(0, LONG_NAME)
    window.tabs.setCurrentWidget(window.comparison)
    _shown(window, 1024, 640, qtbot)
    table = window.comparison
    header = table.horizontalHeader()
    assert header.sectionSize(COL_NAME) < table.fitter.content_width(COL_NAME)  # no room for all of it
    row = next(r for r in range(table.model().rowCount()) if table.model().index(r, COL_NAME).data() == LONG_NAME)
    cell = table.visualRect(table.model().index(row, COL_NAME)).center()
    QApplication.sendEvent(table.viewport(), QHelpEvent(QEvent.Type.ToolTip, cell, table.viewport().mapToGlobal(cell)))
    assert QToolTip.text().splitlines()[0] == LONG_NAME
    QToolTip.hideText()
    _shown(window, 1800, 800, qtbot)
    assert header.sectionSize(COL_NAME) >= table.fitter.content_width(COL_NAME)  # room now: whole in its cell


def test_columns_hidden_from_the_header_menu_are_remembered(qtbot: QtBot, example_window: MainWindow) -> None:
    window = example_window
    window.tabs.setCurrentWidget(window.comparison)
    _shown(window, 1280, 800, qtbot)
    header = window.comparison.horizontalHeader()
    spot = QPoint(header.sectionViewportPosition(COL_SIZE) + 5, header.height() // 2)

    def right_click() -> QMenu:
        # The press of the right button, as the platform turns it into a context-menu request.
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, spot, header.viewport().mapToGlobal(spot))
        QApplication.sendEvent(header.viewport(), event)
        menu = window.comparison.columns.menu
        assert menu is not None
        qtbot.waitUntil(menu.isVisible)
        return menu

    menu = right_click()
    titles = [action.text() for action in menu.actions()]
    assert "Scenario" not in titles and "Per month" not in titles  # always shown
    assert "Per delivered image" in titles  # on one line, though the header shows it on two
    for title in ("Quality", "Volume"):
        if not menu.isVisible():
            menu = right_click()
        action = next(a for a in menu.actions() if a.text() == title)
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    assert window.comparison.isColumnHidden(COL_QUALITY) and window.comparison.isColumnHidden(COL_VOLUME)
    assert window.comparison.fitter.fits()
    assert window.settings.hidden_columns("comparison") == ["Quality", "Volume"]

    again = MainWindow(settings=window.settings)
    qtbot.addWidget(again)
    again.show()
    assert again.comparison.isColumnHidden(COL_QUALITY) and again.comparison.isColumnHidden(COL_VOLUME)
    assert not again.comparison.isColumnHidden(COL_SIZE)


def test_share_gives_the_slack_to_the_first_flexible_column_and_squeezes_only_flexible_ones() -> None:
    wanted = {0: 100, 1: 50, 2: 60}
    assert share(wanted, [0], 400, 40) == {0: 290, 1: 50, 2: 60}
    assert share(wanted, [0], 150, 40) == {0: 40, 1: 50, 2: 60}  # too narrow: the name at its minimum, the rest whole
    assert share({0: 100, 1: 300, 2: 50}, [0, 1], 250, 40) == {0: 50, 1: 150, 2: 50}  # shared as they want


def test_an_elided_cell_whose_own_tooltip_is_rich_shows_both_as_typed(qtbot: QtBot) -> None:
    """The model's tooltip already went through as_text; the elided cell's tooltip must not escape it again."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel, QTextDocument
    from PySide6.QtWidgets import QTableView

    from gui.views.column_fit import ColumnFitter
    from gui.views.plain_text import as_text

    name, error = "Smith & Sons " + LONG_NAME, "model 'x<y' is not in the price sheets"
    model = QStandardItemModel(1, 2)
    cell = QStandardItem(name)
    cell.setToolTip(as_text(error))
    model.setItem(0, 0, cell)
    model.setItem(0, 1, QStandardItem("$1.00"))
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    ColumnFitter(table, [0]).fit()
    table.resize(220, 120)
    table.show()
    qtbot.waitExposed(table)
    point = table.visualRect(model.index(0, 0)).center()
    viewport = table.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point)))
    shown = QTextDocument()
    shown.setHtml(QToolTip.text())
    QToolTip.hideText()
    assert shown.toPlainText() == f"{name}\n{error}"
