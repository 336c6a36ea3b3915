"""Payment-platform accounts and crypto wallet addresses: keys, shapes and checksums."""

from __future__ import annotations

import hashlib

import pytest

from workbench import identifiers as ids
from workbench.identifiers import (
    PLATFORMS,
    CryptoAddressError,
    IdentifierError,
    PaymentAccountError,
    crypto_chain,
    eip55_checksum,
    keccak256,
    normalize_crypto_address,
    payment_account_key,
    platform_code,
)

# EIP-55's own examples (mixed case) and its all-caps / all-lower ones.
EIP55 = (
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
)
USDT_TRON = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
GENESIS = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
P2SH = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"
BECH32 = "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4"  # BIP-173 P2WPKH
BECH32_P2WSH = "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3"
BECH32M = "bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr"  # taproot


@pytest.mark.parametrize(
    ("data", "digest"),
    [
        (b"", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
        (b"abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"),
        (
            b"The quick brown fox jumps over the lazy dog",
            "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15",
        ),
    ],
)
def test_keccak256_known_vectors(data, digest):
    assert keccak256(data).hex() == digest


def test_keccak_permutation_matches_sha3_with_fips_padding():
    # hashlib.sha3_256 is the same sponge with other padding: a second, independent check of
    # the permutation, across block boundaries (the rate is 136 bytes).
    for n in (0, 1, 135, 136, 137, 272, 1000):
        data = bytes(range(256)) * 4
        assert ids._keccak(data[:n], suffix=0x06) == hashlib.sha3_256(data[:n]).digest()
    assert keccak256(b"") != hashlib.sha3_256(b"").digest()


@pytest.mark.parametrize("address", EIP55)
def test_ethereum_eip55_examples(address):
    assert eip55_checksum(address.lower()) == address
    assert normalize_crypto_address(address) == ("ethereum", address, True)
    # Unchecksummed spellings are accepted and keyed in the EIP-55 form.
    assert normalize_crypto_address(address.lower()) == ("ethereum", address, True)
    assert normalize_crypto_address("0x" + address[2:].upper()) == ("ethereum", address, True)


def test_ethereum_wrong_mixed_case_is_kept_and_flagged():
    bad = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"  # last letter's case flipped
    assert normalize_crypto_address(bad) == ("ethereum", bad, False)


def test_tron_base58check():
    assert crypto_chain(USDT_TRON) == "tron"
    assert normalize_crypto_address(f"  {USDT_TRON} ") == ("tron", USDT_TRON, True)
    typo = USDT_TRON[:-1] + "u"
    assert normalize_crypto_address(typo) == ("tron", typo, False)


def test_bitcoin_base58_and_bech32():
    assert normalize_crypto_address(GENESIS) == ("bitcoin", GENESIS, True)
    assert normalize_crypto_address(P2SH) == ("bitcoin", P2SH, True)
    assert normalize_crypto_address(BECH32) == ("bitcoin", BECH32.lower(), True)
    assert normalize_crypto_address(BECH32_P2WSH)[2] is True
    assert normalize_crypto_address(BECH32M)[2] is True
    assert normalize_crypto_address(GENESIS[:-1] + "b")[2] is False
    assert normalize_crypto_address(BECH32.lower()[:-1] + "5")[2] is False
    # BIP-173: mixed case is invalid.
    mixed = "bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
    assert normalize_crypto_address(mixed) == ("bitcoin", mixed, False)


def test_chain_by_shape_and_refusals():
    assert crypto_chain("0x" + "a" * 40) == "ethereum"
    assert crypto_chain(BECH32) == "bitcoin"
    for text in ("6222021234567890123", "13812345678", "T123", "", "zhang@163.com", None):
        assert crypto_chain(text) is None
    with pytest.raises(CryptoAddressError) as err:
        normalize_crypto_address("6222021234567890123")
    assert err.value.reason == "not_an_address" and isinstance(err.value, IdentifierError)
    with pytest.raises(CryptoAddressError) as err:
        normalize_crypto_address(USDT_TRON, "ethereum")
    assert err.value.reason == "not_an_address"
    with pytest.raises(CryptoAddressError) as err:
        normalize_crypto_address(USDT_TRON, "dogecoin")
    assert err.value.reason == "unknown_chain"
    assert normalize_crypto_address(USDT_TRON, "TRC20")[0] == "tron"
    assert err.value.reason in ids.REASONS


def test_platform_spellings():
    for text, code in {
        "支付宝": "alipay", "Alipay": "alipay", "微信": "wechat", "微信支付": "wechat",
        "财付通": "wechat", "Tenpay": "wechat", "WeChat": "wechat", "京东": "jd", "JD": "jd",
        "美团": "meituan", "云闪付": "unionpay", "银联": "unionpay", "拼多多": "pdd",
        "抖音": "douyin", " wechat pay ": "wechat", "ＡＬＩＰＡＹ": "alipay", "other": "other",
    }.items():  # fmt: skip
        assert platform_code(text) == code, text
    assert platform_code("中国工商银行") is None and platform_code(None) is None
    assert set(PLATFORMS.values()) == set(ids.PLATFORM_CODES)
    for code in ids.PLATFORM_CODES:
        assert platform_code(code) == code


def test_payment_account_keys():
    assert payment_account_key("支付宝", " Zhang.San@163.COM ") == "alipay:zhang.san@163.com"
    assert payment_account_key("财付通", "138****5678") == "wechat:138****5678"
    assert payment_account_key("微信", "顺风车队") == "wechat:顺风车队"
    for platform, account, reason in (
        ("支付宝", "  ", "empty"),
        ("某某钱包", "x", "unknown_platform"),
    ):
        with pytest.raises(PaymentAccountError) as err:
            payment_account_key(platform, account)
        assert err.value.reason == reason and err.value.reason in ids.REASONS
