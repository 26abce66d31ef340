"""What the window remembers between runs (QSettings), in the app's one config folder.

The settings file path comes from ``core.files.paths`` at construction, so tests
that point XDG_CONFIG_HOME at a temp folder never touch a real profile. Settings
kept under the app's old folder name are copied over once (the old file stays,
so an older version still finds it).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from core.files import paths

MAX_RECENT_FILES = 8


def settings_path() -> Path:
    """The settings file, carried over from the old folder name the first time."""
    path = paths.settings_file()
    legacy = paths.legacy_settings_file()
    if not path.exists() and legacy.is_file():
        from core.errors import ImageCostError
        from core.files.atomic import atomic_write_bytes

        try:
            paths.config_dir(ensure=True)
            atomic_write_bytes(path, legacy.read_bytes())
        except (OSError, ImageCostError):
            return legacy  # cannot copy: keep using the old file rather than forget everything
    return path


class AppSettings:
    """Typed access to the few things the window keeps."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self.qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _strings(self, key: str) -> list[str]:
        """A list kept under KEY (QSettings gives one item as a str, none as nothing)."""
        value = self.qsettings.value(key, [])
        items = [value] if isinstance(value, str) else list(value) if isinstance(value, list | tuple) else []
        return [str(item) for item in items if item]

    def recent_files(self) -> list[Path]:
        return [Path(item) for item in self._strings("files/recent")]

    def add_recent_file(self, path: Path) -> None:
        resolved = path.resolve()
        files = [resolved, *(p for p in self.recent_files() if p != resolved)]
        self._set_recent(files[:MAX_RECENT_FILES])

    def remove_recent_file(self, path: Path) -> None:
        self._set_recent([p for p in self.recent_files() if p != path.resolve()])

    def clear_recent_files(self) -> None:
        self._set_recent([])

    def _set_recent(self, files: list[Path]) -> None:
        self.qsettings.setValue("files/recent", [str(p) for p in files])
        self.qsettings.sync()

    def last_folder(self) -> Path:
        value = self.qsettings.value("files/last_folder", "")
        folder = Path(str(value)) if value else None
        return folder if folder is not None and folder.is_dir() else paths.start_folder()

    def set_last_folder(self, folder: Path) -> None:
        self.qsettings.setValue("files/last_folder", str(folder))

    def hidden_columns(self, table: str) -> list[str]:
        """The titles of the columns the person hid in TABLE (its header's context menu)."""
        return self._strings(f"columns/{table}_hidden")

    def set_hidden_columns(self, table: str, titles: list[str]) -> None:
        self.qsettings.setValue(f"columns/{table}_hidden", titles)
        self.qsettings.sync()

    def geometry(self) -> QByteArray | None:
        value = self.qsettings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self.qsettings.setValue("window/geometry", geometry)
        self.qsettings.sync()
