"""The Comparison tab's table: every scenario and the total, sortable, columns fitted to their contents.

The figures and inputs are as wide as their text; the scenario name takes the
slack and is elided (whole in its tooltip) only when the window is too narrow
for it; narrower still, the inputs give way first (Quality, Size, ...) and come
back when the window widens. Right-click the header to hide the columns you do not read; the choice
is remembered (gui.desktop.settings).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from gui.desktop.settings import AppSettings
from gui.views.column_fit import ColumnFitter
from gui.views.column_menu import ColumnChoice
from gui.views.scenario_table import (
    COL_MODEL,
    COL_NAME,
    COL_PER_IMAGE,
    COL_PER_MONTH,
    COL_PER_YEAR,
    COL_QUALITY,
    COL_SIZE,
    COL_VOLUME,
    HEADERS,
    ScenarioSortProxy,
)
from gui.views.table_copy import CopyableTable
from gui.views.table_style import tab_leaves

#: Columns fitted shortly after changes stop, not on every keystroke.
FIT_COLUMNS_DELAY_MS = 200
#: The name and the monthly cost always show; the rest can be hidden from the header's menu.
OPTIONAL_COLUMNS = tuple(c for c in range(len(HEADERS)) if c not in (COL_NAME, COL_PER_MONTH))
#: Left out in this order while the window is too narrow for every column (the inputs before the figures).
DROPPED_FIRST = (COL_QUALITY, COL_SIZE, COL_MODEL, COL_VOLUME, COL_PER_YEAR, COL_PER_IMAGE)
#: The name keeps room for this many characters before another column gives way.
NAME_CHARS = 20
SETTINGS_NAME = "comparison"


class ComparisonTable(CopyableTable):
    """The sorted scenario table over PROXY; SETTINGS keeps which columns are hidden."""

    def __init__(self, proxy: ScenarioSortProxy, settings: AppSettings) -> None:
        super().__init__()
        tab_leaves(self)
        self.setModel(proxy)
        self.setAccessibleName("Scenario comparison")
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows can be selected to copy them (Ctrl+A, Shift+click); the current row is the scenario shown.
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.fitter = ColumnFitter(
            self, [COL_NAME], delay_ms=FIT_COLUMNS_DELAY_MS, droppable=DROPPED_FIRST, minimum_chars=NAME_CHARS
        )
        self.columns = ColumnChoice(
            self.fitter,
            OPTIONAL_COLUMNS,
            lambda: settings.hidden_columns(SETTINGS_NAME),
            lambda titles: settings.set_hidden_columns(SETTINGS_NAME, titles),
        )
        self.horizontalHeader().setToolTip("Right-click to choose the columns")
