"""JSON Lines read with a length bound, image data dropped before it is kept.

A response line can carry megabytes of base64 image data (``b64_json``,
``partial_image_b64``). The reader takes a line in pieces of at most
:data:`PIECE` bytes; the value of an image key is dropped piece by piece as it
streams past (base64 holds no quote, so its end is the next ``"``) and the
line is kept with that value emptied. What is kept of one line is capped at
:data:`MAX_KEPT`: a longer line with no image data to drop is reported, not
held. Memory therefore stays at a few pieces whatever the file or line size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

#: Bytes read at a time.
PIECE = 64 * 1024
#: The most of one line kept once image data is dropped; real response lines are under 2 KB then.
MAX_KEPT = 1024 * 1024
#: An image key and the opening quote of its value.
_IMAGE_VALUE = re.compile(rb'"(?:b64_json|partial_image_b64)"\s*:\s*"')
#: How far back a new piece is searched, so a key split across two pieces is still found.
_OVERLAP = 64
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Line:
    """One line: its number, its text (None when too long to keep), the image bytes dropped, where it ends."""

    number: int
    text: bytes | None
    dropped: int = 0
    #: Bytes of the file read once this line is (for a progress bar).
    end: int = 0


class _Source:
    """Pieces of a handle, never past the size it had when opened (a growing file ends there)."""

    def __init__(self, handle: BinaryIO, size: int) -> None:
        self._handle = handle
        self.remaining = size

    def piece(self) -> bytes:
        if self.remaining <= 0:
            return b""
        data = self._handle.readline(min(PIECE, self.remaining))
        if not data:
            self.remaining = 0
        self.remaining -= len(data)
        return data


def _skip_value(source: _Source) -> tuple[bytes, int, bool]:
    """Read past an image value: the rest of the line after its closing quote, bytes dropped, line ended."""
    dropped = 0
    while True:
        piece = source.piece()
        if not piece:
            return b"", dropped, True
        close = piece.find(b'"')
        if close >= 0:
            return piece[close:], dropped + close, piece.endswith(b"\n")
        dropped += len(piece)
        if piece.endswith(b"\n"):  # a newline inside the value: the line is broken, JSON will say so
            return b"\n", dropped, True


def _drop_images(kept: bytearray, start: int, source: _Source, ended: bool) -> tuple[int, bool]:
    """Empty every image value in KEPT from START on, reading past the ones that go on; bytes dropped, ended."""
    dropped = 0
    while True:
        match = _IMAGE_VALUE.search(kept, start)
        if match is None:
            return dropped, ended
        value = match.end()
        close = kept.find(b'"', value)
        if close < 0:
            dropped += len(kept) - value
            del kept[value:]
            if ended:
                return dropped, ended
            rest, skipped, ended = _skip_value(source)
            dropped += skipped
            kept += rest
        else:
            dropped += close - value
            del kept[value:close]
        start = value + 1


def read_lines(handle: BinaryIO, size: int, *, stop_at_long: bool = False) -> Iterator[Line]:
    """Every line of HANDLE (SIZE bytes), image data dropped; blank lines included (text b'').

    With STOP_AT_LONG the first line too long to keep ends the reading there, without reading on
    to its end: a file that starts with one is no usage file, and may be gigabytes without a newline.
    """
    source = _Source(handle, size)
    number = 0
    while source.remaining > 0:
        number += 1
        kept = bytearray()
        dropped = 0
        too_long = False
        while True:
            piece = source.piece()
            if not piece:
                break
            ended = piece.endswith(b"\n")
            if not too_long:
                start = max(0, len(kept) - _OVERLAP)
                kept += piece
                more, ended = _drop_images(kept, start, source, ended)
                dropped += more
                if len(kept) > MAX_KEPT:
                    too_long = True
                    kept = bytearray()
                    if stop_at_long:
                        yield Line(number, None, dropped, size - source.remaining)
                        return
            if ended:
                break
        if number == 1 and kept.startswith(_BOM):
            del kept[: len(_BOM)]
        yield Line(number, None if too_long else bytes(kept), dropped, size - source.remaining)
