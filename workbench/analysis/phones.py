"""Fraud patterns about phones and people (SQL aggregates over calls and links) and about
call records (number switches and companions, from :mod:`.calls`).

Each detector takes the store and its parameters and returns :class:`.Finding` objects, as
the money detectors of :mod:`.patterns` do; :func:`.patterns.find_patterns` runs them all.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict

from ..model import ACCOUNT_KINDS
from ..store import CaseStore
from . import calls as calls_analysis
from ._common import connection, entity_refs, strength
from .findings_base import EVIDENCE_CAP, Finding, _check_positive, _defaults, _findings
from .ledger import _ACCOUNT_KINDS_SQL

# ---------------------------------------------------------------------- phones and people


def _sim_device_pairs(conn: sqlite3.Connection) -> list[tuple[int, int, str, int]]:
    """(SIM, handset, 'link' or 'call', row id) for every sign of a SIM in a handset.

    A ``uses`` link from a phone card to a device says it outright; a call record's IMEI
    is the handset the calling number was in (the importer files each call under its
    caller). One call per SIM and handset is enough as evidence.
    """
    pairs = [
        (sim, dev, "link", lid)
        for lid, sim, dev in conn.execute(
            "SELECT l.id, l.source_id, l.target_id FROM link l "
            "JOIN entity s ON s.id = l.source_id AND s.kind = 'phone_card' "
            "JOIN entity d ON d.id = l.target_id AND d.kind = 'device' WHERE l.type = 'uses'"
        )
    ]
    pairs += [
        (sim, dev, "call", cid)
        for sim, dev, cid in conn.execute(
            "SELECT caller_id, device_id, min(id) FROM call WHERE device_id IS NOT NULL "
            "GROUP BY caller_id, device_id"
        )
    ]
    return pairs


def _many_to_one(
    conn, pattern: str, pairs, group: int, member: int, threshold: int, params: dict
) -> list[Finding]:
    members: dict[int, set[int]] = defaultdict(set)
    evidence: dict[int, dict[str, list[int]]] = defaultdict(lambda: {"link": [], "call": []})
    for pair in pairs:
        members[pair[group]].add(pair[member])
        evidence[pair[group]][pair[2]].append(pair[3])
    hits = [
        (eid, strength(len(ms), threshold), {"count": len(ms), "members": sorted(ms)[:100]},
         evidence[eid])
        for eid, ms in members.items()
        if len(ms) >= threshold
    ]  # fmt: skip
    return _findings(conn, pattern, hits, params)


def handset_many_sims(store: CaseStore, *, min_sims: int = 4) -> list[Finding]:
    """一机多卡: a handset (IMEI) that ``min_sims`` or more phone cards were used in.

    A dual-SIM phone with a replaced card shows three; GOIP boxes and fraud work phones show
    dozens. Score: :func:`strength` of the SIMs (``metrics['count']``; ``members`` lists
    them). Evidence: the ``uses`` links and one call per SIM.
    """
    _check_positive(min_sims=min_sims)
    conn = connection(store)
    pairs = _sim_device_pairs(conn)
    return _many_to_one(conn, "handset_many_sims", pairs, 1, 0, min_sims, {"min_sims": min_sims})


def sim_many_handsets(store: CaseStore, *, min_devices: int = 3) -> list[Finding]:
    """一卡多机: a phone card used in ``min_devices`` or more handsets.

    Card dealers test stock SIMs in several phones; operators move a number between work
    phones. Score: :func:`strength` of the handsets. Evidence: ``uses`` links and one call
    per handset.
    """
    _check_positive(min_devices=min_devices)
    conn = connection(store)
    pairs = _sim_device_pairs(conn)
    params = {"min_devices": min_devices}
    return _many_to_one(conn, "sim_many_handsets", pairs, 0, 1, min_devices, params)


def card_hoarder(
    store: CaseStore, *, min_bank_cards: int = 5, min_phone_cards: int = 5
) -> list[Finding]:
    """卡商 / 一人多卡: a person who holds many bank cards or many phone cards.

    Counts ``holds`` links from people to cards; payment accounts and wallets count with the
    bank cards (``metrics`` adds ``payment_accounts`` and ``crypto_wallets`` when there are
    any). ``metrics['in_other_names']`` counts held
    cards registered to someone else (account name or SIM registration differs from the
    holder's name), the mark of bought cards. Score: :func:`strength` of the larger of the
    two counts relative to its threshold. Evidence: the ``holds`` links.
    """
    _check_positive(min_bank_cards=min_bank_cards, min_phone_cards=min_phone_cards)
    conn = connection(store)
    held: dict[int, Counter] = defaultdict(Counter)
    links: dict[int, list[int]] = defaultdict(list)
    for lid, person, kind, holder, registered in conn.execute(
        "SELECT l.id, l.source_id, c.kind, p.name, coalesce("
        " json_extract(c.attrs, '$.account_name'), json_extract(c.attrs, '$.registered_name')) "
        "FROM link l JOIN entity p ON p.id = l.source_id AND p.kind = 'person' "
        "JOIN entity c ON c.id = l.target_id "
        f"AND c.kind IN ('phone_card', {_ACCOUNT_KINDS_SQL[1:-1]}) "
        "WHERE l.type = 'holds'"
    ):
        held[person][kind] += 1
        if registered and holder and registered != holder:
            held[person]["other"] += 1
        links[person].append(lid)
    hits = []
    for person, n in held.items():
        # A 跑分 runner's Alipay and WeChat accounts and wallets carry money like cards do.
        accounts = sum(n[k] for k in ACCOUNT_KINDS)
        ratio = max(accounts / min_bank_cards, n["phone_card"] / min_phone_cards)
        if ratio < 1:
            continue
        metrics = {
            "bank_cards": n["bank_card"],
            "phone_cards": n["phone_card"],
            "in_other_names": n["other"],
        }
        for kind, metric in (("payment_account", "payment_accounts"),
                             ("crypto_wallet", "crypto_wallets")):  # fmt: skip
            if n[kind]:
                metrics[metric] = n[kind]
        hits.append((person, strength(ratio, 1), metrics, {"link": links[person]}))
    params = {"min_bank_cards": min_bank_cards, "min_phone_cards": min_phone_cards}
    return _findings(conn, "card_hoarder", hits, params)


def hot_number(
    store: CaseStore, *, min_callers: int = 10, include_sms: bool = False
) -> list[Finding]:
    """Many numbers calling one number that never calls them back.

    What is measured, per number: the distinct numbers that called it (``callers``), those
    it never called back (``one_way_callers``), those it did (``called_back``) and the
    calls (``calls``). Flags numbers with ``min_callers`` one-way callers. Text messages
    are left out unless ``include_sms``.

    Family and friends call each other both ways; victims ringing the "customer service"
    number they were given call one way, but so do a shop's customers or a taxi firm's.
    The finding therefore says what it counted and no more: it names no fraud line. What
    the case says about the number is in ``roles``: the roles the case gives the number
    itself or the people holding or using it (absent when it gives none).

    Score: :func:`strength` of the one-way callers. Evidence: one call from each.
    """
    _check_positive(min_callers=min_callers)
    conn = connection(store)
    kinds = "" if include_sms else "WHERE call_type <> 'sms'"
    rows = conn.execute(
        f"WITH pairs AS (SELECT caller_id, callee_id, count(*) AS n, min(id) AS first "
        f" FROM call {kinds} GROUP BY caller_id, callee_id) "
        "SELECT p.callee_id, count(*), sum(p.n), "
        " sum(back.caller_id IS NULL), group_concat(CASE WHEN back.caller_id IS NULL "
        " THEN p.first END) "
        "FROM pairs p LEFT JOIN pairs back "
        " ON back.caller_id = p.callee_id AND back.callee_id = p.caller_id "
        "GROUP BY p.callee_id HAVING sum(back.caller_id IS NULL) >= ?",
        (min_callers,),
    ).fetchall()
    roles = _roles_of(conn, [r[0] for r in rows])
    hits = []
    for number, callers, calls, one_way, firsts in rows:
        metrics = {"callers": callers, "one_way_callers": one_way,
                   "called_back": callers - one_way, "calls": calls}  # fmt: skip
        if roles.get(number):
            metrics["roles"] = roles[number]
        evidence = {"call": [int(x) for x in firsts.split(",")]}
        hits.append((number, strength(one_way, min_callers), metrics, evidence))
    params = {"min_callers": min_callers, "include_sms": include_sms}
    return _findings(conn, "hot_number", hits, params)


def _roles_of(conn: sqlite3.Connection, ids: list[int]) -> dict[int, list[str]]:
    """Roles the case gives each entity or the people holding or using it."""
    out: dict[int, set[str]] = defaultdict(set)
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        marks = ", ".join("?" * len(batch))
        for eid, role in conn.execute(
            f"SELECT entity_id, role FROM entity_role WHERE entity_id IN ({marks}) "
            "UNION SELECT l.target_id, r.role FROM link l "
            "JOIN entity_role r ON r.entity_id = l.source_id "
            f"WHERE l.type IN ('holds', 'uses') AND l.target_id IN ({marks})",
            batch + batch,
        ):
            out[eid].add(role)
    return {eid: sorted(r) for eid, r in out.items()}


# ---------------------------------------------------------------------- call records


def _pair_findings(conn, pattern: str, hits, params: dict) -> list[Finding]:
    """Findings about pairs from (entity, counterpart, score, metrics, evidence)."""
    hits = list(hits)
    refs = entity_refs(conn, (x for h in hits for x in h[:2]))
    out = []
    for eid, other, score, metrics, evidence in hits:
        ref, oref = refs[eid], refs[other]
        capped = {t: sorted(ids)[:EVIDENCE_CAP] for t, ids in evidence.items() if ids}
        out.append(
            Finding(
                pattern,
                eid,
                ref.key,
                ref.kind,
                ref.name,
                score,
                metrics,
                params,
                capped,
                counterpart_id=other,
                counterpart_key=oref.key,
            )
        )
    out.sort(key=lambda f: (-f.score, f.entity_id, f.counterpart_id))
    return out


def phone_switch(store: CaseStore, **params) -> list[Finding]:
    """换号: a number that went quiet (``key``) and the new number that took over its
    contacts (``counterpart_key``); see :func:`.calls.phone_switches` for the parameters
    and the score. ``metrics`` name the shared contacts (``shared_keys``), both numbers'
    first and last calls and the gap. Evidence: the old number's last and the new number's
    first calls with the shared contacts.
    """
    conn = connection(store)
    switches = calls_analysis.phone_switches(store, **params)
    refs = entity_refs(conn, (c for s in switches for c in s.shared[:20]))
    hits = []
    for s in switches:
        metrics = {**s.metrics, "shared_keys": [refs[c].key or f"#{c}" for c in s.shared[:20]]}
        hits.append((s.old, s.new, s.score, metrics, {"call": s.evidence}))
    return _pair_findings(
        conn, "phone_switch", hits, _defaults(calls_analysis.phone_switches, params)
    )


def companion(store: CaseStore, **params) -> list[Finding]:
    """伴随: two numbers (``key`` and ``counterpart_key``, the lower id first) seen in the same
    cell within minutes on several days; see :func:`.calls.companions` for the parameters.

    Score: :func:`strength` of the distinct days against ``min_days``. ``metrics`` name
    the days, co-sightings, cells and first and last co-sighting. Evidence: both calls of
    each co-sighting.
    """
    conn = connection(store)
    used = _defaults(calls_analysis.companions, params)
    hits = []
    for p in calls_analysis.companions(store, **params):
        metrics = {
            "days": p.days,
            "co_sightings": p.co_sightings,
            "cells": p.cells,
            "first": p.first,
            "last": p.last,
        }
        evidence = {"call": [x for s in p.sightings for x in s[1:3]]}
        hits.append((p.a, p.b, strength(p.days, used["min_days"]), metrics, evidence))
    return _pair_findings(conn, "companion", hits, used)
