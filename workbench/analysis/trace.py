"""Fund-flow tracing: follow a victim's money card by card, level by level.

Forward from a victim's payment (or from any card at a time), the money is followed through
the accounts it reaches (bank cards, payment-platform accounts such as a 跑分 Alipay account,
crypto wallets: "card" below stands for any of them): 一级卡 receives it from the victim, 二级卡 from a 一级卡, and so on, until
it leaves the traceable world at an *exit* (cash withdrawal, payment to a third-party
platform, a crypto dealer, an unknown counterpart) or the trace reaches its last level.
Backward, the same walk runs against time: where did the money on a card come from.

Attribution (how much of a card's outflows is the victim's money). A card also holds other
money, so an outflow is not all the victim's. The rule, which keeps the sums conservative
and explainable to a prosecutor:

* Only outflows made at or after the traced money arrived (same second included: scripted
  laundering moves money on within the second) and within ``window_minutes`` of it count.
* The traced money is spent first: the earliest such outflows carry it until it is used up.
  This is the reading an emergency stop-payment needs (where did the victim's money go
  next), and on transit cards, whose balance hovers near zero, it is also the only reading.
* Between traced arrivals on one card, first in, first out: arrivals are processed in time
  order across the whole trace, so an earlier arrival takes the earlier outflows, and each
  transaction carries at most its own amount in total, however many arrivals draw on it.

Loops: money that comes back to a card it already passed through is the same money again.
The transfer is listed (``returning``) and the money followed on, but the card books it as
``returned_fen``, not as more money reaching it; money back at the trace's start (a
"rebate" to the victim) ends there.

Hence conservation: what a card passes on is never more than what reached it, no card is
credited with more than the victim paid, and money never leaves a card before it arrived.
Backward is the mirror image: an outflow is explained by the latest inflows before it.

Speed: each card is read with an indexed range query (``txn_payer_ts`` forward,
``txn_payee_ts`` backward), fetched once per card and extended only when a later arrival's
window reaches further; nothing loads the whole transaction table.
"""

from __future__ import annotations

import csv
import heapq
import itertools
import sqlite3
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from ..errors import NotFoundError
from ..identifiers import IdentifierError
from ..model import ACCOUNT_KINDS, CRYPTO_CHAINS, PAYMENT_PLATFORMS, Kind, term
from ..store import CaseStore
from ._common import (
    AnalysisError,
    case_time,
    chinese_number,
    chunks,
    connection,
    placeholders,
    shift_ts,
    ts_seconds,
    yuan,
)

FORWARD = "forward"
BACKWARD = "backward"

#: Where money leaves the traceable world (``txn.exit_kind`` of rows without a payee).
EXIT_KINDS = ("cash", "platform", "crypto", "unknown")

#: Columns of the stop-payment / freeze list, as banks receive it.
STOP_LIST_COLUMNS = ("账号", "户名", "开户行", "金额", "层级", "理由")

# Stands for "all of it" when a trace starts from a card without an amount.
_UNBOUNDED = 1 << 62


@dataclass
class TracedCard:
    """A card the traced money reached (forward) or came from (backward).

    ``amount_fen`` is the traced money that reached the card (backward: that the card
    supplied); ``returned_fen`` is that same money coming back to it round a loop, which is
    followed again but not credited twice. Together they split into ``passed_fen`` (on to
    other cards), ``exited_fen`` (to exits; backward: from cash deposits and unknown
    sources) and ``remaining_fen`` (not seen moving within the window: what a freeze may
    still catch). ``last_level`` marks cards
    at the trace's last level: their exits are listed and what they passed on is counted, but
    the cards they paid are not.
    """

    entity_id: int
    card: str | None
    level: int
    amount_fen: int
    passed_fen: int = 0
    exited_fen: int = 0
    remaining_fen: int = 0
    returned_fen: int = 0
    first_arrival: str = ""
    last_level: bool = False
    holder: str = ""
    account_name: str = ""
    bank: str = ""
    branch: str = ""
    region: str = ""
    region_code: str = ""
    kind: str = Kind.BANK_CARD.value
    #: The balance the card's own statement showed after its latest transaction that
    #: carries one (``None``: no statement of this card reported a balance), and when.
    last_balance_fen: int | None = None
    last_balance_at: str = ""
    #: Cards of the previous level it received traced money from (backward: sent it to).
    sources: list[int] = field(default_factory=list)
    #: Transactions that brought the traced money (capped at 50).
    txn_ids: list[int] = field(default_factory=list)


