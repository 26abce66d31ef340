"""Tables people copy from: the selected rows (or all of them) with headers, as text and HTML.

People paste the comparison and the breakdown into spreadsheets and mail. Tab-separated
text keeps the columns in a spreadsheet and a plain-text mail; the HTML table keeps them
in rich editors. Cell text can come from a file (a scenario's name), so the HTML escapes it.
Edit > Copy and Select All reach a table through :func:`copy_from` and :func:`select_all_in`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMenu,
    QTableView,
    QWidget,
)

from gui.views.column_fit import ColumnFitter


class CopyableTable(QTableView):
    """A table whose Copy puts whole rows (with headers) on the clipboard; right-click offers Copy and Select All."""

    def rows_to_copy(self) -> list[int]:
        """The selected rows in the order shown, or every row when none is selected."""
        model = self.model()
        if model is None:
            return []
        selection = self.selectionModel()
        selected = {index.row() for index in selection.selectedIndexes()} if selection is not None else set()
        rows = sorted(selected) if selected else list(range(model.rowCount()))
        return [row for row in rows if not self.isRowHidden(row)]

    def columns_to_copy(self) -> list[int]:
        """The visible columns in the order shown (a dragged column is copied where it is).

        Columns left out only for want of room (gui.views.column_fit) are copied too: the person did not hide them."""
        header = self.horizontalHeader()
        model = self.model()
        count = model.columnCount() if model is not None else 0
        logical = [header.logicalIndex(visual) for visual in range(count)]
        fitter = self.findChild(ColumnFitter)
        if fitter is not None:
            return [column for column in logical if column not in fitter.hidden]
        return [column for column in logical if not self.isColumnHidden(column)]

    def clipboard_data(self) -> QMimeData:
        """The rows to copy as text/plain (tab-separated) and text/html (a table), headers first."""
        model = self.model()
        columns = self.columns_to_copy()
        headers = [_text(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)) for c in columns]
        rows: list[list[tuple[str, bool]]] = []
        for row in self.rows_to_copy():
            cells = []
            for column in columns:
                index = model.index(row, column, QModelIndex())
                align = model.data(index, Qt.ItemDataRole.TextAlignmentRole)
                right = align is not None and bool(Qt.AlignmentFlag(int(align)) & Qt.AlignmentFlag.AlignRight)
                cells.append((_text(model.data(index, Qt.ItemDataRole.DisplayRole)), right))
            rows.append(cells)
        mime = QMimeData()
        mime.setText(
            "\n".join("\t".join(_one_line(t) for t in line) for line in [headers, *[[t for t, _r in r] for r in rows]])
            + "\n"
        )
        mime.setHtml(_html_table(headers, rows))
        return mime

    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setMimeData(self.clipboard_data())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Qt's own Copy here copies the current cell only; a table copies rows.
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_to_clipboard()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        menu.addAction("&Copy", self.copy_to_clipboard)
        select = menu.addAction("Select &All", self.selectAll)
        select.setEnabled(self.selectionMode() != QAbstractItemView.SelectionMode.SingleSelection)
        menu.exec(event.globalPos())


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _one_line(text: str) -> str:
    """A cell as one spreadsheet cell: no tabs or line breaks inside it."""
    return " ".join(text.replace("\t", " ").splitlines())


def _html_table(headers: list[str], rows: list[list[tuple[str, bool]]]) -> str:
    def cell(tag: str, text: str, right: bool) -> str:
        style = ' style="text-align: right"' if right else ""
        return f"<{tag}{style}>{html.escape(_one_line(text))}</{tag}>"

    head = "".join(cell("th", text, False) for text in headers)
    body = "".join("<tr>" + "".join(cell("td", text, right) for text, right in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _target(kind: str) -> QWidget | None:
    """The focused widget, or the nearest parent of it, that has method KIND."""
    widget = QApplication.focusWidget()
    while widget is not None and not hasattr(widget, kind):
        widget = widget.parentWidget()
    return widget


def _field_edit(widget: QWidget | None) -> QLineEdit | None:
    """The text field of a focused line edit, spin box or editable combo box."""
    if isinstance(widget, QLineEdit):
        return widget
    if isinstance(widget, QAbstractSpinBox | QComboBox):
        return widget.findChild(QLineEdit)
    return None


def copy_from(fallback: QWidget | None = None) -> None:
    """Edit > Copy: copy what has the focus (a field's selected text, a table's rows, a chart)."""
    focused = QApplication.focusWidget()
    field = _field_edit(focused)
    if field is not None:
        field.copy()
        return
    target = _target("copy_to_clipboard") or fallback
    if target is not None:
        target.copy_to_clipboard()  # type: ignore[attr-defined]


def select_all_in(fallback: QWidget | None = None) -> None:
    """Edit > Select All: all of the focused field's text, or every row of the focused table."""
    focused = QApplication.focusWidget()
    field = _field_edit(focused)
    if field is not None:
        field.selectAll()
        return
    if isinstance(focused, QAbstractSpinBox | QComboBox):
        return  # a pick-only box has no text to select; the table is not what the person is in
    target = focused if focused is not None and hasattr(focused, "selectAll") else fallback
    if target is not None:
        target.selectAll()
