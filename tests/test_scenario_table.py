"""The comparison table model through index()/data(), with no view attached."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from core.model.scenario import Scenario
from core.money import cents, format_usd
from core.pricing.engine import estimate
from core.storage.scenario_file import ScenarioFile, load
from gui.document.controller import DocumentController
from gui.document.priced import PricedDocument
from gui.views.scenario_table import (
    COL_MODEL,
    COL_NAME,
    COL_PER_IMAGE,
    COL_PER_MONTH,
    COL_PER_YEAR,
    COL_VOLUME,
    HEADERS,
    ScenarioListProxy,
    ScenarioSortProxy,
    ScenarioTableModel,
)
from tests.conftest import EXAMPLES

DISPLAY = Qt.ItemDataRole.DisplayRole


def scenario(name: str, requests: int, **extra: object) -> Scenario:
    values: dict[str, object] = {
        "name": name,
        "model": "gpt-image-1-mini",
        "quality": "low",
        "size": "1024x1024",
        "requests_per_month": requests,
    }
    values.update(extra)
    return Scenario.model_validate(values)


@pytest.fixture
def document(qapp: object) -> DocumentController:
    doc = DocumentController()
    doc.replace(load(Path(EXAMPLES / "example.yaml")), None)
    return doc


def cell(model: ScenarioTableModel | ScenarioSortProxy, row: int, column: int, role: int = DISPLAY) -> object:
    return model.data(model.index(row, column), role)


def test_rows_are_scenarios_then_a_total(document: DocumentController) -> None:
    model = ScenarioTableModel(PricedDocument(document))
    count = len(document.scenarios)
    assert model.rowCount() == count + 1
    assert model.columnCount() == len(HEADERS)
    for row, sc in enumerate(document.scenarios):
        est = estimate(sc)
        assert cell(model, row, COL_NAME) == sc.name
        assert cell(model, row, COL_MODEL) == sc.model
        assert cell(model, row, COL_PER_MONTH) == format_usd(est.monthly)
        assert cell(model, row, COL_PER_YEAR) == format_usd(cents(est.monthly) * 12)  # 12 x the month shown
    # One number of decimals for the column, as many as its most precise figure ($0.0812) needs.
    assert [cell(model, row, COL_PER_IMAGE) for row in range(count)] == ["$0.0050", "$0.0812", "$0.3022"]
    # The total row adds the months as shown (to the cent): $100.00 + $649.40 + $241.80 = $991.20.
    total = sum((cents(estimate(sc).monthly) for sc in document.scenarios), Decimal(0))
    assert total == Decimal("991.20")
    assert cell(model, count, COL_NAME) == f"Total ({count} scenarios)"
    assert cell(model, count, COL_PER_MONTH) == format_usd(total)
    assert cell(model, count, COL_PER_YEAR) == format_usd(total * 12)
    assert model.priced.total_monthly == total


def test_money_and_volume_are_right_aligned(document: DocumentController) -> None:
    model = ScenarioTableModel(PricedDocument(document))
    align = Qt.ItemDataRole.TextAlignmentRole
    for column in (COL_PER_IMAGE, COL_PER_MONTH, COL_PER_YEAR, COL_VOLUME):
        assert int(cell(model, 0, column, align)) & int(Qt.AlignmentFlag.AlignRight)  # type: ignore[call-overload]
    assert int(cell(model, 0, COL_NAME, align)) & int(Qt.AlignmentFlag.AlignLeft)  # type: ignore[call-overload]


def test_an_edit_reprices_only_its_row_and_the_total(document: DocumentController) -> None:
    model = ScenarioTableModel(PricedDocument(document))
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda top, bottom, _roles=(): changed.append((top.row(), bottom.row())))
    before = [model.priced.row(row).estimate for row in range(model.scenario_count)]
    edited = document.scenario(1).updated(requests_per_month=16000)
    document.edit(1, edited, "requests_per_month")
    assert sorted(set(changed)) == [(1, 1), (model.total_row, model.total_row)]
    assert model.priced.row(0).estimate is before[0]  # the cache of other rows is reused
    assert model.priced.row(2).estimate is before[2]
    assert cell(model, 1, COL_PER_MONTH) == format_usd(estimate(edited).monthly)
    expected_total = sum((estimate(sc).monthly for sc in document.scenarios), Decimal(0))
    assert cell(model, model.total_row, COL_PER_MONTH) == format_usd(expected_total)


def test_sorting_uses_amounts_and_keeps_the_total_last(qapp: object) -> None:
    doc = DocumentController()
    # $9-ish and $10-ish per month: text order and numeric order differ.
    doc.replace(ScenarioFile(scenarios=[scenario("a", 2000), scenario("b", 1800), scenario("c", 100)]), None)
    proxy = ScenarioSortProxy()
    proxy.setSourceModel(ScenarioTableModel(PricedDocument(doc)))
    monthly = {sc.name: estimate(sc).monthly for sc in doc.scenarios}
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        proxy.sort(COL_PER_MONTH, order)
        names = [cell(proxy, row, COL_NAME) for row in range(3)]
        assert names == sorted(monthly, key=lambda n: monthly[n], reverse=order == Qt.SortOrder.DescendingOrder)
        assert str(cell(proxy, 3, COL_NAME)).startswith("Total")


def test_a_scenario_that_cannot_be_priced_says_why(qapp: object) -> None:
    doc = DocumentController()
    # gpt-image-1.5 has no published input-image rule: the tokens must be entered by hand.
    bad = scenario("edits", 100, model="gpt-image-1.5", input_images=1, input_image_size="1024x1024")
    good = scenario("ok", 100)
    doc.replace(ScenarioFile(scenarios=[bad, good]), None)
    model = ScenarioTableModel(PricedDocument(doc))
    assert cell(model, 0, COL_PER_MONTH) == "not priced"
    assert "input_image_tokens" in str(cell(model, 0, COL_PER_MONTH, Qt.ItemDataRole.ToolTipRole))
    assert model.priced.total_monthly == estimate(good).monthly


def test_renaming_in_the_table_is_undoable(document: DocumentController) -> None:
    model = ScenarioTableModel(PricedDocument(document))
    old = document.scenario(0).name
    assert model.flags(model.index(0, COL_NAME)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(model.total_row, COL_NAME)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(0, COL_NAME), "Thumbnails")
    assert cell(model, 0, COL_NAME) == "Thumbnails"
    assert not model.setData(model.index(0, COL_NAME), "   ")  # an empty name is refused
    document.undo_stack.undo()
    assert cell(model, 0, COL_NAME) == old


def test_insert_remove_and_move_keep_rows_in_step(document: DocumentController) -> None:
    model = ScenarioTableModel(PricedDocument(document))
    names = lambda: [cell(model, r, COL_NAME) for r in range(model.scenario_count)]  # noqa: E731
    first, second, third = names()
    document.move(0, 2)
    assert names() == [second, third, first]
    document.duplicate(0)
    assert names() == [second, f"{second} (copy)", third, first]
    document.remove(1)
    assert names() == [second, third, first]
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert names() == [first, second, third]


def test_the_list_proxy_has_no_total_row(document: DocumentController) -> None:
    proxy = ScenarioListProxy()
    proxy.setSourceModel(ScenarioTableModel(PricedDocument(document)))
    assert proxy.rowCount() == len(document.scenarios)
    document.add(scenario("new", 5))
    assert proxy.rowCount() == len(document.scenarios)
    assert cell(proxy, proxy.rowCount() - 1, COL_NAME) == "new"


def shown_names(proxy: ScenarioSortProxy) -> list[object]:
    return [cell(proxy, row, COL_NAME) for row in range(proxy.rowCount())]


def test_an_edit_that_moves_a_row_resorts_once_edits_pause(qapp: object) -> None:
    doc = DocumentController()
    doc.replace(ScenarioFile(scenarios=[scenario("a", 100), scenario("b", 200), scenario("c", 300)]), None)
    proxy = ScenarioSortProxy()
    proxy.setSourceModel(ScenarioTableModel(PricedDocument(doc)))
    proxy.sort(COL_PER_MONTH, Qt.SortOrder.DescendingOrder)
    assert shown_names(proxy)[:3] == ["c", "b", "a"]

    doc.edit(1, doc.scenario(1).updated(requests_per_month=250), "requests_per_month")
    assert not proxy.resort_pending  # still between its neighbours: nothing to move
    doc.edit(0, doc.scenario(0).updated(requests_per_month=1000), "requests_per_month")
    assert proxy.resort_pending  # the edited row stays put while it is being edited ...
    assert shown_names(proxy)[:3] == ["c", "b", "a"]
    assert cell(proxy, 2, COL_VOLUME) == cell(proxy.sourceModel(), 0, COL_VOLUME)  # ... showing its new values
    proxy.resort()  # ... and moves when edits pause
    assert shown_names(proxy)[:3] == ["a", "c", "b"]
    assert str(shown_names(proxy)[3]).startswith("Total")


def test_added_and_reloaded_rows_are_sorted_with_the_total_last(qapp: object) -> None:
    doc = DocumentController()
    doc.replace(ScenarioFile(scenarios=[scenario("a", 100), scenario("b", 200)]), None)
    proxy = ScenarioSortProxy()
    proxy.setSourceModel(ScenarioTableModel(PricedDocument(doc)))
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        proxy.sort(COL_PER_MONTH, order)
        doc.add(scenario(f"big {order.value}", 5000))
        names = shown_names(proxy)
        assert str(names[-1]).startswith("Total")
        monthly = [estimate(sc).monthly for sc in doc.scenarios]
        shown = [monthly[[sc.name for sc in doc.scenarios].index(str(n))] for n in names[:-1]]
        assert shown == sorted(shown, reverse=order == Qt.SortOrder.DescendingOrder)
    doc.replace(ScenarioFile(scenarios=[scenario("x", 10), scenario("y", 900), scenario("z", 50)]), None)
    assert shown_names(proxy)[:3] == ["y", "z", "x"]
    assert str(shown_names(proxy)[3]).startswith("Total")


def test_unit_prices_show_every_digit_and_at_least_cents() -> None:
    from core.money import format_unit_price

    assert format_unit_price(Decimal("5")) == "$5.00"
    assert format_unit_price(Decimal("4.5")) == "$4.50"
    assert format_unit_price(Decimal("0.053")) == "$0.053"
    assert format_unit_price(Decimal("0.00588")) == "$0.00588"
    assert format_unit_price(Decimal("1234.5")) == "$1,234.50"
    assert format_unit_price(Decimal("-0.5")) == "-$0.50"


def test_the_per_image_column_keeps_one_number_of_decimals_as_rows_change(qapp: object) -> None:
    doc = DocumentController()
    doc.replace(ScenarioFile(scenarios=[scenario("thumbs", 1000)]), None)
    model = ScenarioTableModel(PricedDocument(doc))
    assert cell(model, 0, COL_PER_IMAGE) == "$0.005"  # alone: every digit it has
    repainted: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last, *_: repainted.append((first.row(), last.row())))
    # A staged-looking figure with four places ($0.3022) joins: the first row is repainted with four too.
    doc.add(scenario("heroes", 1000, model="gpt-image-1.5", quality="high", size="1536x1024", retry_multiplier=1.5,
                     prompt_tokens=200))
    assert cell(model, 1, COL_PER_IMAGE) == "$0.3015"
    assert cell(model, 0, COL_PER_IMAGE) == "$0.0050"
    assert any(first <= 0 <= last for first, last in repainted)
    # An edit that takes the precise one away gives the column back its own decimals.
    repainted.clear()
    doc.edit(1, doc.scenarios[1].model_copy(update={"retry_multiplier": Decimal(1), "prompt_tokens": 0}), "Retry")
    assert cell(model, 1, COL_PER_IMAGE) == "$0.200"
    assert cell(model, 0, COL_PER_IMAGE) == "$0.005"
    assert any(first <= 0 <= last for first, last in repainted)
