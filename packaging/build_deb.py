"""Package the one-folder Linux build as a .deb, with Debian's own tools, and check it with lintian.

    python packaging/build_deb.py        (make deb)

Builds dist/imagecost/ first unless it is up to date (build.py), then lays out:

    /opt/image-cost-calculator/                  the one-folder bundle, as built
    /usr/bin/imagecost, /usr/bin/imagecost-cli   symlinks into it
    /usr/share/applications/ID.desktop           the menu entry (ID: the app id)
    /usr/share/metainfo/ID.metainfo.xml          what software centres show
    /usr/share/mime/packages/imagecost-scenario.xml
    /usr/share/icons/hicolor/*/apps/imagecost.{png,svg}
    /usr/share/man/man1/imagecost.1.gz, imagecost-cli.1.gz
    /usr/share/doc/image-cost-calculator/        copyright, changelog.Debian.gz
    /usr/share/lintian/overrides/image-cost-calculator

Depends is computed by dpkg-shlibdeps from the ELF files in the bundle: it names
the packages of the system libraries the bundle does not carry (glibc, libX11,
libxcb, libGL, fontconfig, dbus...; freeze_options.SYSTEM_LIBRARIES). The menu,
MIME and icon caches are refreshed by dpkg triggers, so the package has no
maintainer scripts. dpkg-deb --root-owner-group builds it without fakeroot;
lintian must report no errors, and the warnings it may report are overridden,
each with its reason, in packaging/deb/lintian-overrides.

Needs the Debian packages dpkg-dev (dpkg-shlibdeps, dpkg-architecture) and lintian.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import shutil
import struct
import subprocess
import sys
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build
import freeze_options as opt

PACKAGE = "image-cost-calculator"
DEBIAN_REVISION = "1"
INSTALL_DIR = Path("opt") / PACKAGE
DEB_FILES = opt.PACKAGING / "deb"
STAGE = build.BUILD / "deb"
DEFAULT_MAINTAINER = "Image Cost Calculator maintainers <maintainers@imagecost.invalid>"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# (command, Debian package): what this script runs besides Python.
TOOLS = (
    ("dpkg-deb", "dpkg"),
    ("dpkg-shlibdeps", "dpkg-dev"),
    ("dpkg-architecture", "dpkg-dev"),
    ("lintian", "lintian"),
)
SUMMARY = "estimate what OpenAI image generation will cost"
DESCRIPTION = """\
 Image Cost Calculator prices OpenAI image generation before you run it:
 describe a workload (model, quality, size, requests per month, retries,
 tokens, input images) and it itemises the monthly cost, each rate traced
 to the published price it came from. It compares scenarios, checks budgets
 and rate limits, projects growth and exports quotes (PDF, HTML, Markdown,
 CSV, JSON). The imagecost-cli command gives the same figures for scripts.
 .
 This package holds a self-contained build (Python, Qt and the libraries
 the app uses) in /opt/image-cost-calculator."""


def missing_tools() -> list[str]:
    """One line for each tool this script needs that is not installed, naming its Debian package."""
    return [
        f"{command} is not installed: install the Debian package {package} (apt-get install {package})"
        for command, package in TOOLS
        if shutil.which(command) is None
    ]


def debian_version() -> str:
    """The package version: the app's version with a Debian revision, e.g. 0.1.0-1."""
    return f"{build._app_version()}-{DEBIAN_REVISION}"


def architecture() -> str:
    """Debian's name for this machine's architecture (amd64, arm64...)."""
    return subprocess.run(
        ["dpkg-architecture", "-qDEB_HOST_ARCH"], capture_output=True, text=True, check=True
    ).stdout.strip()


def deb_path(dist: Path = build.DIST) -> Path:
    """dist/image-cost-calculator_VERSION_ARCH.deb, Debian's naming."""
    return dist / f"{PACKAGE}_{debian_version()}_{architecture()}.deb"


def maintainer() -> str:
    """DEBFULLNAME and DEBEMAIL, as Debian's tools read them, else the project's address."""
    name, email = os.environ.get("DEBFULLNAME"), os.environ.get("DEBEMAIL")
    return f"{name} <{email}>" if name and email else DEFAULT_MAINTAINER


