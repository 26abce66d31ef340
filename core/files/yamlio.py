"""Safe YAML in and out, shared by price sheets and scenario files.

Reading uses PyYAML's C ``CSafeLoader`` when it is built (pure-Python
``SafeLoader`` otherwise), so no tag can build an object. Around that fast load:

* :func:`read_text` refuses folders, devices and pipes, and files over a size
  limit, before reading them (it never reads more than the limit, even from a
  file that grows); binary and non-UTF-8 bytes are refused with the offset.
* :func:`load_yaml` refuses aliases (so no "billion laughs"), deep nesting and
  duplicate keys, and turns every parser, scanner and constructor error into
  an :class:`ImageCostError` with the line.

Nesting and aliases are checked while the document is composed from the C
parser's events (core.files.yaml_compose, iterative, one scenario at a time):
one rule, whatever the document's shape: deeper than :data:`MAX_DEPTH` levels
is refused, and so is any alias. PyYAML's own C composer, which recurses once
per level in C and *segfaults* on a few thousand levels, is never used.

Writing uses a ``SafeDumper`` subclass that knows Decimal, keeps key order and
never writes aliases.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from core.errors import ImageCostError
from core.files.yaml_compose import ItemHook, compose_load
from core.money import exact_str
from core.validation import control_character_problem

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

#: Largest file read at all. A 10,000-scenario file is under 2 MB; 32 MB holds
#: well over 100,000 scenarios, and anything bigger is not a scenario file.
MAX_FILE_BYTES = 32 * 1024 * 1024
#: Deepest nesting accepted; real files nest four levels.
MAX_DEPTH = 64
#: C0 controls other than tab, newline, carriage return and escape: text files do not contain them.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f]")
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_MERGE_TAG = "tag:yaml.org,2002:merge"
#: What libyaml says when a document passes its own nesting limit (tests/test_bad_inputs.py pins our message).
_LIBYAML_DEPTH_LIMIT = "maximum nesting depth"


class TextControlError(yaml.constructor.ConstructorError):
    """A text value with a control character in it (reported in our words, not as bad YAML)."""


class NumberFormError(TextControlError):
    """A number written in a form YAML 1.1 reads unexpectedly (octal, hex, base 60), in our words."""


#: The only whole numbers read as numbers: optional sign, no leading zero (after '_' are removed).
_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


def _number_form_problem(text: str) -> str:
    """Our words for a number YAML 1.1 would read in another base."""
    plain = text.replace("_", "").lstrip("+-").lower()
    if ":" in plain:
        kind = "a base-60 (sexagesimal) number, so 1:30 would be 90"
    elif plain.startswith("0x"):
        kind = "a hexadecimal number"
    elif plain.startswith("0b"):
        kind = "a binary number"
    else:
        kind = "an octal number because of its leading zero, so 010 would be 8"
    return f"'{text}' is read by YAML as {kind}; write the number in base 10 (or in quotes if it is text)"


class Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The safe loader, with duplicate keys refused and constructor slips given a line."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        own = node.value
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        if len(mapping) != len(node.value):  # a repeated key, or a merge ('<<') the mapping overrides
            seen: set[Any] = set()
            for key_node, _value in own:
                if key_node.tag == _MERGE_TAG:
                    continue
                key = self.construct_object(key_node, deep=deep)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"key '{key}' appears twice in the same mapping", key_node.start_mark
                    )
                seen.add(key)
        return mapping

    def construct_yaml_str(self, node: yaml.ScalarNode) -> str:
        """Text, refused when it holds a control character: YAML's escapes (``"\\e[2J"``) make them
        from plain ASCII, and a terminal showing a name would obey them (issue 17)."""
        value: str = super().construct_yaml_str(node)
        problem = control_character_problem(value)
        if problem is not None:
            raise TextControlError(None, None, problem, node.start_mark)
        return value

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        """A whole number in base 10 only: YAML 1.1 reads 010 as 8, 0x10 as 16 and 1:30 as 90 (issue 17)."""
        text = str(node.value).replace("_", "")
        if not _DECIMAL_INT.fullmatch(text):
            raise NumberFormError(None, None, _number_form_problem(str(node.value)), node.start_mark)
        try:
            return int(text)
        except ValueError as exc:  # e.g. more digits than Python converts
            raise yaml.constructor.ConstructorError(
                None, None, f"number out of range: {exc}", node.start_mark
            ) from None

    def construct_yaml_float(self, node: yaml.ScalarNode) -> Decimal | float:
        """A number with a point, read from its text as a Decimal: a binary float would round
        0.1234567890123456789 to 0.12345678901234568 before anything could refuse it (issue 17).
        .inf and .nan stay floats, for the fields to refuse by name."""
        text = str(node.value).replace("_", "")
        if text.lstrip("+-").lower() in (".inf", ".nan"):
            return float(super().construct_yaml_float(node))
        if ":" in text:
            raise NumberFormError(None, None, _number_form_problem(str(node.value)), node.start_mark)
        try:
            return Decimal(text)
        except InvalidOperation:
            raise NumberFormError(
                None, None, f"'{node.value}' is not a number (write it with one decimal point)", node.start_mark
            ) from None

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:  # e.g. 2026-13-45
            raise yaml.constructor.ConstructorError(
                None, None, f"'{node.value}' is not a valid date: {exc}", node.start_mark
            ) from None


Loader.add_constructor("tag:yaml.org,2002:str", Loader.construct_yaml_str)
Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
Loader.add_constructor("tag:yaml.org,2002:float", Loader.construct_yaml_float)
Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_timestamp)
#: Kept for callers that compose or parse with the project's loader settings.
SafeLoader: type[yaml.SafeLoader] = Loader


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


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:,.1f} MB"


def open_regular(path: Path, *, what: str = "file") -> tuple[BinaryIO, int]:
    """An open binary handle on a regular file and its size when opened (see :func:`open_regular_stat`)."""
    handle, info = open_regular_stat(path, what=what)
    return handle, info.st_size


def open_regular_stat(path: Path, *, what: str = "file") -> tuple[BinaryIO, os.stat_result]:
    """An open binary handle on a regular file and its status, taken on the open handle.

    Opened without blocking and checked on the open handle, so a pipe or a
    device such as /dev/zero is refused before a byte is read and cannot hang
    the app. The caller reads at most the size in the status, so a file that
    grows while it is read cannot fill memory either; a change during the read
    shows up later as a change.
    """
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ImageCostError(f"{what} does not exist", path=path) from None
    except IsADirectoryError:
        raise ImageCostError(f"{what} is a folder, not a file", path=path) from None
    except OSError as exc:
        if Path(path).is_dir():  # Windows cannot open a folder at all
            raise ImageCostError(f"{what} is a folder, not a file", path=path) from None
        raise ImageCostError(f"cannot read {what}: {exc.strerror or exc}", path=path) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ImageCostError(f"{what} is a folder, not a file", path=path)
        raise ImageCostError(f"{what} is not a regular file (a device, pipe or socket)", path=path)
    return os.fdopen(fd, "rb"), info


def read_bytes(path: Path, *, what: str = "file", max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file, never reading more than MAX_BYTES (see :func:`read_bytes_and_stat`)."""
    return read_bytes_and_stat(path, what=what, max_bytes=max_bytes)[0]


