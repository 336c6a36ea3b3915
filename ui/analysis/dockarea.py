"""The analysis docks as one tabbed panel under the chart, collapsible to its tab bar.

Qt tabs docks that share an area but has no notion of a panel that folds away: here each
dock gets a slim title bar with a fold button, and folding squeezes the docks' contents
and caps their height, so only the title and Qt's tab bar remain and the chart takes the room.
Clicking a tab unfolds the panel; a result arriving in a panel unfolds it and gives it a
readable height. Floating docks and docks the analyst moved to the sides are left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStyle,
    QTabBar,
    QToolButton,
    QWidget,
)

#: Qt's "no maximum" for widget sizes.
UNLIMITED = 16_777_215
#: Height of the unfolded panel as a share of the window: by default, and at least when a
#: result arrives.
DEFAULT_SHARE = 0.34
RESULT_SHARE = 0.40
#: The panel is never unfolded lower than this (pixels).
MIN_HEIGHT = 160

_BOTTOM = (Qt.DockWidgetArea.BottomDockWidgetArea, Qt.DockWidgetArea.TopDockWidgetArea)


class DockTitleBar(QWidget):
    """Title, fold, float and close: a slim title bar for a dock of the analysis panel."""

    def __init__(self, dock: QDockWidget, area: AnalysisArea):
        super().__init__(dock)
        self.setObjectName(f"{dock.objectName()}_title")
        self.dock = dock
        self.title = QLabel(dock.windowTitle())
        self.title.setStyleSheet("font-weight:600;")
        self.fold = QToolButton()
        self.fold.setObjectName(f"{dock.objectName()}_fold")
        self.fold.setAutoRaise(True)
        self.fold.clicked.connect(area.toggle)
        style = self.style()
        self.float_button = QToolButton()
        self.float_button.setAutoRaise(True)
        self.float_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_TitleBarNormalButton))
        self.float_button.setToolTip(self.tr("Detach"))
        self.float_button.clicked.connect(lambda: dock.setFloating(not dock.isFloating()))
        self.close_button = QToolButton()
        self.close_button.setAutoRaise(True)
        self.close_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        self.close_button.setToolTip(self.tr("Close (View menu brings it back)"))
        self.close_button.clicked.connect(dock.close)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 0, 2, 0)
        row.setSpacing(2)
        row.addWidget(self.title, 1)
        for button in (self.fold, self.float_button, self.close_button):
            button.setFixedSize(20, 20)
            row.addWidget(button)
        dock.windowTitleChanged.connect(self.title.setText)
        self.show_folded(False)

    def show_folded(self, folded: bool) -> None:
        arrow = Qt.ArrowType.UpArrow if folded else Qt.ArrowType.DownArrow
        self.fold.setArrowType(arrow)
        self.fold.setToolTip(self.tr("Unfold the panel") if folded
                             else self.tr("Fold the panel to its tabs"))  # fmt: skip


class AnalysisArea(QObject):
    """Folds and unfolds the analysis docks of ``window`` together."""

    folded_changed = Signal(bool)

    def __init__(self, window: QMainWindow, docks: dict[str, QDockWidget]):
        super().__init__(window)
        self.window = window
        self.docks = docks
        self.folded = False
        #: the height the panel unfolds to (the analyst's last, else a share of the window)
        self.height = 0
        self.bars: dict[str, DockTitleBar] = {}
        for name, dock in docks.items():
            bar = DockTitleBar(dock, self)
            dock.setTitleBarWidget(bar)
            self.bars[name] = bar
            dock.topLevelChanged.connect(self._on_dock_top_level_changed)
            dock.dockLocationChanged.connect(self._on_dock_location_changed)
        window.tabifiedDockWidgetActivated.connect(self._on_window_tab_activated)
        self._tab_bars: set[QTabBar] = set()
        # Qt makes its tab bars as it lays the docks out; look for them once it has.
        QTimer.singleShot(0, self, self._watch_tab_bars)

    # ------------------------------------------------------------------ state

    def _docked(self) -> list[QDockWidget]:
        """The docks of the panel: those under (or over) the chart, not floating."""
        return [d for d in self.docks.values()
                if not d.isFloating() and self.window.dockWidgetArea(d) in _BOTTOM]  # fmt: skip

    def current(self) -> QDockWidget | None:
        """The dock whose tab is raised."""
        shown = [d for d in self._docked() if d.isVisible() and not d.visibleRegion().isEmpty()]
        if shown:
            return shown[0]
        visible = [d for d in self._docked() if d.isVisible()]
        return visible[0] if visible else None

    def panel_height(self) -> int:
        """The height of the panel now: its raised dock plus Qt's tab bar under it (what
        ``QMainWindow.resizeDocks`` sets)."""
        dock = self.current()
        if dock is None:
            return 0
        self._watch_tab_bars()
        tabs = [b for b in self._tab_bars if b.isVisible() and b.geometry().top() >= dock.y()]
        return dock.height() + (max(b.height() for b in tabs) if tabs else 0)

    def default_height(self) -> int:
        return max(MIN_HEIGHT, int(self.window.height() * DEFAULT_SHARE))

    # ------------------------------------------------------------------ folding

    def toggle(self) -> None:
        self.set_folded(not self.folded)

    def set_folded(self, folded: bool, height: int | None = None) -> None:
        """Fold the panel to its tab bar, or unfold it to ``height`` (else the last one)."""
        was = self.folded
        if folded and not was:
            h = self.panel_height()
            if h >= MIN_HEIGHT:
                self.height = h
        self.folded = folded
        self._apply()
        if not folded and (was or height is not None):
            target = height or self.height or self.default_height()
            self.height = max(MIN_HEIGHT, target)
            dock = self.current()
            if dock is not None:
                self.window.resizeDocks([dock], [self.height], Qt.Orientation.Vertical)
        if folded != was:
            self.folded_changed.emit(folded)

    def _apply(self) -> None:
        """Show or hide the docks' contents for the folded state (docks in the panel only)."""
        docked = self._docked()
        for name, dock in self.docks.items():
            fold = self.folded and dock in docked
            widget = dock.widget()
            if widget is not None:
                # Squeezed, not hidden: Qt caps a dock whose contents are hidden at the
                # width of its title, and the folded panel would not span the chart.
                if fold:
                    widget.setMinimumSize(1, 1)
                    widget.setMaximumHeight(1)
                else:
                    widget.setMinimumSize(0, 0)
                    widget.setMaximumHeight(UNLIMITED)
            bar = self.bars[name]
            dock.setMaximumHeight(bar.sizeHint().height() + 3 if fold else UNLIMITED)
            bar.show_folded(fold)
        self._watch_tab_bars()

    def shrink_folded(self) -> None:
        """Give a folded panel no more than its title and tab bar: docks added to a window
        already on screen keep the room Qt first gave them, whatever their maximum height."""
        dock = self.current()
        if self.folded and dock is not None:
            # Sizes given before Qt has laid the new docks out are forgotten: lay out first.
            self.window.layout().activate()
            self.window.resizeDocks([dock], [dock.maximumHeight()], Qt.Orientation.Vertical)

    def show_result(self, dock: QDockWidget) -> None:
        """A result arrived in ``dock``: raise its tab and give it a readable height."""
        if dock.isHidden():
            dock.show()
        dock.raise_()
        if dock not in self._docked():
            return
        wanted = max(MIN_HEIGHT, int(self.window.height() * RESULT_SHARE))
        if self.folded:
            self.set_folded(False, max(self.height, wanted))
        elif self.panel_height() < wanted:
            self.height = wanted
            self.window.resizeDocks([dock], [wanted], Qt.Orientation.Vertical)

    # ------------------------------------------------------------------ Qt's tab bars

    def _watch_tab_bars(self) -> None:
        """Clicking a tab of the folded panel unfolds it, the raised tab's too."""
        titles = {d.windowTitle() for d in self.docks.values()}
        for bar in self.window.findChildren(QTabBar):
            if bar in self._tab_bars or bar.parent() is not self.window:
                continue
            if any(bar.tabText(i) in titles for i in range(bar.count())):
                bar.installEventFilter(self)
                self._tab_bars.add(bar)
                bar.destroyed.connect(lambda _=None, b=bar: self._tab_bars.discard(b))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if (
            self.folded
            and event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(obj, QTabBar)
            and obj.tabAt(event.position().toPoint()) >= 0
        ):
            QTimer.singleShot(0, self, lambda: self.set_folded(False))
        return False

    def _on_window_tab_activated(self, dock: QDockWidget) -> None:
        if self.folded and dock in self.docks.values():
            self.set_folded(False)

    def _on_dock_top_level_changed(self, _floating: bool) -> None:
        # A dock taken out of the folded panel shows its contents; one put back folds.
        self._apply()

    def _on_dock_location_changed(self, _area) -> None:
        QTimer.singleShot(0, self, self._apply)
