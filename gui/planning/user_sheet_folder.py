"""The person's price-sheet folder as the planning tools use it (over core.pricing.user_sheets)."""

from __future__ import annotations

from pathlib import Path

from core.files.paths import price_sheets_dir
from core.pricing.catalog import Catalog, PriceSheet, bundled_sheets
from core.pricing.user_sheets import (
    ImportPreview,
    catalog_without,
    check_sheet_file,
    import_sheet,
    installed_sheets,
    load_catalog,
    preview_import,
    remove_sheet,
)


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

    def installed(self) -> list[tuple[Path, PriceSheet]]:
        """The person's sheets that load, with their files (File > Price Sheets lists them)."""
        return installed_sheets(self.folder)

    def without(self, name: str) -> Catalog:
        """The catalog as it would be with sheet file NAME removed (the preview before Remove)."""
        return catalog_without(name, self.folder)

    def remove(self, name: str) -> Path:
        return remove_sheet(name, self.folder)

    def location(self) -> Path:
        """The folder the person's sheets are in."""
        return self.folder if self.folder is not None else price_sheets_dir()
