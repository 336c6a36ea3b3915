"""Encrypted cases in the window: the passphrase is asked (again after a wrong one), the
case is encrypted from File → Encryption…, and a language switch does not ask again."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel

from ui import i18n
from ui.app import Workbench
from ui.passphrase import PassphraseDialog
from workbench.errors import KeyRequiredError
from workbench.store import CaseStore

from ..factories import make_case


def _answer(answers: list[str], seen: list[tuple[bool, bool]]) -> None:
    """Type the next answer into the passphrase dialog when it shows."""

    def step():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, PassphraseDialog):
            seen.append((dialog.confirm, dialog.problem.isVisible()))
            text = answers.pop(0)
            dialog.passphrase.setText(text)
            dialog.again.setText(text)
            dialog._accept()
        if answers:
            QTimer.singleShot(30, step)

    QTimer.singleShot(30, step)


def test_an_encrypted_case_asks_again_after_a_wrong_passphrase(qtbot, tmp_path):
    case = tmp_path / "c.zlcase"
    CaseStore.create(case, "tester", key="the right passphrase").close()
    bench = Workbench("tester", "en")
    seen: list[tuple[bool, bool]] = []
    _answer(["a wrong guess", "the right passphrase"], seen)
    assert bench.open_case(case)
    assert seen == [(False, False), (False, True)]  # the second time it says "wrong"
    assert bench.window.store.key == "the right passphrase"
    # the language switch reopens the case with the passphrase kept in memory
    try:
        bench._on_window_language_requested("zh_CN")
        assert bench.window is not None and bench.window.store.key == "the right passphrase"
    finally:
        if bench.window is not None:
            bench.window.close()
        i18n.install_language("en")  # later tests run in English
        QSettings().remove("language")


def test_cancelling_the_passphrase_opens_nothing(qtbot, tmp_path):
    case = tmp_path / "c.zlcase"
    CaseStore.create(case, "tester", key="secret passphrase").close()
    bench = Workbench("tester", "en")

    def cancel():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, PassphraseDialog):
            dialog.reject()
        else:
            QTimer.singleShot(30, cancel)

    QTimer.singleShot(30, cancel)
    assert not bench.open_case(case)
    assert bench.window is None


def test_file_encryption_encrypts_the_open_case(qtbot, tmp_path):
    store = make_case(tmp_path, people=4)
    path = store.path
    store.close()
    bench = Workbench("tester", "en")
    assert bench.open_case(path)
    seen: list[tuple[bool, bool]] = []
    _answer(["a new passphrase"], seen)
    action = bench.window.findChild(QAction, "act_encryption")
    assert action.isEnabled()
    action.trigger()  # File → Encryption…
    assert seen == [(True, False)]
    assert bench.window is not None and bench.window.store.key == "a new passphrase"
    assert bench.window.store.info().people == 4
    bench.window.close()
    try:
        CaseStore.open(path, "tester")
    except KeyRequiredError:
        pass
    else:
        raise AssertionError("the case opened without its passphrase")


def test_a_new_passphrase_must_be_typed_twice_and_be_long_enough(qtbot):
    dialog = PassphraseDialog(None, "c.zlcase", confirm=True)
    qtbot.addWidget(dialog)
    assert dialog.problem_with("short", "short")
    assert dialog.problem_with("long enough one", "long enough two")
    assert dialog.problem_with("long enough one", "long enough one") == ""


def test_the_passphrase_dialog_speaks_chinese(qtbot):
    i18n.install_language("zh_CN")
    try:
        dialog = PassphraseDialog(None, "电诈专案", confirm=True)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "加密案件"
        assert any("口令" in label.text() for label in dialog.findChildren(QLabel))
    finally:
        i18n.install_language("en")
