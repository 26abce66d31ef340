"""The start-up floor: a bare PySide6 QMainWindow painting one label, and nothing else.

Run as a script by the bench, in the same interpreter and environment as the
app, with the same start-up probe (gui.startup_probe, which imports no more Qt
than this script already does). packaging/bare_window.spec freezes this same
script with the app's PyInstaller options, so the frozen figures compare like
for like; ``--smoke-test`` quits after the same delay as ``imagecost --smoke-test``.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from gui import startup_probe

# gui.app.SMOKE_TEST_MS (importing gui.app would freeze the whole app in here).
SMOKE_TEST_MS = 500


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Floor")
    window.setCentralWidget(QLabel("Image Cost Calculator"))
    window.resize(1024, 640)
    startup_probe.install(window)
    window.show()
    if "--smoke-test" in sys.argv[1:]:
        QTimer.singleShot(SMOKE_TEST_MS, app.quit)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
