"""Compose YAML from the C parser's events with bounded memory, one list item at a time.

PyYAML composes the whole document into nodes (each with two marks, about 400
bytes) before anything is checked, so a 32 MB file of ``- {}`` lines held
5 GB of nodes, and validation then collected an error for each of them. Here
the parser's events (made in C, one at a time) are composed in Python:

* the items of the top-level list named by ``item_key`` are built one by one
  and handed to a callback that may refuse the first bad one, so a bad file
  stops at its first bad item and its nodes are never all held;
* no more than :data:`MAX_UNIT_NODES` nodes are held for one item or one
  other top-level value, and no more than :data:`MAX_NODES` are read in all;
* aliases are refused and nesting is bounded while composing (no separate pass).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from core.errors import ImageCostError

#: Values (scalars, lists, mappings) in one document: 100,000 scenarios of a dozen values each fit.
MAX_NODES = 2_000_000
#: Values held at once for one list item or one other top-level value; a scenario has under 200.
MAX_UNIT_NODES = 50_000

#: Called with (index, item, the top-level values read so far); returns what to keep for the item.
ItemHook = Callable[[int, Any, dict[Any, Any]], Any]


def _line(node_or_event: Any) -> int | None:
    mark = getattr(node_or_event, "start_mark", None)
    return int(mark.line) + 1 if mark is not None else None


class _Composer:
    """Composes nodes from LOADER's events, refusing aliases, deep nesting and too many values."""

    def __init__(self, loader: Any, path: Path | None, max_depth: int) -> None:
        self.loader = loader
        self.path = path
        self.max_depth = max_depth
        self.depth = 0
        self.total = 0
        self.unit = 0
        self.anchors: set[str] = set()

    def _count(self, event: Any) -> None:
        self.total += 1
        self.unit += 1
        if self.unit > MAX_UNIT_NODES or self.total > MAX_NODES:
            limit = MAX_UNIT_NODES if self.unit > MAX_UNIT_NODES else MAX_NODES
            raise ImageCostError(
                f"the document holds more than {limit:,} values in one place",
                path=self.path,
                line=_line(event),
                hint="this does not look like a file the app wrote",
            )

    def _tag(self, event: Any, kind: type[Node], value: str | None = None) -> str:
        """The node's tag as written, or the one the resolver gives an untagged node (as PyYAML composes)."""
        tag: str | None = event.tag
        return self.loader.resolve(kind, value, event.implicit) if tag is None or tag == "!" else tag

    def node(self) -> Node:
        loader = self.loader
        if loader.check_event(AliasEvent):
            event = loader.get_event()
            if event.anchor not in self.anchors:
                raise yaml.composer.ComposerError(
                    None, None, f"found undefined alias {event.anchor!r}", event.start_mark
                )
            raise ImageCostError(
                "YAML aliases (*name) are not allowed here",
                path=self.path,
                line=_line(event),
                hint="write the value out in full",
            )
        event = loader.peek_event()
        self._count(event)
        if event.anchor is not None:
            self.anchors.add(event.anchor)
        if loader.check_event(ScalarEvent):
            loader.get_event()
            tag = self._tag(event, ScalarNode, event.value)
            return ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        self.depth += 1
        if self.depth > self.max_depth:
            raise ImageCostError(
                f"the document nests deeper than {self.max_depth} levels", path=self.path, line=_line(event)
            )
        node: Node
        if loader.check_event(SequenceStartEvent):
            loader.get_event()
            node = SequenceNode(self._tag(event, SequenceNode), [], event.start_mark, None, flow_style=event.flow_style)
            while not loader.check_event(SequenceEndEvent):
                node.value.append(self.node())
        else:
            loader.get_event()
            node = MappingNode(self._tag(event, MappingNode), [], event.start_mark, None, flow_style=event.flow_style)
            while not loader.check_event(MappingEndEvent):
                key = self.node()
                node.value.append((key, self.node()))
        node.end_mark = loader.get_event().end_mark
        self.depth -= 1
        return node

    def unit_node(self) -> Node:
        """One item or top-level value, counted on its own."""
        self.unit = 0
        return self.node()


def _construct(loader: Any, node: Node) -> Any:
    return loader.construct_document(node)


def _root_mapping(composer: _Composer, item_key: str, on_item: ItemHook) -> dict[Any, Any]:
    """The top-level mapping, built key by key; the items under ITEM_KEY go through ON_ITEM one at a time."""
    loader = composer.loader
    start = loader.get_event()
    if start.tag not in (None, "!", "tag:yaml.org,2002:map"):
        raise yaml.constructor.ConstructorError(
            None, None, f"could not determine a constructor for the tag {start.tag!r}", start.start_mark
        )
    composer.depth = 1
    data: dict[Any, Any] = {}
    while not loader.check_event(MappingEndEvent):
        key_node = composer.unit_node()
        key = _construct(loader, key_node)
        try:
            repeated = key in data
        except TypeError:
            raise yaml.constructor.ConstructorError(None, None, "found unhashable key", key_node.start_mark) from None
        if repeated:
            raise yaml.constructor.ConstructorError(
                None, None, f"key '{key}' appears twice in the same mapping", key_node.start_mark
            )
        if key == item_key and loader.check_event(SequenceStartEvent) and loader.peek_event().tag is None:
            event = loader.get_event()
            composer._count(event)
            if event.anchor is not None:
                composer.anchors.add(event.anchor)
            composer.depth += 1
            items: list[Any] = []
            data[key] = items
            while not loader.check_event(SequenceEndEvent):
                items.append(on_item(len(items), _construct(loader, composer.unit_node()), data))
            loader.get_event()
            composer.depth -= 1
        else:
            data[key] = _construct(loader, composer.unit_node())
    loader.get_event()
    return data


def compose_load(
    text: str,
    loader_class: type[Any],
    *,
    path: Path | None,
    max_depth: int,
    item_key: str | None = None,
    on_item: ItemHook | None = None,
) -> Any:
    """The data of the single YAML document in TEXT (None if there is none), built with bounded memory."""
    loader = loader_class(text)
    try:
        composer = _Composer(loader, path, max_depth)
        loader.get_event()  # stream start
        data: Any = None
        first = None
        if not loader.check_event(StreamEndEvent):
            first = loader.get_event()  # document start
            if item_key is not None and on_item is not None and loader.check_event(MappingStartEvent):
                data = _root_mapping(composer, item_key, on_item)
            else:
                data = _construct(loader, composer.unit_node())
            loader.get_event()  # document end
        if not loader.check_event(StreamEndEvent):
            event = loader.get_event()
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                first.start_mark if first is not None else None,
                "but found another document",
                event.start_mark,
            )
        return data
    finally:
        loader.dispose()
