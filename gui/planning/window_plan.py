"""Wires the planning tools into the window, through its :class:`gui.tool_host.ToolHost`.

Adds the Stages and Plan tabs, File > Import Price Sheet..., Scenario > Re-price...,
and keeps them in step with the open document: stage edits and plan settings go
through the document's undo stack; the Plan tabs read the window's cached
estimates (nothing is re-priced twice) and refresh only while visible.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from core.errors import ImageCostError
from core.model.plan_settings import PlanSettings
from core.model.scenario import Scenario, Stage
from core.pricing.catalog import Catalog, PriceSheet
from core.pricing.estimate import Estimate
from core.pricing.reprice import reprice_since_saved
from core.pricing.user_sheets import ImportPreview
from gui.editors.stages_editor import StagesEditor
from gui.planning.panel import PlanningPanel
from gui.planning.reprice_view import ImportSheetDialog, RemoveSheetDialog, RepriceDialog
from gui.planning.sheets_dialog import PriceSheetsDialog
from gui.shortcuts import assign
from gui.tool_host import ToolHost
from gui.views.plain_text import esc, warn
from gui.views.reflow_area import ReflowArea

#: Form fields that, on a staged scenario, also set its last stage (the top level mirrors the finals).
MIRRORED = ("model", "quality", "size", "images_per_request")
REFRESH_DELAY_MS = 120
#: Up to this many scenarios the Plan tabs follow every edit at once; above it, once edits pause.
INSTANT_REFRESH_LIMIT = 200
SHEET_FILTER = "Price sheets (*.yaml *.yml)"


def reveal_in_folder(path: Path) -> None:
    """Open the folder holding PATH in the desktop's file manager."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))




class SheetFolder(Protocol):
    """Where the person's own price sheets live (core.pricing.user_sheets once it is on main)."""

    def check(self, path: Path) -> PriceSheet: ...
    def preview(self, path: Path) -> ImportPreview: ...
    def install(self, path: Path) -> Path: ...
    def catalog(self) -> Catalog: ...
    def base_sheets(self) -> list[PriceSheet]: ...
    def available_sheets(self) -> list[PriceSheet]: ...
    def installed(self) -> list[tuple[Path, PriceSheet]]: ...
    def without(self, name: str) -> Catalog: ...
    def remove(self, name: str) -> Path: ...
    def location(self) -> Path: ...


