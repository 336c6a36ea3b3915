"""Which entities may be one: a masked card and the full number that fits it, a statement's
placeholder owner and the account the analyst names.

Statements mask numbers (``6222****1234``) or give the last four digits only; the importer
keeps such a number as a partial card (``key_problem = 'partial'``), never as a bad one.
When a full number arrives that fits it, :func:`merge_candidates` proposes it, best first;
the analyst confirms, and :meth:`workbench.store.CaseStore.merge_entities` makes them one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .store import CaseStore

__all__ = ["MergeCandidate", "merge_candidates", "partial_parts", "proposals"]


@dataclass(frozen=True)
class MergeCandidate:
    """An entity that may be the same as another, and why (``reasons``: 'prefix and
    suffix', 'same holder', 'same bank', 'same length')."""

    entity_id: int
    key: str
    reasons: tuple[str, ...]

    @property
    def score(self) -> int:
        return len(self.reasons)


_PARTIAL = re.compile(r"(?P<qualifier>.*?)(?P<prefix>\d*)(?P<stars>\*+)(?P<suffix>\d+)")


def partial_parts(key: str) -> tuple[str, str, str, int] | None:
    """``(qualifier, prefix, suffix, masked length)`` of a partial card key, else None.

    >>> partial_parts("6222****1234"), partial_parts("张三*1234")
    (('', '6222', '1234', 12), ('张三', '', '1234', 5))
    """
    m = _PARTIAL.fullmatch(key)
    if m is None:
        return None
    length = len(m["prefix"]) + len(m["stars"]) + len(m["suffix"])
    return m["qualifier"], m["prefix"], m["suffix"], length


def _holders(store: CaseStore, entity_id: int) -> set[str]:
    rows = store._conn.execute(
        "SELECT p.name FROM link l JOIN entity p ON p.id = l.source_id "
        "WHERE l.type = 'holds' AND l.target_id = ? AND p.name <> ''",
        (entity_id,),
    )
    return {name for (name,) in rows}


def merge_candidates(store: CaseStore, entity_id: int, limit: int = 20) -> list[MergeCandidate]:
    """Whole cards of the case that a partial card may be, best first: the same first and
    last digits (and length, where the mask kept it), the same holder's name, the same
    bank. Entities that are not partial cards have no candidates.
    """
    e = store.entity(entity_id)
    if e.kind.value != "bank_card" or e.key_problem != "partial" or not e.key:
        return []
    parts = partial_parts(e.key)
    if parts is None:
        return []
    qualifier, prefix, suffix, length = parts
    holders = _holders(store, entity_id) | ({qualifier} if qualifier else set())
    bank = e.attrs.get("bank", "")
    found = []
    rows = store._conn.execute(
        "SELECT id, key, attrs FROM entity WHERE kind = 'bank_card' AND key_problem IN ('', 'luhn') "
        "AND key LIKE ? AND key LIKE ? AND id <> ?",
        (f"{prefix}%", f"%{suffix}", entity_id),
    )
    for other_id, key, attrs in rows:
        if len(key) < len(prefix) + len(suffix):
            continue
        reasons = ["prefix and suffix"] if prefix else ["suffix"]
        # A mask of exactly the hidden digits (6222 **** **** 1234 for 16) keeps the length.
        if length == len(key):
            reasons.append("same length")
        if holders & _holders(store, other_id):
            reasons.append("same holder")
        if bank and json.loads(attrs or "{}").get("bank") == bank:
            reasons.append("same bank")
        if not prefix and "same holder" not in reasons:
            continue  # four digits alone fit thousands of cards: the holder must agree
        found.append(MergeCandidate(other_id, key, tuple(reasons)))
    found.sort(key=lambda c: (-c.score, c.key))
    return found[:limit]


def proposals(store: CaseStore) -> list[tuple[int, list[MergeCandidate]]]:
    """Every partial card of the case with the whole cards it may be (only those with some)."""
    partial = [
        eid
        for (eid,) in store._conn.execute(
            "SELECT id FROM entity WHERE kind = 'bank_card' AND key_problem = 'partial'"
        )
    ]
    out = []
    for eid in partial:
        found = merge_candidates(store, eid)
        if found:
            out.append((eid, found))
    return out
