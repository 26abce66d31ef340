"""Every bad input of issue 6, read from a real file: a clear error naming what and where, file unchanged.

Each case is written to disk and loaded with ``scenario_file.load``; the test
checks the error type, a phrase of the message, the line and the field, and
that the bytes on disk are exactly what was written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import ScenarioFileError
from core.pricing.engine import check_scenario
from core.storage import scenario_file
from tests.test_scenario_file import GOOD

EXTRA = "    {}\n"  # a line added to the scenario, line 8


def _with(line: str) -> str:
    return GOOD + EXTRA.format(line)


# (case id, file content, phrase in the message, line or None, field or None)
TEXT_CASES: list[tuple[str, str | bytes, str, int | None, str | None]] = [
    # Not YAML, binary, empty, encodings.
    ("empty", "", "empty", None, None),
    ("only-comment", "# nothing here\n", "empty", None, None),
    ("only-spaces", "   \n\n  \n", "empty", None, None),
    ("plain-text", "Dear team, please find the numbers attached.\n", "must be a mapping", 1, None),
    ("csv", "name,model,quality\nA,gpt-image-1,low\n", "must be a mapping", 1, None),
    ("html", "<html><body>quote</body></html>\n", "must be a mapping", 1, None),
    ("a-list", "- just\n- a list\n", "must be a mapping", 1, None),
    ("a-number", "42\n", "must be a mapping", 1, None),
    ("unclosed-flow", "version: 1\nscenarios: [\n", "not valid YAML", 3, None),
    ("bad-indent", "version: 1\n  scenarios: []\n", "not valid YAML", 2, None),
    ("tab-indent", "version: 1\nscenarios:\n\t- x\n", "not valid YAML", 3, None),
    ("two-documents", GOOD + "---\n" + GOOD, "single document", 8, None),
    ("control-char", _with("notes: bell\x07here"), "control characters", 8, None),
    ("nul-byte", b"version: 1\x00\nscenarios: []\n", "binary data", None, None),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data", None, None),
    ("zip", b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "binary data", None, None),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<\x01\x02>>", "binary data", None, None),
    ("latin-1", "version: 1\nquote:\n  client: Caf\xe9 Noir\n".encode("latin-1"), "not UTF-8", 3, None),
    ("cp1252", "version: 1\nquote:\n  title: \u201cQ1\u201d\n".encode("cp1252"), "not UTF-8", 3, None),
    ("truncated-utf8", "version: 1\nquote:\n  title: caf\u00e9".encode()[:-1], "not UTF-8", 3, None),
    ("utf16-no-bom", GOOD.encode("utf-16-le"), "binary data", None, None),
    # YAML that would run code or blow up.
    (
        "python-object",
        "!!python/object/apply:os.system ['echo hi']\n",
        "tag not allowed: !!python/object/apply",
        1,
        None,
    ),
    ("python-name", "version: !!python/name:os.system\n", "tag not allowed: !!python/name", 1, None),
    ("python-in-scenario", _with("notes: !!python/object:builtins.dict {}"), "tag not allowed", 8, None),
    ("custom-tag", _with("notes: !secret x"), "tag not allowed: !secret", 8, None),
    ("bad-base64", _with("notes: !!binary 'a'"), "base64", 8, None),
    ("alias", "version: 1\nscenarios: &a [*a]\n", "aliases", 2, None),
    (
        "merge-key",
        "version: 1\nscenarios:\n  - &s {name: A, model: gpt-image-1, quality: low, size: 1024x1024,"
        " requests_per_month: 5}\n  - <<: *s\n    name: B\n",
        "aliases",
        4,
        None,
    ),
    ("undefined-alias", _with("notes: *nowhere"), "undefined alias", 8, None),
    (
        "billion-laughs",
        'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)),
        "aliases",
        2,
        None,
    ),
    ("deep-flow", "version: 1\nx: " + "[" * 100_000 + "]" * 100_000 + "\n", "nests deeper", 2, None),
    ("deep-flow-map", "version: 1\nx: " + "{a: " * 50_000 + "1" + "}" * 50_000 + "\n", "nests deeper", 2, None),
    ("deep-compact-seq", "version: 1\nscenarios:\n  " + "- " * 100_000 + "x\n", "nests deeper", 3, None),
    (
        "deep-indent",
        "version: 1\nx:\n" + "".join(" " * i + "k:\n" for i in range(1, 3000)) + "   v\n",
        "nests",
        None,
        None,
    ),
    ("duplicate-key", _with("model: dall-e-3"), "appears twice", 8, None),
    ("unhashable-key", "? [a, b]\n: c\n", "mapping key must be text", 1, None),
    ("bad-date", "version: 1\nquote:\n  date: 2026-13-45\nscenarios: []\n", "not a valid date", 3, None),
    ("huge-int-literal", _with("prompt_tokens: " + "9" * 5000), "out of range", 8, None),
    # Versions.
    ("no-version", GOOD.replace("version: 1\n", ""), "'version' is missing", 1, None),
    ("newer-version", GOOD.replace("version: 1", "version: 7"), "newer than this app", 1, "version"),
    ("negative-version", GOOD.replace("version: 1", "version: -1"), "unknown format version", 1, "version"),
    ("text-version", GOOD.replace("version: 1", "version: one"), "whole number", 1, "version"),
    ("float-version", GOOD.replace("version: 1", "version: 1.5"), "whole number", 1, "version"),
    ("bool-version", GOOD.replace("version: 1", "version: yes"), "whole number", 1, "version"),
    # Shape and keys.
    ("scenarios-null", "version: 1\nscenarios:\n", "expected a list", 2, "scenarios"),
    ("scenarios-mapping", "version: 1\nscenarios:\n  a: 1\n", "expected a list", 2, "scenarios"),
    ("scenario-text", "version: 1\nscenarios:\n  - hello\n", "expected a mapping", 3, "scenarios[0]"),
    ("unknown-top-key", "version: 1\nscenaros: []\n", "unknown key 'scenaros'", 2, "scenaros"),
    ("unknown-key", _with("requets_per_day: 5"), "unknown key 'requets_per_day'", 8, "scenarios[0].requets_per_day"),
    (
        "typo-required",
        GOOD.replace("requests_per_month", "request_per_month"),
        "did you mean 'requests_per_month'",
        7,
        None,
    ),
    ("unknown-quote-key", "version: 1\nquote:\n  titel: Q1\nscenarios: []\n", "unknown key 'titel'", 3, "quote.titel"),
    ("missing-model", GOOD.replace("    model: gpt-image-1\n", ""), "'model' is missing", 3, "scenarios[0].model"),
    ("missing-size", GOOD.replace("    size: 1024x1024\n", ""), "'size' is missing", 3, "scenarios[0].size"),
    ("quote-a-list", "version: 1\nquote: [1]\nscenarios: []\n", "quote", 2, "quote"),
    # Models, qualities, sizes.
    (
        "unknown-model",
        GOOD.replace("gpt-image-1", "gpt-image-9"),
        "unknown model 'gpt-image-9'",
        4,
        "scenarios[0].model",
    ),
    ("empty-model", GOOD.replace("gpt-image-1", "''"), "must not be empty", 4, "scenarios[0].model"),
    ("bad-quality", GOOD.replace("low", "ultra"), "no quality 'ultra'", 5, "scenarios[0].quality"),
    ("dalle3-low", GOOD.replace("gpt-image-1", "dall-e-3"), "no quality 'low'", 5, "scenarios[0].quality"),
    ("size-not-offered", GOOD.replace("1024x1024", "1792x1024"), "no size 1792x1024", 6, "scenarios[0].size"),
    ("size-garbage", GOOD.replace("1024x1024", "big"), "not a size", 6, "scenarios[0].size"),
    ("size-zero", GOOD.replace("1024x1024", "1024x0"), "zero edge", 6, "scenarios[0].size"),
    ("size-hex", GOOD.replace("1024x1024", "0x1024"), "read by YAML as a hexadecimal number", 6, None),
    ("size-number", GOOD.replace("1024x1024", "1024"), "not a size", 6, "scenarios[0].size"),
    (
        "gi2-multiple-16",
        GOOD.replace("gpt-image-1", "gpt-image-2").replace("1024x1024", "1000x1000"),
        "multiple of 16",
        6,
        "scenarios[0].size",
    ),
    (
        "gi2-ratio",
        GOOD.replace("gpt-image-1", "gpt-image-2").replace("1024x1024", "3840x1024"),
        "ratio",
        6,
        "scenarios[0].size",
    ),
    (
        "gi2-too-big",
        GOOD.replace("gpt-image-1", "gpt-image-2").replace("1024x1024", "4096x2048"),
        "over 3840",
        6,
        "scenarios[0].size",
    ),
    (
        "gi2-too-small",
        GOOD.replace("gpt-image-1", "gpt-image-2").replace("1024x1024", "512x512"),
        "under the minimum",
        6,
        "scenarios[0].size",
    ),
    (
        "gi2-too-many-pixels",
        GOOD.replace("gpt-image-1", "gpt-image-2").replace("1024x1024", "3840x2880"),
        "over the maximum",
        6,
        "scenarios[0].size",
    ),
    ("input-size-garbage", _with("input_image_size: huge"), "not a size", 8, "scenarios[0].input_image_size"),
    # Numbers.
    (
        "negative-requests",
        GOOD.replace("20000", "-5"),
        "must be at least 0",
        7,
        "scenarios[0].requests_per_month",
    ),
    ("fraction-requests", GOOD.replace("20000", "12.5"), "not a fraction", 7, "scenarios[0].requests_per_month"),
    ("text-requests", GOOD.replace("20000", "lots"), "expected a whole number", 7, "scenarios[0].requests_per_month"),
    ("k-suffix-requests", GOOD.replace("20000", "20k"), "a whole number", 7, "scenarios[0].requests_per_month"),
    ("nan-requests", GOOD.replace("20000", ".nan"), "finite number", 7, "scenarios[0].requests_per_month"),
    ("inf-requests", GOOD.replace("20000", ".inf"), "finite number", 7, "scenarios[0].requests_per_month"),
    ("minus-inf-requests", GOOD.replace("20000", "-.inf"), "finite number", 7, "scenarios[0].requests_per_month"),
    ("1e30-requests", GOOD.replace("20000", "1e30"), "expected a whole number", 7, "scenarios[0].requests_per_month"),
    (
        "1.0e+30-requests",
        GOOD.replace("20000", "1.0e+30"),
        "must be at most 1000000000000",  # read as the Decimal 1.0E+30, not a float
        7,
        "scenarios[0].requests_per_month",
    ),
    (
        "huge-int-requests",
        GOOD.replace("20000", "9" * 40),
        "must be at most",
        7,
        "scenarios[0].requests_per_month",
    ),
    ("bool-requests", GOOD.replace("20000", "yes"), "not true/false", 7, "scenarios[0].requests_per_month"),
    ("null-requests", GOOD.replace("20000", "null"), "expected a whole number", 7, "scenarios[0].requests_per_month"),
    ("zero-images", _with("images_per_request: 0"), "must be at least 1", 8, "scenarios[0].images_per_request"),
    ("many-images", _with("images_per_request: 11"), "must be at most 10", 8, "scenarios[0].images_per_request"),
    ("retry-below-1", _with("retry_multiplier: 0.5"), "must be at least 1", 8, "scenarios[0].retry_multiplier"),
    ("retry-zero", _with("retry_multiplier: 0"), "must be at least 1", 8, "scenarios[0].retry_multiplier"),
    ("retry-nan", _with("retry_multiplier: .nan"), "finite number", 8, "scenarios[0].retry_multiplier"),
    ("retry-inf", _with("retry_multiplier: .inf"), "finite number", 8, "scenarios[0].retry_multiplier"),
    ("retry-1e30", _with("retry_multiplier: 1e30"), "retry_multiplier", 8, "scenarios[0].retry_multiplier"),
    ("retry-text", _with("retry_multiplier: abc"), "expected a number", 8, "scenarios[0].retry_multiplier"),
    ("retry-bool", _with("retry_multiplier: true"), "retry_multiplier", 8, "scenarios[0].retry_multiplier"),
    (
        "cached-share-2",
        _with("cached_prompt_share: 2"),
        "must be at most 1",
        8,
        "scenarios[0].cached_prompt_share",
    ),
    (
        "cached-share-negative",
        _with("cached_prompt_share: -0.1"),
        "must be at least 0",
        8,
        "scenarios[0].cached_prompt_share",
    ),
    ("prompt-negative", _with("prompt_tokens: -1"), "must be at least 0", 8, "scenarios[0].prompt_tokens"),
    ("prompt-huge", _with("prompt_tokens: 1000000000000"), "must be at most", 8, "scenarios[0].prompt_tokens"),
    ("input-images-17", _with("input_images: 17"), "must be at most 16", 8, "scenarios[0].input_images"),
    (
        "input-tokens-zero",
        _with("input_image_tokens: 0"),
        "must be at least 1",
        8,
        "scenarios[0].input_image_tokens",
    ),
    ("partial-4", _with("partial_images: 4"), "must be at most 3", 8, "scenarios[0].partial_images"),
    ("fidelity", _with("input_fidelity: medium"), "input_fidelity", 8, "scenarios[0].input_fidelity"),
    ("volume-unit", _with("volume_unit: week"), "volume_unit", 8, "scenarios[0].volume_unit"),
    ("batch-text", _with("batch: maybe"), "expected true or false", 8, "scenarios[0].batch"),
    (
        "batch-unpriced",
        GOOD.replace("gpt-image-1", "dall-e-2").replace("low", "standard") + EXTRA.format("batch: true"),
        "no Batch",
        None,
        None,
    ),
    ("name-bool", GOOD.replace("Onboarding thumbnails", "yes"), "write it in quotes", 3, "scenarios[0].name"),
    ("name-empty", GOOD.replace("Onboarding thumbnails", "''"), "must not be empty", 3, "scenarios[0].name"),
    ("name-too-long", GOOD.replace("Onboarding thumbnails", "x" * 201), "at most 200", 3, "scenarios[0].name"),
    (
        "markup-inf",
        "version: 1\nquote:\n  markup_percent: .inf\nscenarios: []\n",
        "finite number",
        3,
        "quote.markup_percent",
    ),
    (
        "markup-negative",
        "version: 1\nquote:\n  markup_percent: -5\nscenarios: []\n",
        "must be at least 0",
        3,
        "quote.markup_percent",
    ),
    (
        "rate-zero",
        "version: 1\nquote:\n  exchange_rate: 0\nscenarios: []\n",
        "must be more than 0",
        3,
        "quote.exchange_rate",
    ),
    (
        "rate-nan",
        "version: 1\nquote:\n  exchange_rate: .nan\nscenarios: []\n",
        "finite number",
        3,
        "quote.exchange_rate",
    ),
    ("currency", "version: 1\nquote:\n  currency: euro\nscenarios: []\n", "expected form", 3, "quote.currency"),
    ("date-text", "version: 1\nquote:\n  date: soon\nscenarios: []\n", "date", 3, "quote.date"),
    # An old format that cannot be migrated.
    (
        "v0-both-keys",
        GOOD.replace("version: 1", "version: 0") + EXTRA.format("requests: 5"),
        "both 'requests'",
        8,
        "scenarios[0].requests",
    ),
    (
        "v0-bad-value",
        GOOD.replace("version: 1", "version: 0").replace("requests_per_month", "requests").replace("20000", "-1"),
        "must be at least 0",
        7,
        "scenarios[0].requests",
    ),
]

# 'batch-unpriced' checks in the engine, not at load: it must load.
LOADS_BUT_WARNS = {"batch-unpriced"}


@pytest.mark.parametrize(
    ("content", "needle", "line", "field"),
    [case[1:] for case in TEXT_CASES if case[0] not in LOADS_BUT_WARNS],
    ids=[case[0] for case in TEXT_CASES if case[0] not in LOADS_BUT_WARNS],
)
def test_bad_file_is_refused_clearly_and_left_unchanged(
    tmp_path: Path, content: str | bytes, needle: str, line: int | None, field: str | None
) -> None:
    path = tmp_path / "team.yaml"
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.write_bytes(data)
    with pytest.raises(ScenarioFileError) as info:
        scenario_file.load(path, check=check_scenario)
    err = info.value
    assert needle in str(err), str(err)
    assert err.path == path and str(err).startswith("team.yaml")
    if line is not None:
        assert err.line == line, str(err)
    if field is not None:
        assert err.field == field, str(err)
    assert path.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["team.yaml"]


def test_engine_level_problem_loads_and_is_refused_when_priced() -> None:
    from core.errors import InvalidOptionError
    from core.pricing.engine import estimate

    content = dict((case[0], case[1]) for case in TEXT_CASES)["batch-unpriced"]
    assert isinstance(content, str)
    doc = scenario_file.loads(content, check=check_scenario)
    with pytest.raises(InvalidOptionError, match="no Batch API price"):
        estimate(doc.scenarios[0])


def _refused(path: Path, needle: str) -> ScenarioFileError:
    with pytest.raises(ScenarioFileError) as info:
        scenario_file.load(path, check=check_scenario)
    assert needle in str(info.value), str(info.value)
    return info.value


def test_missing_file(tmp_path: Path) -> None:
    _refused(tmp_path / "gone.yaml", "does not exist")


def test_a_folder(tmp_path: Path) -> None:
    _refused(tmp_path, "is a folder")


def test_huge_file_is_refused_by_its_size_without_reading_it(tmp_path: Path) -> None:
    import tracemalloc

    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:  # sparse: 400 MB long, nothing written
        handle.truncate(400 * 1024 * 1024)
    tracemalloc.start()
    try:
        err = _refused(path, "over the 32.0 MB limit")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "400.0 MB" in err.message
    assert peak < 1024 * 1024
    assert path.stat().st_size == 400 * 1024 * 1024


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="POSIX device files")
def test_a_device_is_refused_without_reading_forever() -> None:
    _refused(Path("/dev/zero"), "not a regular file")


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="POSIX named pipes")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    import os

    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    _refused(path, "not a regular file")


def test_utf16_with_bom_and_utf8_with_bom_are_read(tmp_path: Path) -> None:
    for name, data in {
        "bom8.yaml": b"\xef\xbb\xbf" + GOOD.encode(),
        "bom16.yaml": GOOD.encode("utf-16"),
        "crlf.yaml": GOOD.replace("\n", "\r\n").encode(),
    }.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert scenario_file.load(path, check=check_scenario).scenarios[0].requests_per_month == 20000


V0 = """\
version: 0
title: Image generation budget 2027
client: Example Co.
scenarios:
  - name: Onboarding thumbnails
    model: gpt-image-1-mini
    quality: low
    size: 1024x1024
    requests: 20000
    images: 2
    retries: 1.25