def _is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


DT_NULL, DT_STRTAB, DT_RPATH, DT_RUNPATH = 0, 5, 15, 29
PT_LOAD, PT_DYNAMIC = 1, 2


def drop_foreign_runpaths(path: Path) -> list[str]:
    """Remove RPATH/RUNPATH entries that point outside the bundle from an ELF file; return what was removed.

    A Python built with its own prefix (pyenv, actions/setup-python) gives its
    extension modules a RUNPATH into the build machine's home, such as
    /root/.pyenv/versions/3.11.7/lib. On a user's machine that folder does
    not exist, or belongs to someone else. Entries relative to $ORIGIN (Qt's)
    stay. Done as chrpath -d does it: the entry is cut out of the dynamic
    array and the array closed with one more DT_NULL, so no tool is needed.
    """
    data = bytearray(path.read_bytes())
    if data[:4] != b"\x7fELF":
        return []
    wide, order = data[4] == 2, "<" if data[5] == 1 else ">"
    word = addr = "Q" if wide else "I"
    header = struct.Struct(f"{order}16sHHI{addr}{addr}{addr}IHHHHHH")
    fields = header.unpack_from(data)
    phoff, phentsize, phnum = fields[5], fields[9], fields[10]
    # ELF64: type, flags, offset, vaddr, paddr, filesz, memsz, align; ELF32: type, offset, vaddr, paddr, filesz...
    program = struct.Struct(f"{order}IIQQQQQQ" if wide else f"{order}IIIIIIII")
    segments = []
    for index in range(phnum):
        raw = program.unpack_from(data, phoff + index * phentsize)
        kind, offset, vaddr, filesz = (raw[0], raw[2], raw[3], raw[5]) if wide else (raw[0], raw[1], raw[2], raw[4])
        segments.append((kind, offset, vaddr, filesz))
    dynamic = next(((offset, filesz) for kind, offset, _vaddr, filesz in segments if kind == PT_DYNAMIC), None)
    if dynamic is None:
        return []
    entry = struct.Struct(f"{order}{'q' if wide else 'i'}{word}")
    start, size = dynamic
    entries = [entry.unpack_from(data, start + offset) for offset in range(0, size - entry.size + 1, entry.size)]
    strtab = next((value for tag, value in entries if tag == DT_STRTAB), None)
    if strtab is None:
        return []
    strtab_offset = next(
        offset + strtab - vaddr
        for kind, offset, vaddr, filesz in segments
        if kind == PT_LOAD and vaddr <= strtab < vaddr + filesz
    )

    def string(at: int) -> str:
        end = data.index(0, strtab_offset + at)
        return data[strtab_offset + at : end].decode("utf-8", "replace")

    kept, removed = [], []
    for tag, value in entries:
        if tag in (DT_RPATH, DT_RUNPATH) and not string(value).startswith("$ORIGIN"):
            removed.append(string(value))
        else:
            kept.append((tag, value))
    if not removed:
        return []
    kept.extend([(DT_NULL, 0)] * (len(entries) - len(kept)))
    for index, (tag, value) in enumerate(kept):
        entry.pack_into(data, start + index * entry.size, tag, value)
    path.write_bytes(bytes(data))
    return removed


def _normalise_modes(root: Path, executables: set[Path]) -> None:
    """Directories 0755, the two programs 0755, everything else 0644, as Debian policy asks."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir() or path in executables:
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def _copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)


def _write_gzip(dest: Path, text: str) -> None:
    """gzip -9n: no name and no time stamp in the header, so the same text gives the same bytes."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    with dest.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as gz:
        gz.write(text.encode("utf-8"))


def changelog(version: str, when: str) -> str:
    """changelog.Debian: one entry for this build (the app's own history is in its releases)."""
    return (
        f"{PACKAGE} ({version}) unstable; urgency=medium\n\n"
        f"  * Package the self-contained build of Image Cost Calculator {version.rsplit('-', 1)[0]}.\n\n"
        f" -- {maintainer()}  {when}\n"
    )


