"""Evidence layouts as they arrive: one builder per real layout, with the values it holds.

Each module of this package (``banks_big``, ``banks_more``, ``platforms``, ``calls``) lists
:class:`Layout` s in a module-level ``LAYOUTS``. A layout's ``build(folder)`` writes one file
exactly as the bank, platform or carrier hands it over (encoding, preamble, header, masked
numbers, footer, sheet names, file name), filled with made-up data, and returns its path.
The same layout object says what the importer must make of it: every transaction or call
with its direction, amount and counterparty, and whose statement it is.

The research behind each layout (where its shape was seen) is in ``sources``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Txn:
    """One row of a statement as the case must hold it.

    ``direction`` is money seen from the statement's owner: ``'in'``, ``'out'``, or
    ``'none'`` for a row that moved no money (a closed or failed order). ``fen`` is the
    amount that moved (never negative). ``counterpart`` is the counterparty's name as the
    file gives it ('' when none); ``counterpart_account`` its account, card or platform id
    as the file gives it, digits of a card or account without spaces ('' when none).
    ``reversal`` marks refunds and reversals (冲正, 退款): money coming back, booked as such.
    """

    when: str  # 'YYYY-MM-DD HH:MM:SS' (or 'YYYY-MM-DD HH:MM:00' when the file has minutes)
    fen: int
    direction: str
    counterpart: str = ""
    counterpart_account: str = ""
    reversal: bool = False
    currency: str = "CNY"


@dataclass(frozen=True)
class Call:
    """One call or SMS: ``own`` the subscriber whose record it is, ``other`` the far end."""

    own: str
    other: str
    when: str
    duration_s: int
    outgoing: bool
    sms: bool = False


@dataclass
class Layout:
    """One real layout, the file to build and what the case must hold after importing it."""

    name: str  # stable id, e.g. 'icbc_debit_2019'
    title: str  # what the README lists, e.g. 'ICBC debit card, 2019- web export (.csv, GBK)'
    kind: str  # 'bank' or 'calls'
    build: Callable[[Path], Path]
    #: The statement owner's entity as (kind, key): ('bank_card', '6222021234567890123'),
    #: ('bank_card', '6222****1234') for a masked own number, ('payment_account',
    #: 'alipay:zhang***@163.com'), ('payment_account', 'wechat:<nickname>'). None when the file
    #: truly names no owner: the test then passes ``owner`` below as --owner.
    owner: tuple[str, str] | None
    owner_name: str = ""
    #: For layouts without an owner in the file: what the user gives (kind, key).
    given_owner: tuple[str, str] | None = None
    txns: list[Txn] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    #: Rows of the file below the header that are footers or summaries (合计, 共…笔,
    #: 导出时间, dashed rules): skipped, never reported as bad rows.
    footer_rows: int = 0
    #: Rows the importer must reject (with a reason) - deliberately bad rows, usually 0.
    rejected: int = 0
    sources: list[str] = field(default_factory=list)
    notes: str = ""

    @property
    def sum_in(self) -> int:
        return sum(t.fen for t in self.txns if t.direction == "in")

    @property
    def sum_out(self) -> int:
        return sum(t.fen for t in self.txns if t.direction == "out")


def all_layouts() -> list[Layout]:
    """Every layout of every module of this package."""
    import importlib
    import pkgutil

    found: list[Layout] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(getattr(module, "LAYOUTS", []))
    return found