@dataclass
class TracedTransfer:
    """One transaction along the trace and how much of it was the traced money."""

    txn_id: int
    payer_id: int
    payee_id: int
    ts: str
    amount_fen: int
    traced_fen: int
    level: int  # level of the card it leads to (forward: the payee; backward: the payer)
    #: The money went back to a card it had passed through (资金回流): booked there as
    #: ``returned_fen``, not credited again. Back at the trace's start, it is not followed.
    returning: bool = False


@dataclass
class TraceExit:
    """Where traced money left the traceable world (backward: where it entered)."""

    txn_id: int
    card_id: int
    card: str | None
    kind: str  # one of EXIT_KINDS
    ts: str
    amount_fen: int
    traced_fen: int
    level: int  # level of the card it left from
    channel: str = ""
    counterpart: str = ""
    place: str = ""


@dataclass
class TraceResult:
    """A fund-flow trace. ``to_dict()`` is what ``trace --json`` prints."""

    direction: str
    source: dict
    levels: int
    window_minutes: float
    min_amount_fen: int
    cards: list[TracedCard]
    flows: list[TracedTransfer]
    exits: list[TraceExit]
    exit_totals: dict[str, int]
    traced_fen: int
    levels_reached: int
    truncated: bool = False
    attribution: str = "traced-first, fifo"

    def card(self, entity_id: int) -> TracedCard | None:
        """The traced card with this entity id, if the money reached it."""
        for c in self.cards:
            if c.entity_id == entity_id:
                return c
        return None

    def to_dict(self) -> dict:
        """Plain data for JSON, with the stop-payment list under ``stop_list``."""
        out = asdict(self)
        out["stop_list"] = stop_list_rows(self)
        return out


@dataclass(slots=True)
class _Chunk:
    """Traced money at a card: arrived at ``ts`` (backward: left at ``ts``)."""

    card: int
    ts: str
    amount: int
    level: int
    via: int | None  # the transaction that brought it
    prev: int | None  # the card it came from
    #: Where this money has been, from where the trace started (not a traced card) to
    #: this card.
    path: tuple[int | None, ...]
    returning: bool = False  # back at a card it had passed through


class _Ledger:
    """The outflows (backward: inflows) of one card, fetched once and extended on demand."""

    __slots__ = ("keys", "near", "far", "rows")

    def __init__(self) -> None:
        self.rows: list[tuple] = []
        self.keys: list[float] = []
        self.near: str | None = None
        self.far: str | None = None


_FORWARD_SQL = (
    "SELECT id, payee_id, exit_kind, amount_fen, ts FROM txn WHERE payer_id = ? "
    "AND ts >= ? AND ts <= ? AND (payee_id IS NULL OR payee_id <> payer_id) ORDER BY ts, id"
)
_FORWARD_MORE_SQL = _FORWARD_SQL.replace("ts >= ?", "ts > ?")
_BACKWARD_SQL = (
    "SELECT id, payer_id, exit_kind, amount_fen, ts FROM txn WHERE payee_id = ? "
    "AND ts <= ? AND ts >= ? AND (payer_id IS NULL OR payer_id <> payee_id) "
    "ORDER BY ts DESC, id DESC"
)
_BACKWARD_MORE_SQL = _BACKWARD_SQL.replace("ts <= ?", "ts < ?")


