"""The benchmark baseline: a bare PySide6 QMainWindow with one label.

Frozen by bare_window.spec with the same options as the app, it shows what
PySide6 alone costs in bundle size and start-up. ``--smoke-test`` quits after
the same delay as ``imagecost --smoke-test``.
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

SMOKE_TEST_MS = 300

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("Bare window")
window.setCentralWidget(QLabel("Bare window"))
window.resize(1024, 640)
window.show()
if "--smoke-test" in sys.argv[1:]:
    QTimer.singleShot(SMOKE_TEST_MS, app.quit)
sys.exit(app.exec())
