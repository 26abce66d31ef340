"""Every tab and the main dialogs on every screen the window supports: `make screenshots`.

The real window shows docs/examples/example.yaml on four offscreen screens: 1280x800,
1024x640, the window's minimum size (gui.window.main_window.MIN_SIZE) and 1280x800 at
QT_SCALE_FACTOR=2 (a 2560x1600 screen). Each screen runs in a process of its own (Qt reads
the screen and the scale factor once), in a throwaway settings folder, and writes
build/screenshots/<screen>/<shot>.png; the PDF quote of docs/examples/agency-quote.yaml
is rendered by `imagecost-cli` and its pages by pdftoppm (build/screenshots/quote-page-N.png).
Look at every image after a change to the layout. `--publish` also copies the few the README
shows into docs/images/, made small with ImageMagick.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "docs" / "examples"
OUT = REPO / "build" / "screenshots"
IMAGES = REPO / "docs" / "images"
#: Screen name -> (width, height, scale factor): the window fills the screen.
SCREENS = {"1280x800": (1280, 800, 1), "1024x640": (1024, 640, 1), "minimum": (0, 0, 1), "1280x800@2": (1280, 800, 2)}
#: What the README and docs/desktop-app.md show: (screen, shot) -> name in docs/images/.
PUBLISHED = {
    ("1280x800", "breakdown"): "breakdown.png",
    ("1280x800", "comparison"): "comparison.png",
    ("1280x800", "error"): "error.png",
    ("minimum", "breakdown"): "breakdown-minimum.png",
    ("1280x800", "charts-comparison"): "charts.png",
    ("1280x800", "plan-budget"): "plan-budget.png",
    ("1280x800", "plan-table"): "plan-table.png",
    ("1280x800", "plan-limits"): "plan-limits.png",
    ("1280x800", "plan-growth"): "plan-growth.png",
    ("1280x800", "stages"): "stages.png",
    ("1280x800", "breakdown-staged"): "breakdown-staged.png",
    ("1280x800", "import-price-sheet"): "import-price-sheet.png",
    ("1280x800", "reprice"): "reprice.png",
    ("1280x800", "actuals"): "actuals.png",
    ("1280x800", "typed-size-not-applied"): "typed-size-not-applied.png",
}
SETTLE_MS = 300
#: A file whose size the shot types over without applying it.
POSTERS = """version: 1
scenarios:
  - name: Posters
    model: gpt-image-2
    quality: high
    size: 1536x1024
    requests_per_month: 1000
    prompt_tokens: 600
"""


def _settle(app: object) -> None:
    """Let the window finish: layouts, and the column fitting that waits for edits to pause."""
    from PySide6.QtTest import QTest

    QTest.qWait(SETTLE_MS)


class Camera:
    """Photographs the window and its dialogs into OUT, in the child process of one screen."""

    def __init__(self, out: Path) -> None:
        from PySide6.QtWidgets import QApplication

        from gui.window.main_window import MainWindow

        self.out = out
        self.app = QApplication.instance() or QApplication(sys.argv[:1])
        out.mkdir(parents=True, exist_ok=True)
        self.window = MainWindow()
        self.screen = self.window.screen()
        self.window.resize(self.screen.availableGeometry().size())  # the window fills the screen
        self.window.show()
        self.window.build_tools()

    def save(self, widget: QWidget, shot: str) -> None:
        _settle(self.app)
        widget.grab().save(str(self.out / f"{shot}.png"))
        print(self.out / f"{shot}.png")

    def modal(self, shot: str, open_it: Callable[[], object], answer: Callable[[QWidget], None] | None = None) -> None:
        """Open a modal dialog as the person does, photograph it, then close it (or ANSWER it)."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        seen: list[QWidget] = []

        def grab_it() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None or dialog in seen:
                return
            seen.append(dialog)
            timer.stop()
            self.save(dialog, shot)
            if not self.screen.availableGeometry().contains(dialog.frameGeometry()):
                print(f"  {shot}: {dialog.width()}x{dialog.height()} does not fit the screen", file=sys.stderr)
            if answer is not None:
                answer(dialog)
            else:
                dialog.close()

        timer = QTimer()
        timer.timeout.connect(grab_it)
        timer.start(50)
        open_it()
        timer.stop()

    def tabs(self) -> None:
        """Every tab of the window with docs/examples/example.yaml open (and its usage imported)."""
        from core.model.plan_settings import PlanSettings

        window = self.window
        self.save(window, "empty-start")
        window.open_path(EXAMPLES / "example.yaml", ask=False)
        plan = PlanSettings(
            monthly_budget=Decimal(1000),
            usage_tier="2",
            peak_hours_per_day=Decimal(8),
            active_days_per_month=22,
            growth_percent=Decimal(5),
        )
        window.document.edit_plan(plan, "all")
        window.select_row(1)
        self.save(window, "breakdown")
        window.tabs.setCurrentWidget(window.comparison)
        self.save(window, "comparison")
        charts = window.quote_actions.charts
        window.tabs.setCurrentWidget(window.charts_tab)
        for kind in ("comparison", "breakdown", "growth"):
            charts.show_chart(kind)
            self.save(window, f"charts-{kind}")
        window.planning.show_plan_action.trigger()
        for index, name in enumerate(("budget", "table", "limits", "growth")):
            window.planning.plan.setCurrentIndex(index)
            self.save(window, f"plan-{name}")
        window.actuals.import_usage(sorted((EXAMPLES / "usage").iterdir()))
        self.save(window, "actuals")

    def dialogs(self) -> None:
        """Quote Details, Print Preview, Export, Import Usage, the price-sheet dialogs, About."""
        window = self.window
        quote = window.quote_actions
        self.modal("quote-details", quote.details_action.trigger)
        preview = quote.make_preview_dialog()
        assert preview is not None
        preview.show()
        self.save(preview, "print-preview")
        preview.close()
        self.modal("export-pdf", quote.export_actions[next(iter(quote.export_actions))].trigger)
        self.modal("import-usage", window.actuals.import_action.trigger)
        planning = window.planning
        self.modal(
            "import-price-sheet",
            lambda: planning.import_sheet(EXAMPLES / "negotiated-2027.yaml"),
            lambda dialog: dialog.accept(),  # type: ignore[attr-defined]
        )
        self.modal("price-sheets", planning.show_sheets)
        self.modal("reprice", planning.reprice)
        self.modal("about", window.about_action.trigger)

    def stages(self) -> None:
        """The Stages tab with the draft-then-final template, and the breakdown of the staged scenario."""
        window = self.window
        window.select_row(1)
        window.planning.show_stages_action.trigger()
        window.planning.stages.template.click()
        self.save(window, "stages")
        window.tabs.setCurrentWidget(window.breakdown_tab)
        self.save(window, "breakdown-staged")

    def mistakes(self, folder: Path) -> None:
        """The unsaved-changes question, a typed size that is not applied, and a file with a mistake."""
        from gui.views import dialogs

        window = self.window
        self.modal("unsaved-changes", lambda: dialogs.ask_save_changes(window, "example.yaml"))
        window.document.undo_stack.setClean()
        posters = folder / "posters.imagecost.yaml"
        posters.write_text(POSTERS, encoding="utf-8")
        window.open_path(posters, ask=False)
        window.tabs.setCurrentWidget(window.breakdown_tab)
        editor = window.form.size_combo.lineEdit()
        assert editor is not None
        editor.setFocus()
        editor.selectAll()
        editor.insert("1000x1000")  # as typed: not applied, the figures keep 1536x1024
        self.save(window, "typed-size-not-applied")
        window.open_path(EXAMPLES / "broken.yaml", ask=False)
        self.save(window, "error")


