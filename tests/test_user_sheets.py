"""The person's own price sheets: laid over the bundled ones; a broken one is skipped with a warning."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from core.errors import PriceSheetError
from core.files import paths
from core.pricing.catalog import default_catalog
from core.pricing.user_sheets import check_sheet_file, import_sheet, load_catalog, user_sheet_files

NEGOTIATED = """\
sheet: negotiated
title: Our negotiated prices
provider: OpenAI
checked: 2026-11-01
models:
  - id: gpt-image-1-mini
    label: GPT Image 1 Mini (negotiated)
    qualities: [low]
    sizes: [1024x1024]
    lifecycle: {status: active, source: contract.pdf, checked: 2026-11-01}
    per_image:
      - {quality: low, size: 1024x1024, usd: 0.004, source: contract.pdf, checked: 2026-11-01}
"""


def _write(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_paths_live_under_the_isolated_user_dirs(tmp_path: Path) -> None:
    assert paths.price_sheets_dir().name == "price-sheets"
    assert paths.price_sheets_dir().parent == paths.user_data_dir()
    assert paths.autosave_dir().parent == paths.state_dir()
    assert not paths.price_sheets_dir().exists()  # nothing is created until asked
    assert paths.autosave_dir(ensure=True).is_dir()


def test_no_user_folder_means_the_bundled_catalog() -> None:
    result = load_catalog()
    assert result.warnings == () and result.user_sheets == ()
    assert result.catalog.model_ids == default_catalog().model_ids


def test_a_user_sheet_overrides_a_bundled_model() -> None:
    path = _write(paths.price_sheets_dir(), "negotiated.yaml", NEGOTIATED)
    result = load_catalog()
    assert result.user_sheets == (path,) and result.warnings == ()
    row = result.catalog.model("gpt-image-1-mini").per_image_price("low", "1024x1024")
    assert row is not None and row.usd == Decimal("0.004")
    assert result.catalog.model("gpt-image-2").sheet.sheet != "negotiated"  # the rest stays bundled


BROKEN = {
    "not-yaml.yaml": ("sheet: [unclosed\n", "not valid YAML", 2, None),
    "binary.yaml": (b"\x00\x01\x02\x03", "binary data", None, None),
    "empty.yaml": ("", "must be a mapping", 1, None),
    "latin1.yml": ("sheet: caf\xe9\n".encode("latin-1"), "not UTF-8", 1, None),
    "bad-price.yaml": (
        NEGOTIATED.replace("usd: 0.004", "usd: -1"),
        "must be at least 0",
        12,
        "models[0].per_image[0].usd",
    ),
    "nan-price.yaml": (NEGOTIATED.replace("usd: 0.004", "usd: .nan"), "finite", 12, "models[0].per_image[0].usd"),
    "huge-price.yaml": (
        NEGOTIATED.replace("usd: 0.004", "usd: 1e999999"),
        "must be at most",
        12,
        "models[0].per_image[0].usd",
    ),
    "unknown-key.yaml": (NEGOTIATED.replace("  - id:", "  - idd: x\n    id:"), "unknown key 'idd'", 6, "models[0].idd"),
    "missing-lifecycle.yaml": (NEGOTIATED.replace("    lifecycle:", "    x_lifecycle:"), "x_lifecycle", 10, None),
    "euro.yaml": (NEGOTIATED.replace("provider: OpenAI", "provider: OpenAI\ncurrency: EUR"), "currency", 4, "currency"),
    "python-tag.yaml": ("!!python/object/apply:os.system ['true']\n", "tag not allowed", 1, None),
    "alias.yaml": ("a: &a [1]\nb: *a\n", "aliases", 2, None),
    "duplicate-model.yaml": (
        NEGOTIATED + NEGOTIATED[NEGOTIATED.index("  - id:") :],
        "listed twice",
        13,
        "models[1].id",
    ),
    "alias-to-nowhere.yaml": (
        NEGOTIATED
        + "  - id: my-alias\n    label: Mine\n    alias_of: gpt-image-9\n    source: x.md\n    checked: 2026-11-01\n",
        "unknown model 'gpt-image-9'",
        15,
        "models[1].alias_of",
    ),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_user_sheet_is_skipped_with_a_warning_naming_file_line_field(name: str) -> None:
    content, needle, line, field = BROKEN[name]
    good = _write(paths.price_sheets_dir(), "a-good.yaml", NEGOTIATED)
    bad = _write(paths.price_sheets_dir(), name, content)
    before = bad.read_bytes()
    result = load_catalog()
    assert result.user_sheets == (good,)
    (warning,) = result.warnings
    assert warning.path == bad and needle in str(warning), str(warning)
    assert str(warning).startswith(name)
    assert warning.line == line, str(warning)
    if field is not None:
        assert warning.field == field
    assert name in result.warning_text() and "skipped" in result.warning_text()
    assert result.catalog.model("gpt-image-1-mini").sheet.sheet == "negotiated"  # the good sheet still applies
    assert bad.read_bytes() == before


def test_hidden_and_other_files_are_not_sheets(tmp_path: Path) -> None:
    for name in (".hidden.yaml", "notes.txt", "sheet.yaml.bak", "b.YML", "a.yaml"):
        _write(tmp_path, name, "x")
    assert [p.name for p in user_sheet_files(tmp_path)] == ["a.yaml", "b.YML"]


def test_later_files_override_earlier_ones(tmp_path: Path) -> None:
    _write(tmp_path, "1-first.yaml", NEGOTIATED)
    _write(tmp_path, "2-second.yaml", NEGOTIATED.replace("0.004", "0.003").replace("sheet: negotiated", "sheet: later"))
    row = load_catalog(tmp_path).catalog.model("gpt-image-1-mini").per_image_price("low", "1024x1024")
    assert row is not None and row.usd == Decimal("0.003")


def test_import_checks_then_copies_atomically(tmp_path: Path) -> None:
    source = _write(tmp_path / "downloads", "negotiated.yaml", NEGOTIATED)
    dest = import_sheet(source)
    assert dest == paths.price_sheets_dir() / "negotiated.yaml"
    assert dest.read_text() == NEGOTIATED
    assert load_catalog().user_sheets == (dest,)
    with pytest.raises(PriceSheetError, match="already installed"):
        import_sheet(source)
    newer = _write(tmp_path / "downloads2", "negotiated.yaml", NEGOTIATED.replace("0.004", "0.0035"))
    import_sheet(newer, replace=True)
    assert "0.0035" in dest.read_text()
    assert "0.004" in (dest.parent / "negotiated.yaml.bak").read_text()


def test_import_refuses_a_broken_sheet_and_writes_nothing(tmp_path: Path) -> None:
    source = _write(tmp_path, "broken.yaml", NEGOTIATED.replace("usd: 0.004", "usd: lots"))
    with pytest.raises(PriceSheetError) as info:
        import_sheet(source)
    assert info.value.line == 12 and info.value.field == "models[0].per_image[0].usd"
    assert not paths.price_sheets_dir().exists()
    with pytest.raises(PriceSheetError, match=r"\.yaml or \.yml"):
        import_sheet(_write(tmp_path, "sheet.txt", NEGOTIATED))


def test_check_ignores_the_file_it_would_replace(tmp_path: Path) -> None:
    _write(paths.price_sheets_dir(), "negotiated.yaml", NEGOTIATED)
    # The same model ids in a file of the same name replace, not duplicate, the installed sheet.
    assert check_sheet_file(_write(tmp_path, "negotiated.yaml", NEGOTIATED)).sheet == "negotiated"