class _Walker:
    """One trace in progress: the heap of arrivals, the ledgers and what each txn has left."""

    def __init__(self, conn: sqlite3.Connection, forward: bool, window_s: float, min_fen: int):
        self.conn = conn
        self.forward = forward
        self.window_s = window_s
        self.min_fen = min_fen
        self.ledgers: dict[int, _Ledger] = {}
        self.capacity: dict[int, int] = {}

    def _key(self, ts: str) -> float:
        return ts_seconds(ts) if self.forward else -ts_seconds(ts)

    def _fetch(self, card: int, near: str, far: str, more: bool) -> list[tuple]:
        if self.forward:
            sql = _FORWARD_MORE_SQL if more else _FORWARD_SQL
        else:
            sql = _BACKWARD_MORE_SQL if more else _BACKWARD_SQL
        return self.conn.execute(sql, (card, near, far)).fetchall()

    def movements(self, card: int, near: str) -> Iterable[tuple]:
        """Rows of ``card`` from ``near`` to the window's far end, nearest first."""
        far = shift_ts(near, self.window_s if self.forward else -self.window_s)
        ledger = self.ledgers.get(card)
        if ledger is None:
            ledger = self.ledgers[card] = _Ledger()
        key = self._key
        if ledger.near is None or key(near) < key(ledger.near):
            # First visit (arrivals come in time order, so a refetch is only a safeguard).
            reach = far if ledger.far is None or key(far) > key(ledger.far) else ledger.far
            ledger.rows = self._fetch(card, near, reach, more=False)
            ledger.near, ledger.far = near, reach
            ledger.keys = [key(r[4]) for r in ledger.rows]
        elif key(far) > key(ledger.far):
            extra = self._fetch(card, ledger.far, far, more=True)
            ledger.rows.extend(extra)
            ledger.keys.extend(key(r[4]) for r in extra)
            ledger.far = far
        start = bisect_left(ledger.keys, key(near))
        end_key = key(far)
        for i in range(start, len(ledger.rows)):
            if ledger.keys[i] > end_key:
                break
            yield ledger.rows[i]

    def run(self, roots: list[_Chunk], levels: int, max_transfers: int):
        """Walk from ``roots``; return (arrivals, hops, exits, beyond, truncated)."""
        seq = itertools.count()
        heap = [(self._key(r.ts), next(seq), r) for r in roots]
        heapq.heapify(heap)
        arrivals: list[_Chunk] = []
        # (txn, from card, to card, ts, txn amount, traced amount, level of the to card,
        # returning), where "from" and "to" follow the walk: backward, "from" is the payee.
        hops: list[tuple[int, int, int, str, int, int, int, bool]] = []
        exits: list[tuple[int, int, str, str, int, int, int]] = []
        beyond: list[tuple[int, int]] = []  # (card, amount) passed on past the last level
        truncated = False
        capacity = self.capacity
        min_fen = self.min_fen
        while heap:
            _, _, chunk = heapq.heappop(heap)
            arrivals.append(chunk)
            if len(hops) >= max_transfers:
                truncated = True
                continue
            # Cards at the last level still show their exits and how much they passed on;
            # the cards they paid are not listed.
            expand = chunk.level < levels
            left = chunk.amount
            level = chunk.level + 1
            for txn_id, other, exit_kind, amount, ts in self.movements(chunk.card, chunk.ts):
                if left < min_fen:
                    break
                cap = capacity.get(txn_id, amount)
                take = min(left, cap)
                # Pieces below the floor (bank fees, 1-fen test transfers, the last crumbs of
                # a nearly used-up outflow) are not followed; the money stays unattributed.
                if take < min_fen:
                    continue
                capacity[txn_id] = cap - take
                left -= take
                if other is None:
                    kind = exit_kind if exit_kind in EXIT_KINDS else "unknown"
                    exits.append((txn_id, chunk.card, kind, ts, amount, take, chunk.level))
                elif not expand:
                    beyond.append((chunk.card, take))
                else:
                    returning = other in chunk.path
                    hops.append((txn_id, chunk.card, other, ts, amount, take, level, returning))
                    if other == chunk.path[0]:
                        continue  # back where the trace started (a rebate to the victim)
                    path = (*chunk.path, other)
                    child = _Chunk(other, ts, take, level, txn_id, chunk.card, path, returning)
                    heapq.heappush(heap, (self._key(ts), next(seq), child))
        return arrivals, hops, exits, beyond, truncated


