"""Screenshots of the main window on the demo case, in English and Chinese, for the README.

QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py [--out docs]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs"))
    parser.add_argument("--entity", help="name of the person to select")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from ui import i18n
    from ui.app import make_application
    from ui.mainwindow import MainWindow
    from workbench.demo import build_demo
    from workbench.store import CaseStore

    make_application()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.zlcase"
        build_demo(path, analyst="demo")
        for lang in ("en", "zh_CN"):
            i18n.install_language(lang)
            store = CaseStore.open(path, "demo")
            window = MainWindow(store, lang)
            window.resize(1600, 940)
            window.show()
            person = _pick(store, args.entity)
            window.browser.search.setText(person.name)
            window.browser._apply_search()
            window.document.select(person.id)
            for _ in range(5):
                QApplication.processEvents()
            out = Path(args.out) / f"screenshot-{lang.split('_')[0]}.png"
            window.grab().save(str(out))
            print(out)
            window.close()
            QApplication.processEvents()


def _pick(store, name: str | None):
    """A core member with a boss, a team and cards around them reads well in a screenshot."""
    if name:
        return next(e for e in store.entities("person") if e.name == name)
    best = None
    for pid in store.entity_ids_with_role("core_member"):
        n = len(store.neighbourhood(pid))
        if 8 <= n <= 26 and (best is None or n > best[0]):
            best = (n, pid)
    pid = best[1] if best else store.entity_ids_with_role("organiser")[0]
    return store.entity(pid)


if __name__ == "__main__":
    main()
