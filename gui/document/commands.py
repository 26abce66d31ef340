"""Undo commands for scenario edits, pushed on the document's QUndoStack.

Each command stores plain core objects (Scenario is immutable in practice: the
window always builds a new one) and calls the document's ``apply_*`` methods,
so undo and redo emit the same precise signals as the original edit.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from core.model.fields import SCENARIO_FIELDS
from core.model.plan_settings import PlanSettings
from core.model.quote_header import QuoteHeader
from core.model.scenario import Scenario


class Editable(Protocol):
    """What a command needs of the document: its state and the ``apply_*`` mutations.

    ``gui.document.controller.DocumentController`` is one; a Protocol, so commands and controller do not
    import each other.
    """

    @property
    def quote(self) -> QuoteHeader: ...
    @property
    def plan(self) -> PlanSettings: ...
    def scenario(self, row: int) -> Scenario: ...
    def apply_set(self, row: int, scenario: Scenario) -> None: ...
    def apply_insert(self, row: int, scenario: Scenario) -> None: ...
    def apply_remove(self, row: int) -> Scenario: ...
    def apply_move(self, source: int, target: int) -> None: ...
    def apply_quote(self, quote: QuoteHeader) -> None: ...
    def apply_plan(self, plan: PlanSettings) -> None: ...


EDIT_COMMAND_ID = 1001
#: The WHAT of an edit that sets a scenario's fields from its actuals (gui/planning/actuals_tool.py).
CALIBRATE = "calibrate"
PLAN_COMMAND_ID = 1003


def edit_label(field: str) -> str:
    """What the undo menu calls an edit of FIELD ("Undo Volume"): the field table's label; a name edit is a rename."""
    if field == "name":
        return "Rename"
    if field == CALIBRATE:
        return "Calibrate"
    spec = SCENARIO_FIELDS.get(field)
    return spec.label if spec is not None else "Edit"


class EditScenario(QUndoCommand):
    """Replace one scenario; typing in one field merges into a single step."""

    def __init__(self, document: Editable, row: int, new: Scenario, what: str, gesture: int = 0) -> None:
        super().__init__(f"{edit_label(what)} ({new.name})")
        self.document = document
        self.row = row
        self.old = document.scenario(row)
        self.new = new
        self.what = what
        self.gesture = gesture

    def id(self) -> int:
        return EDIT_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        # One gesture only (typing in one field): a second change of the same field later is a step of its own.
        if not isinstance(other, EditScenario) or (other.row, other.what, other.gesture) != (
            self.row,
            self.what,
            self.gesture,
        ):
            return False
        self.new = other.new
        self.setText(other.text())
        return True

    def redo(self) -> None:
        self.document.apply_set(self.row, self.new)

    def undo(self) -> None:
        self.document.apply_set(self.row, self.old)


class InsertScenario(QUndoCommand):
    def __init__(self, document: Editable, row: int, scenario: Scenario, text: str) -> None:
        super().__init__(text)
        self.document = document
        self.row = row
        self.scenario = scenario

    def redo(self) -> None:
        self.document.apply_insert(self.row, self.scenario)

    def undo(self) -> None:
        self.document.apply_remove(self.row)


class RemoveScenario(QUndoCommand):
    def __init__(self, document: Editable, row: int) -> None:
        self.scenario = document.scenario(row)
        super().__init__(f"Delete {self.scenario.name}")
        self.document = document
        self.row = row

    def redo(self) -> None:
        self.document.apply_remove(self.row)

    def undo(self) -> None:
        self.document.apply_insert(self.row, self.scenario)


class MoveScenario(QUndoCommand):
    def __init__(self, document: Editable, source: int, target: int) -> None:
        super().__init__(f"Move {document.scenario(source).name}")
        self.document = document
        self.source = source
        self.target = target

    def redo(self) -> None:
        self.document.apply_move(self.source, self.target)

    def undo(self) -> None:
        self.document.apply_move(self.target, self.source)


class EditQuote(QUndoCommand):
    """Replace the quote header (the Quote Details dialog's OK): one undo step per change."""

    def __init__(self, document: Editable, new: QuoteHeader) -> None:
        super().__init__("Quote Details")
        self.document = document
        self.old = document.quote
        self.new = new

    def redo(self) -> None:
        self.document.apply_quote(self.new)

    def undo(self) -> None:
        self.document.apply_quote(self.old)


class EditPlan(QUndoCommand):
    """Replace the file's plan settings (budget, usage tier, peak window, growth); typing in one field merges."""

    def __init__(self, document: Editable, new: PlanSettings, what: str, gesture: int = 0) -> None:
        super().__init__(f"Plan: {what}")
        self.document = document
        self.old = document.plan
        self.new = new
        self.what = what
        self.gesture = gesture

    def id(self) -> int:
        return PLAN_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditPlan) or (other.what, other.gesture) != (self.what, self.gesture):
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.document.apply_plan(self.new)

    def undo(self) -> None:
        self.document.apply_plan(self.old)
