"""File > Quote Details…: the header, markup and display currency saved with the scenarios.

Amounts are typed as text and read as Decimal (no float spin boxes); the
header is validated by core's QuoteHeader model, and a bad value is named in
the dialog, which stays open until it is fixed or cancelled.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import ValidationError
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
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
    QVBoxLayout,
    QWidget,
)

from core.errors import ImageCostError
from core.model.quote_header import QuoteHeader
from core.money import exact_str
from core.numbers import parse_count
from core.validation import first_error
from gui.views.plain_text import plain_label

#: Offered in the currency box; any other ISO 4217 code can be typed.
COMMON_CURRENCIES = ("USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "JPY", "SEK", "NOK", "DKK", "PLN", "INR", "BRL")
NO_DATE = QDate(2000, 1, 1)

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
    """A date that may be left unset: the earliest date shows as SPECIAL text and means None."""

    def __init__(self, special: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText(special)
        self.set_value(None)

    def value(self) -> dt.date | None:
        date = self.date()
        return None if date == NO_DATE else dt.date(date.year(), date.month(), date.day())

    def set_value(self, value: dt.date | None) -> None:
        self.setDate(NO_DATE if value is None else QDate(value.year, value.month, value.day))


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

        self.error_label = plain_label()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setAccessibleName("Problem")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(header_box)
        layout.addWidget(terms_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._currency_changed(self.currency_box.currentText())
        self.resize(520, self.sizeHint().height())

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
        form.addRow("&Date:", self.date_edit)
        form.addRow("&Valid until:", self.valid_edit)
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
        terms.addRow("&Rate date:", self.rate_date_edit)
        hint = QLabel("Exports show USD figures beside the converted ones, with the rate and its date.")
        hint.setWordWrap(True)
        hint.setEnabled(False)
        terms.addRow(hint)
        self.currency_box.currentTextChanged.connect(self._currency_changed)
        return terms_box

    def _currency_changed(self, text: str) -> None:
        code = text.strip().upper()
        other = code != "USD"
        self.rate_label.setText(code if other else "")
        for widget in (self.rate_edit, self.rate_date_edit):
            widget.setEnabled(other)

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
            self._header = self.read_header()
        except ImageCostError as exc:
            where = f"{exc.field}: " if exc.field else ""
            self.error_label.setText(where + exc.message + (f" ({exc.hint})" if exc.hint else ""))
            self.error_label.show()
            return
        super().accept()


def edit_quote_details(header: QuoteHeader, parent: QWidget | None = None) -> QuoteHeader | None:
    """Show the dialog; the new header, or None when cancelled."""
    dialog = QuoteDetailsDialog(header, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.header()
