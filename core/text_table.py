"""Plain-text tables for the terminal: the one renderer behind every table ``imagecost-cli`` prints.

Columns are padded to their widest cell, with a rule under the header row;
columns in ``left`` are left-aligned (names, units), the rest right-aligned
(numbers). A row that is None draws a rule. With ``headings=True`` a row whose
cells after the first are all empty is a heading: printed as it is, it does not
widen the columns.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

Row = Sequence[str]


def text_table(rows: Sequence[Row | None], *, left: Collection[int] = (0,), headings: bool = False) -> list[str]:
    """The table's lines, trailing spaces stripped; ROWS[0] is the header."""

    def is_heading(row: Row) -> bool:
        return headings and len(row) > 1 and not any(row[1:])

    cells = [row for row in rows if row is not None and not is_heading(row)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    rule = "  ".join("-" * width for width in widths)
    out: list[str] = []
    for index, row in enumerate(rows):
        if row is None:
            out.append(rule)
        elif is_heading(row):
            out.append(row[0])
        else:
            out.append(
                "  ".join(c.ljust(widths[i]) if i in left else c.rjust(widths[i]) for i, c in enumerate(row)).rstrip()
            )
            if index == 0:
                out.append(rule)
    return out
