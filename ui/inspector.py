"""The inspector: everything the case knows about the selected entity, and where to edit it.

Edits leave here as commands on the document's undo stack; the inspector redraws when the
store announces the change, so undo and redo come back the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench import identifiers as ids
from workbench.errors import CaseError
from workbench.identity import merge_candidates
from workbench.model import CULPABILITY, LEGAL_STATUS, ROLES, Entity, Kind, RegionTag
from workbench.store import Changed

from . import labels
from .commands import DeleteLink, EditEntity, EditLink, MergeEntities
from .dialogs import LinkDialog, LinkEditDialog, RegionDialog
from .document import CaseDocument
from .errors import describe_case_error
from .style import entity_color

_ALIASED = (Kind.PERSON, Kind.ORGANISATION, Kind.PAYMENT_ACCOUNT, Kind.CRYPTO_WALLET)
_WITH_FACTS = (Kind.BANK_CARD, Kind.PHONE_CARD, Kind.DEVICE, Kind.PAYMENT_ACCOUNT,
               Kind.CRYPTO_WALLET)  # fmt: skip


class Inspector(QWidget):
    """Details, links and history of one entity."""

    entity_activated = Signal(object)  # another entity picked from the links table

    def __init__(self, document: CaseDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.store = document.store
        self.entity: Entity | None = None
        self._loading = False

        self.title = QLabel()
        self.title.setObjectName("inspector_title")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.subtitle.setObjectName("inspector_subtitle")

        # --- details tab
        self.key_label = QLabel()
        self.key_label.setObjectName("inspector_key")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setObjectName("inspector_name")
        self.aliases = QLineEdit()
        self.aliases.setObjectName("inspector_aliases")
        self.aliases.setPlaceholderText(self.tr("comma-separated"))
        self.roles = QListWidget()
        self.roles.setObjectName("inspector_roles")
        self.roles.setMaximumHeight(140)
        for t in ROLES:
            item = QListWidgetItem(labels.role_label(t.code))
            item.setData(Qt.ItemDataRole.UserRole, t.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setForeground(entity_color(Kind.PERSON, [t.code]).darker(120))
            self.roles.addItem(item)
        self.culpability = QComboBox()
        self.culpability.setObjectName("inspector_culpability")
        self.culpability.addItem(self.tr("(not set)"), "")
        for t in CULPABILITY:
            self.culpability.addItem(labels.culpability_label(t.code), t.code)
        self.status = QComboBox()
        self.status.setObjectName("inspector_status")
        self.status.addItem(self.tr("(not set)"), "")
        for t in LEGAL_STATUS:
            self.status.addItem(labels.status_label(t.code), t.code)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("inspector_notes")
        self.notes.setMaximumHeight(90)
        self.save_text = QPushButton(self.tr("Save name, aliases and notes"))
        self.save_text.setObjectName("inspector_save")
        #: Shown while someone else has changed the entity under the analyst's typing.
        self.changed_meanwhile = QLabel()
        self.changed_meanwhile.setObjectName("inspector_changed_meanwhile")
        self.changed_meanwhile.setWordWrap(True)
        self.changed_meanwhile.setStyleSheet("color:#b35c00;")
        self.changed_meanwhile.hide()
        self.regions = QTableWidget(0, 2)
        self.regions.setObjectName("inspector_regions")
        self.regions.setHorizontalHeaderLabels([self.tr("Region"), self.tr("Place type")])
        self.regions.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.regions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.regions.verticalHeader().hide()
        self.regions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.regions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # A narrow inspector wraps a long place (province › city › county) onto more lines
        # rather than cutting the county off.
        self.regions.setWordWrap(True)
        self.regions.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.regions.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.regions.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.regions.installEventFilter(self)
        self.add_region = QPushButton(self.tr("Add region…"))
        self.remove_region = QPushButton(self.tr("Remove region"))
        self.attrs = QLabel()
        self.attrs.setWordWrap(True)
        self.attrs.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Orders of the account's statements that moved no money: shown, never counted.
        self.unmoved = QLabel()
        self.unmoved.setObjectName("inspector_unmoved")
        self.unmoved.setWordWrap(True)
        self.unmoved.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A placeholder owner or a masked card: the account it really is, merged in one step.
        self.same_as = QWidget()
        self.same_as.setObjectName("inspector_same_as")
        self.same_as_hint = QLabel()
        self.same_as_hint.setWordWrap(True)
        self.same_as_list = QListWidget()
        self.same_as_list.setObjectName("inspector_merge_candidates")
        self.same_as_list.setMaximumHeight(90)
        self.same_as_key = QLineEdit()
        self.same_as_key.setObjectName("inspector_merge_key")
        self.same_as_key.setPlaceholderText(self.tr("or type the real card or account number"))
        self.merge = QPushButton(self.tr("Merge into the real account"))
        self.merge.setObjectName("inspector_merge")
        sv = QVBoxLayout(self.same_as)
        sv.setContentsMargins(0, 0, 0, 0)
        sv.addWidget(self.same_as_hint)
        sv.addWidget(self.same_as_list)
        sv.addWidget(self.same_as_key)
        sv.addWidget(self.merge, 0, Qt.AlignmentFlag.AlignLeft)

        details = QWidget()
        outer = QVBoxLayout(details)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        outer.addStretch(1)  # rows keep their height; the room left goes below them
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # In a narrow inspector a label goes above its field rather than pushing the field
        # out of sight.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.addRow(self.tr("Identifier:"), self.key_label)
        self.form.addRow(self.tr("Name:"), self.name)
        self.form.addRow(self.tr("Aliases:"), self.aliases)
        self.form.addRow(self.tr("Notes:"), self.notes)
        self.form.addRow("", self.save_text)
        self.form.addRow("", self.changed_meanwhile)
        self.form.addRow(self.tr("Roles:"), self.roles)
        self.form.addRow(self.tr("Culpability:"), self.culpability)
        self.form.addRow(self.tr("Legal status:"), self.status)
        self.form.addRow(self.tr("Details:"), self.attrs)
        self.form.addRow(self.tr("Moved no money:"), self.unmoved)
        self.form.addRow(self.tr("Same as:"), self.same_as)
        region_buttons = QHBoxLayout()
        region_buttons.addWidget(self.add_region)
        region_buttons.addWidget(self.remove_region)
        region_buttons.addStretch(1)
        self.form.addRow(self.tr("Regions:"), self.regions)
        self.form.addRow("", region_buttons)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(details)
        self.details_scroll = scroll

        # --- links tab
        self.links = QTableWidget(0, 5)
        self.links.setObjectName("inspector_links")
        self.links.setHorizontalHeaderLabels(
            ["", self.tr("Type"), self.tr("Entity"), self.tr("Origin"),
             self.tr("Note")]
        )  # fmt: skip
        self.links.horizontalHeaderItem(0).setToolTip(self.tr("Direction"))
        # The linked entity right after the arrow and as wide as the inspector allows
        # (its kind and number on two lines when narrow, the number whole); origin and note
        # beyond it, sideways. Nothing is cut with "…".
        self.links.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.links.horizontalHeader().setStretchLastSection(True)
        self.links.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.links.setWordWrap(True)
        self.links.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.links.installEventFilter(self)
        # The linked entity (its card number) right after the arrow, where it is seen first.
        self.links.horizontalHeader().moveSection(2, 1)
        self.links.verticalHeader().hide()
        self.links.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.links.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.add_link = QPushButton(self.tr("New link…"))
        self.add_link.setObjectName("inspector_add_link")
        self.edit_link = QPushButton(self.tr("Edit link…"))
        self.edit_link.setObjectName("inspector_edit_link")
        self.delete_link = QPushButton(self.tr("Delete link"))
        self.delete_link.setObjectName("inspector_delete_link")
        links_page = QWidget()
        lv = QVBoxLayout(links_page)
        lv.addWidget(self.links, 1)
        lb = QHBoxLayout()
        lb.addWidget(self.add_link)
        lb.addWidget(self.edit_link)
        lb.addWidget(self.delete_link)
        lb.addStretch(1)
        lv.addLayout(lb)

        # --- history tab
        self.history = QTableWidget(0, 4)
        self.history.setObjectName("inspector_history")
        self.history.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Analyst"), self.tr("Action"), self.tr("Change")]
        )
        self.history.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setWordWrap(True)

        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, self.tr("Details"))
        self.tabs.addTab(links_page, self.tr("Links"))
        self.tabs.addTab(self.history, self.tr("History"))

        self.empty = QLabel(self.tr("Select an entity in the browser or the chart."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.empty, 1)

        self.roles.itemChanged.connect(self._on_roles_item_changed)
        self.culpability.activated.connect(self._on_culpability_activated)
        self.status.activated.connect(self._on_status_activated)
        self.save_text.clicked.connect(self._on_save_text_clicked)
        self.add_region.clicked.connect(self._on_add_region_clicked)
        self.remove_region.clicked.connect(self._on_remove_region_clicked)
        self.add_link.clicked.connect(self._on_add_link_clicked)
        self.edit_link.clicked.connect(self._on_edit_link_clicked)
        self.delete_link.clicked.connect(self._on_delete_link_clicked)
        self.links.cellDoubleClicked.connect(self._on_links_cell_double_clicked)
        self.merge.clicked.connect(self._on_merge_clicked)
        document.selection_changed.connect(self.show_entity)
        document.changed.connect(self._on_document_changed)
        self.show_entity(None)

    # ------------------------------------------------------------------ showing

    def show_entity(self, entity_id: int | None) -> None:
        self.changed_meanwhile.hide()
        self.entity = None if entity_id is None else self.store.entity(entity_id)
        has = self.entity is not None
        self.tabs.setVisible(has)
        self.title.setVisible(has)
        self.subtitle.setVisible(has)
        self.empty.setVisible(not has)
        if has:
            self._fill()

    def _fill(self) -> None:
        e = self.entity
        self._loading = True
        try:
            color = entity_color(e.kind, e.roles).name()
            self.title.setText(
                f"<span style='font-size:15pt; font-weight:600; color:{color}'>●</span> "
                f"<span style='font-size:15pt; font-weight:600'>"
                f"{_html(labels.stored_name_label(e.display))}</span>"
            )
            sub = [labels.kind_label(e.kind)]
            if e.roles:
                sub.append(", ".join(labels.role_label(r) for r in e.roles))
            if e.legal_status:
                sub.append(labels.status_label(e.legal_status))
            self.subtitle.setText(" · ".join(sub))
            self.key_label.setText(self._identifier_text(e))
            self.name.setText(e.name)
            self.aliases.setText(", ".join(e.aliases))
            self.notes.setPlainText(e.notes)
            person = e.kind is Kind.PERSON
            for w in (self.roles, self.culpability, self.status):
                self.form.setRowVisible(w, person)
            # Payment accounts go by logins, phones, e-mails, nicknames and real names too.
            self.form.setRowVisible(self.aliases, e.kind in _ALIASED)
            for i in range(self.roles.count()):
                item = self.roles.item(i)
                code = item.data(Qt.ItemDataRole.UserRole)
                item.setCheckState(
                    Qt.CheckState.Checked if code in e.roles else Qt.CheckState.Unchecked
                )
            self.culpability.setCurrentIndex(max(0, self.culpability.findData(e.culpability)))
            self.status.setCurrentIndex(max(0, self.status.findData(e.legal_status)))
            self.attrs.setText(self._attrs_text(e))
            self.form.setRowVisible(self.attrs, bool(self.attrs.text()))
            self._fill_unmoved(e)
            self._fill_same_as(e)
            self.regions.setRowCount(len(e.regions))
            for row, tag in enumerate(e.regions):
                path = " › ".join(r.name for r in self.store.region_path(tag.code))
                self.regions.setItem(row, 0, QTableWidgetItem(path))
                reason = QTableWidgetItem(labels.reason_label(tag.reason))
                if tag.note:
                    # Inferred placements are marked, with where they came from.
                    reason.setText(reason.text() + " *")
                    reason.setToolTip(labels.region_note_label(tag.note))
                    reason.setForeground(QColor("#6d6d6d"))
                self.regions.setItem(row, 1, reason)
                self.regions.item(row, 0).setToolTip(path)
            self._fit_regions()
            self._fill_links()
            self._fill_history()
            ro = self.store.read_only
            for w in (self.name, self.aliases, self.notes):
                w.setReadOnly(ro)
            for w in (
                self.roles,
                self.culpability,
                self.status,
                self.save_text,
                self.add_region,
                self.remove_region,
                self.add_link,
                self.edit_link,
                self.delete_link,
                self.merge,
            ):
                w.setEnabled(not ro)  # fmt: skip
        finally:
            self._loading = False

    def _identifier_text(self, e: Entity) -> str:
        if not e.key:
            return self.tr("(none)")
        if e.kind is Kind.PERSON:
            try:
                info = ids.parse_id_number(e.key)
            except ids.IdentifierError:
                return f"{e.key}  ✖ " + self.tr("invalid ID number")
            sex = self.tr("male") if info.sex == "M" else self.tr("female")
            region = self.store.region(info.region_code)
            place = " › ".join(r.name for r in self.store.region_path(region.code)) if region else (
                info.region_code)  # fmt: skip
            return f"{e.key}  ✔\n" + self.tr("born {date}, {sex}, registered in {place}").format(
                date=info.birth_date.isoformat(), sex=sex, place=place
            )
        key = e.key
        if e.kind is Kind.PAYMENT_ACCOUNT:
            platform = labels.platform_label(e.attrs.get("platform") or e.key.partition(":")[0])
            key = f"{platform} · {labels.key_display(e.kind, e.key)}"
        elif e.kind is Kind.CRYPTO_WALLET:
            chain = labels.chain_label(e.attrs.get("chain") or e.key.partition(":")[0])
            key = f"{chain} · {labels.key_display(e.kind, e.key)}"
        if e.key_problem == "partial":
            return f"{key}  ◐ " + self.tr("masked or partial (kept as reported)")
        if e.key_problem == "bad_checksum":
            return f"{key}  ⚠ " + self.tr(
                "fails the address checksum (kept as reported; check for a typing error)"
            )
        if not e.key_valid:
            return f"{key}  ⚠ " + self.tr("fails the Luhn check (kept as the bank reported it)")
        if e.kind is Kind.CRYPTO_WALLET:
            return f"{key}  ✔ " + self.tr("checksum correct")
        return f"{key}  ✔"

    def _fill_unmoved(self, e: Entity) -> None:
        orders = self.store.unmoved_orders(e.id, limit=11) if e.kind in _WITH_FACTS else []
        self.form.setRowVisible(self.unmoved, bool(orders))
        neither = self.tr("neither in nor out")
        lines = [
            f"{o['ts'][:16]}  ¥{o['amount_fen'] / 100:,.2f}  {o['counterpart'] or o['summary']}"
            f"  ({o['status'] or neither})"
            for o in orders[:10]
        ]
        if len(orders) > 10:
            lines.append("…")
        self.unmoved.setText("\n".join(lines))
        self.unmoved.setToolTip(
            self.tr(
                "Closed or failed orders and transfers between the owner's own funds: kept "
                "as evidence, counted in no sum, trace or pattern."
            )  # fmt: skip
        )

    def _fill_same_as(self, e: Entity) -> None:
        unknown = e.key_problem == "owner_unknown"
        partial = e.key_problem == "partial"
        self.form.setRowVisible(self.same_as, unknown or partial)
        self.same_as_list.clear()
        self.same_as_key.clear()
        if not (unknown or partial):
            return
        if unknown:
            self.same_as_hint.setText(
                self.tr(
                    "Nobody could tell whose statement {file} is: its rows are under this "
                    "placeholder. Name the real account to merge them into it."
                ).format(file=e.attrs.get("owner_unknown", ""))  # fmt: skip
            )
        else:
            self.same_as_hint.setText(
                self.tr(
                    "A masked number, kept as the bank reported it. Whole cards of the case "
                    "that fit it:"
                )  # fmt: skip
            )
        reason_names = {
            "prefix and suffix": self.tr("same first and last digits"),
            "suffix": self.tr("same last digits"),
            "same length": self.tr("same length"),
            "same holder": self.tr("same holder"),
            "same bank": self.tr("same bank"),
        }
        for c in merge_candidates(self.store, e.id):
            why = ", ".join(reason_names.get(r, r) for r in c.reasons)
            item = QListWidgetItem(f"{c.key}  ({why})")
            item.setToolTip(f"{c.key}\n{why}")
            item.setData(Qt.ItemDataRole.UserRole, c.entity_id)
            self.same_as_list.addItem(item)
        self.same_as_list.setVisible(self.same_as_list.count() > 0)
        if self.same_as_list.count():
            self.same_as_list.setCurrentRow(0)

    def _on_merge_clicked(self) -> None:
        e = self.entity
        if e is None:
            return
        typed = self.same_as_key.text().strip()
        try:
            if typed:
                # The analysis package loads on first use, not with the window.
                from workbench.analysis.trace import find_card

                target = find_card(self.store, typed)
            else:
                item = self.same_as_list.currentItem()
                if item is None:
                    return
                target = item.data(Qt.ItemDataRole.UserRole)
            self.document.push(MergeEntities(self.store, target, e.id))
        except CaseError as err:
            QMessageBox.warning(self, self.tr("Cannot merge"), describe_case_error(err))
            return
        self.document.select(target)

    def _attrs_text(self, e: Entity) -> str:
        names = {
            "bank": self.tr("Bank"),
            "carrier": self.tr("Carrier"),
            "model": self.tr("Model"),
            "org_type": self.tr("Type"),
            "account_type": self.tr("Account type"),
            "sex": self.tr("Sex"),
            "platform": self.tr("Platform"),
            "chain": self.tr("Chain"),
            "currency": self.tr("Currency"),
        }
        parts = []
        for k, v in e.attrs.items():
            if v in ("", None):
                continue
            if k == "org_type":
                v = labels.org_type_label(v)
            elif k == "platform":
                v = labels.platform_label(v)
            elif k == "chain":
                v = labels.chain_label(v)
            parts.append(f"{names.get(k, k)}: {v}")
        if e.kind in _WITH_FACTS:
            txns, calls = self.store.fact_counts(e.id)
            parts.append(self.tr("{t} transactions, {c} calls").format(t=txns, c=calls))
        return "\n".join(parts)

    def _fit_regions(self) -> None:
        """The regions table as tall as its rows (they wrap), so none hides below; the
        place type takes at most two fifths of its width, the place the rest."""
        table = self.regions
        width = table.viewport().width()
        kind = min(table.sizeHintForColumn(1), int(width * 0.4))
        table.setColumnWidth(1, max(kind, 40))
        table.setColumnWidth(0, max(width - table.columnWidth(1), 40))
        table.resizeRowsToContents()
        rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
        frame = 2 * table.frameWidth() + table.horizontalHeader().sizeHint().height()
        table.setFixedHeight(max(rows, table.verticalHeader().defaultSectionSize()) + frame)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        watched = (getattr(self, "regions", None), getattr(self, "links", None))
        if (
            obj in watched
            and event.type() == QEvent.Type.Resize
            and event.oldSize().width() != event.size().width()
        ):
            fit = self._fit_regions if obj is self.regions else self._fit_links
            QTimer.singleShot(0, self, fit)
        return False

    def _fit_links(self) -> None:
        """Arrow and type as wide as their text, the entity the rest of the view (never
        narrower than its longest word: a card number stays whole), origin and note after."""
        table = self.links
        for col in (0, 1, 3):
            table.setColumnWidth(col, table.sizeHintForColumn(col))
        fm = table.fontMetrics()
        words = [w for r in range(table.rowCount()) if table.item(r, 2)
                 for w in table.item(r, 2).text().split()]  # fmt: skip
        longest = max((fm.horizontalAdvance(w) for w in words), default=60) + 12
        # Room for a vertical scroll bar, which appears once the rows are sized.
        bar = table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        rest = table.viewport().width() - table.columnWidth(0) - table.columnWidth(1)
        rest -= 0 if table.verticalScrollBar().isVisible() else bar
        table.setColumnWidth(2, max(longest, rest, table.sizeHintForColumn(2) if rest > 0 and
                                    table.sizeHintForColumn(2) <= rest else 0))  # fmt: skip
        table.resizeRowsToContents()

    def _fill_links(self) -> None:
        e = self.entity
        types = self.store.link_types()
        links = self.store.links_of(e.id)
        self.links.setRowCount(len(links))
        for row, lk in enumerate(links):
            outgoing = lk.source_id == e.id
            other = self.store.entity(lk.target_id if outgoing else lk.source_id)
            cells = [
                "→" if outgoing else "←",
                labels.link_type_label(lk.type, types),
                f"{labels.kind_label(other.kind)} · {labels.stored_name_label(other.display)}",
                self.tr("manual") if lk.origin == "manual" else lk.origin,
                lk.note + (f" ({lk.confidence:.0%})" if lk.confidence < 1 else ""),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, (lk.id, other.id))
                item.setToolTip(text)
                self.links.setItem(row, col, item)
        self.tabs.setTabText(1, self.tr("Links ({n})").format(n=len(links)))
        self._fit_links()

    def _fill_history(self) -> None:
        entries = self.store.audit_for(self.entity.id)
        self.history.setRowCount(len(entries))
        actions = {
            "create": self.tr("created"),
            "edit": self.tr("edited"),
            "delete": self.tr("deleted"),
            "restore": self.tr("restored"),
            "link": self.tr("linked"),
            "unlink": self.tr("unlinked"),
        }
        for row, a in enumerate(entries):
            change = self._describe_change(a.old, a.new)
            for col, text in enumerate(
                [a.ts.replace("T", " ")[:19], a.analyst, actions.get(a.action, a.action), change]
            ):
                self.history.setItem(row, col, QTableWidgetItem(text))
        self.history.resizeColumnsToContents()
        self.history.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def _describe_change(self, old, new) -> str:
        """An audit row's old -> new values in one line, in the user's language."""
        fields = {
            "name": self.tr("name"),
            "roles": self.tr("roles"),
            "legal_status": self.tr("legal status"),
            "culpability": self.tr("culpability"),
            "notes": self.tr("notes"),
            "aliases": self.tr("aliases"),
            "regions": self.tr("regions"),
            "key": self.tr("identifier"),
            "type": self.tr("type"),
        }
        translate = {
            "roles": lambda v: [labels.role_label(r) for r in v or []],
            "legal_status": labels.status_label,
            "culpability": labels.culpability_label,
            "type": labels.link_type_label,
        }

        def show(k, v):
            return _short(translate[k](v) if k in translate and v is not None else v)

        if isinstance(old, dict) and isinstance(new, dict):
            return "; ".join(
                f"{fields.get(k, k)}: {show(k, old.get(k))} → {show(k, new.get(k))}" for k in new
            )
        if new is not None and old is None:
            return _short(new, 120)
        if old is not None and new is None:
            return "✖ " + _short(old, 120)
        return ""

    def _on_document_changed(self, event: Changed) -> None:
        if self.entity is None:
            return
        if not self.store.has_entity(self.entity.id):
            self.show_entity(None)
        elif self.entity.id in event.entity_ids or not event.entity_ids:
            now = self.store.entity(self.entity.id)
            if self._typing() and now.version != self.entity.version:
                # Another analyst changed it under the analyst's unsaved typing: the typing
                # stays, and so does the version it was made on, so that saving it shows
                # the new value instead of writing over it.
                who = self.store.last_editor(now.id)
                self.changed_meanwhile.setText(self.tr(
                    "{who} has changed this meanwhile. Saving will show you their value "
                    "first; nothing of theirs is written over."
                ).format(who=who or self.tr("Someone")))  # fmt: skip
                self.changed_meanwhile.show()
                return
            self.show_entity(self.entity.id)

    def _typing(self) -> bool:
        """Whether the name, aliases or notes hold text not saved yet."""
        return bool(self._typed_changes())

    def _typed_changes(self) -> dict:
        """The name, aliases and notes as typed, where they differ from the entity's."""
        e = self.entity
        changes = {}
        if self.name.text().strip() != e.name:
            changes["name"] = self.name.text().strip()
        aliases = sorted({a.strip() for a in self.aliases.text().replace("，", ",").split(",")
                          if a.strip()})  # fmt: skip
        if aliases != sorted(e.aliases):
            changes["aliases"] = aliases
        if self.notes.toPlainText() != e.notes:
            changes["notes"] = self.notes.toPlainText()
        return changes

    # ------------------------------------------------------------------ editing

    def _edit(self, text: str, **changes) -> None:
        try:
            self.document.push(
                EditEntity(self.store, self.entity.id, text, seen=self.entity, **changes)
            )
        except (CaseError, ids.IdentifierError) as e:
            QMessageBox.warning(self, self.tr("Not saved"), describe_case_error(e))
            self.show_entity(self.entity.id)

    def _on_roles_item_changed(self, _item) -> None:
        if self._loading or self.entity is None:
            return
        roles = [
            self.roles.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.roles.count())
            if self.roles.item(i).checkState() == Qt.CheckState.Checked
        ]
        self._edit(self.tr("Set roles of {name}").format(name=self.entity.display), roles=roles)

    def _on_culpability_activated(self, _index) -> None:
        if self.entity is not None:
            self._edit(
                self.tr("Set culpability of {name}").format(name=self.entity.display),
                culpability=self.culpability.currentData(),
            )

    def _on_status_activated(self, _index) -> None:
        if self.entity is not None:
            self._edit(
                self.tr("Set legal status of {name}").format(name=self.entity.display),
                legal_status=self.status.currentData(),
            )

    def _on_save_text_clicked(self) -> None:
        e = self.entity
        if e is None:
            return
        changes = self._typed_changes()
        if changes:
            self._edit(self.tr("Edit {name}").format(name=e.display), **changes)

    def _on_add_region_clicked(self) -> None:
        dialog = RegionDialog(self.store, self)
        if dialog.exec() and dialog.value():
            code, reason = dialog.value()
            if (code, reason) not in [(t.code, t.reason) for t in self.entity.regions]:
                self._edit(
                    self.tr("Add region to {name}").format(name=self.entity.display),
                    regions=[*self.entity.regions, RegionTag(code, reason)],
                )

    def _on_remove_region_clicked(self) -> None:
        row = self.regions.currentRow()
        if row < 0 or self.entity is None:
            return
        tags = [t for i, t in enumerate(self.entity.regions) if i != row]
        self._edit(
            self.tr("Remove region from {name}").format(name=self.entity.display), regions=tags
        )

    def _on_add_link_clicked(self) -> None:
        if self.entity is None:
            return
        dialog = LinkDialog(self.store, self.entity.id, self)
        if dialog.exec() and dialog.values():
            try:
                self.document.add_link(dialog.values(), dialog.new_type)
            except (CaseError, ids.IdentifierError) as e:
                QMessageBox.warning(self, self.tr("Not linked"), describe_case_error(e))

    def _on_edit_link_clicked(self) -> None:
        item = self.links.item(self.links.currentRow(), 0)
        if item is None:
            return
        link_id, _ = item.data(Qt.ItemDataRole.UserRole)
        dialog = LinkEditDialog(self.store, link_id, self)
        if dialog.exec() and dialog.changes():
            try:
                self.document.push(EditLink(self.store, link_id, **dialog.changes()))
            except CaseError as e:
                QMessageBox.warning(self, self.tr("Not saved"), describe_case_error(e))

    def _on_delete_link_clicked(self) -> None:
        item = self.links.item(self.links.currentRow(), 0)
        if item is None:
            return
        link_id, _ = item.data(Qt.ItemDataRole.UserRole)
        self.document.push(DeleteLink(self.store, link_id))

    def _on_links_cell_double_clicked(self, row: int, _col: int) -> None:
        item = self.links.item(row, 0)
        if item is not None:
            self.entity_activated.emit(item.data(Qt.ItemDataRole.UserRole)[1])


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _short(value, limit: int = 60) -> str:
    if isinstance(value, list):
        value = ", ".join(str(v) if not isinstance(v, list) else "/".join(map(str, v))
                          for v in value)  # fmt: skip
    elif isinstance(value, dict):
        value = ", ".join(f"{k}={v}" for k, v in value.items() if v not in ("", None, [], {}))
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
