"""Server cases on a real PostgreSQL: many analysts at once, changes heard by the other
windows, roles the server enforces, push and pull, and leads across cases."""

from __future__ import annotations

import json
import multiprocessing
import time

import psycopg
import pytest

import main
from workbench.audit import verify_audit_chain
from workbench.casefile import check_case
from workbench.errors import CaseBusyError, EditConflictError, ReadOnlyError
from workbench.store import CaseStore, ServerCaseStore
from workbench.store.server import drop_case, grant, parse_url
from workbench.store.transfer import leads, pull, push

from ..factories import make_case
from .test_import import icbc_statement


def _new_url(server_case_url: str, suffix: str) -> str:
    case = parse_url(server_case_url)
    return f"{case.conninfo}?case={case.name}_{suffix}"


def test_a_url_opens_a_server_case_with_the_store_api(server_case_url):
    with CaseStore.create(server_case_url, "li", "电诈专案") as store:
        assert isinstance(store, ServerCaseStore) and store.backend == "postgresql"
        a = store.add_entity("person", "110101199003074514", "张三", roles=["organiser"])
        assert store.location == server_case_url
    with CaseStore.open(server_case_url, "wang") as again:
        assert again.entity(a).name == "张三" and again.info().name == "电诈专案"
        assert again.lead == "li"


def test_other_sessions_hear_a_change_within_a_second(server_case_url):
    first = CaseStore.create(server_case_url, "li")
    second = CaseStore.open(server_case_url, "wang")
    heard = []
    second.subscribe(heard.append)
    try:
        pid = first.add_entity("person", None, "阿强")
        start = time.monotonic()
        events = []
        while not events and time.monotonic() - start < 1.0:
            events = second.poll_changes(timeout=0.1)
        assert events and time.monotonic() - start < 1.0
        assert pid in events[0].entity_ids and "entity" in events[0].tables
        assert heard == events  # the listeners are told, as for the session's own writes
        assert second.entity(pid).name == "阿强"
        assert first.poll_changes() == []  # a session does not hear itself
    finally:
        first.close()
        second.close()


def test_a_stale_edit_is_refused_and_names_who_changed_it(server_case_url):
    a = CaseStore.create(server_case_url, "li")
    b = CaseStore.open(server_case_url, "wang")
    try:
        pid = a.add_entity("person", None, "阿强")
        seen = b.entity(pid)
        a.update_entity(pid, name="阿强哥")
        with pytest.raises(EditConflictError) as e, b._write("edit entity", {"entity"}, [pid]):
            b._refuse_if_changed(seen)
        assert e.value.by == "li" and e.value.current.name == "阿强哥"
        assert b.entity(pid).name == "阿强哥"
    finally:
        a.close()
        b.close()


def test_an_edit_during_an_import_waits_its_turn_then_says_who_is_importing(
    server_case_url, monkeypatch
):
    """An import holds the case's writing turn to its commit; reading goes on, and an edit
    that cannot get its turn in time is refused, naming the importer, not left hanging."""
    importer = make_case(None, people=4, target=server_case_url)
    importer.analyst = "li"
    mine = CaseStore.open(server_case_url, "wang")
    monkeypatch.setattr(ServerCaseStore, "WRITE_WAIT_S", 0.3)
    pid = mine.entity_ids_with_role("organiser")[0]
    try:
        with importer.worker_transaction("import") as conn:
            conn.execute("UPDATE entity SET notes = 'li: imported' WHERE id = ?", (pid,))
            assert mine.entity(pid).notes == ""  # others read on, and see it at the commit
            with pytest.raises(CaseBusyError) as e:
                mine.update_entity(pid, name="王某")
            assert e.value.by == "li" and e.value.action == "import"
            assert "li (import)" in str(e.value)
        assert mine.entity(pid).notes == "li: imported"
        mine.update_entity(pid, name="王某")  # the turn is free again
        assert mine.entity(pid).name == "王某"
    finally:
        mine.close()
        importer.close()


def _analyst(url: str, name: str, mine: list[int], shared: list[int], rounds: int, out):
    done = conflicts = 0
    try:
        store = CaseStore.open(url, name)
        try:
            for r in range(rounds):
                for eid in mine:
                    store.update_entity(eid, notes=f"{name} round {r}")
                    done += 1
                for eid in shared:
                    while True:
                        try:
                            seen = store.entity(eid)
                            store.update_entity(
                                eid, expected_version=seen.version, notes=f"{seen.notes}|{name}{r}"
                            )
                            done += 1
                            break
                        except EditConflictError:
                            conflicts += 1
        finally:
            store.close()
    except Exception as e:  # noqa: BLE001 - reported to the test, which fails with it
        out.put((name, -1, repr(e)))
        return
    out.put((name, done, conflicts))