def trace_funds(
    store: CaseStore,
    txn_id: int | Sequence[int] | None = None,
    *,
    card_id: int | None = None,
    at: str | datetime | None = None,
    amount_fen: int | None = None,
    direction: str = FORWARD,
    levels: int = 5,
    window_minutes: float = 1440,
    min_amount_fen: int = 100,
    max_transfers: int = 10_000,
) -> TraceResult:
    """Follow money from a payment (or a card at a time) through the cards it reached.

    Start from ``txn_id`` (a victim's payment, or several of them) or from ``card_id`` at
    time ``at`` (optionally only ``amount_fen`` of what left the card then; without it,
    everything that left within the window is followed). Forward, the payment's payee is
    the 一级卡 (level 1); from a card, the cards it paid are level 1. Backward, the payment's
    payer (or the cards that paid ``card_id`` before ``at``) is level 1.

    ``levels`` caps the depth; ``window_minutes`` is how long after money arrives an
    outflow still counts as carrying it; pieces smaller than ``min_amount_fen`` are not
    followed; ``max_transfers`` stops a runaway trace through a payment hub (``truncated``
    then says so). See the module docstring for the attribution rule.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     store = CaseStore.create(pathlib.Path(tmp) / "t.zlcase", "doc")
    ...     v, a, b = (store.add_entity("bank_card", n) for n in
    ...                ("6222020000000000006", "6222020000000000014", "6222020000000000022"))
    ...     _ = store.add_transactions([
    ...         {"payer_id": v, "payee_id": a, "amount_fen": 500000, "ts": "2025-03-01 10:00:00"},
    ...         {"payer_id": a, "payee_id": b, "amount_fen": 800000, "ts": "2025-03-01 10:05:00"},
    ...         {"payer_id": b, "amount_fen": 300000, "ts": "2025-03-01 23:30:00",
    ...          "exit_kind": "cash"}])
    ...     r = trace_funds(store, 1)
    ...     store.close()
    >>> [(c.level, c.card[-4:], c.amount_fen) for c in r.cards]
    [(1, '0014', 500000), (2, '0022', 500000)]
    >>> r.exit_totals["cash"], r.cards[1].remaining_fen
    (300000, 200000)
    """
    if direction not in (FORWARD, BACKWARD):
        raise AnalysisError("direction", direction, "must be 'forward' or 'backward'")
    if levels < 1:
        raise AnalysisError("levels", levels, "must be at least 1")
    if window_minutes <= 0:
        raise AnalysisError("window", window_minutes, "must be a positive number of minutes")
    if min_amount_fen < 1:
        raise AnalysisError("minimum amount", min_amount_fen, "must be at least 1 fen")
    if (txn_id is None) == (card_id is None):
        raise AnalysisError("start", (txn_id, card_id), "give either a transaction or a card")
    forward = direction == FORWARD
    conn = connection(store)
    roots, source = (
        _roots_from_txns(conn, txn_id, forward)
        if txn_id is not None
        else _roots_from_card(conn, card_id, at, amount_fen, forward)
    )
    walker = _Walker(conn, forward, window_minutes * 60, min_amount_fen)
    walked = walker.run(roots, levels, max_transfers)
    return _assemble(conn, direction, source, *walked, levels, window_minutes, min_amount_fen)


def trace_back(store: CaseStore, txn_id=None, **kwargs) -> TraceResult:
    """Where the money came from: ``trace_funds(..., direction="backward")``."""
    return trace_funds(store, txn_id, direction=BACKWARD, **kwargs)


def find_card(store: CaseStore, number: str) -> int:
    """The entity id of an account money moves through, given by its number in any spelling
    the store accepts: a bank card, a payment account (``alipay:zhang@163.com``) or a crypto
    wallet (``tron:T...`` or the bare address)."""
    for kind in ACCOUNT_KINDS:
        try:
            found = store.find_entity(kind, number)
        except IdentifierError:
            continue
        if found is not None:
            return found.id
    raise NotFoundError("bank card", number)


