"""imagecost: start the window, optionally opening a scenario file.

``imagecost --smoke-test [FILE]`` starts the real window, loads FILE, runs the
event loop briefly and exits 0, or 1 with a message: the packaged build is
checked with it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from core import __version__

SMOKE_TEST_MS = 500


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="imagecost", description="Image Cost Calculator")
    parser.add_argument("file", nargs="?", type=Path, help="a scenario file to open")
    parser.add_argument("--version", action="version", version=f"imagecost {__version__}")
    parser.add_argument(
        "--smoke-test", action="store_true", help="start the window, load FILE, run the event loop briefly and exit"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from gui.main_window import APP_TITLE, MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_TITLE)
    app.setApplicationVersion(__version__)
    window = MainWindow()
    window.show()
    if args.file is not None:
        opened = window.open_path(args.file, ask=False)
        if not opened and args.smoke_test:
            print(f"imagecost: cannot open {args.file}: {window.last_error}", file=sys.stderr)
            return 1
    if args.smoke_test:
        QTimer.singleShot(SMOKE_TEST_MS, app.quit)
    return int(app.exec())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
