"""Link charts: their settings, and where each entity sits on them."""

from __future__ import annotations

import json
from collections.abc import Iterable

from .. import dbapi
from ..errors import (
    NotFoundError,
    ValidationError,
)
from . import clock
from .records import (
    Chart,
    ChartItem,
    ChartSnapshot,
)


def _chart_item_row(chart_id: int, item: tuple) -> tuple:
    eid, x, y, *rest = item
    style = rest[0] if rest else None
    return (chart_id, int(eid), float(x), float(y),
            json.dumps(style, ensure_ascii=False) if style else "{}")  # fmt: skip


class ChartsMixin:
    """The charts part of :class:`workbench.store.CaseStore`."""

    def charts(self) -> list[Chart]:
        """Every chart of the case, by name."""
        return [
            Chart(r[0], r[1], json.loads(r[2] or "{}"), r[3], r[4], r[5])
            for r in self._conn.execute(
                "SELECT id, name, settings, created_by, created_at, updated_at FROM chart "
                "ORDER BY name COLLATE NOCASE, id"
            )
        ]

    def chart(self, chart_id: int) -> Chart:
        """The chart with this id."""
        row = self._conn.execute(
            "SELECT id, name, settings, created_by, created_at, updated_at FROM chart WHERE id = ?",
            (chart_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError("chart", chart_id)
        return Chart(row[0], row[1], json.loads(row[2] or "{}"), row[3], row[4], row[5])

    def _check_chart_name(self, name: str, chart_id: int | None = None) -> str:
        name = name.strip()
        if not name:
            raise ValidationError("chart name", name, "a chart needs a name")
        row = self._conn.execute("SELECT id FROM chart WHERE name = ?", (name,)).fetchone()
        if row is not None and row[0] != chart_id:
            raise ValidationError("chart name", name, "exists already")
        return name

    def create_chart(
        self,
        name: str,
        settings: dict | None = None,
        items: Iterable[tuple] = (),
        *,
        chart_id: int | None = None,
    ) -> int:
        """Create a chart, optionally with items ``(entity_id, x, y[, style])``; return its id.

        ``chart_id`` re-creates a deleted chart under its old id (redo)."""
        name = self._check_chart_name(name)
        ts = clock.now()
        rows = [_chart_item_row(0, it) for it in items]
        with self._write("create chart", {"chart", "chart_item"}):
            cur = self._conn.execute(
                "INSERT INTO chart (id, name, settings, created_by, created_at, updated_at) "
                "VALUES (?,?,?,?,?,?)",
                (chart_id, name, json.dumps(settings or {}, ensure_ascii=False), self.analyst,
                 ts, ts),
            )  # fmt: skip
            cid = cur.lastrowid
            self._conn.executemany(
                "INSERT INTO chart_item (chart_id, entity_id, x, y, style) VALUES (?,?,?,?,?)",
                [(cid, *r[1:]) for r in rows],
            )
            self._audit("create chart", "chart", cid, None, None,
                        {"name": name, "items": len(rows)})  # fmt: skip
        return cid

    def rename_chart(self, chart_id: int, name: str) -> str:
        """Rename a chart; return the old name."""
        old = self.chart(chart_id).name
        name = self._check_chart_name(name, chart_id)
        with self._write("rename chart", {"chart"}):
            self._conn.execute(
                "UPDATE chart SET name = ?, updated_at = ? WHERE id = ?",
                (name, clock.now(), chart_id),
            )
            self._audit("rename chart", "chart", chart_id, None, {"name": old}, {"name": name})
        return old

    def set_chart_settings(self, chart_id: int, settings: dict) -> dict:
        """Replace a chart's settings (filters, layout, view); return the old settings."""
        old = self.chart(chart_id).settings
        if old == settings:
            return old
        with self._write("chart settings", {"chart"}):
            self._conn.execute(
                "UPDATE chart SET settings = ?, updated_at = ? WHERE id = ?",
                (json.dumps(settings, ensure_ascii=False), clock.now(), chart_id),
            )
            changed = sorted(k for k in set(old) | set(settings) if old.get(k) != settings.get(k))
            self._audit("chart settings", "chart", chart_id, None,
                        {k: old.get(k) for k in changed},
                        {k: settings.get(k) for k in changed})  # fmt: skip
        return old

    def delete_chart(self, chart_id: int) -> ChartSnapshot:
        """Delete a chart with its items (never the entities); return what ``restore_chart``
        takes."""
        snapshot = ChartSnapshot(self.chart(chart_id), self.chart_items(chart_id))
        with self._write("delete chart", {"chart", "chart_item"}):
            self._conn.execute("DELETE FROM chart WHERE id = ?", (chart_id,))
            self._audit("delete chart", "chart", chart_id, None,
                        {"name": snapshot.chart.name, "items": len(snapshot.items)}, None)  # fmt: skip
        return snapshot

    def restore_chart(self, snapshot: ChartSnapshot) -> None:
        """Put a deleted chart back with its id, settings and items."""
        c = snapshot.chart
        with self._write("restore chart", {"chart", "chart_item"}):
            self._conn.execute(
                "INSERT INTO chart (id, name, settings, created_by, created_at, updated_at) "
                "VALUES (?,?,?,?,?,?)",
                (c.id, c.name, json.dumps(c.settings, ensure_ascii=False), c.created_by,
                 c.created_at, c.updated_at),
            )  # fmt: skip
            self._insert_chart_items(snapshot.items)
            self._audit("restore chart", "chart", c.id, None, None,
                        {"name": c.name, "items": len(snapshot.items)})  # fmt: skip

    def chart_items(self, chart_id: int) -> list[ChartItem]:
        """The entities on a chart with their positions and styles, by entity id."""
        return [
            ChartItem(chart_id, r[0], r[1], r[2], json.loads(r[3]) if r[3] != "{}" else {})
            for r in self._conn.execute(
                "SELECT entity_id, x, y, style FROM chart_item WHERE chart_id = ? "
                "ORDER BY entity_id",
                (chart_id,),
            )
        ]

    def chart_positions(self, chart_id: int) -> dict[int, tuple[float, float]]:
        """Entity id -> (x, y) of everything on a chart: what opening a chart needs, without
        building 20,000 records."""
        return {
            r[0]: (r[1], r[2])
            for r in self._conn.execute(
                "SELECT entity_id, x, y FROM chart_item WHERE chart_id = ?", (chart_id,)
            )
        }

    def entity_chart_items(self, entity_id: int) -> list[ChartItem]:
        """Where an entity sits on every chart (kept with a deleted entity for its undo)."""
        return [
            ChartItem(r[0], entity_id, r[1], r[2], json.loads(r[3]) if r[3] != "{}" else {})
            for r in self._conn.execute(
                "SELECT chart_id, x, y, style FROM chart_item WHERE entity_id = ? "
                "ORDER BY chart_id",
                (entity_id,),
            )
        ]

    def _insert_chart_items(self, items: Iterable[ChartItem]) -> None:
        self._conn.executemany(
            "INSERT INTO chart_item (chart_id, entity_id, x, y, style) VALUES (?,?,?,?,?)",
            [
                (it.chart_id, it.entity_id, float(it.x), float(it.y),
                 json.dumps(it.style, ensure_ascii=False) if it.style else "{}")
                for it in items
            ],
        )  # fmt: skip

    def add_chart_items(self, chart_id: int, items: Iterable[tuple]) -> list[int]:
        """Put entities on a chart: ``(entity_id, x, y[, style])``. Entities already there
        stay where they are; returns the ids actually added (what an undo removes)."""
        self.chart(chart_id)
        present = {
            r[0]
            for r in self._conn.execute(
                "SELECT entity_id FROM chart_item WHERE chart_id = ?", (chart_id,)
            )
        }
        rows, seen = [], set()
        for it in items:
            row = _chart_item_row(chart_id, it)
            if row[1] in present or row[1] in seen:
                continue
            seen.add(row[1])
            rows.append(row)
        if not rows:
            return []
        with self._write("add to chart", {"chart_item"}):
            try:
                self._conn.executemany(
                    "INSERT INTO chart_item (chart_id, entity_id, x, y, style) VALUES (?,?,?,?,?)",
                    rows,
                )
            except dbapi.IntegrityError as e:
                raise NotFoundError("entity", [r[1] for r in rows]) from e
            self._touch_chart(chart_id)
            self._audit("add to chart", "chart_item", chart_id, None, None,
                        {"entities": [r[1] for r in rows]})  # fmt: skip
        return [r[1] for r in rows]

    def remove_chart_items(self, chart_id: int, entity_ids: Iterable[int]) -> list[ChartItem]:
        """Take entities off a chart (not out of the case); return the removed items so an
        undo can put them back with ``restore_chart_items``."""
        wanted = set(entity_ids)
        removed = [it for it in self.chart_items(chart_id) if it.entity_id in wanted]
        if not removed:
            return []
        with self._write("remove from chart", {"chart_item"}):
            self._conn.executemany(
                "DELETE FROM chart_item WHERE chart_id = ? AND entity_id = ?",
                [(chart_id, it.entity_id) for it in removed],
            )
            self._touch_chart(chart_id)
            self._audit("remove from chart", "chart_item", chart_id, None,
                        {"entities": [it.entity_id for it in removed]}, None)  # fmt: skip
        return removed

    def restore_chart_items(self, items: Iterable[ChartItem]) -> None:
        """Put chart items back as ``remove_chart_items`` or ``entity_chart_items`` gave
        them; items of charts deleted meanwhile are skipped."""
        items = list(items)
        charts = {r[0] for r in self._conn.execute("SELECT id FROM chart")}
        items = [it for it in items if it.chart_id in charts]
        if not items:
            return
        with self._write("restore chart items", {"chart_item"}):
            self._conn.executemany(
                "DELETE FROM chart_item WHERE chart_id = ? AND entity_id = ?",
                [(it.chart_id, it.entity_id) for it in items],
            )
            self._insert_chart_items(items)
            self._audit("restore chart items", "chart_item", items[0].chart_id, None, None,
                        {"entities": [it.entity_id for it in items]})  # fmt: skip

    def set_chart_positions(
        self, chart_id: int, positions: dict[int, tuple[float, float]]
    ) -> dict[int, tuple[float, float]]:
        """Move entities on a chart, all in one transaction; return their old positions.

        Entities not on the chart are ignored."""
        old = {
            r[0]: (r[1], r[2])
            for r in self._conn.execute(
                "SELECT entity_id, x, y FROM chart_item WHERE chart_id = ?", (chart_id,)
            )
            if r[0] in positions
        }
        if not old:
            return {}
        with self._write("move on chart", {"chart_item"}):
            self._conn.executemany(
                "UPDATE chart_item SET x = ?, y = ? WHERE chart_id = ? AND entity_id = ?",
                [(float(positions[e][0]), float(positions[e][1]), chart_id, e) for e in old],
            )
            self._touch_chart(chart_id)
            # One row for a whole layout: the positions themselves are the chart's business.
            self._audit("move on chart", "chart_item", chart_id, None, None,
                        {"moved": len(old)} if len(old) > 20 else
                        {str(e): list(positions[e]) for e in old})  # fmt: skip
        return old

    def set_chart_styles(self, chart_id: int, styles: dict[int, dict]) -> dict[int, dict]:
        """Set the style of entities on a chart; return the old styles."""
        old = {
            it.entity_id: it.style for it in self.chart_items(chart_id) if it.entity_id in styles
        }
        if not old:
            return {}
        with self._write("style on chart", {"chart_item"}):
            self._conn.executemany(
                "UPDATE chart_item SET style = ? WHERE chart_id = ? AND entity_id = ?",
                [(json.dumps(styles[e], ensure_ascii=False), chart_id, e) for e in old],
            )
            self._touch_chart(chart_id)
            self._audit("style on chart", "chart_item", chart_id, None,
                        {str(e): v for e, v in old.items()},
                        {str(e): styles[e] for e in old})  # fmt: skip
        return old

    def _touch_chart(self, chart_id: int) -> None:
        self._conn.execute("UPDATE chart SET updated_at = ? WHERE id = ?", (clock.now(), chart_id))
