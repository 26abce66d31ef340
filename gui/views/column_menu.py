"""The header's context menu of a table: tick the columns to show, remembered between runs.

Eight columns do not fit a small window; a person who never reads Quality or Size
hides them and the rest get the room. The choice is kept by column title (not
position), through the LOAD and SAVE the window passes in (its settings).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from gui.views.column_fit import ColumnFitter


class ColumnChoice(QObject):
    """Right-click on the header of FITTER's view: the OPTIONAL columns, each a tick box (the others always show).

    A column ticked but left out for want of room (ColumnFitter.droppable) says so in the menu."""

    def __init__(
        self,
        fitter: ColumnFitter,
        optional: Sequence[int],
        load: Callable[[], list[str]],
        save: Callable[[list[str]], None],
    ) -> None:
        super().__init__(fitter)
        self.fitter = fitter
        self.view = view = fitter.view
        self.optional = tuple(optional)
        self._save = save
        header = view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._popup)
        hidden = set(load())
        fitter.hidden = {column for column in self.optional if self.title(column) in hidden}
        fitter.fit()
        #: The menu last shown (kept so it can be looked at and driven).
        self.menu: QMenu | None = None

    def title(self, column: int) -> str:
        model = self.view.model()
        text = str(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)) if model else ""
        return " ".join(text.split())  # a title the header shows on two lines reads as one in the menu

    def build_menu(self) -> QMenu:
        """The menu: one ticked action per optional column, in the order shown."""
        menu = QMenu(self.view)
        menu.setTitle("Columns")
        for column in self.optional:
            no_room = " (no room: widen the window)" if column in self.fitter.dropped else ""
            action = QAction(self.title(column) + no_room, menu, checkable=True)
            action.setChecked(column not in self.fitter.hidden)
            action.toggled.connect(lambda shown, c=column: self.set_shown(c, shown))
            menu.addAction(action)
        return menu

    def _popup(self, position: QPoint) -> None:
        self.menu = self.build_menu()
        self.menu.popup(self.view.horizontalHeader().mapToGlobal(position))

    def set_shown(self, column: int, shown: bool) -> None:
        """Show or hide COLUMN and remember the choice."""
        self.fitter.set_hidden(column, not shown)
        self._save([self.title(c) for c in self.optional if c in self.fitter.hidden])
