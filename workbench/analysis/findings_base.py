"""What the fraud-pattern detectors return: :class:`Finding`, and the helpers every detector
module shares to build findings and check parameters.

Kept apart from :mod:`.patterns` so that the detector modules (:mod:`.patterns`,
:mod:`.phones`, :mod:`.loops`) can all import it without importing each other.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

from ._common import AnalysisError, entity_refs

#: Evidence rows kept per table and finding; enough to show, small enough to store.
EVIDENCE_CAP = 50


@dataclass
class Finding:
    """One entity showing one pattern."""

    pattern: str
    entity_id: int
    key: str | None
    kind: str
    name: str
    score: float
    metrics: dict = field(default_factory=dict)
    params: dict = field(default_factory=dict)
    #: Row ids behind the finding: {"txn": [...], "call": [...], "link": [...]}.
    evidence: dict[str, list[int]] = field(default_factory=dict)
    #: Stable across runs: ``pattern:key`` (``pattern:#id`` for an entity without a key).
    identity: str = ""
    #: The other entity of a finding about a pair (``phone_switch``: the new number;
    #: ``companion``: the second number); ``None`` for findings about one entity.
    counterpart_id: int | None = None
    counterpart_key: str | None = None

    def __post_init__(self) -> None:
        if not self.identity:
            self.identity = f"{self.pattern}:{self.key or f'#{self.entity_id}'}"
            if self.counterpart_id is not None:
                other = self.counterpart_key or f"#{self.counterpart_id}"
                self.identity += f">{other}"

    def to_dict(self) -> dict:
        """Plain data for JSON (the counterpart only for findings about a pair)."""
        out = asdict(self)
        if self.counterpart_id is None:
            del out["counterpart_id"], out["counterpart_key"]
        return out


def _findings(
    conn: sqlite3.Connection,
    pattern: str,
    hits: Iterable[tuple[int, float, dict, dict[str, list[int]]]],
    params: dict,
) -> list[Finding]:
    """Findings from (entity id, score, metrics, evidence), strongest first."""
    hits = list(hits)
    refs = entity_refs(conn, (h[0] for h in hits))
    out = []
    for eid, score, metrics, evidence in hits:
        ref = refs[eid]
        capped = {t: sorted(ids)[:EVIDENCE_CAP] for t, ids in evidence.items() if ids}
        out.append(
            Finding(pattern, eid, ref.key, ref.kind, ref.name, score, metrics, params, capped)
        )
    out.sort(key=lambda f: (-f.score, f.entity_id))
    return out


def _check_positive(**values) -> None:
    for name, value in values.items():
        if value is None or value <= 0:
            raise AnalysisError(name.replace("_", " "), value, "must be positive")


def _defaults(function: Callable, given: dict) -> dict:
    """The keyword parameters a detector ran with: its defaults, overridden by ``given``."""
    defaults = function.__kwdefaults__ or {}
    return {k: given.get(k, v) for k, v in defaults.items() if k != "cap"}
