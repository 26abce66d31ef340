"""Issue 17: hostile files and bad days. Each test here failed before its fix."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from core.pricing.catalog import Catalog
from tests.conftest import REPO

#: Head room over the file size limit, in multiples of the limit, that reading a hostile file may use.
MEMORY_FACTOR = 8

# Runs in a child: the address space is capped just above what the interpreter already uses, then
# the file is read. A regression raises MemoryError (exit 3) instead of taking the machine down.
_CHILD = textwrap.dedent(
    """
    import resource, sys
    from pathlib import Path
    from core.storage import scenario_file
    from core.errors import ScenarioFileError
    from core.files.yamlio import MAX_FILE_BYTES

    def vm_bytes() -> int:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
        raise SystemExit("no VmSize")

    limit = vm_bytes() + int(sys.argv[2]) * MAX_FILE_BYTES
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        scenario_file.load(Path(sys.argv[1]))
    except ScenarioFileError as exc:
        print(exc)
        raise SystemExit(0)
    except MemoryError:
        raise SystemExit(3)
    raise SystemExit(4)
    """
)


def _fill(path: Path, head: str, line: str, target: int) -> Path:
    """HEAD then LINE repeated until the file is just under TARGET bytes."""
    count = (target - len(head)) // len(line)
    with path.open("w", encoding="utf-8") as handle:
        handle.write(head)
        for _ in range(count // 10_000):
            handle.write(line * 10_000)
        handle.write(line * (count % 10_000))
    return path


HOSTILE_BIG_FILES = [
    ("empty-scenarios", "version: 1\nscenarios:\n", "- {}\n", "scenarios[0]"),
    ("numbers-as-scenarios", "version: 1\nscenarios:\n", "- 0\n", "scenarios[0]"),
    ("flow-list", "version: 1\nscenarios: [", "{}, ", "scenarios[0]"),
    ("junk-key", "version: 1\njunk:\n", "- 0\n", "values in one place"),
    ("no-version", "scenarios:\n", "- {}\n", "required key 'version' is missing"),
    ("version-in-a-note", "scenarios:\n", "- {notes: version}\n", "scenarios[0].model"),
    ("old-format", "version: 0\nscenarios:\n", "- {}\n", "scenarios[0]"),
    ("long-mapping", "version: 1\nquote:\n", "  k: v\n", "values in one place"),
]


def test_a_version_written_after_the_scenarios_still_checks_them_as_they_are_read() -> None:
    from core.errors import ScenarioFileError
    from core.storage import scenario_file

    text = "scenarios:\n" + "- {}\n" * 1000 + "version: 1\n"
    with pytest.raises(ScenarioFileError) as refused:
        scenario_file.loads(text)
    assert refused.value.field == "scenarios[0].model" and refused.value.line == 2


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS and /proc are Linux's")
@pytest.mark.parametrize(("case", "head", "line", "needle"), HOSTILE_BIG_FILES, ids=[c[0] for c in HOSTILE_BIG_FILES])
def test_a_32_mb_hostile_file_is_refused_in_bounded_memory(
    tmp_path: Path, case: str, head: str, line: str, needle: str
) -> None:
    from core.files.yamlio import MAX_FILE_BYTES

    path = _fill(tmp_path / f"{case}.yaml", head, line, MAX_FILE_BYTES)
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(MEMORY_FACTOR)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert child.returncode == 0, (child.returncode, child.stdout, child.stderr[-2000:])
    assert needle in child.stdout


# Item 3: the window's open checks type and size before it reads (or hashes) anything. Run in a
# child with a timeout, so the old behaviour (hashing /dev/zero or a pipe forever) fails, not hangs.
_OPEN_CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from core.errors import ScenarioFileError
    from gui.document.controller import DocumentController

    try:
        DocumentController().open(Path(sys.argv[1]))
    except ScenarioFileError as exc:
        print(exc)
        raise SystemExit(0)
    raise SystemExit(4)
    """
)


