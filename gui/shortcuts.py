"""Every keyboard shortcut of the window, in one table (as napari keeps one).

Actions are built in several places (the window, the quote tools, the planning
tools, the chart view), but their keys come only from here, so two actions can
never quietly claim the same key (Charts and Stages once both had Ctrl+3, and
Qt then fires neither). ``tests/test_shortcuts.py`` checks the table has no
duplicates and that every action in the window takes its keys from it.
The tab shortcuts keep the keys the docs have always given Stages (Ctrl+3) and
Plan (Ctrl+4); Charts, whose Ctrl+3 never fired, has Ctrl+5.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtGui import QAction, QKeySequence

Key = QKeySequence.StandardKey | str
Std = QKeySequence.StandardKey

ActionName = Literal[
    "file.new",
    "file.open",
    "file.save",
    "file.save_as",
    "file.quit",
    "edit.undo",
    "edit.redo",
    "edit.copy",
    "edit.select_all",
    "scenario.add",
    "scenario.duplicate",
    "scenario.rename",
    "scenario.delete",
    "scenario.move_up",
    "scenario.move_down",
    "view.breakdown",
    "view.comparison",
    "view.stages",
    "view.plan",
    "view.charts",
    "view.actuals",
    "quote.print",
    "quote.preview",
    "quote.export_pdf",
    "chart.copy",
    "help.guide",
]

#: Action -> its keys, the first one shown in menus. Standard keys follow the platform (Cmd on macOS).
SHORTCUTS: dict[ActionName, tuple[Key, ...]] = {
    "file.new": (Std.New,),
    "file.open": (Std.Open,),
    "file.save": (Std.Save,),
    "file.save_as": ("Ctrl+Shift+S",),
    "file.quit": ("Ctrl+Q",),
    "edit.undo": (Std.Undo,),
    "edit.redo": ("Ctrl+Y", "Ctrl+Shift+Z"),
    "edit.copy": (Std.Copy,),
    "edit.select_all": (Std.SelectAll,),
    "scenario.add": ("Ctrl+Shift+N",),
    "scenario.duplicate": ("Ctrl+D",),
    "scenario.rename": ("F2",),
    "scenario.delete": (Std.Delete,),
    "scenario.move_up": ("Alt+Up",),
    "scenario.move_down": ("Alt+Down",),
    "view.breakdown": ("Ctrl+1",),
    "view.comparison": ("Ctrl+2",),
    "view.stages": ("Ctrl+3",),
    "view.plan": ("Ctrl+4",),
    "view.charts": ("Ctrl+5",),
    "view.actuals": ("Ctrl+6",),
    "quote.print": (Std.Print,),
    "quote.preview": ("Ctrl+Shift+P",),
    "quote.export_pdf": ("Ctrl+E",),
    # No key of its own: Edit > Copy (Ctrl+C) copies the chart that has the focus.
    "chart.copy": (),
    "help.guide": (Std.HelpContents,),  # F1 (Ctrl+? on macOS)
}


def key_sequences(name: ActionName) -> list[QKeySequence]:
    """The action's keys as Qt sequences (a standard key gives its platform's first binding)."""
    return [QKeySequence(key) for key in SHORTCUTS[name]]


def assign(action: QAction, name: ActionName) -> QAction:
    """Give ACTION the keys of NAME from the table; returns the action for chaining."""
    action.setShortcuts(key_sequences(name))
    return action


def shortcut_text(name: ActionName) -> str:
    """The first key as the platform shows it ('Ctrl+Shift+N'), for tooltips."""
    return key_sequences(name)[0].toString(QKeySequence.SequenceFormat.NativeText)