def shoot_screen(out: Path) -> None:
    """Runs in the child process of one screen: every tab, then every dialog."""
    tmp = Path(tempfile.mkdtemp(prefix="imagecost-shots-"))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(tmp / var.lower())
    camera = Camera(out)
    camera.tabs()
    camera.stages()
    camera.dialogs()
    camera.mistakes(tmp)
    sys.stdout.flush()
    os._exit(0)  # nothing to keep: skip tearing the windows down


def _screen_config(width: int, height: int, scale: int, folder: Path) -> Path:
    """An offscreen screen of WIDTH x HEIGHT device-independent pixels (Qt's offscreen configfile)."""
    config = folder / f"screen-{width}x{height}@{scale}.json"
    screen = {"name": "shots", "x": 0, "y": 0, "width": width * scale, "height": height * scale}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "logicalBaseDpi": 96}]}))
    return config


def _minimum_size() -> tuple[int, int]:
    sys.path.insert(0, str(REPO))
    from gui.window.main_window import MIN_SIZE

    return MIN_SIZE.width(), MIN_SIZE.height()


def _render_pdf(out: Path) -> None:
    pdf = out / "quote.pdf"
    cli = Path(sys.executable).with_name("imagecost-cli")
    subprocess.run([str(cli), "quote", str(EXAMPLES / "agency-quote.yaml"), "-o", str(pdf)], check=True)
    if shutil.which("pdftoppm"):
        for old in out.glob("quote-page-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(out / "quote-page")], check=True)


def _optimise(source: Path, target: Path) -> None:
    """Copy SOURCE to TARGET as a 64-colour PNG without dithering or metadata: a quarter of the bytes, as sharp."""
    convert = shutil.which("convert")
    if convert is None:
        shutil.copyfile(source, target)
    else:
        subprocess.run([convert, str(source), "-strip", "+dither", "-colors", "64", f"PNG8:{target}"], check=True)
    print(target)


def _publish(out: Path) -> None:
    IMAGES.mkdir(exist_ok=True)
    for (screen, shot), name in PUBLISHED.items():
        _optimise(out / screen / f"{shot}.png", IMAGES / name)
    pages = sorted(out.glob("quote-page-*.png"))
    if pages:
        _optimise(pages[0], IMAGES / "quote-page-1.png")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--screen", choices=SCREENS, action="append", help="only these screens")
    parser.add_argument("--publish", action="store_true", help="copy the README's images into docs/images/")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        shoot_screen(args.out / args.child)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="imagecost-screens-"))
    for name in args.screen or SCREENS:
        width, height, scale = SCREENS[name]
        if not width:
            width, height = _minimum_size()
        config = _screen_config(width, height, scale, folder)
        env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": str(scale)}
        env.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
        subprocess.run([sys.executable, __file__, "--child", name, "--out", str(args.out)], env=env, check=True)
    _render_pdf(args.out)
    if args.publish:
        _publish(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