def read_bytes_and_stat(
    path: Path, *, what: str = "file", max_bytes: int = MAX_FILE_BYTES
) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file and its status taken before reading, never reading more than MAX_BYTES."""
    handle, info = open_regular_stat(path, what=what)
    size = info.st_size
    with handle:
        if size > max_bytes:
            raise ImageCostError(
                f"{what} is {_megabytes(size)}, over the {_megabytes(max_bytes)} limit",
                path=path,
                hint="this does not look like a file the app wrote",
            )
        try:
            raw = handle.read(max_bytes + 1)
        except OSError as exc:
            raise ImageCostError(f"cannot read {what}: {exc.strerror or exc}", path=path) from None
    if len(raw) > max_bytes:
        raise ImageCostError(f"{what} grew past the {_megabytes(max_bytes)} limit while it was read", path=path)
    return raw, info


def read_text(path: Path, *, what: str = "file", max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a text file, refusing huge, binary or mis-encoded ones early."""
    return decode_text(read_bytes(path, what=what, max_bytes=max_bytes), path=path, what=what)


def decode_text(raw: bytes, *, path: Path | None = None, what: str = "file") -> str:
    """UTF-8 (with or without BOM; UTF-16/32 with a BOM) or a clear error naming the bad byte."""
    if raw.startswith(_UTF32_BOMS) or raw.startswith(_UTF16_BOMS):
        codec = "utf-32" if raw.startswith(_UTF32_BOMS) else "utf-16"
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            raise ImageCostError(f"{what} starts like {codec.upper()} text but is not", path=path) from None
    head = raw[:8192]
    if b"\x00" in head:
        raise ImageCostError(f"{what} is binary data, not YAML text", path=path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if _CONTROL.search(head):
            raise ImageCostError(f"{what} is binary data, not YAML text", path=path) from None
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ImageCostError(
            f"{what} is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start:,})",
            path=path,
            line=line,
            hint="save it as UTF-8",
        ) from None


def _mark_line(exc: yaml.YAMLError, text: str) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return int(mark.line) + 1
    position = getattr(exc, "position", None)  # ReaderError: a character offset
    if isinstance(position, int):
        return text.count("\n", 0, position) + 1
    return None


def load_yaml(
    text: str, *, path: Path | None = None, item_key: str | None = None, on_item: ItemHook | None = None
) -> Any:
    """Parse YAML text safely; every failure is an :class:`ImageCostError` with the line.

    The items of the top-level list ITEM_KEY go through ON_ITEM one at a time as they are read
    (see core.files.yaml_compose), so a caller can refuse the first bad one without the rest in memory.
    """
    try:
        return compose_load(text, Loader, path=path, max_depth=MAX_DEPTH, item_key=item_key, on_item=on_item)
    except TextControlError as exc:
        raise ImageCostError(str(exc.problem), path=path, line=_mark_line(exc, text)) from None
    except yaml.constructor.ConstructorError as exc:
        problem = str(exc.problem or "cannot read a value")
        if problem.startswith("could not determine a constructor for the tag"):
            tag = problem.rsplit(" ", 1)[-1].strip("'").replace("tag:yaml.org,2002:", "!!")
            message = f"YAML tag not allowed: {tag}"
            hint = "the file may hold plain data only: text, numbers, true/false, dates, lists and mappings"
            raise ImageCostError(message, path=path, line=_mark_line(exc, text), hint=hint) from None
        if problem == "found unhashable key":
            problem = "a mapping key must be text or a number, not a list or a mapping"
        raise ImageCostError(f"not valid YAML: {problem}", path=path, line=_mark_line(exc, text)) from None
    except yaml.YAMLError as exc:
        if _LIBYAML_DEPTH_LIMIT in str(getattr(exc, "problem", "")):
            # libyaml (PyYAML >= 6.0.2) has a nesting limit of its own, which its scanner reaches
            # before the composer sees the first event of a deep flow collection: same refusal, our words.
            raise ImageCostError(
                f"the document nests deeper than {MAX_DEPTH} levels", path=path, line=_mark_line(exc, text)
            ) from None
        detail = getattr(exc, "problem", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
        context = getattr(exc, "context", None)
        if context:
            detail = f"{context}: {detail}"
        raise ImageCostError(f"not valid YAML: {detail}", path=path, line=_mark_line(exc, text)) from None
    except RecursionError:  # the pure-Python composer, when libyaml is missing
        raise ImageCostError("the document nests too deeply", path=path) from None