def lay_out(root: Path, folder: Path) -> None:
    """Stage the installed tree of the package under ``root`` from the one-folder build ``folder``."""
    resources = opt.REPO / "resources"
    app_id = opt.BUNDLE_ID
    install = root / INSTALL_DIR
    shutil.copytree(folder, install, symlinks=True)
    for path in install.rglob("*"):
        if path.is_file() and not path.is_symlink() and _is_elf(path):
            drop_foreign_runpaths(path)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for name in (opt.GUI_NAME, opt.CLI_NAME):
        # Absolute: a link between top-level folders, as Debian policy 10.5 asks.
        (bin_dir / name).symlink_to(Path("/") / INSTALL_DIR / name)
    share = root / "usr" / "share"
    _copy(resources / "linux" / f"{app_id}.desktop", share / "applications" / f"{app_id}.desktop")
    _copy(resources / "linux" / f"{app_id}.metainfo.xml", share / "metainfo" / f"{app_id}.metainfo.xml")
    _copy(resources / "linux" / "imagecost-scenario.xml", share / "mime" / "packages" / "imagecost-scenario.xml")
    hicolor = share / "icons" / "hicolor"
    for size in ICON_SIZES:
        _copy(resources / "icons" / f"imagecost-{size}.png", hicolor / f"{size}x{size}" / "apps" / "imagecost.png")
    _copy(resources / "icons" / "imagecost.svg", hicolor / "scalable" / "apps" / "imagecost.svg")
    for page in (opt.GUI_NAME, opt.CLI_NAME):
        text = (DEB_FILES / f"{page}.1").read_text(encoding="utf-8")
        _write_gzip(share / "man" / "man1" / f"{page}.1.gz", text)
    doc = share / "doc" / PACKAGE
    _copy(DEB_FILES / "copyright", doc / "copyright")
    _copy(DEB_FILES / "lintian-overrides", share / "lintian" / "overrides" / PACKAGE)
    _normalise_modes(root, {install / opt.GUI_NAME, install / opt.CLI_NAME})


def _shlibs_entry(filename: str) -> str | None:
    """'libxcb-cursor.so.0' -> 'libxcb-cursor 0', the shlibs name of a versioned library; None otherwise."""
    name, dot_so, version = filename.partition(".so.")
    return f"{name} {version}" if dot_so and name and version else None


def shlib_depends(root: Path, work: Path) -> dict[str, str]:
    """Depends (and Recommends) for the system libraries the bundle's ELF files link, from dpkg-shlibdeps.

    Libraries the bundle carries are found in it (-l) and need nothing from the
    system; dpkg-shlibdeps wants a debian/control to name the package it is for.
    """
    control = work / "debian" / "control"
    control.parent.mkdir(parents=True, exist_ok=True)
    control.write_text(
        f"Source: {PACKAGE}\nMaintainer: {maintainer()}\n\nPackage: {PACKAGE}\nArchitecture: any\n", encoding="utf-8"
    )
    install = root / INSTALL_DIR
    elves = sorted(path for path in install.rglob("*") if path.is_file() and not path.is_symlink() and _is_elf(path))
    private = sorted({path.parent for path in elves if ".so" in path.name})
    # A library the bundle carries satisfies itself: a shlibs.local entry with no dependency says so.
    # Without it, dpkg-shlibdeps falls back on the system's copy and depends on its package.
    local = sorted({entry for path in elves if (entry := _shlibs_entry(path.name)) is not None})
    (work / "debian" / "shlibs.local").write_text("".join(f"{entry}\n" for entry in local), encoding="utf-8")
    # The CUPS printer plugin is loaded on demand, and the app works without it (no printers,
    # PDF export still works: freeze_options.SYSTEM_LINKED_PLUGINS): its libraries are Recommends.
    optional = [path for path in elves if any(folder in path.as_posix() for folder in opt.SYSTEM_LINKED_PLUGINS)]
    required = [path for path in elves if path not in optional]
    result = subprocess.run(
        [
            "dpkg-shlibdeps",
            "-O",
            *(f"-l{folder}" for folder in private),
            "-dDepends",
            *(f"-e{path}" for path in required),
            "-dRecommends",
            *(f"-e{path}" for path in optional),
        ],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"error: dpkg-shlibdeps failed:\n{result.stderr}")
    fields = dict(line.removeprefix("shlibs:").partition("=")[::2] for line in result.stdout.splitlines())
    if not fields.get("Depends"):
        raise SystemExit(f"error: dpkg-shlibdeps printed no Depends:\n{result.stdout}{result.stderr}")
    return fields


