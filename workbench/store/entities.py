"""Entities: add, edit, delete and restore, merge and unmerge, read; and the regions
they are tagged with."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace

from ..errors import (
    DuplicateKeyError,
    EditConflictError,
    EntityInUseError,
    NotFoundError,
    ValidationError,
)
from ..model import (
    Entity,
    Kind,
    Region,
    RegionTag,
)
from . import clock
from .records import (
    EDITABLE,
    EntitySnapshot,
    MergeRecord,
)
from .values import (
    _as_values,
    _public,
    _tag,
    _validate,
    derived_attrs,
    normalize_key,
)

#: Every column naming an entity in evidence and measures; a merge points them at the kept
#: entity. WITHOUT ROWID tables list their primary key.
_ENTITY_COLUMNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("txn", "payer_id", ("rowid",)),
    ("txn", "payee_id", ("rowid",)),
    ("txn", "reporter_id", ("rowid",)),
    ("txn_source", "reporter_id", ("txn_id", "batch_id", "source_row")),
    ("txn_unmoved", "account_id", ("rowid",)),
    ("txn_unmoved", "counterpart_id", ("rowid",)),
    ("call", "caller_id", ("rowid",)),
    ("call", "callee_id", ("rowid",)),
    ("call", "device_id", ("rowid",)),
    ("call", "reporter_id", ("rowid",)),
    ("call_source", "reporter_id", ("call_id", "batch_id", "source_row")),
    ("measure", "entity_id", ("rowid",)),
)


class EntitiesMixin:
    """The entities part of :class:`workbench.store.CaseStore`."""

    def add_entity(
        self,
        kind: Kind | str,
        key: str | None = None,
        name: str = "",
        *,
        attrs: dict | None = None,
        roles: Iterable[str] = (),
        aliases: Iterable[str] = (),
        regions: Iterable[RegionTag | tuple[str, str]] = (),
        culpability: str = "",
        legal_status: str = "",
        notes: str = "",
    ) -> int:
        """Add an entity and return its id. Raises ``DuplicateKeyError`` for a known key."""
        kind = Kind(kind)
        norm, valid, problem = normalize_key(kind, key)
        if kind is Kind.ORGANISATION and norm is None and name:
            norm = None  # organisations are told apart by id; names may repeat
        if not norm and not name.strip():
            raise ValidationError("name", name, "an entity needs a name or a key")
        values = {
            "kind": kind.value,
            "key": norm,
            "name": name.strip(),
            "key_valid": int(valid),
            "key_problem": problem,
            "culpability": culpability,
            "legal_status": legal_status,
            "notes": notes,
            "attrs": {**derived_attrs(kind, norm), **dict(attrs or {})},
            "roles": list(roles),
            "aliases": list(aliases),
            "regions": [_tag(r) for r in regions],
        }
        _validate(values)
        with self._write("add entity", {"entity"}) as touched:
            if norm is not None:
                existing = self._find_id(kind, norm)
                if existing is not None:
                    raise DuplicateKeyError(kind.value, norm, existing)
            entity_id = self._insert_entity(None, values)
            touched.add(entity_id)
            self._audit("create", "entity", entity_id, entity_id, None, _public(values))
        return entity_id

    def ensure_entity(self, kind: Kind | str, key: str, name: str = "", **fields) -> int:
        """The id of the entity with this natural key, created if the case lacks it."""
        kind = Kind(kind)
        norm, _, _ = normalize_key(kind, key)
        existing = self._find_id(kind, norm) if norm else None
        if existing is not None:
            return existing
        return self.add_entity(kind, key, name, **fields)

    def _versioned(self) -> bool:
        # A case kept at an older schema (opened without upgrading) has no version column.
        return any(c[0] == "version" for c in self._entity_columns())

    def _insert_entity(self, entity_id: int | None, v: dict, ts: str | None = None) -> int:
        ts = ts or clock.now()
        versioned = self._versioned()
        cur = self._conn.execute(
            "INSERT INTO entity (id, kind, key, name, key_valid, key_problem, culpability, "
            "legal_status, notes, attrs, created_at, updated_at"
            + (
                ", version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
                if versioned
                else ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
            ),
            (
                entity_id,
                v["kind"],
                v["key"],
                v["name"],
                v["key_valid"],
                v["key_problem"],
                v["culpability"],
                v["legal_status"],
                v["notes"],
                json.dumps(v["attrs"], ensure_ascii=False),
                v.get("created_at") or ts,
                v.get("updated_at") or ts,
                *((v.get("version", 1),) if versioned else ()),
            ),
        )
        eid = cur.lastrowid if entity_id is None else entity_id
        self._replace_sets(eid, v)
        return eid

    def _replace_sets(self, eid: int, v: dict) -> None:
        c = self._conn
        if "roles" in v:
            c.execute("DELETE FROM entity_role WHERE entity_id = ?", (eid,))
            c.executemany(
                "INSERT OR IGNORE INTO entity_role VALUES (?, ?)", [(eid, r) for r in v["roles"]]
            )
        if "aliases" in v:
            c.execute("DELETE FROM entity_alias WHERE entity_id = ?", (eid,))
            c.executemany(
                "INSERT OR IGNORE INTO entity_alias VALUES (?, ?)",
                [(eid, a.strip()) for a in v["aliases"] if a.strip()],
            )
        if "regions" in v:
            c.execute("DELETE FROM entity_region WHERE entity_id = ?", (eid,))
            for t in v["regions"]:
                if self.region(t.code) is None:
                    raise ValidationError("region", t.code, "unknown region code")
            c.executemany(
                "INSERT OR IGNORE INTO entity_region (entity_id, region_code, reason, note) "
                "VALUES (?, ?, ?, ?)",
                [(eid, t.code, t.reason, t.note) for t in v["regions"]],
            )

    def update_entity(
        self, entity_id: int, *, expected_version: int | None = None, **changes
    ) -> None:
        """Change fields of an entity (see ``EDITABLE``); each change is audited old -> new.

        ``expected_version`` is the ``Entity.version`` the edit was made against (what
        the analyst was shown): when the row has moved on since, the edit is refused
        with ``EditConflictError`` naming who changed it, and nothing is written.
        """
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise ValidationError("field", sorted(unknown), "not an editable field")
        current = self.entity(entity_id)
        if expected_version is not None and current.version != expected_version:
            raise EditConflictError("entity", entity_id, self.last_editor(entity_id), current)
        values: dict = {}
        if "key" in changes:
            norm, valid, problem = normalize_key(current.kind, changes.pop("key"))
            values.update(key=norm, key_valid=int(valid), key_problem=problem)
            implied = derived_attrs(current.kind, norm)
            if implied:
                # The platform or chain follows the key, unless the same edit sets attrs.
                changes["attrs"] = {**current.attrs, **implied, **changes.get("attrs", {})}
        if "regions" in changes:
            changes["regions"] = [_tag(r) for r in changes["regions"]]
        if "name" in changes:
            changes["name"] = changes["name"].strip()
        values.update(changes)
        _validate(values)
        old_public = _public(_as_values(current))
        new_public = {**old_public, **_public(values)}
        diff_old = {k: old_public[k] for k in _public(values) if old_public.get(k) != new_public[k]}
        diff_new = {k: new_public[k] for k in diff_old}
        if not diff_old:
            return
        with self._write("edit entity", {"entity"}, [entity_id]):
            # Another analyst of a server case may have changed it since it was read: the
            # edit was made against that reading, so it is refused, never written over.
            self._refuse_if_changed(current)
            if values.get("key") is not None and values["key"] != current.key:
                other = self._find_id(current.kind, values["key"])
                if other is not None and other != entity_id:
                    raise DuplicateKeyError(current.kind.value, values["key"], other)
            scalar = {
                k: (json.dumps(v, ensure_ascii=False) if k == "attrs" else v)
                for k, v in values.items()
                if k not in ("roles", "aliases", "regions")
            }
            scalar["updated_at"] = clock.now()
            assignments = ", ".join(f"{k} = ?" for k in scalar)
            self._conn.execute(
                f"UPDATE entity SET {assignments}"
                + (", version = version + 1" if self._versioned() else "")
                + " WHERE id = ?",
                (*scalar.values(), entity_id),
            )
            self._replace_sets(entity_id, values)
            self._audit("edit", "entity", entity_id, entity_id, diff_old, diff_new)

    def last_editor(self, entity_id: int) -> str:
        """The analyst of the entity's latest audit row ("" when none)."""
        row = self._conn.execute(
            "SELECT analyst FROM audit WHERE entity_id = ? ORDER BY id DESC LIMIT 1", (entity_id,)
        ).fetchone()
        return row[0] if row else ""

    def last_editor_of(self, table: str, row_id: int) -> str:
        """The analyst of the latest audit row about one row of ``table`` (a link, a
        chart's items by chart id) ("" when none)."""
        row = self._conn.execute(
            "SELECT analyst FROM audit WHERE tbl = ? AND row_id = ? ORDER BY id DESC LIMIT 1",
            (table, row_id),
        ).fetchone()
        return row[0] if row else ""

    def _refuse_if_changed(self, seen: Entity) -> None:
        # Read under the case's write lock: the row as the last committed writer left it.
        now = self.entity(seen.id)
        if now.version != seen.version or now != seen:
            raise EditConflictError("entity", seen.id, self.last_editor(seen.id), now)

    def delete_entity(self, entity_id: int) -> EntitySnapshot:
        """Delete an entity and its links; return a snapshot that ``restore_entity`` takes.

        Refused with ``EntityInUseError`` while transactions or calls refer to it.
        """
        entity = self.entity(entity_id)
        txns, calls = self._fact_counts(entity_id)
        if txns or calls:
            raise EntityInUseError(entity_id, txns, calls)
        links = self.links_of(entity_id)
        snapshot = EntitySnapshot(entity, links, self.entity_chart_items(entity_id))
        touched = {entity_id} | {lk.source_id for lk in links} | {lk.target_id for lk in links}
        with self._write("delete entity", {"entity", "link", "chart_item"}, touched):
            self._conn.execute("DELETE FROM entity WHERE id = ?", (entity_id,))
            self._audit("delete", "entity", entity_id, entity_id, _public(_as_values(entity)), None)
        return snapshot

    def restore_entity(self, snapshot: EntitySnapshot) -> None:
        """Put a deleted entity back with its id, sets and links."""
        e = snapshot.entity
        values = _as_values(e)
        touched = {e.id} | {lk.source_id for lk in snapshot.links}
        touched |= {lk.target_id for lk in snapshot.links}
        with self._write("restore entity", {"entity", "link", "chart_item"}, touched):
            # Back exactly as it was, timestamps included; the audit row says when.
            self._insert_entity(
                e.id,
                {**values, "created_at": e.created_at, "updated_at": e.updated_at,
                 "version": e.version},
            )  # fmt: skip
            for lk in snapshot.links:
                self._insert_link(lk)
            charts = {r[0] for r in self._conn.execute("SELECT id FROM chart")}
            self._insert_chart_items(it for it in snapshot.chart_items if it.chart_id in charts)
            self._audit("restore", "entity", e.id, e.id, None, _public(values))

    def unmoved_orders(self, entity_id: int, limit: int = 200) -> list[dict]:
        """Rows of an account's statements that moved no money (closed or failed orders,
        不计收支 between the owner's own funds), newest first: kept as evidence, counted in
        no sum, trace or pattern."""
        rows = self._conn.execute(
            "SELECT id, ts, direction, amount_fen, status, summary, counterpart, serial "
            "FROM txn_unmoved WHERE account_id = ? ORDER BY ts DESC LIMIT ?",
            (entity_id, limit),
        )
        names = (
            "id",
            "ts",
            "direction",
            "amount_fen",
            "status",
            "summary",
            "counterpart",
            "serial",
        )
        return [dict(zip(names, r, strict=True)) for r in rows]

    def merge_entities(self, keep_id: int, absorb_id: int) -> MergeRecord:
        """Make two entities one: everything that names ``absorb_id`` (transactions, calls,
        orders, measures, links, chart places, regions, roles, aliases) names ``keep_id``,
        and ``absorb_id`` is deleted; its key and name stay as aliases of the kept one.

        For the placeholder account of a statement nobody could name (owner unknown), and
        for a masked card (6222****1234) once its full number is in the case. One
        transaction; :meth:`unmerge_entities` takes it back.
        """
        if keep_id == absorb_id:
            raise ValidationError("entity", absorb_id, "cannot merge an entity into itself")
        keep, absorbed = self.entity(keep_id), self.entity(absorb_id)
        c = self._conn
        links = self.links_of(absorb_id)
        record = MergeRecord(
            keep, EntitySnapshot(absorbed, links, self.entity_chart_items(absorb_id))
        )
        record.absorbed_batch = c.execute(
            "SELECT batch_id FROM entity WHERE id = ?", (absorb_id,)
        ).fetchone()[0]
        touched = (
            {keep_id, absorb_id} | {lk.source_id for lk in links} | {lk.target_id for lk in links}
        )
        with self._write(
            "merge entities", {"entity", "link", "chart_item", "txn", "call"}, touched
        ):
            for table, column, key in _ENTITY_COLUMNS:
                cols = ", ".join(key)
                rows = c.execute(f"SELECT {cols} FROM {table} WHERE {column} = ?", (absorb_id,))
                found = [tuple(r) for r in rows]
                if not found:
                    continue
                record.repointed[(table, column)] = found
                c.execute(
                    f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (keep_id, absorb_id)
                )
            existing = {(lk.type, lk.source_id, lk.target_id) for lk in self.links_of(keep_id)}
            for lk in links:
                src = keep_id if lk.source_id == absorb_id else lk.source_id
                dst = keep_id if lk.target_id == absorb_id else lk.target_id
                if src == dst or (lk.type, src, dst) in existing:
                    continue
                existing.add((lk.type, src, dst))
                moved = replace(lk, id=None, source_id=src, target_id=dst)
                record.links_added.append(self._insert_link(moved, new=True))
            charted = {it.chart_id for it in self.entity_chart_items(keep_id)}
            for it in record.absorbed.chart_items:
                if it.chart_id not in charted:
                    self._insert_chart_items([replace(it, entity_id=keep_id)])
                    record.chart_items_added.append((it.chart_id, keep_id))
            aliases = list(keep.aliases)
            for extra in (absorbed.key or "", absorbed.name, *absorbed.aliases):
                if extra and extra not in aliases and extra not in (keep.key, keep.name):
                    aliases.append(extra)
            merged = {
                "roles": sorted(set(keep.roles) | set(absorbed.roles)),
                "aliases": aliases,
                "regions": list(keep.regions)
                + [r for r in absorbed.regions if r.code not in {k.code for k in keep.regions}],
            }
            self._replace_sets(keep_id, merged)
            c.execute("DELETE FROM entity WHERE id = ?", (absorb_id,))
            self._audit(
                "merge", "entity", keep_id, keep_id,
                {"absorbed": _public(_as_values(absorbed)), "id": absorb_id},
                {"into": keep_id, "repointed": sum(len(v) for v in record.repointed.values())},
            )  # fmt: skip
        return record

    def unmerge_entities(self, record: MergeRecord) -> None:
        """Take back a merge: the absorbed entity returns with its id, links and chart
        places, and every row the merge re-pointed names it again."""
        keep, absorbed = record.keep, record.absorbed.entity
        c = self._conn
        touched = {keep.id, absorbed.id}
        with self._write(
            "unmerge entities", {"entity", "link", "chart_item", "txn", "call"}, touched
        ):
            for link_id in record.links_added:
                c.execute("DELETE FROM link WHERE id = ?", (link_id,))
            for chart_id, entity_id in record.chart_items_added:
                c.execute(
                    "DELETE FROM chart_item WHERE chart_id = ? AND entity_id = ?",
                    (chart_id, entity_id),
                )
            values = _as_values(absorbed)
            self._insert_entity(
                absorbed.id,
                {**values, "created_at": absorbed.created_at, "updated_at": absorbed.updated_at},
            )
            c.execute(
                "UPDATE entity SET batch_id = ? WHERE id = ?", (record.absorbed_batch, absorbed.id)
            )
            for lk in record.absorbed.links:
                self._insert_link(lk)
            charts = {r[0] for r in c.execute("SELECT id FROM chart")}
            self._insert_chart_items(
                it for it in record.absorbed.chart_items if it.chart_id in charts
            )
            for (table, column), rows in record.repointed.items():
                key = next(k for t, col, k in _ENTITY_COLUMNS if (t, col) == (table, column))
                where = " AND ".join(f"{k} = ?" for k in key)
                c.executemany(
                    f"UPDATE {table} SET {column} = ? WHERE {where}",
                    [(absorbed.id, *r) for r in rows],
                )
            self._replace_sets(keep.id, _as_values(keep))
            self._audit(
                "unmerge", "entity", keep.id, keep.id, {"into": keep.id}, {"restored": absorbed.id}
            )

    def _find_id(self, kind: Kind, key: str | None) -> int | None:
        row = self._conn.execute(
            "SELECT id FROM entity WHERE kind = ? AND key = ?", (kind.value, key)
        ).fetchone()
        return row[0] if row else None

    def _fact_counts(self, entity_id: int) -> tuple[int, int]:
        c = self._conn
        txns = c.execute(
            "SELECT (SELECT count(*) FROM txn WHERE payer_id = :e)"
            " + (SELECT count(*) FROM txn WHERE payee_id = :e)",
            {"e": entity_id},
        ).fetchone()[0]
        calls = c.execute(
            "SELECT (SELECT count(*) FROM call WHERE caller_id = :e)"
            " + (SELECT count(*) FROM call WHERE callee_id = :e)"
            " + (SELECT count(*) FROM call WHERE device_id = :e)",
            {"e": entity_id},
        ).fetchone()[0]
        return txns, calls

    def entity(self, entity_id: int) -> Entity:
        """The entity with this id, with roles, aliases and regions."""
        row = self._conn.execute("SELECT * FROM entity WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise NotFoundError("entity", entity_id)
        return self._entity_from_row(row, full=True)

    def has_entity(self, entity_id: int) -> bool:
        return (
            self._conn.execute("SELECT 1 FROM entity WHERE id = ?", (entity_id,)).fetchone()
            is not None
        )

    def find_entity(self, kind: Kind | str, key: str) -> Entity | None:
        """The entity with this natural key (given in any accepted spelling), if any."""
        kind = Kind(kind)
        norm, _, _ = normalize_key(kind, key)
        found = self._find_id(kind, norm) if norm else None
        return self.entity(found) if found is not None else None

    def _entity_from_row(self, row, full: bool) -> Entity:
        d = dict(zip([c[0] for c in self._entity_columns()], row, strict=True))
        e = Entity(
            id=d["id"],
            kind=Kind(d["kind"]),
            key=d["key"],
            name=d["name"],
            key_valid=bool(d["key_valid"]),
            key_problem=d["key_problem"],
            culpability=d["culpability"],
            legal_status=d["legal_status"],
            notes=d["notes"],
            attrs=json.loads(d["attrs"] or "{}"),
            created_at=d["created_at"],
            updated_at=d["updated_at"],
            version=d.get("version", 1),
        )
        if full:
            c = self._conn
            e.roles = [
                r[0]
                for r in c.execute(
                    "SELECT role FROM entity_role WHERE entity_id = ? ORDER BY role", (e.id,)
                )
            ]
            e.aliases = [
                r[0]
                for r in c.execute(
                    "SELECT alias FROM entity_alias WHERE entity_id = ? ORDER BY alias", (e.id,)
                )
            ]
            e.regions = [
                RegionTag(code, reason, name, note)
                for code, reason, name, note in c.execute(
                    "SELECT er.region_code, er.reason, r.name, er.note FROM entity_region er "
                    "JOIN region r ON r.code = er.region_code WHERE er.entity_id = ? "
                    "ORDER BY er.reason, er.region_code",
                    (e.id,),
                )
            ]
        return e

    def _entity_columns(self):
        if not hasattr(self, "_ecols"):
            self._ecols = self._conn.execute("SELECT * FROM entity LIMIT 0").description
        return self._ecols

    def entities(self, kind: Kind | str | None = None) -> list[Entity]:
        """All entities (of a kind), without their sets: for exports and analysis."""
        if kind is None:
            rows = self._conn.execute("SELECT * FROM entity ORDER BY id")
        else:
            rows = self._conn.execute(
                "SELECT * FROM entity WHERE kind = ? ORDER BY id", (Kind(kind).value,)
            )
        return [self._entity_from_row(r, full=False) for r in rows]

    def entity_ids_with_role(self, role: str) -> list[int]:
        return [
            r[0]
            for r in self._conn.execute(
                "SELECT entity_id FROM entity_role WHERE role = ? ORDER BY entity_id", (role,)
            )
        ]

    def region(self, code: str) -> Region | None:
        row = self._conn.execute(
            "SELECT code, name, level, parent, lat, lon, name_en FROM region WHERE code = ?",
            (code,),
        ).fetchone()
        return Region(*row) if row else None

    def regions(self, search: str = "", limit: int = 50) -> list[Region]:
        """Regions whose name, English name or code contains ``search``: provinces first."""
        like = f"%{search.strip()}%"
        return [
            Region(*r)
            for r in self._conn.execute(
                "SELECT code, name, level, parent, lat, lon, name_en FROM region "
                "WHERE name LIKE :q OR name_en LIKE :q OR code LIKE :q "
                "ORDER BY CASE level WHEN 'overseas' THEN 0 WHEN 'province' THEN 1 "
                "WHEN 'prefecture' THEN 2 ELSE 3 END, code LIMIT :n",
                {"q": like, "n": limit},
            )
        ]

    def region_path(self, code: str) -> list[Region]:
        """The region and its parents, outermost first (province, prefecture, county)."""
        path = []
        r = self.region(code)
        while r is not None:
            path.insert(0, r)
            r = self.region(r.parent) if r.parent else None
        return path
