"""The start-up floor: a bare PySide6 QMainWindow painting one label, and nothing else.

Run as a script by the bench, in the same interpreter and environment as the
app, with the same start-up probe (gui.startup_probe, which imports no more Qt
than this script already does). packaging/bare_window.spec freezes this same
script with the app's PyInstaller options, so the frozen figures compare like
for like; ``--smoke-test`` quits once the first frame is drawn, as ``imagecost --smoke-test`` does
(which also waits one more event-loop turn for the tools it builds after that frame).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from gui import startup_probe


class QuitAfterFirstFrame(QObject):
    """Ends the event loop once the window's first frame is drawn."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, lambda: QApplication.exit(0))
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Floor")
    window.setCentralWidget(QLabel("Image Cost Calculator"))
    window.resize(1024, 640)
    startup_probe.install(window)
    window.show()
    if "--smoke-test" in sys.argv[1:]:
        window.installEventFilter(QuitAfterFirstFrame(window))
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
