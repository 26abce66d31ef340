"""What the window remembers between runs (QSettings) and where user files go (platformdirs).

The settings file path comes from platformdirs at construction, so tests that
point XDG_CONFIG_HOME at a temp folder never touch a real profile.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

APP_NAME = "imagecost"
DOCUMENTS_FOLDER_NAME = "Image Cost Calculator"
MAX_RECENT_FILES = 8


def settings_path() -> Path:
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "imagecost.ini"


def documents_folder() -> Path:
    """Where Open and Save start the first time: Documents/Image Cost Calculator."""
    return platformdirs.user_documents_path() / DOCUMENTS_FOLDER_NAME


class AppSettings:
    """Typed access to the few things the window keeps."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self.qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def recent_files(self) -> list[Path]:
        value = self.qsettings.value("files/recent", [])
        items = [value] if isinstance(value, str) else list(value) if isinstance(value, list | tuple) else []
        return [Path(str(item)) for item in items if item]

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
        return folder if folder is not None and folder.is_dir() else documents_folder()

    def set_last_folder(self, folder: Path) -> None:
        self.qsettings.setValue("files/last_folder", str(folder))

    def geometry(self) -> QByteArray | None:
        value = self.qsettings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self.qsettings.setValue("window/geometry", geometry)
        self.qsettings.sync()
