"""Zhanlian's composition root: parse the command line, then open the GUI or run a command.

python main.py [CASE]                 open the GUI on CASE (the demo case when omitted)
python main.py demo PATH              write the demo case to PATH
python main.py info CASE [--json]     counts of what a case holds
python main.py check CASE [--json]    integrity, WAL, lock and audit chain of a case file
python main.py export CASE --format orgchart-pdf|flow-pdf|report-pdf|graphml|… -o OUT
                                      org chart, fund-flow chart, case report, exchange formats

On Linux the GUI first checks the system libraries Qt's X11 (xcb) platform loads; when some
are missing it names them and the Debian/Ubuntu and Fedora packages, and exits with status 3
instead of letting Qt abort.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - Qt's name, for lupdate
    """Marks ``text`` for translation (lupdate collects it) without loading Qt."""
    return text


COMMANDS = (
    "demo", "info", "import", "trace", "patterns", "rank", "communities", "path", "common",
    "export",
    "contacts", "routine", "places", "check", "encrypt", "decrypt", "rekey",
    "push", "pull", "leads", "cases", "grant",
)  # fmt: skip

#: What names a case on the command line: a file, or a case on a PostgreSQL server.
CASE_HELP = "case file (.zlcase), or server case postgresql://[user@]host[:port]/db?case=NAME"

#: Where the commands take an encrypted case's passphrase from when no terminal can ask.
PASSPHRASE_ENV = ("ZHANLIAN_PASSPHRASE_FILE", "ZHANLIAN_PASSPHRASE")
NEW_PASSPHRASE_ENV = ("ZHANLIAN_NEW_PASSPHRASE_FILE", "ZHANLIAN_NEW_PASSPHRASE")


def _gui_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="zhanlian",
        description="Zhanlian (斩链): a workbench for anti-fraud case squads. "
        f"Without CASE it opens the demo case. Commands: {', '.join(COMMANDS)} "
        "(zhanlian COMMAND --help).",
    )
    p.add_argument("case", nargs="?", help=CASE_HELP)
    p.add_argument("--analyst", help="analyst name recorded in the audit log")
    p.add_argument("--lang", choices=("en", "zh_CN"), help="interface language")
    return p


def _command_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="zhanlian")
    sub = p.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="write the built-in demo case to PATH")
    demo.add_argument("path", help="where to write the case (must not exist)")
    demo.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    demo.add_argument("--analyst", help="analyst recorded in the audit log (default: OS user)")
    info = sub.add_parser("info", help="print what a case holds")
    info.add_argument("case", help=CASE_HELP)
    info.add_argument("--json", action="store_true", help="print one JSON object")
    chk = sub.add_parser(
        "check",
        help="check a case file (integrity, WAL, lock, audit chain) without changing it",
        description="Exits 0 when the case is sound, 1 when a problem was found.",
    )
    chk.add_argument("case", help="case file")
    chk.add_argument("--quick", action="store_true", help="quick check instead of the full one")
    chk.add_argument("--json", action="store_true", help="print one JSON object")
    keys = {
        "encrypt": "encrypt a plain case in place with a new passphrase (its plain backups "
                   "are removed)",
        "decrypt": "store an encrypted case in plain form again",
        "rekey": "change an encrypted case's passphrase (its old backups are removed)",
    }  # fmt: skip
    for name, text in keys.items():
        cmd = sub.add_parser(
            name, help=text,
            description=text + ". The passphrase is asked at the terminal, or read from "
            "ZHANLIAN_PASSPHRASE_FILE / ZHANLIAN_PASSPHRASE (the current one) and "
            "ZHANLIAN_NEW_PASSPHRASE_FILE / ZHANLIAN_NEW_PASSPHRASE (the new one).",
        )  # fmt: skip
        cmd.add_argument("case", help="case file")
        cmd.add_argument("--analyst", help="analyst recorded in the audit log (default: OS user)")
    imp = sub.add_parser(
        "import",
        help="import bank statements, call records or registers (CSV, TXT, XLSX, XLS)",
        description="Import evidence files into CASE (created if it does not exist). Exits "
        "non-zero when any file imported nothing (files imported before are skipped).",
    )
    imp.add_argument("case", help=CASE_HELP + " (a file is created when missing)")
    imp.add_argument("files", nargs="+", help="files to import")
    imp.add_argument("--kind", choices=("bank", "calls", "register"),
                     help="what the files hold (guessed from the headers when omitted)")  # fmt: skip
    imp.add_argument("--profile", default="", help="saved column-mapping profile to use")
    imp.add_argument("--force", action="store_true", help="import files imported before again")
    imp.add_argument("--rejected-csv", metavar="PATH", help="write the rejected rows to PATH")
    imp.add_argument("--owner", metavar="KIND:KEY",
                     help="whose statement the files are where they do not say: "
                     "bank_card:NUMBER or payment_account:PLATFORM:ACCOUNT "
                     "(e.g. payment_account:alipay:name@example.com)")  # fmt: skip
    imp.add_argument("--owner-name", default="", metavar="NAME",
                     help="the statement owner's name, where the files do not say")  # fmt: skip
    imp.add_argument("--analyst", help="analyst recorded in the audit log (default: OS user)")
    imp.add_argument("--json", action="store_true", help="print the summary as one JSON object")

    _server_parser(sub)
    layers = ("calls", "money", "links", "all")
    tr = sub.add_parser("trace", help="follow the money from a card, level by level")
    tr.add_argument("case")
    tr.add_argument("--card", required=True, help="card or account number to start from")
    tr.add_argument("--at", help="start time (YYYY-MM-DD HH:MM:SS); default: the first outflow")
    tr.add_argument("--levels", type=int, default=5, help="levels to follow (default 5)")
    tr.add_argument("--window", type=float, default=1440,
                    help="minutes after money arrives in which an outflow carries it")  # fmt: skip
    tr.add_argument("--backward", action="store_true", help="where the money came from")
    tr.add_argument("--stop-list", metavar="PATH",
                    help="write the stop-payment list: XLSX if PATH ends .xlsx, else CSV")  # fmt: skip
    tr.add_argument("--json", action="store_true", help="print one JSON object")
    pa = sub.add_parser("patterns", help="find fraud patterns with their evidence")
    pa.add_argument("case")
    pa.add_argument("--json", action="store_true", help="print one JSON list")
    rk = sub.add_parser("rank", help="key figures of a network layer")
    rk.add_argument("case")
    rk.add_argument("--layer", choices=layers, default="all")
    rk.add_argument("--measure", default="degree",
                    choices=("degree", "weighted_degree", "betweenness", "pagerank",
                             "eigenvector"))  # fmt: skip
    rk.add_argument("--top", type=int, default=20)
    rk.add_argument("--weighted", action="store_true",
                    help="betweenness: a tie of weight w (calls + transfers + links) is 1/w "
                    "long, so chains follow strong ties (default: every tie one hop)")  # fmt: skip
    rk.add_argument("--json", action="store_true",
                    help="print one JSON list, best first; tied scores share a rank")  # fmt: skip
    co = sub.add_parser("communities", help="sub-groups of a network layer (Louvain)")
    co.add_argument("case")
    co.add_argument("--layer", choices=layers, default="all")
    co.add_argument("--runs", type=int, default=0, metavar="N",
                    help="run Louvain N more times and state how stable each group is")  # fmt: skip
    co.add_argument("--json", action="store_true", help="print one JSON object")
    cc = sub.add_parser("common", help="common contacts of two or more entities")
    cc.add_argument("case")
    cc.add_argument("entities", nargs="+", metavar="A",
                    help="two or more natural keys (card, phone, ID number, IMEI) or #id")  # fmt: skip
    cc.add_argument("--layer", choices=layers, default="all")
    cc.add_argument("--min-shared", type=int, default=2, metavar="N",
                    help="in touch with at least N of them (default 2)")  # fmt: skip
    cc.add_argument("--json", action="store_true", help="print one JSON list")
    pt = sub.add_parser("path", help="shortest chain between two entities")
    pt.add_argument("case")
    pt.add_argument("a", help="natural key (card, phone, ID number, IMEI) or #id")
    pt.add_argument("b", help="natural key or #id")
    pt.add_argument("--layer", choices=layers, default="all")
    pt.add_argument("--json", action="store_true", help="print one JSON object")
    _calls_parser(sub)
    _export_parser(sub)
    return p


def _server_parser(sub) -> None:
    push = sub.add_parser(
        "push", help="upload a case file to a PostgreSQL server as a new server case",
        description="Copies every row (same ids, the audit chain intact) in one transaction; "
        "you become the case's lead. Credentials come from libpq (PGPASSFILE, service file).",
    )  # fmt: skip
    push.add_argument("case", help="case file (.zlcase)")
    push.add_argument("url", help="postgresql://[user@]host[:port]/db?case=NAME")
    push.add_argument("--analyst", help="analyst recorded in the audit log (default: OS user)")
    pull = sub.add_parser(
        "pull", help="write a server case to a new case file (a prosecutor's copy, an archive)"
    )
    pull.add_argument("url", help="postgresql://[user@]host[:port]/db?case=NAME")
    pull.add_argument("path", help="the case file to write (must not exist)")
    pull.add_argument("--analyst", help="analyst recorded in the audit log (default: OS user)")
    leads = sub.add_parser(
        "leads", help="cards, phones, ID numbers, IMEIs, accounts and wallets of a case that "
        "other cases on the server hold too (串并案线索)",
    )  # fmt: skip
    leads.add_argument("case", help=CASE_HELP)
    leads.add_argument("--server", metavar="URL",
                       help="for a case file: the server whose cases it is compared with")  # fmt: skip
    leads.add_argument("--json", action="store_true", help="one JSON object per lead, in a list")
    cases = sub.add_parser("cases", help="the cases on a server that you may open")
    cases.add_argument("url", help="postgresql://[user@]host[:port]/db")
    cases.add_argument("--json", action="store_true", help="print one JSON list")
    grant = sub.add_parser(
        "grant", help="give a server login a role in a server case",
        description="analyst: reads and edits; reviewer: reads only; lead: edits, deletes "
        "evidence wholesale and grants roles. The server enforces them.",
    )  # fmt: skip
    grant.add_argument("url", help="postgresql://[user@]host[:port]/db?case=NAME")
    grant.add_argument("member", help="the server login (a PostgreSQL role)")
    grant.add_argument("role", choices=("analyst", "reviewer", "lead"))


def _server(args) -> int:
    from workbench.paths import os_user
    from workbench.store import server, transfer

    analyst = getattr(args, "analyst", None) or os_user()
    if args.command == "push":
        counts = transfer.push(args.case, args.url, analyst, key=case_key(args.case))
        print(f"{args.case} -> {server.parse_url(args.url).url}: {counts.get('entity', 0):,} "
              f"entities, {counts.get('txn', 0):,} transactions, {counts.get('call', 0):,} "
              f"calls, {sum(counts.values()):,} rows in all")  # fmt: skip
        return 0
    if args.command == "pull":
        counts = transfer.pull(args.url, args.path, analyst)
        print(f"{server.parse_url(args.url).url} -> {args.path}: "
              f"{sum(counts.values()):,} rows")  # fmt: skip
        return 0
    if args.command == "cases":
        found = server.list_cases(args.url)
        if args.json:
            print(json.dumps(found, ensure_ascii=False))
        for c in [] if args.json else found:
            print(f"{c['name']:<30} lead {c['lead']:<16} created {c['created_at']}")
        return 0
    if args.command == "grant":
        server.grant(args.url, args.member, args.role)
        print(f"{args.member} is now {args.role} of {server.parse_url(args.url).name}")
        return 0
    key = None if server.is_server_url(args.case) else case_key(args.case)
    found = transfer.leads(args.case, analyst, server=args.server, key=key)
    if args.json:
        print(json.dumps([lead.to_dict() for lead in found], ensure_ascii=False))
        return 0
    for lead in found:
        where = "; ".join(
            f"{f['case']} ({', '.join(f['roles']) or 'no role'}; lead {f['lead']})"
            for f in lead.found_in
        )
        print(f"{lead.kind:<16} {lead.key:<22} {lead.name:<8} in {where}")
    print(f"{len(found):,} leads")
    return 0


def _calls_parser(sub) -> None:
    number_help = "phone number, a person's ID number (their phones together) or #id"
    ct = sub.add_parser("contacts", help="strongest contacts of a number (亲密联系人)")
    ct.add_argument("case")
    ct.add_argument("number", help=number_help)
    ct.add_argument("--top", type=int, default=20, help="how many (default 20)")
    ct.add_argument("--json", action="store_true", help="print one JSON list, strongest first")
    ro = sub.add_parser("routine", help="hour-of-day by weekday activity of a number (作息)")
    ro.add_argument("case")
    ro.add_argument("number", help=number_help)
    ro.add_argument("--json", action="store_true", help="print one JSON object")
    pl = sub.add_parser("places", help="cells a number was seen in, likely home and work")
    pl.add_argument("case")
    pl.add_argument("number", help=number_help)
    pl.add_argument("--json", action="store_true", help="print one JSON object")


# ui.pdf.export.FORMATS, spelled out so that the parser does not load Qt for every command.
EXPORT_FORMATS = (
    "orgchart-pdf", "flow-pdf", "report-pdf", "graphml", "gexf", "ftm", "anx", "csv", "xlsx",
)  # fmt: skip


def _export_parser(sub) -> None:
    ex = sub.add_parser(
        "export",
        help="write the org chart, a fund-flow chart or the case report (PDF), or the case "
        "for Gephi, Aleph, i2 or spreadsheets",
        description="Export CASE. PDF formats: orgchart-pdf (组织架构图; the whole case, or "
        "--gang), flow-pdf (fund-flow chart of a trace; --card, else the card that received "
        "most victims' payments), report-pdf (figures, suspects, stop-payment list).",
    )
    ex.add_argument("case", help="case file")
    ex.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="what to write")
    ex.add_argument("-o", "--output", required=True, metavar="OUT", help="file to write")
    ex.add_argument(
        "--mask-ids", action="store_true", help="hide the middle of ID and card numbers"
    )
    ex.add_argument("--gang", metavar="ID", help="only this organisation: entity id or name")
    ex.add_argument("--paper", choices=("A4", "A3"), default="A4", help="paper size (PDF)")
    ex.add_argument("--orientation", choices=("portrait", "landscape"),
                    help="default: landscape for charts, portrait for the report")  # fmt: skip
    ex.add_argument("--fit", action="store_true",
                    help="org chart scaled onto one page instead of tiled with a page map")  # fmt: skip
    ex.add_argument("--card", help="flow-pdf: card or account number to trace from")
    ex.add_argument("--at", help="flow-pdf: start time (default: the card's first outflow)")
    ex.add_argument("--levels", type=int, default=4, help="flow-pdf: levels to follow")
    ex.add_argument("--lang", choices=("en", "zh_CN"), help="language of the PDF's labels")
    ex.add_argument("--json", action="store_true", help="print what was written as JSON")


def _fail(message: str) -> int:
    print(f"zhanlian: {message}", file=sys.stderr)
    return 2


def _passphrase(
    names: tuple[str, str], prompt: str, confirm: bool = False, ask: bool = True
) -> str | None:
    """A passphrase from the environment (a file first, then the variable), else asked at
    the terminal (when ``ask``); None when neither is there."""
    import getpass
    import os

    file_var, text_var = names
    if os.environ.get(file_var):
        with open(os.environ[file_var], encoding="utf-8") as f:
            return f.readline().rstrip("\r\n")
    if os.environ.get(text_var):
        return os.environ[text_var]
    if not ask or not sys.stdin.isatty():
        return None
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("again: ") != first:
        raise SystemExit(_fail("the two passphrases differ"))
    return first


def _is_plain(path) -> bool:
    """Whether a file is no encrypted case (a plain case, a server case, or something the
    store will explain): only pages of ciphertext ask for a passphrase."""
    from pathlib import Path

    from workbench.store.server import is_server_url

    if is_server_url(path):
        return True

    from workbench.casefile import read_header
    from workbench.errors import CaseError, KeyRequiredError

    try:
        read_header(Path(path))
    except KeyRequiredError:
        return False
    except (CaseError, OSError):
        pass
    return True


def case_key(path) -> str | None:
    """The passphrase a case needs (None for a plain case); asked or read from the
    environment. Raises KeyRequiredError when an encrypted case gets none."""
    from workbench.errors import KeyRequiredError

    if _is_plain(path):
        return None
    key = _passphrase(PASSPHRASE_ENV, f"passphrase of {path}: ")
    if key is None:
        raise KeyRequiredError(path)
    return key


def open_case(path, analyst: str, **kwargs):
    """``CaseStore.open`` with the passphrase an encrypted case needs."""
    from workbench.store import CaseStore

    return CaseStore.open(path, analyst, key=case_key(path), **kwargs)


def _change_key(args) -> int:
    from workbench.paths import os_user
    from workbench.store import CaseStore

    analyst = args.analyst or os_user()
    old = None if args.command == "encrypt" else case_key(args.case)
    if args.command == "encrypt" and not _is_plain(args.case):
        return _fail(f"{args.case} is encrypted already (use rekey to change its passphrase)")
    new = None
    if args.command != "decrypt":
        new = _passphrase(NEW_PASSPHRASE_ENV, "new passphrase: ", confirm=True)
        if not new:
            return _fail("no new passphrase: give it at the terminal or in "
                         "ZHANLIAN_NEW_PASSPHRASE_FILE")  # fmt: skip
    removed = CaseStore.change_key(args.case, analyst, old, new)
    done = {"encrypt": "encrypted", "decrypt": "decrypted", "rekey": "given a new passphrase"}
    print(f"{args.case}: {done[args.command]}"
          + (f"; {len(removed)} backup(s) in the old form removed" if removed else ""))  # fmt: skip
    return 0


def run_command(argv: list[str]) -> int:
    from workbench.errors import CaseError, KeyRequiredError
    from workbench.paths import os_user

    args = _command_parser().parse_args(argv)
    try:
        if args.command == "demo":
            from workbench.demo import build_demo

            info = build_demo(args.path, analyst=args.analyst or os_user(), seed=args.seed)
            print(
                f"Demo case written to {args.path}: {info.people} people, "
                f"{info.bank_cards} bank cards, {info.phone_cards} phone cards, "
                f"{info.transactions} transactions, {info.calls} calls."
            )
            return 0
        if args.command == "info":
            with open_case(args.case, os_user(), read_only=True) as store:
                info = store.info()
            if args.json:
                print(json.dumps(asdict(info), ensure_ascii=False))
            else:
                print(f"Case: {info.name}  (schema {info.schema_version})")
                for label, value in (
                    ("people", info.people),
                    ("bank cards", info.bank_cards),
                    ("phone cards", info.phone_cards),
                    ("devices", info.devices),
                    ("organisations", info.organisations),
                    ("links", info.links),
                    ("transactions", info.transactions),
                    ("calls", info.calls),
                ):
                    print(f"  {label:<14}{value:>12,}")
            return 0
        if args.command == "check":
            return _check(args)
        if args.command == "import":
            return _import(args)
        if args.command in ("trace", "patterns", "rank", "communities", "path", "common"):
            return _analyse(args)
        if args.command == "export":
            return _export(args)
        if args.command in ("contacts", "routine", "places"):
            return _calls(args)
        if args.command in ("encrypt", "decrypt", "rekey"):
            return _change_key(args)
        if args.command in ("push", "pull", "leads", "cases", "grant"):
            return _server(args)
    except FileExistsError as e:
        return _fail(f"{e}: the file exists already")
    except FileNotFoundError as e:
        return _fail(f"{e}: no such file")
    except KeyRequiredError as e:
        return _fail(f"{e}: run the command at a terminal to be asked, or name a file holding "
                     "it in ZHANLIAN_PASSPHRASE_FILE")  # fmt: skip
    except CaseError as e:
        return _fail(str(e))
    return _fail(f"unknown command {args.command}")


def _check(args) -> int:
    from workbench.casefile import check_case, check_server_case
    from workbench.paths import os_user
    from workbench.store.server import is_server_url

    if is_server_url(args.case):  # the server enforces the rest; the audit chain is ours
        with open_case(args.case, os_user(), read_only=True) as store:
            report = check_server_case(store)
    else:
        report = check_case(args.case, full=not args.quick, key=case_key(args.case))
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
        return 0 if report.ok else 1
    print(f"{report.path}: {'sound' if report.ok else report.verdict}")
    if report.schema_version is not None:
        print(f"  schema {report.schema_version} (this program reads up to "
              f"{report.supported_version})"
              + (f", {report.size:,} bytes, {report.mode}" if report.size else "")
              + ("" if report.owner_only in (None, True) else ", readable by others"))  # fmt: skip
    if report.encrypted:
        print("  encrypted at rest (SQLCipher, AES-256)")
    if report.wal.get("exists"):
        print(f"  WAL: {report.wal['bytes']:,} bytes, {report.wal['frames']:,} frames")
    if report.lock:
        print(f"  lock note: {report.lock['analyst'] or '?'} on {report.lock['host'] or '?'} "
              f"(process {report.lock['pid']}) since {report.lock['since'] or '?'}")  # fmt: skip
    if report.audit_chain_ok is not None:
        print("  audit chain: " + ("intact" if report.audit_chain_ok else "broken"
              + (f" at row {report.audit_first_bad_row}" if report.audit_first_bad_row
                 else "")))  # fmt: skip
    for problem in report.problems:
        print(f"  problem: {problem}")
    return 0 if report.ok else 1


def _import(args) -> int:
    from pathlib import Path

    from workbench.intake.importer import import_files, parse_owner
    from workbench.intake.rejected import write_rejected_csv
    from workbench.paths import os_user
    from workbench.store import CaseStore, is_server_url

    analyst = args.analyst or os_user()
    path = args.case if is_server_url(args.case) else Path(args.case)
    if isinstance(path, str) or path.exists():
        store = open_case(path, analyst)
    else:  # a passphrase in the environment creates the new case encrypted
        store = CaseStore.create(path, analyst, key=_passphrase(PASSPHRASE_ENV, "", ask=False))
    with store:
        if store.read_only:
            if store.lock_holder is not None:
                return _fail(f"{path} is open elsewhere ({store.lock_holder.describe()}); "
                             "not imported")  # fmt: skip
            why = store.read_only_detail or store.read_only_reason
            return _fail(f"{path} cannot be written ({why}); not imported")
        owner = parse_owner(args.owner) if args.owner else None
        summary = import_files(store, args.files, args.kind, args.profile, args.force,
                               owner=owner, owner_name=args.owner_name)  # fmt: skip
    if args.rejected_csv:
        write_rejected_csv(summary.rejected, args.rejected_csv)
    if args.json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False))
    else:
        for f in summary.files:
            where = f.file + (f" [{f.sheet}]" if f.sheet else "")
            if f.skipped:
                print(f"{where}: {f.status} ({f.skipped})")
            else:
                print(f"{where}: {f.status}, {f.kind}, {f.rows_read:,} rows, "
                      f"{f.transactions_new:,} new transactions, "
                      f"{f.transactions_duplicate:,} duplicates, "
                      f"{f.transactions_unmoved:,} that moved no money, "
                      f"{f.calls_new:,} calls, {f.entities_new:,} new entities, "
                      f"{f.links_new:,} new links, {f.rejected:,} rejected, "
                      f"{f.footer_rows:,} footer lines skipped")  # fmt: skip
            for note in f.notes:
                print(f"  {note}")
        print(f"Rows read {summary.rows_read:,}; transactions new {summary.transactions_new:,}, "
              f"duplicate {summary.transactions_duplicate:,}; calls new {summary.calls_new:,}; "
              f"entities new {summary.entities_new:,}, merged {summary.entities_merged:,}; "
              f"rejected {len(summary.rejected):,}.")  # fmt: skip
        for r in summary.rejected[:20]:
            print(f"  rejected {r.file}:{r.line} [{r.column}] {r.value!r}: {r.reason}")
        if len(summary.rejected) > 20:
            print(f"  ... {len(summary.rejected) - 20} more (--rejected-csv PATH writes them all)")
    return 1 if summary.any_failed or not summary.files else 0


def _export(args) -> int:
    import os

    from workbench.paths import os_user

    if args.format.endswith("-pdf"):
        # Fonts and painting need a GUI application, even with no screen.
        if (
            not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY")
            and (sys.platform.startswith("linux"))
        ):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtGui import QGuiApplication

        from ui import i18n

        app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
        i18n.register_fonts(app)
        i18n.install_language(args.lang or i18n.chosen_language())
    else:
        # The exchange formats are plain workbench functions: no Qt to load for them.
        return _export_exchange(args)
    from ui.pdf.export import ExportOptions, export

    options = ExportOptions(
        paper=args.paper,
        landscape=None if args.orientation is None else args.orientation == "landscape",
        fit=args.fit, mask_ids=args.mask_ids, gang=args.gang, card=args.card, at=args.at,
        levels=args.levels,
    )  # fmt: skip
    with open_case(args.case, os_user(), read_only=True) as store:
        try:
            out = export(store, args.format, args.output, options)
        except KeyError:
            return _fail(f"format {args.format} is not available in this installation")
    if args.json:
        print(json.dumps(out, ensure_ascii=False, default=str))
    elif "pages" in out:
        pages = f"{out['pages']} page" + ("" if out["pages"] == 1 else "s")
        print(f"{args.format}: {out['path']} ({pages}, {out['bytes']:,} bytes)")
        if out.get("note"):
            print(f"zhanlian: note: {out['note']}", file=sys.stderr)
    else:
        counts = ", ".join(f"{k} {v}" for k, v in out.items()
                           if isinstance(v, int) and k not in ("path", "format"))  # fmt: skip
        print(f"{args.format}: {out['path']} ({counts})")
    return 0


def _export_exchange(args) -> int:
    from workbench.exchange import export_case
    from workbench.paths import os_user

    with open_case(args.case, os_user(), read_only=True) as store:
        out = export_case(store, args.format, args.output, mask_ids=args.mask_ids,
                          gang=args.gang)  # fmt: skip
    if args.json:
        print(json.dumps(out, ensure_ascii=False, default=str))
    else:
        counts = ", ".join(f"{k} {v}" for k, v in out.items() if isinstance(v, int))
        print(f"{args.format}: {out['path']} ({counts})")
    return 0


def _analyse(args) -> int:
    from workbench import analysis as an
    from workbench.paths import os_user

    with open_case(args.case, os_user(), read_only=True) as store:
        if args.command == "trace":
            card = an.find_card(store, args.card)
            result = an.trace_funds(
                store, card_id=card, at=args.at, levels=args.levels,
                window_minutes=args.window,
                direction="backward" if args.backward else "forward",
            )  # fmt: skip
            if args.stop_list:
                an.write_stop_list(an.stop_list_rows(result), args.stop_list)
            out = result.to_dict()
            text = [f"{c['level']}  {c['card']}  {c['amount_fen'] / 100:>14,.2f}  "
                    f"{c.get('holder') or ''}  {c.get('bank') or ''}" for c in out["cards"]]  # fmt: skip
        elif args.command == "patterns":
            out = [f.to_dict() for f in an.find_patterns(store)]
            text = [f"{f['pattern']:<20} {f['key']:<22} {f['score']:.2f}  {f.get('name') or ''}"
                    for f in out]  # fmt: skip
        elif args.command == "rank":
            if args.weighted and args.measure != "betweenness":
                return _fail("--weighted applies to --measure betweenness only")
            graph = an.case_graph(store, args.layer)
            distance = "inverse_weight" if args.weighted else "hops"
            out = an.rank(graph, args.measure, top=args.top, distance=distance).rows()
            text = [f"{str(r['rank']) + ('=' if r['tied'] else ''):>4}  "
                    f"{r['key'] or '#' + str(r['entity_id']):<22} "
                    f"{r['score']:.6g}  {r.get('name') or ''}" for r in out]  # fmt: skip
            if args.measure == "betweenness":
                text.append("distance: " + ("1/weight" if args.weighted else "hop count"))
        elif args.command == "communities":
            if args.runs < 0:
                return _fail("--runs must be zero or more")
            found = an.communities(an.case_graph(store, args.layer), runs=args.runs)
            out = found.to_dict()
            text = [json.dumps(out, ensure_ascii=False)]
        elif args.command == "common":
            out, text = _common(an, store, args)
            if out is None:
                return 2
        else:
            a, b = an.entity_by_key(store, args.a), an.entity_by_key(store, args.b)
            out = an.find_path(store, a, b, layer=args.layer).to_dict()
            text = [json.dumps(out, ensure_ascii=False)]
    print(json.dumps(out, ensure_ascii=False) if args.json else "\n".join(text))
    return 0


def _common(an, store, args):
    """Common contacts of the entities named on the command line: (rows, text lines)."""
    chosen = list(dict.fromkeys(an.entity_by_key(store, k) for k in args.entities))
    if len(chosen) < 2:
        _fail("common needs two or more different entities")
        return None, None
    keys = {}
    for eid in chosen:
        entity = store.entity(eid)
        keys[eid] = entity.key or f"#{eid}"
    found = an.common_contacts(store, chosen, layer=args.layer, min_shared=args.min_shared)
    out = [{**c.to_dict(), "shared_with_keys": [keys[s] for s in c.shared_with]}
           for c in found]  # fmt: skip
    text = [f"{len(c.shared_with)}/{len(chosen)}  {c.key or '#' + str(c.entity_id):<22} "
            f"{c.calls:>5} calls {c.txns:>5} transfers {c.amount_fen / 100:>14,.2f} "
            f"{c.links:>3} links  {c.holder or c.name}  "
            f"(with {', '.join(keys[s] for s in c.shared_with)})" for c in found]  # fmt: skip
    return out, text


def _calls(args) -> int:
    from workbench import analysis as an
    from workbench.paths import os_user

    with open_case(args.case, os_user(), read_only=True) as store:
        number = an.entity_by_key(store, args.number)
        if args.command == "contacts":
            rows = an.contact_strength(store, number, top=args.top)
            out = [r.to_dict() for r in rows]
            text = [f"{r.score:>8.3f}  {r.b_key or '#' + str(r.b):<14} {r.calls:>5} calls "
                    f"{r.duration_s // 60:>6} min {r.night_calls:>4} night {r.days:>4} days  "
                    f"reciprocity {r.reciprocity:.2f}  {r.b_name}" for r in rows]  # fmt: skip
        elif args.command == "routine":
            routine = an.daily_routine(store, number)
            out = routine.to_dict()
            days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
            text = [f"{routine.calls} calls, {routine.first or '-'} to {routine.last or '-'}",
                    "     " + "".join(f"{h:>4}" for h in range(24))]  # fmt: skip
            text += [f"{d:<5}" + "".join(f"{n:>4}" for n in row)
                     for d, row in zip(days, routine.matrix, strict=True)]  # fmt: skip
        else:
            found = an.places(store, number)
            out = found.to_dict()
            text = [f"home (night): {found.home or '-'}   work (day): {found.work or '-'}"]
            text += [f"{c.cell:<22} {c.calls:>5} calls {c.day_calls:>4} day {c.night_calls:>4} "
                     f"night  {c.first} .. {c.last}  {c.address}" for c in found.cells]  # fmt: skip
    print(json.dumps(out, ensure_ascii=False) if args.json else "\n".join(text))
    return 0


# What Qt's xcb platform plugin loads from the system (the plugin's and libQt6XcbQpa's
# DT_NEEDED entries in PySide6 6.8-6.11; "Qt for X11 Requirements" in Qt's documentation),
# with the Debian/Ubuntu and the Fedora package that ships each. Without one of them Qt
# aborts with a message that names one library at best (often a different one).
XCB_LIBRARIES = (
    ("libxcb.so.1", "libxcb1", "libxcb"),
    ("libX11.so.6", "libx11-6", "libX11"),
    ("libX11-xcb.so.1", "libx11-xcb1", "libX11-xcb"),
    ("libxcb-cursor.so.0", "libxcb-cursor0", "xcb-util-cursor"),
    ("libxcb-icccm.so.4", "libxcb-icccm4", "xcb-util-wm"),
    ("libxcb-image.so.0", "libxcb-image0", "xcb-util-image"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1", "xcb-util-keysyms"),
    ("libxcb-randr.so.0", "libxcb-randr0", "libxcb"),
    ("libxcb-render.so.0", "libxcb-render0", "libxcb"),
    ("libxcb-render-util.so.0", "libxcb-render-util0", "xcb-util-renderutil"),
    ("libxcb-shape.so.0", "libxcb-shape0", "libxcb"),
    ("libxcb-shm.so.0", "libxcb-shm0", "libxcb"),
    ("libxcb-sync.so.1", "libxcb-sync1", "libxcb"),
    ("libxcb-util.so.1", "libxcb-util1", "xcb-util"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0", "libxcb"),
    ("libxcb-xkb.so.1", "libxcb-xkb1", "libxcb"),
    ("libxkbcommon.so.0", "libxkbcommon0", "libxkbcommon"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0", "libxkbcommon-x11"),
    ("libGL.so.1", "libgl1", "libglvnd-glx"),
    ("libEGL.so.1", "libegl1", "libglvnd-egl"),
    ("libfontconfig.so.1", "libfontconfig1", "fontconfig"),
    ("libfreetype.so.6", "libfreetype6", "freetype"),
    ("libglib-2.0.so.0", "libglib2.0-0", "glib2"),
    ("libgthread-2.0.so.0", "libglib2.0-0", "glib2"),
    ("libdbus-1.so.3", "libdbus-1-3", "dbus-libs"),
)  # fmt: skip


def xcb_platform_expected(environ=None, platform: str | None = None) -> bool:
    """Whether Qt would start on its xcb (X11) platform plugin.

    QT_QPA_PLATFORM decides when set (its first choice); otherwise Qt 6 takes xcb on Linux
    unless the session is Wayland.

    >>> xcb_platform_expected({}, "linux"), xcb_platform_expected({}, "win32")
    (True, False)
    >>> xcb_platform_expected({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    False
    >>> xcb_platform_expected({"QT_QPA_PLATFORM": "xcb;wayland"}, "linux")
    True
    >>> xcb_platform_expected({"XDG_SESSION_TYPE": "wayland"}, "linux")
    False
    """
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0].strip() == "xcb"
    wayland = environ.get("WAYLAND_DISPLAY") or environ.get("XDG_SESSION_TYPE") == "wayland"
    return not wayland


def missing_libraries(libraries=XCB_LIBRARIES) -> list[tuple[str, str, str]]:
    """The entries of ``libraries`` the dynamic loader cannot load, as Qt would ask for them."""
    import ctypes

    missing = []
    for entry in libraries:
        try:
            ctypes.CDLL(entry[0])
        except OSError:
            missing.append(entry)
    return missing


def _startup_language(chosen: str | None) -> str:
    """The GUI's language before Qt's GUI can load: --lang, the setting, else the system's."""
    if chosen:
        return chosen
    from PySide6.QtCore import QLocale, QSettings

    setting = QSettings("Zhanlian", "Zhanlian").value("language", "", type=str)
    if setting in ("en", "zh_CN"):
        return setting
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def _translated(context: str, text: str, language: str) -> str:
    # No QCoreApplication exists yet: the catalogue is asked directly.
    if language != "zh_CN":
        return text
    from pathlib import Path

    from PySide6.QtCore import QTranslator

    catalogue = QTranslator()
    qm = Path(__file__).resolve().parent / "resources" / "translations" / "zhanlian_zh_CN.qm"
    if catalogue.load(str(qm)):
        return catalogue.translate(context, text) or text
    return text


#: Printed in the terminal before Qt loads; {libraries} lists library file names.
_XCB_MESSAGES = (
    QT_TRANSLATE_NOOP("Startup", "Zhanlian cannot open its window: Qt's X11 (xcb) platform "
                      "needs system libraries that are missing: {libraries}"),
    QT_TRANSLATE_NOOP("Startup", "Install them, then start Zhanlian again:"),
    QT_TRANSLATE_NOOP("Startup", "Without a screen, QT_QPA_PLATFORM=offscreen runs it with no "
                      "window; the commands (zhanlian --help) need none of these libraries."),
)  # fmt: skip


def xcb_advice(missing: list[tuple[str, str, str]], language: str = "en") -> str:
    """What to tell the user when xcb libraries are missing: which, and how to install them.

    >>> print(xcb_advice([("libxcb-icccm.so.4", "libxcb-icccm4", "xcb-util-wm")]))
    Zhanlian cannot open its window: Qt's X11 (xcb) platform needs system libraries that are missing: libxcb-icccm.so.4
    Install them, then start Zhanlian again:
      Debian/Ubuntu: sudo apt install libxcb-icccm4
      Fedora:        sudo dnf install xcb-util-wm
    Without a screen, QT_QPA_PLATFORM=offscreen runs it with no window; the commands (zhanlian --help) need none of these libraries.
    """
    debian = " ".join(dict.fromkeys(m[1] for m in missing))
    fedora = " ".join(dict.fromkeys(m[2] for m in missing))
    first, install, headless = (_translated("Startup", t, language) for t in _XCB_MESSAGES)
    return "\n".join((
        first.format(libraries=", ".join(m[0] for m in missing)),
        install,
        f"  Debian/Ubuntu: sudo apt install {debian}",
        f"  Fedora:        sudo dnf install {fedora}",
        headless,
    ))  # fmt: skip


def import_sqlite_utils_without_pandas() -> None:
    """Import sqlite-utils with pandas kept out of the process, first thing, before anything
    imports the store (see ``workbench.dbapi.import_sqlite_utils``)."""
    from workbench.dbapi import import_sqlite_utils

    import_sqlite_utils()


def start_gui(argv: list[str]):
    """The GUI up to its first window, as ``zhanlian [CASE]`` starts it.

    Returns the application's ``ui.app.Workbench`` with the case's window shown, or an exit
    status: 3 when the system lacks libraries Qt's X11 platform needs (the message names
    them and their packages), 2 when the case could not be opened.
    """
    import_sqlite_utils_without_pandas()
    args = _gui_parser().parse_args(argv)
    # Qt aborts the process when its platform plugin cannot load, naming one library at
    # best: check them all first and say which packages bring them.
    if xcb_platform_expected():
        missing = missing_libraries()
        if missing:
            print(xcb_advice(missing, _startup_language(args.lang)), file=sys.stderr)
            return 3
    from ui.app import start

    bench = start(args.case, analyst=args.analyst, language=args.lang)
    return 2 if bench is None else bench


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in COMMANDS:
        import_sqlite_utils_without_pandas()
        return run_command(argv)
    started = start_gui(argv)
    if isinstance(started, int):
        return started
    from ui.app import run_event_loop

    return run_event_loop(started)


if __name__ == "__main__":
    sys.exit(main())
