"""Forms: the analyst's name, a new entity, a region tag, a new link."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from workbench import identifiers as ids
from workbench.model import (
    CRYPTO_CHAINS,
    ORGANISATION_TYPES,
    PAYMENT_PLATFORMS,
    REGION_REASONS,
    ROLES,
    Kind,
)
from workbench.store import CaseStore, normalize_key

from . import labels
from .errors import describe_identifier_error


def ok_cancel(dialog: QDialog, form) -> QDialogButtonBox:
    """Lay a dialog out as its form above OK and Cancel, and return the buttons."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(buttons)
    return buttons


class AnalystDialog(QDialog):
    """Asks once for the analyst's name; every change in the audit log carries it."""

    def __init__(self, suggested: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in as analyst"))
        self.name = QLineEdit(suggested)
        self.name.setObjectName("analyst_name")
        info = QLabel(
            self.tr(
                "Every change to a case is recorded with the analyst who made it.\n"
                "Enter your name or police number."
            )
        )
        info.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self._on_buttons_accepted)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        form = QFormLayout()
        form.addRow(self.tr("Analyst:"), self.name)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _on_buttons_accepted(self) -> None:
        if self.name.text().strip():
            self.accept()


class EntityDialog(QDialog):
    """A new person, phone card, bank card, device, organisation, payment account or wallet.

    The natural key is checked as it is typed, with the reason when it fails.
    """

    def __init__(self, kind: Kind = Kind.PERSON, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New entity"))
        self.kind = QComboBox()
        self.kind.setObjectName("entity_kind")
        for k in Kind:
            self.kind.addItem(labels.kind_label(k), k.value)
        self.kind.setCurrentIndex(list(Kind).index(kind))
        self.key = QLineEdit()
        self.key.setObjectName("entity_key")
        self.name = QLineEdit()
        self.name.setObjectName("entity_name")
        self.key_label = QLabel()
        self.check = QLabel()
        self.check.setObjectName("entity_key_check")
        self.check.setWordWrap(True)
        self.platform = QComboBox()
        self.platform.setObjectName("entity_platform")
        for t in PAYMENT_PLATFORMS:
            self.platform.addItem(labels.platform_label(t.code), t.code)
        self.chain = QComboBox()
        self.chain.setObjectName("entity_chain")
        self.chain.addItem(self.tr("(from the address)"), "")
        for t in CRYPTO_CHAINS:
            self.chain.addItem(labels.chain_label(t.code), t.code)
        self.org_type = QComboBox()
        for t in ORGANISATION_TYPES:
            self.org_type.addItem(labels.org_type_label(t.code), t.code)
        self.roles = QListWidget()
        self.roles.setMaximumHeight(150)
        for t in ROLES:
            item = QListWidgetItem(labels.role_label(t.code))
            item.setData(Qt.ItemDataRole.UserRole, t.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.roles.addItem(item)
        self.form = QFormLayout()
        self.form.addRow(self.tr("Kind:"), self.kind)
        self.form.addRow(self.tr("Platform:"), self.platform)
        self.form.addRow(self.tr("Chain:"), self.chain)
        self.form.addRow(self.key_label, self.key)
        self.form.addRow("", self.check)
        self.form.addRow(self.tr("Name:"), self.name)
        self.form.addRow(self.tr("Type:"), self.org_type)
        self.form.addRow(self.tr("Roles:"), self.roles)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.key.textChanged.connect(self._on_key_changed)
        self.name.textChanged.connect(self._on_key_changed)
        self.platform.currentIndexChanged.connect(self._on_key_changed)
        self.chain.currentIndexChanged.connect(self._on_key_changed)
        self._on_kind_changed()

    def current_kind(self) -> Kind:
        return Kind(self.kind.currentData())

    def _on_kind_changed(self) -> None:
        kind = self.current_kind()
        key_names = {
            Kind.PERSON: self.tr("ID number:"),
            Kind.PHONE_CARD: self.tr("Phone number:"),
            Kind.BANK_CARD: self.tr("Card or account number:"),
            Kind.DEVICE: self.tr("IMEI:"),
            Kind.ORGANISATION: self.tr("Credit code or registration number:"),
            Kind.PAYMENT_ACCOUNT: self.tr("Account (login, phone, e-mail or nickname):"),
            Kind.CRYPTO_WALLET: self.tr("Address:"),
        }
        self.key_label.setText(key_names[kind])
        self.form.setRowVisible(self.platform, kind is Kind.PAYMENT_ACCOUNT)
        self.form.setRowVisible(self.chain, kind is Kind.CRYPTO_WALLET)
        self.form.setRowVisible(self.org_type, kind is Kind.ORGANISATION)
        self.form.setRowVisible(self.roles, kind is Kind.PERSON)
        self._on_key_changed()

    def _on_key_changed(self) -> None:
        ok, message = self.validate()
        self.check.setText(message)
        self.check.setStyleSheet("color: #2e7d32;" if ok else "color: #c62828;")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def validate(self) -> tuple[bool, str]:
        """Whether the form can be saved, and what to tell the analyst about the key."""
        kind = self.current_kind()
        raw = self._raw_key()
        try:
            key, valid, problem = normalize_key(kind, raw)
        except ids.IdentifierError as e:
            return False, self.tr("Not valid: {reason}").format(reason=describe_identifier_error(e))
        if key is None:
            if kind is Kind.PERSON or kind is Kind.ORGANISATION:
                ok = bool(self.name.text().strip())
                return ok, "" if ok else self.tr("Enter a name or a number.")
            return False, self.tr("Enter the number.")
        if not valid and problem == "luhn":
            return True, self.tr("{key}: fails the Luhn check; kept and flagged.").format(key=key)
        if problem == "bad_checksum":
            return True, self.tr("{key}: fails the address checksum; kept and flagged.").format(
                key=key
            )
        if problem == "partial":
            return True, self.tr("{key}: masked or partial; kept and flagged.").format(key=key)
        return True, "✔ " + key

    def _raw_key(self) -> str | None:
        """The key as normalize_key takes it: a payment account or wallet with its prefix."""
        kind, text = self.current_kind(), self.key.text().strip()
        if not text:
            return None
        if kind is Kind.PAYMENT_ACCOUNT:
            return f"{self.platform.currentData()}:{text}"
        if kind is Kind.CRYPTO_WALLET and self.chain.currentData():
            return f"{self.chain.currentData()}:{text}"
        return text

    def values(self) -> dict:
        kind = self.current_kind()
        out = {"kind": kind, "key": self._raw_key(), "name": self.name.text()}
        if kind is Kind.ORGANISATION:
            out["attrs"] = {"org_type": self.org_type.currentData()}
        if kind is Kind.PERSON:
            out["roles"] = [
                self.roles.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.roles.count())
                if self.roles.item(i).checkState() == Qt.CheckState.Checked
            ]
        return out


class RegionDialog(QDialog):
    """Pick a region (typed in Chinese, English or by code) and the reason it applies."""

    def __init__(self, store: CaseStore, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Add region"))
        self.search = QLineEdit()
        self.search.setObjectName("region_search")
        self.search.setPlaceholderText(self.tr("石柱, Chongqing, 500240, 缅北…"))
        self.results = QListWidget()
        self.results.setObjectName("region_results")
        self.reason = QComboBox()
        self.reason.setObjectName("region_reason")
        for t in REGION_REASONS:
            self.reason.addItem(labels.reason_label(t.code), t.code)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        form = QFormLayout()
        form.addRow(self.tr("Place type:"), self.reason)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self._on_search_changed)
        self.results.itemDoubleClicked.connect(lambda _: self.accept())

    def _on_search_changed(self, text: str) -> None:
        self.results.clear()
        if not text.strip():
            return
        for r in self.store.regions(text, limit=60):
            path = " › ".join(p.name for p in self.store.region_path(r.code))
            item = QListWidgetItem(f"{path}  ({r.code})")
            item.setData(Qt.ItemDataRole.UserRole, r.code)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def value(self) -> tuple[str, str] | None:
        item = self.results.currentItem()
        if item is None:
            return None
        return item.data(Qt.ItemDataRole.UserRole), self.reason.currentData()


class LinkDialog(QDialog):
    """A link from one entity to another that the analyst finds by name or number."""

    def __init__(self, store: CaseStore, source_id: int, parent=None):
        super().__init__(parent)
        self.store = store
        self.source_id = source_id
        source = store.entity(source_id)
        self.setWindowTitle(self.tr("New link from {name}").format(name=source.display))
        self.type = QComboBox()
        self.type.setObjectName("link_type")
        types = store.link_types()
        for t in types:
            self.type.addItem(labels.link_type_label(t[0], types), t[0])
        self.reverse = QCheckBox(self.tr("Reverse direction (the other entity is the source)"))
        self.search = QLineEdit()
        self.search.setObjectName("link_search")
        self.search.setPlaceholderText(self.tr("Find the other entity by name or number"))
        self.results = QListWidget()
        self.results.setObjectName("link_results")
        self.confidence = QDoubleSpinBox()
        self.confidence.setRange(0.0, 1.0)
        self.confidence.setSingleStep(0.1)
        self.confidence.setValue(1.0)
        self.note = QLineEdit()
        self.note.setObjectName("link_note")
        self.new_type_button = QPushButton(self.tr("New type…"))
        self.new_type_button.setObjectName("link_new_type")
        self.new_type_button.clicked.connect(self._on_new_type_button_clicked)
        self.new_type: tuple[str, str, str, bool] | None = None
        type_row = QHBoxLayout()
        type_row.addWidget(self.type, 1)
        type_row.addWidget(self.new_type_button)
        form = QFormLayout()
        form.addRow(self.tr("Type:"), type_row)
        form.addRow("", self.reverse)
        form.addRow(self.tr("Other entity:"), self.search)
        form.addRow("", self.results)
        form.addRow(self.tr("Confidence:"), self.confidence)
        form.addRow(self.tr("Note:"), self.note)
        self.buttons = ok_cancel(self, form)
        self.search.textChanged.connect(self._on_search_changed)
        self.results.currentRowChanged.connect(lambda _: self._update_ok())
        self._update_ok()

    def _on_new_type_button_clicked(self) -> None:
        dialog = LinkTypeDialog({t[0] for t in self.store.link_types()}, self)
        if dialog.exec():
            self.new_type = dialog.value()
            code, en, zh, _ = self.new_type
            self.type.addItem(labels.analyst_type_name(en, zh), code)
            self.type.setCurrentIndex(self.type.count() - 1)

    def _on_search_changed(self, text: str) -> None:
        self.results.clear()
        if len(text.strip()) < 1:
            return
        for kind in Kind:
            for row in self.store.browse(kind, text, limit=15):
                if row[0] == self.source_id:
                    continue
                entity = self.store.entity(row[0])
                item = QListWidgetItem(
                    f"{labels.kind_label(kind)} · {entity.display}"
                    + (f"  [{entity.key}]" if entity.key and entity.name else "")
                )
                item.setData(Qt.ItemDataRole.UserRole, row[0])
                self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.results.currentItem() is not None
        )

    def values(self) -> dict | None:
        item = self.results.currentItem()
        if item is None:
            return None
        other = item.data(Qt.ItemDataRole.UserRole)
        source, target = (other, self.source_id) if self.reverse.isChecked() else (
            self.source_id, other)  # fmt: skip
        return {
            "type": self.type.currentData(),
            "source_id": source,
            "target_id": target,
            "confidence": round(self.confidence.value(), 2),
            "note": self.note.text().strip(),
        }


