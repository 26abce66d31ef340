"""A read-only monospace report whose sentences wrap and whose table rows stay whole.

Wrapping every line at the pane's edge broke table rows mid-column, which no one can read; never
wrapping made the sentences scroll sideways. So prose wraps, and a row of a column-aligned table
(text, two or more spaces, text) keeps to one line: the pane scrolls sideways only when a table is
wider than it. The text is set as plain text; nothing in it is read as markup.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QFontDatabase, QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget

#: A table row: something, a gap of two or more spaces that aligns a column, something again.
_TABLE_ROW = re.compile(r"\S {2,}\S")


def is_table_row(line: str) -> bool:
    """Whether LINE is a row of a column-aligned table (or its rule of dashes)."""
    return bool(_TABLE_ROW.search(line.strip()))


class ReportText(QTextEdit):
    """Plain text, monospace, read-only: sentences wrap at the edge, table rows never do."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

    def setPlainText(self, text: str) -> None:
        """Show TEXT as text, each table row kept on one line."""
        super().setPlainText(text)
        block = self.document().begin()
        while block.isValid():
            if is_table_row(block.text()):
                cursor = QTextCursor(block)
                fmt = block.blockFormat()
                fmt.setNonBreakableLines(True)
                cursor.setBlockFormat(fmt)
            block = block.next()
