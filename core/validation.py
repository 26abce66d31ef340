"""Turn pydantic validation errors into one sentence a person can act on."""

from __future__ import annotations

import difflib

from pydantic import ValidationError

Loc = tuple[int | str, ...]

#: Inputs shorter than this are quoted in the message ("got 'hihg'"); longer ones would drown it.
MAX_QUOTED_INPUT = 60


def field_path(loc: Loc) -> str:
    """('scenarios', 0, 'model') -> 'scenarios[0].model'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def field_loc(field: str) -> Loc:
    """'scenarios[0].model' -> ('scenarios', 0, 'model'): the inverse of :func:`field_path`."""
    loc: list[int | str] = []
    for part in field.replace("]", "").replace("[", ".").split("."):
        if part:
            loc.append(int(part) if part.isdigit() else part)
    return tuple(loc)


def _clean_loc(loc: Loc) -> Loc:
    # pydantic adds validator names such as 'function-after[...]' to some locations.
    return tuple(p for p in loc if not (isinstance(p, str) and "[" in p and p.endswith("]")))


def first_error(exc: ValidationError) -> tuple[str, Loc]:
    """The most telling error's message and location, worded for people.

    An unknown key comes first: a misspelt key also makes the real one
    'missing', and the typo is what the person needs to see.
    """
    errors = exc.errors(include_url=False)
    extra = [e for e in errors if e.get("type") == "extra_forbidden"]
    err = extra[0] if extra else errors[0]
    loc = _clean_loc(tuple(err.get("loc", ())))
    kind = err.get("type", "")
    msg = str(err.get("msg", "invalid value"))
    if kind == "extra_forbidden" and loc:
        parent = loc[:-1]
        missing = [
            str(_clean_loc(tuple(e["loc"]))[-1])
            for e in errors
            if e.get("type") == "missing" and _clean_loc(tuple(e["loc"]))[:-1] == parent
        ]
        close = difflib.get_close_matches(str(loc[-1]), missing, n=1)
        where = field_path(parent) or "the top level"
        hint = f"did you mean '{close[0]}'?" if close else f"check the spelling; {where} does not take it"
        return f"unknown key '{loc[-1]}' ({hint})", loc
    if kind == "missing":
        return f"required key '{loc[-1]}' is missing" if loc else "a required key is missing", loc
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    value = err.get("input")
    if kind == "string_type" and isinstance(value, bool):
        return f"expected text, but YAML read {value!r} (write it in quotes: yes/no/on/off mean true/false)", loc
    if kind not in ("missing",) and isinstance(value, (str, int, float, bool)) and len(str(value)) < MAX_QUOTED_INPUT:
        msg = f"{msg} (got {value!r})"
    return msg, loc


def describe_validation_error(exc: ValidationError) -> tuple[str, str | None]:
    """Message and dotted field for the first error; notes how many more there are."""
    msg, loc = first_error(exc)
    return msg + more_problems(exc), field_path(loc) or None


def more_problems(exc: ValidationError) -> str:
    """'; and 2 more problems' when the first error is not the only one, else ''."""
    more = exc.error_count() - 1
    return f"; and {more} more problem{'s' if more > 1 else ''}" if more > 0 else ""
