"""``imagecost --smoke-test``: start the real window and fail loudly on anything a person would see go wrong.

The packaged builds, the wheel-install test and CI run it. It passes only when
the window was drawn, what it builds after its first frame (its content, then
the quote, charts and planning tools) was built, and nothing went wrong on the
way: no exception (in a slot, an event handler or the start itself), no Qt
warning that is not on :data:`HARMLESS_QT_MESSAGES`, no dialog left open, no
file error. Any of those gives exit status 1 and one line on stderr saying what, in the manner of
qutebrowser's frozen-build smoke test. It waits for events (the first paint,
then one more turn of the event loop), never a fixed delay; a window that is
not drawn within :data:`FIRST_FRAME_TIMEOUT_MS` fails too.
"""

from __future__ import annotations

import re
import sys
from types import TracebackType

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    SignalInstance,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMainWindow

#: Qt messages a healthy start may print: (pattern, why it is harmless).
HARMLESS_QT_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^This plugin does not support propagateSizeHints\(\)$"),
        "the offscreen platform plugin used for headless runs has no window manager to tell",
    ),
)
#: A hang guard: the first frame normally comes within a second, also from a one-file build.
FIRST_FRAME_TIMEOUT_MS = 30_000
_REPORTED = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)


def is_harmless(message: str) -> bool:
    """Whether a Qt message is one a healthy start prints (see :data:`HARMLESS_QT_MESSAGES`)."""
    return any(pattern.search(message) for pattern, _why in HARMLESS_QT_MESSAGES)


class SmokeTest(QObject):
    """Watches one start of the window and ends the event loop with 0 (all well) or 1 (with :attr:`problem`)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.window: QMainWindow | None = None
        #: The first thing that went wrong, as one line; None while all is well.
        self.problem: str | None = None
        self._painted = False
        #: False while the window's start has a READY signal still to come (see watch()).
        self._ready = True
        self._before: set[int] = set()
        self._previous_hook = sys.excepthook
        # Before the window exists, so its own start is watched too.
        self._previous_handler = qInstallMessageHandler(self._on_qt_message)
        sys.excepthook = self._on_exception

    def watch(self, window: QMainWindow, ready: SignalInstance | None = None) -> None:
        """Follow WINDOW (already shown) to its first frame, its content (READY) and the tools built after it."""
        self.window = window
        if ready is not None:
            self._ready = False
            ready.connect(self._on_ready)
        sys.excepthook = self._on_exception  # over the crash dialog's hook: here an exception fails the run
        self._before = {id(widget) for widget in QApplication.topLevelWidgets()}
        window.installEventFilter(self)
        QTimer.singleShot(FIRST_FRAME_TIMEOUT_MS, self, self._on_timeout)

    def fail(self, problem: str) -> None:
        """Record the first problem and end the event loop with status 1."""
        if self.problem is None:
            self.problem = problem
        self.app.exit(1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            QTimer.singleShot(0, self._after_first_frame)  # after the whole frame is drawn
        return False

    def _on_ready(self) -> None:
        self._ready = True

    def _after_first_frame(self) -> None:
        build_tools = getattr(self.window, "build_tools", None)
        if callable(build_tools):
            build_tools()  # what the window builds after its first frames (content, tools), now rather than later
        QTimer.singleShot(0, self._finish)  # one more turn: whatever the tools queued runs first

    def _finish(self) -> None:
        if not self._ready:
            self.fail("the window's content was not built after its first frame")
            return
        for widget in QApplication.topLevelWidgets():
            if id(widget) not in self._before and widget.isVisible() and widget.isWindow():
                self.fail(f"a window was left open at start: {widget.windowTitle() or type(widget).__name__}")
                return
        last_error = getattr(self.window, "last_error", None)
        if last_error:
            self.fail(f"the window shows an error: {last_error}")
            return
        if self.problem is None:
            # exit(), not quit(): Qt 6's quit() closes the windows first, and the last one closing
            # asks to quit again after the loop ended, which leaves every later event loop of the
            # process (the test run) returning at once.
            self.app.exit(0)

    def _on_timeout(self) -> None:
        if not self._painted:
            self.fail(f"the window was not drawn within {FIRST_FRAME_TIMEOUT_MS // 1000} s")

    def _on_qt_message(self, kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if kind in _REPORTED and not is_harmless(message):
            self.fail(f"Qt warned: {message}")

    def _on_exception(
        self, kind: type[BaseException], value: BaseException, _traceback: TracebackType | None
    ) -> None:
        self.fail(f"{kind.__name__}: {value}")

    def close(self) -> None:
        """Put back the message handler and exception hook found at the start (tests start many windows)."""
        qInstallMessageHandler(self._previous_handler)
        sys.excepthook = self._previous_hook
        for widget in QApplication.topLevelWidgets():
            if id(widget) not in self._before and widget.isVisible():
                widget.hide()  # a dialog the run left open would take the next window's keys
        self.deleteLater()
