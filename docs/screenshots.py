"""Regenerate docs/screenshots/*.png: `QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots.py`.

Each state is shown at 1280x800 and 1024x640 in a throwaway settings folder,
so the real profile is never touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
tmp = Path(tempfile.mkdtemp(prefix="imagecost-shots-"))
for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[var] = str(tmp / var.lower())

from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.window.main_window import MainWindow  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = HERE / "screenshots"
EXAMPLE = HERE / "examples" / "example.yaml"
SIZES = ((1280, 800), (1024, 640))


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def shoot(window: MainWindow, app: QApplication, name: str) -> None:
    for width, height in SIZES:
        window.resize(width, height)
        settle(app)
        window.grab().save(str(OUT / f"{name}-{width}x{height}.png"))


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    OUT.mkdir(exist_ok=True)

    window = MainWindow()
    window.show()
    shoot(window, app, "empty-start")

    window.open_path(EXAMPLE, ask=False)
    window.select_row(1)
    shoot(window, app, "filled-scenario")

    window.tabs.setCurrentWidget(window.comparison)
    shoot(window, app, "comparison")

    window.tabs.setCurrentWidget(window.totals)
    window.select_row(1)
    window.form.size_combo.setCurrentText("1000x1000")
    window.open_path(HERE / "examples" / "broken.yaml", ask=False)
    shoot(window, app, "error")
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
