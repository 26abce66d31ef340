"""Price sheets: their pydantic schema and the catalog built from them.

Sheets are YAML data in the ``pricing`` package, read through
``importlib.resources`` so they are found the same way from a checkout, a wheel
and a frozen executable. Every rate row carries its source and checked date.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from core.errors import (
    ImageCostError,
    InvalidOptionError,
    PriceSheetError,
    UnknownModelError,
    UnpricedError,
    reported_as,
)
from core.files.yaml_lines import line_of
from core.files.yamlio import load_yaml, read_text
from core.model.scenario import AUTO, RENAMED_MODEL_IDS
from core.model.sizes import Size, gpt_image_2_size_problem
from core.pricing.api_rules import ApiRules
from core.validation import field_loc, field_path, first_error, more_problems

RateName = Literal["text_in", "cached_text_in", "text_out", "image_in", "cached_image_in", "image_out"]
RATE_LABELS: dict[str, str] = {
    "text_in": "Text input",
    "cached_text_in": "Cached text input",
    "text_out": "Text output",
    "image_in": "Image input",
    "cached_image_in": "Cached image input",
    "image_out": "Image output",
}
#: No real price is near a million dollars (per image or per 1M tokens); the bound keeps
#: every product of prices and volumes far inside Decimal's range.
MAX_PRICE_USD = 1_000_000
Price = Annotated[Decimal, Field(ge=0, le=MAX_PRICE_USD, allow_inf_nan=False)]
#: Price sheets are small; a user's sheet over this is not a price sheet.
MAX_SHEET_BYTES = 4 * 1024 * 1024


#: The one rule id sheets use for gpt-image-2's size rules and output-token formula (pricing-facts.md);
#: the engine and the catalog compare against this, the schema below spells the same id.
RuleId = Literal["gpt-image-2"]
GPT_IMAGE_2_RULE: RuleId = "gpt-image-2"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Provenance(_Strict):
    """Where a figure comes from and when it was last checked."""

    source: str = Field(min_length=1)
    checked: date
    unconfirmed: bool = False
    note: str | None = None


class TokenRate(Provenance):
    usd_per_1m: Price


class PerImagePrice(Provenance):
    quality: str
    size: str
    usd: Price


class OutputTokenRow(_Strict):
    quality: str
    size: str
    tokens: int = Field(gt=0)


class OutputTokens(Provenance):
    """Output tokens per image: a documented table or a named formula."""

    formula: RuleId | None = None
    table: tuple[OutputTokenRow, ...] = ()

    @model_validator(mode="after")
    def _one_kind(self) -> OutputTokens:
        if (self.formula is None) == (not self.table):
            raise ValueError("give either 'formula' or 'table'")
        return self


class InputImageRule(Provenance):
    """How input images (edits, references) turn into tokens."""

    rule: Literal["tiles-512", "measured", "by-hand"]
    fidelity: Literal["choice", "high-only"] = "choice"
    measured_tokens: dict[str, int] = Field(default_factory=dict)


class Batch(Provenance):
    multiplier: Annotated[Decimal, Field(gt=0, le=1, allow_inf_nan=False)]


class Lifecycle(Provenance):
    status: Literal["active", "retired"] = "active"
    retired_on: date | None = None


class ModelEntry(_Strict):
    """One model row of a sheet, or an alias that points at another row."""

    id: str = Field(min_length=1)
    label: str
    alias_of: str | None = None
    qualities: tuple[str, ...] = ()
    unpriced_qualities: dict[str, str] = Field(default_factory=dict)
    sizes: tuple[str, ...] = ()
    custom_sizes: RuleId | None = None
    prompt_billing: Literal["tokens", "included"] = "tokens"
    lifecycle: Lifecycle | None = None
    token_rates: dict[RateName, TokenRate] = Field(default_factory=dict)
    batch: Batch | None = None
    output_tokens: OutputTokens | None = None
    input_images: InputImageRule | None = None
    per_image: tuple[PerImagePrice, ...] = ()
    #: What the API accepts for this model (n, auto, fidelity, edits, partial images, snapshots).
    api_rules: ApiRules | None = None
    # Provenance of an alias row.
    source: str | None = None
    checked: date | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _complete(self) -> ModelEntry:
        if self.alias_of is not None:
            if self.qualities or self.sizes or self.per_image or self.token_rates or self.api_rules:
                raise ValueError("an alias row holds no prices of its own; it points at 'alias_of'")
            if not self.source or not self.checked:
                raise ValueError("an alias row needs 'source' and 'checked'")
            return self
        if not self.qualities:
            raise ValueError("'qualities' is empty")
        if not self.sizes:
            raise ValueError("'sizes' is empty")
        if self.lifecycle is None:
            raise ValueError("'lifecycle' is missing")
        for size in self.sizes:
            Size.parse(size)
        for row in self.per_image:
            if row.quality not in self.qualities:
                raise ValueError(f"per_image row quality '{row.quality}' is not in 'qualities'")
        if not self.per_image and "image_out" not in self.token_rates:
            raise ValueError("the model has neither per-image prices nor an image_out rate")
        return self


class PriceSheet(_Strict):
    """One YAML price sheet (one provider or model family)."""

    sheet: str = Field(min_length=1)
    title: str
    provider: str
    currency: Literal["USD"] = "USD"
    checked: date
    #: Where the sheet's models come in lists (lower first).
    order: int = 100
    models: tuple[ModelEntry, ...] = Field(min_length=1)


class PricedModel:
    """A model as the engine sees it: aliases resolved, lookups indexed."""

    def __init__(
        self, entry: ModelEntry, sheet: PriceSheet, *, alias: ModelEntry | None = None, snapshot: str | None = None
    ):
        self.entry = entry
        self.sheet = sheet
        self.alias = alias
        #: The dated snapshot id this model was asked for (gpt-image-2-2026-04-21), else None.
        self.snapshot = snapshot
        self.id = snapshot or (alias.id if alias else entry.id)
        self.label = alias.label if alias else entry.label
        if snapshot:
            self.label = f"{entry.label} (snapshot {snapshot.removeprefix(entry.id + '-')})"
        self._per_image = {(row.quality, row.size): row for row in entry.per_image}
        table = entry.output_tokens.table if entry.output_tokens else ()
        self._tokens = {(row.quality, row.size): row.tokens for row in table}
        self._rates: dict[str, TokenRate] = {str(name): rate for name, rate in entry.token_rates.items()}

    @property
    def priced_as(self) -> str:
        """The model whose rows price this one (itself unless an alias)."""
        return self.entry.id

    @property
    def repeats(self) -> bool:
        """An alias or a snapshot: it prices exactly as another row, so lists of prices leave it out."""
        return self.alias is not None or self.snapshot is not None

    @property
    def rules(self) -> ApiRules | None:
        """What the API accepts for this model (None: the sheet gives no rules)."""
        return self.entry.api_rules

    @property
    def qualities(self) -> tuple[str, ...]:
        return self.entry.qualities

    @property
    def offered_qualities(self) -> tuple[str, ...]:
        """The qualities a request may name: the priced ones, and ``auto`` where the API takes it."""
        rules = self.rules
        return (*self.qualities, AUTO) if rules is not None and rules.auto_quality else self.qualities

    @property
    def auto_sizes(self) -> tuple[str, ...]:
        """The sizes ``size: auto`` may choose from; empty where the model takes no ``auto``."""
        return self.rules.auto_sizes if self.rules is not None else ()

    @property
    def sizes(self) -> tuple[str, ...]:
        return self.entry.sizes

    @property
    def lifecycle(self) -> Lifecycle:
        assert self.entry.lifecycle is not None  # checked by ModelEntry
        return self.entry.lifecycle

    def is_retired(self, today: date) -> bool:
        life = self.lifecycle
        return life.status == "retired" and (life.retired_on is None or life.retired_on <= today)

    def per_image_price(self, quality: str, size: str) -> PerImagePrice | None:
        return self._per_image.get((quality, size))

    def table_output_tokens(self, quality: str, size: str) -> int | None:
        return self._tokens.get((quality, size))

    def rate(self, name: str) -> TokenRate | None:
        return self._rates.get(name)

    def check_quality(self, quality: str) -> None:
        """Raise a clear error for a quality this model does not price."""
        if quality in self.offered_qualities:
            return
        if quality in self.entry.unpriced_qualities:
            raise UnpricedError(
                f"{self.id} quality '{quality}' is unpriced: {self.entry.unpriced_qualities[quality]}",
                field="quality",
                hint=f"choose one of {', '.join(self.qualities)}",
            )
        raise InvalidOptionError(
            f"{self.id} has no quality '{quality}'",
            field="quality",
            hint=f"choose one of {', '.join(self.offered_qualities)}",
        )

    def check_size(self, size_text: str) -> Size | None:
        """Parse and check a size against this model; the message names the broken rule.

        None for ``auto`` where the model chooses its size (priced as a range by the engine).
        """
        if size_text == AUTO:
            if self.auto_sizes:
                return None
            raise InvalidOptionError(
                f"{self.id} has no size 'auto' (the API lets only GPT Image models choose their size)",
                field="size",
                hint=f"choose one of {', '.join(self.sizes)}",
            )
        size = Size.parse(size_text)
        if self.entry.custom_sizes == GPT_IMAGE_2_RULE:
            problem = gpt_image_2_size_problem(size)
            if problem:
                raise InvalidOptionError(
                    f"{self.id} cannot make {size}: {problem}",
                    field="size",
                    hint="gpt-image-2 sizes need edges that are multiples of 16, the longest edge at most "
                    "3840 px, a ratio of at most 3:1 and 655,360 to 8,294,400 pixels",
                )
            return size
        if str(size) not in self.entry.sizes:
            raise InvalidOptionError(
                f"{self.id} has no size {size}",
                field="size",
                hint=f"choose one of {', '.join(self.sizes)}",
            )
        return size


class Catalog:
    """Every model of every loaded sheet, by id; later sheets override earlier ones."""

    def __init__(self, sheets: list[PriceSheet]):
        self.sheets = tuple(sheets)
        entries: dict[str, tuple[ModelEntry, PriceSheet]] = {}
        where: dict[str, int] = {}
        for sheet in sheets:
            seen: set[str] = set()
            for index, listed in enumerate(sheet.models):
                entry = listed
                if entry.id in seen:
                    raise PriceSheetError(
                        f"model '{entry.id}' is listed twice in sheet '{sheet.sheet}'", field=f"models[{index}].id"
                    )
                seen.add(entry.id)
                # A later sheet (a user's negotiated or newer price list) overrides an earlier one; what
                # the API accepts does not change with the price, so a row without rules keeps the earlier's.
                earlier = entries.get(entry.id)
                if listed.api_rules is None and earlier is not None and earlier[0].api_rules is not None:
                    entry = listed.model_copy(update={"api_rules": earlier[0].api_rules})
                entries[entry.id] = (entry, sheet)
                where[entry.id] = index
        models: dict[str, PricedModel] = {}
        for model_id, (entry, sheet) in entries.items():
            if entry.alias_of is None:
                models[model_id] = PricedModel(entry, sheet)
                for snapshot in entry.api_rules.snapshots if entry.api_rules else ():
                    if snapshot not in entries:  # a row of its own wins over a snapshot id
                        models[snapshot] = PricedModel(entry, sheet, snapshot=snapshot)
        for model_id, (entry, _sheet) in entries.items():
            if entry.alias_of is not None:
                target = models.get(entry.alias_of)
                if target is None:
                    raise PriceSheetError(
                        f"alias '{model_id}' points at unknown model '{entry.alias_of}'",
                        field=f"models[{where[model_id]}].alias_of",
                    )
                models[model_id] = PricedModel(target.entry, target.sheet, alias=entry)
        self._models = models

    def sheets_in_use(self) -> tuple[PriceSheet, ...]:
        """The sheets that price at least one model, in load order.

        A bundled sheet whose every model a person's sheet overrides prices nothing: naming it
        as in use would send the reader to prices that are not applied."""
        used = {id(model.sheet) for model in self._models.values()}
        return tuple(sheet for sheet in self.sheets if id(sheet) in used)

    @property
    def model_ids(self) -> tuple[str, ...]:
        return tuple(self._models)

    def models(self) -> tuple[PricedModel, ...]:
        return tuple(self._models.values())

    def model(self, model_id: str) -> PricedModel:
        try:
            return self._models[model_id]
        except KeyError:
            renamed = RENAMED_MODEL_IDS.get(model_id)
            if renamed in self._models:
                raise UnknownModelError(
                    f"unknown model '{model_id}': the API's id for it is '{renamed}'",
                    field="model",
                    hint=f"use {renamed}",
                ) from None
            raise UnknownModelError(
                f"unknown model '{model_id}'",
                field="model",
                hint=f"choose one of {', '.join(self._models)}",
            ) from None

    @cached_property
    def checked(self) -> date:
        """The newest sheet-level checked date."""
        return max(sheet.checked for sheet in self.sheets)


def parse_sheet(data: Any, *, path: Path | None = None, text: str | None = None) -> PriceSheet:
    """Validate loaded YAML as a price sheet, naming the field (and, given TEXT, the line) that fails."""
    if not isinstance(data, dict):
        raise PriceSheetError("a price sheet must be a mapping with 'sheet' and 'models'", path=path, line=1)
    try:
        return PriceSheet.model_validate(data)
    except ValidationError as exc:
        message, loc = first_error(exc)
        line = line_of(text, loc) if text is not None else None
        raise PriceSheetError(
            message + more_problems(exc), field=field_path(loc) or None, path=path, line=line
        ) from None


def sheet_error_line(error: ImageCostError, text: str) -> int | None:
    """The line of ERROR's field in the sheet TEXT (for errors raised by :class:`Catalog`)."""
    return line_of(text, field_loc(error.field)) if error.field else None


