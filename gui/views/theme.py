"""Colours that follow the palette and stay readable: WCAG contrast, checked, in light and dark themes.

Status colours (good, bad, muted) are hues, not fixed text colours: :func:`readable` darkens or
lightens a hue until it reads at WCAG AA (4.5:1) on every background it may sit on, so red
over-budget text stays red in a dark theme without becoming dark red on dark grey (about 1.7:1).
Charts on screen take their paper, ink and grid from the palette (:func:`screen_svg`);
saved, copied and printed charts keep the paper colours of ``core.quote.charts``.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from core.quote.charts import GRID, INK, MUTED, PAPER

#: WCAG 2 level AA for body text.
AA = 4.5
_STEPS = 40


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4  # noqa: PLR2004 (sRGB)


def luminance(colour: QColor) -> float:
    """WCAG relative luminance of COLOUR (0 black to 1 white)."""
    r, g, b = (_channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def readable(colour: QColor, backgrounds: Iterable[QColor], minimum: float = AA) -> QColor:
    """COLOUR, moved toward black (light backgrounds) or white (dark ones) just enough to read at MINIMUM."""
    grounds = list(backgrounds)
    dark = sum(luminance(g) for g in grounds) / max(1, len(grounds)) < 0.5  # noqa: PLR2004 (mid grey)
    target = QColor("#ffffff") if dark else QColor("#000000")
    for step in range(_STEPS + 1):
        candidate = _mix(colour, target, step / _STEPS)
        if all(contrast(candidate, g) >= minimum for g in grounds):
            return candidate
    return target


def strip_colours(tint: QColor, given: QPalette | None = None) -> tuple[QColor, QColor, QColor]:
    """(background, border, text) of a message strip in TINT on the palette's window colour, text at AA."""
    window = palette(given).color(QPalette.ColorRole.Window)
    background = _mix(window, tint, _STRIP_TINT)
    border = _mix(window, tint, _STRIP_BORDER)
    return background, border, readable(tint, [background])


#: How far a strip's background and border move from the window colour toward its tint.
_STRIP_TINT = 0.15
_STRIP_BORDER = 0.45


def palette(given: QPalette | None = None) -> QPalette:
    return given if given is not None else QGuiApplication.palette()


def text_grounds(given: QPalette | None = None) -> list[QColor]:
    """The backgrounds text in views and labels sits on: base, alternate rows and the window."""
    p = palette(given)
    roles = (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase, QPalette.ColorRole.Window)
    return [p.color(role) for role in roles]


def screen_svg(svg: str, given: QPalette | None = None) -> str:
    """A core chart recoloured for the screen: the palette's base as paper, its text as ink.

    The Charts tab was a white panel in a dark theme. The bar colours stay (they are chosen to
    be told apart, not read); the muted labels are kept at AA contrast on the new paper."""
    p = palette(given)
    paper = p.color(QPalette.ColorRole.Base)
    ink = readable(p.color(QPalette.ColorRole.Text), [paper])
    muted = readable(_mix(ink, paper, 0.35), [paper])
    grid = _mix(ink, paper, 0.8)
    replacements = {
        f'fill="{PAPER}"': f'fill="{paper.name()}"',
        f'stroke="{PAPER}"': f'stroke="{paper.name()}"',
        f'fill="{INK}"': f'fill="{ink.name()}"',
        f'fill="{MUTED}"': f'fill="{muted.name()}"',
        f'stroke="{MUTED}"': f'stroke="{muted.name()}"',
        f'stroke="{GRID}"': f'stroke="{grid.name()}"',
    }
    for old, new in replacements.items():
        svg = svg.replace(old, new)
    return svg
