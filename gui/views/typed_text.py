"""Typed text stays as typed: the one place editable boxes lose Qt's inline completion.

An editable QComboBox completes '1' to its first matching entry ('1024x1024')
and reports that text as if it were typed, so a preset the person never chose
was applied and saved. Without completion a preset applies only when picked
from the list, or when the typed text is that size in full.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox


def without_completion(combo: QComboBox) -> None:
    """Drop COMBO's completer; call again after each setEditable(True), which makes a new one."""
    if combo.isEditable():
        combo.setCompleter(None)  # type: ignore[arg-type]  # Qt takes nullptr: no completer
