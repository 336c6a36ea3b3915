"""Real data: the CAVIAR wiretap network, imported as call records, puts its leader first.

CAVIAR (Montreal, 1994-1996; Morselli 2009) lists who was intercepted calling whom and how
often. Each participant becomes a phone card and each intercepted call a call record; the
known leader, node 1, must then rank first by degree and by betweenness, as in Morselli's
analysis. The data sit beside the repository in ``../shared/data/caviar`` (read-only in CI).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from workbench.analysis import case_graph, rank
from workbench.store import CaseStore

from .builders import NOW, at, stamp

REPO = Path(__file__).resolve().parents[3]
CAVIAR = REPO / ".." / "shared" / "data" / "caviar"

pytestmark = pytest.mark.skipif(
    not (CAVIAR / "CAVIAR_FULL_edges.csv").exists(),
    reason=f"CAVIAR data not found at {CAVIAR.resolve()} (shared/ beside the clone)",
)


def phone_of(node: int) -> str:
    return f"1390000{node:04d}"


def load(path: Path, edges_file: Path) -> CaseStore:
    """A case with one phone card per participant and one call row per intercepted call."""
    with open(edges_file, encoding="utf-8") as f:
        edges = [
            (int(r["source"]), int(r["target"]), int(float(r["weight"]))) for r in csv.DictReader(f)
        ]
    nodes = sorted({n for a, b, _ in edges for n in (a, b)})
    store = CaseStore.create(path, "caviar")
    with store.bulk("CAVIAR intercepts") as conn:
        conn.executemany(
            "INSERT INTO entity (id, kind, key, created_at, updated_at) "
            "VALUES (?, 'phone_card', ?, ?, ?)",
            [(n, phone_of(n), NOW, NOW) for n in nodes],
        )
        calls = [(a, b, stamp(at(k % 700, 9, k % 60))) for a, b, w in edges for k in range(w)]
        conn.executemany("INSERT INTO call (caller_id, callee_id, ts) VALUES (?, ?, ?)", calls)
    return store


@pytest.fixture(scope="module")
def caviar(tmp_path_factory):
    store = load(
        tmp_path_factory.mktemp("caviar") / "caviar.zlcase", CAVIAR / "CAVIAR_FULL_edges.csv"
    )
    yield store
    store.close()


def test_caviar_calls_import_as_recorded(caviar):
    info = caviar.info()
    assert (info.phone_cards, info.calls) == (110, 2634)


@pytest.mark.parametrize("measure", ["degree", "betweenness"])
def test_caviar_leader_ranks_first(caviar, measure):
    g = case_graph(caviar, "calls")
    assert g.number_of_nodes() == 110 and g.number_of_edges() == 205
    top = rank(g, measure, top=3)
    assert top.entries[0].key == phone_of(1), [(e.key, e.score) for e in top.entries]
    assert top.exact


def test_caviar_leader_leads_by_calls_too(caviar):
    """Weighted by the number of intercepted calls, node 1 and his lieutenant 3 lead."""
    top = rank(case_graph(caviar, "calls"), "weighted_degree", top=2)
    assert [e.key for e in top.entries] == [phone_of(1), phone_of(3)]
