"""The application: Qt setup, the analyst's name, opening cases, switching language."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.errors import (
    CaseError,
    CorruptCaseError,
    DamagedCaseError,
    KeyRequiredError,
    WrongKeyError,
)
from workbench.paths import demo_case_path, os_user
from workbench.store import CaseStore, is_server_url

from . import i18n
from .casefile_dialogs import run_busy
from .dialogs import AnalystDialog
from .errors import describe_case_error
from .mainwindow import MainWindow, recover_dialog, remember_recent

_collector = None


class GuiThreadCollector:
    """Python's cycle collector, run from a timer of the GUI thread instead of by itself.

    Automatic collection is switched off; every ``interval`` seconds ``check`` collects the
    oldest generation whose count has passed its threshold (and, with it, the younger ones),
    which is what the interpreter would have done, only on this thread.
    """

    def __init__(self, interval: float = 0.5):
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer()
        self.timer.timeout.connect(self.check)
        self.timer.start(int(interval * 1000))

    def check(self) -> None:
        counts = gc.get_count()
        over = [g for g in range(3) if counts[g] > self.thresholds[g]]
        # Gen 1 counts gen-0 collections and gen 2 gen-1 collections: an older generation is
        # only due once the younger one has been collected often enough.
        due = -1
        for g in over:
            if g == due + 1:
                due = g
        if due >= 0:
            gc.collect(due)


def collect_garbage_on_gui_thread() -> None:
    """Run Python's cycle collector only on the GUI thread, from a timer.

    The collector otherwise runs on whichever thread happens to allocate: a layout, an
    analysis, an import or the demo build on a worker thread could then free the Qt objects
    of a closed view (pyqtgraph items caught in reference cycles) off the GUI thread, and Qt
    crashes. The known remedy (pyqtgraph ships one): automatic collection off, generations
    collected on a GUI-thread timer when their thresholds are passed. Ours does not load
    pyqtgraph, which the first window does not need.
    """
    global _collector
    if _collector is None:
        _collector = GuiThreadCollector(interval=0.5)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with our names (QSettings keys on them) and the CJK font."""
    if QApplication.instance() is None:
        # Qt's file dialog formats dates by the C library's locale, read once when the
        # application starts: follow the interface language chosen last time.
        import os

        chosen = QSettings("Zhanlian", "Zhanlian").value("language", "", type=str)
        if chosen == "zh_CN" and "LC_ALL" not in os.environ:
            os.environ["LC_TIME"] = "zh_CN.UTF-8"
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    collect_garbage_on_gui_thread()
    app.setOrganizationName("Zhanlian")
    app.setApplicationName("Zhanlian")
    app.setApplicationDisplayName("Zhanlian 斩链")
    i18n.register_fonts(app)
    return app


def analyst_name(parent=None, ask: bool = True) -> str:
    """The analyst's name: asked once, then kept in the settings."""
    settings = QSettings()
    name = settings.value("analyst", "", type=str)
    if name or not ask:
        return name or os_user()
    dialog = AnalystDialog(os_user(), parent)
    dialog.exec()
    name = dialog.name.text().strip() or os_user()
    settings.setValue("analyst", name)
    return name


