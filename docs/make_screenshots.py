"""The README's screenshots, regenerated from the demo case in English and Chinese, at the
two screen sizes analysts work at (1600 × 1000 and 1366 × 768).

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py [--out docs] [--only NAME]

Writes, for each language (``en``, ``zh``):

- ``screenshot-LANG.png``: the main window as a first start shows it, a core member
  selected;
- ``chart-regions-LANG.png``: the gang overview with the region summary open below it;
- ``import-wizard-LANG.png``: the import wizard's mapping page with its live preview (a
  bank statement with a row whose date and amount are both bad);
- ``orgchart-LANG.png``, ``flow-LANG.png``, ``report-LANG.png``: the first page of each PDF.

The window shots are taken at 1600 × 1000 (the names above) and at 1366 × 768 (the same
names ending in ``-1366x768``). ``orgchart.png``, ``flow.png`` and ``report.png`` are the
Chinese PDF pages, masked, as the README shows them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES = ((1600, 1000, ""), (1366, 768, "-1366x768"))
LANGUAGES = (("en", "en"), ("zh_CN", "zh"))


def settle(seconds: float = 0.4) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs"))
    parser.add_argument("--entity", help="name of the person to select")
    parser.add_argument("--only", help="only the shots whose file name starts with this")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSettings

    from ui import i18n
    from ui.app import make_application
    from workbench.demo import build_demo

    with tempfile.TemporaryDirectory() as tmp:
        # Settings of a first start (no saved layout, legend open), not the analyst's own.
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        make_application()
        QSettings().clear()
        demo = Path(tmp) / "demo.zlcase"
        build_demo(demo, analyst="demo")
        shots = Shots(demo, Path(tmp), out, args.entity, args.only)
        for language, short in LANGUAGES:
            i18n.install_language(language)
            for width, height, suffix in SIZES:
                shots.window_shots(language, short, width, height, suffix)
                shots.wizard_shot(short, width, height, suffix)
            shots.pdf_shots(short)
        i18n.install_language("en")


class Shots:
    """Each kind of screenshot, on a fresh copy of the demo case."""

    def __init__(self, demo: Path, tmp: Path, out: Path, entity: str | None, only: str | None):
        self.demo, self.tmp, self.out, self.entity, self.only = demo, tmp, out, entity, only

    def wanted(self, name: str) -> bool:
        return not self.only or name.startswith(self.only)

    def save(self, widget, name: str) -> None:
        path = self.out / name
        widget.grab().save(str(path))
        print(path)

    def fresh_case(self) -> Path:
        path = self.tmp / "shot.zlcase"
        for p in self.tmp.glob("shot.zlcase*"):
            p.unlink()
        shutil.copy(self.demo, path)
        return path

    def open_window(self, language: str, width: int, height: int):
        from PySide6.QtCore import QSettings

        from ui.mainwindow import MainWindow
        from workbench.store import CaseStore

        # Every shot starts from the default layout, as a first start shows it.
        QSettings().remove("window")
        store = CaseStore.open(self.fresh_case(), "demo")
        window = MainWindow(store, language)
        window.resize(width, height)
        window.show()
        # The views are built once the first frame is out, and the chart is fitted while
        # the docks settle: on a busy machine that takes longer than on the analyst's.
        deadline = time.monotonic() + 20
        while not window.views_built() and time.monotonic() < deadline:
            settle(0.1)
        settle(0.6)
        window.chart.canvas.fit()
        settle(0.3)
        return window

    def window_shots(self, language: str, short: str, width: int, height: int, suffix: str):
        names = [f"screenshot-{short}{suffix}.png", f"chart-regions-{short}{suffix}.png"]
        if not any(self.wanted(n) for n in names):
            return
        window = self.open_window(language, width, height)
        try:
            person = _pick(window.store, self.entity)
            window.browser.search.setText(person.name)
            window.browser._apply_search()
            window.document.select(person.id)
            settle()
            if self.wanted(names[0]):
                self.save(window, names[0])
            if self.wanted(names[1]):
                window.document.select(None)
                window.browser.search.clear()
                window.browser._apply_search()
                window.region_dock.raise_()
                window.analysis_area.set_folded(False, int(height * 0.28))
                settle()
                window.chart.canvas.fit()
                settle()
                self.save(window, names[1])
        finally:
            window.close()
            settle(0.2)

    def wizard_shot(self, short: str, width: int, height: int, suffix: str) -> None:
        from PySide6.QtCore import Qt

        from ui.document import CaseDocument
        from ui.importwizard import ImportDialog
        from workbench.store import CaseStore

        name = f"import-wizard-{short}{suffix}.png"
        if not self.wanted(name):
            return
        statement = _statement(self.tmp / "工行流水.csv")
        store = CaseStore.create(self.tmp / f"wizard-{short}{suffix}.zlcase", "demo")
        dialog = ImportDialog(CaseDocument(store), [str(statement)])
        try:
            dialog.resize(min(1280, width - 80), min(800, height - 60))
            dialog.show()
            dialog.kind.setCurrentIndex(dialog.kind.findData("bank"))
            dialog.next.click()
            dialog.preview.setFocus(Qt.FocusReason.OtherFocusReason)
            settle()
            self.save(dialog, name)
        finally:
            dialog.close()
            store.close()

    def pdf_shots(self, short: str) -> None:
        from ui.exportdialog import page_images
        from ui.pdf.export import ExportOptions, make_document
        from workbench.store import CaseStore

        with CaseStore.open(self.demo, "demo", read_only=True) as store:
            for kind, base in (("orgchart-pdf", "orgchart"), ("flow-pdf", "flow"),
                               ("report-pdf", "report")):  # fmt: skip
                name = f"{base}-{short}.png"
                if not (self.wanted(name) or self.wanted(f"{base}.png")):
                    continue
                doc = make_document(store, kind, ExportOptions(mask_ids=True))
                image = page_images(doc.render(), width=1400)[0]
                path = self.out / name
                image.save(str(path))
                print(path)
                if short == "zh":
                    shutil.copy(path, self.out / f"{base}.png")
                    print(self.out / f"{base}.png")


def _statement(path: Path) -> Path:
    """A bank statement as ICBC exports it (GBK, title rows naming the card), with a row
    whose amount is not a number and one whose date and amount are both bad."""
    lines = [
        "中国工商银行个人账户明细",
        "卡号：6222020200112233446，户名：张三，证件号码：500240198703150010",
        "交易日期,交易金额,余额,对方账号,对方户名,摘要,渠道",
        "2025-03-27 23:41:05,-50000.00元,1200.00元,6217000010012345677,李四,跨行转出,手机银行",
        '2025-03-27 23:50:10,"-1,000.00元",200.00元,4367420012345673,王五,转账,网银',
        "2025-03-28 01:12:00,-200.00元,0.00元,,,ATM取款,ATM",
        "2025-03-28 02:00:00,二百元,0.00元,,,转账,网银",
        "2025-13-40 25:00:00,-,0.00元,,,转账,网银",
        "2025-03-26 10:00:00,+51200.00元,51200.00元,4367420012345673,王五,转入,网银",
        "合计,共6笔,,,,,",
    ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return path


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
