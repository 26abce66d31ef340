"""Screenshots of issue #13's states: `QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/capture_keys.py`.

A typed size that is not applied (the figures keep the last valid size), the
exact cached share, the note on a staged scenario's form, the Edit menu's Copy
and Select All, and the unsaved-changes question with its keys. Settings go to
a throwaway folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
tmp = Path(tempfile.mkdtemp(prefix="imagecost-shots-"))
for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[var] = str(tmp / var.lower())
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from gui.views import dialogs  # noqa: E402
from gui.window.main_window import MainWindow  # noqa: E402

OUT = Path(__file__).resolve().parent
EXAMPLE = OUT.parent / "examples" / "example.yaml"
CASE = """version: 1
scenarios:
  - name: Posters
    model: gpt-image-2
    quality: high
    size: 1536x1024
    requests_per_month: 1000
    prompt_tokens: 600
    cached_prompt_share: 0.333
"""


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    case = tmp / "posters.imagecost.yaml"
    case.write_text(CASE, encoding="utf-8")
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    window.build_tools()
    window.open_path(case, ask=False)
    editor = window.form.size_combo.lineEdit()
    assert editor is not None
    editor.setFocus()
    editor.selectAll()
    editor.insert("1000x1000")  # as typed: not applied, the figures keep 1536x1024
    settle(app)
    window.grab().save(str(out / "typed-size-not-applied-1280x800.png"))

    window.open_path(EXAMPLE, ask=False)
    window.select_row(1)
    window.planning.stages.template.click()
    settle(app)
    window.grab().save(str(out / "staged-form-note-1280x800.png"))

    window.tabs.setCurrentWidget(window.comparison)
    window.comparison.selectAll()
    window.edit_menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
    settle(app)
    window.edit_menu.grab().save(str(out / "edit-menu-copy.png"))
    window.edit_menu.hide()

    def shoot_question() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            timer.stop()
            settle(app)
            box.grab().save(str(out / "unsaved-changes-keys.png"))
            box.reject()

    timer = QTimer()
    timer.timeout.connect(shoot_question)
    timer.start(20)
    dialogs.ask_save_changes(window, "example.yaml")
    timer.stop()
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
