"""Loading any valid scenario into the form and saving without edits gives back that scenario, digit for digit.

No control may change a value the person did not touch (issue #13): not a spin
box's rounding, not a combo box's completion, not a field's stripping.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from core.errors import ImageCostError
from core.model.scenario import AUTO, Scenario
from core.pricing.catalog import default_catalog
from core.pricing.engine import check_scenario
from gui.editors.scenario_form import ScenarioForm

CATALOG = default_catalog()
MODELS = CATALOG.models()


def shares() -> st.SearchStrategy[Decimal]:
    """Shares as files hold them: up to 6 places, with or without trailing zeros."""
    exact_places = st.integers(0, 6).flatmap(lambda places: st.decimals(min_value=0, max_value=1, places=places))
    return exact_places | st.sampled_from([Decimal("0.333"), Decimal("0.1234"), Decimal("0.50"), Decimal("1")])


@st.composite
def valid_scenarios(draw: st.DrawFn) -> Scenario:
    model = draw(st.sampled_from(MODELS))
    rules = model.rules
    sizes = [*model.sizes, *([AUTO] if model.auto_sizes else [])]
    most_images = rules.max_images_per_request if rules else 10
    most_inputs = rules.max_input_images if rules else 16
    most_partial = rules.max_partial_images if rules else 3
    fidelities = list(rules.input_fidelities) if rules and rules.input_fidelities else ["low", "high"]
    input_sizes: list[str | None] = [None, *model.sizes]
    text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
    data: dict[str, Any] = {
        "name": draw(text.map(str.strip).filter(bool)),
        "model": model.id,
        "quality": draw(st.sampled_from(list(model.offered_qualities))),
        "size": draw(st.sampled_from(sizes)),
        "requests_per_month": draw(st.integers(0, 10**9)),
        "volume_unit": draw(st.sampled_from(["month", "day"])),
        "images_per_request": draw(st.integers(1, most_images)),
        "retry_multiplier": draw(st.decimals(min_value=1, max_value=100, places=4)),
        "prompt_tokens": draw(st.integers(0, 10_000_000)),
        "cached_prompt_share": draw(shares()),
        "text_output_tokens": draw(st.integers(0, 10_000_000)),
        "input_images": draw(st.integers(0, most_inputs)),
        "input_image_size": draw(st.sampled_from(input_sizes)),
        "input_fidelity": draw(st.sampled_from(fidelities)),
        "input_image_tokens": draw(st.none() | st.integers(1, 10_000_000)),
        "cached_input_share": draw(shares()),
        "partial_images": draw(st.integers(0, most_partial)),
        "batch": draw(st.booleans()),
        "notes": draw(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)),  # tabs, line breaks too
    }
    try:
        scenario = Scenario.model_validate(data)
        check_scenario(scenario, CATALOG)
    except (ImageCostError, ValueError):
        assume(False)
        raise
    return scenario


def exact(scenario: Scenario) -> dict[str, str]:
    """Every field as its repr: Decimal('0.330') and Decimal('0.33') differ here."""
    return {field: repr(value) for field, value in scenario.model_dump().items()}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scenario=valid_scenarios())
def test_loading_and_saving_without_edits_keeps_every_field_and_digit(qtbot: QtBot, scenario: Scenario) -> None:
    form = _form(qtbot)
    edited: list[Scenario] = []
    form.edited.connect(lambda new, _field: edited.append(new))
    form.set_scenario(scenario)
    try:
        back = scenario.updated(**form.values())
    finally:
        form.edited.disconnect()
    assert edited == []  # showing it edited nothing
    assert exact(back) == exact(scenario)


_FORMS: list[ScenarioForm] = []


def _form(qtbot: QtBot) -> ScenarioForm:
    """One form for every example (building one per example would make the test slow)."""
    if not _FORMS:
        _FORMS.append(ScenarioForm(CATALOG))
    return _FORMS[0]