def _roots_from_txns(
    conn: sqlite3.Connection, txn_id: int | Sequence[int], forward: bool
) -> tuple[list[_Chunk], dict]:
    ids = [txn_id] if isinstance(txn_id, int) else list(txn_id)
    if not ids:
        raise AnalysisError("transaction", ids, "no transaction to start from")
    rows = {}
    for batch in chunks(ids):
        for r in conn.execute(
            "SELECT id, payer_id, payee_id, amount_fen, ts FROM txn "
            f"WHERE id IN ({placeholders(len(batch))})",
            batch,
        ):
            rows[r[0]] = r
    roots = []
    for tid in ids:
        if tid not in rows:
            raise NotFoundError("transaction", tid)
        _, payer, payee, amount, ts = rows[tid]
        card = payee if forward else payer
        if card is None:
            side = "payee (it is a withdrawal)" if forward else "payer (it is a deposit)"
            raise AnalysisError("transaction", tid, f"has no {side} to trace from")
        prev = payer if forward else payee
        path = (card,) if prev is None else (prev, card)
        roots.append(_Chunk(card, ts, amount, 1, tid, prev, path))
    first = rows[ids[0]]
    source = {
        "txn_ids": ids,
        "card_id": first[1] if forward else first[2],
        "card": None,
        "at": min(rows[t][4] for t in ids),
        "amount_fen": sum(rows[t][3] for t in ids),
    }
    return roots, source


def _roots_from_card(
    conn: sqlite3.Connection,
    card_id: int,
    at: str | datetime | None,
    amount_fen: int | None,
    forward: bool,
) -> tuple[list[_Chunk], dict]:
    if conn.execute("SELECT 1 FROM entity WHERE id = ?", (card_id,)).fetchone() is None:
        raise NotFoundError("entity", card_id)
    if at is None:
        # From the card's first movement forward, or from its last one backward.
        col = "payer_id" if forward else "payee_id"
        agg = "min" if forward else "max"
        at = conn.execute(f"SELECT {agg}(ts) FROM txn WHERE {col} = ?", (card_id,)).fetchone()[0]
        if at is None:
            raise AnalysisError("card", card_id, "has no transactions to trace")
    else:
        at = case_time(conn, at)
    if amount_fen is not None and amount_fen <= 0:
        raise AnalysisError("amount", amount_fen, "must be positive")
    amount = _UNBOUNDED if amount_fen is None else amount_fen
    source = {"txn_ids": [], "card_id": card_id, "card": None, "at": at, "amount_fen": amount_fen}
    return [_Chunk(card_id, at, amount, 0, None, None, (card_id,))], source


def _assemble(
    conn, direction, source, arrivals, hops, exits, beyond, truncated, levels, window, min_fen
) -> TraceResult:
    cards: dict[int, TracedCard] = {}
    for ch in arrivals:
        if ch.level == 0:
            continue
        tc = cards.get(ch.card)
        if tc is None:
            tc = cards[ch.card] = TracedCard(ch.card, None, ch.level, 0, first_arrival=ch.ts)
        if ch.returning:
            tc.returned_fen += ch.amount
            continue
        tc.amount_fen += ch.amount
        tc.level = min(tc.level, ch.level)
        if ts_seconds(ch.ts) < ts_seconds(tc.first_arrival):
            tc.first_arrival = ch.ts
        if ch.prev is not None and ch.prev not in tc.sources:
            tc.sources.append(ch.prev)
        if ch.via is not None and len(tc.txn_ids) < 50:
            tc.txn_ids.append(ch.via)
        if ch.level >= levels:
            tc.last_level = True
    # What left the start card itself (a trace from a card has it at level 0).
    root_out = 0
    for _, walk_from, _, _, _, take, level, _ in hops:
        if level == 1:
            root_out += take
        else:
            cards[walk_from].passed_fen += take
    for card, take in beyond:
        cards[card].passed_fen += take
    exit_totals = dict.fromkeys(EXIT_KINDS, 0)
    for _, card, kind, _, _, take, level in exits:
        exit_totals[kind] += take
        if level == 0:
            root_out += take
        else:
            cards[card].exited_fen += take
    for tc in cards.values():
        tc.remaining_fen = tc.amount_fen + tc.returned_fen - tc.passed_fen - tc.exited_fen
    _describe_cards(conn, cards)
    _last_balances(conn, cards)
    row = conn.execute("SELECT key FROM entity WHERE id = ?", (source["card_id"],)).fetchone()
    source["card"] = row[0] if row else None
    forward = direction == FORWARD
    flows = []
    for tid, walk_from, walk_to, ts, amount, take, level, returning in hops:
        payer, payee = (walk_from, walk_to) if forward else (walk_to, walk_from)
        flows.append(TracedTransfer(tid, payer, payee, ts, amount, take, level, returning))
    ordered = sorted(cards.values(), key=lambda c: (c.level, -c.amount_fen, c.entity_id))
    return TraceResult(
        direction=direction,
        source=source,
        levels=levels,
        window_minutes=window,
        min_amount_fen=min_fen,
        cards=ordered,
        flows=flows,
        exits=_exit_details(conn, exits, cards, source),
        exit_totals=exit_totals,
        traced_fen=source["amount_fen"] if source["txn_ids"] else root_out,
        levels_reached=max((c.level for c in ordered), default=0),
        truncated=truncated,
    )


