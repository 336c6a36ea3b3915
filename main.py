"""Zhanlian's composition root: parse the command line, then open the GUI or run a command.

python main.py [CASE]                 open the GUI on CASE (the demo case when omitted)
python main.py demo PATH              write the demo case to PATH
python main.py info CASE [--json]     counts of what a case holds
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

COMMANDS = ("demo", "info")


def _gui_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="zhanlian",
        description="Zhanlian (斩链): a workbench for anti-fraud case squads. "
        f"Without CASE it opens the demo case. Commands: {', '.join(COMMANDS)} "
        "(zhanlian COMMAND --help).",
    )
    p.add_argument("case", nargs="?", help="case file to open (.zlcase)")
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
    info.add_argument("case", help="case file")
    info.add_argument("--json", action="store_true", help="print one JSON object")
    return p


def _fail(message: str) -> int:
    print(f"zhanlian: {message}", file=sys.stderr)
    return 2


def run_command(argv: list[str]) -> int:
    from workbench.errors import CaseError
    from workbench.paths import os_user
    from workbench.store import CaseStore

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
            with CaseStore.open(args.case, os_user(), read_only=True) as store:
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
    except FileExistsError as e:
        return _fail(f"{e}: the file exists already")
    except FileNotFoundError as e:
        return _fail(f"{e}: no such file")
    except CaseError as e:
        return _fail(str(e))
    return _fail(f"unknown command {args.command}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in COMMANDS:
        return run_command(argv)
    args = _gui_parser().parse_args(argv)
    from ui.app import run

    return run(args.case, analyst=args.analyst, language=args.lang)


if __name__ == "__main__":
    sys.exit(main())
