"""Find the line of a field in YAML text, so errors can say 'line 12'.

Only used after something went wrong. It walks the parser's events (made in C,
one at a time) and stops at the field, so a huge file costs no more memory
than a small one and an error near the top is found at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import yaml
from yaml.events import (
    CollectionEndEvent,
    CollectionStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from core.files.yamlio import SafeLoader


def _skip(events: Iterator[Event], first: Event) -> None:
    """Consume the rest of the node that FIRST starts."""
    if not isinstance(first, CollectionStartEvent):
        return
    depth = 1
    for event in events:
        if isinstance(event, CollectionStartEvent):
            depth += 1
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
            if depth == 0:
                return


def _line(event: Event) -> int | None:
    mark = event.start_mark
    return int(mark.line) + 1 if mark is not None else None


def _key_value(events: Iterator[Event], part: int | str) -> tuple[Event, Event] | None:
    """In a mapping just started: the key event named PART and its value's first event, or None."""
    while True:
        key = next(events)
        if isinstance(key, MappingEndEvent):
            return None
        _skip(events, key)
        value = next(events)
        if isinstance(key, ScalarEvent) and key.value == str(part):
            return key, value
        _skip(events, value)


def _item(events: Iterator[Event], part: int) -> Event | None:
    """In a sequence just started: the first event of item PART, or None."""
    for index in range(part + 1):
        item = next(events)
        if isinstance(item, SequenceEndEvent):
            return None
        if index == part:
            return item
        _skip(events, item)
    return None


def line_of(text: str, loc: Sequence[int | str]) -> int | None:
    """1-based line of the node at LOC (e.g. ('scenarios', 2, 'size')), or the nearest parent."""
    line: int | None = None
    try:
        events: Iterator[Event] = iter(yaml.parse(text, Loader=SafeLoader))
        event = next(events)
        while not isinstance(event, NodeEvent):
            if isinstance(event, StreamEndEvent):
                return None
            event = next(events)
        line = _line(event)
        for part in loc:
            if isinstance(event, MappingStartEvent):
                found = _key_value(events, part)
                if found is None:
                    return line
                line, event = _line(found[0]), found[1]
            elif isinstance(event, SequenceStartEvent) and isinstance(part, int) and part >= 0:
                item = _item(events, part)
                if item is None:
                    return line
                line, event = _line(item), item
            else:
                return line
    except (yaml.YAMLError, StopIteration):
        return line
    return line