class PlanningController(QObject):
    def __init__(self, host: ToolHost, sheets: SheetFolder, *, today: date | None = None) -> None:
        super().__init__(host.dialog_parent())
        self.host = host
        self.document = host.document
        self.sheets = sheets
        self._today = today or date.today()
        self._dirty = True
        self._stage_edit = False

        self.stages = StagesEditor(self.document.catalog, today=self._today)
        self.plan = PlanningPanel(self.document.catalog, today=self._today)
        # In scroll areas, so the tools never make the window's minimum size larger.
        # The window holds their tabs already (empty hosts, so its tab bar is complete at first paint).
        self.stages_page = host.tool_tab("stages")
        self.plan_page = host.tool_tab("plan")
        self.stages_page.set_content(ReflowArea(self.stages))
        self.plan_page.set_content(ReflowArea(self.plan))

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self._refresh_plan)

        # The growth chart's Save dialog starts beside the open file, as the Charts tab's does.
        self.plan.growth.chart.folder = lambda: self.document.path.parent if self.document.path else None
        self._build_actions()
        doc = self.document
        doc.documentReset.connect(self._on_reset)
        doc.documentChanged.connect(self._schedule)
        doc.planChanged.connect(self._show_plan)
        doc.scenarioChanged.connect(self._on_scenario_changed)
        doc.catalogChanged.connect(self._on_catalog)
        host.currentRowChanged.connect(self._show_stages)
        host.form_edited.connect(self._mirror_to_last_stage)
        host.tabs.currentChanged.connect(self._tab_changed)
        self.stages.stages_changed.connect(self._stages_edited)
        self.plan.plan_changed.connect(self._plan_edited)
        self._on_reset()

    # -- menus -----------------------------------------------------------------
    def _build_actions(self) -> None:
        host = self.host
        w = host.dialog_parent()
        self.import_action = QAction("&Import Price Sheet...", w)
        self.import_action.setStatusTip("Add a price sheet of your own (negotiated, reseller, newer list)")
        self.import_action.triggered.connect(self.import_sheet)
        self.sheets_action = QAction("Price S&heets...", w)
        self.sheets_action.setStatusTip("Your own price sheets: list, remove, reveal in the folder")
        self.sheets_action.triggered.connect(self.show_sheets)
        host.add_actions("file", [self.import_action, self.sheets_action])
        self.reprice_action = QAction("Re-&price...", w)
        self.reprice_action.setStatusTip("Show what each scenario costs now against the sheet it was saved with")
        self.reprice_action.triggered.connect(self.reprice)
        host.add_actions("scenario", [None, self.reprice_action])
        self.show_stages_action = assign(QAction("S&tages", w), "view.stages")
        self.show_stages_action.triggered.connect(lambda: host.tabs.setCurrentWidget(self.stages_page))
        self.show_plan_action = assign(QAction("&Plan", w), "view.plan")
        self.show_plan_action.triggered.connect(lambda: host.tabs.setCurrentWidget(self.plan_page))
        host.add_actions("view", [self.show_stages_action, self.show_plan_action])

    # -- keeping in step with the document -----------------------------------
    def _on_reset(self) -> None:
        self._show_plan()
        self._show_stages(self.host.current_row())
        self._schedule()

    def _show_plan(self) -> None:
        self.plan.set_plan(self.document.plan)

    def _on_scenario_changed(self, row: int) -> None:
        if row == self.host.current_row() and not self._stage_edit:
            self._show_stages(row)

    def _show_stages(self, row: int) -> None:
        if 0 <= row < len(self.document):
            self.stages.setEnabled(True)
            self.stages.set_scenario(self.document.scenario(row), self.host.estimate_of(row))
        else:
            self.stages.setEnabled(False)

    def _on_catalog(self) -> None:
        catalog = self.document.catalog
        self.stages.set_catalog(catalog)
        self.plan.set_catalog(catalog)
        self._schedule()

    def _schedule(self) -> None:
        self._dirty = True
        if self.host.tabs.currentWidget() is not self.plan_page:
            return
        if len(self.document) <= INSTANT_REFRESH_LIMIT:
            self._refresh_plan()
        else:
            self._timer.start()

    def _tab_changed(self, _index: int) -> None:
        if self.host.tabs.currentWidget() is self.plan_page and self._dirty:
            self._refresh_plan()

    def estimates(self) -> list[Estimate]:
        """The estimates of the scenarios that price, from the window's priced view (not re-priced)."""
        return self.host.estimates()

    def _refresh_plan(self) -> None:
        self._dirty = False
        self.plan.set_estimates(self.estimates())

    # -- edits -------------------------------------------------------------------
    def _stages_edited(self, stages: list[Stage]) -> None:
        row = self.host.current_row()
        if row < 0:
            return
        scenario = self.document.scenario(row)
        changes: dict[str, object] = {"stages": stages}
        if stages:
            last = stages[-1]
            changes.update(model=last.model, quality=last.quality, size=last.size)
            changes["images_per_request"] = last.images_per_request
        try:
            updated = scenario.updated(**changes)
        except ImageCostError as exc:
            self.host.message_bar.show_message(esc(exc))
            return
        self._stage_edit = True
        try:
            self.document.edit(row, updated, "stages")
        finally:
            self._stage_edit = False
        self.stages.set_scenario(self.document.scenario(row), self.host.estimate_of(row))

    def _mirror_to_last_stage(self, scenario: Scenario, field: str) -> None:
        """On a staged scenario the form's model, quality, size and images edit the last stage too."""
        row = self.host.current_row()
        if field not in MIRRORED or row < 0 or not scenario.stages:
            return
        current = self.document.scenario(row)
        last = current.stages[-1]
        mirrored = {name: getattr(current, name) for name in MIRRORED}
        if all(getattr(last, name) == value for name, value in mirrored.items()):
            return
        try:
            new_last = Stage.model_validate({**last.model_dump(), **mirrored})
            updated = current.updated(stages=[*current.stages[:-1], new_last])
        except (ImageCostError, ValueError):
            return
        self.document.edit(row, updated, field)  # same field: merges into the form's undo step

    def _plan_edited(self, plan: PlanSettings, what: str) -> None:
        self.document.edit_plan(plan, what)

    # -- price sheets ------------------------------------------------------------
    def _parent(self) -> QWidget:
        return self.host.dialog_parent()

    def choose_sheet(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self._parent(), "Import price sheet", "", SHEET_FILTER)
        return Path(name) if name else None

    def import_sheet(self, path: Path | None = None) -> bool:
        """Check a sheet, show what it changes, and install it only if the person says so."""
        path = path or self.choose_sheet()
        if path is None:
            return False
        try:
            preview = self.sheets.preview(path)
        except ImageCostError as exc:
            warn(self._parent(), "Import price sheet", f"This file is not a valid price sheet:\n\n{exc}")
            return False
        dialog = ImportSheetDialog(
            preview.sheet,
            path.name,
            self.document.catalog,
            self.document.scenarios,
            self._parent(),
            new_catalog=preview.after.catalog,  # exactly what installing leaves, in file-name order
            notes=preview.notes(),
        )
        if dialog.exec() != ImportSheetDialog.DialogCode.Accepted:
            return False
        return self._install(path, preview.sheet, shadowed=bool(preview.shadowed))

    def _install(self, path: Path, sheet: PriceSheet, *, shadowed: bool = False) -> bool:
        try:
            self.sheets.install(path)
            catalog = self.sheets.catalog()
        except ImageCostError as exc:
            warn(self._parent(), "Import price sheet", f"The sheet was not imported:\n\n{exc}")
            return False
        effect = (
            "a later sheet still prices some of its models (see the preview)"
            if shadowed
            else "every scenario is priced with it now"
        )
        self._priced_with(catalog, f"Imported {esc(sheet.title)} (checked {sheet.checked}); {effect}.")
        return True

    def _priced_with(self, catalog: Catalog, notice: str) -> None:
        """Price with CATALOG from now on and say so; the file is unsaved until the stamps are written.

        Saving records the sheets on every scenario (priced_with): the title's * says so, and
        quitting asks, as the notice promises.
        """
        self.document.set_catalog(catalog)
        self.document.mark_modified()
        self.host.message_bar.show_message(f"{notice} Save to record it in the file.", "info")

    def show_sheets(self) -> None:
        """File > Price Sheets...: the person's sheets, with Remove (previewed) and Reveal in Folder."""
        dialog = PriceSheetsDialog(
            self.sheets.installed, self.sheets.location(), self.remove_sheet, reveal_in_folder, self._parent()
        )
        dialog.exec()

    def remove_sheet(self, name: str) -> bool:
        """Show what removing sheet file NAME changes; remove it only if the person says so."""
        found = {path.name: sheet for path, sheet in self.sheets.installed()}.get(name)
        if found is None:
            return False
        try:
            without = self.sheets.without(name)
        except ImageCostError as exc:
            warn(self._parent(), "Remove price sheet", f"Cannot remove the sheet:\n\n{exc}")
            return False
        dialog = RemoveSheetDialog(
            found, name, self.document.catalog, without, self.document.scenarios, parent=self._parent()
        )
        if dialog.exec() != RemoveSheetDialog.DialogCode.Accepted:
            return False
        try:
            self.sheets.remove(name)
            catalog = self.sheets.catalog()
        except ImageCostError as exc:
            warn(self._parent(), "Remove price sheet", f"The sheet was not removed:\n\n{exc}")
            return False
        self._priced_with(
            catalog,
            f"Removed {esc(found.title)}; the scenarios are priced without it now "
            f"(its file is kept as {esc(name)}.bak).",
        )
        return True

    def reprice(self) -> None:
        """Was (the sheet each scenario was saved with) -> now (the catalog in use)."""
        results = reprice_since_saved(
            self.document.scenarios,
            self.document.catalog,
            self.sheets.base_sheets(),
            self.sheets.available_sheets(),
            today=self._today,
        )
        now = ", ".join(f"{s.sheet} (checked {s.checked})" for s in self.document.catalog.sheets_in_use())
        dialog = RepriceDialog(results, "the price sheet each scenario was saved with", now, self._parent())
        dialog.update_button.setText("Record the current prices")
        if dialog.exec() == RepriceDialog.DialogCode.Accepted:
            self.document.mark_modified()  # the stamps are written on the next save
