"""Table columns as wide as their contents, the name-like column taking the slack.

Qt's own choices cut the wrong things: ResizeToContents on every column hid the
last ones behind a scroll bar ("1536x10..." and Volume at 1280 wide) and Stretch on
the name gave "Onboarding t..." while Quantity kept room to spare. Here every shown
column gets what its cells and title need; the FLEXIBLE columns (a name, an
explanation) share what is left, and only they give way when the view is too narrow:
elided with the whole text in the tooltip (:class:`ElidedTextTip`), or wrapped onto
more lines where the table wraps. Measuring reads the first rows only
(``RESIZE_PRECISION``), so a table of 1,000 scenarios stays instant.
"""

from __future__ import annotations

from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
)

from gui.views.plain_text import as_text, joined_tips

#: Rows measured for a column's width (the first and last ones and those in view).
RESIZE_PRECISION = 50
#: A flexible column never gets narrower than this many average characters (or its contents, if shorter).
MINIMUM_CHARS = 12


def share(wanted: dict[int, int], flexible: Sequence[int], room: int, minimum: int) -> dict[int, int]:
    """Widths for the columns in WANTED (each column's content width) within ROOM pixels.

    Columns not in FLEXIBLE get what they want. The flexible ones get theirs too when it fits, the
    first of them taking the slack; when it does not, they share what is left in proportion to what
    they want, none below MINIMUM (or its own want, if that is smaller): the view then scrolls.
    """
    widths = {column: width for column, width in wanted.items() if column not in flexible}
    flex = [column for column in flexible if column in wanted]
    left = room - sum(widths.values())
    want = sum(wanted[column] for column in flex)
    for column in flex:
        if want <= left:
            widths[column] = wanted[column]
        else:
            part = left * wanted[column] // want if want else 0
            widths[column] = max(part, min(minimum, wanted[column]))
    if flex and want < left:
        widths[flex[0]] += left - want
    return widths


def fit_rows_height(view: QTableView) -> None:
    """Make VIEW exactly as tall as its header and rows."""
    model = view.model()
    rows = model.rowCount() if model is not None else 0
    height = view.horizontalHeader().height() + 2 * view.frameWidth() + sum(view.rowHeight(r) for r in range(rows))
    if view.horizontalHeader().length() > view.viewport().width():  # scrolls sideways: room for its bar
        height += view.horizontalScrollBar().sizeHint().height()
    if view.height() != height or view.minimumHeight() != height:
        view.setFixedHeight(height)


