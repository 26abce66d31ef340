"""Edit a scenario's draft-then-final stages: one row per stage, priced live below.

The widget only builds :class:`core.model.scenario.Stage` objects; the engine prices
them, and any problem is shown with the stage and field it belongs to.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TypeVar

from pydantic import ValidationError
from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from core.errors import ImageCostError
from core.model.fields import bounds
from core.model.scenario import AUTO, Scenario, Stage
from core.money import format_usd
from core.pricing.catalog import Catalog, default_catalog
from core.pricing.engine import estimate
from core.pricing.estimate import Estimate, stage_summary
from core.validation import first_error
from gui.views.cells import bad_colour, item
from gui.views.eliding_combo import ElidingComboBox
from gui.views.percent_edit import PercentEdit
from gui.views.plain_text import esc, rich_label
from gui.views.table_style import tab_leaves
from gui.views.typed_text import without_completion

W = TypeVar("W", bound=QWidget)
COLUMNS = ["Stage", "Model", "Quality", "Size", "Images", "Share", "Monthly"]
#: The widest share a person types, for the width of the Share column.
SHARE_SAMPLE = "100.0 %"
TIPS = {4: "Images generated per request in this stage", 5: "Share of the scenario's requests that reach this stage"}
MAX_STAGES = bounds(Scenario, "stages").max_length or 0
MODEL_CHARS = 13


def draft_then_final(scenario: Scenario) -> list[Stage]:
    """The budgeting guides' pattern: 4 low drafts for every request, the scenario's own settings for 1 in 5."""
    return [
        Stage(name="Drafts", model=scenario.model, quality=_lowest(scenario), size=scenario.size, images_per_request=4),
        Stage(
            name="Finals",
            model=scenario.model,
            quality=scenario.quality,
            size=scenario.size,
            images_per_request=scenario.images_per_request,
            share=Decimal("0.2"),
        ),
    ]


def _lowest(scenario: Scenario) -> str:
    try:
        return default_catalog().model(scenario.model).qualities[0]
    except ImageCostError:
        return scenario.quality


class _SelectRowOnFocus(QObject):
    """Selects a row of TABLE when one of its cell widgets takes the focus (the table's own clicks never see it)."""

    def __init__(self, table: QTableWidget) -> None:
        super().__init__(table)
        self.table = table

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            for row in range(self.table.rowCount()):
                if watched in {self.table.cellWidget(row, column) for column in range(self.table.columnCount())}:
                    # Select without making it current: the focus stays in the widget the person is in.
                    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                    self.table.selectionModel().select(self.table.model().index(row, 0), flags)
                    break
        return False


class StagesEditor(QWidget):
    """Emits ``stages_changed`` with a list of valid Stage objects after every edit that makes sense."""

    stages_changed = Signal(list)

    def __init__(self, catalog: Catalog | None = None, *, today: date | None = None) -> None:
        super().__init__()
        self._catalog = catalog or default_catalog()
        self._today = today or date.today()
        self._scenario: Scenario | None = None
        #: The scenario last shown and its estimate from the caller, if it gave one.
        self._priced: tuple[Scenario, Estimate] | None = None
        self._loading = False

        intro = QLabel(
            "Split each request into stages, e.g. cheap drafts for every concept, then high-quality finals for "
            "the chosen ones. Retries, prompts and input images apply to every stage."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Stages")
        tab_leaves(self.table)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        # Cell widgets are not measured by ResizeToContents: columns 1-5 follow their widgets (_fit_column),
        # the name column takes what is left.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 16)
        # Monthly follows its figures, so the whole table fits beside the form at 1024 pixels wide.
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, 6):
            header.resizeSection(column, self.fontMetrics().horizontalAdvance(COLUMNS[column]) + 16)
        header.resizeSection(3, self.fontMetrics().horizontalAdvance("2560x1440") + 34)
        for column, tip in TIPS.items():
            head = self.table.horizontalHeaderItem(column)
            if head is not None:
                head.setToolTip(tip)

        buttons = self._build_buttons()
        self.status = rich_label()  # our bold figures; a message from a file is escaped
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        # The row being edited is the selected one (shown), so Remove and Move act on what the person sees.
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._select_on_focus = _SelectRowOnFocus(self.table)

    def _build_buttons(self) -> QVBoxLayout:
        """Add, the template, Remove, Move up/down and No stages, in two rows (one is too wide for a small window)."""
        self.add = QPushButton("Add stage")
        self.template = QPushButton("Draft-then-final")
        self.template.setToolTip("Replace the stages with 4 low-quality drafts for every request and finals for 20%")
        self.add.setToolTip("A new stage before the last one (the finals), like it")
        self.remove = QPushButton("Remove stage")
        self.remove.setToolTip("Remove the selected stage")
        self.up = QPushButton("Move up")
        self.down = QPushButton("Move down")
        self.clear = QPushButton("No stages")
        self.clear.setToolTip("Price the scenario as one stage again (its own model, quality and size)")
        buttons = QVBoxLayout()
        for row in ((self.add, self.template, self.remove), (self.up, self.down, self.clear)):
            line = QHBoxLayout()
            for button in row:
                line.addWidget(button)
            line.addStretch(1)
            buttons.addLayout(line)
        self.add.clicked.connect(self._add_stage)
        self.template.clicked.connect(self._use_template)
        self.remove.clicked.connect(self._remove_stage)
        self.up.clicked.connect(lambda: self._move_stage(-1))
        self.down.clicked.connect(lambda: self._move_stage(1))
        self.clear.clicked.connect(self._clear)
        return buttons

    # The scenario being edited -------------------------------------------------------------------

    def set_catalog(self, catalog: Catalog) -> None:
        self._catalog = catalog
        if self._scenario is not None:
            self._rebuild(self._scenario)

    def set_scenario(self, scenario: Scenario, priced: Estimate | None = None) -> None:
        """Show a scenario's stages (no ``stages_changed``).

        PRICED is the scenario's estimate when the caller has it (the window's priced
        view): the figures then come from there instead of being priced again here.
        Rows the person is editing are kept when they already show these stages,
        so a spin box does not vanish under the cursor after its own edit.
        """
        self._scenario = scenario
        self._priced = (scenario, priced) if priced is not None else None
        try:
            same = self.stages() == scenario.stages
        except ImageCostError:
            same = False
        if same:
            self._refresh()
            return
        self._rebuild(scenario)

    def _rebuild(self, scenario: Scenario) -> None:
        self._loading = True
        self.table.setRowCount(0)
        for stage in scenario.stages:
            self._append_row(stage)
        self._loading = False
        self._refresh()

    def stages(self) -> list[Stage]:
        """The rows as stages; raises ImageCostError naming the stage and field of the first problem."""
        out = []
        for row in range(self.table.rowCount()):
            values = self._row_values(row)
            try:
                out.append(Stage.model_validate(values))
            except ValidationError as exc:
                message, loc = first_error(exc)
                field = str(loc[0]) if loc else "stage"
                raise ImageCostError(f"stage {row + 1}: {message}", field=f"stages[{row}].{field}") from None
        return out

    # Rows ------------------------------------------------------------------------------------------

    def _append_row(self, stage: Stage) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QLineEdit(stage.name)
        name.setFrame(False)
        model = ElidingComboBox()
        for priced in self._catalog.models():
            suffix = " (retired)" if priced.is_retired(self._today) else ""
            model.addItem(f"{priced.label}{suffix}", priced.id)
        # As wide as a typical name ("GPT Image 1.5"); the list itself opens as wide as its longest entry.
        model.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        model.setMinimumContentsLength(MODEL_CHARS)
        model.setCurrentIndex(max(model.findData(stage.model), 0))
        quality = QComboBox()
        size = QComboBox()
        size.setEditable(True)
        without_completion(size)
        images = QSpinBox()
        images.setRange(*bounds(Stage, "images_per_request").int_range())
        images.setValue(stage.images_per_request)
        share = PercentEdit("share", TIPS[5])
        share.setFrame(False)
        share.set_share(stage.share)
        for column, widget in enumerate((name, model, quality, size, images, share)):
            widget.setAccessibleName(f"Stage {row + 1} {COLUMNS[column].lower()}")  # "Stage 2 share"
            widget.installEventFilter(self._select_on_focus)
            self.table.setCellWidget(row, column, widget)
            if column:
                self._fit_column(column, widget)
        self._fill_choices(row, stage.quality, stage.size)
        name.editingFinished.connect(self._edited)
        model.currentIndexChanged.connect(self._model_changed)
        quality.currentIndexChanged.connect(self._edited)
        size.currentTextChanged.connect(self._edited)
        images.valueChanged.connect(self._edited)
        share.textEdited.connect(self._edited)

    def _fit_column(self, column: int, widget: QWidget) -> None:
        header = self.table.horizontalHeader()
        # A line edit hints at some 17 characters; the share needs "100.0 %": the Monthly column stays in view.
        wanted = widget.fontMetrics().horizontalAdvance(SHARE_SAMPLE) + 16 if isinstance(widget, QLineEdit) else 0
        header.resizeSection(column, max(header.sectionSize(column), (wanted or widget.sizeHint().width()) + 4))

    def _fill_choices(self, row: int, quality_text: str, size_text: str) -> None:
        model = self._widget(row, 1, QComboBox)
        quality = self._widget(row, 2, QComboBox)
        size = self._widget(row, 3, QComboBox)
        priced = self._catalog.model(str(model.currentData()))
        for box in (quality, size):
            box.blockSignals(True)
            box.clear()
        # What the model's API rules accept: 'auto' where the model may choose, n up to its limit.
        qualities = priced.offered_qualities
        sizes = [*priced.sizes, *([AUTO] if priced.auto_sizes else [])]
        quality.addItems(list(qualities))
        quality.setCurrentText(quality_text if quality_text in qualities else qualities[0])
        size.addItems(sizes)
        size.setCurrentText(size_text if (size_text in sizes or priced.entry.custom_sizes) else sizes[0])
        for box in (quality, size):
            box.blockSignals(False)
        images = self._widget(row, 4, QSpinBox)
        images.blockSignals(True)
        most = bounds(Stage, "images_per_request").int_range()[1]
        images.setMaximum(min(most, priced.rules.max_images_per_request) if priced.rules else most)
        images.blockSignals(False)

    def _widget(self, row: int, column: int, kind: type[W]) -> W:
        widget = self.table.cellWidget(row, column)
        assert isinstance(widget, kind)
        return widget

    def _row_values(self, row: int) -> dict[str, object]:
        share_edit = self._widget(row, 5, PercentEdit)
        try:
            share: Decimal | str = share_edit.share()
        except ImageCostError:
            share = share_edit.text()  # not a number: Stage validation names the stage and field
        return {
            "name": self._widget(row, 0, QLineEdit).text().strip() or f"Stage {row + 1}",
            "model": str(self._widget(row, 1, QComboBox).currentData()),
            "quality": self._widget(row, 2, QComboBox).currentText(),
            "size": self._widget(row, 3, QComboBox).currentText().strip(),
            "images_per_request": self._widget(row, 4, QSpinBox).value(),
            "share": share,
        }

    # Actions ---------------------------------------------------------------------------------------

    def _add_stage(self) -> None:
        if self.table.rowCount() >= MAX_STAGES or self._scenario is None:
            return
        names = {self._widget(r, 0, QLineEdit).text() for r in range(self.table.rowCount())}
        number = self.table.rowCount() + 1
        while f"Stage {number}" in names:
            number += 1
        stages = self._current_stages()
        if stages is None:
            return
        # Before the last stage (the finals stay last), like it: a new intermediate step, such as a review.
        like = stages[-1] if stages else None
        sc = self._scenario
        new = Stage(
            name=f"Stage {number}",
            model=like.model if like else sc.model,
            quality=like.quality if like else sc.quality,
            size=like.size if like else sc.size,
            share=like.share if like else Decimal(1),
        )
        at = max(len(stages) - 1, 0)
        self._show_stages([*stages[:at], new, *stages[at:]], select=at)
        self._edited()

    def _move_stage(self, step: int) -> None:
        row = self._selected_row()
        stages = self._current_stages()
        if row is None or stages is None or not 0 <= row + step < len(stages):
            return
        stages[row], stages[row + step] = stages[row + step], stages[row]
        self._show_stages(stages, select=row + step)
        self._edited()

    def _current_stages(self) -> list[Stage] | None:
        """The rows as stages, or None (with the problem shown) while one of them is not valid."""
        try:
            return self.stages()
        except ImageCostError as exc:
            self.status.setText(esc(exc))  # it may quote what was typed
            return None

    def _show_stages(self, stages: list[Stage], *, select: int) -> None:
        self._loading = True
        self.table.setRowCount(0)
        for stage in stages:
            self._append_row(stage)
        self._loading = False
        self.table.selectRow(select)

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _update_buttons(self) -> None:
        row = self._selected_row()
        count = self.table.rowCount()
        self.remove.setEnabled(row is not None)
        self.up.setEnabled(row is not None and row > 0)
        self.down.setEnabled(row is not None and row < count - 1)

    def _use_template(self) -> None:
        if self._scenario is None:
            return
        self._loading = True
        self.table.setRowCount(0)
        for stage in draft_then_final(self._scenario):
            self._append_row(stage)
        self._loading = False
        self._edited()

    def _remove_stage(self) -> None:
        row = self._selected_row()  # only the stage the person selected, never a guess
        if row is not None:
            self.table.removeRow(row)
            self._edited()

    def _clear(self) -> None:
        self.table.setRowCount(0)
        self._edited()

    def _model_changed(self) -> None:
        sender = self.sender()
        for row in range(self.table.rowCount()):
            if self.table.cellWidget(row, 1) is sender:
                quality = self._widget(row, 2, QComboBox).currentText()
                size = self._widget(row, 3, QComboBox).currentText()
                self._fill_choices(row, quality, size)
        self._edited()

    def _edited(self) -> None:
        if self._loading:
            return
        stages = self._refresh()
        if stages is not None:
            self.stages_changed.emit(stages)

    def _estimate(self, scenario: Scenario) -> Estimate:
        """The figures of SCENARIO: the caller's when it handed over this very scenario, else priced here."""
        if self._priced is not None and self._priced[0] == scenario:
            return self._priced[1]
        return estimate(scenario, self._catalog, today=self._today)

    def _refresh(self) -> list[Stage] | None:
        """Price the stages shown; say what is wrong, or what each stage and the total cost."""
        for row in range(self.table.rowCount()):
            self.table.setItem(row, 6, item(""))
        self._update_buttons()
        self.clear.setEnabled(self.table.rowCount() > 0)
        self.add.setEnabled(self.table.rowCount() < MAX_STAGES)
        if self._scenario is None:
            return None
        try:
            stages = self.stages()
            scenario = self._scenario.model_copy(update={"stages": stages})
            Scenario.model_validate(scenario.model_dump())
            if not stages:
                self.status.setText("No stages: the scenario is priced with its own model, quality and size.")
                self.status.setStyleSheet("")
                return stages
            est = self._estimate(scenario)
        except (ImageCostError, ValueError) as exc:
            message = exc.message if isinstance(exc, ImageCostError) else str(exc)
            self.status.setText(f"Not priced: {esc(message)}")
            self.status.setStyleSheet(f"color: {bad_colour(self.palette()).name()}")
            return None
        for row, stage in enumerate(est.stages):
            self.table.setItem(row, 6, item(format_usd(stage.monthly), numeric=True, tip=stage_summary(stage)))
        self.status.setStyleSheet("")
        self.status.setText(
            f"All stages: <b>{format_usd(est.monthly)}</b> a month, {format_usd(est.per_image)} per final image "
            f"({est.delivered_images:,} finals a month)."
        )
        return stages
