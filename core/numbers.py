"""Reading the numbers people type: '20,000', '20k', '1.5M', '2 500'.

Shared by the command line and the window so both accept the same forms.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from core.errors import ImageCostError

_SUFFIXES = {"": 1, "k": 1_000, "m": 1_000_000, "b": 1_000_000_000}
_NUMBER_RE = re.compile(r"^([0-9]*\.?[0-9]+|[0-9]+\.)\s*([kmb]?)$", re.IGNORECASE)


def parse_count(text: str, *, field: str = "value", allow_fraction: bool = False) -> Decimal:
    """A non-negative amount with optional thousands separators and k/M/B suffix."""
    cleaned = str(text).strip().replace(",", "").replace("_", "").replace(" ", "").replace("\u00a0", "")
    if cleaned.startswith("-"):
        raise ImageCostError(f"'{text}' is negative", field=field, hint="volumes start at 0")
    match = _NUMBER_RE.match(cleaned)
    if not match:
        raise ImageCostError(
            f"'{text}' is not a number", field=field, hint="type a whole number such as 20000, 20,000 or 20k"
        )
    try:
        value = Decimal(match.group(1)) * _SUFFIXES[match.group(2).lower()]
    except InvalidOperation:  # pragma: no cover - the pattern only admits digits
        raise ImageCostError(f"'{text}' is not a number", field=field) from None
    if not allow_fraction and value != value.to_integral_value():
        raise ImageCostError(f"'{text}' is not a whole number", field=field)
    return value


def parse_whole(text: str, *, field: str = "value") -> int:
    """:func:`parse_count` for whole numbers, as an int."""
    return int(parse_count(text, field=field))


_PERCENT_RE = re.compile(r"^([0-9]*\.?[0-9]+|[0-9]+\.)\s*%?$")


def parse_percent(text: str, *, field: str = "value") -> Decimal:
    """A share (0 to 1) from a typed percent ('33.3', '33.3 %'), exactly: '33.3' gives 0.333."""
    cleaned = str(text).strip().replace("\u00a0", " ")
    match = _PERCENT_RE.match(cleaned)
    if not match:
        raise ImageCostError(f"'{text}' is not a percentage", field=field, hint="type a percent such as 25 or 33.3")
    return Decimal(match.group(1)).scaleb(-2)


def percent_text(share: Decimal) -> str:
    """A share as the exact percent it is, with no digit lost or added: 0.333 gives '33.3'."""
    text = format(share.scaleb(2), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
