"""One app name for every user folder: the window's settings sit beside the data and state folders."""

from __future__ import annotations

from pathlib import Path

from core.files import paths
from gui.desktop.settings import AppSettings, settings_path


def test_every_user_folder_has_the_one_app_name() -> None:
    for folder in (paths.config_dir(), paths.user_data_dir(), paths.state_dir()):
        assert folder.name == paths.APP_NAME
    assert settings_path() == paths.config_dir() / "imagecost.ini"


def test_settings_under_the_old_name_are_carried_over_once(qapp: object) -> None:
    legacy = paths.legacy_settings_file()
    legacy.parent.mkdir(parents=True)
    old = AppSettings(legacy)
    old.add_recent_file(Path("/work/plan.yaml"))
    old.qsettings.sync()
    settings = AppSettings()
    assert settings.path == paths.settings_file() and settings.path != legacy
    assert settings.recent_files() == [Path("/work/plan.yaml").resolve()]
    settings.clear_recent_files()
    assert AppSettings().recent_files() == []  # the new file is used from now on, not copied again
    assert legacy.exists()  # left for an older version of the app
