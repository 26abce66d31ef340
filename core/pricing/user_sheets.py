"""The app's price catalog: the bundled sheets overlaid by the person's own sheets.

The bundled sheets (read-only, in the ``pricing`` package) always load. The
person's sheets are the ``*.yaml``/``*.yml`` files in
:func:`core.files.paths.price_sheets_dir`, read in file-name order; a model id in a
later sheet overrides the same id in an earlier or bundled one (a negotiated
or newer price list). A broken user sheet never stops the app: it is skipped
and reported as a warning naming the file, line and field, and the catalog
goes on without it.

API (used by the window, the command line and File > Import price sheet)::

    result = load_catalog()          # CatalogLoad
    result.catalog                   # core.pricing.catalog.Catalog to price with
    result.user_sheets               # the user sheet files in use (paths)
    result.warnings                  # PriceSheetError per skipped file; str() says file, line, field

    sheet = check_sheet_file(path)   # validate a file as a user sheet; raises PriceSheetError
    dest = import_sheet(path)        # check, then copy atomically into the user folder; returns it
    dest = import_sheet(path, replace=True)  # overwrite a user sheet of the same file name

    installed_sheets()               # [(path, sheet)] of the person's sheets that load, in order
    catalog_without("acme.yaml")     # the catalog as it would be with that sheet removed
    remove_sheet("acme.yaml")        # take it out of use (kept as acme.yaml.bak); returns the .bak

Nothing here writes anywhere but the user sheet folder, and only through
:func:`import_sheet` (an atomic copy; a sheet replaced keeps a ``.bak``) and
:func:`remove_sheet` (a rename to ``.bak``, so a removal can be undone by hand).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.errors import PriceSheetError
from core.files.atomic import atomic_write_bytes
from core.files.paths import price_sheets_dir
from core.pricing.catalog import Catalog, PriceSheet, default_catalog, loads_sheet, read_sheet_text, sheet_error_line

SHEET_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class CatalogLoad:
    """The catalog to price with, and what happened to the person's sheets on the way."""

    catalog: Catalog
    user_sheets: tuple[Path, ...]
    warnings: tuple[PriceSheetError, ...]

    def warning_text(self) -> str:
        """One paragraph for a banner or stderr; empty when every sheet loaded."""
        if not self.warnings:
            return ""
        lines = [f"{error} (skipped; using the other price sheets)" for error in self.warnings]
        return "\n".join(lines)


def user_sheet_files(folder: Path | None = None) -> list[Path]:
    """The sheet files in FOLDER (default: the user sheet folder), in the order they apply."""
    folder = price_sheets_dir() if folder is None else folder
    try:
        items = list(folder.iterdir())
    except OSError:  # no folder yet (the usual case), or unreadable: no user sheets
        return []
    files = [item for item in items if item.suffix.lower() in SHEET_SUFFIXES and not item.name.startswith(".")]
    return sorted(files, key=lambda item: item.name.casefold())


def sheet_on_top(path: Path, base: list[PriceSheet]) -> PriceSheet:
    """PATH read as a sheet and tried on top of BASE; raises :class:`PriceSheetError` with file and line
    (the window's import and the CLI's reprice --price-sheet both check a sheet here)."""
    text = read_sheet_text(path)
    sheet = loads_sheet(text, path=path)
    try:
        Catalog([*base, sheet])
    except PriceSheetError as exc:
        raise PriceSheetError(
            exc.message, field=exc.field, hint=exc.hint, path=path, line=sheet_error_line(exc, text)
        ) from None
    return sheet


def _overlay(folder: Path | None, *, leave_out: str | None = None, installing: Path | None = None) -> CatalogLoad:
    """The catalog from FOLDER's sheets in file-name order, without LEAVE_OUT, or as it will be
    once INSTALLING is copied in under its own name (replacing a sheet of that name)."""
    sheets = list(default_catalog().sheets)  # the bundled sheets, parsed once per process
    used: list[Path] = []
    warnings: list[PriceSheetError] = []
    files = user_sheet_files(folder)
    if installing is not None:
        files = [item for item in files if item.name != installing.name] + [installing]
        files.sort(key=lambda item: item.name.casefold())
    for path in files:
        if path.name == leave_out:
            continue
        try:
            sheets.append(sheet_on_top(path, sheets))
        except PriceSheetError as exc:
            warnings.append(exc)
        else:
            used.append(path)
    return CatalogLoad(Catalog(sheets), tuple(used), tuple(warnings))


def load_catalog(folder: Path | None = None) -> CatalogLoad:
    """Bundled sheets plus every user sheet that loads; the others become warnings."""
    return _overlay(folder)


