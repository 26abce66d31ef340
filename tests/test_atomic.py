"""Saving never loses the old file: atomic replace, backups, failures, kills.

The fault test SIGKILLs a process in the middle of saving a large scenario
file, again and again, and checks that the file (and its backup) is always
the complete old or the complete new version.
"""

from __future__ import annotations

import errno
import os
import random
import signal
import stat
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from core.errors import SaveError, ScenarioFileError
from core.files import atomic
from core.files.atomic import atomic_write_text, backup_path
from core.model.scenario import Scenario
from core.storage import scenario_file
from core.storage.scenario_file import ScenarioFile
from tests.conftest import REPO


def _big_document(count: int, tag: str) -> ScenarioFile:
    models = [
        ("gpt-image-1", "low", "1024x1024"),
        ("gpt-image-2", "high", "2048x1152"),
        ("dall-e-3", "hd", "1024x1792"),
    ]
    scenarios = [
        Scenario(
            name=f"{tag} scenario {i}",
            model=models[i % 3][0],
            quality=models[i % 3][1],
            size=models[i % 3][2],
            requests_per_month=i * 7,
            retry_multiplier=Decimal("1.25"),
            notes=f"{tag} " * 5,
        )
        for i in range(count)
    ]
    return ScenarioFile(scenarios=scenarios)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(atomic.TEMP_SUFFIX))


def test_save_replaces_and_keeps_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    atomic_write_text(path, "one\n", backup=True)
    assert not backup_path(path).exists()  # nothing to back up yet
    atomic_write_text(path, "two\n", backup=True)
    atomic_write_text(path, "three\n", backup=True)
    assert path.read_text() == "three\n"
    assert backup_path(path).read_text() == "two\n"
    assert _leftovers(tmp_path) == []


def test_permissions_of_an_existing_file_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    path.write_text("old\n")
    path.chmod(0o640)
    atomic_write_text(path, "new\n", backup=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert stat.S_IMODE(backup_path(path).stat().st_mode) == 0o640


def test_a_new_file_gets_the_usual_mode_not_a_private_temp_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "new.yaml", "x\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o644


def test_a_symlink_is_followed_and_survives(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "team.yaml"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "team.yaml"
    link.symlink_to(real)
    atomic_write_text(link, "new\n", backup=True)
    assert link.is_symlink() and real.read_text() == "new\n"
    assert backup_path(real).read_text() == "old\n"
    assert not backup_path(link).exists()


def test_stale_temp_files_from_a_killed_save_are_cleaned_up(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    stale = tmp_path / ".team.yaml.abc12345.tmp"
    fresh = tmp_path / ".team.yaml.def45678.tmp"  # could be another program's save in progress
    other = tmp_path / ".other.yaml.abc12345.tmp"
    for item in (stale, fresh, other):
        item.write_text("partial")
    long_ago = time.time() - atomic.STALE_TEMP_SECONDS - 60
    os.utime(stale, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))
    atomic_write_text(path, "new\n")
    assert not stale.exists() and fresh.exists() and other.exists()


def test_saving_over_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "team.yaml").mkdir()
    with pytest.raises(SaveError, match="folder of that name"):
        atomic_write_text(tmp_path / "team.yaml", "x")
    assert _leftovers(tmp_path) == []


def test_saving_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="does not exist"):
        atomic_write_text(tmp_path / "nowhere" / "team.yaml", "x")


def _full_disk_after(limit: int) -> object:
    """os.write that accepts LIMIT bytes in all, then fails like a full disk (ENOSPC)."""
    real_write = os.write
    budget = [limit]

    def write(fd: int, data: bytes | memoryview) -> int:
        if budget[0] <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        chunk = bytes(data[: budget[0]])
        budget[0] -= len(chunk)
        return real_write(fd, chunk)

    return write


@pytest.mark.parametrize("limit", [0, 1, 4096, 100_000])
def test_disk_full_gives_a_clear_error_and_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    path = tmp_path / "team.yaml"
    old = scenario_file.dumps(_big_document(50, "old"))
    path.write_text(old)
    backup_path(path).write_text("older\n")
    monkeypatch.setattr(os, "write", _full_disk_after(limit))
    with pytest.raises(SaveError) as info:
        scenario_file.save(_big_document(2000, "new"), path)
    assert "disk is full" in str(info.value) and "left as it was" in str(info.value)
    assert str(info.value).startswith("team.yaml: cannot save")
    assert path.read_text() == old
    assert backup_path(path).read_text() == "older\n"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO, errno.EDQUOT])
