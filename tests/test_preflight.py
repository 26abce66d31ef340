"""Checks before Qt starts: another project's package under our name, Qt's X11 libraries missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gui import preflight
from tests.conftest import REPO


def test_our_packages_are_ours() -> None:
    assert preflight.foreign_packages() == []


def _other_core(site: Path) -> None:
    """Another distribution, 'other-project', that ships a top-level `core` package, as pip would install it."""
    (site / "core").mkdir()
    (site / "core" / "__init__.py").write_text('__version__ = "9.9.9"\n', encoding="utf-8")
    info = site / "other_project-9.9.9.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: other-project\nVersion: 9.9.9\n", encoding="utf-8")
    (info / "top_level.txt").write_text("core\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("entry", "status", "prefix"), [("gui.cli", 2, "error: "), ("gui.app", 1, "imagecost: ")]
)
def test_another_projects_core_stops_both_commands_naming_both(
    tmp_path: Path, entry: str, status: int, prefix: str
) -> None:
    _other_core(tmp_path)
    # The other `core` first on the path, as when its files overwrote ours in site-packages.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(REPO)])}
    code = f"import sys; from {entry} import main; sys.exit(main(['--version']))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == status
    assert "9.9.9" not in result.stdout
    assert result.stderr.startswith(f"{prefix}the package 'core' at {tmp_path / 'core'} belongs to 'other-project', ")
    assert "not to image-cost-calculator: install Image Cost Calculator with pipx" in result.stderr


def test_install_command_names_each_distributions_packages_once() -> None:
    missing = ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-shape.so.0", "libxcb-randr.so.0"]
    assert preflight.install_command(missing, "debian") == (
        "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-shape0 libxcb-randr0"
    )
    assert preflight.install_command(missing, "fedora") == "sudo dnf install xcb-util-cursor xcb-util-wm libxcb"
    assert preflight.install_command(["libunknown.so.3"], "debian") == (
        "install the system packages that provide: libunknown.so.3"
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin exists only on Linux")
def test_the_real_xcb_plugin_finds_what_it_needs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    plugin = preflight.qt_platform_plugin()
    assert plugin is not None and plugin.name == "libqxcb.so"
    assert preflight.missing_qt_libraries(plugin) == []


def _compile(source: Path, output: Path, *args: str) -> None:
    compiler = shutil.which("cc") or shutil.which("gcc")
    assert compiler, "these tests build two tiny shared libraries: install a C compiler (Debian: gcc)"
    subprocess.run([compiler, "-shared", "-fPIC", "-o", str(output), str(source), *args], check=True)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF shared libraries")
def test_a_plugin_whose_library_is_missing_is_named(tmp_path: Path) -> None:
    # A stand-in for libqxcb.so that needs a library this system does not have.
    stub_dir = tmp_path / "stub"
    stub_dir.mkdir()
    source = tmp_path / "x.c"
    source.write_text("int imagecost_test(void) { return 1; }\n", encoding="utf-8")
    soname = "libimagecost-test-missing.so.1"
    _compile(source, stub_dir / soname, f"-Wl,-soname,{soname}")
    # Two libraries that need it, as libqxcb.so and libQt6XcbQpa.so both need libxcb-cursor: ldd names it twice.
    middle = stub_dir / "libimagecost-test-middle.so"
    _compile(source, middle, "-Wl,--no-as-needed", f"-L{stub_dir}", f"-l:{soname}")
    plugin = tmp_path / "libqxcb.so"
    plugin_rpath = f"-Wl,-rpath,{stub_dir}"
    _compile(source, plugin, "-Wl,--no-as-needed", plugin_rpath, f"-L{stub_dir}", f"-l:{soname}", f"-l:{middle.name}")
    (stub_dir / soname).unlink()
    assert subprocess.run(["ldd", str(plugin)], capture_output=True, text=True).stdout.count(soname) == 2

    assert preflight.missing_qt_libraries(plugin) == [soname]


def test_the_window_stops_with_the_command_before_qt_starts(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from gui import app

    monkeypatch.setattr(preflight, "missing_qt_libraries", lambda: ["libxcb-cursor.so.0"])
    monkeypatch.setattr(preflight, "_distribution_family", lambda: "debian")
    assert app.main([]) == 1
    assert capsys.readouterr().err == textwrap.dedent(
        """\
        imagecost: the window needs system libraries that are missing (libxcb-cursor.so.0): \
sudo apt-get install libxcb-cursor0
        """
    )
