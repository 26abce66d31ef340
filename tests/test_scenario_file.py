"""Scenario files: round trip, and clear refusals that name file, line and field."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from core.errors import ScenarioFileError
from core.model.scenario import Scenario
from core.pricing.engine import check_scenario
from core.storage import scenario_file
from core.storage.scenario_file import ScenarioFile

GOOD = """\
version: 1
scenarios:
  - name: Onboarding thumbnails
    model: gpt-image-1
    quality: low
    size: 1024x1024
    requests_per_month: 20000
"""


def test_issue_example_loads() -> None:
    doc = scenario_file.loads(GOOD, check=check_scenario)
    assert doc.scenarios[0] == Scenario(
        name="Onboarding thumbnails", model="gpt-image-1", quality="low", size="1024x1024", requests_per_month=20000
    )


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    doc = ScenarioFile(
        scenarios=[
            Scenario(
                name="A",
                model="gpt-image-2",
                quality="high",
                size="2048x1152",
                requests_per_month=5,
                retry_multiplier=Decimal("1.35"),
                prompt_tokens=120,
                cached_prompt_share=Decimal("0.25"),
                input_images=2,
                input_image_size="1024x1024",
                cached_input_share=Decimal("0.5"),
                partial_images=2,  # streaming: the Batch API takes no partial images
                volume_unit="day",
                notes="line one\nline two",
            ),
            Scenario(name="B", model="dall-e-3", quality="hd", size="1024x1792", requests_per_month=0),
        ]
    )
    doc.quote.title = "Q1 budget"
    path = tmp_path / "s.yaml"
    scenario_file.save(doc, path)
    assert scenario_file.load(path, check=check_scenario) == doc
    text = path.read_text()
    assert "retry_multiplier: 1.35" in text and "images_per_request" not in text  # defaults left out


def test_save_keeps_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(GOOD)
    doc = scenario_file.load(path, check=check_scenario)
    doc.scenarios[0].requests_per_month = 7
    scenario_file.save(doc, path)
    assert (tmp_path / "s.yaml.bak").read_text() == GOOD
    assert scenario_file.load(path, check=check_scenario).scenarios[0].requests_per_month == 7
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.yaml", "s.yaml.bak"]


def _error(text: str) -> ScenarioFileError:
    with pytest.raises(ScenarioFileError) as info:
        scenario_file.loads(text, path=Path("team.yaml"), check=check_scenario)
    return info.value


def test_unknown_key_is_named_with_its_line() -> None:
    err = _error(GOOD + "    requets_per_day: 5\n")
    assert "unknown key 'requets_per_day'" in err.message
    assert err.line == 8 and err.field == "scenarios[0].requets_per_day"
    assert str(err).startswith("team.yaml, line 8, field scenarios[0].requets_per_day:")


def test_unknown_model_points_at_its_line() -> None:
    err = _error(GOOD.replace("gpt-image-1", "gpt-image-9"))
    assert err.line == 4 and err.field == "scenarios[0].model" and "gpt-image-9" in err.message


def test_size_the_model_does_not_offer() -> None:
    err = _error(GOOD.replace("1024x1024", "1792x1024"))
    assert err.line == 6 and err.field == "scenarios[0].size"


def test_missing_required_key() -> None:
    err = _error(GOOD.replace("    quality: low\n", ""))
    assert "'quality' is missing" in err.message and err.field == "scenarios[0].quality"


def test_newer_version_refused() -> None:
    err = _error(GOOD.replace("version: 1", "version: 7"))
    assert "newer than this app reads" in err.message and err.line == 1


def test_bad_files_on_disk_are_left_untouched(tmp_path: Path) -> None:
    cases = {"binary.yaml": b"\x00\x01\x02PK", "latin1.yaml": "name: caf\xe9".encode("latin-1")}
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(ScenarioFileError):
            scenario_file.load(path, check=check_scenario)
        assert path.read_bytes() == data
    with pytest.raises(ScenarioFileError, match="does not exist"):
        scenario_file.load(tmp_path / "missing.yaml", check=check_scenario)
