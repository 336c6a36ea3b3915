"""Payment accounts and crypto wallets in the store: keys, flags, platform, aliases."""

from __future__ import annotations

import pytest

from workbench.errors import DuplicateKeyError, ValidationError
from workbench.identifiers import IdentifierError
from workbench.store import CaseStore, normalize_key

USDT_TRON = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"


def test_keys_and_flags():
    assert normalize_key("payment_account", "财付通:wxid_abc") == ("wechat:wxid_abc", True, "")
    assert normalize_key("payment_account", "alipay:138****5678") == (
        "alipay:138****5678", True, "partial")  # fmt: skip
    assert normalize_key("crypto_wallet", f"tron:{USDT_TRON}") == (f"tron:{USDT_TRON}", True, "")
    typo = USDT_TRON[:-1] + "u"
    assert normalize_key("crypto_wallet", typo) == (f"tron:{typo}", False, "bad_checksum")
    for kind, raw in (("payment_account", "zhang@163.com"), ("payment_account", "某钱包:x"),
                      ("crypto_wallet", "6222021234567890128")):  # fmt: skip
        with pytest.raises(IdentifierError):
            normalize_key(kind, raw)


def test_add_find_search_and_aliases(tmp_path, case_target):
    with CaseStore.create(case_target or tmp_path / "c.zlcase", "li") as store:
        aid = store.add_entity(
            "payment_account", "Alipay:Zhang.San@163.com", "张三",
            aliases=["13812345678", "小张", "张三"],
        )  # fmt: skip
        e = store.entity(aid)
        assert (e.key, e.attrs, e.key_valid) == (
            "alipay:zhang.san@163.com",
            {"platform": "alipay"},
            True,
        )
        assert e.aliases == ["13812345678", "小张", "张三"]
        assert store.find_entity("payment_account", "支付宝:zhang.san@163.com").id == aid
        with pytest.raises(DuplicateKeyError):
            store.add_entity("payment_account", "alipay:ZHANG.SAN@163.COM")
        # Search finds an account by any alias, as it finds people.
        assert store.count_entities("payment_account", "小张") == 1
        rows = store.browse("payment_account", "1381234")
        assert [r[0] for r in rows] == [aid] and rows[0][2] == "alipay"
        wid = store.add_entity("crypto_wallet", USDT_TRON[:-1] + "u")
        w = store.entity(wid)
        assert (w.key_valid, w.key_problem, w.attrs) == (False, "bad_checksum", {"chain": "tron"})
        assert store.browse("crypto_wallet")[0][2] == "tron"
        # A corrected key brings its platform along.
        store.update_entity(aid, key="wechat:zhang.san@163.com")
        assert store.entity(aid).attrs == {"platform": "wechat"}
        with pytest.raises(ValidationError):
            store.add_entity("payment_account", "alipay:x", attrs={"platform": "paypal"})
