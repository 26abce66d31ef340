"""Citations for the sources the price sheets name: who published each, its title, its address, when checked.

A bundled sheet names a source by an id (the file name of the dated copy its rows were read
from, e.g. ``002_2e706aebf607431d.txt``); a person cannot look that up. The citations are data
beside the sheets (``pricing/sources/citations.yaml``), and every view and export shows a
citation through :func:`source_label` (short, for tables) or :func:`source_citation` (in
full), never the id. A source no citation names (a person's own sheet, whose ``source:`` is free
text such as "ACME agreement 2027-01") is shown as its own text; each renderer escapes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from core.errors import PriceSheetError
from core.files.yamlio import load_yaml
from core.validation import describe_validation_error

#: Where the citations live inside the ``pricing`` package.
CITATIONS_PATH = Path("sources/citations.yaml")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(_Strict):
    """One source as a reader can follow it up."""

    #: The id the sheets use in ``source:``.
    id: str = Field(min_length=1)
    #: A short name for tables and one-line mentions: "OpenAI pricing page".
    label: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    title: str = Field(min_length=1)
    #: Only where the source names one.
    url: str | None = Field(default=None, pattern=r"^https://\S+$")
    checked: date
    note: str | None = None

    @property
    def text(self) -> str:
        """'OpenAI, "GPT Image 1 model page ...", https://platform.openai.com/docs/models, checked 2026-11-23'."""
        parts = [self.publisher, f"\u201c{self.title}\u201d"]
        if self.url:
            parts.append(self.url)
        return ", ".join([*parts, f"checked {self.checked.isoformat()}"])


class Citations(_Strict):
    citations: str
    sources: tuple[Citation, ...] = Field(min_length=1)


def loads_citations(text: str, *, path: Path = CITATIONS_PATH) -> dict[str, Citation]:
    """The citations in TEXT by id; a clear message naming the file and field when one is wrong."""
    data = load_yaml(text, path=path)
    try:
        table = Citations.model_validate(data)
    except ValidationError as exc:
        message, field = describe_validation_error(exc)
        raise PriceSheetError(message, field=field, path=path) from None
    by_id: dict[str, Citation] = {}
    for citation in table.sources:
        if citation.id in by_id:
            raise PriceSheetError(f"the source '{citation.id}' is cited twice", field="sources", path=path)
        by_id[citation.id] = citation
    return by_id


@cache
def bundled_citations() -> dict[str, Citation]:
    """The citations shipped beside the bundled sheets, read once."""
    item = resources.files("pricing").joinpath(*CITATIONS_PATH.parts)
    return loads_citations(item.read_text(encoding="utf-8"))


def citation(source: str) -> Citation | None:
    """The citation of a sheet's SOURCE id, or None for a source no citation names (a person's own text)."""
    return bundled_citations().get(source)


def source_label(source: str) -> str:
    """A source in a table or a line: its citation's short label, or the person's own text as written."""
    found = citation(source)
    return found.label if found else source


def source_citation(source: str) -> str:
    """A source in full (publisher, title, address, date checked), or the person's own text as written."""
    found = citation(source)
    return found.text if found else source


def cited(sources: Iterable[str]) -> list[Citation | str]:
    """Every source once, in order of first use: its citation, or a person's own text as written."""
    return list(dict.fromkeys(citation(s) or s for s in sources if s))


def source_citations(sources: Iterable[str]) -> list[str]:
    """Every source in full, once each, in order of first use (the sources section of a quote)."""
    return list(dict.fromkeys(c.text if isinstance(c, Citation) else c for c in cited(sources)))
