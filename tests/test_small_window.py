"""At the smallest window the layout fits, every pane reflows: nothing cut at the right (issue #14 item 4)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from gui.views.breakdown_model import COL_COST, COL_ITEM, COL_QUANTITY, COL_UNIT_PRICE
from gui.window.main_window import MIN_SIZE, MainWindow


def _at_minimum(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(100, 100)  # asks for less: gets the minimum
    qtbot.waitUntil(lambda: window.size() == MIN_SIZE)
    qtbot.wait(10)


def _right_edge_within(widget: QWidget, area: QScrollArea) -> bool:
    right = widget.mapTo(area.viewport(), QPoint(widget.width(), 0)).x()
    return right <= area.viewport().width()


def test_the_window_keeps_a_minimum_its_layout_fits(qtbot: QtBot, example_window: MainWindow) -> None:
    window = example_window
    _at_minimum(window, qtbot)
    assert window.minimumSize() == MIN_SIZE
    hint = window.minimumSizeHint()
    assert hint.width() <= MIN_SIZE.width() and hint.height() <= MIN_SIZE.height()
    assert MIN_SIZE.width() <= 800 - 16 and MIN_SIZE.height() <= 600 - 48  # an 800x600 screen, frame and panel


def test_breakdown_items_wrap_whole_instead_of_collapsing(qtbot: QtBot, example_window: MainWindow) -> None:
    window = example_window
    window.select_row(1)  # three line items with two-word names
    window.tabs.setCurrentWidget(window.breakdown_tab)
    _at_minimum(window, qtbot)
    table = window.totals.table
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    model = table.model()
    words = [w for r in range(model.rowCount()) for w in str(model.index(r, COL_ITEM).data() or "").split()]
    assert header.sectionSize(COL_ITEM) >= max(metrics.horizontalAdvance(w) for w in words)
    for row in range(model.rowCount()):
        text = str(model.index(row, COL_ITEM).data() or "")
        room = QRect(0, 0, header.sectionSize(COL_ITEM) - 8, 10_000)
        needed = metrics.boundingRect(room, int(Qt.TextFlag.TextWordWrap), text).height()
        assert needed <= table.rowHeight(row), text  # all of its lines show
    assert header.sectionSize(COL_QUANTITY) <= window.totals.columns.content_width(COL_QUANTITY)  # no slack for it
    assert table.height() >= sum(table.rowHeight(r) for r in range(model.rowCount()))  # every row in view


def test_rate_limits_text_wraps_within_the_tab(qtbot: QtBot, example_window: MainWindow) -> None:
    window = example_window
    window.planning.show_plan_action.trigger()
    window.planning.plan.setCurrentWidget(window.planning.plan.limits)
    _at_minimum(window, qtbot)
    area = window.plan_tab.findChild(QScrollArea)
    assert area is not None
    qtbot.waitUntil(lambda: area.widget().width() <= area.viewport().width())
    assert area.horizontalScrollBar().maximum() == 0
    limits = window.planning.plan.limits
    for label in limits.findChildren(QLabel):
        if label.isVisible() and label.wordWrap():
            assert _right_edge_within(label, area), label.text()[:40]
    assert limits.capacity.height() > limits.capacity.fontMetrics().height()  # wrapped onto more lines


def test_the_stages_table_fits_beside_the_form_at_1024(qtbot: QtBot, example_window: MainWindow) -> None:
    # The Share column took a line edit's 17 characters and pushed Monthly out of view.
    window = example_window
    window.select_row(1)
    window.planning.show_stages_action.trigger()
    qtbot.mouseClick(window.planning.stages.template, Qt.MouseButton.LeftButton)
    window.resize(1024, 640)
    table = window.planning.stages.table
    qtbot.waitUntil(lambda: table.rowCount() == 2 and table.isVisible())
    qtbot.wait(10)
    assert table.horizontalHeader().length() <= table.viewport().width()


def test_at_the_minimum_the_breakdown_keeps_its_cost_in_view_and_copies_every_column(
    qtbot: QtBot, example_window: MainWindow
) -> None:
    window = example_window
    window.select_row(1)
    window.tabs.setCurrentWidget(window.breakdown_tab)
    _at_minimum(window, qtbot)
    table = window.totals.table
    assert not table.isColumnHidden(COL_COST) and not table.isColumnHidden(COL_ITEM)
    assert table.horizontalHeader().length() <= table.viewport().width()  # no sideways scrolling to the cost
    assert table.isColumnHidden(COL_UNIT_PRICE)  # the first to give way
    headers = table.clipboard_data().text().splitlines()[0].split("\t")
    assert "Unit price" in headers  # left out for room, not by the person: Copy keeps it
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: not table.isColumnHidden(COL_UNIT_PRICE))


def test_at_the_minimum_every_tab_label_shows_without_scroll_buttons(qtbot: QtBot, example_window: MainWindow) -> None:
    # The form took so much of 780 pixels that the tab bar scrolled and "Actuals" was cut.
    window = example_window
    _at_minimum(window, qtbot)
    bar = window.tabs.tabBar()
    assert bar.count() == 6
    assert bar.sizeHint().width() <= bar.width()  # no scroll buttons
    for index in range(bar.count()):
        assert bar.rect().contains(bar.tabRect(index)), bar.tabText(index)


def test_at_the_minimum_the_actuals_report_wraps_its_sentences_and_keeps_table_rows_whole(
    qtbot: QtBot, example_window: MainWindow
) -> None:
    from gui.views.report_text import is_table_row
    from tests.conftest import EXAMPLES

    window = example_window
    assert window.actuals.import_usage(sorted((EXAMPLES / "usage").iterdir()))
    _at_minimum(window, qtbot)
    report = window.actuals.panel.report
    qtbot.waitUntil(report.isVisible)
    qtbot.wait(10)
    width = report.viewport().width()
    wide_sentences, wide_rows = 0, 0
    block = report.document().begin()
    while block.isValid():
        text, lines = block.text(), block.layout().lineCount()
        wide = report.fontMetrics().horizontalAdvance(text) > width
        if is_table_row(text):
            wide_rows += wide
            assert lines == 1, text  # a table row is never broken between its columns
        elif wide:
            wide_sentences += 1
            assert lines > 1, text  # a sentence wraps at the pane's edge
        block = block.next()
    assert wide_sentences and wide_rows  # both kinds are wider than the pane at this size
