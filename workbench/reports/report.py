"""The case report: the figures a county's anti-fraud centre reports, the suspects, the
stop-payment list.

Counting rules, as the article's figures read:

- a *suspect* is a person with a role other than victim, or a culpability;
- *caught* (抓获) are suspects whose legal status is set and is not 在逃 (at large);
- *coercive measures* (刑事强制措施) are 刑事拘留, 取保候审 and 逮捕, and everyone further along
  (移送起诉, 判决) had one first, so they count too;
- *transferred for prosecution* (移送起诉) counts 移送起诉 and 判决;
- *losses* are victims' payments into cards held by suspects; the *return rate* is the money
  returned (measure ``return``) over the losses;
- the stop-payment list follows all those payments forward (three levels, one day window).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..analysis._common import connection
from ..analysis.trace import stop_list_rows, trace_funds
from ..audit import audit_chain_head, verify_audit_chain
from ..identifiers import mask_identifier, mask_text
from ..model import LEGAL_STATUS, MEASURES, Kind
from ..store import CaseStore
from .orgchart import ROLE_RANK

CUSTODY = ("detained", "bail", "arrested", "prosecuted", "sentenced")
PROSECUTED = ("prosecuted", "sentenced")


@dataclass
class SuspectRow:
    """One line of the suspects table."""

    entity_id: int
    name: str
    id_number: str
    roles: list[str]
    culpability: str
    legal_status: str
    region: str
    gang: str


@dataclass
class CaseReport:
    """Figures, suspects and stop list of a case (amounts in fen)."""

    suspects: int
    caught: int
    at_large: int
    coercive: int
    prosecuted: int
    by_status: dict[str, int]
    victims: int
    losses_fen: int
    accounts: dict[str, int]  # measure action -> distinct accounts
    amounts: dict[str, int]  # measure action -> fen
    return_rate: float
    suspect_rows: list[SuspectRow] = field(default_factory=list)
    stop_list: list[dict[str, str]] = field(default_factory=list)
    stop_list_truncated: bool = False
    #: Built with ``mask_ids``: every text above is masked.
    masked: bool = False
    #: The audit log's chain head when the report was built: rows, last row id, its hash.
    #: Printed, it lets the log be checked against this copy later.
    audit_rows: int = 0
    audit_head_id: int | None = None
    audit_head: str = ""
    #: The chain verified when the report was built; else the first row that broke it.
    audit_ok: bool = True
    audit_first_bad: int | None = None


_SUSPECT_SQL = (
    "SELECT id FROM entity WHERE kind = 'person' AND (culpability != '' OR id IN "
    "(SELECT entity_id FROM entity_role WHERE role != 'victim'))"
)


def victim_payments(store: CaseStore) -> list[int]:
    """Ids of victims' payments into cards that suspects hold, oldest first.

    A victim's card is one a person with the role victim holds; a suspect's card is one a
    suspect holds (see the module docstring).
    """
    conn = connection(store)
    return [
        r[0]
        for r in conn.execute(
            "SELECT t.id FROM txn t WHERE t.payer_id IN (SELECT l.target_id FROM link l JOIN "
            "entity_role r ON r.entity_id = l.source_id AND r.role = 'victim' "
            "WHERE l.type = 'holds') AND t.payee_id IN (SELECT l.target_id FROM link l "
            f"WHERE l.type = 'holds' AND l.source_id IN ({_SUSPECT_SQL})) ORDER BY t.ts, t.id"
        )
    ]


def build_case_report(
    store: CaseStore, *, mask_ids: bool = False, trace_levels: int = 3, stop_list_max: int = 500
) -> CaseReport:
    """The case report of ``store``. ``mask_ids`` hides the middle of every ID, card, account
    and mobile number in it; the report carries the audit log's chain head, verified;
    the stop list keeps at most ``stop_list_max`` cards (largest amounts first, then by
    level).

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     s = CaseStore.create(pathlib.Path(tmp) / "t.zlcase", "doc")
    ...     a = s.add_entity("person", None, "甲", roles=["car_handler"], legal_status="arrested")
    ...     b = s.add_entity("person", None, "乙", roles=["card_seller"], legal_status="at_large")
    ...     r = build_case_report(s)
    ...     s.close()
    >>> r.suspects, r.caught, r.coercive, r.at_large
    (2, 1, 1, 1)
    """
    conn = connection(store)
    suspect_ids = [r[0] for r in conn.execute(_SUSPECT_SQL + " ORDER BY id")]
    people = {eid: store.entity(eid) for eid in suspect_ids}
    by_status = {t.code: 0 for t in LEGAL_STATUS}
    for e in people.values():
        if e.legal_status in by_status:
            by_status[e.legal_status] += 1
    caught = sum(n for code, n in by_status.items() if code != "at_large")
    victims = conn.execute(
        "SELECT count(DISTINCT entity_id) FROM entity_role WHERE role = 'victim'"
    ).fetchone()[0]
    payments = victim_payments(store)
    losses = 0
    for i in range(0, len(payments), 900):
        batch = payments[i : i + 900]
        losses += conn.execute(
            f"SELECT coalesce(sum(amount_fen), 0) FROM txn WHERE id IN ({','.join('?' * len(batch))})",
            batch,
        ).fetchone()[0]
    accounts = {t.code: 0 for t in MEASURES}
    amounts = {t.code: 0 for t in MEASURES}
    seen: dict[str, set[int]] = {t.code: set() for t in MEASURES}
    for m in store.measures():
        amounts[m.action] += m.amount_fen
        seen[m.action].add(m.entity_id)
    for code, ids in seen.items():
        accounts[code] = len(ids)

    gang_of = _gangs(store)
    # Masked, every text of the report goes through the one scrubber (workbench.identifiers).
    text = mask_text if mask_ids else (lambda s: s)
    rows = []
    for e in people.values():
        key = (mask_identifier(e.key, "person") if mask_ids else e.key) or ""
        rows.append(
            SuspectRow(
                e.id,
                text(e.name) or key or f"#{e.id}",
                key,
                sorted(e.roles, key=lambda r: ROLE_RANK.index(r) if r in ROLE_RANK else 99),
                e.culpability,
                e.legal_status,
                text(
                    next((t.name for t in e.regions if t.reason == "household" and t.name), "")
                    or next((t.name for t in e.regions if t.name), "")
                ),
                text(gang_of.get(e.id, "")),
            )
        )
    rows.sort(key=lambda r: (r.gang == "", r.gang, _rank(r.roles), r.name))

    stop: list[dict[str, str]] = []
    truncated = False
    if payments:
        result = trace_funds(store, payments, levels=trace_levels)
        rows_by_level = stop_list_rows(result)  # already in level order
        truncated = len(rows_by_level) > stop_list_max or result.truncated
        largest = sorted(range(len(rows_by_level)), key=lambda i: -float(rows_by_level[i]["金额"]))
        stop = [rows_by_level[i] for i in sorted(largest[:stop_list_max])]
        if mask_ids:
            for r in stop:
                for column, value in r.items():
                    r[column] = mask_identifier(value) if column == "账号" else mask_text(value)
    head = audit_chain_head(conn)
    ok, first_bad = verify_audit_chain(conn)
    return CaseReport(
        suspects=len(people),
        caught=caught,
        at_large=by_status["at_large"],
        coercive=sum(by_status[c] for c in CUSTODY),
        prosecuted=sum(by_status[c] for c in PROSECUTED),
        by_status=by_status,
        victims=victims,
        losses_fen=losses,
        accounts=accounts,
        amounts=amounts,
        return_rate=amounts["return"] / losses if losses else 0.0,
        suspect_rows=rows,
        stop_list=stop,
        stop_list_truncated=truncated,
        masked=mask_ids,
        audit_rows=head.rows,
        audit_head_id=head.row_id,
        audit_head=head.row_hash,
        audit_ok=ok,
        audit_first_bad=first_bad,
    )


def _rank(roles: list[str]) -> int:
    return min((ROLE_RANK.index(r) for r in roles if r in ROLE_RANK), default=len(ROLE_RANK))


def _gangs(store: CaseStore) -> dict[int, str]:
    """Person id -> the name of the organisation they are a member of (the first one)."""
    conn = connection(store)
    out: dict[int, str] = {}
    for pid, name in conn.execute(
        "SELECT l.source_id, o.name FROM link l JOIN entity o ON o.id = l.target_id "
        "AND o.kind = ? WHERE l.type = 'member_of' ORDER BY l.id",
        (Kind.ORGANISATION.value,),
    ):
        out.setdefault(pid, name)
    return out
