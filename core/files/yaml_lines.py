"""Find the line of a field in YAML text, so errors can say 'line 12'.

Only used after something went wrong, so its cost (a second parse into nodes)
is never paid on the happy path.
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from core.files.yamlio import SafeLoader


def line_of(text: str, loc: Sequence[int | str]) -> int | None:
    """1-based line of the node at LOC (e.g. ('scenarios', 2, 'size')), or the nearest parent."""
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    line = key.start_mark.line + 1
                    node = value
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line
