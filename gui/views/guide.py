"""The Help menu's user guide and glossary, built only when first opened (start-up never pays for them).

The guide is our own file, ``resources/guide/index.html``, read through importlib.resources so a
checkout, a wheel and the frozen app find it alike; being ours, it is shown as HTML (trusted), with
the folders this computer uses added where the file marks the place. The glossary is core's
(``core.vocabulary``), shown as plain text.
"""

from __future__ import annotations

from html import escape
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.files import paths
from core.vocabulary import glossary_text
from gui.desktop.screen_fit import open_within_screen

GUIDE_TITLE = "Image Cost Calculator: user guide"
#: Where the guide marks the place for this computer's folders (a comment, so a browser shows nothing there).
THIS_COMPUTER_MARK = "<!-- this computer: the window lists the folders it uses here -->"


def guide_file() -> Traversable:
    """The bundled guide, wherever the app is installed."""
    return resources.files("resources").joinpath("guide").joinpath("index.html")


def this_computer_html() -> str:
    """The folders the app uses on this computer (core.files.paths), as an HTML list."""
    folders = [
        ("Scenario files start in", paths.scenario_folder()),
        ("Your own price sheets", paths.price_sheets_dir()),
        ("Autosaved work", paths.autosave_dir()),
        ("Window settings", paths.settings_file()),
    ]
    items = "".join(f"<li>{escape(what)}: <code>{escape(str(where))}</code></li>" for what, where in folders)
    return f"<p>On this computer:</p><ul>{items}</ul>"


def guide_html() -> str:
    """The guide as the window shows it: the bundled file with this computer's folders filled in."""
    return guide_file().read_text(encoding="utf-8").replace(THIS_COMPUTER_MARK, this_computer_html())


class GuideDialog(QDialog):
    """The user guide in a browser pane; links to the web open in the system browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(GUIDE_TITLE)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(guide_html())
        self.browser.setAccessibleName("User guide")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_in_browser = QPushButton("Open in &Browser")
        self.open_in_browser.setToolTip("Open the guide in your web browser")
        buttons.addButton(self.open_in_browser, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_in_browser.clicked.connect(self._open_in_browser)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        open_within_screen(self, 760, 640)

    def _open_in_browser(self) -> None:
        with resources.as_file(guide_file()) as path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path))))


class GlossaryDialog(QDialog):
    """The words the figures are named with, as plain text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Glossary")
        self.text = QPlainTextEdit(glossary_text())
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Glossary")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        open_within_screen(self, 560, 460)
