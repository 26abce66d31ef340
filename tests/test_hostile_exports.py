"""Issue 17: text from a scenario file or a price sheet comes out of every export as inert text."""

from __future__ import annotations

import csv
import html
import io

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
