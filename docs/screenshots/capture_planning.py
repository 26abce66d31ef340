"""Screenshots of the planning tools for the README and docs/planning.md.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/capture_planning.py
Writes docs/screenshots/plan-*.png from docs/examples/example.yaml with fixed settings,
so the pictures change only when the widgets do.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from core import scenario_file
from core.catalog import default_catalog, load_sheet_file
from core.plan_settings import PlanSettings
from core.reprice import reprice, with_sheets
from gui.planning.panel import PlanningPanel
from gui.planning.reprice_view import ImportSheetDialog, RepriceDialog
from gui.planning.stages_editor import StagesEditor

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
TODAY = date(2026, 11, 23)
PLAN = PlanSettings(
    monthly_budget=Decimal(1000),
    usage_tier="2",
    peak_hours_per_day=Decimal(8),
    active_days_per_month=22,
    growth_percent=Decimal(5),
)


def shot(app: QApplication, widget: QWidget, name: str, size: tuple[int, int] | None = None) -> None:
    if size:
        widget.resize(*size)
    widget.show()
    app.processEvents()
    widget.grab().save(str(OUT / f"{name}.png"))
    print(OUT / f"{name}.png")


def main() -> None:
    app = QApplication(sys.argv)
    doc = scenario_file.load(ROOT / "docs/examples/example.yaml")
    panel = PlanningPanel(today=TODAY)
    panel.set_scenarios(doc.scenarios)
    panel.set_plan(PLAN)
    for index, name in enumerate(["budget", "table", "limits", "growth"]):
        panel.setCurrentIndex(index)
        shot(app, panel, f"plan-{name}", (1280, 800))
    stages = StagesEditor(today=TODAY)
    stages.set_scenario(doc.scenarios[1])
    stages.template.click()
    shot(app, stages, "plan-stages", (960, 330))
    sheet_path = ROOT / "docs/examples/negotiated-2027.yaml"
    sheet = load_sheet_file(sheet_path)
    shot(app, ImportSheetDialog(sheet, sheet_path.name, default_catalog(), doc.scenarios), "plan-import-sheet")
    results = reprice(doc.scenarios, default_catalog(), with_sheets(default_catalog(), sheet))
    dialog = RepriceDialog(results, "bundled sheets (checked 2026-11-23)", f"{sheet.sheet} (checked {sheet.checked})")
    shot(app, dialog, "plan-reprice", (820, 360))
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown of the top-level widgets (nothing is left to save)


if __name__ == "__main__":
    main()
