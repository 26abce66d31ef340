"""The export formats of a quote, by name: one place the CLI and the window both call.

A new export format goes here: a member of :class:`ExportFormat` with its suffix
and label, and its renderer in ``_RENDERERS`` (PDF alone is laid out by the
window's Qt renderer, ``gui.quote.files``).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from core.quote.csv import quote_csv
from core.quote.html import quote_html
from core.quote.json import quote_json
from core.quote.markdown import quote_markdown
from core.quote.quote import Quote


class ExportFormat(StrEnum):
    """A quote export; the value is the name ``--format`` takes."""

    PDF = "pdf"
    HTML = "html"
    MD = "md"
    CSV = "csv"
    JSON = "json"

    @property
    def suffix(self) -> str:
        return _FILES[self][0]

    @property
    def label(self) -> str:
        """What file dialogs call it."""
        return _FILES[self][1]


_FILES: dict[ExportFormat, tuple[str, str]] = {
    ExportFormat.PDF: (".pdf", "PDF document"),
    ExportFormat.HTML: (".html", "HTML page"),
    ExportFormat.MD: (".md", "Markdown"),
    ExportFormat.CSV: (".csv", "CSV spreadsheet"),
    ExportFormat.JSON: (".json", "JSON data"),
}
_ALIASES = {".htm": ExportFormat.HTML, ".markdown": ExportFormat.MD}

_RENDERERS: dict[ExportFormat, Callable[[Quote], str]] = {
    ExportFormat.HTML: quote_html,
    ExportFormat.MD: quote_markdown,
    ExportFormat.CSV: quote_csv,
    ExportFormat.JSON: quote_json,
}
#: The formats that are text (every one but PDF).
TEXT_FORMATS = frozenset(_RENDERERS)


def render_text(quote: Quote, fmt: ExportFormat) -> str:
    """The quote in a text format: html, md, csv or json (PDF is not text: ``gui.quote.files``)."""
    if fmt not in _RENDERERS:
        raise ValueError(f"{fmt} is not a text format")
    return _RENDERERS[fmt](quote)


def format_for_suffix(suffix: str) -> ExportFormat | None:
    """'.PDF' -> PDF; '.markdown' -> MD; None when the suffix is no export format."""
    suffix = suffix.lower()
    for fmt in ExportFormat:
        if suffix == fmt.suffix:
            return fmt
    return _ALIASES.get(suffix)
