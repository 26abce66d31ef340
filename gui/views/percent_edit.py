"""A share (0 to 1 in the file) shown and typed in percent, digit for digit.

Why not a spin box: a spin box rounds to its decimals, so merely showing 0.333
in a whole-percent box changed it to 0.33 on the next save. This field shows
the exact percent the file holds, and while its text is the text it was given,
:meth:`PercentEdit.share` returns the very value it was given.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from core.errors import ImageCostError
from core.numbers import parse_percent, percent_text

SUFFIX = " %"


class PercentEdit(QLineEdit):
    """A line edit over one share; ``textEdited`` reports typing, :meth:`share` reads it."""

    def __init__(self, field: str, tooltip: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._value = Decimal(0)
        self._shown = self._text_for(self._value)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setToolTip(tooltip)
        self.setText(self._shown)

    @staticmethod
    def _text_for(share: Decimal) -> str:
        return f"{percent_text(share)}{SUFFIX}"

    def set_share(self, share: Decimal) -> None:
        """Show SHARE (text already showing it is left alone, so typing is never interrupted)."""
        self._value = share
        self._shown = self._text_for(share)
        try:
            same = self.share() == share
        except ImageCostError:  # unreadable text is replaced
            same = False
        if not same:
            self.setText(self._shown)
            self.setCursorPosition(0)

    def share(self) -> Decimal:
        """The share typed; the given value itself while the text is untouched. Raises ImageCostError."""
        if self.text().strip() == self._shown.strip():
            return self._value
        return parse_percent(self.text(), field=self.field)