def _describe_cards(conn: sqlite3.Connection, cards: dict[int, TracedCard]) -> None:
    """Fill in number, holder, account name, bank, branch and account-opening region."""
    for batch in chunks(cards):
        for eid, kind, key, bank, branch, account, holder, code, region in conn.execute(
            "SELECT c.*, r.name FROM (SELECT e.id, e.kind, e.key, "
            "json_extract(e.attrs, '$.bank'), json_extract(e.attrs, '$.branch'), "
            "json_extract(e.attrs, '$.account_name'), "
            "(SELECT p.name FROM link l JOIN entity p ON p.id = l.source_id "
            " WHERE l.target_id = e.id AND l.type = 'holds' AND p.kind = 'person' "
            " ORDER BY l.confidence DESC, l.id LIMIT 1), "
            "(SELECT er.region_code FROM entity_region er WHERE er.entity_id = e.id "
            " ORDER BY er.reason = 'account_opening' DESC, er.region_code LIMIT 1) AS code "
            f"FROM entity e WHERE e.id IN ({placeholders(len(batch))})) c "
            "LEFT JOIN region r ON r.code = c.code",
            batch,
        ):
            tc = cards[eid]
            tc.kind, tc.card = kind, key
            tc.bank, tc.branch = bank or "", branch or ""
            tc.holder, tc.account_name = holder or "", account or ""
            tc.region_code, tc.region = code or "", region or ""


# The card's own statement reported the balance either as the transaction's first report
# (txn.reporter_id) or as a second one (txn_source, when the other bank's row came first).
#
# With an index on the reporter (``reporter_id`` first, ideally partial on ``balance_fen IS
# NOT NULL``) each lookup is one index probe. Without one, the fallback walks the card's
# (card, ts) indexes from the newest row down and stops at the first row with a balance of
# the card's own; for a card whose statement was never imported that visits every row of
# the card (a 1M-transaction case: about 4 microseconds a row).
_BALANCE_BY_REPORTER = {
    # The unary + keeps SQLite off the payer/payee indexes, so that it uses the reporter's.
    "txn": "SELECT ts, id, balance_fen FROM txn WHERE reporter_id = ?1 AND balance_fen IS "
    "NOT NULL AND (+payer_id = ?1 OR +payee_id = ?1) ORDER BY ts DESC, id DESC LIMIT 1",
    "txn_source": "SELECT t.ts, t.id, s.balance_fen FROM txn_source s JOIN txn t ON t.id = "
    "s.txn_id WHERE s.reporter_id = ?1 AND s.balance_fen IS NOT NULL "
    "ORDER BY t.ts DESC, t.id DESC LIMIT 1",
}
_BALANCE_BY_SIDE = {
    "txn": tuple(
        f"SELECT ts, id, balance_fen FROM txn WHERE {side} = ?1 AND reporter_id = ?1 "
        "AND balance_fen IS NOT NULL ORDER BY ts DESC, id DESC LIMIT 1"
        for side in ("payer_id", "payee_id")
    ),
    "txn_source": tuple(
        f"SELECT t.ts, t.id, s.balance_fen FROM txn t JOIN txn_source s ON s.txn_id = t.id "
        f"WHERE t.{side} = ?1 AND s.reporter_id = ?1 AND s.balance_fen IS NOT NULL "
        "ORDER BY t.ts DESC, t.id DESC LIMIT 1"
        for side in ("payer_id", "payee_id")
    ),
}


