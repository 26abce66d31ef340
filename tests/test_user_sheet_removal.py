"""Removing one of the person's price sheets (core.pricing.user_sheets): out of use, kept, nothing else touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import PriceSheetError
from core.pricing.user_sheets import catalog_without, import_sheet, installed_sheets, load_catalog, remove_sheet
from tests.conftest import EXAMPLES

SHEET = EXAMPLES / "negotiated-2027.yaml"


def test_a_removed_sheet_is_kept_as_bak_and_prices_nothing(tmp_path: Path) -> None:
    import_sheet(SHEET, tmp_path)
    ((path, sheet),) = installed_sheets(tmp_path)
    assert path == tmp_path / SHEET.name and sheet.sheet == "acme-negotiated-2027"
    preview = catalog_without(SHEET.name, tmp_path)
    assert preview.model("gpt-image-2").sheet.sheet == "openai-gpt-image"
    assert load_catalog(tmp_path).catalog.model("gpt-image-2").sheet.sheet == "acme-negotiated-2027"  # a preview only
    backup = remove_sheet(SHEET.name, tmp_path)
    assert backup == tmp_path / (SHEET.name + ".bak") and backup.read_text() == SHEET.read_text()
    assert installed_sheets(tmp_path) == []
    assert load_catalog(tmp_path).catalog.model("gpt-image-2").sheet.sheet == "openai-gpt-image"


@pytest.mark.parametrize("name", ["missing.yaml", "../negotiated-2027.yaml", "notes.txt"])
def test_only_an_installed_sheet_of_the_folder_can_be_removed(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "sheets"
    import_sheet(SHEET, folder)
    (folder / "notes.txt").write_text("not a sheet")
    with pytest.raises(PriceSheetError, match="no price sheet of that name is installed"):
        remove_sheet(name, folder)
    assert (folder / SHEET.name).exists() and (folder / "notes.txt").exists()
