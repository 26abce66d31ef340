"""The .deb (make deb) installs the one-folder build the Debian way, and lintian finds no errors in it.

Built through packaging/build_deb.py, which builds or reuses dist/imagecost/,
lays the package out, computes Depends with dpkg-shlibdeps and fails if
lintian reports an error. Debian's tools are required: where one is missing
the test fails and names the Debian package to install (dpkg-dev, lintian),
rather than skipping.

The package is not installed (this machine is shared); it is unpacked with
dpkg-deb into a temp folder, and the unpacked programs are run there.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
from pathlib import Path

import pytest

from core import __version__
from tests.conftest import EXAMPLES
from tests.packaging_scripts import load_packaging_script, require_tool

pytestmark = pytest.mark.packaging

build_deb = load_packaging_script("build_deb")
freeze_options = load_packaging_script("freeze_options")
APP_ID = freeze_options.BUNDLE_ID
OPT = "opt/image-cost-calculator"


@pytest.fixture(scope="module")
def deb() -> Path:
    for command, package in (*build_deb.TOOLS, ("objdump", "binutils")):
        require_tool(command, package)
    return Path(build_deb.build_deb(check=False))  # lintian runs once, in its own test


def field(deb: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "--field", str(deb), name], capture_output=True, text=True, check=True).stdout


def relations(text: str) -> set[str]:
    """'libc6 (>= 2.35), libgl1' -> {'libc6', 'libgl1'}."""
    return {part.split()[0] for part in text.split(",") if part.strip()}


def test_deb_is_named_and_described_as_debian_wants(deb: Path) -> None:
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()
    assert deb.name == f"image-cost-calculator_{__version__}-1_{arch}.deb"
    assert deb.parent.name == "dist"
    assert field(deb, "Package").strip() == "image-cost-calculator"
    assert field(deb, "Version").strip() == f"{__version__}-1"


def test_depends_names_the_system_libraries_and_none_the_bundle_carries(deb: Path) -> None:
    depends = relations(field(deb, "Depends"))
    # Left to the system on purpose (freeze_options.SYSTEM_LIBRARIES, plus glibc, libGL/EGL, libxcb, Wayland).
    assert {"libc6", "libx11-6", "libx11-xcb1", "libxcb1", "libgl1", "libegl1", "libfontconfig1"} <= depends
    assert {"libfreetype6", "libdbus-1-3", "libstdc++6", "libgcc-s1", "libwayland-client0"} <= depends
    for package in freeze_options.SYSTEM_LIBRARIES.values():
        if package not in {"libxau6", "libxdmcp6"}:  # only libxcb, itself a system library, links these
            assert package in depends, package
    # Carried by the bundle: no dependency on the system's copy.
    assert not depends & set(freeze_options.BUNDLED_XCB_LIBRARIES.values())
    # Printing is optional (the CUPS plugin): recommended, not required.
    assert relations(field(deb, "Recommends")) == {"libcups2"}


def test_deb_lays_out_the_app_where_desktops_find_it(deb: Path) -> None:
    listing = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True).stdout
    entries = {}
    for line in listing.splitlines():
        mode, owner, *_rest = line.split(maxsplit=5)
        path = line.split(" ./", 1)[1]
        entries[path.split(" -> ")[0].rstrip("/")] = (mode, owner, path)
    assert {owner for _mode, owner, _path in entries.values()} == {"root/root"}
    for name in ("imagecost", "imagecost-cli"):
        mode, _owner, path = entries[f"usr/bin/{name}"]
        assert mode.startswith("l") and path.endswith(f" -> /{OPT}/{name}")
        assert entries[f"{OPT}/{name}"][0] == "-rwxr-xr-x"
    expected = {
        f"usr/share/applications/{APP_ID}.desktop",
        f"usr/share/metainfo/{APP_ID}.metainfo.xml",
        "usr/share/mime/packages/imagecost-scenario.xml",
        "usr/share/icons/hicolor/scalable/apps/imagecost.svg",
        "usr/share/doc/image-cost-calculator/copyright",
        "usr/share/doc/image-cost-calculator/changelog.Debian.gz",
        "usr/share/lintian/overrides/image-cost-calculator",
        "usr/share/man/man1/imagecost.1.gz",
        "usr/share/man/man1/imagecost-cli.1.gz",
        *(f"usr/share/icons/hicolor/{size}x{size}/apps/imagecost.png" for size in build_deb.ICON_SIZES),
        *(f"{OPT}/_internal/{name}" for name in freeze_options.BUNDLED_XCB_LIBRARIES),
        f"{OPT}/_internal/build-info.json",
    }
    assert expected <= set(entries)
    assert not [path for path in entries if path.startswith("DEBIAN")]


def test_lintian_finds_no_errors_and_every_override_is_used(deb: Path) -> None:
    report = build_deb.lintian(deb, infos=True)  # SystemExit with the report if lintian finds an error
    assert not [line for line in report.splitlines() if line.startswith(("E:", "W:"))], report
    assert "unused-override" not in report and "mismatched-override" not in report, report


def test_unpacked_programs_run_and_report_their_build(deb: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "--extract", str(deb), str(root)], check=True)
    # No foreign RUNPATH survives (a pyenv or setup-python build points into the build machine's home).
    internal = root / OPT / "_internal"
    for path in internal.rglob("*.so*"):
        if path.is_file() and not path.is_symlink():
            paths = [folder for _tag, value in dynamic_paths(path) for folder in value.split(":")]
            assert all(folder.startswith("$ORIGIN") for folder in paths), (path, paths)
    # /usr/bin/imagecost-cli is a symlink into /opt: the bootloader must find _internal/ through it.
    link = tmp_path / "bin" / "imagecost-cli"
    link.parent.mkdir()
    link.symlink_to(root / OPT / "imagecost-cli")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "QT_"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    version = subprocess.run(
        [str(link), "--version", "--verbose"], capture_output=True, text=True, env=env, check=True, timeout=120
    )
    assert version.stdout.startswith(f"imagecost-cli {__version__}\nbuild: frozen build of ")
    quote = subprocess.run(
        [str(link), "quote", str(EXAMPLES / "example.yaml"), "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    assert '"scenarios"' in quote.stdout


def dynamic_paths(library: Path) -> list[tuple[str, str]]:
    """(RPATH or RUNPATH, value) entries of an ELF file, as objdump shows them."""
    dump = subprocess.run(["objdump", "-p", str(library)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in dump.splitlines()]
    return [(row[0], row[1]) for row in rows if row[:1] in (["RPATH"], ["RUNPATH"])]


@pytest.mark.parametrize("new_dtags", [True, False], ids=["RUNPATH", "RPATH"])
def test_foreign_library_paths_are_cut_and_origin_ones_kept(tmp_path: Path, new_dtags: bool) -> None:
    """On small shared objects linked here: the rewritten file is still one the dynamic linker loads."""
    assembler, linker = require_tool("as", "binutils"), require_tool("ld", "binutils")
    empty = tmp_path / "empty.o"
    subprocess.run([assembler, "-o", str(empty), "/dev/null"], check=True)
    tag = "RUNPATH" if new_dtags else "RPATH"
    dtags = "--enable-new-dtags" if new_dtags else "--disable-new-dtags"
    for name, rpath, removed in (("foreign", "/home/builder/.pyenv/lib", True), ("origin", "$ORIGIN/lib", False)):
        library = tmp_path / f"lib{name}.so"
        subprocess.run([linker, "-shared", dtags, "-rpath", rpath, "-o", str(library), str(empty)], check=True)
        assert dynamic_paths(library) == [(tag, rpath)]

        assert build_deb.drop_foreign_runpaths(library) == ([rpath] if removed else [])

        assert dynamic_paths(library) == ([] if removed else [(tag, rpath)])
        ctypes.CDLL(str(library))  # still a valid shared object