def _installed_size_kib(root: Path) -> int:
    return sum((path.lstat().st_size + 1023) // 1024 for path in root.rglob("*") if not path.is_dir()) + sum(
        1 for path in root.rglob("*") if path.is_dir()
    )


def write_control(root: Path, relations: dict[str, str], version: str) -> None:
    """DEBIAN/control and DEBIAN/md5sums."""
    debian = root / "DEBIAN"
    debian.mkdir(mode=0o755)
    fields = {
        "Package": PACKAGE,
        "Version": version,
        "Architecture": architecture(),
        "Maintainer": maintainer(),
        "Installed-Size": str(_installed_size_kib(root)),
        **{field: relations[field] for field in ("Depends", "Recommends") if relations.get(field)},
        "Section": "misc",
        "Priority": "optional",
        "Description": f"{SUMMARY}\n{DESCRIPTION}",
    }
    (debian / "control").write_text("".join(f"{key}: {value}\n" for key, value in fields.items()), encoding="utf-8")
    sums = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and debian not in path.parents:
            sums.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {path.relative_to(root).as_posix()}\n")  # noqa: S324  # the format dpkg wants
    (debian / "md5sums").write_text("".join(sums), encoding="utf-8")
    for path in debian.iterdir():
        path.chmod(0o644)


def lintian(deb: Path, *, infos: bool = False) -> str:
    """Run lintian on ``deb``; SystemExit with its report if it finds errors. Returns the report.

    ``infos`` adds lintian's informational tags, among them an override that no longer matches anything.
    """
    result = subprocess.run(
        ["lintian", "--fail-on", "error", "--tag-display-limit", "0", *(["--display-info"] if infos else []), str(deb)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = result.stdout + result.stderr
    if result.returncode != 0:
        raise SystemExit(f"error: lintian found errors in {deb.name}:\n{report}")
    return report


def build_deb(*, force: bool = False, check: bool = True) -> Path:
    """Build (or reuse) dist/imagecost/ and package it as dist/image-cost-calculator_VERSION_ARCH.deb."""
    problems = missing_tools()
    if problems:
        raise SystemExit("".join(f"error: {problem}\n" for problem in problems).rstrip("\n"))
    target = build.TARGETS["app"]
    build.build(target, force=force)
    version = debian_version()
    if STAGE.exists():
        shutil.rmtree(STAGE)
    root = STAGE / "root"
    lay_out(root, build.DIST / target.folder)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC).replace(microsecond=0)
    _write_gzip(root / "usr/share/doc" / PACKAGE / "changelog.Debian.gz", changelog(version, format_datetime(moment)))
    (root / "usr/share/doc" / PACKAGE / "changelog.Debian.gz").chmod(0o644)
    write_control(root, shlib_depends(root, STAGE), version)
    deb = deb_path()
    deb.unlink(missing_ok=True)
    subprocess.run(
        ["dpkg-deb", "--build", "--root-owner-group", "-Zxz", str(root), str(deb)],
        check=True,
        capture_output=True,
    )
    if check:
        report = lintian(deb)
        if report.strip():
            print(report.rstrip())
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Package the one-folder build as a .deb and check it with lintian.")
    parser.add_argument("--force", action="store_true", help="rebuild dist/imagecost/ even if it is up to date")
    parser.add_argument("--no-lintian", action="store_true", help="skip the lintian check (quicker, for iterating)")
    args = parser.parse_args(argv)
    print(build_deb(force=args.force, check=not args.no_lintian))
    return 0


if __name__ == "__main__":
    sys.exit(main())