def test_three_analysts_edit_one_case_at_once_without_a_lost_update(server_case_url):
    store = make_case(None, people=12, target=server_case_url)
    people = [e.id for e in store.entities("person")]
    audit_before = store.audit_count()
    store.close()
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    shared = people[9:12]
    names = ("li", "wang", "zhao")
    procs = [
        ctx.Process(
            target=_analyst, args=(server_case_url, n, people[i * 3 : i * 3 + 3], shared, 4, out)
        )
        for i, n in enumerate(names)
    ]
    for p in procs:
        p.start()
    results = {}
    for _ in procs:
        name, done, conflicts = out.get(timeout=180)
        assert done >= 0, f"{name} failed: {conflicts}"
        results[name] = done
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    with CaseStore.open(server_case_url, "check") as store:
        for i, n in enumerate(names):  # distinct entities: each analyst's last word
            for eid in people[i * 3 : i * 3 + 3]:
                assert store.entity(eid).notes == f"{n} round 3"
        for eid in shared:  # overlapping: every edit of every analyst is in the value
            parts = store.entity(eid).notes.split("|")[1:]
            assert sorted(parts) == sorted(f"{n}{r}" for n in names for r in range(4))
        rows = store._conn.execute(
            "SELECT analyst, count(*) FROM audit WHERE id > ? GROUP BY analyst", (audit_before,)
        ).fetchall()
        assert dict(rows) == results  # every change audited with its analyst
        assert verify_audit_chain(store._conn) == (True, None)


def test_a_reviewer_reads_and_the_server_refuses_their_writes(server_case_url, pg_server):
    with CaseStore.create(server_case_url, "li") as store:
        pid = store.add_entity("person", None, "阿强")
    login = f"rev_{parse_url(server_case_url).name}"
    admin = psycopg.connect(pg_server, autocommit=True)
    try:
        admin.execute(f'CREATE ROLE "{login}" LOGIN')
        grant(server_case_url, login, "reviewer")
        as_reviewer = server_case_url.replace("postgres@", f"{login}@", 1)
        with CaseStore.open(as_reviewer, login) as ro:
            assert ro.read_only and ro.read_only_reason == "not_writable"
            assert ro.entity(pid).name == "阿强"
            with pytest.raises(ReadOnlyError):
                ro.update_entity(pid, name="x")
            # Not only the program: the server itself refuses the write.
            ro.read_only = False
            with pytest.raises(ReadOnlyError):
                ro.update_entity(pid, name="x")
    finally:
        drop_case(server_case_url)
        admin.execute(f'DROP ROLE IF EXISTS "{login}"')
        admin.close()


def test_audit_rows_cannot_be_rewritten_by_an_analyst(server_case_url, pg_server):
    with CaseStore.create(server_case_url, "li") as store:
        store.add_entity("person", None, "阿强")
    case = parse_url(server_case_url)
    login = f"ana_{case.name}"
    admin = psycopg.connect(pg_server, autocommit=True)
    try:
        admin.execute(f'CREATE ROLE "{login}" LOGIN')
        grant(server_case_url, login, "analyst")
        raw = psycopg.connect(pg_server.replace("postgres@", f"{login}@", 1), autocommit=True)
        raw.execute(f'SET search_path TO "{case.schema}"')
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw.execute("UPDATE audit SET analyst = 'nobody'")  # only the seal's columns
        sealed = raw.execute("UPDATE audit SET row_hash = 'forged'")  # once sealed, never again
        assert sealed.rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw.execute("DELETE FROM audit")
        raw.close()
    finally:
        drop_case(server_case_url)
        admin.execute(f'DROP ROLE IF EXISTS "{login}"')
        admin.close()


