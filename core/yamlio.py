"""Safe YAML in and out, shared by price sheets and scenario files.

Reading uses PyYAML's C ``CSafeLoader`` when it is built (pure-Python
``SafeLoader`` otherwise), so no tag can build an object. Before the fast load,
cheap checks refuse what could hurt: files over a size limit, binary or
non-UTF-8 bytes, alias bombs and nesting deep enough to crash the C composer.
Writing uses a ``SafeDumper`` subclass that knows Decimal and keeps key order.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from core.errors import ImageCostError
from core.money import exact_str

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

#: Largest file read at all; a 10,000-scenario file is about 3 MB.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Deepest nesting accepted; real files nest four levels.
MAX_DEPTH = 64
#: Below this many flow brackets a document cannot nest deeper than the C composer copes with.
_BRACKET_BUDGET = 2_000
#: Constructs that can nest without flow brackets: compact '- - -' or '? ? ?', or deep indentation.
_RISKY_NESTING = re.compile(r"[-?][ \t]+[-?](?:[ \t]|$)|^ {120,}", re.MULTILINE)


class Dumper(_BaseDumper):  # type: ignore[misc,valid-type]
    """Safe dumper that writes Decimal as plain numbers and never emits aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = exact_str(value)
    tag = "tag:yaml.org,2002:int" if "." not in text else "tag:yaml.org,2002:float"
    return dumper.represent_scalar(tag, text)


Dumper.add_representer(Decimal, _represent_decimal)


def dump_yaml(data: Any) -> str:
    """Block-style YAML text with the keys in the order given."""
    return yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)


def read_text(path: Path, *, what: str = "file", max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file, refusing huge, binary or mis-encoded ones early."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImageCostError(f"{what} does not exist", path=path) from None
    except OSError as exc:
        raise ImageCostError(f"cannot read {what}: {exc.strerror or exc}", path=path) from None
    if path.is_dir():
        raise ImageCostError(f"{what} is a folder, not a file", path=path)
    if size > max_bytes:
        raise ImageCostError(
            f"{what} is {size / 1_048_576:,.1f} MB, over the {max_bytes / 1_048_576:,.0f} MB limit",
            path=path,
            hint="this does not look like a scenario file",
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImageCostError(f"cannot read {what}: {exc.strerror or exc}", path=path) from None
    return decode_text(raw, path=path, what=what)


def decode_text(raw: bytes, *, path: Path | None = None, what: str = "file") -> str:
    """UTF-8 (with or without BOM) or a clear error naming the bad byte."""
    if b"\x00" in raw[:8192]:
        raise ImageCostError(f"{what} is binary data, not YAML text", path=path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ImageCostError(
            f"{what} is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            path=path,
            line=line,
            hint="save it as UTF-8",
        ) from None


def _mark_line(exc: yaml.YAMLError) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else None


def _check_events(text: str, path: Path | None) -> None:
    """Refuse aliases and deep nesting by walking parser events (iterative in C)."""
    depth = 0
    for event in yaml.parse(text, Loader=SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1 if event.start_mark else None
            raise ImageCostError(
                "YAML aliases (*name) are not allowed here",
                path=path,
                line=line,
                hint="write the value out in full",
            )
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark else None
                raise ImageCostError(f"the document nests deeper than {MAX_DEPTH} levels", path=path, line=line)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def load_yaml(text: str, *, path: Path | None = None) -> Any:
    """Parse YAML text safely; errors carry the file and line."""
    try:
        if "*" in text or text.count("[") + text.count("{") > _BRACKET_BUDGET or _RISKY_NESTING.search(text):
            _check_events(text, path)
        return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - SafeLoader/CSafeLoader only
    except yaml.constructor.ConstructorError as exc:
        raise ImageCostError(
            f"YAML tag not allowed: {exc.problem}",
            path=path,
            line=_mark_line(exc),
            hint="scenario files hold plain data only",
        ) from None
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ImageCostError(f"not valid YAML: {problem}", path=path, line=_mark_line(exc)) from None
    except RecursionError:
        raise ImageCostError("the document nests too deeply", path=path) from None


def yaml_date(value: date) -> str:
    """ISO date text, as written in files."""
    return value.isoformat()
