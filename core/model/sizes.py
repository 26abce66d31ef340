"""Image sizes and the size-dependent token rules from pricing-facts.md.

The gpt-image-2 rules and output-token formula, and the gpt-image-1 input-image
tile rule, live here so the engine, the GUI's live size check and the tests
share one implementation.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from core.errors import InvalidOptionError

_SIZE_RE = re.compile(r"^\s*(\d{1,6})\s*[xX×]\s*(\d{1,6})\s*$")

# gpt-image-2 size rules (pricing-facts.md, "gpt-image-2 accepts any size ...").
GPT_IMAGE_2_MAX_EDGE = 3840
GPT_IMAGE_2_EDGE_MULTIPLE = 16
GPT_IMAGE_2_MAX_RATIO = 3
GPT_IMAGE_2_MIN_PIXELS = 655_360
GPT_IMAGE_2_MAX_PIXELS = 8_294_400
GPT_IMAGE_2_EXPERIMENTAL_PIXELS = 2560 * 1440

# gpt-image-2 output-token formula bases (pricing-facts.md).
GPT_IMAGE_2_BASE = {"low": 16, "medium": 48, "high": 96}

# gpt-image-1 input images (pricing-facts.md, "Input images").
TILE_PX = 512
LOW_FIDELITY_BASE_TOKENS = 65
LOW_FIDELITY_TOKENS_PER_TILE = 129
HIGH_FIDELITY_EXTRA_SQUARE = 4160
HIGH_FIDELITY_EXTRA_OTHER = 6240


@dataclass(frozen=True, order=True)
class Size:
    """A width x height in pixels."""

    width: int
    height: int

    @classmethod
    def parse(cls, text: str, *, field: str = "size") -> Size:
        """Read '1024x1536' (also 'X' or '×', spaces allowed)."""
        size = _read_size(str(text))
        if size is None:
            raise InvalidOptionError(
                f"'{text}' is not a size",
                field=field,
                hint="write it as WIDTHxHEIGHT in pixels, e.g. 1024x1536",
            )
        if size.width <= 0 or size.height <= 0:
            raise InvalidOptionError(f"'{text}' has a zero edge", field=field)
        return size if cls is Size else cls(size.width, size.height)

    def __str__(self) -> str:
        return f"{self.width}x{self.height}"

    @property
    def pixels(self) -> int:
        return self.width * self.height

    @property
    def long_edge(self) -> int:
        return max(self.width, self.height)

    @property
    def short_edge(self) -> int:
        return min(self.width, self.height)

    @property
    def is_square(self) -> bool:
        return self.width == self.height

    @property
    def shape(self) -> Fraction:
        """Width over height, exact: two sizes have the same shape when these are equal."""
        return Fraction(self.width, self.height)

    @property
    def shape_text(self) -> str:
        """The shape as people write it: '1:1', '3:2', '9:16'."""
        return f"{self.shape.numerator}:{self.shape.denominator}"


@lru_cache(maxsize=4096)
def _read_size(text: str) -> Size | None:
    """The size TEXT names, or None: cached, as the engine reads the same few sizes for every scenario."""
    match = _SIZE_RE.match(text)
    return Size(int(match.group(1)), int(match.group(2))) if match else None


def gpt_image_2_size_problem(size: Size) -> str | None:
    """The first gpt-image-2 size rule this size breaks, or None if it is valid."""
    if size.long_edge > GPT_IMAGE_2_MAX_EDGE:
        return f"longest edge {size.long_edge} px is over {GPT_IMAGE_2_MAX_EDGE} px"
    for name, edge in (("width", size.width), ("height", size.height)):
        if edge % GPT_IMAGE_2_EDGE_MULTIPLE:
            return f"{name} {edge} px is not a multiple of {GPT_IMAGE_2_EDGE_MULTIPLE}"
    if size.long_edge > GPT_IMAGE_2_MAX_RATIO * size.short_edge:
        return f"long:short ratio {size.long_edge}:{size.short_edge} is over {GPT_IMAGE_2_MAX_RATIO}:1"
    if size.pixels < GPT_IMAGE_2_MIN_PIXELS:
        return f"{size.pixels:,} pixels is under the minimum of {GPT_IMAGE_2_MIN_PIXELS:,}"
    if size.pixels > GPT_IMAGE_2_MAX_PIXELS:
        return f"{size.pixels:,} pixels is over the maximum of {GPT_IMAGE_2_MAX_PIXELS:,}"
    return None


def is_experimental_gpt_image_2(size: Size) -> bool:
    """Outputs above 2560x1440 pixels are labelled experimental."""
    return size.pixels > GPT_IMAGE_2_EXPERIMENTAL_PIXELS


#: Distinct (quality, size) pairs remembered by the token rules: exact Fraction arithmetic is slow,
#: and re-pricing a file asks the same few sizes thousands of times.
_RULE_CACHE = 1024


@lru_cache(maxsize=_RULE_CACHE)
def gpt_image_2_output_tokens(quality: str, size: Size) -> int:
    """Output tokens per image from the (unconfirmed) calculator formula.

    base = 16/48/96; u = round_half_even(base / (L/S));
    tokens = ceil(base * u * (2_000_000 + W*H) / 4_000_000), all in exact
    rational arithmetic.
    """
    base = GPT_IMAGE_2_BASE[quality]
    u = round(Fraction(base) / Fraction(size.long_edge, size.short_edge))
    return math.ceil(Fraction(base * u * (2_000_000 + size.pixels), 4_000_000))


def tiles_512(size: Size) -> int:
    """512 px tiles after scaling the shorter side to 512 px."""
    scale = Fraction(TILE_PX, size.short_edge)
    width = Fraction(size.width) * scale
    height = Fraction(size.height) * scale
    return math.ceil(width / TILE_PX) * math.ceil(height / TILE_PX)


@lru_cache(maxsize=_RULE_CACHE)
def tiles_512_input_tokens(size: Size, fidelity: str) -> int:
    """gpt-image-1 input-image tokens: 65 + 129 x tiles, plus the high-fidelity extra."""
    tokens = LOW_FIDELITY_BASE_TOKENS + LOW_FIDELITY_TOKENS_PER_TILE * tiles_512(size)
    if fidelity == "high":
        tokens += HIGH_FIDELITY_EXTRA_SQUARE if size.is_square else HIGH_FIDELITY_EXTRA_OTHER
    return tokens
