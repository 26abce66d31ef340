"""The text export formats of a quote, by name: one place the CLI and the window both call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from core.quote.csv import quote_csv
from core.quote.html import quote_html
from core.quote.json import quote_json
from core.quote.markdown import quote_markdown
from core.quote.quote import Quote

TextFormat = Literal["html", "md", "csv", "json"]
ExportFormat = Literal["pdf", "html", "md", "csv", "json"]

#: Format name -> (file suffix, label for file dialogs).
FORMATS: dict[str, tuple[str, str]] = {
    "pdf": (".pdf", "PDF document"),
    "html": (".html", "HTML page"),
    "md": (".md", "Markdown"),
    "csv": (".csv", "CSV spreadsheet"),
    "json": (".json", "JSON data"),
}


_RENDERERS: dict[str, Callable[[Quote], str]] = {
    "html": quote_html,
    "md": quote_markdown,
    "csv": quote_csv,
    "json": quote_json,
}


def render_text(quote: Quote, fmt: TextFormat) -> str:
    """The quote in a text format: html, md, csv or json."""
    return _RENDERERS[fmt](quote)


def format_for_suffix(suffix: str) -> ExportFormat | None:
    """'.PDF' -> 'pdf'; '.markdown' -> 'md'; None when the suffix is no export format."""
    suffix = suffix.lower()
    aliases: dict[str, ExportFormat] = {".htm": "html", ".markdown": "md"}
    for name, (known, _) in FORMATS.items():
        if suffix == known:
            return name  # type: ignore[return-value]
    return aliases.get(suffix)
