"""Refresh the translation sources and build the compiled catalogues.

    python -m resources.build_translations          # lupdate, then lrelease
    python -m resources.build_translations --check  # exit 1 if anything is stale

lupdate collects every tr()/translate()/QT_TRANSLATE_NOOP string of ui/ and main.py into
the .ts source, which translators edit (Qt Linguist); lrelease compiles it to the .qm file
the application loads. The .qm is never edited by hand.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)


def sources() -> list[Path]:
    return sorted((ROOT / "ui").rglob("*.py")) + [ROOT / "main.py"]


def _tool(name: str) -> str:
    exe = shutil.which(f"pyside6-{name}")
    if exe:
        return exe
    import PySide6

    candidate = Path(PySide6.__file__).parent / name
    if candidate.exists():
        return str(candidate)
    raise FileNotFoundError(f"pyside6-{name}")


def lupdate(ts: Path) -> None:
    subprocess.run(
        [_tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none",
         *map(str, sources()), "-ts", str(ts)],
        check=True,
    )  # fmt: skip


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale files, change none")
    args = parser.parse_args(argv)
    stale = []
    for lang in LANGUAGES:
        ts = TS_DIR / f"zhanlian_{lang}.ts"
        qm = TS_DIR / f"zhanlian_{lang}.qm"
        if args.check:
            unfinished = ts.read_text(encoding="utf-8").count('type="unfinished"')
            if unfinished:
                stale.append(f"{ts.name}: {unfinished} strings are not translated yet")
            with tempfile.TemporaryDirectory() as tmp:
                ts_copy = Path(tmp) / ts.name
                shutil.copy(ts, ts_copy)
                lupdate(ts_copy)
                if ts_copy.read_bytes() != ts.read_bytes():
                    stale.append(f"{ts.name}: strings in the code are missing; run lupdate")
                qm_new = Path(tmp) / qm.name
                lrelease(ts, qm_new)
                if not qm.exists() or not filecmp.cmp(qm, qm_new, shallow=False):
                    stale.append(f"{qm.name}: not built from {ts.name}; run lrelease")
        else:
            lupdate(ts)
            lrelease(ts, qm)
    for line in stale:
        print(line, file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
