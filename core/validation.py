"""Turn pydantic validation errors into one sentence a person can act on."""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import ValidationError

Loc = tuple[int | str, ...]

#: Control characters no text may hold: all but tab and newline (C0, DEL and C1). YAML's escapes
#: ("\\e[2J") make them from plain ASCII, and a terminal showing the text would obey them.
_TEXT_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def control_character_problem(text: str) -> str | None:
    """Why TEXT may not be used (it holds a control character), or None."""
    found = _TEXT_CONTROL.search(text)
    if found is None:
        return None
    return f"text holds the control character U+{ord(found.group()):04X} (e.g. a terminal escape); remove it"


def refuse_control_characters(value: object) -> object:
    """A pydantic validator for every field: text with a control character is refused (issue 17)."""
    if isinstance(value, str):
        problem = control_character_problem(value)
        if problem is not None:
            raise ValueError(problem)
    return value

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


#: Our words for pydantic's error types, filled from the error's ``ctx``: what a person reads does not
#: change when pydantic rewords its messages, and the tests pin these.
_OUR_WORDS: dict[str, str] = {
    "list_type": "expected a list (lines starting with '- ')",
    "dict_type": "expected a mapping ('key: value' lines)",
    "model_type": "expected a mapping ('key: value' lines)",
    "model_attributes_type": "expected a mapping ('key: value' lines)",
    "string_type": "expected text",
    "string_too_short": "must not be empty",
    "string_too_long": "is too long: at most {max_length} characters",
    "string_pattern_mismatch": "is not in the expected form (the pattern {pattern})",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number, not a fraction",
    "int_parsing_size": "is too large a number",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "decimal_type": "expected a number",
    "decimal_parsing": "expected a number",
    "decimal_max_digits": "has too many digits: at most {max_digits}",
    "decimal_max_places": "has too many decimal places: at most {decimal_places}",
    "decimal_whole_digits": "has too many digits before the decimal point",
    "finite_number": "must be a finite number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "date_type": "expected a date (YYYY-MM-DD)",
    "date_parsing": "expected a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "expected a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "expected a date without a time (YYYY-MM-DD)",
    "datetime_type": "expected a date and time",
    "datetime_parsing": "expected a date and time",
    "greater_than": "must be more than {gt}",
    "greater_than_equal": "must be at least {ge}",
    "less_than": "must be less than {lt}",
    "less_than_equal": "must be at most {le}",
    "too_short": "needs at least {min_length} entries",
    "too_long": "may have at most {max_length} entries",
    "literal_error": "must be one of {expected}",
    "enum": "must be one of {expected}",
}


def _our_words(kind: str, err: Any, fallback: str) -> str:
    template = _OUR_WORDS.get(kind)
    if template is None:
        return fallback
    try:
        return template.format(**(err.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):
        return fallback


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
    msg = _our_words(kind, err, msg)
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
