"""Load a script from packaging/ as a module: packaging/ is a folder of scripts, not a package."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from types import ModuleType

import pytest

from tests.conftest import REPO


def load_packaging_script(name: str) -> ModuleType:
    """packaging/NAME.py, imported once under the name ``packaging_NAME``."""
    module_name = f"packaging_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, REPO / "packaging" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def require_tool(command: str, debian_package: str) -> str:
    """The path of ``command``, or fail the test saying which Debian package provides it.

    The packaging checks use Debian's own tools. A missing tool fails rather than
    skips, so CI cannot go green without running the check.
    """
    path = shutil.which(command)
    if path is None:
        pytest.fail(
            f"{command} is not installed: install the Debian package {debian_package}"
            f" (apt-get install -y {debian_package})"
        )
    return path