def loads_sheet(text: str, *, path: Path | None = None) -> PriceSheet:
    """A price sheet from YAML text; every failure is a :class:`PriceSheetError` with file and line."""
    with reported_as(PriceSheetError):
        data = load_yaml(text, path=path)
    return parse_sheet(data, path=path, text=text)


def read_sheet_text(path: Path) -> str:
    """The text of a sheet file, refused early if huge, binary or not UTF-8."""
    with reported_as(PriceSheetError):
        return read_text(path, what="price sheet", max_bytes=MAX_SHEET_BYTES)


def load_sheet_file(path: Path) -> PriceSheet:
    """A user's price sheet from disk; nothing on disk changes."""
    return loads_sheet(read_sheet_text(path), path=path)


def bundled_sheets() -> list[PriceSheet]:
    """The read-only sheets shipped in the ``pricing`` package."""
    sheets = []
    for item in resources.files("pricing").iterdir():
        if item.name.endswith(".yaml"):
            sheets.append(loads_sheet(item.read_text(encoding="utf-8"), path=Path(item.name)))
    return sorted(sheets, key=lambda sheet: (sheet.order, sheet.sheet))


@cache
def default_catalog() -> Catalog:
    """The bundled catalog, loaded once per process."""
    return Catalog(bundled_sheets())
