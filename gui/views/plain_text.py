"""Text that came from a file is shown as text, never as HTML (issue 17).

Qt guesses: a QLabel, a QMessageBox or a tooltip whose text *looks* like HTML
(``Qt.mightBeRichText``: a tag before the first line break) is rendered as
HTML. A scenario named ``<img src="/dev/zero">`` then made the window read
/dev/zero until it aborted. So every label that shows a name, a sheet's text or
an error is set to plain text; a label that mixes our own bold with such text
escapes the text (:func:`esc`); tooltips and message boxes go through here.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

#: The paragraph :func:`as_text` wraps escaped text in: rich text that keeps its line breaks.
PRE_WRAP = "<p style='white-space:pre-wrap'>"
END_P = "</p>"


def plain(*labels: QLabel) -> None:
    """Show LABELS' text exactly as set, whatever it looks like."""
    for label in labels:
        label.setTextFormat(Qt.TextFormat.PlainText)


def plain_label(text: str = "") -> QLabel:
    """A new QLabel that shows TEXT as text."""
    label = QLabel(text)
    plain(label)
    return label


def rich_label(html_text: str = "") -> QLabel:
    """A new QLabel for our own markup; anything from a file in it went through :func:`esc`."""
    label = QLabel(html_text)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def esc(text: object) -> str:
    """TEXT escaped for a rich-text label."""
    return html.escape(str(text), quote=False)


def as_text(text: str) -> str:
    """TEXT for a tooltip or a message box, where Qt renders what looks like HTML as HTML.

    Left as it is when it cannot look like HTML (no '<', no '&'); otherwise escaped inside a
    paragraph that keeps its line breaks, so it is rich text that shows exactly TEXT.
    """
    if "<" not in text and "&" not in text:
        return text
    return PRE_WRAP + html.escape(text, quote=False) + END_P


def joined_tips(*tips: str) -> str:
    """TIPS (each from :func:`as_text`) one under the other, as :func:`as_text` of their texts joined.

    A tooltip made of a cell's text and the model's own tooltip must not escape that tooltip again.
    """
    if not any(tip.startswith(PRE_WRAP) for tip in tips):
        return "\n".join(tips)
    bodies = (tip.removeprefix(PRE_WRAP).removesuffix(END_P) if tip.startswith(PRE_WRAP) else tip for tip in tips)
    return PRE_WRAP + "\n".join(bodies) + END_P


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """QMessageBox.warning with TEXT (often an error quoting a file) shown as text."""
    QMessageBox.warning(parent, title, as_text(text))