class LinkTypeDialog(QDialog):
    """An analyst's own kind of link (rents a card to, shares an address with, ...)."""

    def __init__(self, existing: set[str], parent=None):
        super().__init__(parent)
        self.existing = existing
        self.setWindowTitle(self.tr("New link type"))
        self.en = QLineEdit()
        self.en.setObjectName("link_type_en")
        self.en.setPlaceholderText(self.tr("rents card to"))
        self.zh = QLineEdit()
        self.zh.setObjectName("link_type_zh")
        self.zh.setPlaceholderText("出租卡给")
        self.directed = QCheckBox(self.tr("Directed (reads from source to target)"))
        self.directed.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("English name:"), self.en)
        form.addRow(self.tr("Chinese name:"), self.zh)
        form.addRow("", self.directed)
        self.buttons = ok_cancel(self, form)
        self.en.textChanged.connect(self._update_ok)
        self.zh.textChanged.connect(self._update_ok)
        self._update_ok()

    def code(self) -> str:
        name = self.en.text().strip() or self.zh.text().strip()
        return re.sub(r"\W+", "_", name.lower()).strip("_")

    def _update_ok(self) -> None:
        code = self.code()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(code) and code not in self.existing
        )

    def value(self) -> tuple[str, str, str, bool]:
        en = self.en.text().strip() or self.zh.text().strip()
        return self.code(), en, self.zh.text().strip() or en, self.directed.isChecked()


