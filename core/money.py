"""Decimal money: parsing, exact string form and display formatting.

No float ever touches a price. Values are kept exact; only display rounds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from decimal import MAX_PREC, ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, localcontext

#: Precision for the few divisions the engine does (per-image figures).
PRECISION = 40

ZERO = Decimal(0)
MILLION = Decimal(1_000_000)
HUNDRED = Decimal(100)


_MONEY_CONTEXT = Context(prec=PRECISION, rounding=ROUND_HALF_EVEN)
#: Decimal places of a dollar amount of $1 or more; a smaller amount shows up to SMALL_PLACES.
CENT_PLACES = 2
SMALL_PLACES = 4


def money_context() -> AbstractContextManager[Context]:
    """A decimal context wide enough that products of prices stay exact.

    decimal's own ``localcontext`` (a copy of one shared template) rather than a
    generator: the engine enters it once per estimate, and re-pricing a big
    file must stay cheap.
    """
    return localcontext(_MONEY_CONTEXT)


_EXACT_SUM_CONTEXT = Context(prec=MAX_PREC, rounding=ROUND_HALF_EVEN)


def exact_sum(values: Iterable[Decimal]) -> Decimal:
    """The exact sum of VALUES: every total is exact, like the figures it adds up.

    Added under decimal's largest precision, where addition never rounds (it only takes the
    digits the result needs); the default 28 digits cut a 10^12-request total (issue 17).
    """
    with localcontext(_EXACT_SUM_CONTEXT):
        return sum(values, ZERO)


def exact_str(value: Decimal) -> str:
    """Plain decimal text with no exponent and no trailing zeros: '0.25', '250'."""
    if value.is_zero():
        return "0"
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_usd(value: Decimal, *, places: int | None = None, fixed: bool = False) -> str:
    """'$1,234.56' for display; small amounts keep enough places to be seen.

    Amounts of a dollar or more show cents; amounts under a dollar show up to
    four places so that $0.0059 per image does not read as $0.01. PLACES rounds
    to that many instead; trailing zeros past the cents are dropped unless FIXED
    (a column's one number of decimals, :func:`column_places`).
    """
    if places is None:
        places = CENT_PLACES if abs(value) >= 1 or value.is_zero() else SMALL_PLACES
    quantum = Decimal(1).scaleb(-places)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_EVEN)
    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):,.{places}f}"
    if places > CENT_PLACES and "." in text and not fixed:
        whole, frac = text.split(".")
        frac = frac.rstrip("0").ljust(CENT_PLACES, "0")
        text = f"{whole}.{frac}"
    return f"{sign}${text}"


def format_quantity(value: Decimal) -> str:
    """Thousands-separated quantity with no needless decimals: '1,250', '0.0272'."""
    text = exact_str(value)
    if "." in text:
        whole, frac = text.split(".")
        return f"{int(whole):,}.{frac}" if whole != "-0" else f"-0.{frac}"
    return f"{int(text):,}"


def format_rounded(value: Decimal, places: Decimal = Decimal("0.1")) -> str:
    """A measured figure: whole numbers in full, others rounded to PLACES: '1,250', '1,250.5'."""
    return format_quantity(value.quantize(places) if value != value.to_integral_value() else value)


def format_signed_percent(value: Decimal) -> str:
    """A difference in percent to one place, signed when above zero: '+12.5%', '-3.0%', '0.0%'."""
    rounded = value.quantize(Decimal("0.1"))
    return f"+{rounded}%" if rounded > 0 else f"{rounded}%"


def format_unit_price(value: Decimal, *, places: int = CENT_PLACES) -> str:
    """A unit price in full, with thousands separators and at least PLACES decimals: '$0.00588', '$40.00'.

    Never rounded (a rate of $0.00588 shows every digit); padded to PLACES so a column
    of rates reads alike: pass the column's :func:`column_places` ('$5.000' beside '$0.053').
    """
    text = format_quantity(value)
    sign = "-" if text.startswith("-") else ""
    text = text.removeprefix("-")
    whole, _, frac = text.partition(".")
    return f"{sign}${whole}.{frac.ljust(places, '0')}"


_SMALL_QUANTUM = Decimal(1).scaleb(-SMALL_PLACES)


def _places_of(value: Decimal) -> int:
    """The decimals VALUE is written with, trailing zeros dropped, at least cents."""
    exponent = value.normalize().as_tuple().exponent
    return max(CENT_PLACES, -exponent if isinstance(exponent, int) else 0)


def shown_places(value: Decimal) -> int:
    """The decimals :func:`format_usd` shows VALUE with on its own: 2 for '$0.20', 4 for '$0.0812'.

    Worked out without formatting (a comparison column asks for every row on each edit).
    """
    if abs(value) >= 1 or value.is_zero():
        return CENT_PLACES
    return _places_of(value.quantize(_SMALL_QUANTUM, rounding=ROUND_HALF_EVEN))


def exact_places(value: Decimal) -> int:
    """The decimals VALUE needs to be written exactly, at least cents: 3 for 0.053, 2 for 5."""
    return _places_of(value)


def column_places(values: Iterable[Decimal], *, exact: bool = False) -> int:
    """One number of decimals for a column of prices: as many as its most precise value needs.

    EXACT counts every digit (unit prices, never rounded: :func:`format_unit_price`); otherwise
    the places :func:`format_usd` would show each value with alone (per-image figures), so a
    column never shows a price rounder than it would read by itself, and never mixes '$0.18'
    with '$0.3288'.
    """
    need = exact_places if exact else shown_places
    return max((need(value) for value in values), default=CENT_PLACES)


def format_usd_column(values: Sequence[Decimal]) -> list[str]:
    """Per-image figures with one number of decimals (:func:`column_places`): '$0.1800' beside '$0.3288'."""
    places = column_places(values)
    return [format_usd(value, places=places, fixed=True) for value in values]


def format_unit_prices(values: Sequence[Decimal]) -> list[str]:
    """A column of unit prices in full, with the decimals its most precise one needs: '$0.053' beside '$5.000'."""
    places = column_places(values, exact=True)
    return [format_unit_price(value, places=places) for value in values]


#: The smallest share shown with a figure; a smaller one that is not zero reads "<0.1%", never "0.0%".
_SMALLEST_SHARE = Decimal("0.0005")


def format_share(share: Decimal) -> str:
    """A share (0.123 = 12.3%) as people read it: one decimal, "<0.1%" when it is tiny but not nothing."""
    if 0 < share < _SMALLEST_SHARE:
        return "<0.1%"
    return f"{(share * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


CENT = Decimal("0.01")
#: Every yearly figure is this many months: the engine's, the quote's and the window's.
MONTHS_PER_YEAR = 12


def cents(value: Decimal) -> Decimal:
    """VALUE rounded to the cent, half to even as :func:`format_usd` shows every amount: the one place a
    shown month or total is rounded.

    Documents add these rounded amounts, so every total a reader checks by hand adds up; the
    JSON export keeps every digit.
    """
    return value.quantize(CENT, rounding=ROUND_HALF_EVEN)


def shown_year(monthly: Decimal) -> Decimal:
    """A year as shown beside a monthly figure: 12 x the month rounded to the cent, so it adds up by hand."""
    return cents(monthly) * MONTHS_PER_YEAR
