"""Writing a quote export to disk, for the window and the command line.

PDF goes through the Qt renderer (imported only when asked for, so the
command line stays Qt-free for the text formats); every file is written
atomically, so a failed export never leaves half a file.
"""

from __future__ import annotations

from pathlib import Path

from core.quote.export import ExportFormat, render_text
from core.quote.quote import Quote
from core.quote.target import write_checked


def export_bytes(quote: Quote, fmt: ExportFormat, *, page: str = "a4") -> bytes:
    """The file content of an export. PDF needs a Qt application (QGuiApplication or QApplication)."""
    if fmt == ExportFormat.PDF:
        from gui.quote.printing import page_name, pdf_bytes

        return pdf_bytes(quote, page_name(page))
    return render_text(quote, fmt).encode("utf-8")


def write_export(quote: Quote, fmt: ExportFormat, path: Path, *, page: str = "a4") -> None:
    """Export to PATH atomically, a file replaced kept as PATH.bak (the caller checked PATH with
    core.quote.target); raises SaveError with the OS reason when the disk says no."""
    write_checked(path, export_bytes(quote, fmt, page=page))
