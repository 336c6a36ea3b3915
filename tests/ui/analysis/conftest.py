"""A writable copy of the demo case with its document, for the analysis panels."""

from __future__ import annotations

import shutil

import pytest

from ui.document import CaseDocument
from workbench.store import CaseStore


@pytest.fixture
def demo_copy(demo_path, tmp_path):
    path = tmp_path / "demo.zlcase"
    shutil.copy(demo_path, path)
    return path


@pytest.fixture
def doc(qapp, demo_copy):
    store = CaseStore.open(demo_copy, "analyst")
    document = CaseDocument(store)
    yield document
    if not store.closed:
        document.close()
