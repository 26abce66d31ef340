"""Older scenario-file formats, brought up to the current one with a note.

A file keeps its old format on disk until the person saves it: loading never
writes. Each step takes the loaded YAML data of one version and returns the
data of the next, plus the sentences that tell the person what changed. The
formats are described in docs/scenario-format.md ("Migration").

Version 0 is the draft format of the prototype: the quote details sat at the
top level (``title``, ``client``, ``prepared_by``, ``date``) and three scenario
keys had short names (``requests``, ``images``, ``retries``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.errors import ScenarioFileError
from core.model.scenario import RENAMED_MODEL_IDS
from core.validation import Loc, field_path

#: Version 0 top-level keys that now live under 'quote'.
V0_QUOTE_KEYS = ("title", "client", "prepared_by", "date")
#: Version 0 scenario keys and their version 1 names.
V0_SCENARIO_RENAMES = {
    "requests": "requests_per_month",
    "images": "images_per_request",
    "retries": "retry_multiplier",
}


class MigrationError(ScenarioFileError):
    """An old file that cannot be brought up to date (e.g. old and new key both given)."""

    def __init__(self, message: str, *, loc: Loc, hint: str | None = None) -> None:
        super().__init__(message, field=field_path(loc) or None, hint=hint)
        self.loc = loc


@dataclass
class Migrated:
    """The data in the current format, what changed, and where old keys were."""

    data: dict[str, Any]
    from_version: int
    notes: list[str] = field(default_factory=list)
    #: Current location -> location in the file as written, so errors still point at the right line.
    old_locs: dict[Loc, Loc] = field(default_factory=dict)

    def file_loc(self, loc: Loc) -> Loc:
        """Where LOC (current format) is written in the old file."""
        for length in range(len(loc), 0, -1):
            old = self.old_locs.get(loc[:length])
            if old is not None:
                return old + loc[length:]
        return loc


def _from_v0(migrated: Migrated) -> None:
    data = migrated.data
    moved = [key for key in V0_QUOTE_KEYS if key in data]
    if moved:
        quote = data.get("quote")
        if quote is None:
            quote = {}
        if not isinstance(quote, dict):
            raise MigrationError("'quote' must be a mapping", loc=("quote",))
        for key in moved:
            if key in quote:
                raise MigrationError(
                    f"'{key}' is given both at the top level (format version 0) and under 'quote'",
                    loc=(key,),
                    hint="keep one of them",
                )
            quote[key] = data.pop(key)
            migrated.old_locs[("quote", key)] = (key,)
        data["quote"] = quote
        migrated.notes.append(f"moved {', '.join(moved)} under 'quote'")
    scenarios = data.get("scenarios")
    renamed: dict[str, int] = {}
    if isinstance(scenarios, list):
        for index, scenario in enumerate(scenarios):
            if not isinstance(scenario, dict):
                continue  # validation names it
            for old, new in V0_SCENARIO_RENAMES.items():
                if old not in scenario:
                    continue
                if new in scenario:
                    raise MigrationError(
                        f"both '{old}' (format version 0) and '{new}' are given",
                        loc=("scenarios", index, old),
                        hint=f"keep '{new}'",
                    )
                # Rebuild in the same order so the saved file keeps the person's key order.
                items = [(new if key == old else key, value) for key, value in scenario.items()]
                scenario.clear()
                scenario.update(items)
                migrated.old_locs[("scenarios", index, new)] = ("scenarios", index, old)
                renamed[old] = renamed.get(old, 0) + 1
    for old, count in renamed.items():
        plural = "s" if count > 1 else ""
        migrated.notes.append(f"renamed '{old}' to '{V0_SCENARIO_RENAMES[old]}' in {count} scenario{plural}")


#: version -> the step that lifts data of that version to the next one.
STEPS: dict[int, Callable[[Migrated], None]] = {0: _from_v0}
OLDEST_VERSION = min(STEPS)


def upgrade(data: dict[str, Any], version: int, current: int) -> Migrated:
    """Lift DATA from VERSION to CURRENT, step by step; DATA is changed in place."""
    migrated = Migrated(data=data, from_version=version)
    for step in range(version, current):
        STEPS[step](migrated)
    data["version"] = current
    return migrated


def summary(migrated: Migrated, current: int) -> str:
    """One sentence for the window's status bar or the command line's stderr."""
    changes = "; ".join(migrated.notes) or "nothing needed changing"
    return (
        f"opened a format version {migrated.from_version} file and updated it to version {current} "
        f"({changes}); the file on disk is unchanged until you save"
    )


def rename_model_ids(data: dict[str, Any]) -> list[str]:
    """Rewrite model ids the API does not know for the ones it does (``RENAMED_MODEL_IDS``), in
    every scenario and stage of DATA, in place; return one note per id renamed, for the person.

    Any version of the format may hold them (the app wrote ``gpt-image-latest`` in version 1),
    so this runs on every file, not as a version step.
    """
    counts: dict[str, int] = {}
    scenarios = data.get("scenarios")
    for scenario in scenarios if isinstance(scenarios, list) else ():
        if not isinstance(scenario, dict):
            continue  # validation names it
        stages = scenario.get("stages")
        holders = [scenario]
        if isinstance(stages, list):
            holders += [stage for stage in stages if isinstance(stage, dict)]
        for holder in holders:
            old = holder.get("model")
            if isinstance(old, str) and old in RENAMED_MODEL_IDS:
                holder["model"] = RENAMED_MODEL_IDS[old]
                counts[old] = counts.get(old, 0) + 1
    return [
        f"model '{old}' is now '{RENAMED_MODEL_IDS[old]}', the API's id for it, in {count} "
        f"place{'s' if count > 1 else ''}; the file on disk is unchanged until you save"
        for old, count in counts.items()
    ]