def test_push_and_pull_keep_the_case_exactly(tmp_path, server_case_url, capsys):
    local = make_case(tmp_path, people=15)
    pid = local.entity_ids_with_role("organiser")[0]
    local.create_chart("总览", items=[(pid, 1.5, -2.0)])
    info = local.info()
    local.close()
    assert main.main(["push", str(tmp_path / "test.zlcase"), server_case_url]) == 0
    assert main.main(["info", server_case_url, "--json"]) == 0
    pushed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert pushed["people"] == info.people and pushed["links"] == info.links
    # The server case is a working case: edit it, then pull a prosecutor's copy.
    with CaseStore.open(server_case_url, "wang") as server:
        server.update_entity(pid, legal_status="detained")
        assert server.check_integrity() == []
    capsys.readouterr()
    assert main.main(["check", server_case_url, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["audit_chain_ok"] is True
    copy = tmp_path / "copy.zlcase"
    assert main.main(["pull", server_case_url, str(copy)]) == 0
    report = check_case(copy, full=True)
    assert report.ok and report.audit_chain_ok
    with CaseStore.open(copy, "zhao") as pulled:
        assert pulled.entity(pid).legal_status == "detained"
        assert pulled.chart_items(pulled.charts()[0].id)[0].x == 1.5
        actions = [r[0] for r in pulled._conn.execute("SELECT action FROM audit ORDER BY id")]
        assert actions[-3:] == ["push", "edit", "pull"]
    # Pushing onto an existing case is refused, and nothing changes.
    assert main.main(["push", str(copy), server_case_url]) == 2
    assert "holds this case already" in capsys.readouterr().err


def test_a_card_imported_in_two_cases_is_a_lead(tmp_path, server_case_url, capsys):
    other = _new_url(server_case_url, "b")
    statement = icbc_statement(tmp_path / "icbc.csv")
    try:
        for url, lead in ((server_case_url, "li"), (other, "zhao")):
            CaseStore.create(url, lead).close()
            assert main.main(["import", url, str(statement), "--analyst", lead]) == 0
        with CaseStore.open(other, "zhao") as store:
            card = store.entities("bank_card")[0]
            holder = next(lk.source_id for lk in store.links_of(card.id) if lk.type == "holds")
            store.update_entity(holder, roles=["car_handler"])
        capsys.readouterr()
        assert main.main(["leads", server_case_url, "--json"]) == 0
        found = json.loads(capsys.readouterr().out)
        by_key = {lead["key"]: lead for lead in found}
        assert by_key[card.key]["kind"] == "bank_card"
        # (other tests' cases on the same server may hold the statement too)
        cases = by_key[card.key]["cases"]
        assert parse_url(other).name in cases and parse_url(server_case_url).name not in cases
        holder_key = CaseStore.open(other, "x")
        try:
            person = holder_key.entity(holder)
        finally:
            holder_key.close()
        if person.key:
            entry = next(
                f for f in by_key[person.key]["found_in"] if f["case"] == parse_url(other).name
            )
            assert entry["roles"] == ["car_handler"] and entry["lead"] == "zhao"
        # A case file is compared with the server's cases the same way.
        local = tmp_path / "local.zlcase"
        CaseStore.create(local, "li").close()
        assert main.main(["import", str(local), str(statement)]) == 0
        assert [lead.key for lead in leads(str(local), "li", server=other)].count(card.key) == 1
    finally:
        drop_case(other)


def test_a_missing_server_case_is_explained(server_case_url, capsys):
    assert main.main(["info", server_case_url]) == 2
    err = capsys.readouterr().err
    assert parse_url(server_case_url).name in err or "no Zhanlian cases" in err
    assert main.main(["info", "postgresql://postgres@127.0.0.1:1/postgres?case=x"]) == 2
    assert "cannot reach the server" in capsys.readouterr().err


def test_push_refuses_nothing_half_done(tmp_path, server_case_url):
    path = tmp_path / "c.zlcase"
    make_case(tmp_path, people=3, name="c.zlcase").close()
    push(path, server_case_url, "li")
    copy = tmp_path / "back.zlcase"
    pull(server_case_url, copy, "li")
    with pytest.raises(FileExistsError):
        pull(server_case_url, copy, "li")
    assert check_case(copy, full=True).ok


def test_patterns_on_a_server_case_match_the_case_file(demo_path, server_case_url, capsys):
    """The demo's findings, found by the command line on the file and on the server."""
    push(demo_path, server_case_url, "li")
    found = {}
    for where in (str(demo_path), server_case_url):
        assert main.main(["patterns", where, "--json"]) == 0
        found[where] = json.loads(capsys.readouterr().out)
    on_file, on_server = found.values()
    assert len(on_file) > 100 and on_server == on_file
    assert {"fast_in_fast_out", "fan_in", "late_night_cash", "new_account_burst"} <= {
        f["pattern"] for f in on_server
    }


def test_check_finds_a_rewritten_audit_row_on_the_server(server_case_url, pg_server, capsys):
    make_case(None, people=3, target=server_case_url).close()
    assert main.main(["check", server_case_url]) == 0
    with psycopg.connect(pg_server, autocommit=True) as admin:  # the server's superuser
        admin.execute(f'UPDATE "{parse_url(server_case_url).schema}".audit '
                      "SET analyst = 'nobody' WHERE id = 2")  # fmt: skip
    capsys.readouterr()
    assert main.main(["check", server_case_url, "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["verdict"] == "damaged" and "audit row 2" in report["problems"][0]
