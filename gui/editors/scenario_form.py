"""The controls for one scenario.

The form offers only what the chosen model offers (qualities, sizes, batch,
input images), reads what people type (``20,000``, ``20k``, per day) with the
same parser as the command line, and emits a new, validated Scenario for each
change. A value the model cannot take is not applied: the form names the
broken rule beside the field instead. The rules themselves live in core.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from core.errors import ImageCostError
from core.model.fields import scenario_bounds
from core.model.scenario import AUTO, Scenario, monthly_requests
from core.money import exact_str
from core.numbers import parse_whole
from core.pricing.catalog import Catalog, PricedModel
from core.pricing.engine import check_scenario, effective_fidelity
from core.vocabulary import RETRY_MULTIPLIER
from gui.shortcuts import shortcut_text
from gui.views.cells import bad_colour
from gui.views.display import model_choice_text, volume_text
from gui.views.eliding_combo import ElidingComboBox
from gui.views.percent_edit import PercentEdit
from gui.views.plain_text import as_text, plain_label
from gui.views.typed_text import without_completion

VOLUME_UNITS = (("month", "per month"), ("day", "per day"))
FIDELITIES = (("low", "low"), ("high", "high"))
AUTOMATIC = "automatic"
NO_INPUTS_TIP = "No input images: fidelity applies once a request sends one"
#: Widths of "X" the model box shows: with the icon room it keeps, "GPT Image 1 Mini" at least; its list
#: is as wide as it needs. No more, so that the form leaves the tabs room at the window's minimum size.
MODEL_CHARS = 14
#: Longer hints (the full gpt-image-2 size rules) go in the tooltip, not beside the field.
SHORT_HINT = 80


def _spin(field: str, *, suffix: str = "", special: str | None = None) -> QSpinBox:
    """A spin box over a whole-number Scenario field, its range from the model (SPECIAL: a text for one below)."""
    spin = QSpinBox()
    low, high = scenario_bounds(field).int_range()
    spin.setRange(low - 1 if special is not None else low, high)
    if special is not None:
        spin.setSpecialValueText(special)
    spin.setGroupSeparatorShown(True)
    spin.setSuffix(suffix)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    return spin


def _header_label() -> QLabel:
    """The scenario's name above the groups, large and bold; plain text (it comes from the file)."""
    label = plain_label()
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.2)
    font.setBold(True)
    label.setFont(font)
    return label


def _error_label() -> QLabel:
    label = plain_label()
    label.setStyleSheet(f"color: {bad_colour(label.palette()).name()};")  # AA on the light and dark palette
    label.setWordWrap(True)
    label.setVisible(False)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    return label


