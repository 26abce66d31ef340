"""Scenario files: the YAML document people save, reopen and send to colleagues.

Loading refuses anything unsafe or wrong with a message naming the file, line
and field; saving goes through a temporary file and an atomic replace, so a
failed save never leaves half a file (the GUI uses QSaveFile for the same).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from core.atomic import atomic_write_text
from core.catalog import Catalog
from core.disk_state import DiskState
from core.engine import check_scenario
from core.errors import ImageCostError, ScenarioFileError
from core.migrate import OLDEST_VERSION, Migrated, MigrationError, summary, upgrade
from core.plan_settings import PlanSettings
from core.quote_header import QuoteHeader
from core.scenario import Scenario
from core.validation import field_path, first_error, more_problems
from core.yaml_compose import ItemHook
from core.yaml_lines import line_of
from core.yamlio import decode_text, dump_yaml, load_yaml, read_bytes_and_stat

#: The file format version this app writes and reads.
FORMAT_VERSION = 1
SUFFIXES = (".yaml", ".yml")


class ScenarioFile(BaseModel):
    """A saved set of scenarios and the quote details that go with them."""

    model_config = ConfigDict(extra="forbid")

    version: int = FORMAT_VERSION
    quote: QuoteHeader = Field(default_factory=QuoteHeader)
    scenarios: list[Scenario] = Field(default_factory=list)
    #: Budget, usage tier, peak window and growth (docs/scenario-format.md, "plan").
    plan: PlanSettings = Field(default_factory=PlanSettings)
    _load_notes: tuple[str, ...] = PrivateAttr(default=())

    @property
    def load_notes(self) -> tuple[str, ...]:
        """What loading changed, e.g. an older format brought up to date; never saved in the file."""
        return self._load_notes


def _error(
    message: str, *, path: Path | None, text: str | None, loc: tuple[int | str, ...], hint: str | None = None
) -> ScenarioFileError:
    line = line_of(text, loc) if text is not None else None
    return ScenarioFileError(message, path=path, line=line, field=field_path(loc) or None, hint=hint)


def parse_scenario_data(
    data: Any, *, path: Path | None = None, text: str | None = None, catalog: Catalog | None = None
) -> ScenarioFile:
    """Validate loaded YAML as a scenario file and check every scenario against the catalog."""
    if data is None:
        raise ScenarioFileError("the file is empty", path=path, hint="a scenario file starts with 'version: 1'")
    if not isinstance(data, dict):
        raise ScenarioFileError("a scenario file must be a mapping with 'version' and 'scenarios'", path=path, line=1)
    version = data.get("version")
    if version is None:
        raise _error(
            "required key 'version' is missing",
            path=path,
            text=text,
            loc=(),
            hint=f"add 'version: {FORMAT_VERSION}' at the top",
        )
    if type(version) is not int:
        raise _error(f"'version' must be a whole number, not {version!r}", path=path, text=text, loc=("version",))
    if version > FORMAT_VERSION:
        raise _error(
            f"the file is format version {version}, newer than this app reads (version {FORMAT_VERSION})",
            path=path,
            text=text,
            loc=("version",),
            hint="update Image Cost Calculator to open it",
        )
    if version < OLDEST_VERSION:
        raise _error(
            f"unknown format version {version}",
            path=path,
            text=text,
            loc=("version",),
            hint=f"this app reads versions {OLDEST_VERSION} to {FORMAT_VERSION}",
        )
    migrated: Migrated | None = None
    if version < FORMAT_VERSION:
        try:
            migrated = upgrade(data, version, FORMAT_VERSION)
        except MigrationError as exc:
            raise _error(exc.message, path=path, text=text, loc=exc.loc, hint=exc.hint) from None

    def at(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
        return migrated.file_loc(loc) if migrated is not None else loc

    try:
        document = ScenarioFile.model_validate(data)
    except ValidationError as exc:
        message, loc = first_error(exc)
        raise _error(message + more_problems(exc), path=path, text=text, loc=at(loc)) from None
    for index, scenario in enumerate(document.scenarios):
        try:
            check_scenario(scenario, catalog)
        except ImageCostError as exc:
            where: tuple[int | str, ...] = ("scenarios", index, *_field_loc(exc.field))
            raise _error(
                f"scenario '{scenario.name}': {exc.message}", path=path, text=text, loc=at(where), hint=exc.hint
            ) from None
    if migrated is not None:
        document._load_notes = (summary(migrated, FORMAT_VERSION),)
    return document


def _field_loc(field: str | None) -> tuple[int | str, ...]:
    """'stages[1].quality' -> ('stages', 1, 'quality'), so the error can name its line."""
    loc: list[int | str] = []
    for part in (field or "").replace("]", "").replace("[", ".").split("."):
        if part:
            loc.append(int(part) if part.isdigit() else part)
    return tuple(loc)


def _scenario_checker(path: Path | None, text: str) -> ItemHook:
    """Validate each scenario as it is read, so a bad file stops at its first bad scenario.

    Without this a file of a million bad scenarios was read whole and gave a million errors
    (issue 17). Only a current-format file, whose 'version' came first, is checked here; an
    older one is migrated and checked after reading.
    """

    def check(index: int, item: Any, before: dict[Any, Any]) -> Any:
        if before.get("version") != FORMAT_VERSION or type(before.get("version")) is not int:
            return item
        try:
            return Scenario.model_validate(item)
        except ValidationError as exc:
            message, loc = first_error(exc)
            raise _error(message + more_problems(exc), path=path, text=text, loc=("scenarios", index, *loc)) from None

    return check


def loads(text: str, *, path: Path | None = None, catalog: Catalog | None = None) -> ScenarioFile:
    """Parse scenario-file text."""
    try:
        data = load_yaml(text, path=path, item_key="scenarios", on_item=_scenario_checker(path, text))
    except ScenarioFileError:
        raise
    except ImageCostError as exc:
        raise ScenarioFileError(exc.message, path=exc.path, line=exc.line, hint=exc.hint) from None
    return parse_scenario_data(data, path=path, text=text, catalog=catalog)


def load(path: Path, *, catalog: Catalog | None = None) -> ScenarioFile:
    """Read and check a scenario file from disk; nothing on disk changes."""
    return load_with_state(path, catalog=catalog)[0]


def load_with_state(path: Path, *, catalog: Catalog | None = None) -> tuple[ScenarioFile, DiskState]:
    """The document and the state of the file as read: one read, after the type and size checks.

    The hash is of the bytes parsed, so a later save can tell whether the file still holds them.
    """
    try:
        raw, info = read_bytes_and_stat(path, what="scenario file")
        text = decode_text(raw, path=path, what="scenario file")
    except ScenarioFileError:
        raise
    except ImageCostError as exc:
        raise ScenarioFileError(exc.message, path=exc.path, line=exc.line, hint=exc.hint) from None
    return loads(text, path=path, catalog=catalog), DiskState.of_read(raw, info)


def to_data(document: ScenarioFile) -> dict[str, Any]:
    """Plain data for YAML: optional fields at their defaults are left out, so files stay short."""
    data: dict[str, Any] = {"version": FORMAT_VERSION}
    quote = document.quote.model_dump(mode="python", exclude_defaults=True)
    if quote:
        data["quote"] = quote
    data["scenarios"] = [_scenario_data(scenario) for scenario in document.scenarios]
    plan = document.plan.model_dump(mode="python", exclude_defaults=True)
    if plan:
        data["plan"] = plan
    return data


def _scenario_data(scenario: Scenario) -> dict[str, Any]:
    required = {"name", "model", "quality", "size", "requests_per_month"}
    full = scenario.model_dump(mode="python", exclude={"stages"})
    defaults = Scenario.model_fields
    data = {key: value for key, value in full.items() if key in required or value != defaults[key].default}
    if scenario.stages:
        # Stages keep 'share' even at 1, so a reader sees every stage's share of the requests.
        data["stages"] = [
            {**stage.model_dump(mode="python", exclude_defaults=True), "share": stage.share}
            for stage in scenario.stages
        ]
    if "priced_with" in data:
        data["priced_with"] = data.pop("priced_with")  # last: it describes the pricing, not the scenario
    return data


def dumps(document: ScenarioFile) -> str:
    """YAML text of a scenario file."""
    header = "# Image Cost Calculator scenario file (docs/scenario-format.md)\n"
    return header + dump_yaml(to_data(document))


def save(document: ScenarioFile, path: Path, *, backup: bool = True) -> None:
    """Write atomically; the previous version is kept beside it as FILE.yaml.bak."""
    atomic_write_text(path, dumps(document), backup=backup)
