"""The app's face to the desktop: its window icon and the desktop entry it belongs to.

The icon PNGs ship in the ``resources`` package, found beside its ``__init__``,
so a source checkout, a wheel and the frozen app all find them the same way,
whatever the working folder. (Not through importlib.resources, which costs some
5 ms of imports before the first frame; the package is always on disk.)
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon

import resources

# resources/linux/io.github.imagecost.ImageCostCalculator.desktop: Wayland compositors match
# windows to it by this name. The same reverse-DNS id names the AppStream metainfo and the macOS bundle.
DESKTOP_FILE_NAME = "io.github.imagecost.ImageCostCalculator"
ICON_PREFIX = "imagecost-"


def app_icon() -> QIcon:
    """The app icon with every rendered PNG size (resources/icons/imagecost-N.png), each read when first drawn."""
    icon = QIcon()
    for path in (Path(resources.__file__).parent / "icons").glob(f"{ICON_PREFIX}*.png"):
        size = int(path.stem.removeprefix(ICON_PREFIX))
        icon.addFile(str(path), QSize(size, size))
    return icon


def apply_identity() -> None:
    """Give the app its icon and tie its windows to the installed desktop entry (after QApplication exists)."""
    QGuiApplication.setWindowIcon(app_icon())
    QGuiApplication.setDesktopFileName(DESKTOP_FILE_NAME)
