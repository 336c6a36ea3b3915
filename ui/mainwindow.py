"""The main window: browser on the left, the link chart (and the neighbourhood) in the middle,
inspector on the right."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench import identifiers as ids
from workbench.errors import CaseError, EntityInUseError
from workbench.store import CASE_SUFFIX, CaseStore, Changed

from .browser import CaseBrowser
from .chart import ChartPanel
from .commands import AddEntity, DeleteEntity
from .dialogs import EntityDialog, LinkDialog
from .document import CaseDocument
from .errors import describe_case_error
from .inspector import Inspector
from .neighbourhood import NeighbourhoodView

MAX_RECENT = 8


class MainWindow(QMainWindow):
    """One open case. ``open_case_requested`` asks the application for another one."""

    open_case_requested = Signal(str)
    new_case_requested = Signal(str)
    language_requested = Signal(str)

    def __init__(self, store: CaseStore, language: str = "en"):
        super().__init__()
        self.setObjectName("main_window")
        self.language = language
        self.document = CaseDocument(store, self)
        self.store = store
        self.resize(1500, 900)

        self.banner = QLabel()
        self.banner.setObjectName("read_only_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "background:#fff3cd; color:#664d03; border:1px solid #ffda6a; padding:6px;"
            "font-weight:600;"
        )
        self.neighbourhood = NeighbourhoodView(store)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        # The link chart is the working area; the neighbourhood of the selection beside it.
        self.chart = ChartPanel(self.document)
        self.centre_tabs = QTabWidget()
        self.centre_tabs.setObjectName("centre_tabs")
        self.centre_tabs.setDocumentMode(True)
        self.centre_tabs.addTab(self.chart, self.tr("Chart"))
        self.centre_tabs.addTab(self.neighbourhood, self.tr("Neighbourhood"))
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
        self.resizeDocks([self.browser_dock, self.inspector_dock], [470, 360],
                         Qt.Orientation.Horizontal)  # fmt: skip

        self._build_actions()
        self._build_menus()
        self.setAcceptDrops(True)
        self.status_counts = QLabel()
        self.status_counts.setObjectName("status_counts")
        self.statusBar().addPermanentWidget(self.status_counts)

        self.browser.entity_selected.connect(self.document.select)
        self.browser.entity_activated.connect(self.document.select)
        self.browser.entities_selected.connect(self.document.select_many)
        self.browser.add_to_chart_requested.connect(self.chart.add_entities)
        self.document.selection_set_changed.connect(self.browser.show_entities)
        self.neighbourhood.entity_clicked.connect(self._on_neighbourhood_entity_clicked)
        self.inspector.entity_activated.connect(self._on_neighbourhood_entity_clicked)
        self.document.selection_changed.connect(self._on_document_selection_changed)
        self.document.changed.connect(self._on_document_changed)
        self.document.undo_stack.cleanChanged.connect(self._update_title)
        self._update_title()
        self._update_banner()
        self._update_counts()
        self._update_actions()

        from .analysis import install_analysis_panels

        install_analysis_panels(self)

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
        self.act_mask.toggled.connect(self.chart.set_mask)
        self.act_about.triggered.connect(self._on_act_about_triggered)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.act_new)
        file_menu.addAction(self.act_open)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.act_import)
        file_menu.addAction(self.act_history)
        file_menu.addAction(self.act_export)
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
        view_menu.addAction(self.act_mask)

        def open_orgchart():
            from .hierarchy import show_hierarchy  # the PDF painters load only when asked

            show_hierarchy(self)

        self.act_orgchart = view_menu.addAction(self.tr("&Organisation chart…"))
        self.act_orgchart.setObjectName("act_orgchart")
        self.act_orgchart.triggered.connect(open_orgchart)
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
        self.chart.fill_menu(self.chart_menu)

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
        self.setWindowTitle(f"{name} — {self.store.path.name}{ro} [*] — " + self.tr("Zhanlian"))
        self.setWindowModified(not self.document.undo_stack.isClean())

    def _update_banner(self) -> None:
        if not self.store.read_only:
            self.banner.hide()
            return
        holder = self.store.lock_holder
        if holder is not None:
            text = self.tr(
                "Read-only: this case is open elsewhere — {who}. You can look, but changes "
                "are disabled so that the case never has two writers."
            ).format(who=self.tr("{analyst} on {host} since {since}").format(
                analyst=holder.analyst, host=holder.host, since=holder.since))  # fmt: skip
        else:
            text = self.tr("Read-only: the case was opened for viewing only.")
        self.banner.setText("🔒 " + text)
        self.banner.show()

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
        self.act_new_link.setEnabled(writable and has)
        self.act_delete.setEnabled(writable and has)

    # ------------------------------------------------------------------ slots

    def _on_document_selection_changed(self, entity_id) -> None:
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
        else:
            self.neighbourhood.show_entity(self.document.selected)
        self._update_counts()
        self._update_title()

    def _on_neighbourhood_entity_clicked(self, entity_id) -> None:
        self.document.select(entity_id)

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

    def _on_act_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Zhanlian"),
            self.tr(
                "<h3>Zhanlian 斩链</h3><p>A workbench for anti-fraud case squads: one case "
                "file for every suspect, phone card and bank card of a gang; links, roles, "
                "regions and the money trail.</p><p>Case data stays on this workstation.</p>"
            ),
        )

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

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        QSettings().setValue("window/state", self.saveState())
        self.neighbourhood.dispose()
        self.chart.dispose()
        self.document.close()
        super().closeEvent(event)


def remember_recent(path: str) -> None:
    settings = QSettings()
    paths = [p for p in recent_cases() if p != path]
    settings.setValue("recent_cases", [path, *paths][:MAX_RECENT])


def recent_cases() -> list[str]:
    value = QSettings().value("recent_cases", [])
    if isinstance(value, str):
        value = [value]
    return [p for p in (value or []) if Path(p).exists()]
