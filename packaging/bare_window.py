"""The benchmark baseline: a bare PySide6 QMainWindow with one label.

Frozen by bare_window.spec with the same options as the app, it shows what
PySide6 alone costs in bundle size and start-up. ``--smoke-test`` quits after
the same delay as ``imagecost --smoke-test``. When the bench's start-up probe
(gui.startup_probe) is in the tree, the window carries it like the app does,
so ``make bench`` times both frozen programs to their first paint.
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

try:
    from gui import startup_probe
except ImportError:  # the bench has not landed in this tree
    startup_probe = None

# gui.app.SMOKE_TEST_MS (importing gui.app would freeze the whole app in here).
SMOKE_TEST_MS = 500


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Bare window")
    window.setCentralWidget(QLabel("Image Cost Calculator"))
    window.resize(1024, 640)
    if startup_probe is not None:
        startup_probe.install(window)
    window.show()
    if "--smoke-test" in sys.argv[1:]:
        QTimer.singleShot(SMOKE_TEST_MS, app.quit)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
