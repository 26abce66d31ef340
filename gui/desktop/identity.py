"""The app's face to the desktop: its window icon and the desktop entry it belongs to.

The icon PNGs ship in the ``resources`` package and are read through
importlib.resources, so a source checkout, a wheel and the frozen app all find
them the same way, whatever the working folder.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QGuiApplication, QIcon, QPixmap

# resources/linux/io.github.imagecost.ImageCostCalculator.desktop: Wayland compositors match
# windows to it by this name. The same reverse-DNS id names the AppStream metainfo and the macOS bundle.
DESKTOP_FILE_NAME = "io.github.imagecost.ImageCostCalculator"
ICON_PREFIX = "imagecost-"


def app_icon() -> QIcon:
    """The app icon with every rendered PNG size (resources/icons/imagecost-N.png)."""
    icon = QIcon()
    for item in (resources.files("resources") / "icons").iterdir():
        if item.name.startswith(ICON_PREFIX) and item.name.endswith(".png"):
            pixmap = QPixmap()
            if pixmap.loadFromData(item.read_bytes(), "PNG"):
                icon.addPixmap(pixmap)
    return icon


def apply_identity() -> None:
    """Give the app its icon and tie its windows to the installed desktop entry (after QApplication exists)."""
    QGuiApplication.setWindowIcon(app_icon())
    QGuiApplication.setDesktopFileName(DESKTOP_FILE_NAME)
