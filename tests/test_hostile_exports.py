"""Issue 17: text from a scenario file or a price sheet comes out of every export as inert text."""

from __future__ import annotations

import csv
import html
import io
import json

from core.files.yamlio import dump_yaml
from core.model.quote_header import QuoteHeader
from core.model.scenario import Scenario
from core.pricing.catalog import Catalog, default_catalog, loads_sheet
from core.pricing.reprice import with_sheets
from core.quote.csv import FORMULA_STARTS, quote_csv
from core.quote.quote import Quote, build_quote

SIZE = "1024x1024"


def hostile_catalog(*, sheet: str, model: str, label: str, quality: str, source: str) -> Catalog:
    """The bundled catalog with one more sheet whose every text field is the caller's."""
    data = {
        "sheet": sheet,
        "title": label,
        "provider": "OpenAI",
        "checked": "2026-11-01",
        "models": [
            {
                "id": model,
                "label": label,
                "qualities": [quality],
                "sizes": [SIZE],
                "lifecycle": {"status": "active", "source": source, "checked": "2026-11-01"},
                "per_image": [
                    {"quality": quality, "size": SIZE, "usd": "0.004", "source": source, "checked": "2026-11-01"}
                ],
            }
        ],
    }
    text = dump_yaml(data).replace("usd: '0.004'", "usd: 0.004")
    return with_sheets(default_catalog(), loads_sheet(text))


def hostile_quote(text: str, *, header: QuoteHeader | None = None) -> Quote:
    """A quote whose scenario name, model, quality, sheet and sources are all TEXT (made to fit the fields)."""
    catalog = hostile_catalog(sheet=text, model=text, label=text, quality=text, source=text)
    scenario = Scenario(name=text, model=text, quality=text, size=SIZE, requests_per_month=5)
    return build_quote(header or QuoteHeader(), [scenario], catalog)


def assert_csv_inert(text: str) -> None:
    """No cell of the CSV starts (after spaces) with a character that makes a spreadsheet formula."""
    for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"))):
        for cell in row:
            assert not cell.lstrip(" ").startswith(FORMULA_STARTS), cell


