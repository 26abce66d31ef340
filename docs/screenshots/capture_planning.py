"""Screenshots of the planning tools: `QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/capture_planning.py`.

Writes docs/screenshots/plan-*.png from docs/examples/example.yaml in the real window (1280x800 and
1024x640) and the two price-sheet dialogs, in a throwaway settings folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
tmp = Path(tempfile.mkdtemp(prefix="imagecost-plan-shots-"))
for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[var] = str(tmp / var.lower())

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from core.model.plan_settings import PlanSettings  # noqa: E402
from core.pricing.catalog import default_catalog, load_sheet_file  # noqa: E402
from core.pricing.reprice import reprice, with_sheets  # noqa: E402
from gui.planning.reprice_view import ImportSheetDialog, RepriceDialog  # noqa: E402
from gui.window.main_window import MainWindow  # noqa: E402

OUT = Path(__file__).resolve().parent
EXAMPLES = OUT.parent / "examples"
SIZES = ((1280, 800), (1024, 640))
PLAN = PlanSettings(
    monthly_budget=Decimal(1000),
    usage_tier="2",
    peak_hours_per_day=Decimal(8),
    active_days_per_month=22,
    growth_percent=Decimal(5),
)


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def shoot(app: QApplication, widget: QWidget, name: str, sizes: tuple[tuple[int, int], ...] = SIZES) -> None:
    for width, height in sizes:
        widget.resize(width, height)
        settle(app)
        path = OUT / f"{name}-{width}x{height}.png"
        widget.grab().save(str(path))
        print(path)


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow()
    window.show()
    window.open_path(EXAMPLES / "example.yaml", ask=False)
    window.document.edit_plan(PLAN, "all")
    window.select_row(1)
    window.planning.show_stages_action.trigger()
    window.planning.stages.template.click()
    shoot(app, window, "plan-stages")
    window.tabs.setCurrentWidget(window.totals)
    shoot(app, window, "plan-stages-breakdown", SIZES[:1])
    window.planning.show_plan_action.trigger()
    for index, name in enumerate(["budget", "table", "limits", "growth"]):
        window.planning.plan.setCurrentIndex(index)
        shoot(app, window, f"plan-{name}")

    scenarios = window.document.scenarios
    sheet_path = EXAMPLES / "negotiated-2027.yaml"
    sheet = load_sheet_file(sheet_path)
    shoot(
        app, ImportSheetDialog(sheet, sheet_path.name, default_catalog(), scenarios), "plan-import-sheet", ((860, 620),)
    )
    results = reprice(scenarios, default_catalog(), with_sheets(default_catalog(), sheet))
    dialog = RepriceDialog(results, "openai-gpt-image (checked 2026-11-23)", f"{sheet.sheet} (checked {sheet.checked})")
    shoot(app, dialog, "plan-reprice", ((860, 400),))
    sys.stdout.flush()
    os._exit(0)  # nothing to save; skip tearing down the windows


if __name__ == "__main__":
    main()
