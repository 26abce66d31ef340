"""The main window: scenario list, the form for the selected scenario, and tabs of results.

Layout: [scenario list | scenario form | tabs (Breakdown, Comparison, ...)].
Menus are built in one place (``_build_menus``); keys come from ``gui.shortcuts``.

The window is built in three steps, so it is on screen about as fast as a bare
window (`make bench`, startup_ratio):

1. **The frame** (``__init__``): the menu bar's titles, the tab bar, the list
   with its buttons, the status bar, at the saved size. It imports only Qt and
   a few small modules, no pricing, no pydantic, no YAML. Where figures will be,
   the panes say "Loading…", never a figure that is not real.
2. **The content** (``build_content``): the document, the form, the breakdown,
   the comparison table, every action and menu entry. The window the app starts
   (``deferred=True``, gui/window/start.py) builds it just after its first
   frame; anything that needs it earlier (a file handed over, a menu opened)
   builds it first. Built without ``deferred``, the window does it at once.
3. **The tools** (``build_tools``): quote and planning, after the content's first
   frame. They are given the window as a :class:`gui.tool_host.ToolHost`: they add
   actions and fill their tabs through that interface only.

The open document lives in ``self.document`` (gui.document.controller.DocumentController).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QSize, QTimer, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core import __version__
from gui.desktop.screen_fit import fits, open_within_screen
from gui.desktop.settings import AppSettings
from gui.views.tab_host import TabHost
from gui.window.file_actions import FileWindow

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDialog

    from core.model.scenario import Scenario
    from core.pricing.catalog import Catalog
    from core.pricing.estimate import Estimate
    from gui.document.controller import DocumentController
    from gui.document.priced import PricedDocument
    from gui.editors.scenario_form import ScenarioForm
    from gui.planning.actuals_tool import ActualsTool
    from gui.planning.window_plan import PlanningController
    from gui.quote.actions import QuoteActions
    from gui.shortcuts import ActionName
    from gui.tool_host import MenuName, ToolTab
    from gui.views.comparison_view import ComparisonTable
    from gui.views.message_bar import MessageBar
    from gui.views.reflow_area import ReflowArea
    from gui.views.scenario_table import ScenarioListProxy, ScenarioSortProxy, ScenarioTableModel
    from gui.views.table_copy import CopyableTable
    from gui.views.totals_panel import TotalsPanel

APP_TITLE = "Image Cost Calculator"
#: Starting sizes of the scenario list (height) and the left column (width), in pixels.
LIST_HEIGHT = 150
LEFT_WIDTH = 420
#: Room around a scenario-list button's text when the column is narrow.
BUTTON_PADDING = 20
#: The left column's share of a window narrower than LEFT_WIDTH / LEFT_SHARE.
LEFT_SHARE = 0.36
#: The smallest window the layout fits: every pane reflows down to it (docs/desktop-app.md, "Small windows").
MIN_SIZE = QSize(780, 540)
#: What a pane shows until its figures come (the frame is drawn before the document is read and priced).
LOADING = "Loading\u2026"
#: The column of scenario names (gui.views.scenario_table.COL_NAME, a module the frame does not import).
NAME_COLUMN = 0
#: Qt.Orientation.Vertical's and Qt.AlignmentFlag.AlignCenter's values (see _build_left).
VERTICAL = 2
ALIGN_CENTER = 0x84


class MainWindow(FileWindow):
    """The desktop calculator."""

    #: The selected scenario row changed (-1: none).
    currentRowChanged = Signal(int)
    #: The content (document, form, results, actions) is built: the window's figures are real from here on.
    contentBuilt = Signal()

    def __init__(
        self,
        document: DocumentController | None = None,
        settings: AppSettings | None = None,
        catalog: Catalog | Callable[[], Catalog] | None = None,
        *,
        deferred: bool = False,
    ) -> None:
        """The window; with DEFERRED only its frame now, the content just after the frame is drawn.

        CATALOG is the prices, or what gives them when the content is built (the bundled ones if None).
        """
        super().__init__()
        # The quote and planning tools (their tabs' content, menu entries and modules) are built
        # right after the content's first frame, or as soon as something needs them: see build_tools().
        self._quote_actions: QuoteActions | None = None
        self._planning: PlanningController | None = None
        self._actuals: ActualsTool | None = None
        self._content_built = False
        self._content_scheduled = False
        self._tools_scheduled = False
        #: The Help menu's guide and glossary, by kind, once opened.
        self.help_dialogs: dict[type[QDialog], QDialog] = {}
        self._given_document = document
        self._given_catalog = catalog
        self.settings = settings or AppSettings()
        self._current_row = -1
        self.standing_warning = ""
        self.last_error = None
        self.setAcceptDrops(True)
        self._build_frame()
        self.setMinimumSize(MIN_SIZE)  # what an 800x600 screen holds with a title bar and a panel
        self._restore_geometry()
        if not deferred:
            self.build_content()

    # -- construction: the frame ----------------------------------------------------
    def _build_frame(self) -> None:
        """What the first frame shows: menu titles, tab bar, list and buttons, status bar; no figures yet."""
        self.setWindowTitle(APP_TITLE)
        central = QWidget()
        self._outer = QVBoxLayout(central)
        self._outer.setContentsMargins(6, 6, 6, 6)
        self.splitter = QSplitter()  # horizontal
        self.splitter.setChildrenCollapsible(False)
        self._outer.addWidget(self.splitter, 1)
        self.splitter.addWidget(self._build_left())
        self.splitter.addWidget(self._build_tabs())
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([LEFT_WIDTH, 10_000])
        #: Until the person drags the splitter, the left column follows the window's width.
        self._split_by_hand = False
        self.splitter.splitterMoved.connect(self._on_split_by_hand)
        self.setCentralWidget(central)
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.edit_menu = bar.addMenu("&Edit")
        self.scenario_menu = bar.addMenu("&Scenario")
        self.view_menu = bar.addMenu("&View")
        self.help_menu = bar.addMenu("&Help")
        for menu in (self.file_menu, self.edit_menu, self.scenario_menu, self.view_menu, self.help_menu):
            # Opened before the content or the tools are built (within a frame of start-up): build them first.
            menu.aboutToShow.connect(self.build_tools)
        self.total_label = QLabel(LOADING)
        self.total_label.setAccessibleName("Total of all scenarios")
        self.statusBar().addPermanentWidget(self.total_label)

    @staticmethod
    def _loading_pane() -> QLabel:
        label = QLabel(LOADING)
        label.setProperty("alignment", ALIGN_CENTER)  # through the property, as VERTICAL (see _build_left)
        return label

    def _build_left(self) -> QSplitter:
        """The scenario list and its buttons over the place of the form (which comes with the content)."""
        self.left_splitter = QSplitter()
        # Qt.Orientation.Vertical, set through the property: the first use of the Qt namespace builds
        # its many enums in Python (some 14 ms), which the content pays after the first frame instead.
        self.left_splitter.setProperty("orientation", VERTICAL)
        self.left_splitter.setChildrenCollapsible(False)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel("Scenar&ios")
        top_layout.addWidget(caption)
        self.scenario_list = QListView()
        self.scenario_list.setAccessibleName("Scenario list")
        self.scenario_list.setMinimumHeight(60)
        caption.setBuddy(self.scenario_list)
        top_layout.addWidget(self.scenario_list, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add")
        self.duplicate_button = QPushButton("Duplicate")
        self.delete_button = QPushButton("Delete")
        self.up_button = QPushButton("Up")
        self.down_button = QPushButton("Down")
        for button in (self.add_button, self.duplicate_button, self.delete_button, self.up_button, self.down_button):
            # Styles give text buttons an 80-pixel minimum; five of them would make the left column
            # wider than the form needs. Let them shrink to their text.
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(button.text()) + BUTTON_PADDING)
            button.setEnabled(False)  # until the content is built
            buttons.addWidget(button)
        top_layout.addLayout(buttons)
        self.left_splitter.addWidget(top)

        self.form_scroll = QScrollArea()
        self.form_scroll.setWidget(self._loading_pane())
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.left_splitter.addWidget(self.form_scroll)
        self.left_splitter.setStretchFactor(0, 0)
        self.left_splitter.setStretchFactor(1, 1)
        self.left_splitter.setSizes([LIST_HEIGHT, 10_000])
        return self.left_splitter

    def _build_form(self) -> None:
        """The list's model and the form, in the places the frame kept for them."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QAbstractItemView, QStyle

        from gui.editors.scenario_form import ScenarioForm
        from gui.views.scenario_table import COL_NAME, ScenarioListProxy

        assert COL_NAME == NAME_COLUMN
        self.scenario_list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.scenario_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.scenario_list.setUniformItemSizes(True)  # no per-row measuring: instant with 1,000 scenarios
        self.list_proxy: ScenarioListProxy = ScenarioListProxy(self)
        self.list_proxy.setSourceModel(self.table_model)
        self.scenario_list.setModel(self.list_proxy)
        self.scenario_list.setModelColumn(COL_NAME)
        self.form: ScenarioForm = ScenarioForm(self.document.catalog)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll.setWidget(self.form)
        scroll_bar = self.form_scroll.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.form_scroll.setMinimumWidth(self.form.minimumSizeHint().width() + scroll_bar)

    def _build_tabs(self) -> QTabWidget:
        """The tab bar: Breakdown and Comparison say "Loading…" until the content comes; the tools' hosts."""
        self.tabs = QTabWidget()
        self.tabs.addTab(self._loading_pane(), "&Breakdown")
        self.tabs.addTab(self._loading_pane(), "&Comparison")
        # Cheap hosts for the tools' tabs, filled by build_tools(): the tab bar is complete at once.
        self.charts_tab = self._tool_tab("Cha&rts")
        self.stages_tab = self._tool_tab("S&tages")
        self.plan_tab = self._tool_tab("&Plan")
        self.actuals_tab = self._tool_tab("&Actuals")
        return self.tabs

    def _build_results(self) -> None:
        """Breakdown and Comparison, in the places the frame kept for them."""
        from gui.views.comparison_view import ComparisonTable
        from gui.views.reflow_area import ReflowArea
        from gui.views.scenario_table import ScenarioSortProxy
        from gui.views.totals_panel import TotalsPanel

        self.totals: TotalsPanel = TotalsPanel()
        #: The Breakdown tab: the panel reflows to the tab's width and scrolls when the window is short.
        self.breakdown_tab: ReflowArea = ReflowArea(self.totals)
        self.comparison_proxy: ScenarioSortProxy = ScenarioSortProxy(self)
        self.comparison_proxy.setSourceModel(self.table_model)
        self.comparison: ComparisonTable = ComparisonTable(self.comparison_proxy, self.settings)
        # An edit that moves the selected row re-sorts once edits pause: keep that row in view.
        self.comparison_proxy.layoutChanged.connect(lambda: self.comparison.scrollTo(self.comparison.currentIndex()))
        self._replace_tab(0, self.breakdown_tab)
        self._replace_tab(1, self.comparison)

    def _replace_tab(self, index: int, page: QWidget) -> None:
        """Put PAGE where the frame's loading pane was, keeping its title and the tab in front."""
        current = self.tabs.currentIndex()
        title = self.tabs.tabText(index)
        placeholder = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, page, title)
        self.tabs.setCurrentIndex(current)
        if placeholder is not None:
            placeholder.deleteLater()

    def _tool_tab(self, title: str) -> TabHost:
        host = TabHost()
        self.tabs.addTab(host, title)
        return host

    # -- construction: the content -------------------------------------------------
    @property
    def content_built(self) -> bool:
        return self._content_built

    def build_content(self) -> None:
        """Build the document, the form, the results, the actions and the menus' entries, once.

        The frame's panes say "Loading…" until this has run: the window the app starts
        runs it right after its first frame (``deferred``), and whatever needs the
        content earlier (a file to open, a menu, the tools) calls it first.
        """
        if self._content_built:
            return
        self._content_built = True
        from gui.document.controller import DocumentController
        from gui.document.priced import PricedDocument
        from gui.views.message_bar import MessageBar
        from gui.views.scenario_table import ScenarioTableModel
        from gui.window.file_actions import untitled_document

        document = self._given_document
        catalog = self._given_catalog() if callable(self._given_catalog) else self._given_catalog
        self.document: DocumentController = document or DocumentController(catalog=catalog, parent=self)
        self._given_document = self._given_catalog = None
        #: The one priced view of the document: every tab and tool reads its estimates.
        self.priced: PricedDocument = PricedDocument(self.document, self)
        self.table_model: ScenarioTableModel = ScenarioTableModel(self.priced, self)
        self.message_bar: MessageBar = MessageBar()
        self._outer.insertWidget(0, self.message_bar)
        self._build_form()
        self._build_results()
        self._build_actions()
        self._build_menus()
        self._set_tab_order()
        self._connect_document()
        if document is None:
            self.document.replace(untitled_document(self.document.catalog), None)
        else:
            self._on_reset()
        self.tabs.currentChanged.connect(self._on_tab_changed)
        # A gesture (typing in one field) ends when the focus moves: each distinct change is its own undo step.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self.document.end_gesture)
        self._update_title()
        self.contentBuilt.emit()

    # -- the tools built after the first frame -----------------------------------
    @property
    def quote_actions(self) -> QuoteActions:
        """Quote details, print, preview, export and the Charts tab (gui.quote.actions)."""
        self.build_tools()
        assert self._quote_actions is not None
        return self._quote_actions

    @property
    def planning(self) -> PlanningController:
        """Stages and Plan tabs, Import Price Sheet, Re-price (gui/planning)."""
        self.build_tools()
        assert self._planning is not None
        return self._planning

    @property
    def actuals(self) -> ActualsTool:
        """File > Import Usage..., the Actuals tab and Calibrate (gui/planning/actuals_tool.py)."""
        self.build_tools()
        assert self._actuals is not None
        return self._actuals

    @property
    def tools_built(self) -> bool:
        return self._quote_actions is not None

    def build_tools(self) -> None:
        """Build the quote and planning tools once (menu entries, tab content, their modules).

        None of them is needed for the first frame, and they cost about a third of
        start-up (print support, charts, stages, plan), so the window builds them
        just after its first paint, when a tool tab is shown, or when asked for.
        """
        if self._quote_actions is not None:
            return
        self.build_content()
        from gui.planning.actuals_tool import ActualsTool
        from gui.planning.user_sheet_folder import UserSheetFolder
        from gui.planning.window_plan import PlanningController
        from gui.quote.actions import install as install_quote_actions
        from gui.quote.source import QuoteSource

        source = QuoteSource.for_controller(self.document, self.priced, self)
        # The window is the tools' ToolHost.
        self._quote_actions = install_quote_actions(self, source, self.settings.qsettings)
        self._planning = PlanningController(self, UserSheetFolder())
        self._actuals = ActualsTool(self)
        source.sections = self._actuals.quote_sections  # the quote carries the actuals once imported
        self._actuals.changed.connect(source.changed)

    # -- ToolHost: what the tools may use of the window (gui.tool_host) -----------
    @property
    def form_edited(self) -> SignalInstance:
        return self.form.edited

    def estimates(self) -> list[Estimate]:
        return self.priced.estimates()

    def estimate_of(self, row: int) -> Estimate | None:
        return self.priced.row(row).estimate if 0 <= row < len(self.priced) else None

    def dialog_parent(self) -> QMainWindow:
        return self

    def tool_tab(self, name: ToolTab) -> TabHost:
        tabs = {"charts": self.charts_tab, "stages": self.stages_tab, "plan": self.plan_tab}
        return {**tabs, "actuals": self.actuals_tab}[name]

    def add_actions(self, menu: MenuName, actions: Sequence[QAction | None]) -> None:
        from PySide6.QtGui import QAction

        target = {"file": self.file_menu, "scenario": self.scenario_menu, "view": self.view_menu}[menu]
        for entry in actions:
            action = entry or QAction(self)
            action.setSeparator(entry is None)
            if menu == "file":
                target.insertAction(self.file_menu_end, action)
            else:
                target.addAction(action)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            # Each step comes once the frame of the one before it is on screen.
            if not self._content_built and not self._content_scheduled:
                self._content_scheduled = True
                QTimer.singleShot(0, self.build_content)
            elif self._content_built and not self._tools_scheduled:
                self._tools_scheduled = True
                QTimer.singleShot(0, self.build_tools)
        return super().event(event)

    def _current_table(self) -> CopyableTable | None:
        """The table on the current tab (Edit > Copy's target when no table or field has the focus)."""
        current = self.tabs.currentWidget()
        if current is self.comparison:
            return self.comparison
        return self.totals.table if current is self.breakdown_tab else None

    def _on_tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() in (self.charts_tab, self.stages_tab, self.plan_tab):
            self.build_tools()

    def _build_actions(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QAction

        from gui.shortcuts import assign, shortcut_text
        from gui.views.table_copy import copy_from, select_all_in

        def action(text: str, slot: object, shortcut: ActionName | None = None, tip: str = "") -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                assign(act, shortcut)
            if tip:
                act.setStatusTip(tip)
            act.triggered.connect(slot)
            return act

        self.new_action = action("&New", self.new_document, "file.new", "Start a new scenario file")
        self.open_action = action("&Open...", self.open_dialog, "file.open", "Open a scenario file")
        self.save_action = action("&Save", self.save, "file.save", "Save the scenario file")
        self.save_as_action = action("Save &As...", self.save_as, "file.save_as", "Save under a new name")
        self.quit_action = action("&Quit", self.close, "file.quit", "Quit Image Cost Calculator")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo_action = assign(self.document.undo_stack.createUndoAction(self, "&Undo"), "edit.undo")
        self.redo_action = assign(self.document.undo_stack.createRedoAction(self, "&Redo"), "edit.redo")
        self.copy_action = action(
            "&Copy", lambda: copy_from(self._current_table()), "edit.copy", "Copy the selected rows, or the table"
        )
        self.select_all_action = action(
            "Select &All", lambda: select_all_in(self._current_table()), "edit.select_all", "Select every row"
        )

        self.add_action = action("&Add Scenario", self.add_scenario, "scenario.add", "Add a scenario")
        self.duplicate_action = action(
            "Dup&licate Scenario", self.duplicate_scenario, "scenario.duplicate", "Copy the selected scenario"
        )
        self.rename_action = action("&Rename Scenario", self.rename_scenario, "scenario.rename")
        self.delete_action = action("&Delete Scenario", self.delete_scenario, "scenario.delete")
        # Delete acts on the list and the table only, so it never steals the key from a text field.
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.scenario_list.addAction(self.delete_action)
        self.comparison.addAction(self.delete_action)
        self.move_up_action = action("Move &Up", lambda: self.move_scenario(-1), "scenario.move_up")
        self.move_down_action = action("Move Do&wn", lambda: self.move_scenario(1), "scenario.move_down")

        self.show_breakdown_action = action(
            "&Breakdown", lambda: self.tabs.setCurrentWidget(self.breakdown_tab), "view.breakdown"
        )
        self.show_comparison_action = action(
            "&Comparison", lambda: self.tabs.setCurrentWidget(self.comparison), "view.comparison"
        )
        self.guide_action = action("&User Guide", self.show_guide, "help.guide", "Read the user guide (works offline)")
        self.glossary_action = action("&Glossary", self.show_glossary, None, "The words the figures are named with")
        self.about_action = action("&About Image Cost Calculator", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

        self.add_button.clicked.connect(self.add_action.trigger)
        self.add_button.setEnabled(True)  # the others follow the selection (_update_actions)
        self.duplicate_button.clicked.connect(self.duplicate_action.trigger)
        self.delete_button.clicked.connect(self.delete_action.trigger)
        self.up_button.clicked.connect(self.move_up_action.trigger)
        self.down_button.clicked.connect(self.move_down_action.trigger)
        self.up_button.setToolTip(f"Move the selected scenario up ({shortcut_text('scenario.move_up')})")
        self.down_button.setToolTip(f"Move the selected scenario down ({shortcut_text('scenario.move_down')})")
        self.add_button.setToolTip(f"Add a scenario ({shortcut_text('scenario.add')})")
        self.duplicate_button.setToolTip(f"Duplicate the selected scenario ({shortcut_text('scenario.duplicate')})")
        self.delete_button.setToolTip(f"Delete the selected scenario ({shortcut_text('scenario.delete')})")

    def _build_menus(self) -> None:
        """The menus' entries (the frame made the menus themselves)."""
        self.file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = self.file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.save_action, self.save_as_action])
        #: Other parts (print, export) insert their actions before this separator.
        self.file_menu_end = self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.copy_action, self.select_all_action])

        self.scenario_menu.addActions([self.add_action, self.duplicate_action, self.rename_action, self.delete_action])
        self.scenario_menu.addSeparator()
        self.scenario_menu.addActions([self.move_up_action, self.move_down_action])

        self.view_menu.addActions([self.show_breakdown_action, self.show_comparison_action])

        self.help_menu.addActions([self.guide_action, self.glossary_action])
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.scenario_list,
            self.add_button,
            self.duplicate_button,
            self.delete_button,
            self.up_button,
            self.down_button,
            *self.form.focus_order(),
            self.tabs,
            self.totals.table,
            self.comparison,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect_document(self) -> None:
        doc = self.document
        doc.documentReset.connect(self._on_reset)
        doc.scenarioChanged.connect(self._on_scenario_changed)
        doc.scenarioInserted.connect(self.select_row)
        doc.scenarioRemoved.connect(self._on_removed)
        doc.scenarioMoved.connect(lambda _source, target: self.select_row(target))
        doc.documentChanged.connect(self._update_total)
        # A new price sheet re-prices every row (the list's model resets): the selected scenario stays.
        doc.catalogChanged.connect(lambda: self.select_row(self._current_row))
        doc.scenariosStamped.connect(self._on_stamped)
        doc.pathChanged.connect(lambda _path: self._update_title())
        doc.modifiedChanged.connect(lambda _modified: self._update_title())
        self.form.edited.connect(self._on_form_edited)
        self.scenario_list.selectionModel().currentChanged.connect(self._on_list_current)
        self.comparison.selectionModel().currentRowChanged.connect(self._on_comparison_current)

    # -- selection -------------------------------------------------------------
    def current_row(self) -> int:
        """The selected scenario's row in the document (-1: none)."""
        return self._current_row

    def select_row(self, row: int) -> None:
        """Select scenario ROW in the list and the table, and show it in the form."""
        if not 0 <= row < len(self.document):
            self._show_row(-1)
            return
        index = self.list_proxy.mapFromSource(self.table_model.index(row, NAME_COLUMN))
        self.scenario_list.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._show_row(row)

    def _on_list_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.list_proxy.mapToSource(current).row() if current.isValid() else -1
        if row >= min(len(self.document), self.table_model.scenario_count):
            return  # the list is mid-change; the document's own signal selects the right row next
        self._show_row(row)

    def _on_comparison_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        row = self.comparison_proxy.mapToSource(current).row()
        if row < self.table_model.scenario_count and row != self._current_row:
            self.select_row(row)

    def _show_row(self, row: int) -> None:
        changed = row != self._current_row
        self._current_row = row
        self.form.set_scenario(self.document.scenario(row) if row >= 0 else None)
        if changed:  # another scenario (or file): start at its top, Name and Model in view
            self.form_scroll.verticalScrollBar().setValue(0)
            self.form.show_beginning()
        self._show_totals()
        self._update_actions()
        if row >= 0:
            source = self.table_model.index(row, NAME_COLUMN)
            proxy_index = self.comparison_proxy.mapFromSource(source)
            if self.comparison.currentIndex().row() != proxy_index.row():
                self.comparison.selectionModel().setCurrentIndex(
                    proxy_index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
            if changed:
                self.comparison.scrollTo(proxy_index)
        if changed:
            self.currentRowChanged.emit(row)

    def _show_totals(self) -> None:
        row = self._current_row
        if row < 0:
            self.totals.show_nothing(
                "No scenario selected." if len(self.document) else "No scenarios yet: add one with Scenario > Add."
            )
            return
        priced = self.priced.row(row)
        if priced.estimate is not None:
            self.totals.show_estimate(priced.estimate)
        elif priced.error is not None:
            self.totals.show_error(priced.scenario.name, priced.error)

    def _update_actions(self) -> None:
        has = self._current_row >= 0
        for act in (self.duplicate_action, self.rename_action, self.delete_action):
            act.setEnabled(has)
        self.move_up_action.setEnabled(has and self._current_row > 0)
        self.move_down_action.setEnabled(has and self._current_row < len(self.document) - 1)
        self.duplicate_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.up_button.setEnabled(self.move_up_action.isEnabled())
        self.down_button.setEnabled(self.move_down_action.isEnabled())

    # -- document signals --------------------------------------------------------
    def _on_reset(self) -> None:
        self._current_row = -1
        self.select_row(0 if len(self.document) else -1)
        self._update_total()

    def _on_scenario_changed(self, row: int) -> None:
        if row == self._current_row:
            self._show_row(row)
        else:
            self.select_row(row)

    def _on_removed(self, row: int) -> None:
        self._current_row = -1
        self.select_row(min(row, len(self.document) - 1))

    def _on_stamped(self) -> None:
        # The form keeps the scenario it edits: give it the stamped one, so the next edit keeps the stamp.
        if self._current_row >= 0:
            self.form.set_scenario(self.document.scenario(self._current_row))

    def _on_form_edited(self, scenario: Scenario, field: str) -> None:
        if self._current_row >= 0:
            self.document.edit(self._current_row, scenario, field)

    def _update_total(self) -> None:
        from core.money import format_usd

        count = self.table_model.scenario_count
        self.total_label.setText(
            f"{count} scenario{'' if count == 1 else 's'}: {format_usd(self.priced.total_monthly)} per month, "
            f"{format_usd(self.priced.total_yearly)} per year"
        )

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.document.display_name}[*] - {APP_TITLE}")
        self.setWindowModified(self.document.is_modified())

    # -- scenario actions --------------------------------------------------------
    def add_scenario(self) -> None:
        """A fresh scenario with core's defaults (Duplicate is the way to copy one)."""
        from core.pricing.defaults import default_scenario, next_scenario_name

        name = next_scenario_name({s.name for s in self.document.scenarios})
        self.document.add(default_scenario(self.document.catalog, name))
        self.form.name_edit.setFocus()
        self.form.name_edit.selectAll()

    def duplicate_scenario(self) -> None:
        if self._current_row >= 0:
            self.document.duplicate(self._current_row)

    def rename_scenario(self) -> None:
        if self._current_row >= 0:
            index = self.list_proxy.mapFromSource(self.table_model.index(self._current_row, NAME_COLUMN))
            self.scenario_list.setFocus()
            self.scenario_list.edit(index)

    def delete_scenario(self) -> None:
        if self._current_row >= 0:
            self.document.remove(self._current_row)

    def move_scenario(self, step: int) -> None:
        if self._current_row >= 0:
            self.document.move(self._current_row, self._current_row + step)

    # -- window ------------------------------------------------------------------
    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            f"About {APP_TITLE}",
            f"<b>{APP_TITLE}</b> {__version__}<br>What OpenAI image generation costs, itemised, "
            "with every price traceable to its source.",
        )

    def show_guide(self) -> None:
        """The user guide; its module is imported and the dialog built the first time (start-up never reads it)."""
        from gui.views.guide import GuideDialog

        self._show_help(GuideDialog)

    def show_glossary(self) -> None:
        """The glossary, built the first time it is asked for."""
        from gui.views.guide import GlossaryDialog

        self._show_help(GlossaryDialog)

    def _show_help(self, kind: type[QDialog]) -> None:
        """Show the Help dialog of KIND, made once and kept (closing hides it), in front."""
        dialog = self.help_dialogs.get(kind)
        if dialog is None:
            dialog = self.help_dialogs[kind] = kind(self)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _restore_geometry(self) -> None:
        """The saved size and place where they still fit a screen; else 1280x800 or what fits, centred."""
        geometry = self.settings.geometry()
        if geometry is not None and self.restoreGeometry(geometry) and fits(self):
            return
        open_within_screen(self, 1280, 800)

    def _on_split_by_hand(self, _pos: int, _index: int) -> None:
        self._split_by_hand = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._split_by_hand:
            # LEFT_WIDTH on a large window; on a small one the results keep most of the room.
            left = max(self.left_splitter.minimumSizeHint().width(), min(LEFT_WIDTH, int(self.width() * LEFT_SHARE)))
            total = sum(self.splitter.sizes())
            if total > left:
                self.splitter.setSizes([left, total - left])

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._content_built and not self.maybe_save():  # before the content, there is nothing to lose
            event.ignore()
            return
        self.settings.set_geometry(self.saveGeometry())
        event.accept()
