"""The Plan tab's answers on a quote: budget fit, rate limits and growth as optional sections.

Chosen in the file (quote.plan_sections) or with ``imagecost-cli quote --include``; present in every
export format when chosen and absent when not, with the figures ``imagecost-cli budget/limits/growth``
print for the same file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from core.errors import ScenarioFileError
from core.model.plan_settings import PlanSettings
from core.model.quote_header import PLAN_SECTIONS, PlanSectionName
from core.model.scenario import Scenario
from core.planning.quote_sections import JSON_KEYS, SECTION_TITLES, plan_sections
from core.pricing.engine import estimate
from core.storage import scenario_file
from core.storage.scenario_file import ScenarioFile
from tests.quote_fixtures import example_document
from tests.test_cli import run

TEXT_FORMATS = ("html", "md", "csv", "json")
#: The example's plan: $1,000 a month, tier 2 in working hours, 5% growth from January 2027.
PLAN = PlanSettings(
    monthly_budget=Decimal(1000),
    usage_tier="2",
    peak_hours_per_day=Decimal(8),
    active_days_per_month=22,
    growth_percent=Decimal(5),
    growth_start=dt.date(2027, 1, 1),
)


def planned(sections: list[PlanSectionName] | None = None) -> ScenarioFile:
    document = example_document()
    document.plan = PLAN
    document.quote.plan_sections = sections or []
    return document


def saved(tmp_path: Path, document: ScenarioFile) -> Path:
    path = tmp_path / "plan.yaml"
    scenario_file.save(document, path)
    return path


def sections_in(fmt: str, text: str) -> set[PlanSectionName]:
    """The plan sections an export of format FMT holds, read the way its reader would."""
    if fmt == "json":
        data = json.loads(text)
        return {name for name in PLAN_SECTIONS if JSON_KEYS[name] in data}
    if fmt == "csv":
        cells = {row[0] for row in csv.reader(io.StringIO(text)) if len(row) == 1}  # a block's one-cell title row
        return {name for name in PLAN_SECTIONS if SECTION_TITLES[name] in cells}
    heading = {"html": "<h2>{}</h2>", "md": "## {}"}[fmt]
    return {name for name in PLAN_SECTIONS if heading.format(SECTION_TITLES[name]) in text.splitlines()}


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@pytest.mark.parametrize("section", PLAN_SECTIONS)
def test_each_section_is_in_each_format_when_included_and_absent_when_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, section: PlanSectionName
) -> None:
    path = saved(tmp_path, planned())
    code, out, err = run(capsys, "quote", str(path), "--format", fmt, "--include", section)
    assert (code, err) == (0, "")
    assert sections_in(fmt, out) == {section}
    code, out, _ = run(capsys, "quote", str(path), "--format", fmt)
    assert code == 0 and sections_in(fmt, out) == set()  # the file includes none


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_the_sections_the_file_names_are_the_default_and_none_leaves_them_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    path = saved(tmp_path, planned(["growth", "budget"]))
    code, out, _ = run(capsys, "quote", str(path), "--format", fmt)
    assert code == 0 and sections_in(fmt, out) == {"budget", "growth"}
    code, out, _ = run(capsys, "quote", str(path), "--format", fmt, "--include", "none")
    assert code == 0 and sections_in(fmt, out) == set()
    code, out, _ = run(capsys, "quote", str(path), "--format", fmt, "--include", "Rate-Limits, budget")
    assert code == 0 and sections_in(fmt, out) == {"budget", "rate-limits"}


def test_the_pdf_holds_the_included_sections_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = saved(tmp_path, planned(["budget", "rate-limits", "growth"]))
    with_all, without = tmp_path / "all.pdf", tmp_path / "none.pdf"
    assert run(capsys, "quote", str(path), "-o", str(with_all))[0] == 0
    assert run(capsys, "quote", str(path), "-o", str(without), "--include", "none")[0] == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(with_all).pages)
    for title in SECTION_TITLES.values():
        assert title in text
    assert "Over budget by" not in text and "$8.80 a month left over" in text
    assert "Lowest tier that fits: Tier 1 (5 IPM)." in text
    limits = text.split("Rate limits", 1)[1]
    assert "Source: OpenAI, " in limits and ".txt" not in limits  # the tier's source cited, not its file
    plain = " ".join(page.extract_text() for page in PdfReader(without).pages)
    assert "Budget fit" not in plain and "Growth projection" not in plain and "Lowest tier" not in plain


def _table_after(text: str, caption: str) -> list[str]:
    """The lines of the text table under CAPTION (up to the next blank line)."""
    lines = text.splitlines()
    start = lines.index(caption) + 1
    end = next(i for i in range(start, len(lines)) if not lines[i].strip())
    return lines[start:end]


@pytest.mark.parametrize(
    ("command", "include", "caption"),
    [
        ("budget", "budget", "Scenarios against the budget"),
        ("limits", "rate-limits", "Scenarios against the rate limit"),
        ("growth", "growth", "Month by month"),
    ],
)
def test_a_section_shows_what_the_plan_command_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, include: str, caption: str
) -> None:
    path = saved(tmp_path, planned())
    code, plan_out, _ = run(capsys, command, str(path))
    assert code == 0
    code, quote_out, _ = run(capsys, "quote", str(path), "--include", include)
    assert code == 0
    table = _table_after(quote_out, caption)
    assert len(table) >= 4  # header, rule, at least the scenarios
    block = "\n".join(table)
    assert block in plan_out  # the same rows, cell for cell, as the command prints them


def test_json_sections_are_exact_decimal_strings_of_the_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = saved(tmp_path, planned(list(PLAN_SECTIONS)))
    code, out, _ = run(capsys, "quote", str(path), "--format", "json")
    assert code == 0
    data = json.loads(out)
    estimates = [estimate(s) for s in planned().scenarios]
    budget = data["budget_fit"]
    assert budget["monthly_budget"] == "1000" and budget["fits"] is True
    assert Decimal(budget["total_monthly"]) == sum(e.monthly for e in estimates)
    assert [Decimal(s["monthly"]) for s in budget["scenarios"]] == [e.monthly for e in estimates]
    assert [s["unconfirmed"] for s in budget["scenarios"]] == [e.unconfirmed for e in estimates]
    limits = data["rate_limits"]
    assert (limits["usage_tier"], limits["images_per_minute"], limits["lowest_fitting_tier"]) == ("2", 20, "1")
    # 20 images a minute in 8 h on 22 days: 20 x 60 x 8 x 22.
    assert limits["capacity_in_window"] == "211200"
    generated = sum(e.generated_images for e in estimates)
    assert Decimal(limits["all_scenarios"]["generated_images"]) == generated
    growth = data["growth_projection"]
    assert [m["month"] for m in growth["months"]][:2] == ["2027-01", "2027-02"]
    first = sum(Decimal(str(round(e.monthly, 2))) for e in estimates)
    assert Decimal(growth["months"][0]["cost"]) == first
    assert Decimal(growth["months"][1]["cost"]) == (first * Decimal("1.05")).quantize(Decimal("0.01"))
    assert Decimal(growth["total"]) == sum(Decimal(m["cost"]) for m in growth["months"])
    assert data["quote"]["plan_sections"] == list(PLAN_SECTIONS)
    for value in (budget["total_monthly"], growth["total"], limits["all_scenarios"]["needed_ipm"]):
        assert isinstance(value, str)


def test_an_unconfirmed_figure_keeps_its_mark(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The listing edits' gpt-image-2 input-image tokens are unconfirmed: their cost is starred everywhere."""
    document = planned(["budget", "growth"])
    unconfirmed = [e.scenario.name for e in map(estimate, document.scenarios) if e.unconfirmed]
    assert unconfirmed == ["Marketplace listing edits"]
    path = saved(tmp_path, document)
    _, html, _ = run(capsys, "quote", str(path), "--format", "html")
    assert "<td>Marketplace listing edits</td>" + '<td class="num" align="right">$649.40*</td>' in html
    assert "* priced from an unconfirmed rule: see Notes and warnings." in html
    assert "* priced from an unconfirmed rule in Marketplace listing edits" in html
    _, md, _ = run(capsys, "quote", str(path), "--format", "md")
    assert "| Marketplace listing edits | $649.40\\* |" in md
    _, text, _ = run(capsys, "budget", str(path))
    assert "$649.40*" in text and "* priced from an unconfirmed rule" in text


