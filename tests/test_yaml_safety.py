"""The C composer is only ever reached with bounded nesting, and bombs are refused with bounded memory.

PyYAML's C composer recurses in C and segfaults (no exception) on deep
nesting. core/files/yamlio.py walks parser events first whenever a document could
nest deeply; these tests check its bound on random documents in every block
and flow style, and compose the deepest document that skips the walk on a
thread with a small (512 KB, macOS's default) stack.
"""

from __future__ import annotations

import threading
import tracemalloc

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import ImageCostError
from core.files.yamlio import MAX_DEPTH, Loader, load_yaml

BLOCK_STYLES = ("map", "map_wide", "seq_newline", "seq_compact", "indentless", "explicit_key")
FLOW_STYLES = ("flow_seq", "flow_map")


def emit(block: list[str], flow: list[str]) -> str:
    """A valid YAML document nesting one level per style: block styles outside, flow styles inside."""
    lines: list[str] = []
    current = ""  # the line being written
    for style in block:
        column = len(current)
        if style in ("map", "map_wide"):
            lines.append(current + "k:")
            current = " " * (column + (1 if style == "map" else 3))
        elif style == "indentless":  # a mapping whose value is a sequence at the key's own column
            lines.append(current + "k:")
            current = " " * column + "- "
        elif style == "seq_newline":
            lines.append(current + "-")
            current = " " * (column + 2)
        elif style == "seq_compact":
            current += "- "
        else:  # explicit_key: '? ' then the key node on the same line
            current += "? "
    inner = "x"
    for style in reversed(flow):
        inner = f"[{inner}]" if style == "flow_seq" else f"{{a: {inner}}}"
    lines.append(current + inner)
    return "\n".join(lines) + "\n"


def depth_of(text: str) -> int:
    depth = deepest = 0
    for event in yaml.parse(text, Loader=Loader):  # iterative in C: safe at any depth
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return deepest


@settings(max_examples=300, deadline=None)
@given(
    block=st.lists(st.sampled_from(BLOCK_STYLES), max_size=400),
    flow=st.lists(st.sampled_from(FLOW_STYLES), max_size=400),
)
def test_documents_that_skip_the_event_walk_nest_within_the_bound(block: list[str], flow: list[str]) -> None:
    text = emit(block, flow)
    depth = depth_of(text)
    assert depth >= len(block) + len(flow) - block.count("explicit_key")  # the emitter nests as meant
    try:
        load_yaml(text)
    except ImageCostError as exc:
        # Too deep, or a list/mapping used as an explicit '? ' key.
        assert (depth > MAX_DEPTH and "nests" in exc.message) or "mapping key must be text" in exc.message
    else:
        assert depth <= MAX_DEPTH  # one rule, whatever the shape: deeper is refused


def _deepest_accepted() -> str:
    """A document exactly MAX_DEPTH deep, mixing block and flow styles."""
    block = ["indentless"] * 16  # a mapping and a sequence each: 32 levels
    flow = ["flow_seq"] * 16 + ["flow_map"] * 16
    text = emit(block, flow)
    assert depth_of(text) == MAX_DEPTH
    return text


def test_any_document_deeper_than_the_limit_is_refused_whatever_its_shape() -> None:
    # 250 flow levels: under the old bracket budget this skipped the walk and failed later on a key.
    for text in ("x: " + "[" * 250 + "]" * 250 + "\n", emit(["indentless"] * 33, []), emit([], ["flow_map"] * 65)):
        with pytest.raises(ImageCostError, match=f"nests deeper than {MAX_DEPTH} levels"):
            load_yaml(text)
    assert load_yaml(emit([], ["flow_seq"] * MAX_DEPTH)) is not None  # at the limit: read


def test_the_deepest_accepted_document_loads_on_a_small_stack() -> None:
    text = _deepest_accepted()
    result: list[object] = []
    old = threading.stack_size(512 * 1024)  # a macOS secondary thread's stack
    try:
        worker = threading.Thread(target=lambda: result.append(load_yaml(text)))
        worker.start()
        worker.join()
    finally:
        threading.stack_size(old)
    assert result and result[0] is not None  # a segfault would have ended the test run


def test_the_deepest_accepted_document_as_a_scenario_file_is_a_clean_error() -> None:
    from core.pricing.engine import check_scenario
    from core.storage import scenario_file

    with pytest.raises(ImageCostError, match="unknown key 'k'"):
        scenario_file.loads("version: 1\n" + _deepest_accepted(), check=check_scenario)


@pytest.mark.parametrize(
    "text",
    [
        "x: " + "[" * 300 + "]" * 300,
        "x:\n" + "".join(" " * i + "k:\n" for i in range(1, 200)) + " " * 200 + "v\n",
        "- " * 300 + "x\n",
        "? " * 10 + "- " * 300 + "x\n",
        "? x\n: " + "- " * 300 + "x\n",
        "x:\r" + "".join(" " * i + "k:\r" for i in range(1, 100)) + " " * 100 + "v\r",
    ],
    ids=["flow", "indentation", "compact", "explicit-key", "explicit-value", "cr-line-ends"],
)
def test_deep_documents_of_every_style_are_refused(text: str) -> None:
    with pytest.raises(ImageCostError, match="deeper than"):
        load_yaml(text)


def _laughs(levels: int, width: int) -> str:
    lines = ["l0: &l0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("levels", "width"), [(10, 10), (30, 2), (9, 100)])
def test_alias_bombs_are_refused_with_bounded_memory(levels: int, width: int) -> None:
    text = _laughs(levels, width)  # width ** levels leaves when expanded
    tracemalloc.start()
    try:
        with pytest.raises(ImageCostError, match="aliases"):
            load_yaml(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024


def test_anchors_without_aliases_load() -> None:
    assert load_yaml("a: &x 1\nb: R&D, Q & A\n") == {"a": 1, "b": "R&D, Q & A"}


def test_duplicate_keys_merged_by_a_merge_key_are_not_duplicates() -> None:
    # Merges need aliases, which are refused; the override check itself must not fire on them.
    class Plain(Loader):  # type: ignore[misc,valid-type]
        pass

    data = yaml.load("base: &b {a: 1, b: 2}\nx:\n  <<: *b\n  a: 3\n", Loader=Plain)
    assert data["x"] == {"a": 3, "b": 2}
    with pytest.raises(yaml.constructor.ConstructorError, match="appears twice"):
        yaml.load("x:\n  a: 1\n  a: 2\n", Loader=Plain)
