"""Passphrases of encrypted cases: asked when a case needs one, chosen when a case is
encrypted. Nothing is stored: the passphrase lives in memory while the case is open."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

#: Shortest passphrase accepted for a new key (SQLCipher stretches it with PBKDF2, but a
#: short one is still guessed).
MIN_LENGTH = 8


class PassphraseDialog(QDialog):
    """One passphrase field (``confirm``: a second one that must match, for a new key)."""

    def __init__(self, parent, case_name: str, *, confirm: bool, wrong: bool = False):
        super().__init__(parent)
        self.confirm = confirm
        self.setWindowTitle(
            QCoreApplication.translate("Passphrase", "Encrypted case")
            if not confirm
            else QCoreApplication.translate("Passphrase", "Encrypt case")
        )
        layout = QVBoxLayout(self)
        if confirm:
            intro = QCoreApplication.translate(
                "Passphrase",
                "Choose a passphrase for {name}. The case file, its journal and its backups "
                "are encrypted with it (AES-256). Without it nobody can open the case — "
                "keep it where your unit keeps such secrets: it cannot be recovered.",
            ).format(name=case_name)
        else:
            intro = QCoreApplication.translate(
                "Passphrase", "{name} is encrypted. Enter its passphrase."
            ).format(name=case_name)
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.problem = QLabel(
            QCoreApplication.translate("Passphrase", "Wrong passphrase: try again.")
            if wrong
            else ""
        )
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setVisible(wrong)
        layout.addWidget(self.problem)
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setObjectName("passphrase")
        form.addRow(QCoreApplication.translate("Passphrase", "Passphrase:"), self.passphrase)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setObjectName("passphrase_again")
        if confirm:
            form.addRow(QCoreApplication.translate("Passphrase", "Again:"), self.again)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def _accept(self) -> None:
        problem = self.problem_with(self.passphrase.text(), self.again.text())
        if problem:
            self.problem.setText(problem)
            self.problem.setVisible(True)
            return
        self.accept()

    def problem_with(self, first: str, second: str) -> str:
        """Why the passphrase cannot be used ("" when it can)."""
        if not first:
            return QCoreApplication.translate("Passphrase", "Enter a passphrase.")
        if "\x00" in first:
            return QCoreApplication.translate(
                "Passphrase", "A passphrase cannot hold a NUL character."
            )
        if self.confirm:
            if len(first) < MIN_LENGTH:
                return QCoreApplication.translate(
                    "Passphrase", "Use at least {n} characters."
                ).format(n=MIN_LENGTH)
            if first != second:
                return QCoreApplication.translate("Passphrase", "The two passphrases differ.")
        return ""

    def value(self) -> str:
        return self.passphrase.text()


def ask_passphrase(parent, case_name: str, wrong: bool = False) -> str | None:
    """The passphrase of an encrypted case, or None when the user cancels."""
    dialog = PassphraseDialog(parent, case_name, confirm=False, wrong=wrong)
    return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


def choose_passphrase(parent, case_name: str) -> str | None:
    """A new passphrase, typed twice, or None when the user cancels."""
    dialog = PassphraseDialog(parent, case_name, confirm=True)
    return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
