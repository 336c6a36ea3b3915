"""The chart's region summary as a tab of the analysis panel.

The chart panel fills its summary table (people, suspects, cards, phones and money per
region area) and shows it only for a chart laid out by region. Under the chart it would
take rows from the canvas; as a tab it has the panel's height when the analyst asks for it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QTableWidget, QVBoxLayout, QWidget


class RegionSummaryBox(QWidget):
    """Holds the chart panel's summary table; says why it is empty when the chart panel
    hides it (a chart not laid out by region)."""

    def __init__(self, summary: QTableWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("region_summary_box")
        self.summary = summary
        self.note = QLabel(
            self.tr(
                "The region summary belongs to a chart laid out by region "
                "(Chart → Layout → By region)."
            )  # fmt: skip
        )
        self.note.setObjectName("region_summary_note")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(summary, 1)
        layout.addWidget(self.note)
        layout.addStretch(0)
        summary.installEventFilter(self)
        self._sync()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self.summary and event.type() in (QEvent.Type.ShowToParent,
                                                    QEvent.Type.HideToParent):  # fmt: skip
            self._sync()
        return False

    def _sync(self) -> None:
        self.note.setVisible(self.summary.isHidden())
