"""File → Import: choose files, check the column mapping against a live preview, run the
import off the GUI thread with a progress bar and Cancel, then read the summary.
"""

from __future__ import annotations

import copy
import itertools
import re
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.errors import CaseError
from workbench.intake import columns as cols
from workbench.intake.importer import (
    FileResult,
    ImportCancelled,
    Importer,
    ImportSummary,
    Plan,
    plan_files,
    plan_table,
    set_owner,
    with_placeholder_owner,
)
from workbench.intake.read import open_tables
from workbench.intake.records import (
    FooterRow,
    RejectedRow,
    bank_records,
    call_records,
    register_records,
    status_moves,
)
from workbench.intake.rejected import write_rejected_csv

from . import labels
from .commands import ImportEvidence
from .document import CaseDocument
from .errors import describe_case_error, describe_rejection

PREVIEW_ROWS = 50
FILE_FILTER = "*.csv *.txt *.tsv *.xlsx *.xls *.xlsm *.ods"
_RECORDS = {"bank": bank_records, "calls": call_records, "register": register_records}


def evidence_files(paths: list[str]) -> list[str]:
    """Files to import from dropped or chosen paths; folders are searched (not recursively
    into hidden ones) for statement and call-record files."""
    suffixes = {s.lstrip("*") for s in FILE_FILTER.split()}
    out: list[str] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(str(f) for f in p.rglob("*") if f.suffix.lower() in suffixes
                          and not any(part.startswith(".") for part in f.parts))  # fmt: skip
        elif p.is_file():
            out.append(str(p))
    return out


_OTHER_CELL = re.compile(r"(?P<why>.*?) \((?P<column>.+?)=(?:'.*'|\".*\")\)")


def bad_cells(row: RejectedRow, header: list[str]) -> dict[int, str]:
    """Every failing cell of a rejected row: column index -> its reason, translated.

    The row names its leftmost failing column; its reason lists the others as
    ``why (column='value')`` after a ``; `` (workbench.intake.records)."""
    parts = row.reason.split("; ")
    out: dict[int, str] = {}
    if row.column in header:
        out[header.index(row.column)] = describe_rejection(parts[0])
    for part in parts[1:]:
        m = _OTHER_CELL.fullmatch(part)
        if m and m.group("column") in header:
            out[header.index(m.group("column"))] = describe_rejection(m.group("why"))
    return out


class ImportWorker(QObject):
    """Runs an import in a QThread; the case's own connection is not touched meanwhile."""

    progressed = Signal(float, str)
    finished = Signal(object)  # ImportSummary
    failed = Signal(object)  # the exception

    def __init__(self, store, plans: list[Plan], failed_files: list[FileResult]):
        super().__init__()
        self.store = store
        self.plans = plans
        self.failed_files = failed_files
        self.cancel_requested = False

    def run(self) -> None:
        try:
            summary = Importer(
                self.store,
                progress=lambda f, m: self.progressed.emit(f, m),
                cancelled=lambda: self.cancel_requested,
            ).run(self.plans, failed=self.failed_files)
        except BaseException as e:  # reported to the GUI thread, which shows it
            self.failed.emit(e)
            return
        self.finished.emit(summary)


