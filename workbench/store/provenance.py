"""Provenance: import batches, the rows they rejected, where a fact was read, mapping
profiles, and undoing an import."""

from __future__ import annotations

import json

from .. import dbapi
from ..errors import (
    EntityInUseError,
    ValidationError,
)
from . import clock


class ProvenanceMixin:
    """The provenance part of :class:`workbench.store.CaseStore`."""

    def mapping_profiles(self) -> dict[str, dict]:
        """Saved column mappings by name: {'kind', 'signature', 'mapping', 'analyst', ...}."""
        return {
            name: {"kind": kind, "signature": sig, "mapping": json.loads(mapping),
                   "analyst": analyst, "created_at": created}
            for name, kind, sig, mapping, analyst, created in self._conn.execute(
                "SELECT name, kind, signature, mapping, analyst, created_at "
                "FROM mapping_profile ORDER BY name"
            )
        }  # fmt: skip

    def save_mapping_profile(self, name: str, kind: str, signature: str, mapping: dict) -> None:
        """Save (or replace) a named mapping; it applies when the same header returns."""
        name = name.strip()
        if not name:
            raise ValidationError("profile", name, "a profile needs a name")
        old = self.mapping_profiles().get(name)
        with self._write("save mapping profile", {"mapping_profile"}):
            self._conn.execute(
                "INSERT INTO mapping_profile (name, kind, signature, mapping, analyst, "
                "created_at) VALUES (?,?,?,?,?,?) ON CONFLICT(name) DO UPDATE SET "
                "kind = excluded.kind, signature = excluded.signature, "
                "mapping = excluded.mapping, analyst = excluded.analyst",
                (name, kind, signature, json.dumps(mapping, ensure_ascii=False), self.analyst,
                 clock.now()),
            )  # fmt: skip
            self._audit("edit" if old else "create", "mapping_profile", None, None,
                        old and old["mapping"], mapping)  # fmt: skip

    def import_batches(self) -> list[dict]:
        """Every import batch, newest first, with its counts."""
        cols = ("id", "file_name", "file_size", "sha256", "kind", "profile", "analyst",
                "imported_at", "counts")  # fmt: skip
        rows = self._conn.execute(
            f"SELECT {', '.join(cols)} FROM import_batch ORDER BY id DESC"
        ).fetchall()
        return [{**dict(zip(cols, r, strict=True)), "counts": json.loads(r[-1])} for r in rows]

    def rejected_rows(self, batch_id: int | None = None) -> list[tuple]:
        """Rows imports could not read: (batch, file, line, column, value, reason)."""
        where, params = ("WHERE batch_id = ?", (batch_id,)) if batch_id is not None else ("", ())
        return [
            tuple(r)
            for r in self._conn.execute(
                f"SELECT batch_id, file, line, col, value, reason FROM rejected_row {where} "
                "ORDER BY batch_id, line",
                params,
            )
        ]

    def remove_batches(self, batch_ids: list[int]) -> dict[str, int]:
        """Take back everything imports wrote: their facts, the source rows they added to
        facts stored before, rejected rows, links and the entities they created (with what
        was inferred about them), and the batches themselves. Used to undo an import.

        Refused (nothing changes) when later evidence refers to an entity they created.
        """
        if not batch_ids:
            return {}
        marks = ", ".join("?" * len(batch_ids))
        origins = [f"import:{b}" for b in batch_ids]
        c = self._conn
        new_entities = [
            r[0] for r in c.execute(f"SELECT id FROM entity WHERE batch_id IN ({marks})", batch_ids)
        ]
        counts: dict[str, int] = {}
        with self._write("undo import", {"entity", "link", "txn", "call", "import_batch"}) as t:
            t.update(new_entities)
            for table, column in (("txn_source", "batch_id"), ("call_source", "batch_id"),
                                  ("rejected_row", "batch_id"),
                                  ("txn_unmoved", "batch_id")):  # fmt: skip
                counts[table] = c.execute(
                    f"DELETE FROM {table} WHERE {column} IN ({marks})", batch_ids
                ).rowcount
            counts["txn"] = c.execute(
                f"DELETE FROM txn WHERE batch_id IN ({marks})", batch_ids
            ).rowcount
            counts["call"] = c.execute(
                f"DELETE FROM call WHERE batch_id IN ({marks})", batch_ids
            ).rowcount
            counts["link"] = c.execute(
                f"DELETE FROM link WHERE origin IN ({', '.join('?' * len(origins))})", origins
            ).rowcount
            try:
                counts["entity"] = c.execute(
                    f"DELETE FROM entity WHERE batch_id IN ({marks})", batch_ids
                ).rowcount
            except dbapi.IntegrityError as e:
                raise EntityInUseError(new_entities[0] if new_entities else 0, 0, 0) from e
            c.execute(f"DELETE FROM import_batch WHERE id IN ({marks})", batch_ids)
            self._audit("undo import", "import_batch", None, None, {"batches": batch_ids}, counts)
        return counts

    def sources_of_transaction(self, txn_id: int) -> list[tuple[str, int]]:
        """(file name, line) of every statement row that reported a transaction: the row it
        was first read from, then the other party's statement rows."""
        return [
            tuple(r)
            for r in self._conn.execute(
                "SELECT b.file_name, t.source_row FROM txn t JOIN import_batch b "
                "ON b.id = t.batch_id WHERE t.id = :t UNION ALL "
                "SELECT b.file_name, s.source_row FROM txn_source s JOIN import_batch b "
                "ON b.id = s.batch_id WHERE s.txn_id = :t",
                {"t": txn_id},
            )
        ]
