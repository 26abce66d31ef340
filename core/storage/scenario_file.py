"""Scenario files: the YAML document people save, reopen and send to colleagues.

Loading refuses anything unsafe or wrong with a message naming the file, line
and field; saving goes through a temporary file and an atomic replace, so a
failed save never leaves half a file (:mod:`core.files.atomic`, for the window too).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from core.errors import ImageCostError, ScenarioFileError, reported_as
from core.files.atomic import atomic_write_text, clean_stale_temps
from core.files.disk_state import DiskState
from core.files.yaml_compose import ItemHook
from core.files.yaml_lines import line_of
from core.files.yamlio import decode_text, dump_yaml, load_yaml, read_bytes_and_stat
from core.model.plan_settings import PlanSettings
from core.model.quote_header import QuoteHeader
from core.model.scenario import Scenario
from core.storage.migrate import (
    OLDEST_VERSION,
    V0_SCENARIO_RENAMES,
    Migrated,
    MigrationError,
    rename_model_ids,
    summary,
    upgrade,
)
from core.validation import field_loc, field_path, first_error, more_problems

#: The file format version this app writes and reads.
FORMAT_VERSION = 1
SUFFIXES = (".yaml", ".yml")
#: What a new file's name ends in (the desktop file type opens it on a double-click).
NEW_FILE_SUFFIX = ".imagecost.yaml"

#: What loading runs on every scenario after the format checks, e.g. the pricing engine's
#: ``check_scenario`` (model, quality and size known to the catalog). It raises
#: :class:`ImageCostError` naming the field; the loader adds the file's line. Passed in,
#: so the file format does not depend on pricing.
ScenarioCheck = Callable[[Scenario], object]


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


def _missing_version(path: Path | None) -> ScenarioFileError:
    return ScenarioFileError(
        "required key 'version' is missing", path=path, line=1, hint=f"add 'version: {FORMAT_VERSION}' at the top"
    )


def _checked_version(data: dict[str, Any], *, path: Path | None, text: str | None) -> int:
    """The file's format version, refused with its line unless this app reads it."""
    version = data.get("version")
    if version is None:
        raise _missing_version(path)
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
    return version


