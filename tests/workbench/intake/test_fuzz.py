"""Mutated statements never crash the importer, never take a good file down with them and
never lose rows quietly (a bounded budget: ``benchmarks/fuzz.py --cases N`` runs more)."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.store import CaseStore

from .hostile import MUTATIONS, check_import, good_statement, mutate
from .layouts import all_layouts

LAYOUTS = all_layouts()


@settings(max_examples=15, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(
    layout=st.sampled_from(range(len(LAYOUTS))),
    how=st.sampled_from(MUTATIONS),
    seed=st.integers(0, 2**32 - 1),
)
def test_mutated_layouts_are_contained(tmp_path_factory, layout, how, seed):
    folder = tmp_path_factory.mktemp("fuzz")
    lay = LAYOUTS[layout]
    bad = mutate(lay.build(folder), how, random.Random(seed))
    store = CaseStore.create(folder / "case.zlcase", "fuzz")
    try:
        owner = lay.given_owner if lay.owner is None else None
        assert check_import(store, good_statement(folder, "zz_good.csv"), bad, owner=owner) == []
    finally:
        store.close()