def _reporter_indexed(conn: sqlite3.Connection, table: str) -> bool:
    for _, name, *_ in conn.execute(f"PRAGMA index_list({table})").fetchall():
        cols = conn.execute(f"PRAGMA index_info({name})").fetchall()
        if cols and cols[0][2] == "reporter_id":
            return True
    return False


def _balance_queries(conn: sqlite3.Connection) -> list[str]:
    out: list[str] = []
    for table in ("txn", "txn_source"):
        if _reporter_indexed(conn, table):
            out.append(_BALANCE_BY_REPORTER[table])
        else:
            out.extend(_BALANCE_BY_SIDE[table])
    return out


def last_balance(
    conn: sqlite3.Connection, card_id: int, queries: list[str] | None = None
) -> tuple[int, str] | None:
    """(balance in fen, time) after the card's latest transaction whose balance its own
    statement reported; ``None`` when no statement of the card gave a balance.

    A balance shown by the *other* party's statement is that party's balance, never this
    card's, so it is not used.
    """
    best = None
    for sql in queries or _balance_queries(conn):
        row = conn.execute(sql, (card_id,)).fetchone()
        if row is not None and (best is None or (ts_seconds(row[0]), row[1]) > best[0]):
            best = ((ts_seconds(row[0]), row[1]), row[2], row[0])
    return None if best is None else (best[1], best[2])


def _last_balances(conn: sqlite3.Connection, cards: dict[int, TracedCard]) -> None:
    queries = _balance_queries(conn)
    for tc in cards.values():
        found = last_balance(conn, tc.entity_id, queries)
        if found is not None:
            tc.last_balance_fen, tc.last_balance_at = found


def _exit_details(conn, exits, cards, source) -> list[TraceExit]:
    details = {}
    for batch in chunks([e[0] for e in exits]):
        for tid, channel, counterpart, place in conn.execute(
            "SELECT id, channel, counterpart, place FROM txn "
            f"WHERE id IN ({placeholders(len(batch))})",
            batch,
        ):
            details[tid] = (channel, counterpart, place)
    out = []
    for tid, card, kind, ts, amount, take, level in exits:
        number = cards[card].card if card in cards else source["card"]
        out.append(TraceExit(tid, card, number, kind, ts, amount, take, level, *details[tid]))
    return out


# ---------------------------------------------------------------------- stop-payment list


def level_name(level: int) -> str:
    """The level as case squads say it.

    >>> level_name(1), level_name(3)
    ('一级卡', '三级卡')
    """
    return f"{chinese_number(level)}级卡"


_EXIT_WORDS = {
    "cash": "取现",
    "platform": "转入第三方平台",
    "crypto": "虚拟币交易",
    "unknown": "去向不明",
}


def stop_list_rows(result: TraceResult, min_amount_fen: int = 0) -> list[dict[str, str]]:
    """The stop-payment / freeze list of a forward trace: one row per card, by level.

    Keys are :data:`STOP_LIST_COLUMNS` (账号, 户名, 开户行, 金额, 层级, 理由); amounts are in
    yuan with two decimals. 户名 is the name the account is registered to (the bank's
    record), falling back to the holder the case links. A backward trace lists where money
    came from, which may be victims' own cards, so it gives no stop list.
    """
    if result.direction != FORWARD:
        return []
    exit_words: dict[int, list[str]] = {}
    for ex in result.exits:
        exit_words.setdefault(ex.card_id, []).append(ex.kind)
    rows = []
    for c in result.cards:
        if c.amount_fen < min_amount_fen:
            continue
        parts = [f"{c.first_arrival}起流入涉案资金{yuan(c.amount_fen)}元"]
        if c.passed_fen:
            later = "（下级卡未追踪）" if c.last_level else ""
            parts.append(f"转出{yuan(c.passed_fen)}元{later}")
        if c.exited_fen:
            kinds = sorted(set(exit_words.get(c.entity_id, ())), key=EXIT_KINDS.index)
            parts.append("、".join(_EXIT_WORDS[k] for k in kinds) + f"{yuan(c.exited_fen)}元")
        if c.returned_fen:
            parts.append(f"资金回流{yuan(c.returned_fen)}元")
        if c.remaining_fen:
            parts.append(f"疑似留存{yuan(c.remaining_fen)}元")
        account, institution = _stop_list_account(c)
        rows.append(
            {
                "账号": account,
                "户名": c.account_name or c.holder,
                "开户行": institution,
                "金额": yuan(c.amount_fen),
                "层级": level_name(c.level),
                "理由": "电信网络诈骗涉案账户：" + "，".join(parts),
            }
        )
    return rows


