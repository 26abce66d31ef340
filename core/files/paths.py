"""Where the app keeps things on this computer, in one place (via platformdirs).

* :func:`user_data_dir`: things the person made and wants to keep, e.g. their
  own price sheets in :func:`price_sheets_dir`.
* :func:`state_dir`: things the app keeps for itself across runs, e.g. the
  autosaved work in :func:`autosave_dir`; losing it loses nothing saved.
* :func:`config_dir`: what the window remembers (:func:`settings_file`: size,
  recent files, last folder).
* :func:`documents_dir`: the person's documents; :func:`scenario_folder` in it
  is where Open and Save dialogs start the first time (:func:`start_folder`
  makes it when Documents exists).

Every folder is named :data:`APP_NAME`. Before this, the window's settings
lived under the name ``imagecost``; :func:`legacy_settings_file` says where, so
the window can carry them over (``gui.desktop.settings``).

Nothing is created on import (only :func:`start_folder` makes its folder, when
called); pass ``ensure=True`` where a folder must exist.
Tests point the XDG variables into a temp folder (tests/conftest.py), so they
never touch the real ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import platformdirs

APP_NAME = "image-cost-calculator"
#: The folder name the window's settings used before every folder was APP_NAME.
LEGACY_CONFIG_NAME = "imagecost"
SETTINGS_FILE_NAME = "imagecost.ini"
SCENARIO_FOLDER_NAME = "Image Cost Calculator"
#: No vendor folder level on Windows (platformdirs would otherwise nest APP_NAME in an author folder).
_AUTHOR: Literal[False] = False


def _ensure(path: Path, ensure: bool) -> Path:
    if ensure:
        path.mkdir(parents=True, exist_ok=True)
    return path


def user_data_dir(*, ensure: bool = False) -> Path:
    """Per-user data, e.g. ~/.local/share/image-cost-calculator."""
    return _ensure(Path(platformdirs.user_data_dir(APP_NAME, _AUTHOR)), ensure)


def price_sheets_dir(*, ensure: bool = False) -> Path:
    """The person's own price sheets (``*.yaml``), laid over the bundled ones."""
    return _ensure(user_data_dir() / "price-sheets", ensure)


def state_dir(*, ensure: bool = False) -> Path:
    """Per-user state the app keeps across runs, e.g. ~/.local/state/image-cost-calculator."""
    return _ensure(Path(platformdirs.user_state_dir(APP_NAME, _AUTHOR)), ensure)


def autosave_dir(*, ensure: bool = False) -> Path:
    """Autosaved unsaved work, offered back after a crash."""
    return _ensure(state_dir() / "autosave", ensure)


def config_dir(*, ensure: bool = False) -> Path:
    """Per-user configuration, e.g. ~/.config/image-cost-calculator."""
    return _ensure(Path(platformdirs.user_config_dir(APP_NAME, _AUTHOR)), ensure)


def settings_file() -> Path:
    """The window's QSettings file, e.g. ~/.config/image-cost-calculator/imagecost.ini."""
    return config_dir() / SETTINGS_FILE_NAME


def legacy_settings_file() -> Path:
    """Where the settings were before (~/.config/imagecost/imagecost.ini), read once to carry them over."""
    return Path(platformdirs.user_config_dir(LEGACY_CONFIG_NAME, _AUTHOR)) / SETTINGS_FILE_NAME


def documents_dir() -> Path:
    """The person's documents folder (the default place to save a scenario file)."""
    return Path(platformdirs.user_documents_dir())


def scenario_folder() -> Path:
    """The app's folder in the person's documents: Documents/Image Cost Calculator."""
    return documents_dir() / SCENARIO_FOLDER_NAME


def start_folder() -> Path:
    """Where Open and Save start the first time: the scenario folder, made if Documents exists.

    Without a Documents folder the app does not invent one: the dialogs start at home.
    """
    folder = scenario_folder()
    if folder.is_dir():
        return folder
    if not documents_dir().is_dir():
        return Path.home()
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return documents_dir()
    return folder