class ColumnFitter(QObject):
    """Keeps VIEW's columns fitted: on every resize, and shortly after the model's rows change."""

    def __init__(
        self,
        view: QTableView,
        flexible: Sequence[int],
        *,
        wrap: bool = False,
        delay_ms: int = 0,
        droppable: Sequence[int] = (),
        minimum_chars: int = MINIMUM_CHARS,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.flexible = tuple(flexible)
        #: Columns left out, in this order, while the view is too narrow for them (they come back with the room).
        self.droppable = tuple(droppable)
        self.wrap = wrap
        self.minimum_chars = minimum_chars
        #: The columns the person hid (gui.views.column_menu); the header hides these and the dropped ones.
        self.hidden: set[int] = set()
        self.dropped: list[int] = []
        #: Keep the view exactly as tall as its rows (a short table with no empty band under it).
        self.as_tall_as_rows = False
        self._wanted: dict[int, int] = {}
        self._header_hints: dict[int, int] = {}
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(RESIZE_PRECISION)
        view.setWordWrap(wrap)
        if wrap:
            view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        else:
            view.setTextElideMode(Qt.TextElideMode.ElideRight)
            for column in self.flexible:
                view.setItemDelegateForColumn(column, ElidedTextTip(view))
        # Measured once edits pause (with 1,000 scenarios measuring costs more than re-pricing one).
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.fit)
        self._model: QAbstractItemModel | None = None
        self._watch(view.model())
        view.viewport().installEventFilter(self)
        header.sectionCountChanged.connect(self.schedule)

    def _watch(self, model: QAbstractItemModel | None) -> None:
        if model is None or model is self._model:
            return
        self._model = model
        # A new file is measured at once (its first frame shows it fitted); edits once they pause.
        model.modelReset.connect(self.fit)
        for signal in (model.rowsInserted, model.rowsRemoved, model.dataChanged, model.layoutChanged):
            signal.connect(self.schedule)
        self.schedule()

    def schedule(self) -> None:
        """Measure again once the current burst of changes is over."""
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Resize or not shiboken6.isValid(self.view):
            return False  # a view being torn down still sends its viewport's last events
        if watched is self.view.viewport():
            if self._wanted:
                self.apply()
            else:
                self.schedule()
        return False

    def content_width(self, column: int) -> int:
        """What COLUMN needs for its title and every measured cell, unwrapped and unelided."""
        header = self.view.horizontalHeader()
        if not header.isSectionHidden(column):
            self._header_hints[column] = header.sectionSizeHint(column)
        return max(self.view.sizeHintForColumn(column), self._header_hints.get(column, 0))

    def set_hidden(self, column: int, hidden: bool) -> None:
        """The person shows or hides COLUMN; the others are laid out again."""
        if hidden:
            self.hidden.add(column)
        else:
            self.hidden.discard(column)
        self.fit()

    def fit(self) -> None:
        """Measure every column the person shows, then lay them out."""
        if not shiboken6.isValid(self.view):
            return  # a QTableWidget resets its own model as it is torn down
        self._timer.stop()
        self._watch(self.view.model())
        model = self.view.model()
        count = model.columnCount() if model is not None else 0
        header = self.view.horizontalHeader()
        for column in range(count):  # shown once, so the header measures its title
            header.setSectionHidden(column, column in self.hidden)
        self._wanted = {c: self.content_width(c) for c in range(count) if c not in self.hidden}
        self.apply()

    def minimum(self) -> int:
        """The narrowest a flexible column gets before the droppable columns give way (then the view scrolls)."""
        return self.view.fontMetrics().averageCharWidth() * self.minimum_chars

    def apply(self) -> None:
        """Lay the measured columns out in the view's width (no measuring: cheap on every resize)."""
        room, minimum = self.view.viewport().width(), self.minimum()
        wanted = dict(self._wanted)
        self.dropped = []
        for column in self.droppable:
            flex = sum(min(minimum, w) for c, w in wanted.items() if c in self.flexible)
            if sum(w for c, w in wanted.items() if c not in self.flexible) + flex <= room:
                break
            if column in wanted:
                del wanted[column]
                self.dropped.append(column)
        header = self.view.horizontalHeader()
        for column in self._wanted:
            if header.isSectionHidden(column) != (column in self.dropped):
                header.setSectionHidden(column, column in self.dropped)
        for column, width in share(wanted, self.flexible, room, minimum).items():
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)
        if self.wrap:
            self.view.resizeRowsToContents()
        if self.as_tall_as_rows:
            fit_rows_height(self.view)

    def fits(self) -> bool:
        """Whether every shown column is as wide as its contents, a flexible one at least its minimum.

        What this module promises (and its tests check): nothing but a flexible column is ever cut."""
        header = self.view.horizontalHeader()
        for column in range(header.count()):
            if header.isSectionHidden(column):
                continue
            needed = self.content_width(column)
            if column in self.flexible:
                needed = min(needed, self.minimum())
            if header.sectionSize(column) < needed:
                return False
        return True


class ElidedTextTip(QStyledItemDelegate):
    """Draws a cell as usual; its tooltip shows the whole text when the cell shows it cut (with its own tip)."""

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if event is None or event.type() != QEvent.Type.ToolTip or view is None:
            return super().helpEvent(event, view, option, index)
        text = self.whole_text(index, option)
        if text is None:
            return super().helpEvent(event, view, option, index)
        own = index.data(Qt.ItemDataRole.ToolTipRole)
        tips = [as_text(text), str(own)] if own else [as_text(text)]  # the model's own tip is already as_text's
        QToolTip.showText(event.globalPos(), joined_tips(*tips), view)
        return True

    def whole_text(
        self, index: QModelIndex | QPersistentModelIndex, option: QStyleOptionViewItem
    ) -> str | None:
        """The cell's text when it does not fit its cell (what the tooltip adds), else None."""
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            return None
        styled = QStyleOptionViewItem(option)
        self.initStyleOption(styled, index)
        style = styled.widget.style() if styled.widget is not None else None
        margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) if style else 6
        needed = styled.fontMetrics.horizontalAdvance(str(text)) + margin
        return str(text) if needed > option.rect.width() else None
