"""What the store hands out besides the model's records: change events, snapshots for undo,
charts and their items, and the constants of a session."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import (
    Entity,
    Link,
)

CASE_SUFFIX = ".zlcase"


#: Backups of a case (before a schema upgrade) kept beside it; older ones are removed.
KEEP_BACKUPS = 5


#: Why a session is read-only (``CaseStore.read_only_reason``).
READ_ONLY_REQUESTED = "requested"


READ_ONLY_LOCKED = "locked"


READ_ONLY_NOT_WRITABLE = "not_writable"


READ_ONLY_DAMAGED = "damaged"


#: Fields of an entity that ``update_entity`` accepts.
EDITABLE = (
    "name",
    "key",
    "culpability",
    "legal_status",
    "notes",
    "attrs",
    "roles",
    "aliases",
    "regions",
)


@dataclass(frozen=True)
class Changed:
    """What a committed write changed. Views re-read what concerns them."""

    action: str
    tables: frozenset[str]
    entity_ids: frozenset[int] = frozenset()


@dataclass
class EntitySnapshot:
    """Everything needed to put a deleted entity back exactly as it was (same id)."""

    entity: Entity
    links: list[Link] = field(default_factory=list)
    #: where it sat on the case's charts (chart items go with the entity)
    chart_items: list = field(default_factory=list)


@dataclass
class MergeRecord:
    """What :meth:`CaseStore.merge_entities` changed, for :meth:`CaseStore.unmerge_entities`
    to take back exactly."""

    keep: Entity  # as it was before the merge
    absorbed: EntitySnapshot
    #: (table, column) -> the rows (rowid, or primary key of a WITHOUT ROWID table) whose
    #: column named the absorbed entity and now names the kept one
    repointed: dict[tuple[str, str], list] = field(default_factory=dict)
    links_added: list[int] = field(default_factory=list)
    chart_items_added: list[tuple[int, int]] = field(default_factory=list)
    #: the import batch that created the absorbed entity (undoing that import removes it)
    absorbed_batch: int | None = None


@dataclass(frozen=True)
class Neighbour:
    """One edge of an entity's neighbourhood: a link, or facts (money, calls) aggregated."""

    other: Entity
    type: str  # a link type code, or 'money' / 'calls' for aggregated facts
    outgoing: bool
    link_id: int | None = None
    count: int = 1
    amount_fen: int = 0


@dataclass
class Chart:
    """A named link chart of the case; ``settings`` holds its filters, layout and view."""

    id: int
    name: str
    settings: dict = field(default_factory=dict)
    created_by: str = ""
    created_at: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class ChartItem:
    """One entity placed on a chart, with its position and style."""

    chart_id: int
    entity_id: int
    x: float
    y: float
    style: dict = field(default_factory=dict, hash=False, compare=True)


@dataclass
class ChartSnapshot:
    """A deleted chart with its items, for ``restore_chart``."""

    chart: Chart
    items: list[ChartItem] = field(default_factory=list)