@pytest.mark.skipif(os.name == "nt", reason="POSIX devices and named pipes")
@pytest.mark.parametrize("kind", ["dev-zero", "dev-urandom", "fifo", "sparse-20-gb"])
def test_the_window_refuses_a_device_a_pipe_or_a_huge_file_before_reading_it(tmp_path: Path, kind: str) -> None:
    import os

    if kind == "fifo":
        path = tmp_path / "pipe.yaml"
        os.mkfifo(path)
        writer = os.open(path, os.O_RDWR)  # a writer that never writes: a blocking read waits forever
    elif kind == "sparse-20-gb":
        path = tmp_path / "huge.yaml"
        with path.open("wb") as handle:
            handle.truncate(20 * 1024**3)
        writer = None
    else:
        path = Path("/dev/" + kind.removeprefix("dev-"))
        writer = None
    try:
        child = subprocess.run(
            [sys.executable, "-c", _OPEN_CHILD, str(path)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        if writer is not None:
            os.close(writer)
    assert child.returncode == 0, (child.stdout, child.stderr[-2000:])
    expected = "over the 32.0 MB limit" if kind == "sparse-20-gb" else "not a regular file"
    assert expected in child.stdout


# Item 15: an edit of the same length that puts the modification time back is still a change.
def test_a_same_size_edit_that_restores_the_time_is_noticed(tmp_path: Path) -> None:
    import os

    from gui.document.controller import DocumentController
    from tests.test_scenario_file import GOOD

    path = tmp_path / "plan.yaml"
    path.write_text(GOOD, encoding="utf-8")
    document = DocumentController()
    document.open(path)
    before = os.stat(path)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 5_000_000_000))
    assert not document.changed_on_disk()  # a 'touch': the same bytes are no change
    path.write_text(GOOD.replace("20000", "30000"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    assert document.changed_on_disk()


# Item 4: quote -o never writes over its input, a read-only file or a device; a file the app did
# not make needs --force, and whatever is replaced is kept as FILE.bak.
@pytest.fixture
def plan(tmp_path: Path) -> Path:
    from core.storage import scenario_file
    from tests.quote_fixtures import example_document

    path = tmp_path / "plan.yaml"
    scenario_file.save(example_document(), path)
    return path


def _quote_to(plan: Path, output: Path | str, *extra: str) -> int:
    from gui.cli import main

    return main(["quote", str(plan), "-o", str(output), *extra])


def test_quote_refuses_to_write_over_its_own_input(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    before = plan.read_bytes()
    link = plan.with_name("link.yaml")
    os.link(plan, link)
    for output in (plan, link, plan.parent / "." / plan.name):
        assert _quote_to(plan, output, "--format", "table", "--force") == 2
        assert "it is the file the quote is made from" in capsys.readouterr().err
    assert plan.read_bytes() == before
    assert not plan.with_name("plan.yaml.bak").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")
def test_quote_refuses_a_read_only_file_and_a_pipe(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    readonly = plan.with_name("sent.html")
    readonly.write_text("<p>sent to the client</p>", encoding="utf-8")
    readonly.chmod(0o444)
    assert _quote_to(plan, readonly, "--force") == 2
    assert "it is read-only" in capsys.readouterr().err
    assert readonly.read_text(encoding="utf-8") == "<p>sent to the client</p>"
    pipe = plan.with_name("pipe.csv")
    os.mkfifo(pipe)
    assert _quote_to(plan, pipe, "--force") == 2
    assert "not a regular file" in capsys.readouterr().err
    assert plan.with_name("pipe.csv").is_fifo()


def test_quote_replaces_a_foreign_file_only_with_force_and_keeps_a_backup(
    plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = plan.with_name("notes.md")
    notes.write_text("# my own notes\n", encoding="utf-8")
    assert _quote_to(plan, notes) == 2
    assert "not an export this app made" in capsys.readouterr().err
    assert notes.read_text(encoding="utf-8") == "# my own notes\n"
    assert _quote_to(plan, notes, "--force") == 0
    assert notes.with_name("notes.md.bak").read_text(encoding="utf-8") == "# my own notes\n"
    assert "Prepared with Image Cost Calculator" in notes.read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", ["csv", "md", "html", "json", "txt", "pdf"])
def test_an_export_the_app_made_is_replaced_without_force_and_kept_as_bak(plan: Path, suffix: str) -> None:
    output = plan.with_name(f"quote.{suffix}")
    fmt = ["--format", "table"] if suffix == "txt" else []
    assert _quote_to(plan, output, *fmt) == 0
    first = output.read_bytes()
    assert _quote_to(plan, output, *fmt) == 0
    assert output.with_name(f"quote.{suffix}.bak").read_bytes() == first


# Item 9: terminal escapes. YAML's own escapes make control characters from plain ASCII; they are
# refused when read, and whatever the CLI prints (a file name, say) has them written out.
SCENARIO_WITH_NAME = (
    "version: 1\nscenarios:\n  - name: {name}\n    model: gpt-image-1\n    quality: low\n"
    "    size: 1024x1024\n    requests_per_month: 5\n"
)


@pytest.mark.parametrize("name", ['"\\e[2Jcleared"', '"\\e]0;title\\a"', '"a\\rb"', '"\\x9b31m"', '"\\0"'])
def test_control_characters_made_by_yaml_escapes_are_refused(tmp_path: Path, name: str) -> None:
    from core.errors import ScenarioFileError
    from core.storage import scenario_file

    path = tmp_path / "escapes.yaml"
    path.write_text(SCENARIO_WITH_NAME.format(name=name), encoding="utf-8")
    with pytest.raises(ScenarioFileError, match=r"text holds the control character U\+00[0-9A-F]{2}") as caught:
        scenario_file.load(path)
    assert caught.value.line == 3


@pytest.mark.skipif(os.name == "nt", reason="Windows file names cannot hold control characters")
def test_the_cli_never_writes_a_control_character_to_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gui.cli import main

    folder = tmp_path / "\x1b[2J\u202e"
    folder.mkdir()
    path = folder / "plan\x1b]0;owned\x07.yaml"
    path.write_text(SCENARIO_WITH_NAME.format(name='"\\e[2J"'), encoding="utf-8")
    assert main(["quote", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "plan\\x1b]0;owned\\x07.yaml" in err
    assert not any(ch in err for ch in "\x1b\x07\u202e")
    good = folder / "good.yaml"
    good.write_text(SCENARIO_WITH_NAME.format(name="'\u202eevil'"), encoding="utf-8")
    assert main(["quote", str(good)]) == 0
    out = capsys.readouterr().out
    assert "\\u202eevil" in out and "\u202e" not in out


# Item 10: numbers are read from their YAML text in base 10, decimals as Decimal.
def _scenario_with(line: str) -> str:
    return SCENARIO_WITH_NAME.format(name="A").replace("    requests_per_month: 5\n", line)


@pytest.mark.parametrize(
    ("value", "words"),
    [("010", "octal"), ("-07", "octal"), ("1:30", "base-60"), ("0x10", "hexadecimal"), ("0b11", "binary")],
)
def test_numbers_in_other_bases_are_refused_in_our_words(value: str, words: str) -> None:
    from core.errors import ScenarioFileError
    from core.storage import scenario_file

    with pytest.raises(ScenarioFileError, match=f"'{value}' is read by YAML as (a|an) {words}") as caught:
        scenario_file.loads(_scenario_with(f"    requests_per_month: {value}\n"))
    assert caught.value.line == 7


def test_an_unquoted_decimal_is_read_from_its_text_not_through_a_float() -> None:
    from core.errors import ScenarioFileError
    from core.storage import scenario_file
    from tests.conftest import EXAMPLES

    quoted = _scenario_with("    requests_per_month: 5\n    retry_multiplier: '1.0000000000000000000001'\n")
    unquoted = quoted.replace("'1.0000000000000000000001'", "1.0000000000000000000001")
    with pytest.raises(ScenarioFileError) as from_quoted:
        scenario_file.loads(quoted)
    with pytest.raises(ScenarioFileError) as from_unquoted:
        scenario_file.loads(unquoted)
    assert from_unquoted.value.message == "has too many digits: at most 12"
    assert from_quoted.value.message.startswith(from_unquoted.value.message)
    assert (
        scenario_file.loads(_scenario_with("    requests_per_month: 1_000\n")).scenarios[0].requests_per_month == 1000
    )

    from decimal import Decimal

    from core.pricing.catalog import loads_sheet

    text = (EXAMPLES / "negotiated-2027.yaml").read_text(encoding="utf-8")
    sheet = loads_sheet(text.replace('usd: "0.0054"', "usd: 0.1234567890123456789"))
    assert sheet.models[0].per_image[0].usd == Decimal("0.1234567890123456789")


# Item 12: no argument can make the CLI print a traceback: each is bounded, refused with an
# 'error:' line and exit status 2.
EXTREME_VALUES = [
    "99999999999999999999999999999b", "9" * 400, "-1", "0", "1e999999", "nan", "inf", "-inf",
    "0.0000000000000000000000000000001", "9999-12", "0000-01", "10000-01", "2026-13", "", " ", "\x00",
    "1" + "0" * 30 + "%", "-100", "1001",
]  # fmt: skip
PLAN_ARGUMENTS = [
    ("budget", "--budget"),
    ("limits", "--peak-hours"),
    ("limits", "--days"),
    ("limits", "--tier"),
    ("growth", "--rate"),
    ("growth", "--start"),
    ("quote", "--requests-per-month"),
    ("quote", "--requests-per-day"),
    ("quote", "--retry-multiplier"),
    ("quote", "--images-per-request"),
]


@pytest.mark.parametrize(("command", "flag"), PLAN_ARGUMENTS, ids=[f"{c}{f}" for c, f in PLAN_ARGUMENTS])
def test_no_argument_value_gives_a_traceback(
    plan: Path, command: str, flag: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from gui.cli import main

    for value in EXTREME_VALUES:
        argv = [command, f"{flag}={value}"]
        if command in ("limits", "growth"):
            argv.insert(1, str(plan))
        if command == "quote":
            argv += ["--model", "gpt-image-1", "--quality", "low", "--size", "1024x1024"]
        try:
            status = main(argv)
        except SystemExit as exc:  # argparse's own refusal: usage and 'error:' on stderr
            status = int(exc.code or 0)
        err = capsys.readouterr().err
        if status != 0:
            assert status == 2, (argv, err)
            assert "error: " in err and "Traceback" not in err, (argv, err)


# Item 13: temporaries a killed save left are removed by the next save or open: only names the
# app makes, only when older than a few minutes.
def _litter(folder: Path, name: str) -> tuple[list[Path], list[Path]]:
    import os
    import time

    from core.files.atomic import STALE_TEMP_SECONDS

    old = time.time() - STALE_TEMP_SECONDS - 60
    header = "# Image Cost Calculator scenario file (docs/scenario-format.md)\nversion: 1\n"
    stale = [folder / f".{name}.ab12cd_3.tmp", folder / f".{name}.x9y8z7w6.bak.tmp", folder / f"{name}.AbC123"]
    kept = [
        folder / f"{name}.backup",  # a person's file: 6 letters, but not the app's text
        folder / ".other.yaml.ab12cd_3.tmp",  # another file's
        folder / "notes.tmp",
        folder / f".{name}.fresh123.tmp",  # a save in progress
    ]
    for path in stale + kept:
        path.write_text(header if path.name != f"{name}.backup" else "mine\n", encoding="utf-8")
        if "fresh" not in path.name:
            os.utime(path, (old, old))
    link = folder / f".{name}.link1234.tmp"
    link.symlink_to(folder / "notes.tmp")
    os.utime(link, (old, old), follow_symlinks=False)
    return stale, [*kept, link]


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
@pytest.mark.parametrize("how", ["window-open", "core-save"])
def test_stale_temporaries_are_cleaned_on_the_next_open_or_save(plan: Path, how: str) -> None:
    from core.storage import scenario_file
    from gui.document.controller import DocumentController

    stale, kept = _litter(plan.parent, plan.name)
    if how == "window-open":
        DocumentController().open(plan)
    else:
        from tests.quote_fixtures import example_document

        scenario_file.save(example_document(), plan)
    assert [p.name for p in stale if p.exists()] == []
    assert [p.name for p in kept if not p.is_symlink() and not p.exists()] == []
    assert all(p.is_symlink() for p in kept if p.name.endswith("link1234.tmp"))


# Item 14: reprice --price-sheet names the sheet's file and line when the sheet breaks the catalog.
def test_reprice_names_the_sheet_file_and_line_of_a_catalog_error(
    plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gui.cli import main
    from tests.conftest import EXAMPLES

    text = (EXAMPLES / "negotiated-2027.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    first_model = next(i for i, line in enumerate(lines) if line.startswith("  - id:"))
    lines.insert(first_model, "  - {id: x-alias, label: X, alias_of: nope, source: x.md, checked: 2026-11-01}")
    sheet = plan.with_name("broken-sheet.yaml")
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["reprice", str(plan), "--price-sheet", str(sheet)]) == 2
    err = capsys.readouterr().err
    assert f"error: {sheet.name}, line {first_model + 1}, field models[0].alias_of:" in err


# Item 5: the import preview is computed from exactly the catalog the import leaves.
def _sheet_text(sheet_id: str, low_price: str, *, extra_model: str | None = None) -> str:
    from tests.conftest import EXAMPLES

    text = (EXAMPLES / "negotiated-2027.yaml").read_text(encoding="utf-8")
    text = text.replace("sheet: acme-negotiated-2027", f"sheet: {sheet_id}")
    text = text.replace('usd: "0.0054"', f'usd: "{low_price}"')
    if extra_model is not None:
        block = text[text.index("  - id: gpt-image-2") :]
        text += block.replace("  - id: gpt-image-2", f"  - id: {extra_model}").replace(
            "    label: GPT Image 2", f"    label: {extra_model}"
        )
    return text


def _low_price(catalog: Catalog, model: str = "gpt-image-2") -> Decimal | None:
    row = catalog.model(model).per_image_price("low", "1024x1024")
    return row.usd if row is not None else None


def test_an_import_that_a_later_sheet_overrides_previews_what_is_applied(tmp_path: Path) -> None:
    from core.pricing.user_sheets import import_sheet, load_catalog, preview_import

    folder = tmp_path / "price-sheets"
    folder.mkdir()
    (folder / "b-existing.yaml").write_text(_sheet_text("b-existing", "0.5000"), encoding="utf-8")
    new = tmp_path / "a-new.yaml"
    new.write_text(_sheet_text("a-new", "0.0200"), encoding="utf-8")
    preview = preview_import(new, folder)
    assert _low_price(preview.after.catalog) == Decimal("0.5000")  # b-existing still applies after a-new
    assert preview.shadowed == (("gpt-image-2", "b-existing"),)
    assert any("stays priced by b-existing" in note for note in preview.notes())
    import_sheet(new, folder)
    assert _low_price(load_catalog(folder).catalog) == _low_price(preview.after.catalog)


def test_reimporting_a_sheet_that_drops_a_model_previews_the_removal(tmp_path: Path) -> None:
    from core.pricing.reprice import diff_catalogs
    from core.pricing.user_sheets import import_sheet, load_catalog, preview_import

    folder = tmp_path / "price-sheets"
    folder.mkdir()
    (folder / "mine.yaml").write_text(_sheet_text("mine", "0.0100", extra_model="acme-draft"), encoding="utf-8")
    current = load_catalog(folder).catalog
    assert "acme-draft" in current.model_ids
    (tmp_path / "new").mkdir()
    again = tmp_path / "new" / "mine.yaml"
    again.write_text(_sheet_text("mine", "0.0100"), encoding="utf-8")
    preview = preview_import(again, folder)
    assert diff_catalogs(current, preview.after.catalog).removed == ("acme-draft",)
    assert any("replaces the installed mine.yaml" in note for note in preview.notes())
    import_sheet(again, folder, replace=True)
    assert load_catalog(folder).catalog.model_ids == preview.after.catalog.model_ids


def test_a_dot_file_sheet_is_refused_as_it_would_never_load(tmp_path: Path) -> None:
    from core.errors import PriceSheetError
    from core.pricing.user_sheets import import_sheet, preview_import

    hidden = tmp_path / ".hidden.yaml"
    hidden.write_text(_sheet_text("hidden", "0.0100"), encoding="utf-8")
    for action in (preview_import, import_sheet):
        with pytest.raises(PriceSheetError, match=r"may not start with '\.'"):
            action(hidden, tmp_path / "price-sheets")
