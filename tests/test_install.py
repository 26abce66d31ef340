"""What a newcomer installs is what we test: the lock matches pyproject.toml, the wheel and sdist work.

* The lock (requirements.lock, refreshed on purpose with `make lock`) pins every
  dependency pyproject.toml names, at a version pyproject.toml allows, with hashes.
* The wheel, installed into a new virtual environment outside the source tree
  with the locked versions, starts the window (its smoke test) and quotes the
  example from another folder, with the same figures as the source tree.
* The sdist carries what its own tests need, and the license.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tarfile
import tomllib
import venv
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from core import __version__
from gui.smoke import is_harmless
from tests.conftest import EXAMPLES, REPO

pytestmark = pytest.mark.packaging

LOCK = REPO / "requirements.lock"
TIMEOUT_S = 600  # a hang guard: installing PySide6 into a new environment copies ~150 MB
_PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^ ;\\]+)")


def locked() -> dict[str, tuple[str, str]]:
    """{canonical name: (version, the lock's whole entry)} from requirements.lock."""
    entries: dict[str, tuple[str, str]] = {}
    current: list[str] = []
    for line in [*LOCK.read_text(encoding="utf-8").splitlines(), ""]:
        if current and not line.startswith(" "):
            match = _PIN.match(current[0])
            assert match, current[0]
            entries[canonicalize_name(match[1])] = (match[2], "\n".join(current))
            current = []
        if line and not line.lstrip().startswith("#") and (current or not line.startswith(" ")):
            current.append(line)
    return entries


def declared(*extras: str) -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = list(project["dependencies"])
    for extra in extras:
        names += project["optional-dependencies"][extra]
    return [Requirement(name) for name in names]


def test_the_lock_pins_every_declared_dependency_at_an_allowed_version_with_hashes() -> None:
    pins = locked()
    for requirement in declared("dev"):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is in pyproject.toml but not in requirements.lock: run `make lock`"
        version, entry = pins[name]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"requirements.lock has {name}=={version}, which pyproject.toml's {requirement} refuses: run `make lock`"
        )
        assert "--hash=sha256:" in entry


def test_what_is_installed_is_what_the_lock_says() -> None:
    pins = locked()
    for name, (version, _entry) in pins.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue  # another platform's package (pywin32-ctypes, macholib, ...)
        assert installed == version, f"{name} {installed} is installed; the lock says {version}: rebuild .venv"


def runtime_closure() -> list[str]:
    """The locked entries the app needs at run time: its dependencies and theirs, for this platform."""
    pins = locked()
    environment: dict[str, str] = {**default_environment(), "extra": ""}
    wanted = [r for r in declared() if r.marker is None or r.marker.evaluate(environment)]
    seen: dict[str, str] = {}
    while wanted:
        requirement = wanted.pop()
        name = canonicalize_name(requirement.name)
        if name in seen:
            continue
        seen[name] = pins[name][1]
        for text in metadata.requires(name) or []:
            dependency = Requirement(text)
            if dependency.marker is None or dependency.marker.evaluate(environment):
                wanted.append(dependency)
    return list(seen.values())


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(arg) for arg in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
    )
    assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/ with a wheel and an sdist of the current sources, built with the locked setuptools."""
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--no-isolation", "--wheel", "--sdist", "--outdir", out, REPO, cwd=REPO)
    return out


@pytest.fixture(scope="module")
def installed(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The bin/ folder of a new virtual environment, outside the tree, with the wheel and the locked runtime."""
    root = tmp_path_factory.mktemp("wheel-install")
    assert REPO not in root.parents
    venv.create(root / "venv", with_pip=True)
    python = root / "venv" / ("Scripts" if os.name == "nt" else "bin") / "python"
    requirements = root / "runtime.lock"
    requirements.write_text("\n".join(runtime_closure()) + "\n", encoding="utf-8")
    pip = (python, "-m", "pip", "install", "--quiet", "--no-deps")
    run(*pip, "--require-hashes", "-r", requirements, cwd=root)
    (wheel,) = built.glob("*.whl")
    run(*pip, wheel, cwd=root)
    yield python.parent


#: Prints whether the installed guide is a file of the installed package and is the guide.
GUIDE_CHECK = (
    "from gui.views.guide import guide_file, guide_html; from pathlib import Path; "
    "print(Path(str(guide_file())).is_file(), 'user guide' in guide_html())"
)


def test_the_wheel_holds_every_package_of_the_tree(built: Path) -> None:
    import zipfile

    (wheel,) = built.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for package in ("core", "gui", "pricing", "resources"):
        for init in (REPO / package).rglob("__init__.py"):
            assert init.relative_to(REPO).as_posix() in names, f"{init.parent.name} is missing from the wheel"
    assert "pricing/openai-gpt-image.yaml" in names
    assert "resources/guide/index.html" in names  # the user guide opens offline from an installed wheel
    info = next(name for name in names if name.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(info).decode()
    assert "License-Expression: MIT" in text


def test_the_installed_wheel_starts_the_window_and_quotes_from_another_folder(
    installed: Path, tmp_path: Path
) -> None:
    example = tmp_path / "example.yaml"
    example.write_bytes((EXAMPLES / "example.yaml").read_bytes())
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["QT_QPA_PLATFORM"] = "offscreen"

    smoke = run(installed / "imagecost", "--smoke-test", example, cwd=tmp_path, env=env)
    assert [line for line in smoke.stderr.splitlines() if not is_harmless(line)] == []
    version = run(installed / "imagecost-cli", "--version", cwd=tmp_path, env=env)
    assert version.stdout.strip().endswith(__version__)

    quote = run(installed / "imagecost-cli", "quote", "example.yaml", "--format", "json", cwd=tmp_path, env=env)
    source_env = {**env, "PYTHONPATH": str(REPO)}
    source = run(sys.executable, "-m", "gui.cli", "quote", example, "--format", "json", cwd=REPO, env=source_env)
    assert json.loads(quote.stdout)["scenarios"] == json.loads(source.stdout)["scenarios"]
    # The installed app ran its own files, not the checkout's.
    where = run(installed / "python", "-c", "import gui; print(gui.__file__)", cwd=tmp_path, env=env)
    assert REPO not in Path(where.stdout.strip()).parents
    # The user guide reads from the installed package, offline.
    guide = run(installed / "python", "-c", GUIDE_CHECK, cwd=tmp_path, env=env)
    assert guide.stdout.split() == ["True", "True"]


def test_the_sdist_carries_its_tests_and_license(built: Path) -> None:
    (sdist,) = built.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    tracked = run("git", "ls-files", cwd=REPO).stdout.split() if (REPO / ".git").exists() else []
    wanted = {"LICENSE", "Makefile", "requirements.lock", "tests/conftest.py", "docs/examples/example.yaml"}
    wanted |= {name for name in tracked if name.startswith(("tests/", "docs/examples/", "pricing/", "resources/"))}
    assert wanted <= names, sorted(wanted - names)
