"""Every image the docs show is one `make screenshots` regenerates, and none is left over."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "docs" / "screenshots" / "make_screenshots.py"


def _published() -> set[str]:
    spec = importlib.util.spec_from_file_location("make_screenshots", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {*module.PUBLISHED.values(), "quote-page-1.png"}


def test_the_docs_show_only_images_the_script_makes() -> None:
    shown: set[str] = set()
    for doc in [REPO / "README.md", *(REPO / "docs").glob("*.md")]:
        for link in re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", doc.read_text(encoding="utf-8")):
            path = (doc.parent / link).resolve()
            assert path.is_file(), f"{doc.name} shows {link}, which is missing"
            assert path.parent == REPO / "docs" / "images", f"{doc.name} shows {link}, which no script makes"
            shown.add(path.name)
    published = _published()
    assert shown <= published
    assert {p.name for p in (REPO / "docs" / "images").glob("*.png")} == published  # nothing stale beside them
    assert shown == published  # and each one made is shown somewhere
