"""A part a quote can carry beyond its own figures (plan against actual usage), as plain text tables.

The quote's HTML (and so its PDF) and Markdown draw a section the same way, so the
quote need not know what made it: a producer such as ``core.actuals`` fills it,
and the JSON carries the producer's own exact data under its key. The CSV writes a
section as a block of its own below the line items, never in their summable columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from core.text_table import text_table


@dataclass(frozen=True, slots=True)
class SectionTable:
    """A captioned table of display text; the first column names the row."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: Columns of words, set left; the others are figures, set right.
    text_columns: frozenset[int] = frozenset({0})

    @classmethod
    def from_rows(cls, caption: str, rows: Sequence[Sequence[str]]) -> SectionTable:
        """A table from ROWS whose first row is its headers (the plain-text report's rows)."""
        return cls(caption, tuple(rows[0]), tuple(map(tuple, rows[1:])))


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of a quote: paragraphs, tables, notes, and exact data for JSON under KEY."""

    key: str
    title: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[SectionTable, ...] = ()
    notes: tuple[str, ...] = ()
    data: Any = field(default=None, compare=False)
    #: Bars of money for a chart after the tables (label, USD), and its title; none: no chart.
    chart: tuple[tuple[str, Decimal], ...] = ()
    chart_title: str = ""


def section_text(section: Section) -> str:
    """A section for the terminal (``imagecost-cli quote`` as a table): title, paragraphs, tables, notes."""
    out = [section.title, "=" * len(section.title), *section.paragraphs]
    for table in section.tables:
        out += ["", table.caption, *text_table([table.headers, *table.rows], left=table.text_columns)]
    if section.notes:
        out += ["", *section.notes]
    return "\n".join(out)
