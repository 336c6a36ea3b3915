"""The case browser: its columns per kind, its search and its pages."""

from __future__ import annotations

from ..model import (
    Kind,
)

#: Columns the case browser shows per kind: (code, English header).
BROWSE_COLUMNS: dict[Kind, tuple[tuple[str, str], ...]] = {
    Kind.PERSON: (
        ("name", "Name"),
        ("key", "ID number"),
        ("roles", "Roles"),
        ("legal_status", "Legal status"),
        ("region", "Household region"),
        ("links", "Links"),
    ),
    Kind.BANK_CARD: (
        ("key", "Card number"),
        ("bank", "Bank"),
        ("holder", "Holder"),
        ("region", "Opened in"),
        ("txns", "Transactions"),
    ),
    Kind.PHONE_CARD: (
        ("key", "Number"),
        ("carrier", "Carrier"),
        ("holder", "Holder"),
        ("region", "Attribution"),
        ("calls", "Calls"),
    ),
    Kind.DEVICE: (
        ("key", "IMEI"),
        ("model", "Model"),
        ("holder", "Holder"),
        ("links", "Links"),
    ),
    Kind.ORGANISATION: (
        ("name", "Organisation"),
        ("org_type", "Type"),
        ("region", "Region"),
        ("members", "Members"),
    ),
    Kind.PAYMENT_ACCOUNT: (
        ("key", "Account"),
        ("platform", "Platform"),
        ("name", "Name"),
        ("holder", "Holder"),
        ("txns", "Transactions"),
    ),
    Kind.CRYPTO_WALLET: (
        ("key", "Address"),
        ("chain", "Chain"),
        ("holder", "Holder"),
        ("txns", "Transactions"),
    ),
}


# SQL expression of each browse column; `e` is the entity row.
_HOLDER = (
    "(SELECT p.name FROM link l JOIN entity p ON p.id = l.source_id "
    "WHERE l.target_id = e.id AND l.type = 'holds' ORDER BY l.id LIMIT 1)"
)


_REGION = (
    "(SELECT r.name FROM entity_region er JOIN region r ON r.code = er.region_code "
    "WHERE er.entity_id = e.id ORDER BY er.reason = '{reason}' DESC LIMIT 1)"
)


_COLUMN_SQL = {
    "name": "e.name",
    "key": "e.key",
    "roles": "(SELECT group_concat(role, ',') FROM entity_role WHERE entity_id = e.id)",
    "legal_status": "e.legal_status",
    "links": "((SELECT count(*) FROM link WHERE source_id = e.id)"
    " + (SELECT count(*) FROM link WHERE target_id = e.id))",
    "bank": "json_extract(e.attrs, '$.bank')",
    "carrier": "json_extract(e.attrs, '$.carrier')",
    "model": "json_extract(e.attrs, '$.model')",
    "org_type": "json_extract(e.attrs, '$.org_type')",
    "platform": "json_extract(e.attrs, '$.platform')",
    "chain": "json_extract(e.attrs, '$.chain')",
    "holder": _HOLDER,
    "txns": "((SELECT count(*) FROM txn WHERE payer_id = e.id)"
    " + (SELECT count(*) FROM txn WHERE payee_id = e.id))",
    "calls": "((SELECT count(*) FROM call WHERE caller_id = e.id)"
    " + (SELECT count(*) FROM call WHERE callee_id = e.id))",
    "members": "(SELECT count(*) FROM link WHERE target_id = e.id AND type = 'member_of')",
}


_REGION_REASON_BY_KIND = {
    Kind.PERSON: "household",
    Kind.BANK_CARD: "account_opening",
    Kind.PHONE_CARD: "phone_attribution",
    Kind.ORGANISATION: "activity",
    Kind.DEVICE: "activity",
    Kind.PAYMENT_ACCOUNT: "account_opening",
    Kind.CRYPTO_WALLET: "activity",
}


def _like_pattern(text: str) -> str:
    r"""A LIKE pattern (``ESCAPE '\'``) matching ``text`` anywhere, its ``%``, ``_`` and
    ``\`` taken literally.

    >>> print(_like_pattern(r"100%_a\b"))
    %100\%\_a\\b%
    """
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _search_clause(kind: Kind, search: str) -> tuple[str, tuple]:
    search = search.strip()
    if not search:
        return "e.kind = ?", (kind.value,)
    # The analyst types text, not a pattern: 100% or wxid_ab match only themselves.
    like = _like_pattern(search)
    return (
        "e.kind = ? AND (e.name LIKE ? ESCAPE '\\' OR e.key LIKE ? ESCAPE '\\' OR e.id IN "
        "(SELECT entity_id FROM entity_alias WHERE alias LIKE ? ESCAPE '\\'))",
        (kind.value, like, like, like),
    )


class BrowseMixin:
    """The browse part of :class:`workbench.store.CaseStore`."""

    def count_entities(self, kind: Kind | str, search: str = "") -> int:
        """How many entities of a kind match ``search`` (name, key or alias, substring)."""
        where, params = _search_clause(Kind(kind), search)
        return self._conn.execute(
            f"SELECT count(*) FROM entity e WHERE {where}", params
        ).fetchone()[0]

    def browse(
        self,
        kind: Kind | str,
        search: str = "",
        sort: str = "",
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
    ) -> list[tuple]:
        """One page of the case browser: rows of (id, *BROWSE_COLUMNS[kind] values)."""
        kind = Kind(kind)
        columns = BROWSE_COLUMNS[kind]
        exprs = []
        for code, _ in columns:
            if code == "region":
                exprs.append(_REGION.format(reason=_REGION_REASON_BY_KIND[kind]))
            else:
                exprs.append(_COLUMN_SQL[code])
        where, params = _search_clause(kind, search)
        order_codes = [c for c, _ in columns]
        order = "e.id"
        if sort in order_codes:
            # Sort on the indexed column directly where there is one.
            order = {"name": "e.name", "key": "e.key"}.get(sort, exprs[order_codes.index(sort)])
            order = f"{order} {'DESC' if descending else 'ASC'}, e.id"
        # Find the page's ids first: the display columns are then computed for 200 rows,
        # not for every row that OFFSET skips.
        page_ids = [
            r[0]
            for r in self._conn.execute(
                f"SELECT e.id FROM entity e WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
                (*params, limit, offset),
            )
        ]
        if not page_ids:
            return []
        select = ", ".join(exprs)
        rows = {
            r[0]: tuple(r)
            for r in self._conn.execute(
                f"SELECT e.id, {select} FROM entity e WHERE e.id IN "
                f"({', '.join('?' * len(page_ids))})",
                page_ids,
            )
        }
        return [rows[i] for i in page_ids]
