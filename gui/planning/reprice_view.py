"""Re-pricing in the window: what a price sheet changes, and was -> now per scenario.

File > Import price sheet... shows :class:`ImportSheetDialog` before anything is
copied; Re-price shows :class:`RepriceDialog`. Both show what
``core.pricing.reprice`` computes (the CLI's ``reprice`` prints the same).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
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

from core.model.scenario import Scenario
from core.money import format_usd
from core.planning.report import rate_text, reprice_total_text
from core.pricing.catalog import Catalog, PriceSheet
from core.pricing.reprice import MULTIPLIER_UNIT, CatalogDiff, Repriced, diff_catalogs, reprice, with_sheets
from core.pricing.sources import source_citation, source_label
from gui.desktop.screen_fit import open_within_screen
from gui.views.cells import bad_colour, good_colour
from gui.views.plain_text import as_text, esc, plain_label, rich_label
from gui.views.table_style import tab_leaves

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _tree(headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget()
    tab_leaves(tree)
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(True)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    header = tree.header()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    for column in range(1, len(headers)):
        tree.headerItem().setTextAlignment(column, RIGHT)
    return tree


def _row(parent: QTreeWidget | QTreeWidgetItem, texts: Sequence[str]) -> QTreeWidgetItem:
    row = QTreeWidgetItem([str(t) for t in texts])
    for column in range(1, len(texts)):
        row.setTextAlignment(column, RIGHT)
    if isinstance(parent, QTreeWidget):
        parent.addTopLevelItem(row)
    else:
        parent.addChild(row)
    return row


def _colour(row: QTreeWidgetItem, column: int, change: Decimal | None) -> None:
    if change:
        row.setForeground(column, QBrush(bad_colour() if change > 0 else good_colour()))


class CatalogDiffView(QTreeWidget):
    """Models added and removed, and each changed rate old -> new, grouped by model."""

    def __init__(self, diff: CatalogDiff) -> None:
        super().__init__()
        self.setHeaderLabels(["Model / rate", "Was", "Now", "Change", "Source of the new rate"])
        header = self.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column in (1, 2, 3):
            self.headerItem().setTextAlignment(column, RIGHT)
        self.setAlternatingRowColors(True)
        for model in diff.added:
            _row(self, [f"{model}: added", "", "", "", ""])
        for model in diff.removed:
            _row(self, [f"{model}: removed (scenarios using it cannot be priced)", "", "", "", ""])
        groups: dict[str, QTreeWidgetItem] = {}
        for change in diff.changes:
            group = groups.get(change.model)
            if group is None:
                count = sum(1 for c in diff.changes if c.model == change.model)
                group = _row(self, [f"{change.model}: {count} rate{'s' if count != 1 else ''} changed", "", "", "", ""])
                groups[change.model] = group
            pct = ""
            delta: Decimal | None = None
            if change.old is not None and change.new is not None and change.old:
                delta = change.new - change.old
                pct = f"{delta / change.old * 100:+.1f}%"
            per = "" if change.unit == MULTIPLIER_UNIT else f" / {change.unit}"
            row = _row(
                group,
                [
                    change.what + per,
                    rate_text(change.old, change.unit),
                    rate_text(change.new, change.unit),
                    pct,
                    source_label(change.source),
                ],
            )
            row.setTextAlignment(4, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            _colour(row, 3, delta)
            tip = f"Source of the new rate: {source_citation(change.source)}" if change.source else ""
            row.setToolTip(0, as_text(tip) if tip else "")
        self.expandAll()
        if diff.empty:
            _row(self, ["No changes: the sheet prices every model as the current catalog does", "", "", "", ""])


class RepriceView(QTreeWidget):
    """Per scenario was -> now; under it, each breakdown line whose rate moved."""

    def __init__(self, results: Sequence[Repriced]) -> None:
        super().__init__()
        self.setHeaderLabels(
            ["Scenario / line", "Was (month)", "Now (month)", "Change", "Rate was -> now", "Source of the new rate"]
        )
        header = self.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column in (1, 2, 3, 4):
            self.headerItem().setTextAlignment(column, RIGHT)
        self.setAlternatingRowColors(True)
        for r in results:
            was = format_usd(r.was.monthly) if r.was else "cannot price"
            now = format_usd(r.now.monthly) if r.now else "cannot price"
            change = r.change
            change_text = "" if change is None else ("unchanged" if not change else _signed(change, r))
            top = _row(self, [r.scenario.name, was, now, change_text, "", ""])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            _colour(top, 3, change)
            stamp = r.priced_with
            if stamp is not None:
                top.setToolTip(0, as_text(f"Last priced with {stamp.sheet}, checked {stamp.checked}"))
            for error in (r.was_error, r.now_error):
                if error:
                    line = _row(top, [error, "", "", "", "", ""])
                    line.setForeground(0, QBrush(bad_colour()))
                    line.setFirstColumnSpanned(True)  # a sentence, not a figure: across the row, not cut
                    line.setToolTip(0, as_text(error))
            for cause in r.causes:
                line_change = cause.new_cost - cause.old_cost
                child = _row(
                    top,
                    [
                        cause.item,
                        format_usd(cause.old_cost),
                        format_usd(cause.new_cost),
                        _signed(line_change, None),
                        f"{rate_text(cause.old_unit_price, '')} -> {rate_text(cause.new_unit_price, '')}",
                        source_label(cause.source),  # in the text, not only a tooltip: it is what the person checks
                    ],
                )
                child.setTextAlignment(5, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                _colour(child, 3, line_change)
                child.setToolTip(0, as_text(f"Source: {source_citation(cause.source)}") if cause.source else "")
        self.expandAll()


def _signed(change: Decimal, r: Repriced | None) -> str:
    sign = "+" if change > 0 else "-" if change < 0 else ""
    text = f"{sign}{format_usd(abs(change))}"
    if r is not None and r.was is not None and r.was.monthly:
        text += f" ({change / r.was.monthly * 100:+.1f}%)"
    return text


def _totals(results: Sequence[Repriced]) -> str:
    return reprice_total_text(results, "All scenarios") + "."


class _SheetChangeDialog(QDialog):
    """A price-sheet change, as import and removal both show it: what it changes, its effect, an action or Cancel."""

    diff_view: CatalogDiffView
    reprice_view: RepriceView

    def _lay_out(
        self,
        head: QLabel,
        diff: CatalogDiff,
        results: Sequence[Repriced],
        action: str,
        *,
        notes: QLabel | None = None,
    ) -> QPushButton:
        head.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        if notes is not None:
            layout.addWidget(notes)
        layout.addWidget(QLabel("<b>What it changes</b>"))
        self.diff_view = CatalogDiffView(diff)
        layout.addWidget(self.diff_view, 3)
        if results:
            layout.addWidget(QLabel("<b>Effect on the open scenarios</b>"))
            self.reprice_view = RepriceView(results)
            layout.addWidget(self.reprice_view, 2)
            layout.addWidget(plain_label(_totals(results)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        button = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        open_within_screen(self, 820, 600)
        return button


class ImportSheetDialog(_SheetChangeDialog):
    """Shows what a sheet changes against the current catalog, and its effect on the open scenarios.

    Nothing is copied until the person presses Import; the caller then installs the sheet.
    """

    def __init__(
        self,
        sheet: PriceSheet,
        source: str,
        current: Catalog,
        scenarios: Sequence[Scenario],
        parent: QWidget | None = None,
        *,
        new_catalog: Catalog | None = None,
        notes: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import price sheet")
        # The catalog the import will leave (core.pricing.user_sheets.preview_import): the preview
        # shows exactly what is applied. Without it, the sheet on top of the current catalog.
        self.new_catalog = new_catalog if new_catalog is not None else with_sheets(current, sheet)
        self.diff = diff_catalogs(current, self.new_catalog)
        self.results = reprice(list(scenarios), current, self.new_catalog)
        head = rich_label(
            f"<b>{esc(sheet.title)}</b> ({esc(sheet.sheet)}), {esc(sheet.provider)}, checked {sheet.checked}<br>"
            f"from {esc(source)}. It is checked and valid; importing copies it into your price-sheet folder, where it "
            "overrides the bundled prices model by model."
        )
        if notes:
            self.notes = plain_label("\n".join(notes))
            self.notes.setWordWrap(True)
        self.import_button = self._lay_out(head, self.diff, self.results, "Import", notes=self.notes if notes else None)


class RemoveSheetDialog(_SheetChangeDialog):
    """What removing one of the person's sheets changes, shown as the import shows it; nothing changes on Cancel."""

    def __init__(
        self,
        sheet: PriceSheet,
        file_name: str,
        current: Catalog,
        without: Catalog,
        scenarios: Sequence[Scenario],
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Remove price sheet")
        self.new_catalog = without
        self.diff = diff_catalogs(current, without)
        self.results = reprice(list(scenarios), current, without)
        head = plain_label(
            f"Remove {sheet.title} ({sheet.sheet}), checked {sheet.checked}, file {file_name}? "
            "The models it priced go back to the bundled prices (or cannot be priced, where no other sheet has them). "
            f"The file is kept as {file_name}.bak in the price-sheet folder."
        )
        self.remove_button = self._lay_out(head, self.diff, self.results, "Remove")


class RepriceDialog(QDialog):
    """Was -> now per scenario; Update records the new sheet on each scenario (``priced_with``)."""

    def __init__(self, results: Sequence[Repriced], old_label: str, new_label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Re-price")
        self.results = list(results)
        layout = QVBoxLayout(self)
        title = rich_label(f"Re-priced with <b>{esc(new_label)}</b> (was: {esc(old_label)}).")
        title.setWordWrap(True)
        layout.addWidget(title)
        self.view = RepriceView(self.results)
        layout.addWidget(self.view, 1)
        layout.addWidget(plain_label(_totals(self.results)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.update_button = buttons.addButton("Use the new prices", QDialogButtonBox.ButtonRole.AcceptRole)
        self.update_button.setToolTip("Record the new price sheet on every scenario (saved with the file)")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        open_within_screen(self, 820, 520)
