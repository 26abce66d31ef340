"""Issue 14 item 7: every source is shown as a citation a person can follow, never as a seed file name."""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QPlainTextEdit, QTextEdit, QWidget
from pytestqt.qtbot import QtBot

from core.errors import PriceSheetError
from core.files.yamlio import load_yaml
from core.model.quote_header import QuoteHeader
from core.model.scenario import Scenario
from core.pricing.sources import bundled_citations, loads_citations, source_citation, source_label
from core.quote.export import ExportFormat, render_text
from core.quote.quote import build_quote, quote_from_file
from gui.window.main_window import MainWindow
from tests.conftest import EXAMPLES
from tests.quote_fixtures import TODAY, example_document
from tests.test_cli import run
from tests.test_hostile_exports import hostile_quote

#: A seed copy's file name (``002_2e706aebf607431d.txt``) or the notes file: ids, never shown.
RAW_ID = re.compile(r"\d{3}_[0-9a-f]{16}\.txt|pricing-facts\.md")


def _sources_in(data: Any) -> Iterator[str]:
    """Every value of a ``source`` key anywhere in a sheet."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "source" and isinstance(value, str):
                yield value
            else:
                yield from _sources_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from _sources_in(value)


def _bundled_sheet_files() -> list[Any]:
    pricing = resources.files("pricing")
    files = [item for item in pricing.iterdir() if item.name.endswith(".yaml")]
    files += [item for item in pricing.joinpath("limits").iterdir() if item.name.endswith(".yaml")]
    return files


def test_every_source_in_every_bundled_sheet_has_a_citation() -> None:
    citations = bundled_citations()
    files = _bundled_sheet_files()
    assert {f.name for f in files} >= {"openai-gpt-image.yaml", "openai-dall-e.yaml", "openai-rate-limits.yaml"}
    named = set()
    for item in files:
        sources = set(_sources_in(load_yaml(item.read_text(encoding="utf-8"), path=Path(item.name))))
        assert sources, item.name
        missing = sources - set(citations)
        assert not missing, f"{item.name} names sources with no citation: {sorted(missing)}"
        named |= sources
    # The two seeds the sheets name only in notes (the same rate, another copy) are cited too.
    assert set(citations) - named == {"001_fa01b0b02024ba60.txt", "004_e4ee6e654f48cf11.txt"}


def test_a_citation_names_publisher_title_address_and_date() -> None:
    pricing_page = bundled_citations()["000_6af9bded465e01ae.txt"]
    assert pricing_page.text.startswith("OpenAI, \u201cOpenAI Platform: Pricing")
    assert pricing_page.text.endswith(", https://platform.openai.com/docs/pricing, checked 2026-11-23")
    assert source_label("000_6af9bded465e01ae.txt") == "OpenAI pricing page"
    # A guide that names no address of its own is cited without one, with the date it was checked.
    guide = source_citation("002_2e706aebf607431d.txt")
    assert guide.startswith("Flatkey, ") and guide.endswith("checked 2026-06-11") and "http" not in guide
    for citation in bundled_citations().values():
        assert citation.publisher and citation.title and not RAW_ID.search(citation.text)


def test_a_person_s_own_source_is_its_own_text() -> None:
    assert source_label("ACME agreement 2027-01") == "ACME agreement 2027-01"
    assert source_citation("ACME agreement 2027-01") == "ACME agreement 2027-01"


def test_a_broken_citations_file_says_what_is_wrong_and_where() -> None:
    text = "citations: x\nsources:\n  - {id: a, label: A, publisher: P, checked: 2026-01-01}\n"
    with pytest.raises(PriceSheetError) as caught:
        loads_citations(text, path=Path("citations.yaml"))
    assert "title" in str(caught.value) and "citations.yaml" in str(caught.value)
    twice = "citations: x\nsources:\n" + "  - {id: a, label: A, publisher: P, title: T, checked: 2026-01-01}\n" * 2
    with pytest.raises(PriceSheetError, match="the source 'a' is cited twice"):
        loads_citations(twice)


@pytest.mark.parametrize("fmt", sorted(set(ExportFormat) - {ExportFormat.PDF}))
def test_no_export_format_shows_a_seed_file_name(fmt: ExportFormat) -> None:
    quote = quote_from_file(example_document(), today=TODAY)
    assert set(quote.sources) & set(bundled_citations())  # the example is priced from cited seeds
    text = render_text(quote, fmt)
    assert not RAW_ID.search(text)
    shown = html.unescape(re.sub(r"<[^>]+>", "", text)) if fmt is ExportFormat.HTML else text
    if fmt is ExportFormat.HTML:  # the address is a link a reader can follow
        assert '<a href="https://platform.openai.com/docs/pricing">https://platform.openai.com/docs/pricing</a>' in text
    if fmt is ExportFormat.JSON:
        shown = json.dumps(json.loads(text), ensure_ascii=False)
    # The sources section (and the JSON's sources) cite every source in full.
    for source in quote.sources:
        assert bundled_citations()[source].text in shown


def test_the_pdf_lists_the_sources_in_full(qapp: object) -> None:
    from gui.quote.printing import pdf_bytes
    from tests.test_quote_pdf import pdf_text

    quote = quote_from_file(example_document(), today=TODAY)
    data = pdf_bytes(quote)
    text = " ".join(pdf_text(data))
    assert not RAW_ID.search(text)
    assert "https://platform.openai.com/docs/pricing" in text and "Flatkey" in text
    # The address is a link in the PDF too.
    links = [
        annotation.get_object()["/A"].get("/URI")
        for page in PdfReader(io.BytesIO(data)).pages
        for annotation in page.get("/Annots") or []
    ]
    assert "https://platform.openai.com/docs/pricing" in links


def test_a_user_sheet_s_source_is_plain_text_escaped_in_every_format() -> None:
    attack = "<b>ACME</b> & [deal](javascript:x)"
    quote = hostile_quote(attack)
    rendered = render_text(quote, ExportFormat.HTML)
    assert "&lt;b&gt;ACME&lt;/b&gt; &amp; [deal](javascript:x)" in rendered and "<b>ACME" not in rendered
    markdown = render_text(quote, ExportFormat.MD)
    assert "<b>ACME" not in markdown
    assert json.loads(render_text(quote, ExportFormat.JSON))["scenarios"][0]["sources"] == [attack]


@pytest.mark.parametrize(
    "args",
    [
        ["quote", "--model", "gpt-image-2", "--quality", "medium", "--size", "1024x1024", "--requests-per-month", "9"],
        ["quote", str(EXAMPLES / "example.yaml")],
        ["quote", str(EXAMPLES / "example.yaml"), "--format", "json"],
        ["prices"],
        ["prices", "--format", "json"],
        ["limits", str(EXAMPLES / "example.yaml")],
        ["table"],
        ["quote", str(EXAMPLES / "example.yaml"), "--format", "md"],
        ["quote", str(EXAMPLES / "example.yaml"), "--format", "csv"],
        ["reprice", str(EXAMPLES / "example.yaml"), "--price-sheet", str(EXAMPLES / "negotiated-2027.yaml")],
    ],
    ids=lambda args: " ".join(a if "/" not in a else Path(a).name for a in args),
)
def test_no_cli_output_shows_a_seed_file_name(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, out, err = run(capsys, *args)
    assert code == 0, err
    assert not RAW_ID.search(out + err)


def test_the_cli_cites_the_sources_it_names(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = run(capsys, "limits", str(EXAMPLES / "example.yaml"))
    assert "OpenAI, \u201cGPT Image 1 model page" in out and "https://platform.openai.com/docs/models" in out
    _code, out, _err = run(capsys, "prices")
    assert "OpenAI pricing page (2026-11-23)" in out  # the short label beside a row ...
    assert source_citation("000_6af9bded465e01ae.txt") in out  # ... and the citation in full below


def _texts(widget: QWidget) -> Iterator[str]:
    """Every piece of text a person can see or hover over in WIDGET and its children."""
    for child in [widget, *widget.findChildren(QWidget)]:
        yield child.toolTip()
        if isinstance(child, QLabel | QAbstractButton):
            yield child.text()
        if isinstance(child, QTextEdit | QPlainTextEdit):
            yield child.toPlainText()
        if isinstance(child, QAbstractItemView) and child.model() is not None:
            yield from _model_texts(child.model(), QModelIndex())


def _model_texts(model: Any, parent: QModelIndex) -> Iterator[str]:
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield value
        yield from _model_texts(model, model.index(row, 0, parent))


def test_no_pane_of_the_window_shows_a_seed_file_name(example_window: MainWindow, qtbot: QtBot) -> None:
    window = example_window
    tabs = window.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        qtbot.wait(1)
        for row in range(3):  # every scenario's breakdown and totals
            window.select_row(row)
            shown = [text for text in _texts(window) if text]
            raw = [text for text in shown if RAW_ID.search(text)]
            assert not raw, f"tab {tabs.tabText(index)!r} shows {raw[:3]}"
    everything = "\n".join(_texts(window))
    assert "OpenAI, \u201cOpenAI Platform: Pricing" in everything  # the totals pane cites in full
    assert "https://platform.openai.com/docs/models" in everything  # the Rate limits tab's source


def test_a_quote_priced_from_one_sheet_lists_only_its_sources() -> None:
    mini = Scenario(name="Mini", model="gpt-image-1-mini", quality="low", size="1024x1024", requests_per_month=9)
    quote = build_quote(QuoteHeader(), [mini])
    markdown = render_text(quote, ExportFormat.MD)
    sources = markdown.split("Sources:")[1]
    assert "- OpenAI, \u201cOpenAI Platform: Pricing" in sources
    assert "ChatGPTImages" not in sources


@pytest.mark.parametrize("fmt", ["table", "html", "md", "csv", "json"])
def test_a_quote_with_every_plan_section_shows_no_seed_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    from core.model.quote_header import PLAN_SECTIONS
    from core.storage import scenario_file
    from tests.test_plan_sections import planned

    path = tmp_path / "plan.yaml"
    scenario_file.save(planned(list(PLAN_SECTIONS)), path)
    code, out, err = run(capsys, "quote", str(path), "--format", fmt)
    assert (code, err) == (0, "")
    assert not RAW_ID.search(out)
    if fmt != "table":  # the rate-limit section cites the GPT Image 1 model page
        assert "platform.openai.com/docs/models" in out
