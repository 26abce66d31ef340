"""imagecost: start the window, optionally opening a scenario file.

``imagecost --smoke-test [FILE]`` starts the real window, loads FILE, runs the
event loop briefly and exits 0, or 1 with a message: the packaged build is
checked with it.
"""

from __future__ import annotations

import argparse
import importlib
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


#: What the window imports at start-up that is not Qt (pydantic and PyYAML come with core.storage.scenario_file).
QT_FREE_MODULES = (
    "platformdirs",
    "core.numbers",
    "core.storage.scenario_file",
    "core.pricing.user_sheets",
    "core.storage.autosave",
)


def preload_qt_free_modules() -> None:
    """Import pydantic, PyYAML, platformdirs and core before PySide6, to reach the first frame sooner.

    Once imported, PySide6 reads the source of every module imported after it
    (to see whether it uses PySide6's ``__feature__`` switches): some 150
    modules here, about 20 ms of start-up (`make bench`, startup_ratio).
    """
    for name in QT_FREE_MODULES:
        importlib.import_module(name)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    preload_qt_free_modules()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from gui.desktop.file_open import FileOpenForwarder
    from gui.desktop.identity import apply_identity
    from gui.window.main_window import APP_TITLE
    from gui.window.safety_net import open_main_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_TITLE)
    app.setApplicationVersion(__version__)
    apply_identity()
    window, safety = open_main_window(offer_restore=not args.smoke_test)
    from gui import startup_probe

    startup_probe.install(window)  # `make bench` only: off unless IMAGECOST_BENCH_PROBE is set
    app.installEventFilter(FileOpenForwarder(window.open_path, parent=window))
    try:
        if args.file is not None:
            opened = window.open_path(args.file, ask=False)
            if not opened and args.smoke_test:
                print(f"imagecost: cannot open {args.file}: {window.last_error}", file=sys.stderr)
                return 1
        if args.smoke_test:
            # exit(), not quit(): Qt 6's quit() closes the windows first, and the last one closing
            # asks to quit again after the loop ended, which leaves every later event loop of the
            # process (the test run) returning at once.
            QTimer.singleShot(SMOKE_TEST_MS, lambda: app.exit(0))
        return int(app.exec())
    finally:
        safety.shutdown()  # a clean end: this session's autosave is no longer needed


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
