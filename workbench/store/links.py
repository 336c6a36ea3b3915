"""Links between entities, their types, and an entity's neighbourhood."""

from __future__ import annotations

from ..errors import (
    NotFoundError,
    ValidationError,
)
from ..model import (
    MANUAL,
    Entity,
    Link,
)
from . import clock
from .records import (
    Neighbour,
)
from .values import (
    _link_public,
)


class LinksMixin:
    """The links part of :class:`workbench.store.CaseStore`."""

    def link_types(self) -> list[tuple[str, str, str, bool, bool]]:
        """(code, English, Chinese, directed, builtin) of every link type in the case."""
        return [
            (r[0], r[1], r[2], bool(r[3]), bool(r[4]))
            for r in self._conn.execute(
                "SELECT code, en, zh, directed, builtin FROM link_type ORDER BY builtin DESC, code"
            )
        ]

    def add_link_type(self, code: str, en: str, zh: str = "", directed: bool = True) -> None:
        """Define an analyst's own link type."""
        code = code.strip()
        if not code or not en.strip():
            raise ValidationError("link type", code, "a link type needs a code and a name")
        if any(t[0] == code for t in self.link_types()):
            raise ValidationError("link type", code, "exists already")
        with self._write("add link type", {"link_type"}):
            self._conn.execute(
                "INSERT INTO link_type (code, en, zh, directed, builtin) VALUES (?,?,?,?,0)",
                (code, en.strip(), zh.strip() or en.strip(), int(directed)),
            )
            self._audit("create", "link_type", None, None, None, {"code": code, "en": en})

    def delete_link_type(self, code: str) -> None:
        """Remove an analyst-defined link type that no link uses (undo of ``add_link_type``)."""
        row = self._conn.execute(
            "SELECT builtin, (SELECT count(*) FROM link WHERE type = :c) FROM link_type "
            "WHERE code = :c",
            {"c": code},
        ).fetchone()
        if row is None:
            raise NotFoundError("link type", code)
        if row[0] or row[1]:
            raise ValidationError("link type", code, "built in or in use")
        with self._write("delete link type", {"link_type"}):
            self._conn.execute("DELETE FROM link_type WHERE code = ?", (code,))
            self._audit("delete", "link_type", None, None, {"code": code}, None)

    def add_link(
        self,
        type: str,
        source_id: int,
        target_id: int,
        *,
        origin: str = MANUAL,
        confidence: float = 1.0,
        note: str = "",
        weight: float = 1.0,
    ) -> int:
        """Link two entities; returns the link id."""
        if source_id == target_id:
            raise ValidationError("link", (source_id, target_id), "an entity cannot link to itself")
        if not 0.0 <= confidence <= 1.0:
            raise ValidationError("confidence", confidence, "must be between 0 and 1")
        if type not in {t[0] for t in self.link_types()}:
            raise ValidationError("link type", type, "unknown link type")
        for eid in (source_id, target_id):
            if not self.has_entity(eid):
                raise NotFoundError("entity", eid)
        link = Link(0, type, source_id, target_id, origin, confidence, note, weight, clock.now())
        with self._write("add link", {"link"}, [source_id, target_id]):
            link.id = self._insert_link(link, new=True)
            self._audit("link", "link", link.id, source_id, None, _link_public(link))
        return link.id

    def _insert_link(self, link: Link, new: bool = False) -> int:
        cur = self._conn.execute(
            "INSERT INTO link (id, type, source_id, target_id, origin, confidence, weight, note, "
            "created_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                None if new else link.id,
                link.type,
                link.source_id,
                link.target_id,
                link.origin,
                link.confidence,
                link.weight,
                link.note,
                link.created_at or clock.now(),
            ),
        )
        return cur.lastrowid

    def link(self, link_id: int) -> Link:
        row = self._conn.execute(
            "SELECT id, type, source_id, target_id, origin, confidence, note, weight, created_at "
            "FROM link WHERE id = ?",
            (link_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError("link", link_id)
        return Link(*row)

    def update_link(self, link_id: int, **changes) -> None:
        """Change a link's type, confidence, note or weight."""
        allowed = {"type", "confidence", "note", "weight"}
        if set(changes) - allowed:
            raise ValidationError("field", sorted(set(changes) - allowed), "not editable")
        old = self.link(link_id)
        if "confidence" in changes and not 0.0 <= changes["confidence"] <= 1.0:
            raise ValidationError("confidence", changes["confidence"], "must be between 0 and 1")
        diff_old = {k: getattr(old, k) for k in changes if getattr(old, k) != changes[k]}
        if not diff_old:
            return
        diff_new = {k: changes[k] for k in diff_old}
        with self._write("edit link", {"link"}, [old.source_id, old.target_id]):
            sets = ", ".join(f"{k} = ?" for k in diff_new)
            self._conn.execute(
                f"UPDATE link SET {sets} WHERE id = ?", (*diff_new.values(), link_id)
            )
            self._audit("edit", "link", link_id, old.source_id, diff_old, diff_new)

    def delete_link(self, link_id: int) -> Link:
        """Delete a link and return it, for ``restore_link``."""
        old = self.link(link_id)
        with self._write("delete link", {"link"}, [old.source_id, old.target_id]):
            self._conn.execute("DELETE FROM link WHERE id = ?", (link_id,))
            self._audit("unlink", "link", link_id, old.source_id, _link_public(old), None)
        return old

    def restore_link(self, link: Link) -> None:
        """Put a deleted link back with its id."""
        with self._write("restore link", {"link"}, [link.source_id, link.target_id]):
            self._insert_link(link)
            self._audit("link", "link", link.id, link.source_id, None, _link_public(link))

    def links_of(self, entity_id: int) -> list[Link]:
        """Every link that starts or ends at an entity."""
        return [
            Link(*r)
            for r in self._conn.execute(
                "SELECT id, type, source_id, target_id, origin, confidence, note, weight, "
                "created_at FROM link WHERE source_id = :e UNION ALL "
                "SELECT id, type, source_id, target_id, origin, confidence, note, weight, "
                "created_at FROM link WHERE target_id = :e ORDER BY id",
                {"e": entity_id},
            )
        ]

    def neighbourhood(self, entity_id: int, max_facts: int = 12) -> list[Neighbour]:
        """The entity's direct links, plus its strongest money and call counterparts.

        Money and calls are facts, not links; they are aggregated per counterpart and the
        ``max_facts`` largest of each are returned.
        """
        out: list[Neighbour] = []
        others: dict[int, Entity] = {}

        def other(eid: int) -> Entity:
            if eid not in others:
                others[eid] = self.entity(eid)
            return others[eid]

        for lk in self.links_of(entity_id):
            outgoing = lk.source_id == entity_id
            out.append(
                Neighbour(
                    other(lk.target_id if outgoing else lk.source_id), lk.type, outgoing, lk.id
                )
            )
        c = self._conn
        money = c.execute(
            "SELECT payee_id, 1, count(*), sum(amount_fen) FROM txn "
            "WHERE payer_id = :e AND payee_id IS NOT NULL GROUP BY payee_id "
            "UNION ALL SELECT payer_id, 0, count(*), sum(amount_fen) FROM txn "
            "WHERE payee_id = :e AND payer_id IS NOT NULL GROUP BY payer_id "
            "ORDER BY 4 DESC LIMIT :n",
            {"e": entity_id, "n": max_facts},
        ).fetchall()
        for oid, outgoing, n, total in money:
            out.append(Neighbour(other(oid), "money", bool(outgoing), None, n, total))
        calls = c.execute(
            "SELECT callee_id, 1, count(*) FROM call WHERE caller_id = :e GROUP BY callee_id "
            "UNION ALL SELECT caller_id, 0, count(*) FROM call WHERE callee_id = :e "
            "GROUP BY caller_id ORDER BY 3 DESC LIMIT :n",
            {"e": entity_id, "n": max_facts},
        ).fetchall()
        for oid, outgoing, n in calls:
            out.append(Neighbour(other(oid), "calls", bool(outgoing), None, n))
        return out