class ScenarioForm(QWidget):
    """Edits one Scenario; emits ``edited(new_scenario, field)`` for each applied change."""

    edited = Signal(object, str)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.today = today or date.today()
        self._scenario: Scenario | None = None
        self._offered_model: str | None = None
        self._fidelity_offered = False
        self._fidelity_tip = ""  # what the model's rule says about fidelity, if anything
        self._loading = False
        self._build()
        self.setEnabled(False)

    # -- construction ----------------------------------------------------------
    def _build(self) -> None:
        self._build_fields()
        forms = self._build_layout()
        self._error_labels = {
            "size": self.size_error,
            "requests_per_month": self.volume_error,
            "retry_multiplier": self.retry_error,
            "input_images": self.input_error,
            "input_image_size": self.input_error,
            "input_image_tokens": self.input_error,
            "input_fidelity": self.input_error,
            "cached_input_share": self.input_error,
            "cached_prompt_share": self.prompt_error,
            "images_per_request": self.volume_error,
        }
        label_width = self._align_labels(forms)
        self._indent_errors(label_width)
        self._set_accessible_names()
        self._connect()
        # Ctrl+Z / Ctrl+Y undo scenario edits (the document's undo stack), not a field's own typing.
        self._undo_keys = _DocumentUndoKeys(self)
        for edit in self.findChildren(QLineEdit):
            edit.installEventFilter(self._undo_keys)

    def _build_fields(self) -> None:
        """One widget per scenario field, with the limits of the field table (core.model.fields)."""
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(scenario_bounds("name").max_length or 0)
        self.model_combo = ElidingComboBox()
        for model in self.catalog.models():
            self.model_combo.addItem(model_choice_text(model, self.today), model.id)
            if model.is_retired(self.today):
                index = self.model_combo.count() - 1
                self.model_combo.setItemData(
                    index, f"{model.id} is retired; its price is kept for old quotes", Qt.ItemDataRole.ToolTipRole
                )
        # Narrower than its longest entry ("GPT Image 1 Mini (gpt-image-1-mini)"), so the form leaves room
        # for the results at 1024 pixels; the list opens as wide as it needs.
        self.model_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_combo.setMinimumContentsLength(MODEL_CHARS)
        self.quality_combo = QComboBox()
        self.size_combo = QComboBox()
        self.size_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.size_error = _error_label()
        self.stage_note = plain_label()  # the stage's name comes from the file
        self.stage_note.setWordWrap(True)
        self.stage_note.setVisible(False)

        self.volume_edit = QLineEdit()
        self.volume_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.volume_edit.setPlaceholderText("e.g. 20,000 or 20k")
        self.volume_unit_combo = QComboBox()
        for key, text in VOLUME_UNITS:
            self.volume_unit_combo.addItem(text, key)
        self.volume_error = _error_label()
        self.images_spin = _spin("images_per_request")
        self.retry_edit = QLineEdit()
        self.retry_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.retry_edit.setToolTip(RETRY_MULTIPLIER.meaning)
        self.retry_error = _error_label()

        self.prompt_spin = _spin("prompt_tokens", suffix=" tokens")
        self.cached_spin = PercentEdit("cached_prompt_share", "Share of the prompt served from the prompt cache")
        self.text_out_spin = _spin("text_output_tokens", suffix=" tokens")

        self.input_count_spin = _spin("input_images")
        self.input_size_combo = QComboBox()
        self.input_size_combo.setEditable(True)
        without_completion(self.input_size_combo)
        self.input_size_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.fidelity_combo = QComboBox()
        for key, text in FIDELITIES:
            self.fidelity_combo.addItem(text, key)
        self.input_tokens_spin = _spin("input_image_tokens", suffix=" tokens", special=AUTOMATIC)
        self.input_tokens_spin.setToolTip("Tokens per input image, where the model publishes no rule (0: automatic)")
        self.cached_input_spin = PercentEdit(
            "cached_input_share",
            "Share of the input-image tokens billed at the cached image-input rate (reference images reused)",
        )
        self.input_error = _error_label()
        self.prompt_error = _error_label()

        self.partial_spin = _spin("partial_images")
        self.batch_check = QCheckBox("cheaper, slower")  # its label says Batch API: a narrower form
        self.notes_edit = QLineEdit()
        self.general_error = _error_label()

    def _build_layout(self) -> list[QFormLayout]:
        """The header and the five groups, top to bottom; returns their forms (to line the labels up)."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.header = _header_label()
        layout.addWidget(self.header)

        model_group, model_form = self._group("Model")
        model_form.addRow("&Name", self.name_edit)
        model_form.addRow("&Model", self.model_combo)
        model_form.addRow("Q&uality", self.quality_combo)
        model_form.addRow("Si&ze", self.size_combo)
        model_form.addRow(self.size_error)
        model_form.addRow(self.stage_note)
        layout.addWidget(model_group)

        volume_group, volume_form = self._group("Volume")
        volume_row = QHBoxLayout()
        volume_row.addWidget(self.volume_edit, 1)
        volume_row.addWidget(self.volume_unit_combo)
        volume_label = QLabel("Re&quests")
        volume_label.setBuddy(self.volume_edit)
        volume_form.addRow(volume_label, volume_row)
        volume_form.addRow(self.volume_error)
        volume_form.addRow("Ima&ges per request", self.images_spin)
        volume_form.addRow("Retr&y multiplier", self.retry_edit)
        volume_form.addRow(self.retry_error)
        layout.addWidget(volume_group)

        prompt_group, prompt_form = self._group("Prompt")
        prompt_form.addRow("Prompt to&kens", self.prompt_spin)
        prompt_form.addRow("Cache&d share", self.cached_spin)
        prompt_form.addRow(self.prompt_error)
        prompt_form.addRow("Te&xt output", self.text_out_spin)
        layout.addWidget(prompt_group)

        self.input_group, input_form = self._group("Input images (edits, references)")
        input_form.addRow("Input images", self.input_count_spin)
        input_form.addRow("Input size", self.input_size_combo)
        input_form.addRow("Fide&lity", self.fidelity_combo)
        input_form.addRow("Tokens each", self.input_tokens_spin)
        input_form.addRow("Cached inputs", self.cached_input_spin)
        input_form.addRow(self.input_error)
        layout.addWidget(self.input_group)

        options_group, options_form = self._group("Options")
        options_form.addRow("Partial images", self.partial_spin)
        options_form.addRow("Batch API", self.batch_check)
        options_form.addRow("N&otes", self.notes_edit)
        layout.addWidget(options_group)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        return [model_form, volume_form, prompt_form, input_form, options_form]

    @staticmethod
    def _group(title: str) -> tuple[QGroupBox, QFormLayout]:
        group = QGroupBox(title)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return group, form

    @staticmethod
    def _align_labels(forms: list[QFormLayout]) -> int:
        """One label width for every group, so the fields line up down the whole form; returns it."""
        labels: list[QLabel] = []
        for form in forms:
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                widget = item.widget() if item is not None else None
                if isinstance(widget, QLabel):
                    labels.append(widget)
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return width

    def _indent_errors(self, label_width: int) -> None:
        """Error rows span the form; indent them so they start under their field."""
        spacing = max(self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing), 6)
        for label in {*self._error_labels.values()}:
            label.setContentsMargins(label_width + spacing, 0, 0, 0)

    def _field_widgets(self) -> list[tuple[QWidget, str, str]]:
        """Every control in keyboard order, with the Scenario field it edits and its accessible name.

        The one list behind the tab order, the screen-reader names and the change signals.
        """
        return [
            (self.name_edit, "name", "Scenario name"),
            (self.model_combo, "model", "Model"),
            (self.quality_combo, "quality", "Quality"),
            (self.size_combo, "size", "Image size"),
            (self.volume_edit, "requests_per_month", "Requests"),
            (self.volume_unit_combo, "volume_unit", "Volume unit"),
            (self.images_spin, "images_per_request", "Images per request"),
            (self.retry_edit, "retry_multiplier", "Retry multiplier"),
            (self.prompt_spin, "prompt_tokens", "Prompt tokens"),
            (self.cached_spin, "cached_prompt_share", "Cached prompt share"),
            (self.text_out_spin, "text_output_tokens", "Text output tokens"),
            (self.input_count_spin, "input_images", "Input images"),
            (self.input_size_combo, "input_image_size", "Input image size"),
            (self.fidelity_combo, "input_fidelity", "Input fidelity"),
            (self.input_tokens_spin, "input_image_tokens", "Tokens per input image"),
            (self.cached_input_spin, "cached_input_share", "Cached input image share"),
            (self.partial_spin, "partial_images", "Partial images"),
            (self.batch_check, "batch", "Batch API"),
            (self.notes_edit, "notes", "Notes"),
        ]

    def _set_accessible_names(self) -> None:
        for widget, _field, name in self._field_widgets():
            widget.setAccessibleName(name)

    def _connect(self) -> None:
        """Each control reports its field: typing, picking or ticking (the model box re-offers choices first)."""
        self.input_count_spin.valueChanged.connect(self._enable_fidelity)  # before it reports its edit
        editable_text = (self.size_combo, self.input_size_combo)  # typed sizes: follow the text, not the index
        for widget, field, _name in self._field_widgets():
            report = partial(self._report, field)
            if widget is self.model_combo:
                self.model_combo.currentIndexChanged.connect(self._model_changed)
            elif isinstance(widget, QLineEdit):
                widget.textEdited.connect(report)
            elif isinstance(widget, QComboBox) and widget in editable_text:
                widget.currentTextChanged.connect(report)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(report)
            elif isinstance(widget, QSpinBox):
                widget.valueChanged.connect(report)
            elif isinstance(widget, QCheckBox):
                widget.toggled.connect(report)
        self.volume_edit.editingFinished.connect(self._tidy_volume)

    def _report(self, field: str, *_value: object) -> None:
        self._changed(field)

    def focus_order(self) -> list[QWidget]:
        """The widgets in keyboard order (the window chains them with setTabOrder)."""
        return [widget for widget, _field, _name in self._field_widgets()]

    # -- showing a scenario ----------------------------------------------------
    @property
    def scenario(self) -> Scenario | None:
        return self._scenario

    def set_scenario(self, scenario: Scenario | None) -> None:
        """Show SCENARIO (None: nothing selected). Fields already showing its value keep their text."""
        self._scenario = scenario
        self._loading = True
        try:
            self._clear_errors()
            self.setEnabled(scenario is not None)
            if scenario is None:
                self.header.setText("No scenario selected")
                return
            self.header.setText(scenario.name)
            model = self.catalog.model(scenario.model)
            _set_text(self.name_edit, scenario.name)
            self.model_combo.setCurrentIndex(self.model_combo.findData(scenario.model))
            self._offer_model_choices(model)
            self.quality_combo.setCurrentIndex(self.quality_combo.findData(scenario.quality))
            if self.size_combo.currentText() != scenario.size:
                self.size_combo.setCurrentText(scenario.size)
            self.volume_unit_combo.setCurrentIndex(self.volume_unit_combo.findData(scenario.volume_unit))
            if self._typed_monthly_volume() != scenario.requests_per_month:
                _set_text(self.volume_edit, _volume_field_text(scenario))
            self.images_spin.setValue(scenario.images_per_request)
            if _decimal_or_none(self.retry_edit.text()) != scenario.retry_multiplier:
                _set_text(self.retry_edit, exact_str(scenario.retry_multiplier))
            self.prompt_spin.setValue(scenario.prompt_tokens)
            self.cached_spin.set_share(scenario.cached_prompt_share)
            self.text_out_spin.setValue(scenario.text_output_tokens)
            self.input_count_spin.setValue(scenario.input_images)
            if self.input_size_combo.currentText() != (scenario.input_image_size or ""):
                self.input_size_combo.setCurrentText(scenario.input_image_size or "")
            self._show_fidelity(model)
            self._enable_fidelity()
            self.input_tokens_spin.setValue(scenario.input_image_tokens or 0)
            self.cached_input_spin.set_share(scenario.cached_input_share)
            self.partial_spin.setValue(scenario.partial_images)
            self.batch_check.setChecked(scenario.batch)
            _set_text(self.notes_edit, scenario.notes)
            self._show_stage_note(scenario)
        finally:
            self._loading = False

    def show_beginning(self) -> None:
        """Every field not being typed in shows its text from the start (after opening or switching)."""
        for edit in self.findChildren(QLineEdit):
            if not edit.hasFocus():
                edit.setCursorPosition(0)

    def _offer_model_choices(self, model: PricedModel) -> None:
        """Fill quality and size with what MODEL offers, and enable what it supports."""
        if model.id == self._offered_model:
            return  # already offered: keep typing smooth and cheap
        self._offered_model = model.id
        quality = self.quality_combo.currentData()
        self.quality_combo.clear()
        for item in model.offered_qualities:  # 'auto' where the API takes it (priced as a range)
            self.quality_combo.addItem(item, item)
        if quality in model.offered_qualities:
            self.quality_combo.setCurrentIndex(self.quality_combo.findData(quality))
        size = self.size_combo.currentText()
        self.size_combo.clear()
        custom = model.entry.custom_sizes is not None
        self.size_combo.setEditable(custom)
        without_completion(self.size_combo)
        offered_sizes = [*model.sizes, *([AUTO] if model.auto_sizes else [])]
        self.size_combo.addItems(offered_sizes)
        if custom:
            self.size_combo.setToolTip("Pick a preset or type any WIDTHxHEIGHT the model accepts")
            self.size_combo.setCurrentText(size)
        else:
            self.size_combo.setToolTip("")
            if size in offered_sizes:
                self.size_combo.setCurrentText(size)
        self._offer_request_limits(model)
        self._offer_inputs(model)
        self.batch_check.setEnabled(model.entry.batch is not None)
        self.prompt_spin.setEnabled(model.entry.prompt_billing == "tokens")
        self.cached_spin.setEnabled(model.rate("cached_text_in") is not None)
        self.text_out_spin.setEnabled(model.rate("text_out") is not None)

    def _offer_request_limits(self, model: PricedModel) -> None:
        """Images per request and partial images only as far as the model's API rules go."""
        rules = model.rules
        _low, high = scenario_bounds("images_per_request").int_range()
        self.images_spin.setMaximum(min(high, rules.max_images_per_request) if rules else high)
        _low, most_partial = scenario_bounds("partial_images").int_range()
        most_partial = min(most_partial, rules.max_partial_images) if rules else most_partial
        self.partial_spin.setMaximum(most_partial)
        self.partial_spin.setEnabled(model.rate("image_out") is not None and most_partial > 0)

    def _offer_inputs(self, model: PricedModel) -> None:
        """Input images as the model takes them: how many, which sizes and fidelities, what is billed."""
        rule = model.entry.input_images
        rules = model.rules
        included = rules is not None and rules.input_images_included
        most = rules.max_input_images if rules else scenario_bounds("input_images").int_range()[1]
        self.input_count_spin.setMaximum(most)
        self.input_group.setEnabled(most > 0 and (included or model.rate("image_in") is not None))
        self.input_size_combo.clear()
        if rule is not None and rule.rule == "measured":
            self.input_size_combo.addItems(list(rule.measured_tokens))
        elif (rule is not None and rule.rule == "tiles-512") or included:
            self.input_size_combo.addItems(list(model.sizes))
        allowed = rules.input_fidelities if rules else ("low", "high")
        self.fidelity_combo.clear()
        for key, text in FIDELITIES:
            if key in allowed or not allowed:  # not sent: shown read-only at the model's own
                self.fidelity_combo.addItem(text, key)
        self._fidelity_offered = bool(allowed) and rule is not None and rule.fidelity == "choice"
        self._fidelity_tip = (
            f"{model.id} always reads input images at high fidelity"
            if rule is not None and rule.fidelity == "high-only"
            else f"{model.id} supports only {' or '.join(allowed)} input fidelity"
            if len(allowed) == 1
            else ""
        )
        self._enable_fidelity()
        self._show_fidelity(model)
        self.input_tokens_spin.setEnabled(not included)
        self.cached_input_spin.setEnabled(not included and model.rate("cached_image_in") is not None)

    def _enable_fidelity(self) -> None:
        """Fidelity is a choice only where the model offers one and the scenario sends input images."""
        has_inputs = self.input_count_spin.value() > 0
        self.fidelity_combo.setEnabled(self._fidelity_offered and has_inputs)
        no_inputs = self._fidelity_offered and not has_inputs
        self.fidelity_combo.setToolTip(self._fidelity_tip or (NO_INPUTS_TIP if no_inputs else ""))

    def _show_stage_note(self, scenario: Scenario) -> None:
        """With stages, model, quality and size edit the last stage: say so beside them."""
        if scenario.stages:
            last = scenario.stages[-1].name
            self.stage_note.setText(
                f'Staged: Model, Quality and Size edit the last stage, "{last}". '
                f"The other stages are on the Stages tab ({shortcut_text('view.stages')})."
            )
        self.stage_note.setVisible(bool(scenario.stages))

    def _show_fidelity(self, model: PricedModel) -> None:
        """The scenario's fidelity, or "high" where the model always reads input images at high fidelity.

        Display only: values() keeps the scenario's own value while the box is disabled.
        """
        if self._scenario is not None:
            shown = effective_fidelity(model, self._scenario)
            # A fidelity the model does not take (high, after switching to gpt-image-1-mini) becomes its first.
            self.fidelity_combo.setCurrentIndex(max(self.fidelity_combo.findData(shown), 0))

    def _fidelity_value(self) -> object:
        if self.fidelity_combo.isEnabled() or self._scenario is None:
            return self.fidelity_combo.currentData()
        return self._scenario.input_fidelity

    # -- reading what was typed ------------------------------------------------
    def _typed_monthly_volume(self) -> int | None:
        try:
            return self._requests_from_field()
        except ImageCostError:
            return None

    def _requests_from_field(self) -> int:
        """Requests per month from the volume field and unit; raises ImageCostError for bad text."""
        unit = self.volume_unit_combo.currentData()
        text = self.volume_edit.text()
        current = self._scenario
        if current is not None and unit == current.volume_unit and text == _volume_field_text(current):
            # Untouched: keep the exact monthly figure even when per day shows a rounded '666.67'.
            return current.requests_per_month
        return monthly_requests(parse_whole(text, field="requests_per_month"), unit)

    def _retry_from_field(self) -> Decimal | str:
        """The typed multiplier; untouched text gives the scenario's own value, digit for digit ('1.30')."""
        text = self.retry_edit.text().strip()
        current = self._scenario
        if current is not None and text == exact_str(current.retry_multiplier):
            return current.retry_multiplier
        return text

    def _model_changed(self, _index: int) -> None:
        if self._loading or self._scenario is None:
            return
        model = self.catalog.model(self.model_combo.currentData())
        self._loading = True
        try:
            self._offer_model_choices(model)
            if self.quality_combo.currentIndex() < 0:
                self.quality_combo.setCurrentIndex(0)
            if not self._size_fits(model, self.size_combo.currentText()):
                self.size_combo.setCurrentText(model.sizes[0])
            if not self.input_group.isEnabled():
                self.input_count_spin.setValue(0)
            if not self.batch_check.isEnabled():
                self.batch_check.setChecked(False)
            if not self.partial_spin.isEnabled():
                self.partial_spin.setValue(0)
            for spin in (self.prompt_spin, self.text_out_spin):
                if not spin.isEnabled():
                    spin.setValue(0)
            for share in (self.cached_spin, self.cached_input_spin):
                if not share.isEnabled():
                    share.set_share(Decimal(0))
        finally:
            self._loading = False
        self._changed("model")

    @staticmethod
    def _size_fits(model: PricedModel, size: str) -> bool:
        try:
            model.check_size(size)
        except ImageCostError:
            return False
        return True

    def values(self) -> dict[str, Any]:
        """The typed values as Scenario fields; raises ImageCostError for text that is not a value."""
        input_size = self.input_size_combo.currentText().strip()
        return {
            "name": self.name_edit.text().strip(),
            "model": self.model_combo.currentData(),
            "quality": self.quality_combo.currentData(),
            "size": self.size_combo.currentText().strip(),
            "requests_per_month": self._requests_from_field(),
            "volume_unit": self.volume_unit_combo.currentData(),
            "images_per_request": self.images_spin.value(),
            "retry_multiplier": self._retry_from_field(),
            "prompt_tokens": self.prompt_spin.value(),
            "cached_prompt_share": self.cached_spin.share(),
            "text_output_tokens": self.text_out_spin.value(),
            "input_images": self.input_count_spin.value(),
            "input_image_size": input_size or None,
            "input_fidelity": self._fidelity_value(),
            "input_image_tokens": self.input_tokens_spin.value() or None,
            "cached_input_share": self.cached_input_spin.share(),
            "partial_images": self.partial_spin.value(),
            "batch": self.batch_check.isChecked(),
            "notes": self.notes_edit.text(),
        }

    def _changed(self, field: str) -> None:
        if self._loading or self._scenario is None:
            return
        self._clear_errors()
        try:
            scenario = self._scenario.updated(**self.values())
            check_scenario(scenario, self.catalog)  # the API's rules, as the command line and files check them
        except ImageCostError as exc:
            self._show_error(exc, field)
            return
        self.edited.emit(scenario, field)

    def _tidy_volume(self) -> None:
        """After typing '20k', show '20,000' (same value, so no edit)."""
        if self._scenario is not None and self._typed_monthly_volume() == self._scenario.requests_per_month:
            self.volume_edit.setText(_volume_field_text(self._scenario))

    # -- errors beside the fields ----------------------------------------------
    def _clear_errors(self) -> None:
        for label in {*self._error_labels.values(), self.general_error}:
            label.clear()
            label.setVisible(False)

    def _show_error(self, exc: ImageCostError, field: str) -> None:
        label = self._error_labels.get(exc.field or field, self.general_error)
        text = exc.message
        if exc.hint and len(exc.hint) <= SHORT_HINT:
            text = f"{text} ({exc.hint})"
        label.setText(f"Not applied: {text}")
        label.setToolTip(as_text(exc.hint or ""))
        label.setVisible(True)

    def error_text(self) -> str:
        """Every error shown beside a field (for tests and accessibility)."""
        return "\n".join(label.text() for label in {*self._error_labels.values(), self.general_error} if label.text())


class _DocumentUndoKeys(QObject):
    """Lets undo/redo shortcuts pass a text field to the window's Undo and Redo actions."""

    KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            combo = event.keyCombination()
            if any(event.matches(key) for key in self.KEYS) or combo == QKeyCombination(
                Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Y
            ):
                event.ignore()
                return True
        return False


def _volume_field_text(scenario: Scenario) -> str:
    return volume_text(scenario.requests_per_month, scenario.volume_unit, with_unit=False)


def _set_text(edit: QLineEdit, text: str) -> None:
    """Show TEXT from its beginning (setText leaves the cursor at the end, hiding a long name's start)."""
    if edit.text() != text:
        edit.setText(text)
        edit.setCursorPosition(0)


def _decimal_or_none(text: str) -> Decimal | None:
    try:
        return Decimal(text.strip())
    except ArithmeticError:
        return None