class LinkEditDialog(QDialog):
    """Change a link's type, confidence and note."""

    def __init__(self, store: CaseStore, link_id: int, parent=None):
        super().__init__(parent)
        link = store.link(link_id)
        a, b = store.entity(link.source_id).display, store.entity(link.target_id).display
        self.setWindowTitle(self.tr("Edit link {a} → {b}").format(a=a, b=b))
        self.link = link
        self.type = QComboBox()
        self.type.setObjectName("link_edit_type")
        types = store.link_types()
        for t in types:
            self.type.addItem(labels.link_type_label(t[0], types), t[0])
        self.type.setCurrentIndex(max(0, self.type.findData(link.type)))
        self.confidence = QDoubleSpinBox()
        self.confidence.setObjectName("link_edit_confidence")
        self.confidence.setRange(0.0, 1.0)
        self.confidence.setSingleStep(0.1)
        self.confidence.setValue(link.confidence)
        self.note = QLineEdit(link.note)
        self.note.setObjectName("link_edit_note")
        form = QFormLayout()
        form.addRow(self.tr("Type:"), self.type)
        form.addRow(self.tr("Confidence:"), self.confidence)
        form.addRow(self.tr("Note:"), self.note)
        ok_cancel(self, form)

    def changes(self) -> dict:
        """Only what the analyst changed."""
        new = {
            "type": self.type.currentData(),
            "confidence": round(self.confidence.value(), 2),
            "note": self.note.text().strip(),
        }
        return {k: v for k, v in new.items() if getattr(self.link, k) != v}
