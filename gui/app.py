"""imagecost: start the window, optionally opening a scenario file.

``imagecost --smoke-test [FILE]`` starts the real window, loads FILE, waits
until the window is drawn and its tools are built, and exits 0, or 1 with one
line saying what went wrong (gui/smoke.py): the packaged builds, the wheel
install and CI are checked with it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from core import __version__

if TYPE_CHECKING:
    import argparse

    from PySide6.QtWidgets import QApplication


class StartArgs(NamedTuple):
    """What the command line asks of the window."""

    file: Path | None = None
    smoke_test: bool = False


def parse_args(argv: Sequence[str] | None = None) -> StartArgs:
    """The command line, read by build_parser()'s parser; or, for a line of no option and at most one file
    (what the desktop and a person typically start), read at once: argparse would cost some 8 ms of start-up.
    """
    line = list(sys.argv[1:] if argv is None else argv)
    if len(line) <= 1 and not any(word.startswith("-") for word in line):
        return StartArgs(Path(line[0]) if line else None)
    args = build_parser().parse_args(line)
    return StartArgs(args.file, args.smoke_test)


def build_parser() -> argparse.ArgumentParser:
    from gui.version_option import VersionedParser, add_version_option

    parser = VersionedParser(prog="imagecost", description="Image Cost Calculator")
    parser.add_argument("file", nargs="?", type=Path, help="a scenario file to open")
    add_version_option(parser)  # --version [--verbose], readable from the windowed Windows exe too
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start the window, load FILE and exit: 0 if all went well, 1 and the reason if not",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from gui import preflight

    problems = preflight.problems()  # before Qt (which would abort with no useful word) and before --version
    if problems:
        for problem in problems:
            print(f"imagecost: {problem}", file=sys.stderr)
        return 1
    args = parse_args(argv)
    from PySide6.QtWidgets import QApplication

    from gui.desktop.identity import apply_identity
    from gui.window.main_window import APP_TITLE
    from gui.window.start import WindowStart

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_TITLE)
    app.setApplicationVersion(__version__)
    apply_identity()
    if args.smoke_test:
        return _smoke_test(app, args.file)
    # The frame now; the content, the safety net and FILE right after the first frame (gui/window/start.py).
    start = WindowStart(args.file, offer_restore=True)
    start.window.show()
    from gui import startup_probe
    from gui.desktop.file_open import forward_file_open_events

    startup_probe.install(start.window, start.ready)  # `make bench` only: off unless IMAGECOST_BENCH_PROBE is set
    forward_file_open_events(app, start.window.open_path, start.window)
    try:
        return int(app.exec())
    finally:
        start.shutdown()  # a clean end: this session's autosave is no longer needed


def _smoke_test(app: QApplication, file: Path | None) -> int:
    """Start the real window as a person's start does (opening FILE); exit 1 with one line if anything went wrong."""
    from gui.smoke import SmokeTest
    from gui.window.start import WindowStart

    smoke = SmokeTest(app)
    try:
        start = WindowStart(file, offer_restore=False)
        start.window.show()
    except Exception as exc:  # the smoke test's whole point: one line, never a traceback
        smoke.close()
        print(f"imagecost: smoke test failed: the window did not start: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    window = start.window
    smoke.watch(window, start.ready)
    try:
        status = int(app.exec())
    finally:
        start.shutdown()  # first: it puts back the hook it found, then close() the one from before the run
        smoke.close()
        window.hide()  # tests run many smoke tests in one process
    if file is not None and window.last_error is not None:
        print(f"imagecost: cannot open {file}: {window.last_error}", file=sys.stderr)
        return 1
    if status != 0 or smoke.problem is not None:
        print(f"imagecost: smoke test failed: {smoke.problem or f'exit status {status}'}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
