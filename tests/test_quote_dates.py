"""Quote Details dates as the person types them (issue #19 item 6): unset fields, impossible days, checks."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from core.model.quote_header import QuoteHeader
from gui.editors.quote_details import OptionalDateEdit, QuoteDetailsDialog


def dialog_for(qtbot: QtBot, header: QuoteHeader) -> QuoteDetailsDialog:
    dialog = QuoteDetailsDialog(header)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def click_into(qtbot: QtBot, edit: OptionalDateEdit) -> None:
    """Click on the field's text, as the person does to start typing."""
    line = edit.lineEdit()
    unset = edit.value() is None
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=line.rect().center())
    if unset:
        qtbot.waitUntil(lambda: line.selectedText() != "")  # the field selects the year to type over


def press_ok(qtbot: QtBot, dialog: QuoteDetailsDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_a_date_typed_into_an_unset_field_is_taken_and_tab_leaves(qtbot: QtBot) -> None:
    dialog = dialog_for(qtbot, QuoteHeader())
    assert dialog.date_edit.value() is None and dialog.date_edit.text() == "Today, when exported"
    dialog.title_edit.setFocus()
    for _ in range(3):  # title -> client -> prepared by -> date
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.date_edit
    qtbot.keyClicks(dialog.date_edit, "2027-03-15")
    assert dialog.date_edit.text() == "2027-03-15"
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not dialog.date_edit  # Tab leaves the field
    assert dialog.date_edit.value() == dt.date(2027, 3, 15)
    press_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.header().date == dt.date(2027, 3, 15)


def test_an_unset_field_looked_at_stays_unset_and_its_calendar_opens_on_today(qtbot: QtBot) -> None:
    dialog = dialog_for(qtbot, QuoteHeader())
    click_into(qtbot, dialog.valid_edit)
    assert dialog.valid_edit.calendarWidget().selectedDate() == QDate.currentDate()  # not January 2000
    qtbot.keyClick(dialog.valid_edit, Qt.Key.Key_Tab)
    assert dialog.valid_edit.value() is None and dialog.valid_edit.text() == "Not stated"


def test_clear_sets_a_date_back_to_not_set(qtbot: QtBot) -> None:
    dialog = dialog_for(qtbot, QuoteHeader(valid_until=dt.date(2027, 1, 31)))
    assert dialog.valid_edit.clear_button is not None
    qtbot.mouseClick(dialog.valid_edit.clear_button, Qt.MouseButton.LeftButton)
    assert dialog.valid_edit.value() is None and dialog.valid_edit.text() == "Not stated"
    press_ok(qtbot, dialog)
    assert dialog.header().valid_until is None


def test_30_february_is_refused_in_the_dialog_not_moved_to_the_3rd(qtbot: QtBot) -> None:
    dialog = dialog_for(qtbot, QuoteHeader(date=dt.date(2027, 2, 1)))
    dialog.prepared_edit.setFocus()
    qtbot.keyClick(dialog.prepared_edit, Qt.Key.Key_Tab)  # Tab into the date selects its year
    qtbot.keyClicks(dialog.date_edit, "2027-02-30")
    refused = "2027-02-30 is not a date: February 2027 has 28 days"
    assert dialog.error_label.isVisible() and dialog.error_label.text() == refused
    press_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label.text() == f"Date: {refused}"
    assert QApplication.focusWidget() is dialog.date_edit  # the refusal puts the person back in the field
    qtbot.keyClicks(dialog.date_edit, "2027-02-28")
    assert dialog.date_edit.text() == "2027-02-28"
    press_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.header().date == dt.date(2027, 2, 28)


def test_valid_until_before_the_quote_date_is_flagged_where_it_can_be_fixed(qtbot: QtBot) -> None:
    dialog = dialog_for(qtbot, QuoteHeader(date=dt.date(2027, 3, 1)))
    click_into(qtbot, dialog.valid_edit)
    qtbot.keyClicks(dialog.valid_edit, "2027-02-01")
    press_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label.text() == "Valid until: 2027-02-01 is before 2027-03-01"
    assert QApplication.focusWidget() is dialog.valid_edit


def test_an_exchange_rate_with_no_date_is_flagged_in_the_dialog(qtbot: QtBot) -> None:
    dialog = dialog_for(qtbot, QuoteHeader(currency="EUR"))
    qtbot.mouseClick(dialog.rate_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.rate_edit, "0.92")
    press_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label.text() == "Rate date: the exchange rate has no date (give the day it was taken)"
    assert QApplication.focusWidget() is dialog.rate_date_edit
    qtbot.keyClicks(dialog.rate_date_edit, "2026-11-20")
    press_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.header().rate_date == dt.date(2026, 11, 20)


def test_the_calendar_button_of_an_unset_date_opens_on_today(qtbot: QtBot) -> None:
    dialog = dialog_for(qtbot, QuoteHeader())
    edit = dialog.valid_edit
    arrow = QPoint(edit.width() - 6, edit.height() // 2)  # the drop-down button at the field's right end
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=arrow)
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())  # not January 2000
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # today, as offered (the calendar has the focus)
    assert edit.value() == dt.date.today()
