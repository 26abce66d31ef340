"""The open document: its scenarios, file path, modified state and undo stack.

A QObject with no widgets, so the window, autosave/recovery and tests can all
observe one source of truth through signals. Every change to the scenarios goes
through an undo command (gui.document.commands) that calls the ``apply_*`` methods here;
those are the only places the scenario list is edited, and each emits a
precise signal so views recompute only what changed. The one change outside
undo is saving's price-sheet stamp, which emits ``scenariosStamped``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from core.files.disk_state import DiskState
from core.model.plan_settings import PlanSettings
from core.model.quote_header import QuoteHeader
from core.model.scenario import Scenario
from core.pricing.catalog import Catalog, default_catalog
from core.pricing.engine import check_scenario
from core.pricing.estimate import Estimate
from core.pricing.reprice import stamp
from core.storage import scenario_file
from core.storage.scenario_file import ScenarioFile
from gui.document.commands import EditPlan, EditQuote, EditScenario, InsertScenario, MoveScenario, RemoveScenario

UNTITLED = "Untitled"


def copy_name(name: str, taken: set[str]) -> str:
    """'Heroes' -> 'Heroes (copy)', then 'Heroes (copy 2)', ... avoiding names in TAKEN."""
    limit = 200 - len(" (copy 999)")
    base = name[:limit]
    candidate = f"{base} (copy)"
    number = 2
    while candidate in taken:
        candidate = f"{base} (copy {number})"
        number += 1
    return candidate



def absolute(path: Path | None) -> Path | None:
    """PATH from the root (symlinks kept, so a save still goes through the link), or None."""
    return None if path is None else Path(os.path.abspath(path))

class DocumentController(QObject):
    """Holds the ScenarioFile being edited and says when and how it changes."""

    #: The whole document was replaced (New, Open): views reload everything.
    documentReset = Signal()
    #: Scenario at ROW was replaced by an edit.
    scenarioChanged = Signal(int)
    #: A scenario was inserted at ROW.
    scenarioInserted = Signal(int)
    #: The scenario at ROW was removed.
    scenarioRemoved = Signal(int)
    #: The scenario at FROM moved to TO (TO counted after removal).
    scenarioMoved = Signal(int, int)
    #: The quote header (title, client, markup, currency) changed.
    quoteChanged = Signal()
    #: The plan settings (budget, usage tier, peak window, growth) changed.
    planChanged = Signal()
    #: The price catalog changed (a price sheet was imported): every scenario is re-priced.
    catalogChanged = Signal()
    #: Saving recorded in every scenario the price sheet it is priced with (``priced_with``):
    #: the scenario objects are new, their prices and every shown field are the same.
    scenariosStamped = Signal()
    #: Any change of content (edits, undo, redo, reset): autosave hooks here.
    documentChanged = Signal()
    #: The file path changed (Open, Save As, New); None for an untitled document.
    pathChanged = Signal(object)
    #: Unsaved changes appeared or disappeared.
    modifiedChanged = Signal(bool)

    def __init__(self, catalog: Catalog | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog or default_catalog()
        self.undo_stack = QUndoStack(self)
        self._document = ScenarioFile()
        self._path: Path | None = None
        self._dirty_outside_undo = False
        #: Counts the person's gestures (focus changes): edits merge only within one (end_gesture).
        self._gesture = 0
        #: The file as it was when opened or last saved, to notice changes by other programs.
        self.disk_state: DiskState | None = None
        self.undo_stack.cleanChanged.connect(self._emit_modified)

    # -- reading -----------------------------------------------------------
    @property
    def document(self) -> ScenarioFile:
        return self._document

    @property
    def scenarios(self) -> list[Scenario]:
        return self._document.scenarios

    @property
    def quote(self) -> QuoteHeader:
        return self._document.quote

    @property
    def plan(self) -> PlanSettings:
        return self._document.plan

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def display_name(self) -> str:
        return self._path.name if self._path else UNTITLED

    def is_modified(self) -> bool:
        return self._dirty_outside_undo or not self.undo_stack.isClean()

    def scenario(self, row: int) -> Scenario:
        return self._document.scenarios[row]

    def __len__(self) -> int:
        return len(self._document.scenarios)

    # -- whole-document operations ------------------------------------------
    def new(self) -> None:
        """An empty untitled document."""
        self.replace(ScenarioFile(), None)

    def open(self, path: Path) -> None:
        """Load PATH; on error (ScenarioFileError) nothing here changes.

        The document keeps PATH made absolute, so the autosave record, recent files
        and Save name the same file whatever folder the app is started from later.
        """
        # Checked (a regular file under the size limit) before anything is read; hashed as read.
        document, state = scenario_file.load_with_state(path, check=partial(check_scenario, catalog=self.catalog))
        self.replace(document, path, disk_state=state)

    def save(self, path: Path | None = None, *, estimates: Sequence[Estimate | None] | None = None) -> None:
        """Write the document to PATH (default: its own path) atomically, keeping FILE.yaml.bak (core.files.atomic).

        Every scenario records the price sheet it is priced with; ESTIMATES (one per
        scenario, from the window's priced view) save pricing them all again.
        """
        target = absolute(path) or self._path
        if target is None:
            raise ValueError("an untitled document needs a path")
        # Every scenario records the price sheet it is priced with now (for a later re-price).
        stamped = stamp(self._document.scenarios, self.catalog, estimates=estimates)
        if stamped != self._document.scenarios:
            self._document.scenarios[:] = stamped
            self.scenariosStamped.emit()
        scenario_file.save(self._document, target)
        self.disk_state = DiskState.of(target)
        if target != self._path:
            self._path = target
            self.pathChanged.emit(target)
        self._dirty_outside_undo = False
        self.undo_stack.setClean()
        self._emit_modified()

    def replace(
        self, document: ScenarioFile, path: Path | None, *, modified: bool = False, disk_state: DiskState | None = None
    ) -> None:
        """Swap in another document (e.g. a recovered autosave with modified=True)."""
        self._document = document
        self.disk_state = disk_state
        self.undo_stack.clear()
        self._dirty_outside_undo = modified
        self._path = absolute(path)
        self.pathChanged.emit(path)
        self.documentReset.emit()
        self.documentChanged.emit()
        self._emit_modified()

    def changed_on_disk(self, path: Path | None = None) -> bool:
        """Whether PATH (default: the document's file) changed on disk since it was opened or saved here."""
        target = absolute(path) or self._path
        if target is None or self.disk_state is None or target != self._path:
            return False
        # A file deleted or moved away meanwhile is simply written anew: there is nothing to overwrite.
        return target.exists() and self.disk_state.changed(target)

    def mark_modified(self) -> None:
        """Record a change made outside the undo stack."""
        self._dirty_outside_undo = True
        self.documentChanged.emit()
        self._emit_modified()

    def _emit_modified(self, *_args: object) -> None:
        self.modifiedChanged.emit(self.is_modified())

    # -- undoable edits ------------------------------------------------------
    def end_gesture(self, *_focus: object) -> None:
        """The person moved on (focus left a control): the next edit is an undo step of its own.

        Edits merge only within one gesture, typing in one field, as Qt's own
        examples do; the window calls this whenever the focus changes.
        """
        self._gesture += 1

    def edit(self, row: int, scenario: Scenario, what: str) -> None:
        """Replace the scenario at ROW; edits of the same WHAT within one gesture merge into one undo step."""
        if scenario != self.scenario(row):
            self.undo_stack.push(EditScenario(self, row, scenario, what, self._gesture))

    def edit_quote(self, quote: QuoteHeader) -> None:
        """Replace the quote header (Quote Details…); emits quoteChanged, undoable as one step."""
        if quote != self.quote:
            self.undo_stack.push(EditQuote(self, quote))

    def edit_plan(self, plan: PlanSettings, what: str) -> None:
        """Replace the plan settings; edits of the same WHAT within one gesture merge into one undo step."""
        if plan != self.plan:
            self.undo_stack.push(EditPlan(self, plan, what, self._gesture))

    def set_catalog(self, catalog: Catalog) -> None:
        """Price with another catalog from now on (after a price sheet is imported)."""
        self.catalog = catalog
        self.catalogChanged.emit()
        self.documentChanged.emit()

    def rename(self, row: int, name: str) -> None:
        """Rename; an empty or over-long name raises ImageCostError and changes nothing."""
        self.edit(row, self.scenario(row).updated(name=name.strip()), "name")

    def add(self, scenario: Scenario, row: int | None = None) -> int:
        """Insert SCENARIO at ROW (default: at the end); returns where it went."""
        row = len(self) if row is None else row
        self.undo_stack.push(InsertScenario(self, row, scenario, f"Add {scenario.name}"))
        return row

    def duplicate(self, row: int) -> int:
        original = self.scenario(row)
        copy = original.updated(name=copy_name(original.name, {s.name for s in self.scenarios}))
        self.undo_stack.push(InsertScenario(self, row + 1, copy, f"Duplicate {original.name}"))
        return row + 1

    def remove(self, row: int) -> None:
        self.undo_stack.push(RemoveScenario(self, row))

    def move(self, source: int, target: int) -> None:
        if source != target and 0 <= target < len(self):
            self.undo_stack.push(MoveScenario(self, source, target))

    # -- the only mutations (called by undo commands) -----------------------
    def apply_set(self, row: int, scenario: Scenario) -> None:
        self._document.scenarios[row] = scenario
        self.scenarioChanged.emit(row)
        self.documentChanged.emit()

    def apply_quote(self, quote: QuoteHeader) -> None:
        self._document.quote = quote
        self.quoteChanged.emit()
        self.documentChanged.emit()

    def apply_plan(self, plan: PlanSettings) -> None:
        self._document.plan = plan
        self.planChanged.emit()
        self.documentChanged.emit()

    def apply_insert(self, row: int, scenario: Scenario) -> None:
        self._document.scenarios.insert(row, scenario)
        self.scenarioInserted.emit(row)
        self.documentChanged.emit()

    def apply_remove(self, row: int) -> Scenario:
        scenario = self._document.scenarios.pop(row)
        self.scenarioRemoved.emit(row)
        self.documentChanged.emit()
        return scenario

    def apply_move(self, source: int, target: int) -> None:
        scenario = self._document.scenarios.pop(source)
        self._document.scenarios.insert(target, scenario)
        self.scenarioMoved.emit(source, target)
        self.documentChanged.emit()
