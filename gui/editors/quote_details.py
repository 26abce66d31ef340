"""File > Quote Details…: the header, markup, display currency and plan sections saved with the scenarios.

Amounts are typed as text and read as Decimal (no float spin boxes); the
header is validated by core's QuoteHeader model, and a bad value is named in
the dialog, which stays open until it is fixed or cancelled.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from pydantic import ValidationError
from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.errors import ImageCostError
from core.model.quote_header import PlanSectionName, QuoteHeader
from core.money import exact_str
from core.numbers import parse_count
from core.planning.quote_sections import SECTION_TITLES
from core.validation import first_error
from gui.desktop.screen_fit import open_within_screen
from gui.views.cells import BAD
from gui.views.plain_text import plain_label
from gui.views.reflow_area import ReflowArea
from gui.views.theme import readable, text_grounds

#: Offered in the currency box; any other ISO 4217 code can be typed.
COMMON_CURRENCIES = ("USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "JPY", "SEK", "NOK", "DKK", "PLN", "INR", "BRL")
NO_DATE = QDate(2000, 1, 1)
DATE_FORMAT = "yyyy-MM-dd"
SEPARATORS = "-/."
#: The key (Alt+letter) that ticks each plan section's box; none is taken by another field.
PLAN_SECTION_KEYS: dict[PlanSectionName, str] = {"budget": "B", "rate-limits": "l", "growth": "G"}
#: What each plan section holds, as its box's tooltip.
PLAN_SECTION_TIPS: dict[PlanSectionName, str] = {
    "budget": "The scenarios against the monthly budget (Plan > Budget)",
    "rate-limits": "The usage tier's images-per-minute limit against the volume (Plan > Rate limits)",
    "growth": "The next 12 months at the monthly growth rate (Plan > Growth)",
}

FIELD_LABELS = {
    "title": "Title",
    "client": "Client / project",
    "prepared_by": "Prepared by",
    "notes": "Notes",
    "markup_percent": "Markup",
    "currency": "Currency",
    "exchange_rate": "Exchange rate",
}


class OptionalDateEdit(QDateEdit):
    """A date that may be left unset (None), typed or picked, never silently moved to another day.

    Unset, it shows SPECIAL. Focused, it shows today with the cursor on the year, so typing
    "2027-03-15" fills the sections (typing after the special text once gave "Today, when
    exported20270230" and kept the focus); leaving it untouched keeps it unset. The calendar opens
    on today. A day the month does not have (30 February) is refused and said through
    :attr:`refused`, where Qt silently gave the 3rd; :attr:`problem` holds it until the date is changed.
    The Clear button beside it (:func:`date_row`) unsets it.
    """

    refused = Signal(str)

    def __init__(self, special: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATE_FORMAT)
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText(special)
        self._unset = True
        self._quiet = False
        #: The refused text ("2027-02-30 is not a date …"), until the person changes the date.
        self.problem = ""
        #: The Clear button beside it (made by date_row).
        self.clear_button: QToolButton | None = None
        self._typing_section = QDateEdit.Section.NoSection
        self._typed = ""  # the digits typed into the current section so far
        self._advanced = False  # the last digit filled its section and moved to the next
        self._year_timer = QTimer(self)
        self._year_timer.setSingleShot(True)
        self._year_timer.setInterval(0)
        self._year_timer.timeout.connect(self._select_year)
        self.dateChanged.connect(self._changed)
        # Picking today (already shown) changes no date: the click itself sets the field.
        self.calendarWidget().clicked.connect(self._picked)
        self.calendarWidget().activated.connect(self._picked)
        self.set_value(None)

    def value(self) -> dt.date | None:
        if self._unset:
            return None
        date = self.date()
        return dt.date(date.year(), date.month(), date.day())

    def set_value(self, value: dt.date | None) -> None:
        self._unset = value is None
        self.problem = ""
        self._show(NO_DATE if value is None else QDate(value.year, value.month, value.day))

    def _show(self, date: QDate) -> None:
        self._quiet = True
        try:
            self.setDate(date)
        finally:
            self._quiet = False

    def _changed(self, _date: QDate) -> None:
        if not self._quiet:
            self._unset = False  # the person typed, stepped or picked a day
            self.problem = ""

    def _picked(self, _date: QDate) -> None:
        self._unset = False
        self.problem = ""

    def _start_typing(self) -> bool:
        """Unset and focused: today's date to type over, its year selected. False when already shown."""
        if not (self._unset and self.date() == NO_DATE):
            return False
        self._show(QDate.currentDate())
        self.setSelectedSection(QDateEdit.Section.YearSection)
        return True

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self._start_typing() and event.reason() == Qt.FocusReason.MouseFocusReason:
            # The click that focused it goes on to place the cursor: select the year after it.
            self._year_timer.start()  # a child timer: it goes with the field

    def _select_year(self) -> None:
        self.setSelectedSection(QDateEdit.Section.YearSection)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # Looked at, not changed: still "not set". Not while its own calendar takes the focus: the
        # calendar would jump back to the placeholder's January 2000.
        if self._unset and event.reason() != Qt.FocusReason.PopupFocusReason:
            self._show(NO_DATE)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab leaves the field (QDateEdit's own Tab walks year, month, day first: three presses to leave)."""
        return QWidget.focusNextPrevChild(self, next)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        started = self._start_typing()  # the calendar opens on today, not on the placeholder's year 2000
        super().mousePressEvent(event)
        if started:
            self.setSelectedSection(QDateEdit.Section.YearSection)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        section = self.currentSection()
        if text and text in SEPARATORS and self._advanced:
            # A full section already moved to the next one: the typed dash is that move, not another.
            self._advanced = False
            event.accept()
            return
        if text.isdigit():
            if section != self._typing_section:
                self._typing_section, self._typed = section, ""
            self._typed += text
            if section == QDateEdit.Section.DaySection and len(self._typed) == len("dd"):
                date = self.date()
                message = impossible_day(date.year(), date.month(), int(self._typed))
                if message:
                    # Qt would keep "3" and drop the "0" of 30 February, giving the 3rd without a word.
                    self._typed = ""
                    self.problem = message
                    self.refused.emit(message)
                    event.accept()
                    return
            if self._unset:
                self._unset = False  # typing today's own digits still sets the date
        else:
            self._typed = ""
        super().keyPressEvent(event)
        self._advanced = text.isdigit() and self.currentSection() != section
        if self.currentSection() != section:
            self._typing_section, self._typed = self.currentSection(), ""

    def clear_value(self) -> None:
        """Back to "not set" (the Clear button)."""
        self.set_value(None)


def impossible_day(year: int, month: int, day: int) -> str:
    """Why YEAR-MONTH-DAY is no date ('February 2027 has 28 days'); '' when it is one."""
    days = calendar.monthrange(year, month)[1]
    if 1 <= day <= days:
        return ""
    return f"{year:04d}-{month:02d}-{day:02d} is not a date: {calendar.month_name[month]} {year} has {days} days"


def date_row(edit: OptionalDateEdit, name: str) -> QHBoxLayout:
    """EDIT with a Clear button that sets it back to "not set"."""
    clear = QToolButton()
    clear.setText("Clear")
    clear.setAccessibleName(f"Clear {name}")
    clear.setToolTip(f"Leave {name} not set")
    clear.clicked.connect(edit.clear_value)
    edit.clear_button = clear
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(clear)
    return row


def _decimal(text: str, field: str) -> Decimal:
    try:
        return parse_count(text, field=field, allow_fraction=True)
    except ImageCostError as exc:
        raise ImageCostError(exc.message, field=field, hint="a number such as 15 or 0.92") from None


class QuoteDetailsDialog(QDialog):
    """Edit a QuoteHeader; :meth:`header` gives the validated result after accept."""

    def __init__(self, header: QuoteHeader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Quote Details")
        self._header = header
        header_box = self._build_header_box(header)
        terms_box = self._build_terms_box(header)
        plan_box = self._build_plan_box(header)

        self.error_label = plain_label()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {readable(BAD, text_grounds(self.palette())).name()};")
        self.error_label.setAccessibleName("Problem")
        self.error_label.hide()
        for edit in (self.date_edit, self.valid_edit, self.rate_date_edit):
            edit.refused.connect(self._show_refused)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        # The boxes scroll where the screen is shorter than they are (1024x640, a 780x540 window's screen);
        # OK and Cancel stay in view under them.
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        for part in (header_box, terms_box, plan_box, self.error_label):
            body_layout.addWidget(part)
        layout = QVBoxLayout(self)
        layout.addWidget(ReflowArea(body), 1)
        layout.addWidget(self.buttons)
        self._currency_changed(self.currency_box.currentText())
        margins = layout.contentsMargins()
        natural = body.sizeHint().height() + layout.spacing() + self.buttons.sizeHint().height()
        open_within_screen(self, 520, natural + margins.top() + margins.bottom())

    def _build_header_box(self, header: QuoteHeader) -> QGroupBox:
        """Who the quote is for, from whom, when, and its notes."""
        self.title_edit = QLineEdit(header.title)
        self.title_edit.setPlaceholderText("Image generation cost estimate")
        self.client_edit = QLineEdit(header.client)
        self.prepared_edit = QLineEdit(header.prepared_by)
        for edit in (self.title_edit, self.client_edit, self.prepared_edit):
            edit.setMaxLength(300)
        self.date_edit = OptionalDateEdit("Today, when exported")
        self.date_edit.set_value(header.date)
        self.valid_edit = OptionalDateEdit("Not stated")
        self.valid_edit.set_value(header.valid_until)
        self.notes_edit = QPlainTextEdit(header.notes)
        self.notes_edit.setTabChangesFocus(True)
        line_height = self.notes_edit.fontMetrics().lineSpacing()
        self.notes_edit.setFixedHeight(line_height * 5 + 12)
        self.notes_edit.setPlaceholderText("Terms, scope, assumptions the reader should know")

        header_box = QGroupBox("Header")
        form = QFormLayout(header_box)
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Client / project:", self.client_edit)
        form.addRow("&Prepared by:", self.prepared_edit)
        date_label = QLabel("&Date:")
        date_label.setBuddy(self.date_edit)
        valid_label = QLabel("&Valid until:")
        valid_label.setBuddy(self.valid_edit)
        form.addRow(date_label, date_row(self.date_edit, "the quote date"))
        form.addRow(valid_label, date_row(self.valid_edit, "valid until"))
        form.addRow("&Notes:", self.notes_edit)
        return header_box

    def _build_terms_box(self, header: QuoteHeader) -> QGroupBox:
        """Markup, display currency, its rate and the rate's date."""
        self.markup_edit = QLineEdit(exact_str(header.markup_percent))
        self.markup_edit.setPlaceholderText("0")
        markup_row = QHBoxLayout()
        markup_row.addWidget(self.markup_edit)
        markup_row.addWidget(QLabel("% on top of the OpenAI cost"))
        self.currency_box = QComboBox()
        self.currency_box.setEditable(True)
        self.currency_box.addItems(COMMON_CURRENCIES)
        self.currency_box.setCurrentText(header.currency)
        line = self.currency_box.lineEdit()
        if line is not None:
            line.setMaxLength(3)
        self.rate_edit = QLineEdit(exact_str(header.exchange_rate) if header.exchange_rate is not None else "")
        self.rate_edit.setPlaceholderText("e.g. 0.92")
        self.rate_label = plain_label()
        rate_row = QHBoxLayout()
        rate_row.addWidget(QLabel("1 USD ="))
        rate_row.addWidget(self.rate_edit, 1)
        rate_row.addWidget(self.rate_label)
        self.rate_date_edit = OptionalDateEdit("Not stated")
        self.rate_date_edit.set_value(header.rate_date)

        terms_box = QGroupBox("Markup and currency")
        terms = QFormLayout(terms_box)
        markup_label = QLabel("&Markup:")
        markup_label.setBuddy(self.markup_edit)
        rate_label = QLabel("&Exchange rate:")
        rate_label.setBuddy(self.rate_edit)
        terms.addRow(markup_label, markup_row)
        terms.addRow("C&urrency:", self.currency_box)
        terms.addRow(rate_label, rate_row)
        rate_date_label = QLabel("&Rate date:")
        rate_date_label.setBuddy(self.rate_date_edit)
        terms.addRow(rate_date_label, date_row(self.rate_date_edit, "the rate date"))
        hint = QLabel("Exports show USD figures beside the converted ones, with the rate and its date.")
        hint.setWordWrap(True)
        hint.setEnabled(False)
        terms.addRow(hint)
        self.currency_box.currentTextChanged.connect(self._currency_changed)
        return terms_box

    def _build_plan_box(self, header: QuoteHeader) -> QGroupBox:
        """A box per Plan tab answer the quote may include after the scenarios."""
        self.plan_boxes: dict[PlanSectionName, QCheckBox] = {}
        row = QHBoxLayout()
        for name, title in SECTION_TITLES.items():
            key = PLAN_SECTION_KEYS[name]
            box = QCheckBox(title.replace(key, "&" + key, 1))
            box.setToolTip(PLAN_SECTION_TIPS[name] + ", added after the scenarios")
            box.setChecked(name in header.plan_sections)
            self.plan_boxes[name] = box
            row.addWidget(box)
        row.addStretch(1)
        plan_box = QGroupBox("Plan sections")
        # One row, the why in the tooltip: the dialog must still fit a 600-pixel screen.
        plan_box.setToolTip("Added after the scenarios, with the figures of the Plan tab (the plan saved in the file)")
        plan_box.setLayout(row)
        return plan_box

    def _currency_changed(self, text: str) -> None:
        code = text.strip().upper()
        other = code != "USD"
        self.rate_label.setText(code if other else "")
        for widget in (self.rate_edit, self.rate_date_edit, self.rate_date_edit.clear_button):
            if widget is not None:
                widget.setEnabled(other)

    def _date_problem(self) -> tuple[str, QWidget] | None:
        """What the client's copy would warn about, or a refused day: said here, where it can be fixed."""
        for label, edit in (
            ("Date", self.date_edit),
            ("Valid until", self.valid_edit),
            ("Rate date", self.rate_date_edit),
        ):
            if edit.problem and edit.isEnabled():
                return f"{label}: {edit.problem}", edit
        valid = self.valid_edit.value()
        quoted = self.date_edit.value()
        if valid is not None and valid < (quoted or dt.date.today()):
            when = quoted.isoformat() if quoted is not None else "today (the quote date when exported)"
            return f"Valid until: {valid.isoformat()} is before {when}", self.valid_edit
        currency = self.currency_box.currentText().strip().upper()
        if currency not in ("", "USD") and self.rate_edit.text().strip() and self.rate_date_edit.value() is None:
            return "Rate date: the exchange rate has no date (give the day it was taken)", self.rate_date_edit
        return None

    def _show_refused(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def read_header(self) -> QuoteHeader:
        """The header the fields describe; raises ImageCostError naming the bad field."""
        currency = self.currency_box.currentText().strip().upper() or "USD"
        markup_text = self.markup_edit.text().strip().removesuffix("%") or "0"
        rate_text = self.rate_edit.text().strip()
        values = {
            "title": self.title_edit.text().strip(),
            "client": self.client_edit.text().strip(),
            "prepared_by": self.prepared_edit.text().strip(),
            "date": self.date_edit.value(),
            "valid_until": self.valid_edit.value(),
            "notes": self.notes_edit.toPlainText().strip(),
            "markup_percent": _decimal(markup_text, "Markup"),
            "currency": currency,
            "exchange_rate": _decimal(rate_text, "Exchange rate") if rate_text and currency != "USD" else None,
            "rate_date": self.rate_date_edit.value() if currency != "USD" else None,
            "plan_sections": [name for name, box in self.plan_boxes.items() if box.isChecked()],
        }
        try:
            return QuoteHeader(**values)
        except ValidationError as exc:
            message, loc = first_error(exc)
            field = str(loc[0]) if loc else ""
            if field == "currency":
                message = f"'{currency}' is not a currency code"
            raise ImageCostError(message, field=FIELD_LABELS.get(field, field) or None) from None

    def header(self) -> QuoteHeader:
        return self._header

    def accept(self) -> None:
        try:
            header = self.read_header()
        except ImageCostError as exc:
            where = f"{exc.field}: " if exc.field else ""
            self.error_label.setText(where + exc.message + (f" ({exc.hint})" if exc.hint else ""))
            self.error_label.show()
            return
        problem = self._date_problem()
        if problem is not None:
            message, widget = problem
            self.error_label.setText(message)
            self.error_label.show()
            widget.setFocus()
            return
        self._header = header
        super().accept()


def edit_quote_details(header: QuoteHeader, parent: QWidget | None = None) -> QuoteHeader | None:
    """Show the dialog; the new header, or None when cancelled."""
    dialog = QuoteDetailsDialog(header, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.header()
