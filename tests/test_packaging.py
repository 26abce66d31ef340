"""The frozen app runs on its own, away from the source tree, and says what the source says.

Builds dist/ through packaging/build.py (or reuses a build made from exactly
the current sources), copies the one-file executables into an empty folder
outside the repository and runs them there, with Qt offscreen and the user
folders pointed into a temp dir (conftest.py). Any line on stderr that is not
on the short list of known harmless Qt messages fails the test, in the manner
of qutebrowser's frozen smoke test.

Slow (a build takes minutes on two cores), so it is marked ``packaging``:
``pytest -m "not packaging"`` leaves it out while iterating.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PyInstaller.archive.readers import CArchiveReader
from pypdf import PdfReader

from core import __version__, build_info
from core.storage import scenario_file
from gui import cli
from gui.desktop.settings import AppSettings, settings_path
from gui.smoke import is_harmless
from tests.conftest import EXAMPLES, REPO
from tests.packaging_scripts import load_packaging_script, require_tool

pytestmark = pytest.mark.packaging

RUN_TIMEOUT_S = 180  # a hang guard only: a one-file start unpacks ~40 MB first


build = load_packaging_script("build")
freeze_options = load_packaging_script("freeze_options")
APP = build.TARGETS["app"]
EXE = build.EXE_SUFFIX


@pytest.fixture(scope="module")
def dist() -> Path:
    """dist/ with a build of the current sources (built now if missing or stale)."""
    build.build(APP)
    return Path(build.DIST)


@pytest.fixture(scope="module")
def loose(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An empty folder outside the repo holding only the one-file executables and the example."""
    folder = tmp_path_factory.mktemp("frozen")
    assert REPO not in folder.parents
    gui_onefile, cli_onefile = (dist / name for name in APP.onefiles)
    shutil.copy2(gui_onefile, folder / f"imagecost{EXE}")
    shutil.copy2(cli_onefile, folder / f"imagecost-cli{EXE}")
    shutil.copy2(EXAMPLES / "example.yaml", folder / "EXAMPLE.yaml")
    yield folder