def _stop_list_account(c: TracedCard) -> tuple[str, str]:
    """账号 and 开户行 of a stop-list row: a payment account goes to its platform, a wallet
    to its chain (a freeze there goes through the platform or the stablecoin's issuer)."""
    if not c.card:
        return f"#{c.entity_id}", c.branch or c.bank
    if c.kind == Kind.PAYMENT_ACCOUNT.value:
        platform, _, account = c.card.partition(":")
        return account, _term_zh(PAYMENT_PLATFORMS, platform)
    if c.kind == Kind.CRYPTO_WALLET.value:
        chain, _, address = c.card.partition(":")
        name = _term_zh(CRYPTO_CHAINS, chain)
        return address, f"{name}链" if name != chain else chain
    return c.card, c.branch or c.bank


def _term_zh(vocabulary, code: str) -> str:
    try:
        return term(vocabulary, code).zh
    except KeyError:
        return code


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value: str) -> str:
    # A cell that opens with a formula character would run as a formula in Excel (CSV
    # injection); a leading apostrophe makes Excel show it as text.
    return "'" + value if value.startswith(_FORMULA_START) else value


def _amount(value: str) -> float | str:
    try:
        return float(value)
    except ValueError:
        return _safe_cell(value)


def write_stop_list_xlsx(rows: Iterable[dict[str, str]], path, sheet: str = "止付冻结名单") -> Path:
    """Write stop-list rows to an XLSX workbook with the columns banks receive.

    Every cell is written as text (金额 as a number with two decimals) and text that starts
    with ``= + - @`` (or a tab or carriage return) gets a leading apostrophe, as in the CSV,
    so that no cell can become a formula whoever opens the file. Returns the path.
    """
    import xlsxwriter

    path = Path(path)
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    try:
        ws = book.add_worksheet(sheet)
        head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        money = book.add_format({"num_format": "#,##0.00"})
        widths = {"账号": 24, "户名": 14, "开户行": 26, "金额": 14, "层级": 8, "理由": 80}
        for col, name in enumerate(STOP_LIST_COLUMNS):
            ws.write_string(0, col, name, head)
            ws.set_column(col, col, widths.get(name, 16))
        n = 0
        for n, row in enumerate(rows, start=1):
            for col, name in enumerate(STOP_LIST_COLUMNS):
                value = str(row.get(name, ""))
                cell = _amount(value) if name == "金额" else _safe_cell(value)
                if isinstance(cell, float):
                    ws.write_number(n, col, cell, money)
                else:
                    ws.write_string(n, col, cell)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(n, 1), len(STOP_LIST_COLUMNS) - 1)
    finally:
        book.close()
    return path


def write_stop_list(rows: Iterable[dict[str, str]], path) -> Path:
    """Write the stop list as XLSX when ``path`` ends in ``.xlsx``, else as CSV."""
    if str(path).lower().endswith(".xlsx"):
        return write_stop_list_xlsx(rows, path)
    return write_stop_list_csv(rows, path)


def write_stop_list_csv(rows: Iterable[dict[str, str]], path) -> Path:
    """Write stop-list rows to a CSV that Excel opens as Chinese text (UTF-8 with BOM).

    Cells that start with ``= + - @`` (or a tab or carriage return) are prefixed with an
    apostrophe so that a hostile counterpart name cannot become a formula. Returns the path.
    """
    path = Path(path)
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(STOP_LIST_COLUMNS)
        for row in rows:
            writer.writerow([_safe_cell(str(row.get(col, ""))) for col in STOP_LIST_COLUMNS])
    return path
