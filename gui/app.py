"""imagecost: start the window, optionally opening a scenario file.

``imagecost --smoke-test [FILE]`` starts the real window, loads FILE, waits
until the window is drawn and its tools are built, and exits 0, or 1 with one
line saying what went wrong (gui/smoke.py): the packaged builds, the wheel
install and CI are checked with it.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from core import __version__
from gui.version_option import VersionedParser, add_version_option

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


def build_parser() -> argparse.ArgumentParser:
    parser = VersionedParser(prog="imagecost", description="Image Cost Calculator")
    parser.add_argument("file", nargs="?", type=Path, help="a scenario file to open")
    add_version_option(parser)  # --version [--verbose], readable from the windowed Windows exe too
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start the window, load FILE and exit: 0 if all went well, 1 and the reason if not",
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
    from gui import preflight

    problems = preflight.problems()  # before Qt (which would abort with no useful word) and before --version
    if problems:
        for problem in problems:
            print(f"imagecost: {problem}", file=sys.stderr)
        return 1
    args = build_parser().parse_args(argv)
    preload_qt_free_modules()
    from PySide6.QtWidgets import QApplication

    from gui.desktop.file_open import FileOpenForwarder
    from gui.desktop.identity import apply_identity
    from gui.window.main_window import APP_TITLE
    from gui.window.safety_net import open_main_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_TITLE)
    app.setApplicationVersion(__version__)
    apply_identity()
    if args.smoke_test:
        return _smoke_test(app, args.file)
    window, safety = open_main_window(offer_restore=True)
    from gui import startup_probe

    startup_probe.install(window)  # `make bench` only: off unless IMAGECOST_BENCH_PROBE is set
    app.installEventFilter(FileOpenForwarder(window.open_path, parent=window))
    try:
        if args.file is not None:
            window.open_path(args.file, ask=False)
        return int(app.exec())
    finally:
        safety.shutdown()  # a clean end: this session's autosave is no longer needed


def _smoke_test(app: QApplication, file: Path | None) -> int:
    """Start the real window (opening FILE), and exit 1 with one line on stderr if anything went wrong."""
    from gui.smoke import SmokeTest
    from gui.window.safety_net import open_main_window

    smoke = SmokeTest(app)
    try:
        window, safety = open_main_window(offer_restore=False)
    except Exception as exc:  # the smoke test's whole point: one line, never a traceback
        smoke.close()
        print(f"imagecost: smoke test failed: the window did not start: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    smoke.watch(window)
    try:
        if file is not None and not window.open_path(file, ask=False):
            print(f"imagecost: cannot open {file}: {window.last_error}", file=sys.stderr)
            return 1
        status = int(app.exec())
    finally:
        safety.shutdown()  # first: it puts back the hook it found, then close() the one from before the run
        smoke.close()
        window.hide()  # tests run many smoke tests in one process
    if status != 0 or smoke.problem is not None:
        print(f"imagecost: smoke test failed: {smoke.problem or f'exit status {status}'}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