def check_sheet_file(path: Path, folder: Path | None = None) -> PriceSheet:
    """Validate PATH as a user sheet on top of the bundled and the other user sheets; raises PriceSheetError."""
    path = Path(path)
    base = _overlay(folder, leave_out=path.name).catalog.sheets
    return sheet_on_top(path, list(base))


@dataclass(frozen=True)
class ImportPreview:
    """What importing a sheet will do, computed from exactly the catalog it will leave (issue 17)."""

    sheet: PriceSheet
    #: The catalog load_catalog gives once the sheet is installed.
    after: CatalogLoad
    #: (model id, the sheet that prices it instead): models of the imported sheet a later one overrides.
    shadowed: tuple[tuple[str, str], ...]
    #: The installed sheet of the same file name that the import replaces, if any.
    replaces: Path | None

    def notes(self) -> list[str]:
        """Sentences for the preview: what is replaced, shadowed or skipped."""
        out: list[str] = []
        if self.replaces is not None:
            out.append(f"It replaces the installed {self.replaces.name}; models only that sheet had are removed.")
        for model_id, other in self.shadowed:
            out.append(f"{model_id} stays priced by {other}, a sheet that applies after this one (file-name order).")
        out += [f"{error} (would be skipped)" for error in self.after.warnings]
        return out


def preview_import(source: Path, folder: Path | None = None) -> ImportPreview:
    """Check SOURCE and work out the catalog importing it will give; raises PriceSheetError."""
    source = Path(source)
    _check_import_name(source)
    sheet = check_sheet_file(source, folder)
    after = _overlay(folder, installing=source)
    shadowed = tuple(
        (model.id, after.catalog.model(model.id).sheet.sheet)
        for model in sheet.models
        if model.id in after.catalog.model_ids and after.catalog.model(model.id).sheet.sheet != sheet.sheet
    )
    existing = (price_sheets_dir() if folder is None else folder) / source.name
    return ImportPreview(sheet, after, shadowed, existing if existing.exists() else None)


def _check_import_name(source: Path) -> None:
    if source.suffix.lower() not in SHEET_SUFFIXES:
        raise PriceSheetError("a price sheet file name ends in .yaml or .yml", path=source)
    if source.name.startswith("."):
        raise PriceSheetError(
            "a price sheet file name may not start with '.'",
            path=source,
            hint="such files are never loaded; rename it",
        )


def import_sheet(source: Path, folder: Path | None = None, *, replace: bool = False) -> Path:
    """Check SOURCE, then copy it into the user sheet folder atomically; returns the new file.

    Raises :class:`PriceSheetError` if SOURCE is not a valid sheet, or if a
    user sheet of the same name exists and REPLACE is false; a save problem
    (disk full, read-only folder) is a :class:`core.errors.SaveError`.
    """
    source = Path(source)
    folder = price_sheets_dir() if folder is None else folder
    _check_import_name(source)
    check_sheet_file(source, folder)
    dest = folder / source.name
    if dest.exists() and not replace:
        raise PriceSheetError(
            "a price sheet of that name is already installed", path=dest, hint="replace it or rename the file"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PriceSheetError(f"cannot create the price sheet folder: {exc.strerror or exc}", path=folder) from None
    atomic_write_bytes(dest, read_sheet_text(source).encode("utf-8"), backup=dest.exists())
    return dest


def installed_sheets(folder: Path | None = None) -> list[tuple[Path, PriceSheet]]:
    """The person's sheets that load, with their files, in the order they apply (for the sheet list)."""
    load = _overlay(folder)
    mine = load.catalog.sheets[len(default_catalog().sheets) :]
    return list(zip(load.user_sheets, mine, strict=True))


def catalog_without(name: str, folder: Path | None = None) -> Catalog:
    """The catalog with the user sheet file NAME left out: what removing it would price with."""
    return _overlay(folder, leave_out=name).catalog


def remove_sheet(name: str, folder: Path | None = None) -> Path:
    """Take the user sheet file NAME out of use by renaming it to NAME.bak (not deleted); returns the .bak.

    Raises :class:`PriceSheetError` when there is no such sheet or the folder says no."""
    folder = price_sheets_dir() if folder is None else folder
    path = folder / name
    if Path(name).name != name or path.suffix.lower() not in SHEET_SUFFIXES or not path.is_file():
        raise PriceSheetError("no price sheet of that name is installed", path=path)
    backup = path.with_name(path.name + ".bak")
    try:
        path.replace(backup)
    except OSError as exc:
        raise PriceSheetError(f"cannot remove the price sheet: {exc.strerror or exc}", path=path) from None
    return backup