def run(
    executable: Path | str,
    *args: str,
    cwd: Path,
    dropped: tuple[str, ...] = ("PYTHON", "QT_LOGGING"),
    **settings: str,
) -> subprocess.CompletedProcess[str]:
    """Run EXECUTABLE without the environment variables starting with DROPPED, offscreen unless SETTINGS say."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(dropped)}
    env.update({"QT_QPA_PLATFORM": "offscreen", **settings})
    return subprocess.run(
        [str(executable), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )


def unexpected_stderr(stderr: str) -> list[str]:
    return [
        line
        for line in stderr.splitlines()
        if line.strip() and not is_harmless(line)  # the smoke test's own list of harmless Qt messages
    ]


def check_clean(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stderr
    assert unexpected_stderr(result.stderr) == []


def test_window_smoke_test_loads_the_example_and_keeps_settings_where_the_source_does(loose: Path) -> None:
    settings = settings_path()
    assert not settings.exists()

    result = run(loose / f"imagecost{EXE}", "--smoke-test", "EXAMPLE.yaml", cwd=loose)

    check_clean(result)
    # The frozen window remembered the file in the settings file the source install reads.
    assert AppSettings(settings).recent_files() == [(loose / "EXAMPLE.yaml").resolve()]


def test_window_reports_the_package_version(loose: Path) -> None:
    result = run(loose / f"imagecost{EXE}", "--version", cwd=loose)
    check_clean(result)
    assert result.stdout == f"imagecost {__version__}\n"


def test_cli_quote_json_matches_the_source_install(loose: Path, capsys: pytest.CaptureFixture[str]) -> None:
    frozen = run(loose / f"imagecost-cli{EXE}", "quote", "EXAMPLE.yaml", "--format", "json", cwd=loose)
    check_clean(frozen)

    os.chdir(loose)  # the same relative path, read by the source install
    try:
        assert cli.main(["quote", "EXAMPLE.yaml", "--format", "json"]) == 0
    finally:
        os.chdir(REPO)
    source = capsys.readouterr().out

    assert json.loads(frozen.stdout) == json.loads(source)
    assert json.loads(frozen.stdout)["scenarios"], "the example prices at least one scenario"


def test_cli_writes_a_pdf_quote_with_the_bundled_qt(loose: Path) -> None:
    result = run(loose / f"imagecost-cli{EXE}", "quote", "EXAMPLE.yaml", "--format", "pdf", "-o", "q.pdf", cwd=loose)
    check_clean(result)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(loose / "q.pdf").pages)
    example = scenario_file.load(loose / "EXAMPLE.yaml")
    assert example.quote.title in text
    assert all(scenario.name in text for scenario in example.scenarios)


def test_cli_reports_a_bad_file_in_one_line_without_a_traceback(loose: Path) -> None:
    (loose / "broken.yaml").write_text("version: 1\nscenarios:\n  - name: x\n    model: no-such-model\n")
    result = run(loose / f"imagecost-cli{EXE}", "quote", "broken.yaml", cwd=loose)
    assert result.returncode == cli.EXIT_USAGE
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "broken.yaml" in lines[0]
    assert "Traceback" not in result.stderr


def test_folder_bundle_holds_both_executables_sharing_one_runtime(dist: Path, tmp_path: Path) -> None:
    folder = dist / APP.folder
    for name in ("imagecost", "imagecost-cli"):
        result = run(folder / f"{name}{EXE}", "--version", cwd=tmp_path)
        check_clean(result)
        assert result.stdout == f"{name} {__version__}\n"
    assert sorted(path.name for path in folder.iterdir() if path.is_dir()) == ["_internal"]


def test_bundle_is_lean_but_complete(dist: Path) -> None:
    runtime = dist / APP.folder / "_internal"
    files = [path.relative_to(runtime).as_posix() for path in runtime.rglob("*") if path.is_file()]
    qt = [name for name in files if name.startswith("PySide6/")]
    # Data read through importlib.resources, shipped as package files.
    assert {"pricing/openai-gpt-image.yaml", "resources/icons/imagecost-256.png", "resources/guide/index.html"} <= set(
        files
    )
    # Headless runs need the offscreen platform; the desktops need theirs.
    plugins = {Path(name).name for name in qt if "/plugins/platforms/" in name}
    assert any(name.startswith(("libqoffscreen", "qoffscreen")) for name in plugins)
    assert any(name.startswith(("libqxcb", "qwindows", "libqcocoa")) for name in plugins)
    # Nothing of the Qt the app does not use.
    unwanted = re.compile(r"translations/|Qt6?(Network|Qml|Quick|WebEngine|Pdf|VirtualKeyboard)|qmltooling|/tls/")
    assert [name for name in qt if unwanted.search(name)] == []
    # Printing uses the system's CUPS client, with the TLS stack it links (see SYSTEM_LINKED_PLUGINS).
    assert any("/plugins/printsupport/" in name for name in qt) == sys.platform.startswith("linux")
    assert not [name for name in files if re.match(r"lib(cups|gnutls|krb5)\.so", Path(name).name)]


def frozen_modules(executable: Path) -> set[str]:
    """The Python modules frozen into an executable's PYZ archive."""
    archive = CArchiveReader(str(executable))
    archives = [archive.open_embedded_archive(name) for name in archive.toc if name.endswith(".pyz")]
    return {module for pyz in archives for module in pyz.toc}


