"""Windows and dialogs open within the screen: the status bar and a dialog's buttons stay in reach."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gui.desktop.screen_fit import FRAME_MARGIN
from gui.window.main_window import MainWindow


def _area() -> QRect:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    return screen.availableGeometry()


def _within(widget: QWidget) -> bool:
    area = _area()
    return widget.width() <= area.width() - FRAME_MARGIN.width() and widget.height() <= (
        area.height() - FRAME_MARGIN.height()
    ) and area.contains(widget.geometry())


def test_the_first_start_fits_the_screen(qtbot: QtBot) -> None:
    # The offscreen screen is 800x800: the 1280x800 the window wants does not fit, what fits does.
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert _area().width() < 1280
    assert _within(window)


def test_a_saved_geometry_that_no_longer_fits_is_not_restored(qtbot: QtBot) -> None:
    # Saved on a large monitor that is gone now: 2400x1400, far to the right.
    big = MainWindow()
    qtbot.addWidget(big)
    big.setGeometry(3000, 100, 2400, 1400)
    saved: QByteArray = big.saveGeometry()
    big.settings.set_geometry(saved)
    window = MainWindow(settings=big.settings)
    qtbot.addWidget(window)
    window.show()
    assert _within(window)


def test_print_preview_opens_within_the_screen(qtbot: QtBot, example_window: MainWindow) -> None:
    example_window.build_tools()
    dialog = example_window.quote_actions.make_preview_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.height() < 1000 <= _area().height() + 200  # it wanted 1000 on an 800-pixel screen
    assert _within(dialog)


def test_the_price_sheet_dialogs_open_within_the_screen(qtbot: QtBot) -> None:
    # They wanted 820 pixels on the 800-pixel test screen (and on a 780x540 minimum window's screen).
    from core.pricing.catalog import default_catalog, load_sheet_file
    from core.pricing.reprice import reprice, with_sheets
    from core.storage import scenario_file
    from gui.planning.reprice_view import ImportSheetDialog, RepriceDialog
    from tests.conftest import EXAMPLES

    scenarios = scenario_file.load(EXAMPLES / "example.yaml").scenarios
    path = EXAMPLES / "negotiated-2027.yaml"
    sheet = load_sheet_file(path)
    results = reprice(scenarios, default_catalog(), with_sheets(default_catalog(), sheet))
    for dialog in (
        ImportSheetDialog(sheet, path.name, default_catalog(), scenarios),
        RepriceDialog(results, "the bundled prices", sheet.sheet),
    ):
        qtbot.addWidget(dialog)
        assert _within(dialog)


def test_quote_details_fits_the_smallest_screen_the_window_fits(qtbot: QtBot, example_window: MainWindow) -> None:
    # With its plan sections it was 603 pixels tall and could not shrink: off a 640-pixel screen.
    from gui.editors.quote_details import QuoteDetailsDialog
    from gui.window.main_window import MIN_SIZE

    dialog = QuoteDetailsDialog(example_window.document.quote, example_window)
    qtbot.addWidget(dialog)
    assert _within(dialog)
    assert dialog.minimumSizeHint().height() <= MIN_SIZE.height() - FRAME_MARGIN.height()
    assert dialog.buttons.isVisibleTo(dialog)  # OK and Cancel outside the part that scrolls
