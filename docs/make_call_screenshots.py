"""Screenshots of the call-record views (contacts, routine, places) for the README, in English
and Chinese, on the small call case the tests plant a switch, companions and a home in.

QT_QPA_PLATFORM=offscreen python docs/make_call_screenshots.py [--out docs]
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
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from tests.workbench.analysis.callcase import HOME_OWNER, make_call_case
    from ui import i18n
    from ui.analysis.callviews import CallAnalysisDialog
    from ui.app import make_application
    from ui.document import CaseDocument
    from workbench.store import CaseStore

    make_application()
    with tempfile.TemporaryDirectory() as tmp:
        made = make_call_case(Path(tmp))
        path = made if isinstance(made, Path) else made.path
        if not isinstance(made, Path):
            made.close()
        for lang in ("en", "zh_CN"):
            i18n.install_language(lang)
            store = CaseStore.open(path, "demo", read_only=True)
            document = CaseDocument(store)
            phone = store.find_entity("phone_card", HOME_OWNER)
            dialog = CallAnalysisDialog(document, phone.id)
            dialog.resize(1100, 600)
            dialog.show()
            for tab, name in enumerate(("contacts", "routine", "places")):
                dialog.tabs.setCurrentIndex(tab)
                for _ in range(5):
                    QApplication.processEvents()
                out = Path(args.out) / f"calls-{name}-{lang.split('_')[0]}.png"
                dialog.grab().save(str(out))
                print(out)
            dialog.close()
            document.close()
            QApplication.processEvents()


if __name__ == "__main__":
    main()