def test_a_failing_fsync_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    path = tmp_path / "team.yaml"
    path.write_text("old\n")

    def fsync(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(ScenarioFileError, match="cannot save"):
        atomic_write_text(path, "new\n", backup=True)
    assert path.read_text() == "old\n" and not backup_path(path).exists()
    assert _leftovers(tmp_path) == []


def test_a_failing_rename_leaves_the_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "team.yaml"
    path.write_text("old\n")

    def replace(src: object, dst: object) -> None:
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(SaveError):
        atomic_write_text(path, "new\n", backup=True)
    assert path.read_text() == "old\n"
    assert _leftovers(tmp_path) == []


def _without_root_override() -> None:
    """In the child, before exec: drop root's power to ignore permission bits (Linux capabilities)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2
    for cap in (cap_dac_override, cap_dac_read_search):
        if libc.prctl(pr_capbset_drop, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


_READ_ONLY_SAVE = """
import sys
from pathlib import Path
from core.storage import scenario_file
from core.errors import ImageCostError
path = Path(sys.argv[1])
doc = scenario_file.load(path)
doc.scenarios[0].requests_per_month = 1
try:
    scenario_file.save(doc, path)
except ImageCostError as exc:
    print(exc)
    sys.exit(3)
"""


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_a_read_only_folder_gives_a_clear_error_and_the_old_file_intact(tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    path = folder / "team.yaml"
    text = scenario_file.dumps(_big_document(3, "old"))
    path.write_text(text)
    path.chmod(0o644)
    folder.chmod(0o555)
    try:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        done = subprocess.run(
            [sys.executable, "-c", _READ_ONLY_SAVE, str(path)],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            preexec_fn=_without_root_override if os.geteuid() == 0 else None,
        )
    finally:
        folder.chmod(0o755)
    assert done.returncode == 3, done.stderr
    assert "team.yaml: cannot save: the folder" in done.stdout and "read-only" in done.stdout
    assert "save it elsewhere" in done.stdout
    assert path.read_text() == text
    assert sorted(p.name for p in folder.iterdir()) == ["team.yaml"]


# A single-threaded helper process that forks one saver per round, so each of the many kills
# costs a fork rather than a Python start-up. The saver writes the two versions in turn, forever.
_FORK_SERVER = """
import os, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from core.files.atomic import atomic_write_bytes
target = Path(sys.argv[2])
versions = [Path(sys.argv[3]).read_bytes(), Path(sys.argv[4]).read_bytes()]
for command in sys.stdin:
    if command.startswith("go"):
        pid = os.fork()
        if pid == 0:
            i = 0
            while True:
                atomic_write_bytes(target, versions[i % 2], backup=True)
                if i == 0:
                    os.write(1, b"ready\\n")
                i += 1
        os.write(1, b"%d\\n" % pid)
    elif command.startswith("reap"):
        _, status = os.waitpid(pid, 0)
        os.write(1, b"%d\\n" % os.WTERMSIG(status))
"""

KILLS = 60


def test_sigkill_during_saves_leaves_a_complete_old_or_new_file(tmp_path: Path) -> None:
    old = scenario_file.dumps(_big_document(1500, "old")).encode()
    new = scenario_file.dumps(_big_document(1500, "new")).encode()
    assert len(old) > 200_000 and old != new
    (tmp_path / "a").write_bytes(old)
    (tmp_path / "b").write_bytes(new)
    folder = tmp_path / "work"
    folder.mkdir()
    target = folder / "team.yaml"
    target.write_bytes(old)
    rng = random.Random(6)
    outcomes: set[bytes] = set()
    server = subprocess.Popen(
        [sys.executable, "-S", "-c", _FORK_SERVER, str(REPO), str(target), str(tmp_path / "a"), str(tmp_path / "b")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    assert server.stdin is not None and server.stdout is not None
    try:
        for _ in range(KILLS):
            server.stdin.write("go\n")
            pid = int(server.stdout.readline())
            assert server.stdout.readline() == "ready\n"
            time.sleep(rng.uniform(0, 0.025))  # about one and a half save cycles
            os.kill(pid, signal.SIGKILL)
            server.stdin.write("reap\n")
            assert int(server.stdout.readline()) == signal.SIGKILL
            content = target.read_bytes()
            assert content in (old, new), f"half-written file: {len(content)} bytes"
            assert backup_path(target).read_bytes() in (old, new)
            outcomes.add(content)
    finally:
        server.stdin.close()
        server.wait(timeout=30)
    assert outcomes == {old, new}  # kills landed at different moments
    assert len(_leftovers(folder)) <= 2 * KILLS  # file and backup temps of a killed save; removed once stale
    assert len(scenario_file.load(target).scenarios) == 1500
