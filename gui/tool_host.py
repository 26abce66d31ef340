"""What the window offers its add-on tools, declared once (as Vorta's tabs receive a provider).

The quote tools (``gui.quote.actions.install``) and the planning tools
(``gui.planning.window_plan.PlanningController``) are given a :class:`ToolHost`,
never the main window itself: they add their actions to named menus, fill the
tab the window made for them, and read the document and its priced view. The
window (``gui.window.main_window.MainWindow``) is one ToolHost; a test can
supply a smaller one. Anything a tool needs that is not here is a change to
this interface, made on purpose, not another attribute reached into.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QTabWidget

from core.pricing.estimate import Estimate
from gui.document.controller import DocumentController
from gui.views.message_bar import MessageBar
from gui.views.tab_host import TabHost

#: The menus tools add to. "file" entries go above Quit, after the window's own.
MenuName = Literal["file", "scenario", "view"]
#: The tool tabs the window makes at once (empty hosts, so the tab bar is complete at first paint).
ToolTab = Literal["charts", "stages", "plan", "actuals"]


class ToolHost(Protocol):
    """The window as the tools see it."""

    @property
    def document(self) -> DocumentController:
        """The open document: every edit goes through it (and its undo stack)."""
        ...

    @property
    def message_bar(self) -> MessageBar:
        """Where a tool shows an error or notice across the top of the window."""
        ...

    @property
    def tabs(self) -> QTabWidget:
        """The results tabs, to show a tool's tab and follow which one is current."""
        ...

    @property
    def currentRowChanged(self) -> SignalInstance:
        """Emitted with the selected scenario's row (-1: none)."""
        ...

    @property
    def form_edited(self) -> SignalInstance:
        """Emitted with (scenario, field) after the scenario form's edit reached the document."""
        ...

    def current_row(self) -> int:
        """The selected scenario's row in the document (-1: none)."""
        ...

    def estimates(self) -> list[Estimate]:
        """The estimates of the scenarios that price, from the window's one priced view (not re-priced)."""
        ...

    def estimate_of(self, row: int) -> Estimate | None:
        """Scenario ROW's estimate from the priced view; None when it cannot be priced."""
        ...

    def dialog_parent(self) -> QMainWindow:
        """The widget the tools' actions and dialogs belong to (and whose status bar they use)."""
        ...

    def tool_tab(self, name: ToolTab) -> TabHost:
        """The empty tab the window made for a tool; the tool sets its content once built."""
        ...

    def add_actions(self, menu: MenuName, actions: Sequence[QAction | None]) -> None:
        """Append ACTIONS to MENU (None: a separator)."""
        ...