class ImportDialog(QDialog):
    """The import wizard. Pages: files, mapping, running, summary."""

    def __init__(self, document: CaseDocument, paths: list[str] | None = None, parent=None):
        super().__init__(parent)
        self.document = document
        self.store = document.store
        self.setWindowTitle(self.tr("Import evidence"))
        self.resize(1100, 720)
        self.plans: list[Plan] = []
        self.failed_files: list[FileResult] = []
        self.summary: ImportSummary | None = None
        self._thread: QThread | None = None
        self._worker: ImportWorker | None = None

        self.pages = QStackedWidget()
        self.pages.addWidget(self._files_page())
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._run_page())
        self.pages.addWidget(self._summary_page())

        self.back = QPushButton(self.tr("< Back"))
        self.next = QPushButton(self.tr("Next >"))
        self.next.setObjectName("import_next")
        self.next.setDefault(True)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("import_close")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.back.clicked.connect(self._on_back_clicked)
        self.next.clicked.connect(self._on_next_clicked)
        self.close_button.clicked.connect(self._on_close_clicked)
        self.setAcceptDrops(True)
        if paths:
            self.add_files(evidence_files(paths))
        self._update_buttons()

    # ------------------------------------------------------------------ page 1: files

    def _files_page(self) -> QWidget:
        page = QWidget()
        self.file_list = QListWidget()
        self.file_list.setObjectName("import_files")
        self.file_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.kind = QComboBox()
        self.kind.setObjectName("import_kind")
        self.kind.addItem(self.tr("Recognise from the headers"), None)
        for code, label in self._kind_labels().items():
            self.kind.addItem(label, code)
        add_files = QPushButton(self.tr("Add files…"))
        add_folder = QPushButton(self.tr("Add folder…"))
        remove = QPushButton(self.tr("Remove"))
        add_files.clicked.connect(self._on_add_files_clicked)
        add_folder.clicked.connect(self._on_add_folder_clicked)
        remove.clicked.connect(self._on_remove_clicked)
        hint = QLabel(
            self.tr(
                "Bank statements, call records and card or phone registers as CSV, TXT, XLSX "
                "or XLS, in any encoding banks use. Drop files or folders here."
            )
        )
        hint.setWordWrap(True)
        side = QVBoxLayout()
        for b in (add_files, add_folder, remove):
            side.addWidget(b)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.file_list, 1)
        row.addLayout(side)
        form = QFormLayout()
        form.addRow(self.tr("The files hold:"), self.kind)
        layout = QVBoxLayout(page)
        layout.addWidget(hint)
        layout.addLayout(row, 1)
        layout.addLayout(form)
        return page

    def _kind_labels(self) -> dict[str, str]:
        return {
            "bank": self.tr("Bank statements"),
            "calls": self.tr("Call records"),
            "register": self.tr("Registers of people, cards and phones"),
        }

    def add_files(self, paths: list[str]) -> None:
        known = {self.file_list.item(i).data(Qt.ItemDataRole.UserRole)
                 for i in range(self.file_list.count())}  # fmt: skip
        for p in paths:
            if p not in known:
                item = QListWidgetItem(Path(p).name)
                item.setToolTip(p)
                item.setData(Qt.ItemDataRole.UserRole, p)
                self.file_list.addItem(item)
        self._update_buttons()

    def files(self) -> list[str]:
        return [self.file_list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.file_list.count())]  # fmt: skip

    def _on_add_files_clicked(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add files"),
            "",
            self.tr("Evidence files ({f});;All files (*)").format(f=FILE_FILTER),  # fmt: skip
        )
        self.add_files(paths)

    def _on_add_folder_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add folder"))
        if folder:
            self.add_files(evidence_files([folder]))

    def _on_remove_clicked(self) -> None:
        for item in self.file_list.selectedItems():
            self.file_list.takeItem(self.file_list.row(item))
        self._update_buttons()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if self.pages.currentIndex() == 0:
            self.add_files(evidence_files(paths))

    # ------------------------------------------------------------------ page 2: mapping

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        self.plan_list = QListWidget()
        self.plan_list.setObjectName("import_plans")
        self.plan_kind = QComboBox()
        self.plan_kind.setObjectName("import_plan_kind")
        for code, label in self._kind_labels().items():
            self.plan_kind.addItem(label, code)
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setObjectName("import_mapping")
        self.mapping_table.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("Means"), self.tr("Confidence")]
        )
        self.mapping_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        # The field combos are cell widgets, which do not size their column.
        self.mapping_table.setColumnWidth(1, 190)
        self.mapping_table.verticalHeader().hide()
        self.missing = QLabel()
        self.missing.setObjectName("import_missing")
        self.missing.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.preview = QTableWidget()
        self.preview.setObjectName("import_preview")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.profile_name = QLineEdit()
        self.profile_name.setObjectName("import_profile_name")
        self.profile_name.setPlaceholderText(self.tr("e.g. 工商银行个人流水"))
        self.save_profile = QCheckBox(self.tr("Save this mapping as a profile named"))
        self.save_profile.setObjectName("import_save_profile")

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel(self.tr("Tables found:")))
        lv.addWidget(self.plan_list, 1)
        mid = QWidget()
        mv = QVBoxLayout(mid)
        mv.setContentsMargins(0, 0, 0, 0)
        kind_row = QFormLayout()
        kind_row.addRow(self.tr("Kind:"), self.plan_kind)
        mv.addLayout(kind_row)
        mv.addWidget(self.mapping_table, 1)
        mv.addWidget(self.missing)
        mv.addWidget(self.facts)
        mv.addWidget(self._owner_box())
        profile_row = QHBoxLayout()
        profile_row.addWidget(self.save_profile)
        profile_row.addWidget(self.profile_name, 1)
        mv.addLayout(profile_row)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(QLabel(self.tr("Preview (first rows as they will be read):")))
        rv.addWidget(self.preview, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(mid)
        splitter.addWidget(right)
        splitter.setSizes([220, 380, 500])
        layout = QVBoxLayout(page)
        layout.addWidget(splitter)
        self.plan_list.currentRowChanged.connect(self._on_plan_list_current_row_changed)
        self.plan_kind.activated.connect(self._on_plan_kind_activated)
        return page

    def _owner_box(self) -> QGroupBox:
        """Whose statement it is, where the file does not say: a bank card or a payment
        platform's account, and its holder. Kept with the mapping (and its profile)."""
        self.owner_group = QGroupBox(self.tr("Whose statement"))
        self.owner_group.setObjectName("import_owner")
        self.owner_kind = QComboBox()
        self.owner_kind.setObjectName("import_owner_kind")
        self.owner_kind.addItem(self.tr("Bank card or account"), "bank_card")
        for code, label in self._platform_labels().items():
            self.owner_kind.addItem(label, f"payment_account:{code}")
        self.owner_key = QLineEdit()
        self.owner_key.setObjectName("import_owner_key")
        self.owner_key.setPlaceholderText(self.tr("card or account number, login, nickname…"))
        self.owner_name = QLineEdit()
        self.owner_name.setObjectName("import_owner_name")
        self.owner_name.setPlaceholderText(self.tr("holder's name (optional)"))
        self.owner_state = QLabel()
        self.owner_state.setObjectName("import_owner_state")
        self.owner_state.setWordWrap(True)
        form = QFormLayout(self.owner_group)
        form.addRow(self.tr("Account:"), self.owner_kind)
        form.addRow("", self.owner_key)
        form.addRow(self.tr("Holder:"), self.owner_name)
        form.addRow(self.owner_state)
        self.owner_kind.activated.connect(self._on_owner_edited)
        self.owner_key.editingFinished.connect(self._on_owner_edited)
        self.owner_name.editingFinished.connect(self._on_owner_edited)
        return self.owner_group

    def _platform_labels(self) -> dict[str, str]:
        return {
            "alipay": self.tr("Alipay account"),
            "wechat": self.tr("WeChat Pay account"),
            "jd": self.tr("JD account"),
            "meituan": self.tr("Meituan account"),
            "unionpay": self.tr("UnionPay QR account"),
            "other": self.tr("Other platform's account"),
        }

    def _show_owner(self, plan: Plan) -> None:
        m = plan.mapping
        bank = plan.kind == "bank"
        self.owner_group.setVisible(bank)
        if not bank:
            return
        platform = m.constants.get("platform", "")
        kind = m.constants.get("owner_kind", "") or ("payment_account" if platform else "")
        data = (
            f"payment_account:{platform or 'other'}" if kind == "payment_account" else "bank_card"
        )
        self.owner_kind.setCurrentIndex(max(0, self.owner_kind.findData(data)))
        from_column = "card" in m.columns
        for w in (self.owner_kind, self.owner_key):
            w.setEnabled(not from_column)
        self.owner_key.setText("" if from_column else m.constants.get("card", ""))
        self.owner_name.setEnabled("account_name" not in m.columns)
        self.owner_name.setText(m.constants.get("account_name", ""))
        if from_column:
            text = self.tr("From the column {column}: each row names its account.").format(
                column=plan.header[m.columns["card"]]
            )
            colour = "#2e7d32"
        elif m.constants.get("card"):
            text = self.tr("Every row belongs to this account.")
            colour = "#2e7d32"
        else:
            text = self.tr(
                "The file does not say whose statement it is. Give the account, or "
                "the rows go under a placeholder account 'owner unknown' that you "
                "can merge into the real account later."
            )
            colour = "#e65100"
        self.owner_state.setText(text)
        self.owner_state.setStyleSheet(f"color: {colour};")

    def _on_owner_edited(self, *_args) -> None:
        plan = self.current_plan()
        if plan is None or plan.kind != "bank" or "card" in plan.mapping.columns:
            return
        mapping = copy.deepcopy(plan.mapping)
        key = self.owner_key.text().strip()
        kind = self.owner_kind.currentData()
        try:
            if key:
                if kind.startswith("payment_account:"):
                    set_owner(mapping, ("payment_account", f"{kind.split(':', 1)[1]}:{key}"))
                else:
                    mapping.set_constant("platform", None)
                    mapping.set_constant("owner_kind", "bank_card")
                    set_owner(mapping, ("bank_card", key))
            else:
                mapping.set_constant("card", None)
            mapping.set_constant("account_name", self.owner_name.text().strip() or None)
        except CaseError as e:
            QMessageBox.warning(self, self.tr("Whose statement"), describe_case_error(e))
            return
        if mapping.constants != plan.mapping.constants:
            self._set_mapping(plan, mapping)

    def _plan_label(self, plan: Plan) -> str:
        name = plan.path.name + (f" [{plan.sheet}]" if plan.sheet else "")
        mark = "✔" if plan.mapping.is_complete() else "⚠"
        return f"{mark} {name} — {self._kind_labels()[plan.kind]} ({plan.mapping.confidence:.0%})"

    def _fill_plans(self) -> None:
        self.plan_list.clear()
        for plan in self.plans:
            self.plan_list.addItem(self._plan_label(plan))
        for f in self.failed_files:
            item = QListWidgetItem(f"✖ {f.file} — {f.skipped}")
            item.setForeground(QBrush(QColor("#c62828")))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.plan_list.addItem(item)
        if self.plans:
            self.plan_list.setCurrentRow(0)

    def current_plan(self) -> Plan | None:
        row = self.plan_list.currentRow()
        return self.plans[row] if 0 <= row < len(self.plans) else None

    def _on_plan_list_current_row_changed(self, _row: int) -> None:
        self._show_plan()

    def _show_plan(self) -> None:
        plan = self.current_plan()
        if plan is None:
            return
        self.plan_kind.setCurrentIndex(self.plan_kind.findData(plan.kind))
        fields = tuple(cols.SYNONYMS[plan.kind])
        by_column = {i: f for f, i in plan.mapping.columns.items()}
        self.mapping_table.setRowCount(len(plan.header))
        for row, name in enumerate(plan.header):
            self.mapping_table.setItem(row, 0, QTableWidgetItem(name))
            combo = QComboBox()
            combo.addItem(self.tr("(not used)"), None)
            for f in fields:
                combo.addItem(field_label(f), f)
            field = by_column.get(row)
            combo.setCurrentIndex(max(0, combo.findData(field)))
            combo.activated.connect(lambda _i, r=row: self._on_mapping_combo_activated(r))
            self.mapping_table.setCellWidget(row, 1, combo)
            conf = plan.mapping.field_confidence.get(field, 0.0) if field else 0.0
            item = QTableWidgetItem(f"{conf:.0%}" if field else "")
            if field and conf < 0.8:
                item.setForeground(QBrush(QColor("#e65100")))
            self.mapping_table.setItem(row, 2, item)
        missing = plan.mapping.missing
        self.missing.setText(
            self.tr("Still needed: {fields}").format(fields=", ".join(map(field_label, missing)))
            if missing else self.tr("All required columns are mapped.")
        )  # fmt: skip
        self.missing.setStyleSheet("color: #c62828;" if missing else "color: #2e7d32;")
        self.facts.setText(
            self.tr("From the title rows: {facts}").format(
                facts="; ".join(f"{k}：{v}" for k, v in plan.title_facts.items()))
            if plan.title_facts else ""
        )  # fmt: skip
        self._show_owner(plan)
        self._fill_preview(plan)
        self._update_buttons()

    def _on_mapping_combo_activated(self, row: int) -> None:
        plan = self.current_plan()
        chosen = self.mapping_table.cellWidget(row, 1).currentData()
        mapping = copy.deepcopy(plan.mapping)
        if chosen:
            mapping.set_column(chosen, row)
        else:
            for f, i in list(mapping.columns.items()):
                if i == row:
                    mapping.set_column(f, None)
        self._set_mapping(plan, mapping)

    def _on_plan_kind_activated(self, _index: int) -> None:
        plan = self.current_plan()
        kind = self.plan_kind.currentData()
        if plan is not None and kind != plan.kind:
            # The same reading as the automatic plan: a sample of rows and the title too.
            table = next(t for t in open_tables(plan.path) if t.sheet == plan.sheet)
            self._set_mapping(plan, plan_table(table, kind).mapping, kind)

    def _set_mapping(self, plan: Plan, mapping, kind: str | None = None) -> None:
        i = self.plans.index(plan)
        self.plans[i] = replace(plan, mapping=mapping, kind=kind or plan.kind, profile="")
        self.plan_list.item(i).setText(self._plan_label(self.plans[i]))
        self._show_plan()

    def _fill_preview(self, plan: Plan) -> None:
        """The first rows of the table with what the mapping makes of them: a failing cell
        in red with the reason (every failing cell of a row, not only the first); a failing
        row says why in the first column."""
        table = next(t for t in open_tables(plan.path) if t.sheet == plan.sheet)
        raw = list(itertools.islice(table.rows, PREVIEW_ROWS))
        table.rows = iter(raw)
        mapping = plan.mapping
        if not mapping.owner_known:
            # Read as the import will: under the placeholder owner, not refused for want of one.
            mapping = with_placeholder_owner(mapping, "preview", plan.sheet)
        results = list(_RECORDS[plan.kind](table, mapping)) if mapping.is_complete() else []
        header = plan.header
        self.preview.clear()
        self.preview.setColumnCount(len(header) + 1)
        self.preview.setHorizontalHeaderLabels([self.tr("Result"), *header])
        self.preview.setRowCount(len(raw))
        red = QBrush(QColor("#ffcdd2"))
        for r, (line, cells) in enumerate(raw):
            self.preview.setVerticalHeaderItem(r, QTableWidgetItem(str(line)))
            result = results[r] if r < len(results) else None
            bad: dict[int, str] = {}
            if isinstance(result, RejectedRow):
                status = QTableWidgetItem("✖ " + describe_rejection(result.reason))
                status.setForeground(QBrush(QColor("#c62828")))
                status.setToolTip(describe_rejection(result.reason))
                bad = bad_cells(result, header)
            elif isinstance(result, FooterRow):
                status = QTableWidgetItem("– " + self.tr("total or footer, skipped"))
                status.setForeground(QBrush(QColor("#6d6d6d")))
            elif getattr(result, "moved", True) is False:
                why = result.status if not status_moves(result.status) else ""
                status = QTableWidgetItem("○ " + self.tr("moved no money ({status})").format(
                    status=why or self.tr("neither in nor out")))  # fmt: skip
                status.setForeground(QBrush(QColor("#6d6d6d")))
            elif getattr(result, "reversal", False):
                status = QTableWidgetItem("↩ " + self.tr("refund or reversal"))
                status.setForeground(QBrush(QColor("#2e7d32")))
            elif result is not None:
                status = QTableWidgetItem("✔")
                status.setForeground(QBrush(QColor("#2e7d32")))
            else:
                status = QTableWidgetItem("")
            self.preview.setItem(r, 0, status)
            for c, value in enumerate(cells[: len(header)]):
                item = QTableWidgetItem(value)
                if c in bad:
                    item.setBackground(red)
                    item.setToolTip(bad[c])
                self.preview.setItem(r, c + 1, item)
        self.preview.resizeColumnsToContents()

    # ------------------------------------------------------------------ page 3: running

    def _run_page(self) -> QWidget:
        page = QWidget()
        self.progress = QProgressBar()
        self.progress.setObjectName("import_progress")
        self.progress.setRange(0, 1000)
        self.progress_label = QLabel()
        self.cancel = QPushButton(self.tr("Cancel import"))
        self.cancel.setObjectName("import_cancel")
        self.cancel.clicked.connect(self._on_cancel_clicked)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(QLabel(self.tr("Importing. The case stays as it was until the import "
                                        "finishes; Cancel leaves it untouched.")))  # fmt: skip
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(2)
        return page

    def start_import(self) -> None:
        plans = [p for p in self.plans if p.mapping.is_complete()]
        if self.save_profile.isChecked() and self.profile_name.text().strip():
            plan = self.current_plan()
            self.store.save_mapping_profile(
                self.profile_name.text().strip(), plan.kind, cols.header_signature(plan.header),
                cols.mapping_to_dict(plan.mapping),
            )  # fmt: skip
        self.pages.setCurrentIndex(2)
        self._update_buttons()
        self._thread = QThread(self)
        self._worker = ImportWorker(self.store, plans, self.failed_files)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_worker_progressed)
        self._worker.finished.connect(self._on_worker_finished)
        self._worker.failed.connect(self._on_worker_failed)
        self._thread.start()

    def _on_worker_progressed(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.progress_label.setText(message)

    def _on_cancel_clicked(self) -> None:
        if self._worker is not None:
            self._worker.cancel_requested = True
            self.cancel.setEnabled(False)
            self.progress_label.setText(self.tr("Cancelling…"))

    def _stop_thread(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread = None

    def _on_worker_finished(self, summary: ImportSummary) -> None:
        self._stop_thread()
        self.summary = summary
        if summary.imported_anything:
            plans = list(self._worker.plans)
            self.document.undo_stack.push(ImportEvidence(self.store, plans, summary, self._rerun))
        self._fill_summary(summary)
        self.pages.setCurrentIndex(3)
        self._update_buttons()

    def _rerun(self, plans: list[Plan]) -> ImportSummary:
        """Redo of an undone import: the same files and mappings, on the GUI thread."""
        return Importer(self.store).run(plans)

    def _on_worker_failed(self, error: BaseException) -> None:
        self._stop_thread()
        if isinstance(error, ImportCancelled):
            QMessageBox.information(self, self.tr("Import cancelled"),
                                    self.tr("The import was cancelled; the case is unchanged."))  # fmt: skip
        else:
            QMessageBox.critical(
                self, self.tr("Import failed"),
                self.tr("Nothing was imported; the case is unchanged.") + "\n\n"
                + describe_case_error(error),
            )  # fmt: skip
        self.pages.setCurrentIndex(1)
        self.cancel.setEnabled(True)
        self._update_buttons()

    # ------------------------------------------------------------------ page 4: summary

    def _summary_page(self) -> QWidget:
        page = QWidget()
        self.counts: dict[str, QLabel] = {}
        grid = QGridLayout()
        rows = [
            ("rows_read", self.tr("Rows read")),
            ("transactions_new", self.tr("Transactions new")),
            ("transactions_duplicate", self.tr("Transactions already in the case")),
            ("calls_new", self.tr("Calls new")),
            ("calls_duplicate", self.tr("Calls already in the case")),
            ("entities_new", self.tr("Entities new")),
            ("entities_merged", self.tr("Entities found in the case")),
            ("rejected", self.tr("Rows rejected")),
        ]
        for i, (key, label) in enumerate(rows):
            value = QLabel()
            value.setObjectName(f"import_count_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.counts[key] = value
            grid.addWidget(QLabel(label), i, 0)
            grid.addWidget(value, i, 1)
        self.file_results = QLabel()
        self.file_results.setWordWrap(True)
        self.rejected_table = QTableWidget(0, 5)
        self.rejected_table.setObjectName("import_rejected")
        self.rejected_table.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Row"), self.tr("Column"), self.tr("Value"),
             self.tr("Reason")]
        )  # fmt: skip
        self.rejected_table.horizontalHeader().setSectionResizeMode(
            4, QHeaderView.ResizeMode.Stretch
        )
        self.rejected_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        export = QPushButton(self.tr("Export rejected rows…"))
        export.setObjectName("import_export_rejected")
        export.clicked.connect(self._on_export_clicked)
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        top.addLayout(grid)
        top.addSpacing(40)
        top.addWidget(self.file_results, 1, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("Rejected rows (nothing is dropped in silence):")))
        layout.addWidget(self.rejected_table, 1)
        layout.addWidget(export, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _fill_summary(self, s: ImportSummary) -> None:
        values = {k: getattr(s, k) for k in self.counts if k != "rejected"}
        values["rejected"] = len(s.rejected)
        for key, label in self.counts.items():
            label.setText(f"{values[key]:,}")
        lines = []
        for f in s.files:
            name = f.file + (f" [{f.sheet}]" if f.sheet else "")
            status = f.status or f.settle_status()
            if f.skipped == "already imported":
                lines.append(self.tr("{file}: imported before, skipped").format(file=name))
            elif f.skipped and status == "skipped":
                lines.append(self.tr("{file}: the same rows as another sheet, kept as a second "
                                     "source").format(file=name))  # fmt: skip
            elif status == "failed":
                why = f.skipped or self.tr("no row could be read")
                lines.append(self.tr("{file}: NOT imported ({why})").format(file=name, why=why))
            elif status == "partial":
                lines.append(self.tr("{file}: {n} rows, {bad} rejected").format(
                    file=name, n=f"{f.rows_read:,}", bad=f"{f.rejected:,}"))  # fmt: skip
            else:
                lines.append(self.tr("{file}: {n} rows").format(file=name, n=f"{f.rows_read:,}"))
            if f.transactions_unmoved:
                lines.append("  " + self.tr("{n} orders that moved no money (closed, failed), "
                                            "kept apart").format(n=f"{f.transactions_unmoved:,}"))  # fmt: skip
            if f.footer_rows:
                lines.append("  " + self.tr("{n} total and footer lines skipped").format(
                    n=f"{f.footer_rows:,}"))  # fmt: skip
            for note in f.notes:
                lines.append("  " + describe_import_note(note))
        self.file_results.setText("\n".join(lines))
        self.rejected_table.setRowCount(len(s.rejected))
        for row, r in enumerate(s.rejected):
            cells = (r.file, str(r.line), r.column, r.value, describe_rejection(r.reason))
            for col, value in enumerate(cells):
                self.rejected_table.setItem(row, col, QTableWidgetItem(value))

    def _on_export_clicked(self) -> None:
        if self.summary is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export rejected rows"), "rejected.csv", self.tr("CSV (*.csv)")
        )
        if path:
            write_rejected_csv(self.summary.rejected, path)

    # ------------------------------------------------------------------ navigation

    def plan(self) -> None:
        """Read the chosen files' headers and propose mappings (page 1 → 2)."""
        try:
            self.plans, self.failed_files = plan_files(
                self.store, self.files(), self.kind.currentData()
            )
        except CaseError as e:
            QMessageBox.warning(self, self.tr("Cannot import"), describe_case_error(e))
            return
        self._fill_plans()
        self.pages.setCurrentIndex(1)
        self._update_buttons()

    def _on_next_clicked(self) -> None:
        page = self.pages.currentIndex()
        if page == 0:
            self.plan()
        elif page == 1:
            self.start_import()

    def _on_back_clicked(self) -> None:
        if self.pages.currentIndex() == 1:
            self.pages.setCurrentIndex(0)
        self._update_buttons()

    def _on_close_clicked(self) -> None:
        if self._thread is not None:
            self._on_cancel_clicked()
            return
        self.accept()

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        self.back.setVisible(page == 1)
        self.next.setVisible(page in (0, 1))
        if page == 0:
            self.next.setText(self.tr("Next >"))
            self.next.setEnabled(self.file_list.count() > 0)
        elif page == 1:
            self.next.setText(self.tr("Import"))
            self.next.setEnabled(any(p.mapping.is_complete() for p in self.plans))
        self.close_button.setText(self.tr("Close") if page != 2 else self.tr("Cancel"))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._thread is not None:
            self._on_cancel_clicked()
            event.ignore()
            return
        super().closeEvent(event)


def describe_import_note(note: str) -> str:
    """An importer's note to the analyst in the user's language."""
    translate = QCoreApplication.translate
    if note.startswith("no owner account found"):
        return translate(
            "ImportDialog",
            "No owner account found: the rows are under a placeholder account 'owner "
            "unknown'. Set 'Whose statement' and import again, or merge the placeholder "
            "into the real account in the inspector.",
        )
    if note.startswith("identical to sheet"):
        return translate(
            "ImportDialog",
            "Identical to another sheet of the workbook; kept as a second source of the same rows.",
        )
    if note.startswith("nothing imported: all"):
        return translate(
            "ImportDialog",
            "Nothing imported: every row was rejected (see the table below). Check the "
            "column mapping, or fix the file and import it again.",
        )
    if note.startswith("nothing imported"):
        return translate(
            "ImportDialog",
            "Nothing imported. Check the column mapping, or fix the file and import it again.",
        )
    if note.startswith("map the missing columns"):
        return translate(
            "ImportDialog",
            "Map the missing columns on the mapping page, and save the mapping as a profile "
            "for files like it.",
        )
    return note


def field_label(field: str) -> str:
    """A mapping field in the user's language."""
    return labels.field_label(field)
