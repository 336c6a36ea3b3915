"""The case report as PDF: figures, the suspects table, the stop-payment list."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ui import labels
from workbench.model import CULPABILITY, LEGAL_STATUS, MEASURES, ROLES, term
from workbench.reports.report import CaseReport

from .document import (
    INK,
    MUTED,
    Canvas,
    CaseHeader,
    PagePainter,
    PageSetup,
    PdfDocument,
    money,
    term_text,
    vocab_text,
)

SECTION_H = 9.0
ROW_H = 5.6
STOP_ROW_H = 8.4
HEAD_FILL = QColor("#eceff1")
ZEBRA = QColor("#fafafa")
BROKEN = QColor("#c62828")


class CaseReportPdf(PdfDocument):
    """Page 1 holds the figures; then the suspects and the stop-payment list, paginated."""

    def __init__(self, report: CaseReport, header: CaseHeader, setup: PageSetup | None = None):
        super().__init__(header, setup or PageSetup("A4", False))
        self.report = report
        self.masked = report.masked
        self.title = self.tr("Case report (案件报告)")

    def _rows_per_page(self, row_h: float) -> int:
        return max(1, math.floor((self.setup.body[3] - SECTION_H - ROW_H - 6) / row_h))

    def pages(self) -> list[PagePainter]:
        pages: list[PagePainter] = [self._figures]
        rows = self.report.suspect_rows
        per = self._rows_per_page(ROW_H)
        for i in range(0, max(len(rows), 1), per):
            pages.append(lambda c, body, i=i, n=per: self._suspects(c, body, i, i + n))
        stop = self.report.stop_list
        per = self._rows_per_page(STOP_ROW_H)
        for i in range(0, max(len(stop), 1), per):
            pages.append(lambda c, body, i=i, n=per: self._stop_list(c, body, i, i + n))
        return pages

    # ------------------------------------------------------------------ figures

    def _figures(self, c: Canvas, body) -> None:
        x, y, w, _ = body
        r = self.report
        c.text(x, y, w, SECTION_H, self.tr("Case statistics"), 12)
        summary = self.tr(
            "{caught} suspects caught, coercive measures against {coercive}, {prosecuted} "
            "transferred for prosecution; {stopped} accounts stopped and {frozen} frozen; "
            "{returned} returned to victims, {rate} of their losses."
        ).format(
            caught=r.caught, coercive=r.coercive, prosecuted=r.prosecuted,
            stopped=r.accounts["stop"], frozen=r.accounts["freeze"],
            returned=money(r.amounts["return"]), rate=f"{r.return_rate:.1%}",
        )  # fmt: skip
        c.text(x, y + SECTION_H, w, 12, summary, 9, wrap=True,
               align=Qt.AlignLeft | Qt.AlignTop)  # fmt: skip
        status = "、".join(
            f"{vocab_text(LEGAL_STATUS, code)} {n}" for code, n in r.by_status.items() if n
        )
        figures = [
            (self.tr("Suspects in the case"), str(r.suspects), ""),
            (self.tr("Suspects caught"), str(r.caught),
             self.tr("at large: {n}").format(n=r.at_large)),
            (self.tr("Coercive measures taken"), str(r.coercive),
             self.tr("detention, bail, arrest and later stages")),
            (self.tr("Transferred for prosecution"), str(r.prosecuted),
             self.tr("including sentenced")),
            (self.tr("Victims"), str(r.victims), ""),
            (self.tr("Losses (victims' payments to suspects' cards)"), money(r.losses_fen), ""),
        ]  # fmt: skip
        for m in MEASURES:
            figures.append(
                (
                    self.tr("Accounts: {measure}").format(measure=term_text(m)),
                    str(r.accounts[m.code]),
                    money(r.amounts[m.code]),
                )
            )
        figures.append((self.tr("Return rate"), f"{r.return_rate:.1%}",
                        self.tr("returned / losses")))  # fmt: skip
        top = y + SECTION_H + 14
        cols = (w * 0.46, w * 0.18, w * 0.36)
        for i, (label, value, note) in enumerate(figures):
            ry = top + i * 7
            if i % 2 == 0:
                c.rect(x, ry, w, 7, stroke=None, fill=ZEBRA)
            c.text(x + 1.5, ry, cols[0] - 2, 7, label, 9)
            c.text(x + cols[0], ry, cols[1] - 2, 7, value, 10,
                   align=Qt.AlignRight | Qt.AlignVCenter)  # fmt: skip
            c.text(x + cols[0] + cols[1] + 3, ry, cols[2] - 4, 7, note, 8, color=MUTED)
        ny = top + len(figures) * 7 + 3
        c.text(x + 1.5, ny, w - 3, 12, self.tr("Legal status of the suspects") + "：" + status, 9,
               wrap=True, align=Qt.AlignLeft | Qt.AlignTop)  # fmt: skip
        ny += 15
        notes = [
            self.tr("Caught: suspects whose legal status is set and is not at large."),
            self.tr("Amounts come from the measures recorded on accounts; losses from the "
                    "victims' transfers in the case's bank statements."),
            self.tr("Pages that follow: the suspects ({n}) and the stop-payment list ({m} "
                    "accounts).").format(n=len(r.suspect_rows), m=len(r.stop_list)),
        ]  # fmt: skip
        if r.stop_list_truncated:
            notes.append(self.tr("The stop-payment list keeps the accounts with the largest "
                                 "amounts."))  # fmt: skip
        c.text(x, ny, w, 30, "\n".join(notes), 7.5, color=MUTED, wrap=True,
               align=Qt.AlignLeft | Qt.AlignTop)  # fmt: skip
        self._audit_chain(c, x, ny + 34, w)

    def _audit_chain(self, c: Canvas, x: float, y: float, w: float) -> None:
        """The audit log's chain head, so that a printed copy can prove later what the log
        said when it was printed (``workbench.audit.verify_audit_chain(conn, head=...)``)."""
        r = self.report
        if r.audit_head_id is None:
            return
        c.text(x, y, w, SECTION_H, self.tr("Audit log"), 12)
        if r.audit_ok:
            state = self.tr("{rows} entries, the last is #{row}; the chain of hashes is "
                            "intact.").format(rows=r.audit_rows, row=r.audit_head_id)  # fmt: skip
        else:
            state = self.tr("The chain of hashes is broken at entry #{row}: the log was "
                            "changed outside Zhanlian.").format(row=r.audit_first_bad)  # fmt: skip
        c.text(x + 1.5, y + SECTION_H, w - 3, 6, state, 9,
               color=INK if r.audit_ok else BROKEN)  # fmt: skip
        c.text(x + 1.5, y + SECTION_H + 6, w - 3, 5,
               self.tr("Chain head (SHA-256 of entry #{row}):").format(row=r.audit_head_id),
               8, color=MUTED)  # fmt: skip
        grouped = " ".join(r.audit_head[i : i + 8] for i in range(0, len(r.audit_head), 8))
        c.text(x + 1.5, y + SECTION_H + 11, w - 3, 6, grouped, 9, verbatim=True)
        c.text(x + 1.5, y + SECTION_H + 17, w - 3, 5,
               self.tr("Keep this page: the log can be checked against this value later."),
               7.5, color=MUTED)  # fmt: skip

    # ------------------------------------------------------------------ tables

    def _table(self, c: Canvas, body, title: str, heads, widths, rows, row_h, wrap_col=-1):
        x, y, w, _ = body
        c.text(x, y, w, SECTION_H, title, 12)
        ty = y + SECTION_H
        c.rect(x, ty, w, ROW_H, stroke=None, fill=HEAD_FILL)
        cx = x
        for head, fw in zip(heads, widths, strict=True):
            c.text(cx + 1, ty, fw * w - 2, ROW_H, head, 7.5)
            cx += fw * w
        ty += ROW_H
        for i, row in enumerate(rows):
            if i % 2:
                c.rect(x, ty, w, row_h, stroke=None, fill=ZEBRA)
            cx = x
            for j, (cell, fw) in enumerate(zip(row, widths, strict=True)):
                if j == wrap_col:
                    c.text(cx + 1, ty + 0.4, fw * w - 2, row_h - 0.8, cell, 6, wrap=True,
                           align=Qt.AlignLeft | Qt.AlignVCenter)  # fmt: skip
                else:
                    c.text(cx + 1, ty, fw * w - 2, row_h, cell, 7)
                cx += fw * w
            ty += row_h
        c.polyline([(x, ty), (x + w, ty)])

    def _suspects(self, c: Canvas, body, start: int, end: int) -> None:
        rows = self.report.suspect_rows
        heads = [self.tr("No."), self.tr("Name"), self.tr("ID number"), self.tr("Roles"),
                 self.tr("Culpability"), self.tr("Legal status"), self.tr("Region"),
                 self.tr("Organisation")]  # fmt: skip
        widths = (0.05, 0.1, 0.17, 0.2, 0.1, 0.12, 0.1, 0.16)
        cells = [
            [
                str(i + 1),
                r.name,
                r.id_number,
                "、".join(term_text(term(ROLES, code)) for code in r.roles if code in _ROLE_CODES),
                vocab_text(CULPABILITY, r.culpability),
                vocab_text(LEGAL_STATUS, r.legal_status),
                r.region,
                r.gang,
            ]
            for i, r in enumerate(rows[start:end], start)
        ]
        title = self.tr("Suspects ({first}–{last} of {total})").format(
            first=start + 1 if rows else 0, last=min(end, len(rows)), total=len(rows)
        )
        self._table(c, body, title, heads, widths, cells, ROW_H)

    def _stop_list(self, c: Canvas, body, start: int, end: int) -> None:
        rows = self.report.stop_list
        heads = ["账号", "户名", "开户行", "金额", "层级", "理由"]
        if not labels.chinese_ui():
            heads = [f"{h} {e}" for h, e in zip(heads, (
                self.tr("account"), self.tr("holder"), self.tr("bank"), self.tr("amount"),
                self.tr("level"), self.tr("reason")), strict=True)]  # fmt: skip
        widths = (0.19, 0.08, 0.15, 0.1, 0.07, 0.41)
        cells = [[r["账号"], r["户名"], r["开户行"], r["金额"], r["层级"], r["理由"]]
                 for r in rows[start:end]]  # fmt: skip
        title = self.tr("Stop-payment list ({first}–{last} of {total})").format(
            first=start + 1 if rows else 0, last=min(end, len(rows)), total=len(rows)
        )
        self._table(c, body, title, heads, widths, cells, STOP_ROW_H, wrap_col=5)


_ROLE_CODES = {t.code for t in ROLES}