"""


def test_a_version_0_file_is_migrated_with_a_note_and_left_unchanged_until_saved(tmp_path: Path) -> None:
    path = tmp_path / "old.yaml"
    path.write_text(V0)
    doc = scenario_file.load(path, check=check_scenario)
    (scenario,) = doc.scenarios
    assert (scenario.requests_per_month, scenario.images_per_request) == (20000, 2)
    assert str(scenario.retry_multiplier) == "1.25"
    assert (doc.quote.title, doc.quote.client) == ("Image generation budget 2027", "Example Co.")
    (note,) = doc.load_notes
    assert "format version 0" in note and "renamed 'requests' to 'requests_per_month'" in note
    assert "moved title, client under 'quote'" in note and "unchanged until you save" in note
    assert path.read_text() == V0
    scenario_file.save(doc, path)
    again = scenario_file.load(path, check=check_scenario)
    assert again.load_notes == () and again.scenarios == doc.scenarios and again.quote == doc.quote
    assert "version: 1" in path.read_text() and "requests_per_month: 20000" in path.read_text()
    assert (tmp_path / "old.yaml.bak").read_text() == V0


def test_a_version_0_error_points_at_the_old_key(tmp_path: Path) -> None:
    path = tmp_path / "old.yaml"
    path.write_text(V0.replace("images: 2", "images: 0"))
    err = _refused(path, "must be at least 1")
    assert err.line == 10 and err.field == "scenarios[0].images"


def test_the_command_line_prints_the_migration_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from gui.cli import main

    path = tmp_path / "old.yaml"
    path.write_text(V0)
    assert main(["quote", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith("note: old.yaml: opened a format version 0 file")
    assert "Onboarding thumbnails" in captured.out
