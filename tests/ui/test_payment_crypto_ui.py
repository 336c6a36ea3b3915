"""Payment accounts and crypto wallets in the window: browser tab, command, chart, inspector."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from ui.app import make_application
from ui.commands import AddEntity
from ui.mainwindow import MainWindow
from workbench.model import Kind

from ..factories import make_case

USDT_TRON = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"


def _window(qtbot, store) -> MainWindow:
    w = MainWindow(store)
    qtbot.addWidget(w)
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    QApplication.processEvents()
    return w


def test_add_through_the_undo_stack_shows_in_its_browser_tab(qapp, qtbot, tmp_path):
    make_application()
    store = make_case(tmp_path, people=6)
    w = _window(qtbot, store)
    doc = w.document
    before = store.info()
    doc.push(AddEntity(store, Kind.PAYMENT_ACCOUNT, "财付通:wxid_abc123", "顺风车队",
                       aliases=["顺风", "13812345678"]))  # fmt: skip
    doc.push(AddEntity(store, Kind.CRYPTO_WALLET, USDT_TRON, ""))
    assert store.info().payment_accounts == 1 and store.info().crypto_wallets == 1
    browser = w.browser
    model = browser.models[Kind.PAYMENT_ACCOUNT]
    tab = list(Kind).index(Kind.PAYMENT_ACCOUNT)
    assert browser.tabs.tabText(tab).endswith("(1)")
    assert model.data(model.index(0, 0)) == "wxid_abc123"  # the platform has its own column
    assert model.data(model.index(0, 1)) == "WeChat Pay"
    wallets = browser.models[Kind.CRYPTO_WALLET]
    assert wallets.data(wallets.index(0, 0)) == USDT_TRON
    assert wallets.data(wallets.index(0, 1)) == "TRON"
    # The inspector shows the platform, the aliases and the checksum.
    wid = store.find_entity(Kind.CRYPTO_WALLET, USDT_TRON).id
    doc.select(wid)
    assert "TRON" in w.inspector.key_label.text() and "✔" in w.inspector.key_label.text()
    aid = store.find_entity(Kind.PAYMENT_ACCOUNT, "wechat:wxid_abc123").id
    doc.select(aid)
    assert w.inspector.form.isRowVisible(w.inspector.aliases)
    assert w.inspector.aliases.text() == "13812345678, 顺风"
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert store.info() == before
    assert browser.tabs.tabText(tab).endswith("(0)")
    doc.undo_stack.redo()
    assert store.find_entity(Kind.PAYMENT_ACCOUNT, "wechat:wxid_abc123").aliases == [
        "13812345678", "顺风"]  # fmt: skip
    w.close()


def test_chart_draws_held_accounts_with_their_own_glyph_and_legend(qapp, qtbot, tmp_path):
    make_application()
    store = make_case(tmp_path, people=6)
    boss = store.entities(Kind.PERSON)[0].id
    alipay = store.add_entity("payment_account", "alipay:boss@example.com")
    wallet = store.add_entity("crypto_wallet", USDT_TRON)
    store.add_link("holds", boss, alipay)
    store.add_link("holds", boss, wallet)
    w = _window(qtbot, store)
    w.centre_tabs.setCurrentWidget(w.chart)
    QApplication.processEvents()
    canvas = w.chart.canvas
    assert {alipay, wallet} <= set(canvas.nodes)
    legend = [label.text for _, label in canvas.legend.items]
    assert "payment account" in legend and "crypto wallet" in legend
    from ui.style import KIND_COLORS, KIND_SYMBOLS

    assert len({KIND_SYMBOLS[k] for k in Kind}) == len(Kind)
    assert len({KIND_COLORS[k] for k in Kind}) == len(Kind)
    assert canvas._label_text(canvas.nodes[wallet]) == "TR7NHq…gjLj6t"
    w.close()
