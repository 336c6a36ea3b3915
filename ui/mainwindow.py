"""The main window: browser on the left, the link chart (and the neighbourhood) in the middle,
inspector on the right."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench import identifiers as ids
from workbench.casefile import check_case, check_server_case
from workbench.errors import CaseError, EntityInUseError
from workbench.model import Kind
from workbench.store import (
    CASE_SUFFIX,
    READ_ONLY_DAMAGED,
    READ_ONLY_LOCKED,
    READ_ONLY_NOT_WRITABLE,
    CaseStore,
    Changed,
    is_server_url,
)

from .browser import CaseBrowser

# The case file's dialogs, imported from here by the application and the tests too.
from .casefile_dialogs import describe_recovery as describe_recovery
from .casefile_dialogs import recover_dialog as recover_dialog
from .casefile_dialogs import run_busy, show_check_report
from .commands import AddEntity, DeleteEntity
from .dialogs import EntityDialog, LinkDialog
from .document import CaseDocument
from .errors import describe_case_error
from .inspector import Inspector

MAX_RECENT = 8
#: Version of the saved dock layout (QMainWindow.saveState); a layout saved by a version
#: with other docks is not restored.
LAYOUT_VERSION = 2
#: Share of the window's width the browser and the inspector take by default, and the
#: narrowest they may be (a long label elsewhere never squeezes them below it).
SIDE_SHARE = 0.18
SIDE_MIN, SIDE_MAX = 220, 360
#: What a closing window leaves for the next window on the same case (a language switch,
#: a reopen after breaking a lock): case path -> (monotonic time, view state).
_HANDOVER: dict[str, tuple[float, dict]] = {}
#: A handover older than this (seconds) is stale: the case was opened again much later.
HANDOVER_SECONDS = 30.0
#: What the window builds after its first frame (or when one of them is first asked for):
#: the chart, the neighbourhood and the analysis panels, with pyqtgraph under them.
DEFERRED_VIEWS = ("chart", "neighbourhood", "analysis_docks", "analysis_area", "region_dock")
#: Milliseconds after showing by which the views are built even if no frame was painted.
VIEWS_AT_THE_LATEST_MS = 1500


class MainWindow(QMainWindow):
    """One open case. ``open_case_requested`` asks the application for another one."""

    open_case_requested = Signal(str)
    new_case_requested = Signal(str)
    language_requested = Signal(str)
    #: File → Encryption…: the application rewrites the case under a new key (ui.app)
    key_change_requested = Signal()

    def __init__(self, store: CaseStore, language: str = "en"):
        super().__init__()
        self.setObjectName("main_window")
        self.language = language
        self.document = CaseDocument(store, self)
        self.store = store
        self._layout_applied = False
        self._view_handed_over = False
        self._views_built = False
        self._views_posted = False  # the first frame has asked for them
        #: the view state a closing window on the same case left, applied with the views
        self._handed_state: dict | None = None
        self.resize(*default_window_size())
        geometry = QSettings().value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

        self.banner = QLabel()
        self.banner.setObjectName("read_only_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("color:#664d03; font-weight:600;")
        # What the analyst can do about a read-only case, right beside the reason.
        self.banner_recover = QPushButton(self.tr("Recover into a new case…"))
        self.banner_recover.setObjectName("banner_recover")
        self.banner_break = QPushButton(self.tr("Break lock…"))
        self.banner_break.setObjectName("banner_break")
        self.banner_box = QWidget()
        self.banner_box.setObjectName("read_only_box")
        self.banner_box.setStyleSheet(
            "#read_only_box { background:#fff3cd; border:1px solid #ffda6a; }"
        )
        row = QHBoxLayout(self.banner_box)
        row.setContentsMargins(6, 4, 6, 4)
        row.addWidget(self.banner, 1)
        row.addWidget(self.banner_recover)
        row.addWidget(self.banner_break)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner_box)
        # The link chart is the working area; the neighbourhood of the selection beside it.
        # Both take their tab after the first frame (see _build_views): until then the tabs
        # hold placeholders.
        self.centre_tabs = QTabWidget()
        self.centre_tabs.setObjectName("centre_tabs")
        self.centre_tabs.setDocumentMode(True)
        opening = QLabel(self.tr("Opening the chart…"))
        opening.setObjectName("chart_placeholder")
        opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        opening.setStyleSheet("color:#6c757d;")
        self.centre_tabs.addTab(opening, self.tr("Chart"))
        self.centre_tabs.addTab(QWidget(), self.tr("Neighbourhood"))
        layout.addWidget(self.centre_tabs, 1)
        self.setCentralWidget(central)

        self.browser = CaseBrowser(store)
        self.inspector = Inspector(self.document)
        self.browser_dock = self._dock(self.tr("Case browser"), self.browser, "browser_dock")
        self.inspector_dock = self._dock(self.tr("Inspector"), self.inspector, "inspector_dock")
        # The side docks run the full height, so the analysis docks below sit under the
        # chart only and the chart keeps the widest possible area.
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.browser_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector_dock)
        for dock in (self.browser_dock, self.inspector_dock):
            dock.setMinimumWidth(SIDE_MIN)

        self._build_actions()
        self._build_menus()
        self.setAcceptDrops(True)
        self.status_counts = QLabel()
        self.status_counts.setObjectName("status_counts")
        self.statusBar().addPermanentWidget(self.status_counts)

        self.browser.entity_selected.connect(self.document.select)
        self.browser.entity_activated.connect(self.document.select)
        self.browser.entities_selected.connect(self.document.select_many)
        self.browser.add_to_chart_requested.connect(self._on_browser_add_to_chart_requested)
        self.document.selection_set_changed.connect(self.browser.show_entities)
        self.inspector.entity_activated.connect(self._on_neighbourhood_entity_clicked)
        self.document.selection_changed.connect(self._on_document_selection_changed)
        self.document.changed.connect(self._on_document_changed)
        self.document.undo_stack.cleanChanged.connect(self._update_title)
        self._update_title()
        self._update_banner()
        self._update_counts()
        self._update_actions()

        handed = _HANDOVER.pop(_case_key(store.location), None)
        if handed is not None:
            import time

            if time.monotonic() - handed[0] < HANDOVER_SECONDS:
                self._apply_state_without_views(handed[1])
                self._handed_state = handed[1]
        if store.damage:
            # A damaged case may fail where the chart reads it: fail here, while the
            # application can still offer recovery instead of this window (ui.app).
            self._build_views()

    # ------------------------------------------------------------------ deferred views

    def __getattr__(self, name: str):
        # Only called for attributes not set yet: the views built after the first frame are
        # built at once when something asks for one of them earlier (a test, a slot).
        if name in DEFERRED_VIEWS and not self.__dict__.get("_views_built", True):
            self._build_views()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def views_built(self) -> bool:
        """Whether the chart, the neighbourhood and the analysis panels are built yet."""
        return self._views_built

    def _build_views(self) -> None:
        """The chart, the neighbourhood and the analysis panels: built once the window has
        shown its first frame, since pyqtgraph, the chart's reading of the case and the
        panels would keep the window from showing for half a second and more."""
        if self._views_built or self.document.store.closed:
            return  # built already, or the window closed before its first frame was out
        self._views_built = True
        from .analysis import install_analysis_panels
        from .chart import ChartPanel
        from .legend import install_chart_legend
        from .neighbourhood import NeighbourhoodView

        self.chart = ChartPanel(self.document)
        # A legend that sits in a free corner and folds, in place of pyqtgraph's.
        install_chart_legend(self.chart.canvas)
        self.neighbourhood = NeighbourhoodView(self.store)
        tabs = self.centre_tabs
        current = tabs.currentIndex()
        tabs.blockSignals(True)
        for index, (view, text) in enumerate(((self.chart, self.tr("Chart")),
                                              (self.neighbourhood, self.tr("Neighbourhood")))):  # fmt: skip
            placeholder = tabs.widget(index)
            tabs.removeTab(index)
            placeholder.deleteLater()
            tabs.insertTab(index, view, text)
        tabs.setCurrentIndex(current)
        tabs.blockSignals(False)
        # Charts the program named (the gang overview) in the interface's language.
        names = self.chart.chart_combo.model()
        names.rowsInserted.connect(self._on_chart_names_rows_inserted)
        self._on_chart_names_rows_inserted(None, 0, names.rowCount() - 1)
        self.neighbourhood.entity_clicked.connect(self._on_neighbourhood_entity_clicked)
        if self.act_mask.isChecked():
            self.chart.set_mask(True)
        self.chart.fill_menu(self.chart_menu)
        if self.document.selected is not None:
            self.neighbourhood.show_entity(self.document.selected)

        install_analysis_panels(self)
        if self._layout_applied:
            # The docks that came now take the places the saved layout keeps for them.
            self.restore_layout()
            self.analysis_area.shrink_folded()
        handed, self._handed_state = self._handed_state, None
        if handed is not None:
            self._apply_state_to_views(handed)
        if self._layout_applied and not self._view_handed_over:
            self._fit_while_settling()

    def _fit_while_settling(self) -> None:
        # The chart was fitted before the window had its final size: fit it again as the
        # docks settle into their places (the first moments after showing only).
        from PySide6.QtCore import QTimer

        self.chart.canvas.vb.sigResized.connect(self._on_first_resize)
        QTimer.singleShot(0, self, self.chart.canvas.fit)
        QTimer.singleShot(1500, self, self._end_first_resize)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._views_built and not self._views_posted:
            # The first frame is being painted: the views follow as soon as it is out.
            self._views_posted = True
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self, self._build_views)

    def _dock(self, title: str, widget: QWidget, name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        return dock

    # ------------------------------------------------------------------ actions and menus

    def _build_actions(self) -> None:
        stack = self.document.undo_stack
        self.act_new = QAction(self.tr("&New case…"), self, shortcut=QKeySequence.StandardKey.New)
        self.act_open = QAction(
            self.tr("&Open case…"), self, shortcut=QKeySequence.StandardKey.Open
        )
        self.act_open_server = QAction(self.tr("Open from &server…"), self)
        self.act_open_server.setObjectName("act_open_server")
        self.act_import = QAction(self.tr("&Import evidence…"), self, shortcut="Ctrl+I")
        self.act_import.setObjectName("act_import")
        self.act_history = QAction(self.tr("Import &history…"), self)
        self.act_history.triggered.connect(self._on_act_history_triggered)
        self.act_export = QAction(self.tr("&Export…"), self, shortcut="Ctrl+Shift+E")
        self.act_export.setObjectName("act_export")
        self.act_export.triggered.connect(self._on_act_export_triggered)
        self.act_close = QAction(
            self.tr("&Close case"), self, shortcut=QKeySequence.StandardKey.Close
        )
        self.act_quit = QAction(self.tr("&Quit"), self, shortcut=QKeySequence.StandardKey.Quit)
        self.act_undo = stack.createUndoAction(self, self.tr("Undo"))
        self.act_undo.setShortcut(QKeySequence("Ctrl+Z"))
        # Undo goes through the document, which refuses when another analyst has since
        # changed the same thing (a server case).
        self.act_undo.triggered.disconnect()
        self.act_undo.triggered.connect(self._on_act_undo_triggered)
        self.act_redo = stack.createRedoAction(self, self.tr("Redo"))
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.act_new_entity = QAction(self.tr("New &entity…"), self, shortcut="Ctrl+E")
        self.act_new_link = QAction(self.tr("New &link from selection…"), self, shortcut="Ctrl+L")
        self.act_delete = QAction(
            self.tr("&Delete entity"), self, shortcut=QKeySequence.StandardKey.Delete
        )
        self.act_find = QAction(self.tr("&Find…"), self, shortcut=QKeySequence.StandardKey.Find)
        self.act_mask = QAction(self.tr("&Mask ID and card numbers"), self, checkable=True)
        self.act_about = QAction(self.tr("&About Zhanlian"), self)
        self.act_check = QAction(self.tr("C&heck case…"), self)
        self.act_check.setObjectName("act_check")
        self.act_check.triggered.connect(self._on_act_check_triggered)
        self.act_break_lock = QAction(self.tr("&Break lock…"), self)
        self.act_break_lock.setObjectName("act_break_lock")
        self.act_break_lock.triggered.connect(self._on_act_break_lock_triggered)
        self.act_encryption = QAction(self.tr("Encryption…"), self)
        self.act_encryption.setObjectName("act_encryption")
        self.act_encryption.setStatusTip(
            self.tr("Encrypt the case file with a passphrase, change its passphrase or remove it")
        )
        self.act_encryption.triggered.connect(self.key_change_requested)
        self.act_recover = QAction(self.tr("&Recover into a new case…"), self)
        self.act_recover.setObjectName("act_recover")
        self.act_recover.triggered.connect(self._on_act_recover_triggered)
        self.banner_recover.clicked.connect(self.act_recover.trigger)
        self.banner_break.clicked.connect(self.act_break_lock.trigger)
        self.act_new.triggered.connect(self._on_act_new_triggered)
        self.act_open.triggered.connect(self._on_act_open_triggered)
        self.act_import.triggered.connect(self._on_act_import_triggered)
        self.act_close.triggered.connect(self.close)
        self.act_quit.triggered.connect(self.close)
        self.act_new_entity.triggered.connect(self._on_act_new_entity_triggered)
        self.act_new_link.triggered.connect(self._on_act_new_link_triggered)
        self.act_delete.triggered.connect(self._on_act_delete_triggered)
        self.act_find.triggered.connect(self._on_act_find_triggered)
        self.act_mask.toggled.connect(self.browser.set_mask)
        self.act_mask.toggled.connect(self._on_act_mask_toggled)
        self.act_about.triggered.connect(self._on_act_about_triggered)
        self.act_open_server.triggered.connect(self._on_act_open_server_triggered)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.act_new)
        file_menu.addAction(self.act_open)
        file_menu.addAction(self.act_open_server)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.act_import)
        file_menu.addAction(self.act_history)
        file_menu.addAction(self.act_export)
        file_menu.addSeparator()
        file_menu.addAction(self.act_check)
        file_menu.addAction(self.act_recover)
        file_menu.addAction(self.act_break_lock)
        file_menu.addAction(self.act_encryption)
        file_menu.addSeparator()
        file_menu.addAction(self.act_close)
        file_menu.addAction(self.act_quit)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.act_undo)
        edit_menu.addAction(self.act_redo)
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_new_entity)
        edit_menu.addAction(self.act_new_link)
        edit_menu.addAction(self.act_delete)
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_find)

        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.browser_dock.toggleViewAction())
        view_menu.addAction(self.inspector_dock.toggleViewAction())
        self.act_reset_layout = view_menu.addAction(self.tr("&Reset layout"))
        self.act_reset_layout.setObjectName("act_reset_layout")
        self.act_reset_layout.triggered.connect(self.reset_layout)
        view_menu.addAction(self.act_mask)

        def open_orgchart():
            from .hierarchy import show_hierarchy  # the PDF painters load only when asked

            show_hierarchy(self)

        self.act_orgchart = view_menu.addAction(self.tr("&Organisation chart…"))
        self.act_orgchart.setObjectName("act_orgchart")
        self.act_orgchart.triggered.connect(open_orgchart)

        def open_calls():
            from .analysis.callviews import open_view

            chosen = self.document.selected_ids[:1]
            usable = [i for i in chosen
                      if self.store.entity(i).kind in (Kind.PHONE_CARD, Kind.PERSON)]  # fmt: skip
            if not usable:
                QMessageBox.information(
                    self, self.tr("Contacts, routine and places"),
                    self.tr("Select a phone card or a person first (in the browser or on "
                            "the chart)."),
                )  # fmt: skip
                return
            open_view(self.document, usable[0], self)

        self.act_calls = view_menu.addAction(self.tr("Contacts, routine and &places…"))
        self.act_calls.setObjectName("act_calls")
        self.act_calls.triggered.connect(open_calls)
        view_menu.addSeparator()
        lang_menu = view_menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        for code, name in (("en", "English"), ("zh_CN", "简体中文")):
            act = QAction(name, self, checkable=True)
            act.setChecked(code == self.language)
            act.setData(code)
            act.triggered.connect(lambda _=False, c=code: self.language_requested.emit(c))
            group.addAction(act)
            lang_menu.addAction(act)
        self.language_actions = group

        self.chart_menu = bar.addMenu(self.tr("&Chart"))
        self.chart_menu.setObjectName("chart_menu")
        # Filled by the chart panel when it is built (_build_views), before anyone can look.
        self.chart_menu.aboutToShow.connect(self._build_views)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.act_about)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in recent_cases():
            act = self.recent_menu.addAction(path)
            act.triggered.connect(lambda _=False, p=path: self.open_case_requested.emit(p))
        if not self.recent_menu.actions():
            act = self.recent_menu.addAction(self.tr("(none)"))
            act.setEnabled(False)

    # ------------------------------------------------------------------ state shown

    def _update_title(self) -> None:
        name = self.store.meta().get("name") or self.store.path.stem
        ro = self.tr(" (read-only)") if self.store.read_only else ""
        # Qt appends the application's display name ("Zhanlian 斩链") itself.
        self.setWindowTitle(f"{name} — {self.store.path.name}{ro} [*]")
        self.setWindowModified(not self.document.undo_stack.isClean())

    def _update_banner(self) -> None:
        store = self.store
        reason = store.read_only_reason if store.read_only else ""
        self.banner_recover.setVisible(reason == READ_ONLY_DAMAGED)
        self.banner_break.setVisible(self._lock_breakable())
        if not store.read_only:
            self.banner_box.hide()
            return
        holder = store.lock_holder
        if reason == READ_ONLY_DAMAGED:
            text = self.tr(
                "Read-only: the case file is damaged ({problem}). Nothing will be written to "
                "it. Recover into a new case to save what can still be read; this file stays "
                "as it is."
            ).format(problem=store.read_only_detail)
        elif reason == READ_ONLY_NOT_WRITABLE:
            text = self.tr(
                "Read-only: you do not have permission to change this case ({why}). You can "
                "look; to work on it, ask for write access or copy it to a folder of yours."
            ).format(why=store.read_only_detail)
        elif reason == READ_ONLY_LOCKED and holder is not None and not holder.known:
            text = self.tr(
                "Read-only: this case is locked by a session whose lock note cannot be read. "
                "If no one is working on it, use File → Break lock…."
            )
        elif holder is not None:
            text = self.tr(
                "Read-only: this case is open elsewhere — {who}. You can look, but changes "
                "are disabled so that the case never has two writers."
            ).format(who=self.tr("{analyst} on {host} since {since}").format(
                analyst=holder.analyst, host=holder.host, since=holder.since))  # fmt: skip
        else:
            text = self.tr("Read-only: the case was opened for viewing only.")
        if store.wal_ignored:
            text += " " + self.tr(
                "A WAL file beside the case is not its own and is ignored; open the case "
                "for writing to set it aside."
            )
        self.banner.setText("🔒 " + text)
        self.banner_box.show()

    def _lock_breakable(self) -> bool:
        holder = self.store.lock_holder
        # A session of this workstation that still runs holds the OS lock; one that ended
        # never blocks. Only a note of another workstation (or an unreadable one) is left.
        return (
            self.store.read_only
            and self.store.read_only_reason == READ_ONLY_LOCKED
            and holder is not None
            and (not holder.known or not holder.this_host)
        )

    def _update_counts(self) -> None:
        info = self.store.info()
        self.status_counts.setText(
            self.tr(
                "{people} people · {cards} bank cards · {accounts} payment accounts · "
                "{wallets} crypto wallets · {phones} phone cards · "
                "{devices} devices · {orgs} organisations · {links} links · "
                "{txns} transactions · {calls} calls"
            ).format(
                people=f"{info.people:,}",
                cards=f"{info.bank_cards:,}",
                accounts=f"{info.payment_accounts:,}",
                wallets=f"{info.crypto_wallets:,}",
                phones=f"{info.phone_cards:,}",
                devices=f"{info.devices:,}",
                orgs=f"{info.organisations:,}",
                links=f"{info.links:,}",
                txns=f"{info.transactions:,}",
                calls=f"{info.calls:,}",
            )
        )

    def _update_actions(self) -> None:
        writable = not self.store.read_only
        has = self.document.selected is not None
        self.act_new_entity.setEnabled(writable)
        self.act_import.setEnabled(writable)
        self.act_break_lock.setEnabled(self._lock_breakable())
        self.act_encryption.setEnabled(writable)
        self.act_recover.setEnabled(self.store.read_only_reason == READ_ONLY_DAMAGED)
        self.act_new_link.setEnabled(writable and has)
        self.act_delete.setEnabled(writable and has)

    # ------------------------------------------------------------------ slots

    def _on_document_selection_changed(self, entity_id) -> None:
        if self._views_built:  # else the neighbourhood shows the selection when it is built
            self.neighbourhood.show_entity(entity_id)
        if entity_id is not None and len(self.document.selected_ids) > 1:
            self.browser.show_entities(self.document.selected_ids)
        elif entity_id is not None:
            self.browser.show_entity(entity_id, self.store.entity(entity_id).kind)
        self._update_actions()

    def _on_document_changed(self, event: Changed) -> None:
        if event.tables <= {"chart", "chart_item"}:
            self._update_title()  # a chart edit: nothing the other views show changed
            return
        self.browser.on_case_changed(event)
        if self.document.selected is not None and not self.store.has_entity(self.document.selected):
            self.document.select(None)
        elif self._views_built:
            self.neighbourhood.show_entity(self.document.selected)
        self._update_counts()
        self._update_title()

    def _on_chart_names_rows_inserted(self, _parent, first: int, last: int) -> None:
        from . import labels

        combo = self.chart.chart_combo
        for row in range(first, last + 1):
            name = combo.itemText(row)
            shown = labels.stored_name_label(name)
            if shown != name:
                combo.setItemText(row, shown)

    def _on_neighbourhood_entity_clicked(self, entity_id) -> None:
        self.document.select(entity_id)

    def _on_browser_add_to_chart_requested(self, ids) -> None:
        self.chart.add_entities(ids)

    def _on_act_mask_toggled(self, mask: bool) -> None:
        if self._views_built:  # else the chart takes the mask when it is built
            self.chart.set_mask(mask)

    def open_import(self, paths: list[str] | None = None) -> None:
        """The import wizard, with files already chosen when they were dropped."""
        from .importwizard import ImportDialog

        if self.store.read_only:
            return
        dialog = ImportDialog(self.document, paths, self)
        dialog.exec()

    def _on_act_export_triggered(self) -> None:
        from .exportdialog import ExportDialog

        ExportDialog(self.document, self).exec()

    def _on_act_history_triggered(self) -> None:
        from .importhistory import ImportHistoryDialog

        ImportHistoryDialog(self.store, self).exec()

    def _on_act_import_triggered(self) -> None:
        self.open_import()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls() and not self.store.read_only:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_import(paths)

    def _on_act_new_entity_triggered(self) -> None:
        dialog = EntityDialog(self.browser.current_kind(), self)
        if not dialog.exec():
            return
        v = dialog.values()
        command = AddEntity(self.store, v.pop("kind"), v.pop("key"), v.pop("name"), **v)
        if self._push(command):
            self.document.select(command.entity_id)

    def _on_act_new_link_triggered(self) -> None:
        if self.document.selected is None:
            return
        dialog = LinkDialog(self.store, self.document.selected, self)
        if dialog.exec() and dialog.values():
            self._try(lambda: self.document.add_link(dialog.values(), dialog.new_type))

    def _on_act_delete_triggered(self) -> None:
        eid = self.document.selected
        if eid is None:
            return
        entity = self.store.entity(eid)
        answer = QMessageBox.question(
            self,
            self.tr("Delete entity"),
            self.tr("Delete {name} and its {n} links from the case? You can undo this.").format(
                name=entity.display, n=len(self.store.links_of(eid))
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._push(DeleteEntity(self.store, eid))

    def _on_act_find_triggered(self) -> None:
        self.browser_dock.show()
        self.browser.search.setFocus()
        self.browser.search.selectAll()

    def _on_act_new_triggered(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New case"), str(Path.home()), self.tr("Zhanlian cases (*.zlcase)")
        )
        if path:
            if not path.endswith(CASE_SUFFIX):
                path += CASE_SUFFIX
            self.new_case_requested.emit(path)

    def _on_act_open_triggered(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open case"), str(self.store.path.parent),
            self.tr("Zhanlian cases (*.zlcase);;All files (*)"),
        )  # fmt: skip
        if path:
            self.open_case_requested.emit(path)

    def _on_act_undo_triggered(self) -> None:
        why = self.document.undo()
        if why:
            self.statusBar().showMessage(why, 15000)

    def _on_act_open_server_triggered(self) -> None:
        last = QSettings().value("server_url", "", str) or "postgresql://host/database?case="
        url, ok = QInputDialog.getText(
            self, self.tr("Open from server"),
            self.tr("Case on a PostgreSQL server (postgresql://[user@]host[:port]/database"
                    "?case=NAME). The password comes from your PGPASSFILE or service file."),
            text=last,
        )  # fmt: skip
        url = url.strip()
        if ok and url:
            QSettings().setValue("server_url", url)
            self.open_case_requested.emit(url)

    def _on_act_about_triggered(self) -> None:
        QMessageBox.about(self, self.tr("About Zhanlian"), self.about_text())

    def about_text(self) -> str:
        """The About box: what the program is, its version and the case file's schema."""
        from PySide6 import __version__ as qt_version

        return self.tr(
            "<h3>Zhanlian 斩链</h3><p>A workbench for anti-fraud case squads: one case "
            "file for every suspect, phone card and bank card of a gang; links, roles, "
            "regions and the money trail.</p><p>Case data stays on this workstation.</p>"
        ) + self.tr("<p>Version {version} · case schema {schema} · Qt {qt}</p>").format(
            version=program_version(), schema=self.store.info().schema_version, qt=qt_version
        )

    def _on_act_check_triggered(self) -> None:
        try:
            if self.store.backend == "sqlite":
                report = run_busy(self, self.tr("Checking the case…"), check_case, self.store.path)
            else:  # a server case: its audit chain, on this window's connection
                report = check_server_case(self.store)
        except OSError as e:
            QMessageBox.warning(self, self.tr("Check case"), describe_case_error(e))
            return
        show_check_report(self, report)

    def _on_act_break_lock_triggered(self) -> None:
        holder = self.store.lock_holder
        if not self._lock_breakable() or holder is None:
            return
        who = (
            self.tr("{analyst} on {host} since {since}").format(
                analyst=holder.analyst, host=holder.host, since=holder.since)
            if holder.known else self.tr("an unknown session")
        )  # fmt: skip
        answer = QMessageBox.warning(
            self,
            self.tr("Break lock"),
            self.tr(
                "The case is locked by {who}. Break the lock only if that session is no "
                "longer running (the workstation crashed or was switched off): if it still "
                "writes to the case, two writers can damage it.\n\nBreak the lock and open "
                "the case for writing? The audit log records it."
            ).format(who=who),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.store.break_lock()
        except CaseError as e:
            QMessageBox.warning(self, self.tr("Lock not broken"), describe_case_error(e))
            return
        # Reopen: every view rebuilds for a writable case (this session now holds the lock,
        # and the new window takes it again straight after this one lets it go).
        self.open_case_requested.emit(str(self.store.location))

    def _on_act_recover_triggered(self) -> None:
        source = self.store.path
        target = recover_dialog(self, source)
        if target is not None:
            self.open_case_requested.emit(str(target))

    def _push(self, command) -> bool:
        """Push a command; a refused edit becomes a message, never a traceback."""
        return self._try(lambda: self.document.push(command))

    def _try(self, edit) -> bool:
        try:
            edit()
        except (CaseError, ids.IdentifierError) as e:
            title = self.tr("Not deleted") if isinstance(e, EntityInUseError) else self.tr(
                "Not saved")  # fmt: skip
            QMessageBox.warning(self, title, describe_case_error(e))
            return False
        return True

    # ------------------------------------------------------------------ closing

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._layout_applied:
            self._layout_applied = True
            self.restore_layout()
            if self._views_built and not self._view_handed_over:
                self._fit_while_settling()
            elif not self._views_built:
                # Built after the first frame (paintEvent); this is in case none comes (a
                # window shown minimised, off every screen).
                from PySide6.QtCore import QTimer

                QTimer.singleShot(VIEWS_AT_THE_LATEST_MS, self, self._build_views)

    def _on_first_resize(self, *_args) -> None:
        self.chart.canvas.fit()

    def _end_first_resize(self) -> None:
        from contextlib import suppress

        with suppress(RuntimeError, TypeError):  # the chart was disposed of already
            self.chart.canvas.vb.sigResized.disconnect(self._on_first_resize)

    def _built_analysis_area(self):
        """The analysis panel's folding, once the views are built (never builds them)."""
        return self.__dict__.get("analysis_area")

    def reset_layout(self) -> None:
        """The default layout: the chart takes most of the window, browser and inspector
        narrow at its sides, the analysis panel folded to its tabs below it."""
        side = int(min(max(self.width() * SIDE_SHARE, SIDE_MIN), SIDE_MAX))
        for dock, where in ((self.browser_dock, Qt.DockWidgetArea.LeftDockWidgetArea),
                            (self.inspector_dock, Qt.DockWidgetArea.RightDockWidgetArea)):  # fmt: skip
            dock.setFloating(False)
            self.addDockWidget(where, dock)
            dock.show()
        area = self._built_analysis_area()
        docks = list(area.docks.values()) if area is not None else []
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        for dock in docks:
            dock.setFloating(False)
            dock.show()
        if docks and self.dockWidgetArea(docks[0]) != bottom:
            self.addDockWidget(bottom, docks[0])
        # Straight into the first one's tabs: side by side first, their widths added up
        # would widen the window.
        for dock in docks[1:]:
            self.tabifyDockWidget(docks[0], dock)
        if docks:
            docks[0].raise_()
        self.resizeDocks([self.browser_dock, self.inspector_dock], [side, side],
                         Qt.Orientation.Horizontal)  # fmt: skip
        if area is not None:
            area.set_folded(True)
            area.height = area.default_height()

    def restore_layout(self) -> None:
        """The layout the analyst left (docks, their sizes, the panel folded or not), else
        the default one."""
        settings = QSettings()
        state = settings.value("window/state")
        if state is None or not self.restoreState(state, LAYOUT_VERSION):
            self.reset_layout()
            return
        area = self._built_analysis_area()
        if area is not None:
            area.height = settings.value("window/analysis_height", 0, type=int)
            area.set_folded(settings.value("window/analysis_folded", True, type=bool))
        # A layout saved squeezed (by an older version) is not brought back squeezed.
        for dock in (self.browser_dock, self.inspector_dock):
            if not dock.isFloating() and dock.width() < SIDE_MIN:
                self.resizeDocks([dock], [SIDE_MIN], Qt.Orientation.Horizontal)

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        area = self._built_analysis_area()
        if area is not None:
            height = area.height if area.folded else area.panel_height()
            settings.setValue("window/analysis_folded", area.folded)
            settings.setValue("window/analysis_height", int(height or area.height))

    def view_state(self) -> dict:
        """What the analyst is looking at: the selection, the search, the open tabs, the
        chart's view and time window, the card being traced."""
        view = self.chart.canvas.vb.viewRange()
        trace = self.analysis_docks.get("trace")
        return {
            **self._view_state_without_views(),
            "chart_id": self.chart.chart_id,
            "view": [list(view[0]), list(view[1])],
            "trace_card": trace.widget().card.text() if trace is not None else "",
        }

    def _view_state_without_views(self) -> dict:
        """``view_state`` of a window whose chart and panels are not built yet."""
        return {
            "selected": self.document.selected,
            "selected_ids": list(self.document.selected_ids),
            "search": self.browser.search.text(),
            "browser_tab": self.browser.tabs.currentIndex(),
            "centre_tab": self.centre_tabs.currentIndex(),
            "chart_id": None,
            "view": None,
            "time_window": self.document.time_window,
            "trace_card": "",
        }

    def apply_view_state(self, state: dict) -> None:
        """Bring back what ``view_state`` recorded (in a window opened on the same case)."""
        self._apply_state_without_views(state)
        self._apply_state_to_views(state)

    def _apply_state_without_views(self, state: dict) -> None:
        search = state.get("search", "")
        if search:
            self.browser.search.setText(search)
            self.browser._apply_search()
        ids = [i for i in state.get("selected_ids", []) if self.store.has_entity(i)]
        current = state.get("selected")
        if len(ids) > 1:
            first = current if current in ids else ids[0]
            self.document.select_many([first, *[i for i in ids if i != first]])
        elif current is not None:
            self.document.select(current)
        if 0 <= state.get("browser_tab", -1) < self.browser.tabs.count():
            self.browser.tabs.setCurrentIndex(state["browser_tab"])
        if 0 <= state.get("centre_tab", -1) < self.centre_tabs.count():
            self.centre_tabs.setCurrentIndex(state["centre_tab"])
        if state.get("time_window"):
            self.document.set_time_window(tuple(state["time_window"]))

    def _apply_state_to_views(self, state: dict) -> None:
        if state.get("chart_id") is not None and state["chart_id"] == self.chart.chart_id:
            (x0, x1), (y0, y1) = state["view"]
            self.chart.canvas.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
            self._view_handed_over = True
        trace = self.analysis_docks.get("trace")
        if trace is not None and state.get("trace_card"):
            trace.widget().card.setText(state["trace_card"])

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        import time

        if self._views_built:
            if self._layout_applied:
                self.save_layout()
            state = self.view_state()
            self.neighbourhood.dispose()
            self.chart.dispose()
        else:
            # Closed before its views were built: the saved layout stays as it was, and
            # what was handed over to this window goes on to the next.
            state = self._handed_state or self._view_state_without_views()
        _HANDOVER[_case_key(self.store.location)] = (time.monotonic(), state)
        self.document.close()
        super().closeEvent(event)


def program_version() -> str:
    """The installed package's version, else the one pyproject.toml of a source tree says."""
    from importlib import metadata

    try:
        return metadata.version("zhanlian")
    except metadata.PackageNotFoundError:
        import tomllib

        project = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            return tomllib.loads(project.read_text(encoding="utf-8"))["project"]["version"]
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            return "?"


def _case_key(path: Path | str) -> str:
    if is_server_url(str(path)):
        return str(path)
    try:
        return str(Path(path).resolve())
    except OSError:
        return str(path)


def default_window_size() -> tuple[int, int]:
    """1600 × 1000, or less on a smaller screen (with room for the desktop's panels)."""
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return 1600, 1000
    free = screen.availableGeometry()
    return min(1600, int(free.width() * 0.94)), min(1000, int(free.height() * 0.94))


def remember_recent(path: str) -> None:
    settings = QSettings()
    paths = [p for p in recent_cases() if p != path]
    settings.setValue("recent_cases", [path, *paths][:MAX_RECENT])


def recent_cases() -> list[str]:
    value = QSettings().value("recent_cases", [])
    if isinstance(value, str):
        value = [value]
    return [p for p in (value or []) if Path(p).exists()]
