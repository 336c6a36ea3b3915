"""Payment-platform accounts and crypto wallet addresses, split out of :mod:`workbench.identifiers`.

Covers the accounts of payment platforms (支付宝, 微信, 京东 ...: :func:`platform_code`,
:func:`payment_account_key`) and crypto wallet addresses (TRON, Ethereum, Bitcoin:
:func:`crypto_chain`, :func:`normalize_crypto_address`, with their checksums, Keccak-256
included). Standard library only. Their errors (:class:`~workbench.identifiers.PaymentAccountError`,
:class:`~workbench.identifiers.CryptoAddressError`) and the shared cleaning stay in
:mod:`workbench.identifiers`, which re-exports every name here: import them from there.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# --- payment-platform accounts --------------------------------------------------------------

#: Platform codes, in the order the UI lists them.
PLATFORM_CODES = ("alipay", "wechat", "jd", "meituan", "unionpay", "pdd", "douyin", "other")

#: Spellings of payment platforms met in bills, inquiry replies and counterparty columns,
#: mapped to the platform code. WeChat Pay is run by Tenpay (财付通), so both are 'wechat';
#: UnionPay's QR payments go through 云闪付. Matching ignores case, spaces and full width.
PLATFORMS: dict[str, str] = {
    **{code: code for code in PLATFORM_CODES},
    "支付宝": "alipay",
    "支付宝支付": "alipay",
    "支付宝账户": "alipay",
    "支付宝（中国）网络技术有限公司": "alipay",
    "Alipay": "alipay",
    "Alipay.com": "alipay",
    "微信": "wechat",
    "微信支付": "wechat",
    "微信零钱": "wechat",
    "微信钱包": "wechat",
    "财付通": "wechat",
    "财付通支付科技有限公司": "wechat",
    "QQ钱包": "wechat",
    "Tenpay": "wechat",
    "WeChat": "wechat",
    "WeChat Pay": "wechat",
    "Weixin": "wechat",
    "WeixinPay": "wechat",
    "京东": "jd",
    "京东支付": "jd",
    "京东钱包": "jd",
    "京东金融": "jd",
    "网银在线": "jd",
    "网银在线（北京）科技有限公司": "jd",
    "JD Pay": "jd",
    "JD.com": "jd",
    "美团": "meituan",
    "美团支付": "meituan",
    "美团钱包": "meituan",
    "Meituan Pay": "meituan",
    "银联": "unionpay",
    "中国银联": "unionpay",
    "银联二维码": "unionpay",
    "云闪付": "unionpay",
    "UnionPay QR": "unionpay",
    "UnionPay": "unionpay",
    "QuickPass": "unionpay",
    "拼多多": "pdd",
    "多多支付": "pdd",
    "Pinduoduo": "pdd",
    "抖音": "douyin",
    "抖音支付": "douyin",
    "Douyin Pay": "douyin",
    "其他": "other",
    "其它": "other",
}


def _platform_spelling(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


_PLATFORM_LOOKUP = {_platform_spelling(k): v for k, v in PLATFORMS.items()}

_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def platform_code(text: str) -> str | None:
    """The platform code of a platform's name in any known spelling, or None.

    >>> platform_code("财付通"), platform_code(" WeChat Pay "), platform_code("云闪付")
    ('wechat', 'wechat', 'unionpay')
    >>> platform_code("alipay"), platform_code("某银行") is None
    ('alipay', True)
    """
    if not isinstance(text, str):
        return None
    return _PLATFORM_LOOKUP.get(_platform_spelling(text))


def payment_account_key(platform: str, account: str) -> str:
    """The natural key ``"<platform>:<account>"`` of an account on a payment platform.

    The account is kept as given (masked ``138****5678`` and WeChat nicknames included),
    stripped; an e-mail address is lowercased. Raises :class:`PaymentAccountError` for an
    unknown platform or a blank account.

    >>> payment_account_key("支付宝", " Zhang.San@163.COM ")
    'alipay:zhang.san@163.com'
    >>> payment_account_key("Tenpay", "wxid_abc123")
    'wechat:wxid_abc123'
    """
    code = platform_code(platform)
    if code is None:
        raise _error("payment_account", platform, "unknown_platform",
                     "give one of " + ", ".join(PLATFORM_CODES))  # fmt: skip
    if not isinstance(account, str):
        raise _error("payment_account", account, "not_a_string",
                     f"expected str, got {type(account).__name__}")  # fmt: skip
    text = account.strip()
    if not text:
        raise _error("payment_account", account, "empty")
    if _EMAIL_RE.fullmatch(text):
        text = text.lower()
    return f"{code}:{text}"


# --- crypto wallet addresses ----------------------------------------------------------------

#: Chains whose addresses Zhanlian recognises, with their native currency.
CHAINS = {"tron": "TRX", "ethereum": "ETH", "bitcoin": "BTC"}

_CHAIN_ALIASES = {
    "trx": "tron", "trc20": "tron", "trc-20": "tron", "波场": "tron",
    "eth": "ethereum", "erc20": "ethereum", "erc-20": "ethereum", "以太坊": "ethereum",
    "btc": "bitcoin", "比特币": "bitcoin",
}  # fmt: skip

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {c: i for i, c in enumerate(_B58)}
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_TRON_RE = re.compile(f"T[{_B58}]{{33}}")
_ETH_RE = re.compile(r"0[xX][0-9a-fA-F]{40}")
_BTC_BASE58_RE = re.compile(f"[13][{_B58}]{{24,33}}")
_BTC_BECH32_RE = re.compile(f"(bc|BC|bC|Bc)1[{_BECH32}{_BECH32.upper()}]{{8,87}}")


def crypto_chain(address: str) -> str | None:
    """Which chain an address looks like, by its shape alone (no checksum): or None.

    >>> crypto_chain("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
    'tron'
    >>> crypto_chain("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
    'ethereum'
    >>> crypto_chain("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"), crypto_chain("6222021234567890123")
    ('bitcoin', None)
    """
    if not isinstance(address, str):
        return None
    s = address.strip()
    if _TRON_RE.fullmatch(s):
        return "tron"
    if _ETH_RE.fullmatch(s):
        return "ethereum"
    if _BTC_BASE58_RE.fullmatch(s) or _BTC_BECH32_RE.fullmatch(s):
        return "bitcoin"
    return None


def _b58decode(text: str) -> bytes:
    n = 0
    for ch in text:
        n = n * 58 + _B58_INDEX[ch]
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\x00" * (len(text) - len(text.lstrip("1"))) + body


def _base58check_payload(text: str) -> bytes | None:
    """The payload of a Base58Check string (version byte first), None if the check fails."""
    raw = _b58decode(text)
    if len(raw) < 5:
        return None
    payload, check = raw[:-4], raw[-4:]
    if hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] != check:
        return None
    return payload


def _bech32_polymod(values) -> int:
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            if (top >> i) & 1:
                chk ^= gen[i]
    return chk


def _segwit_ok(address: str) -> bool:
    """BIP-173 (witness v0, bech32) and BIP-350 (v1+, bech32m) checks of a bc1 address."""
    hrp, _, data_part = address.rpartition("1")
    if hrp != "bc" or len(data_part) < 7 or len(address) > 90:
        return False
    data = [_BECH32.index(c) for c in data_part]
    values = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + data
    const = _bech32_polymod(values)
    version, words = data[0], data[1:-6]
    if version > 16 or const != (1 if version == 0 else 0x2BC830A3):
        return False
    bits = acc = 0
    program = []
    for w in words:
        acc = acc << 5 | w
        bits += 5
        if bits >= 8:
            bits -= 8
            program.append(acc >> bits & 0xFF)
    if bits >= 5 or acc & ((1 << bits) - 1):
        return False
    if not 2 <= len(program) <= 40:
        return False
    return version != 0 or len(program) in (20, 32)


# Keccak-f[1600]: round constants and the rho rotation of lane (x, y) at index x + 5y.
# fmt: off
_KECCAK_RC = (
    0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
    0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
    0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
)
_KECCAK_ROT = (
    0, 1, 62, 28, 27,
    36, 44, 6, 55, 20,
    3, 10, 43, 25, 39,
    41, 45, 15, 21, 8,
    18, 2, 61, 56, 14,
)
# fmt: on
_MASK64 = (1 << 64) - 1
# pi: lane (x, y) moves to (y, 2x + 3y)
_KECCAK_PI = tuple((i // 5) + 5 * ((2 * (i % 5) + 3 * (i // 5)) % 5) for i in range(25))


def _keccak_f(a: list[int]) -> list[int]:
    for rc in _KECCAK_RC:
        c = [a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20] for x in range(5)]
        d = [c[(x - 1) % 5] ^ ((c[(x + 1) % 5] << 1 | c[(x + 1) % 5] >> 63) & _MASK64)
             for x in range(5)]  # fmt: skip
        b = [0] * 25
        for i in range(25):
            lane = a[i] ^ d[i % 5]
            r = _KECCAK_ROT[i]
            b[_KECCAK_PI[i]] = (lane << r | lane >> (64 - r)) & _MASK64 if r else lane
        a = [b[i] ^ (~b[(i % 5 + 1) % 5 + i - i % 5] & b[(i % 5 + 2) % 5 + i - i % 5])
             for i in range(25)]  # fmt: skip
        a[0] ^= rc
    return a


def _keccak(data: bytes, rate: int = 136, suffix: int = 0x01, out: int = 32) -> bytes:
    """The Keccak sponge; ``suffix`` 0x01 is original Keccak, 0x06 is FIPS 202 SHA-3."""
    padded = bytearray(data)
    padded.append(suffix)
    padded.extend(b"\x00" * (-len(padded) % rate))
    padded[-1] |= 0x80
    state = [0] * 25
    for start in range(0, len(padded), rate):
        block = padded[start : start + rate]
        for i in range(rate // 8):
            state[i] ^= int.from_bytes(block[8 * i : 8 * i + 8], "little")
        state = _keccak_f(state)
    digest = b"".join(lane.to_bytes(8, "little") for lane in state[: rate // 8])
    return digest[:out]


def keccak256(data: bytes) -> bytes:
    """Keccak-256 as Ethereum uses it (not ``hashlib.sha3_256``, whose padding differs).

    >>> keccak256(b"").hex()
    'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'
    """
    return _keccak(bytes(data))


def eip55_checksum(address: str) -> str:
    """The EIP-55 mixed-case form of an Ethereum address (``0x`` + 40 hex digits).

    >>> eip55_checksum("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
    """
    hex_part = address[2:].lower()
    digest = keccak256(hex_part.encode("ascii")).hex()
    return "0x" + "".join(
        ch.upper() if ch.isalpha() and int(digest[i], 16) >= 8 else ch
        for i, ch in enumerate(hex_part)
    )


def normalize_crypto_address(address: str, chain: str | None = None) -> tuple[str, str, bool]:
    """``(chain, address, checksum_ok)`` of a wallet address.

    The chain comes from the address's shape unless given (``tron``, ``ethereum``,
    ``bitcoin``; also ``TRC20``, ``ETH``, ``BTC``). TRON and Bitcoin 1.../3... addresses
    carry a Base58Check checksum, bc1 addresses a bech32/bech32m one, Ethereum addresses
    the EIP-55 mixed case (all-lower or all-upper are unchecksummed and accepted; they are
    returned in EIP-55 form, so one wallet has one key). An address failing its checksum is
    returned as given with ``checksum_ok`` False: statements hold mistyped addresses too.
    Raises :class:`CryptoAddressError` when the text is no address of any (or that) chain.

    >>> normalize_crypto_address(" TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t ")
    ('tron', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', True)
    >>> normalize_crypto_address("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED", "ETH")
    ('ethereum', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', True)
    >>> normalize_crypto_address("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4")
    ('bitcoin', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', True)
    """
    if not isinstance(address, str):
        raise _error(
            "crypto", address, "not_a_string", f"expected str, got {type(address).__name__}"
        )
    s = address.translate(_FULLWIDTH).strip()
    if not s:
        raise _error("crypto", address, "empty")
    if chain is not None:
        wanted = chain.strip().lower()
        wanted = _CHAIN_ALIASES.get(wanted, wanted)
        if wanted not in CHAINS:
            raise _error("crypto", chain, "unknown_chain", "give one of " + ", ".join(CHAINS))
    else:
        wanted = None
    found = crypto_chain(s)
    if found is None or (wanted is not None and found != wanted):
        detail = f"not a {wanted} address" if wanted else "not a TRON, Ethereum or Bitcoin address"
        raise _error("crypto", address, "not_an_address", detail)
    if found == "tron":
        payload = _base58check_payload(s)
        return found, s, payload is not None and len(payload) == 21 and payload[0] == 0x41
    if found == "ethereum":
        s = "0x" + s[2:]
        letters = [ch for ch in s[2:] if ch.isalpha()]
        if all(ch.islower() for ch in letters) or all(ch.isupper() for ch in letters):
            return found, eip55_checksum(s), True
        return found, s, eip55_checksum(s) == s
    if s[:3].lower() == "bc1":
        if s != s.lower() and s != s.upper():
            return found, s, False  # BIP-173: mixed case is invalid
        return found, s.lower(), _segwit_ok(s.lower())
    payload = _base58check_payload(s)
    return found, s, payload is not None and len(payload) == 21 and payload[0] in (0x00, 0x05)


# The error classes (through _error) and the full-width table are shared with the other
# identifiers, so they stay in identifiers.py, which re-exports this module's names at ITS end.
# Both imports come last, after everything the other module takes is defined: the code here
# only needs _error and _FULLWIDTH when called, and either module can be imported first.
from .identifiers import _FULLWIDTH, _error  # noqa: E402
