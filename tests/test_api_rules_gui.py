"""The window offers only what the API accepts for the chosen model, driven with keys and clicks."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox
from pytestqt.qtbot import QtBot

from core.money import format_usd
from core.pricing.engine import estimate
from gui.window.main_window import MainWindow
from tests.conftest import open_one_scenario_file

MARKER = "upper bound: quality chosen by the model"


def pick(qtbot: QtBot, combo: QComboBox, data: str) -> None:
    """Walk COMBO with the arrow keys, as a person would, until it shows DATA."""
    assert combo.findData(data) >= 0 or combo.findText(data) >= 0, data
    combo.setFocus()
    key = (
        Qt.Key.Key_Down
        if combo.findData(data) > combo.currentIndex() or combo.findText(data) > combo.currentIndex()
        else Qt.Key.Key_Up
    )
    for _ in range(combo.count()):
        if data in (combo.currentData(), combo.currentText()):
            return
        qtbot.keyClick(combo, key)
    assert data in (combo.currentData(), combo.currentText()), data


def type_number(qtbot: QtBot, spin: QAbstractSpinBox, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Tab)


def items(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_dall_e_3_offers_one_image_per_request_and_no_auto(qtbot: QtBot, window: MainWindow) -> None:
    form = window.form
    pick(qtbot, form.model_combo, "dall-e-3")
    assert form.images_spin.maximum() == 1
    type_number(qtbot, form.images_spin, "4")
    assert window.document.scenario(0).images_per_request == 1
    assert "auto" not in items(form.quality_combo) and "auto" not in items(form.size_combo)
    assert not form.input_group.isEnabled()
    assert not form.partial_spin.isEnabled()


def test_gpt_image_1_mini_offers_low_fidelity_only_and_auto(qtbot: QtBot, window: MainWindow) -> None:
    form = window.form
    pick(qtbot, form.model_combo, "gpt-image-1-mini")
    assert items(form.fidelity_combo) == ["low"]
    assert form.fidelity_combo.toolTip() == "gpt-image-1-mini supports only low input fidelity"
    assert items(form.quality_combo) == ["low", "medium", "high", "auto"]
    assert items(form.size_combo)[-1] == "auto"
    assert form.images_spin.maximum() == 10
    assert form.partial_spin.maximum() == 3
    pick(qtbot, form.model_combo, "gpt-image-1.5")
    assert items(form.fidelity_combo) == ["low", "high"]
    type_number(qtbot, form.input_count_spin, "1")  # fidelity is a choice once a request sends an image
    pick(qtbot, form.fidelity_combo, "high")
    assert window.document.scenario(0).input_fidelity == "high"
    pick(qtbot, form.model_combo, "gpt-image-1-mini")  # mini takes low only: the switch applies, at low
    scenario = window.document.scenario(0)
    assert (scenario.model, scenario.input_fidelity) == ("gpt-image-1-mini", "low")
    assert form.error_text() == ""


def test_auto_quality_shows_its_upper_bound_everywhere_in_the_window(qtbot: QtBot, window: MainWindow) -> None:
    form = window.form
    pick(qtbot, form.model_combo, "gpt-image-1.5")
    pick(qtbot, form.size_combo, "1024x1024")
    pick(qtbot, form.quality_combo, "auto")
    scenario = window.document.scenario(0)
    assert scenario.quality == "auto"
    est = estimate(scenario)
    requests = scenario.requests_per_month * scenario.retry_multiplier * scenario.images_per_request
    # GPT Image 1.5 1024x1024 (seed 000): dearest quality high $0.133, cheapest low $0.009 per image.
    assert est.monthly == requests * Decimal("0.133") and est.auto_range is not None
    assert est.auto_range.low_monthly == requests * Decimal("0.009")
    assert window.totals.per_month.text() == format_usd(est.monthly)
    assert window.totals.per_month_caption.text() == f"Per month ({MARKER})"
    assert window.totals.per_image_caption.text() == f"Per delivered image ({MARKER})"
    breakdown = window.totals.breakdown
    total_row = breakdown.rowCount() - 1
    assert breakdown.index(total_row, 0).data() == f"Total ({MARKER})"
    assert breakdown.index(0, 0).data() == f"Image output ({MARKER})"
    assert window.totals.message.text().startswith(
        f"Upper bound: quality chosen by the model; it could cost {format_usd(est.auto_range.low_monthly)} "
        f"(low 1024x1024) to {format_usd(est.monthly)} (high 1024x1024) a month; the totals use the upper bound"
    )
    table = window.table_model
    money = [table.index(0, column).data() for column in range(1, 4)]
    assert all(text.startswith("up to $") for text in money), money


def test_partial_images_with_batch_are_refused_beside_the_field(qtbot: QtBot, window: MainWindow) -> None:
    form = window.form
    pick(qtbot, form.model_combo, "gpt-image-2")
    type_number(qtbot, form.partial_spin, "2")
    assert window.document.scenario(0).partial_images == 2
    before = window.document.scenario(0)
    qtbot.mouseClick(form.batch_check, Qt.MouseButton.LeftButton, pos=form.batch_check.rect().center())
    assert window.document.scenario(0) == before
    assert form.error_text() == (
        "Not applied: partial images need streaming, which the Batch API does not do; "
        "got 2 partial images with batch on (set partial images to 0, or turn batch off)"
    )


def test_dall_e_2_takes_one_input_image_at_no_extra_cost(qtbot: QtBot, window: MainWindow) -> None:
    form = window.form
    pick(qtbot, form.model_combo, "dall-e-2")
    assert form.input_group.isEnabled()
    assert form.input_count_spin.maximum() == 1
    assert not form.cached_input_spin.isEnabled() and not form.input_tokens_spin.isEnabled()
    type_number(qtbot, form.input_count_spin, "1")
    scenario = window.document.scenario(0)
    assert scenario.input_images == 1
    breakdown = window.totals.breakdown
    assert breakdown.index(1, 0).data() == "Input image (included in the per-image price)"
    assert window.totals.per_month.text() == format_usd(estimate(scenario).monthly)


def test_a_file_with_a_snapshot_id_shows_it_and_keeps_it(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "snap.yaml"
    open_one_scenario_file(window, path, name="Snap", model="gpt-image-2-2026-04-21", quality="high", size="1024x1024")
    form = window.form
    assert form.model_combo.currentData() == "gpt-image-2-2026-04-21"
    assert form.model_combo.currentText() == "GPT Image 2 (snapshot 2026-04-21) (gpt-image-2-2026-04-21)"
    # Priced as gpt-image-2 high 1024x1024: $0.211 (seed 002) x 1,000 requests.
    assert window.totals.per_month.text() == "$211.00"


@pytest.mark.parametrize("model", ["gpt-image-2", "chatgpt-image-latest"])
def test_the_form_offers_auto_size_for_gpt_image_models(qtbot: QtBot, window: MainWindow, model: str) -> None:
    pick(qtbot, window.form.model_combo, model)
    pick(qtbot, window.form.size_combo, "auto")
    assert window.document.scenario(0).size == "auto"
    assert window.totals.per_month_caption.text() == "Per month (upper bound: size chosen by the model)"


def test_a_stage_offers_what_its_model_accepts(qtbot: QtBot) -> None:
    from datetime import date

    from PySide6.QtWidgets import QSpinBox

    from core.model.scenario import Scenario
    from gui.editors.stages_editor import StagesEditor

    widget = StagesEditor(today=date(2026, 11, 23))
    qtbot.addWidget(widget)
    widget.show()
    widget.set_scenario(
        Scenario(name="S", model="gpt-image-2", quality="low", size="1024x1024", requests_per_month=1000)
    )
    qtbot.mouseClick(widget.add, Qt.MouseButton.LeftButton)
    model, quality, size, images = (widget.table.cellWidget(0, column) for column in (1, 2, 3, 4))
    assert isinstance(model, QComboBox) and isinstance(quality, QComboBox) and isinstance(size, QComboBox)
    assert isinstance(images, QSpinBox)
    assert items(quality)[-1] == "auto" and items(size)[-1] == "auto" and images.maximum() == 10
    pick(qtbot, model, "dall-e-3")
    assert items(quality) == ["standard", "hd"] and "auto" not in items(size)
    assert images.maximum() == 1
    type_number(qtbot, images, "3")
    assert images.value() == 1


def test_an_old_file_with_gpt_image_latest_opens_with_a_note(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "old.yaml"
    open_one_scenario_file(window, path, name="Old", model="gpt-image-latest", quality="medium", size="1024x1024")
    assert window.form.model_combo.currentData() == "chatgpt-image-latest"
    assert "Model 'gpt-image-latest' is now 'chatgpt-image-latest', the API's id for it" in window.message_bar.text()
    # Priced as GPT Image 1.5 medium 1024x1024: $0.034 (seed 000) x 1,000 requests.
    assert window.totals.per_month.text() == "$34.00"
    assert "gpt-image-latest" in path.read_text(encoding="utf-8")  # the file changes only when saved
