"""imagecost: start the window (placeholder until the main window lands)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from core import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="imagecost", description="Image Cost Calculator")
    parser.add_argument("file", nargs="?", help="a scenario file to open")
    parser.add_argument("--version", action="version", version=f"imagecost {__version__}")
    parser.add_argument(
        "--smoke-test", action="store_true", help="start the window, load FILE, run the event loop briefly and exit"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from gui.identity import apply_identity

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_identity()
    window = QMainWindow()
    window.setWindowTitle("Image Cost Calculator")
    window.setCentralWidget(QLabel("Image Cost Calculator"))
    window.resize(1024, 640)
    window.show()
    if args.smoke_test:
        QTimer.singleShot(300, app.quit)
    return int(app.exec())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
