"""The case: one database per case, read and written only through ``CaseStore``.

Every write runs in one transaction that also writes its audit rows; listeners hear about
the change only after the commit, so no view ever shows what was rolled back.

The store is a package by concern, composed here into the one front door:

- ``session`` and ``server``: the back ends, a case file (SQLite) or a case on a
  PostgreSQL server (chosen by what names the case: a path or a URL): opening, checking, locking, upgrading,
  backing up and re-keying a case; transactions, audit rows and listeners;
- ``entities`` and ``browse``: entities and their regions, and the case browser's pages;
- ``links``: links, link types and neighbourhoods;
- ``facts`` and ``provenance``: transactions and calls, and where they came from;
- ``findings``: verdicts on findings and measures on accounts;
- ``charts``: link charts and the places of entities on them;
- ``values``, ``records`` and ``clock``: what the parts share.
"""

from __future__ import annotations

from .browse import BROWSE_COLUMNS, BrowseMixin
from .charts import ChartsMixin
from .clock import now
from .entities import EntitiesMixin
from .facts import FactsMixin
from .findings import FindingsMixin
from .links import LinksMixin
from .provenance import ProvenanceMixin
from .records import (
    CASE_SUFFIX,
    EDITABLE,
    KEEP_BACKUPS,
    READ_ONLY_DAMAGED,
    READ_ONLY_LOCKED,
    READ_ONLY_NOT_WRITABLE,
    READ_ONLY_REQUESTED,
    Changed,
    Chart,
    ChartItem,
    ChartSnapshot,
    EntitySnapshot,
    MergeRecord,
    Neighbour,
)
from .server import ServerSession, is_server_url
from .session import SqliteSession, backups_of, prune_backups
from .values import derived_attrs, normalize_key

__all__ = [
    "BROWSE_COLUMNS",
    "CASE_SUFFIX",
    "EDITABLE",
    "KEEP_BACKUPS",
    "READ_ONLY_DAMAGED",
    "READ_ONLY_LOCKED",
    "READ_ONLY_NOT_WRITABLE",
    "READ_ONLY_REQUESTED",
    "CaseStore",
    "ServerCaseStore",
    "Changed",
    "Chart",
    "ChartItem",
    "ChartSnapshot",
    "EntitySnapshot",
    "MergeRecord",
    "Neighbour",
    "backups_of",
    "derived_attrs",
    "is_server_url",
    "normalize_key",
    "now",
    "prune_backups",
]


class CaseStore(
    SqliteSession,
    EntitiesMixin,
    BrowseMixin,
    LinksMixin,
    FactsMixin,
    ProvenanceMixin,
    FindingsMixin,
    ChartsMixin,
):
    """An open case. Create with :meth:`create` or :meth:`open`; close when done."""


class ServerCaseStore(ServerSession, CaseStore):
    """A case on a PostgreSQL server (``postgresql://host/db?case=NAME``), shared live by
    the squad: the same API as a case file. :meth:`CaseStore.open` and
    :meth:`CaseStore.create` given a URL return one."""
