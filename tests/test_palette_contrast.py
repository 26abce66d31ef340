"""Text stays readable in the light and the dark Fusion palette (issue #19 item 15): contrast computed.

The dark palette is Fusion's own dark one (qfusionstyle.cpp, qt_fusionPalette(true)): the offscreen
platform has no colour scheme of its own, so it is built here from the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QStyleFactory, QWidget
from pytestqt.qtbot import QtBot

from gui.shortcuts import ActionName, key_sequences
from gui.views.theme import AA, contrast, screen_svg
from gui.window.main_window import MainWindow
from tests.conftest import EXAMPLES

Role = QPalette.ColorRole


def fusion_palette(dark: bool) -> QPalette:
    """Fusion's standard palette, light or dark."""
    style = QStyleFactory.create("Fusion")
    assert style is not None
    if not dark:
        return style.standardPalette()
    window = QColor(50, 50, 50)
    text = QColor(240, 240, 240)
    palette = QPalette(window)
    for role, colour in (
        (Role.Window, window),
        (Role.WindowText, text),
        (Role.Base, window.darker(140)),
        (Role.AlternateBase, window.darker(110)),
        (Role.Text, text),
        (Role.Button, window),
        (Role.ButtonText, text),
        (Role.ToolTipBase, window),
        (Role.ToolTipText, text),
        (Role.PlaceholderText, QColor(160, 160, 160)),
    ):
        palette.setColor(role, colour)
    return palette


@pytest.fixture(params=["light", "dark"])
def themed(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[QPalette]:
    before = qapp.palette()
    palette = fusion_palette(request.param == "dark")
    qapp.setPalette(palette)
    yield palette
    qapp.setPalette(before)


@pytest.fixture
def plan_window(themed: QPalette, window: MainWindow, qtbot: QtBot) -> MainWindow:
    window.resize(1100, 800)
    assert window.open_path(EXAMPLES / "example.yaml", ask=False)
    qtbot.waitUntil(lambda: window.tools_built)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def press(qtbot: QtBot, widget: QWidget, name: ActionName) -> None:
    combo = key_sequences(name)[0][0]
    qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())


def _span_colour(html: str) -> QColor:
    match = re.search(r"color:\s*(#[0-9a-fA-F]{6})", html)
    assert match is not None, html
    return QColor(match.group(1))


def test_over_budget_text_reads_at_aa_in_both_themes(plan_window: MainWindow, themed: QPalette, qtbot: QtBot) -> None:
    plan = plan_window.planning.plan
    press(qtbot, plan_window.scenario_list, "view.plan")
    qtbot.waitUntil(plan.isVisible)
    edit = plan.budget.edit
    edit.setFocus()
    qtbot.keyClicks(edit, "100")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    summary = plan.budget.summary.text()
    assert "Over budget" in summary
    colour = _span_colour(summary)
    for role in (Role.Window, Role.Base):
        assert contrast(colour, themed.color(role)) >= AA, (colour.name(), themed.color(role).name())


def test_every_cost_table_cell_reads_at_aa_retired_ones_too(plan_window: MainWindow, themed: QPalette) -> None:
    table = plan_window.planning.plan.cost_table
    plan_window.planning.plan.setCurrentWidget(table)
    grid = table.grid
    retired = 0
    for r in range(grid.rowCount()):
        for c in range(grid.columnCount()):
            cell = grid.item(r, c)
            if cell is None or not cell.text():
                continue
            ratio = contrast(cell.foreground().color(), cell.background().color())
            assert ratio >= AA, (grid.verticalHeaderItem(r).text(), cell.text(), ratio)
            retired += "(retired)" in grid.verticalHeaderItem(r).text()
    assert retired  # the check covered retired models' cells


def test_the_charts_tab_follows_the_palette_and_its_text_reads_at_aa(
    plan_window: MainWindow, themed: QPalette, qtbot: QtBot
) -> None:
    press(qtbot, plan_window.scenario_list, "view.charts")
    charts = plan_window.quote_actions.charts
    qtbot.waitUntil(charts.isVisible)
    view = charts.current_view()
    image = view.grab().toImage()
    paper = themed.color(Role.Base)
    corner = image.pixelColor(image.width() - 3, image.height() - 3)
    assert corner.name() == paper.name()  # not a white panel in a dark theme
    svg = screen_svg(view.svg(), themed)
    fills = sorted(set(re.findall(r'<text [^>]*fill="(#[0-9a-fA-F]{6})"', svg)))
    assert len(fills) >= len(("ink", "muted"))
    ratios = {fill: round(contrast(QColor(fill), paper), 2) for fill in fills}
    assert all(ratio >= AA for ratio in ratios.values()), ratios


def test_a_refused_value_in_the_form_reads_at_aa(plan_window: MainWindow, themed: QPalette, qtbot: QtBot) -> None:
    edit = plan_window.form.name_edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)  # a scenario needs a name: the form says so under the field
    labels = [
        label
        for label in plan_window.form.findChildren(QLabel)
        if label.isVisible() and "color:" in label.styleSheet() and label.text()
    ]
    assert labels
    for label in labels:
        colour = _span_colour(label.styleSheet())
        assert contrast(colour, themed.color(Role.Window)) >= AA, (label.text(), colour.name())


@pytest.mark.parametrize("kind", ["error", "info"])
def test_the_message_strip_reads_at_aa_in_either_theme(themed: QPalette, qtbot: QtBot, kind: str) -> None:
    from gui.views.message_bar import MessageBar

    bar = MessageBar()
    qtbot.addWidget(bar)
    bar.show_message("Could not open team.yaml", kind)  # type: ignore[arg-type]
    style = bar.styleSheet()
    background = QColor(re.search(r"background: (#[0-9a-f]{6})", style)[1])  # type: ignore[index]
    text = QColor(re.search(r"QLabel \{ color: (#[0-9a-f]{6})", style)[1])  # type: ignore[index]
    assert contrast(text, background) >= AA
    # The strip follows the theme: a dark window gets a dark strip, not a light band.
    window = themed.color(QPalette.ColorRole.Window)
    assert (background.lightness() < 128) == (window.lightness() < 128)


def test_the_breakdowns_warning_box_reads_at_aa_in_either_theme(
    themed: QPalette, window: MainWindow, tmp_path: Path
) -> None:
    # gpt-image-1 is retired: the Breakdown shows its warning box.
    text = (EXAMPLES / "example.yaml").read_text(encoding="utf-8").replace("gpt-image-1-mini", "gpt-image-1", 1)
    retired = tmp_path / "retired.yaml"
    retired.write_text(text, encoding="utf-8")
    assert window.open_path(retired, ask=False)
    style = window.totals.message.styleSheet()
    background = QColor(re.search(r"background: (#[0-9a-f]{6})", style)[1])  # type: ignore[index]
    colour = QColor(re.search(r"; color: (#[0-9a-f]{6})", style)[1])  # type: ignore[index]
    assert window.totals.message.isVisibleTo(window) and contrast(colour, background) >= AA