def parse_scenario_data(
    data: Any, *, path: Path | None = None, text: str | None = None, check: ScenarioCheck | None = None
) -> ScenarioFile:
    """Validate loaded YAML as a scenario file, then run ``check`` on every scenario."""
    if data is None:
        raise ScenarioFileError("the file is empty", path=path, hint="a scenario file starts with 'version: 1'")
    if not isinstance(data, dict):
        raise ScenarioFileError("a scenario file must be a mapping with 'version' and 'scenarios'", path=path, line=1)
    version = _checked_version(data, path=path, text=text)
    migrated: Migrated | None = None
    if version < FORMAT_VERSION:
        try:
            migrated = upgrade(data, version, FORMAT_VERSION)
        except MigrationError as exc:
            raise _error(exc.message, path=path, text=text, loc=exc.loc, hint=exc.hint) from None
    renamed = rename_model_ids(data)

    def at(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
        return migrated.file_loc(loc) if migrated is not None else loc

    try:
        document = ScenarioFile.model_validate(data)
    except ValidationError as exc:
        message, loc = first_error(exc)
        raise _error(message + more_problems(exc), path=path, text=text, loc=at(loc)) from None
    notes: list[str] = []
    for index, as_written in enumerate(document.scenarios):
        scenario, note = as_written.with_last_stage_settings()
        if note is not None:
            document.scenarios[index] = scenario
            notes.append(note)
    if check is not None:
        _check_each(document, check, path=path, text=text, at=at)
    if migrated is not None:
        notes.insert(0, summary(migrated, FORMAT_VERSION))
    document._load_notes = (*notes, *renamed)
    return document


def _check_each(
    document: ScenarioFile,
    check: ScenarioCheck,
    *,
    path: Path | None,
    text: str | None,
    at: Callable[[tuple[int | str, ...]], tuple[int | str, ...]],
) -> None:
    """Run CHECK on every scenario; its error is reported with the scenario's name and its line in the file."""
    for index, scenario in enumerate(document.scenarios):
        try:
            check(scenario)
        except ImageCostError as exc:
            where: tuple[int | str, ...] = ("scenarios", index, *field_loc(exc.field or ""))
            raise _error(
                f"scenario '{scenario.name}': {exc.message}", path=path, text=text, loc=at(where), hint=exc.hint
            ) from None


#: A top-level 'scenarios:' line: the text is meant as a scenario file.
_SCENARIOS_LINE = re.compile(r"^scenarios:", re.MULTILINE)
#: A top-level 'version: N' line (block style, at the start of a line), wherever it stands in the file.
_VERSION_LINE = re.compile(r"^version:[ \t]*([0-9]+)[ \t]*(?:#[^\n]*)?$", re.MULTILINE)


def _as_current(item: dict[Any, Any]) -> dict[Any, Any]:
    """A format version 0 scenario with its keys under their current names."""
    return {V0_SCENARIO_RENAMES.get(key, key): value for key, value in item.items()}


def _valid_in_some_format(item: Any) -> bool:
    """Whether ITEM is a valid scenario as written now or as version 0 wrote it."""
    for candidate in (item, _as_current(item) if isinstance(item, dict) else item):
        try:
            Scenario.model_validate(candidate)
        except ValidationError:
            continue
        return True
    return False


def _scenario_checker(path: Path | None, text: str) -> ItemHook:
    """Validate each scenario as it is read, so a bad file stops at its first bad scenario.

    Without this a file of a million bad scenarios was read whole and gave a million errors
    (issue 17). A format version 0 scenario is checked with its keys under their current names.
    A file whose 'version' comes after its scenarios is checked as read too: under that version
    when it is a block-style line, else a scenario valid in neither format stops the read.
    """
    old_names = {new: old for old, new in V0_SCENARIO_RENAMES.items()}
    # A block-style 'version:' line written after the scenarios is known before they are read, so
    # they are checked as read too (the whole file is validated again once read, version included).
    written = _VERSION_LINE.search(text)
    later_version = int(written[1]) if written else None

    def check(index: int, item: Any, before: dict[Any, Any]) -> Any:
        version = before.get("version", later_version)
        if type(version) is int and version not in (0, FORMAT_VERSION):
            return item  # refused as a whole once read (newer or unknown format)
        if version is None and _valid_in_some_format(item):
            return item  # the version is not known yet: a scenario of either format may pass
        candidate = item
        if version == 0 and isinstance(item, dict):
            candidate = _as_current(item)
        try:
            Scenario.model_validate(candidate)
        except ValidationError as exc:
            message, loc = first_error(exc)
            if version == 0 and loc and loc[0] in old_names and old_names[str(loc[0])] in item:
                loc = (old_names[str(loc[0])], *loc[1:])  # the key as the file writes it
            raise _error(message + more_problems(exc), path=path, text=text, loc=("scenarios", index, *loc)) from None
        return item  # as written: renames and migrations work on the data, then the file is validated whole

    return check


def loads(text: str, *, path: Path | None = None, check: ScenarioCheck | None = None) -> ScenarioFile:
    """Parse scenario-file text."""
    if "version" not in text and _SCENARIOS_LINE.search(text):
        # A scenario file, and no 'version' key can be in it (block or flow): say so at once, before
        # a big file is read.
        raise _missing_version(path)
    with reported_as(ScenarioFileError):
        data = load_yaml(text, path=path, item_key="scenarios", on_item=_scenario_checker(path, text))
    return parse_scenario_data(data, path=path, text=text, check=check)


def load(path: Path, *, check: ScenarioCheck | None = None) -> ScenarioFile:
    """Read and check a scenario file from disk; it is not changed (stale temporaries beside it are removed)."""
    return load_with_state(path, check=check)[0]


def load_with_state(path: Path, *, check: ScenarioCheck | None = None) -> tuple[ScenarioFile, DiskState]:
    """The document and the state of the file as read: one read, after the type and size checks.

    The hash is of the bytes parsed, so a later save can tell whether the file still holds them.
    """
    with reported_as(ScenarioFileError):
        raw, info = read_bytes_and_stat(path, what="scenario file")
        text = decode_text(raw, path=path, what="scenario file")
    clean_stale_temps(path)  # what a killed save of this file left behind
    return loads(text, path=path, check=check), DiskState.of_read(raw, info)


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
