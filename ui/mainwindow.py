"""The main window: browser on the left, the link chart (and the neighbourhood) in the middle,
inspector on the right."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench import identifiers as ids
from workbench.casefile import CaseCheck, RecoveryReport, check_case, recover_case
from workbench.errors import CaseError, EntityInUseError
from workbench.model import Kind
from workbench.store import (
    CASE_SUFFIX,
    READ_ONLY_DAMAGED,
    READ_ONLY_LOCKED,
    READ_ONLY_NOT_WRITABLE,
    CaseStore,
    Changed,
)

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
        self.neighbourhood = NeighbourhoodView(store)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner_box)
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
        self.act_check = QAction(self.tr("C&heck case…"), self)
        self.act_check.setObjectName("act_check")
        self.act_check.triggered.connect(self._on_act_check_triggered)
        self.act_break_lock = QAction(self.tr("&Break lock…"), self)
        self.act_break_lock.setObjectName("act_break_lock")
        self.act_break_lock.triggered.connect(self._on_act_break_lock_triggered)
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
        file_menu.addAction(self.act_check)
        file_menu.addAction(self.act_recover)
        file_menu.addAction(self.act_break_lock)
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
        self.act_recover.setEnabled(self.store.read_only_reason == READ_ONLY_DAMAGED)
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

    def _on_act_check_triggered(self) -> None:
        try:
            report = run_busy(self, self.tr("Checking the case…"), check_case, self.store.path)
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
        self.open_case_requested.emit(str(self.store.path))

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

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        QSettings().setValue("window/state", self.saveState())
        self.neighbourhood.dispose()
        self.chart.dispose()
        self.document.close()
        super().closeEvent(event)


def run_busy(parent, text: str, fn, *args):
    """Run ``fn(*args)`` on a worker thread behind a busy dialog; return its result or raise
    its exception here, on the GUI thread."""
    progress = QProgressDialog(text, "", 0, 0, parent)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(300)
    result: list = []
    errors: list[BaseException] = []

    def work():
        try:
            result.append(fn(*args))
        except BaseException as e:  # re-raised on the GUI thread below
            errors.append(e)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    while worker.is_alive():
        QApplication.processEvents()
        worker.join(0.03)
    progress.close()
    if errors:
        raise errors[0]
    return result[0]


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaseFile", text)


def show_check_report(parent, report: CaseCheck) -> None:
    """The result of File → Check case… in a message box."""
    if report.ok:
        QMessageBox.information(
            parent, _tr("Check case"),
            _tr("{path}: no problems found (integrity, foreign keys, audit chain) in {s} s.")
            .format(path=report.path, s=report.seconds),
        )  # fmt: skip
        return
    box = QMessageBox(QMessageBox.Icon.Warning, _tr("Check case"),
                      _tr("{path}: {n} problems found.").format(path=report.path,
                                                                n=len(report.problems)),
                      QMessageBox.StandardButton.Ok, parent)  # fmt: skip
    box.setDetailedText("\n".join(report.problems))
    box.exec()


def describe_recovery(report: RecoveryReport) -> str:
    """What a recovery saved, table by table, for a message box."""
    lines = [
        _tr("Saved {saved} rows into {target} ({method}).").format(
            saved=f"{report.saved:,}", target=report.target, method=report.method)
    ]  # fmt: skip
    for t in report.tables:
        if t.read or t.saved:
            lines.append(_tr("{table}: {saved} of {read} rows read").format(
                table=t.table, saved=f"{t.saved:,}", read=f"{t.read:,}")
                + (_tr(", {n} dropped (they referred to lost rows)").format(n=t.dropped)
                   if t.dropped else ""))  # fmt: skip
    lines.append(_tr("audit log: {n} rows").format(n=f"{report.audit_rows:,}"))
    if report.unplaced:
        lines.append(_tr("{n} rows found that belong to no table (not saved)").format(
            n=f"{report.unplaced:,}"))  # fmt: skip
    return "\n".join(lines)


def recover_dialog(parent, source: Path) -> Path | None:
    """Ask where to, recover a damaged case there, tell what was saved; the new case's path
    when the analyst wants to open it."""
    suggested = source.with_name(f"{source.stem}-recovered{CASE_SUFFIX}")
    path, _ = QFileDialog.getSaveFileName(parent, _tr("Recover into a new case"), str(suggested),
                                          _tr("Zhanlian cases (*.zlcase)"))  # fmt: skip
    if not path:
        return None
    target = Path(path if path.endswith(CASE_SUFFIX) else path + CASE_SUFFIX)
    from .app import analyst_name

    try:
        report = run_busy(parent, _tr("Recovering what can be read…"), recover_case, source,
                          target, analyst_name(parent, ask=False))  # fmt: skip
    except (CaseError, OSError) as e:
        QMessageBox.critical(parent, _tr("Recover into a new case"), describe_case_error(e))
        return None
    box = QMessageBox(QMessageBox.Icon.Information, _tr("Recover into a new case"),
                      describe_recovery(report), parent=parent)  # fmt: skip
    if report.problems:
        box.setDetailedText("\n".join(report.problems))
    open_button = box.addButton(_tr("Open the new case"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    return target if box.clickedButton() is open_button else None


def remember_recent(path: str) -> None:
    settings = QSettings()
    paths = [p for p in recent_cases() if p != path]
    settings.setValue("recent_cases", [path, *paths][:MAX_RECENT])


def recent_cases() -> list[str]:
    value = QSettings().value("recent_cases", [])
    if isinstance(value, str):
        value = [value]
    return [p for p in (value or []) if Path(p).exists()]
