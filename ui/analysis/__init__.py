"""Analysis docks of the main window: findings, network, trace and timeline.

``install_analysis_panels(window)`` adds them tabbed together at the bottom as one panel
that folds to its tab bar (``window.analysis_area``) and unfolds when a result arrives,
puts their toggles in the View menu, and waits for running analyses when the window
closes, before the case's connection goes away.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from .dockarea import AnalysisArea
from .findings import FindingsPanel
from .network import NetworkPanel
from .timeline import TimelinePanel
from .tracepanel import TracePanel


class _CloseGuard(QObject):
    """Stops the panels' worker threads before the window closes its case."""

    def __init__(self, runners, parent: QObject):
        super().__init__(parent)
        self.runners = runners

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Close:
            for runner in self.runners:
                runner.wait()
        return False


def _view_menu(window: QMainWindow) -> QMenu | None:
    menu = getattr(window, "view_menu", None)
    if isinstance(menu, QMenu):
        return menu
    for action in window.menuBar().actions():
        view = QCoreApplication.translate("MainWindow", "&View")
        if action.menu() is not None and action.text() in (view, "&View"):
            return action.menu()
    return None


def install_analysis_panels(window: QMainWindow) -> dict[str, QDockWidget]:
    """Add the analysis docks to ``window`` (a MainWindow with ``document``): four, and the
    leads across cases on a server case."""
    document = window.document

    panels = {
        "findings": (
            QCoreApplication.translate("AnalysisPanels", "Findings"),
            FindingsPanel(document),
        ),
        "network": (
            QCoreApplication.translate("AnalysisPanels", "Network"),
            NetworkPanel(document),
        ),
        "trace": (
            QCoreApplication.translate("AnalysisPanels", "Trace money"),
            TracePanel(document),
        ),
        "timeline": (
            QCoreApplication.translate("AnalysisPanels", "Timeline"),
            TimelinePanel(document),
        ),
    }
    if document.store.backend != "sqlite":  # a server case: leads from its other cases
        from .leads import LeadsPanel

        panels["leads"] = (
            QCoreApplication.translate("AnalysisPanels", "Leads across cases"),
            LeadsPanel(document),
        )
    docks: dict[str, QDockWidget] = {}
    first = None
    for name, (title, panel) in panels.items():
        dock = QDockWidget(title, window)
        dock.setObjectName(f"{name}_dock")
        dock.setWidget(panel)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        if first is None:
            first = dock
        else:
            window.tabifyDockWidget(first, dock)
        docks[name] = dock
    folding = dict(docks)
    summary = getattr(getattr(window, "chart", None), "summary", None)
    if summary is not None:
        # The chart's region summary reads better as a tab than as rows under the chart.
        from .regionsbox import RegionSummaryBox

        dock = QDockWidget(QCoreApplication.translate("AnalysisPanels", "Region summary"), window)
        dock.setObjectName("regions_dock")
        dock.setWidget(RegionSummaryBox(summary))
        dock.setFeatures(first.features())
        window.tabifyDockWidget(first, dock)
        folding["regions"] = dock
        window.region_dock = dock
    first.raise_()
    # One tabbed panel under the chart that folds to its tab bar; a result unfolds it.
    area = AnalysisArea(window, folding)
    for dock in docks.values():
        arrived = getattr(dock.widget(), "result_arrived", None)
        if arrived is not None:
            arrived.connect(lambda d=dock: area.show_result(d))
    menu = _view_menu(window)
    if menu is not None:
        menu.addSeparator()
        for dock in folding.values():
            menu.addAction(dock.toggleViewAction())
    else:
        for dock in folding.values():
            window.addAction(dock.toggleViewAction())
    runners = [panels["findings"][1].runner, panels["network"][1].runner]
    if "leads" in panels:
        runners.append(panels["leads"][1].runner)
        panels["leads"][1].new_leads.connect(
            lambda fresh: window.statusBar().showMessage(_announce_leads(fresh))
        )
    window.installEventFilter(_CloseGuard(runners, window))
    window.analysis_docks = docks
    window.analysis_area = area
    return docks


def _announce_leads(fresh: list) -> str:
    from .leads import describe_lead

    text = describe_lead(*fresh[0])
    if len(fresh) > 1:
        text += " " + QCoreApplication.translate("AnalysisPanels", "(and {n} more)").format(
            n=len(fresh) - 1
        )
    return text


__all__ = ["AnalysisArea", "FindingsPanel", "NetworkPanel", "TimelinePanel", "TracePanel",
           "install_analysis_panels"]  # fmt: skip
