"""The person's price-sheet folder as the planning tools use it (over core.pricing.user_sheets)."""

from __future__ import annotations

from pathlib import Path

from core.pricing.catalog import Catalog, PriceSheet, bundled_sheets
from core.pricing.user_sheets import ImportPreview, check_sheet_file, import_sheet, load_catalog, preview_import


class UserSheetFolder:
    """Check, install and load the sheets in FOLDER (default: the user data folder)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder

    def check(self, path: Path) -> PriceSheet:
        return check_sheet_file(path, self.folder)

    def preview(self, path: Path) -> ImportPreview:
        """What installing PATH will do, from the very catalog it will leave."""
        return preview_import(path, self.folder)

    def install(self, path: Path) -> Path:
        # The person has just seen what the sheet changes, so a sheet of the same file name is replaced
        # (its previous version is kept as .bak by the atomic copy).
        return import_sheet(path, self.folder, replace=True)

    def catalog(self) -> Catalog:
        return load_catalog(self.folder).catalog

    def base_sheets(self) -> list[PriceSheet]:
        return bundled_sheets()

    def available_sheets(self) -> list[PriceSheet]:
        return list(load_catalog(self.folder).catalog.sheets)