class Workbench(QObject):
    """Owns the window of the open case and replaces it on open, new or language change."""

    def __init__(self, analyst: str, language: str):
        super().__init__()
        self.analyst = analyst
        self.language = language
        self.window: MainWindow | None = None
        #: passphrases of the encrypted cases opened in this session (memory only)
        self._keys: dict[Path, str] = {}

    def _open_store(self, path: Path, create: bool, key: str | None) -> CaseStore | None:
        """The case's store; an encrypted case's passphrase is asked (again after a wrong
        one) and kept in memory for this session only. None when the user cancels."""
        from .passphrase import ask_passphrase

        if is_server_url(path):  # the server authenticates (libpq), no passphrase
            return CaseStore.create(path, self.analyst) if create else CaseStore.open(
                path, self.analyst)  # fmt: skip
        key = key if key is not None else self._keys.get(path.resolve())
        wrong = False
        while True:
            try:
                if create:
                    store = CaseStore.create(path, self.analyst, key=key)
                else:
                    # A damaged case opens read-only, saying so, with recovery at hand.
                    store = CaseStore.open(path, self.analyst, allow_damaged=True, key=key)
            except (KeyRequiredError, WrongKeyError) as e:
                if isinstance(e, KeyRequiredError) and key is not None:
                    raise  # a passphrase was given and the file is still no case
                wrong = isinstance(e, WrongKeyError)
                key = ask_passphrase(self.window, path.name, wrong=wrong)
                if key is None:
                    return None
                continue
            if key is not None:
                self._keys[path.resolve()] = key
            return store

    def open_case(self, path: str | Path, *, create: bool = False, key: str | None = None) -> bool:
        path = path if is_server_url(path) else Path(path)
        try:
            store = self._open_store(path, create, key)
            if store is None:
                return False
        except CorruptCaseError as e:
            return self._offer_recovery(path, e)
        except (CaseError, OSError) as e:
            QMessageBox.critical(
                self.window, QCoreApplication.translate("Workbench", "Zhanlian"),
                describe_case_error(e),
            )  # fmt: skip
            return False
        old = self.window
        try:
            window = MainWindow(store, self.language)
        except Exception as e:  # noqa: BLE001 - a damaged file can fail any read
            if not store.damage:
                store.close()
                raise
            store.close()
            return self._offer_recovery(path, DamagedCaseError(path, [*store.damage, str(e)]))
        self.window = window
        self.window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.window.open_case_requested.connect(self._on_window_open_case_requested)
        self.window.new_case_requested.connect(self._on_window_new_case_requested)
        self.window.language_requested.connect(self._on_window_language_requested)
        self.window.key_change_requested.connect(self._on_window_key_change_requested)
        if store.upgraded_from is not None:
            self.window.statusBar().showMessage(
                QCoreApplication.translate(
                    "Workbench", "Case upgraded from schema {v}; backup kept at {b}"
                ).format(v=store.upgraded_from, b=store.backup_path),
                15000,
            )
        notes = []
        if store.set_aside:
            notes.append(
                QCoreApplication.translate(
                    "Workbench",
                    "A WAL file beside the case was not its own and was set aside "
                    "unmerged: {files}",
                ).format(files=", ".join(p.name for p in store.set_aside))
            )
        if store.took_over is not None and store.took_over.known:
            notes.append(QCoreApplication.translate(
                "Workbench", "Took over the lock of a session that ended: {who}").format(
                who=store.took_over.describe()))  # fmt: skip
        if notes:
            self.window.statusBar().showMessage("  ".join(notes), 30000)
        remember_recent(path if isinstance(path, str) else str(path.resolve()))
        if old is not None:
            old.close()
        self.window.show()
        return True

    def _offer_recovery(self, path: Path, error: CorruptCaseError) -> bool:
        """A case too damaged to open even read-only: say so, and offer to recover it."""
        box = QMessageBox(
            QMessageBox.Icon.Critical, QCoreApplication.translate("Workbench", "Zhanlian"),
            describe_case_error(error), parent=self.window,
        )  # fmt: skip
        recover = box.addButton(
            QCoreApplication.translate("Workbench", "Recover into a new case…"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is not recover:
            return False
        target = recover_dialog(self.window, path)
        return target is not None and self.open_case(target)

    def _on_window_open_case_requested(self, path: str) -> None:
        self._replace(path)

    def _on_window_new_case_requested(self, path: str) -> None:
        self._replace(path, create=True)

    def _replace(self, path: str, create: bool = False) -> None:
        # The open case is closed first, so reopening the same file does not meet its lock.
        current = self.window.store.location if self.window else None
        if self.window is not None:
            self.window.close()
            self.window = None
        if not self.open_case(path, create=create) and current is not None:
            self.open_case(current)

    def _on_window_key_change_requested(self) -> None:
        """File → Encryption…: encrypt a plain case, or change or remove an encrypted case's
        passphrase. The window closes while the file is rewritten, then opens again."""
        from .passphrase import choose_passphrase

        if self.window is None:
            return
        store = self.window.store
        path, old = store.path, store.key
        new: str | None = None
        if old is None:
            new = choose_passphrase(self.window, path.name)
            if new is None:
                return
        else:
            box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("Workbench", "Encryption"),
                              QCoreApplication.translate("Workbench", "{name} is encrypted.").format(name=path.name),
                              parent=self.window)  # fmt: skip
            change = box.addButton(QCoreApplication.translate("Workbench", "Change passphrase…"),
                                   QMessageBox.ButtonRole.AcceptRole)  # fmt: skip
            remove = box.addButton(QCoreApplication.translate("Workbench", "Store unencrypted"),
                                   QMessageBox.ButtonRole.DestructiveRole)  # fmt: skip
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() is change:
                new = choose_passphrase(self.window, path.name)
                if new is None:
                    return
            elif box.clickedButton() is not remove:
                return
        self.window.close()
        self.window = None
        try:
            removed = CaseStore.change_key(path, self.analyst, old, new)
        except (CaseError, OSError) as e:
            QMessageBox.critical(
                None, QCoreApplication.translate("Workbench", "Zhanlian"), describe_case_error(e)
            )
            self.open_case(path, key=old)
            return
        self._keys.pop(path.resolve(), None)
        if self.open_case(path, key=new) and self.window is not None:
            message = (QCoreApplication.translate("Workbench", "The case is encrypted.") if new is not None
                       else QCoreApplication.translate("Workbench", "The case is stored unencrypted."))  # fmt: skip
            if removed:
                message += " " + QCoreApplication.translate("Workbench", "{n} backup(s) in the old form removed.").format(
                    n=len(removed))  # fmt: skip
            self.window.statusBar().showMessage(message, 15000)

    def _on_window_language_requested(self, language: str) -> None:
        if language == self.language:
            return
        QSettings().setValue("language", language)
        self.language = i18n.install_language(language)
        if self.window is not None:
            self._replace(str(self.window.store.location))


def ensure_demo_case(parent=None) -> Path:
    """The demo case, built on first run with a progress dialog while it is written."""
    path = demo_case_path()
    if path.exists():
        return path
    from workbench.demo import build_demo

    run_busy(
        parent,
        QCoreApplication.translate("Workbench", "Building the demo case…"),
        build_demo, path, "demo",
    )  # fmt: skip
    return path


def start(
    case: str | None = None, analyst: str | None = None, language: str | None = None
) -> Workbench | None:
    """The application up to its first window: Qt, language, analyst, the case opened and
    its window shown. None when the case could not be opened (the user has been told).

    ``run`` goes on into the event loop; ``main.start_gui`` (what ``zhanlian CASE`` runs, and
    what ``benchmarks/start.py`` times) calls this after its own checks.
    """
    make_application()
    lang = i18n.install_language(language or i18n.chosen_language())
    name = analyst or analyst_name()
    bench = Workbench(name, lang)
    path = case if is_server_url(case) else Path(case) if case else ensure_demo_case()
    return bench if bench.open_case(path) else None


def run(case: str | None = None, analyst: str | None = None, language: str | None = None) -> int:
    """Open the GUI on a case (or the demo case) and run until the window closes."""
    bench = start(case, analyst, language)
    return 2 if bench is None else run_event_loop(bench)


def run_event_loop(bench: Workbench) -> int:
    """Run the application until its last window closes; the exit code."""
    app = QApplication.instance()
    code = app.exec()
    # pyqtgraph items must go before the interpreter tears Qt down; a window closed by
    # the analyst has deleted itself already (WA_DeleteOnClose).
    if bench.window is not None and shiboken6.isValid(bench.window):
        bench.window.close()
    app.processEvents()
    return code
