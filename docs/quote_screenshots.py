"""Regenerate the quote screenshots: `QT_QPA_PLATFORM=offscreen .venv/bin/python docs/quote_screenshots.py`.

Writes docs/screenshots/charts-*.png (the window's Charts tab at 1280x800 and
1024x640), quote-details.png (the dialog) and quote-page-N.png (the PDF quote
of docs/examples/agency-quote.yaml, rendered with pdftoppm when installed).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
tmp = Path(tempfile.mkdtemp(prefix="imagecost-quote-shots-"))
for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[var] = str(tmp / var.lower())

from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.editors.quote_details import QuoteDetailsDialog  # noqa: E402
from gui.window.main_window import MainWindow  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = HERE / "screenshots"
EXAMPLE = HERE / "examples" / "agency-quote.yaml"
SHOTS = (("comparison", 1280, 800), ("growth", 1280, 800), ("breakdown", 1024, 640), ("comparison", 1024, 640))


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    OUT.mkdir(exist_ok=True)
    window = MainWindow()
    window.show()
    window.open_path(EXAMPLE, ask=False)
    charts = window.quote_actions.charts
    window.tabs.setCurrentWidget(charts)
    for chart, width, height in SHOTS:
        window.resize(width, height)
        charts.show_chart(chart)
        if chart == "breakdown":
            charts.scenario_box.setCurrentIndex(1)
        settle(app)
        window.grab().save(str(OUT / f"charts-{chart}-{width}x{height}.png"))

    dialog = QuoteDetailsDialog(window.document.quote, window)
    dialog.show()
    settle(app)
    dialog.grab().save(str(OUT / "quote-details.png"))
    dialog.close()

    pdf = tmp / "quote.pdf"
    window.quote_actions.export("pdf", pdf)
    if shutil.which("pdftoppm"):
        for old in OUT.glob("quote-page-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(OUT / "quote-page")], check=True)
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