def test_neither_executable_carries_dev_tools(dist: Path) -> None:
    folder = dist / APP.folder
    gui_modules = frozen_modules(folder / f"imagecost{EXE}")
    cli_modules = frozen_modules(folder / f"imagecost-cli{EXE}")
    assert {"gui.app", "gui.desktop.identity", "gui.desktop.file_open", "core", "PySide6"} <= gui_modules
    # The command line lays PDFs out with the window's Qt renderer, imported only for PDF.
    expected = {"gui.cli", "core.pricing.engine", "core.pricing.report", "gui.quote.files", "gui.quote.printing"}
    assert expected <= cli_modules
    left_out = ("hypothesis", "mypy", "pytest", "_pytest", "pydantic.mypy", "ssl")
    bundled = gui_modules | cli_modules
    assert not {module for module in bundled for name in left_out if module == name or module.startswith(name + ".")}


def test_bare_window_baseline_smoke_test_ends_after_its_first_frame() -> None:
    """make package-bare freezes it for the benchmark: like imagecost --smoke-test it waits for an event, no delay."""
    result = run(sys.executable, str(REPO / "bench" / "floor_window.py"), "--smoke-test", cwd=REPO, dropped=())
    assert result.returncode == 0, result.stderr
    assert unexpected_stderr(result.stderr) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb libraries are Linux's")
def test_linux_bundle_carries_the_xcb_libraries_and_leaves_the_system_ones(dist: Path) -> None:
    runtime = dist / APP.folder / "_internal"
    assert freeze_options.missing_xcb_libraries(runtime) == {}
    assert build.bundle_problems(APP, dist) == []
    bundled = {path.name for path in runtime.iterdir()}
    assert not bundled & set(freeze_options.SYSTEM_LIBRARIES)
    # The one-file builds unpack the same libraries.
    for onefile in APP.onefiles:
        names = {Path(name).name for name in CArchiveReader(str(dist / onefile)).toc}
        assert set(freeze_options.BUNDLED_XCB_LIBRARIES) <= names, onefile
        assert not names & set(freeze_options.SYSTEM_LIBRARIES), onefile


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is Linux's")
def test_window_starts_on_x11_with_the_xcb_libraries_from_the_bundle(dist: Path, tmp_path: Path) -> None:
    """On a real X server (Xvfb), the xcb plugin loads its libraries from the bundle, not the system."""
    xvfb_run = require_tool("xvfb-run", "xvfb")
    require_tool("xauth", "xauth")  # xvfb-run needs it
    shutil.copy2(EXAMPLES / "example.yaml", tmp_path / "EXAMPLE.yaml")
    result = run(
        xvfb_run,
        "-a",
        str(dist / APP.folder / f"imagecost{EXE}"),
        "--smoke-test",
        "EXAMPLE.yaml",
        cwd=tmp_path,
        dropped=("PYTHON", "QT_"),
        QT_QPA_PLATFORM="xcb",
        LD_DEBUG="libs",
    )
    assert result.returncode == 0, result.stderr[-3000:]
    loaded = {Path(line.split()[-1]) for line in result.stderr.splitlines() if "calling init:" in line}
    runtime = (dist / APP.folder / "_internal").resolve()
    from_bundle = {path.name for path in loaded if runtime in path.parents}
    assert "libqxcb.so" in from_bundle
    assert set(freeze_options.BUNDLED_XCB_LIBRARIES) <= from_bundle
    assert {path.name for path in loaded if runtime not in path.parents} >= {"libxcb.so.1", "libX11.so.6"}


def test_frozen_builds_report_what_they_were_built_from(dist: Path, loose: Path) -> None:
    record = build_info.bundled(dist / APP.folder / "_internal")
    assert record is not None and record.frozen
    assert record.app_version == __version__
    assert record.python == ".".join(map(str, sys.version_info[:3]))
    assert set(record.versions) == {name for name, _dist in build_info.COMPONENTS}
    assert record.build_date and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", record.build_date)
    assert record.git_commit is None or re.fullmatch(r"[0-9a-f]{40}", record.git_commit)
    for prog in ("imagecost", "imagecost-cli"):
        result = run(loose / f"{prog}{EXE}", "--version", "--verbose", cwd=loose)
        check_clean(result)
        assert result.stdout == record.text(prog)
    # The record names the versions this environment froze, as the source install reports them.
    assert record.versions == build_info.installed().versions