def test_text_from_the_file_is_escaped_in_every_section_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = planned(list(PLAN_SECTIONS))
    hostile = '=HYPERLINK("http://x") <b>bold</b> | *star*'
    document.scenarios[0] = document.scenarios[0].model_copy(update={"name": hostile})
    path = saved(tmp_path, document)
    _, html, _ = run(capsys, "quote", str(path), "--format", "html")
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    _, md, _ = run(capsys, "quote", str(path), "--format", "md")
    budget = md.split("## Budget fit", 1)[1]
    assert "<b>" not in budget and "\\| \\*star\\*" in budget
    _, out, _ = run(capsys, "quote", str(path), "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    first = rows.index(["Budget fit"])
    named = [row for row in rows[first:] if row and "HYPERLINK" in row[0]]
    assert len(named) == 2 and all(row[0] == "'" + hostile for row in named)  # budget, limits: never a formula
    _, js, _ = run(capsys, "quote", str(path), "--format", "json")
    assert json.loads(js)["budget_fit"]["scenarios"][0]["name"] == hostile  # data as it is, JSON-quoted


def test_a_plan_without_a_budget_says_so() -> None:
    estimates = [estimate(s) for s in planned().scenarios]
    [section] = plan_sections(["budget"], PlanSettings(), estimates, today=dt.date(2026, 12, 1))
    assert section.paragraphs[0].startswith("No monthly budget is set")
    assert not section.tables and section.data == {"monthly_budget": None}


def test_a_plan_without_a_tier_assumes_tier_1_and_says_so() -> None:
    estimates = [estimate(s) for s in planned().scenarios]
    [section] = plan_sections(["rate-limits"], PlanSettings(), estimates, today=dt.date(2026, 12, 1))
    assert section.paragraphs[0].startswith("Usage tier: Tier 1 (the plan names none")
    assert section.data["usage_tier"] == "1"


# -- the file ------------------------------------------------------------------------------------


def test_the_chosen_sections_are_saved_and_reopened(tmp_path: Path) -> None:
    path = saved(tmp_path, planned(["growth", "rate-limits"]))
    assert "plan_sections:\n  - rate-limits\n  - growth\n" in path.read_text(encoding="utf-8")  # print order
    reopened = scenario_file.load(path)
    assert reopened.quote.plan_sections == ["rate-limits", "growth"]
    assert reopened.quote == planned(["rate-limits", "growth"]).quote


def test_older_files_open_with_no_plan_section() -> None:
    current = scenario_file.loads("version: 1\nquote:\n  title: T\nscenarios: []\n")
    assert current.quote.plan_sections == []
    draft = scenario_file.loads("version: 0\ntitle: T\nscenarios: []\n")
    assert draft.quote.plan_sections == []
    assert "plan_sections" not in scenario_file.dumps(current)  # none included: not written


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("[budgte]", "unknown plan section 'budgte'; choose from budget, rate-limits, growth"),
        ("[budget, budget]", "plan section 'budget' is listed twice"),
        ("budget", "expected a list"),
    ],
)
def test_a_bad_plan_section_in_a_file_is_named_with_its_line(value: str, message: str) -> None:
    text = f"version: 1\nquote:\n  title: T\n  plan_sections: {value}\nscenarios: []\n"
    with pytest.raises(ScenarioFileError) as caught:
        scenario_file.loads(text, path=Path("plan.yaml"))
    assert str(caught.value).startswith("plan.yaml, line 4, field quote.plan_sections: " + message)


def test_an_unknown_section_on_the_command_line_names_the_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = saved(tmp_path, planned())
    code, out, err = run(capsys, "quote", str(path), "--include", "budget,growht")
    assert (code, out) == (2, "")
    assert err.startswith("error: argument --include: unknown plan section 'growht' (choose from budget, ")
    assert "Traceback" not in err


def test_sections_from_flags_use_a_plan_with_nothing_set(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["quote", "--model", "gpt-image-1", "--quality", "low", "--size", "1024x1024"]
    argv += ["--requests-per-month", "1000"]
    code, out, _ = run(capsys, *argv, "--include", "budget,growth", "--format", "md")
    assert code == 0
    assert "No monthly budget is set" in out and "## Growth projection" in out


def test_a_one_scenario_quote_names_it_in_the_growth_section() -> None:
    est = estimate(Scenario(model="gpt-image-1", quality="low", size="1024x1024", requests_per_month=10, name="Solo"))
    [section] = plan_sections(["growth"], PLAN, [est], today=dt.date(2026, 12, 1))
    assert section.paragraphs[0] == "Solo: 5% growth a month."
