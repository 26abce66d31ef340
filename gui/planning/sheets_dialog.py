"""File > Price Sheets…: the person's own price sheets, with Remove and Reveal in Folder.

An imported sheet could only be removed by deleting it by hand from the data folder.
Remove shows what changes first (the same views as the import preview); the caller
does the removal, so the window re-prices with the new catalog in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.pricing.catalog import PriceSheet
from gui.desktop.screen_fit import open_within_screen
from gui.views.plain_text import as_text, plain_label
from gui.views.table_style import tab_leaves

HEADERS = ["Name", "Title", "Checked", "File"]
FILE_ROLE = Qt.ItemDataRole.UserRole


class PriceSheetsDialog(QDialog):
    """Lists the sheets; REMOVE(file name) and REVEAL(path) are the window's, called on the buttons."""

    def __init__(
        self,
        sheets: Callable[[], list[tuple[Path, PriceSheet]]],
        folder: Path,
        remove: Callable[[str], bool],
        reveal: Callable[[Path], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Price Sheets")
        self._sheets = sheets
        self._remove = remove
        self._reveal = reveal
        self.folder = folder
        intro = plain_label(
            f"Your own price sheets, in the order they apply (later ones override earlier ones), from {folder}"
        )
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Your price sheets")
        tab_leaves(self.tree)
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(HEADERS)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.empty = QLabel("No price sheets of your own: File > Import Price Sheet… adds one.")
        self.remove_button = QPushButton("&Remove…")
        self.reveal_button = QPushButton("Reveal in &Folder")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.reveal_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.remove_button.clicked.connect(self._remove_current)
        self.reveal_button.clicked.connect(self._reveal_current)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        open_within_screen(self, 760, 360)
        self.refresh()

    def refresh(self) -> None:
        """List the sheets as they are in the folder now."""
        self.tree.clear()
        for path, sheet in self._sheets():
            row = QTreeWidgetItem([sheet.sheet, sheet.title, sheet.checked.isoformat(), path.name])
            row.setData(0, FILE_ROLE, str(path))
            row.setToolTip(3, as_text(str(path)))  # a file's name is text, whatever it looks like
            self.tree.addTopLevelItem(row)
        has_rows = self.tree.topLevelItemCount() > 0
        self.empty.setVisible(not has_rows)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self._update_buttons()

    def current_path(self) -> Path | None:
        row = self.tree.currentItem()
        return Path(str(row.data(0, FILE_ROLE))) if row is not None else None

    def _update_buttons(self) -> None:
        chosen = self.current_path() is not None
        self.remove_button.setEnabled(chosen)
        self.reveal_button.setEnabled(chosen)

    def _remove_current(self) -> None:
        path = self.current_path()
        if path is not None and self._remove(path.name):
            self.refresh()

    def _reveal_current(self) -> None:
        path = self.current_path()
        if path is not None:
            self._reveal(path)