def test_price_sheet_text_in_csv_cannot_run_as_a_formula() -> None:
    for attack in ("=cmd|' /C calc'!A0", '=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(1)", " =1+1"):
        assert_csv_inert(quote_csv(hostile_quote(attack)))


# Item 7: Markdown. The export is rendered by a CommonMark renderer (markdown-it-py, pinned in
# requirements.lock) and the HTML it makes must hold the hostile text as text only.
MD_ATTACKS = [
    "<script>alert(1)</script>",
    '<img src="/dev/zero" onerror=x>',
    "[click](javascript:alert(1))",
    "<iframe src=//evil>",
    "x\n## injected heading",
    "*bold* _em_ `code` ~~del~~ | pipe",
    "<https://evil.example>",
    "&lt;b&gt;entity",
]


def render_markdown(text: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


def assert_html_inert(rendered: str, *, headings: int) -> None:
    """Only the tags a quote's own Markdown makes, and only its own headings."""
    import re

    tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", rendered))
    assert tags <= {
        "h1",
        "h2",
        "h3",
        "p",
        "ul",
        "li",
        "strong",
        "em",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "br",
    }, tags
    assert rendered.count("<h2>") == headings
    assert "<em>" not in rendered.replace("<em>Prepared with", "")


def test_markdown_export_shows_html_and_markdown_in_file_text_as_text() -> None:
    from core.quote.markdown import quote_markdown

    for attack in MD_ATTACKS:
        header = QuoteHeader(
            title=attack, client=attack, prepared_by=attack, notes=attack + "\n# top\n- item\n    code"
        )
        scenario = Scenario(name=attack, model="gpt-image-1", quality="low", size=SIZE, requests_per_month=5)
        rendered = render_markdown(quote_markdown(build_quote(header, [scenario])))
        assert_html_inert(rendered, headings=3)  # Summary, the scenario, Prices and sources
        assert rendered.count("<h1>") == 1
        assert "<strong>" in rendered  # the quote's own bold labels still work
        first_line = attack.split("\n")[0]
        assert first_line in html.unescape(rendered)  # shown as typed


# Item 11: totals are exact sums, not rounded to decimal's default 28 digits.
def test_quote_totals_are_exact_sums_of_the_scenarios() -> None:
    from decimal import Decimal, localcontext

    from core.pricing.report import estimates_data

    big = Scenario(
        name="A",
        model="gpt-image-1",
        quality="high",
        size="1536x1024",
        requests_per_month=10**12,
        retry_multiplier=Decimal("1.0001"),
        prompt_tokens=9999,
        cached_prompt_share=Decimal("0.333333"),
    )
    small = Scenario(
        name="B",
        model="gpt-image-1",
        quality="low",
        size="1024x1024",
        requests_per_month=1,
        retry_multiplier=Decimal("1.0003"),
        prompt_tokens=7,
        cached_prompt_share=Decimal("0.123457"),
    )
    quote = build_quote(QuoteHeader(markup_percent=Decimal("12.5")), [big, small])
    monthly = [e.monthly for e in quote.estimates]
    exact = Decimal("287525012125.010910068781526125")
    assert monthly[0] + monthly[1] != exact  # the default context rounds this sum
    with localcontext(prec=100):
        assert monthly[0] + monthly[1] == exact
        assert quote.total_monthly == exact * Decimal("1.125")
    assert quote.cost_monthly == exact
    assert Decimal(estimates_data(list(quote.estimates))["total_monthly"]) == exact


# The property: text drawn from a hostile alphabet (HTML, Markdown, CSV formula starts, control
# characters, bidirectional overrides) is refused when it holds a control character, and otherwise
# comes out of every export as the text itself, never as markup, a formula or a terminal command.
from html.parser import HTMLParser  # noqa: E402

from hypothesis import HealthCheck, assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from pydantic import ValidationError  # noqa: E402

from core.errors import ImageCostError  # noqa: E402
from core.quote.export import ExportFormat, render_text  # noqa: E402
from core.validation import control_character_problem  # noqa: E402

HOSTILE_PIECES = [
    "<", ">", "&", '"', "'", "<script>", "</b>", "<img src=/dev/zero>", "<a href=x>", "&lt;", "&amp;", "<!--",
    "*", "_", "`", "#", "[", "](javascript:x)", "|", "~", "\\", "- ", "1. ", "> ", "---", "    ",
    "=", "+", "-", "@", "=cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\")", "\uff1d",
    "\x1b[2J", "\x1b]0;t\x07", "\r", "\x00", "\x7f", "\x9b", "\t",
    "\u202e", "\u202d", "\u2066", "\u2069", "\u200f", "a", "Z", "9", " ", "é", "\U0001f600",
]  # fmt: skip
hostile_text = st.lists(st.sampled_from(HOSTILE_PIECES), min_size=1, max_size=12).map("".join)


class _Structure(HTMLParser):
    """The tags and attributes of an HTML document, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(("/" + tag, ()))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _structure(html_text: str) -> _Structure:
    parser = _Structure()
    parser.feed(html_text)
    parser.close()
    return parser


def _quote_with(text: str) -> Quote | None:
    """A quote whose name, title, client, notes and sheet text are all TEXT; None if the models refuse it."""
    try:
        header = QuoteHeader(title=text, client=text, prepared_by=text, notes=text)
        return hostile_quote(text, header=header)
    except (ValidationError, ImageCostError):
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_text)
def test_hostile_text_is_refused_or_inert_in_every_export(text: str) -> None:
    from core.pricing.report import estimate_table
    from gui.cli import terminal_text

    quote = _quote_with(text)
    if control_character_problem(text) is not None:
        assert quote is None  # refused by the models, as by the loader
        return
    assume(quote is not None)  # other rules (length, blank names) refuse some texts too
    assume(text.strip())  # a blank title or client is left out, which changes the page, rightly
    assert quote is not None
    plain = _quote_with("x")
    assert plain is not None
    # HTML (and so the PDF, laid out from it): the same tags and attributes as for plain text.
    hostile_html = _structure(render_text(quote, ExportFormat.HTML))
    assert hostile_html.tags == _structure(render_text(plain, ExportFormat.HTML)).tags
    assert " ".join(text.split()) in " ".join("".join(hostile_html.text).split())
    # Markdown, as a CommonMark renderer draws it: the same structure as for plain text.
    rendered = _structure(render_markdown(render_text(quote, ExportFormat.MD)))
    expected = _structure(render_markdown(render_text(plain, ExportFormat.MD)))
    assert [tag for tag, _ in rendered.tags] == [tag for tag, _ in expected.tags]
    # CSV: no cell a spreadsheet would run; the name is the text, with at most an apostrophe in front.
    csv_text = render_text(quote, ExportFormat.CSV)
    assert_csv_inert(csv_text)
    first_row = next(csv.DictReader(io.StringIO(csv_text.removeprefix("\ufeff"))))
    assert first_row["scenario"] in (text, "'" + text)
    # JSON: the text back exactly.
    assert json.loads(render_text(quote, ExportFormat.JSON))["scenarios"][0]["name"] == text
    # The terminal: nothing it would act on.
    shown = terminal_text(estimate_table(quote.estimates[0]))
    assert not any(ch in shown for ch in "\x1b\x07\x9b\u202e\u202d\u2066\u2069")


def test_an_added_section_s_text_is_escaped_in_markdown_too() -> None:
    """Sections added to a quote (actual usage) name log files and scenarios: inert like the rest."""
    from core.quote.markdown import quote_markdown
    from core.sections import Section, SectionTable

    for attack in MD_ATTACKS:
        table = SectionTable(attack, ("Scenario", "Planned"), ((attack, "$1.00"),))
        section = Section("usage", attack, paragraphs=(attack,), tables=(table,), notes=(attack,))
        scenario = Scenario(name="A", model="gpt-image-1", quality="low", size=SIZE, requests_per_month=5)
        rendered = render_markdown(quote_markdown(build_quote(QuoteHeader(title="T"), [scenario], sections=[section])))
        assert_html_inert(rendered, headings=4)  # Summary, the scenario, the section, Prices and sources
        assert attack.split("\n")[0] in html.unescape(rendered)
