"""The hierarchy view: the organisation chart on screen, adjusted before it is exported.

It draws the layout of :func:`workbench.reports.orgchart.build_orgchart` with the PDF's own
box painter (:func:`ui.pdf.orgchart.paint_box`), so the screen and the paper agree. The
analyst drags a person onto another to say who they report to, drags them onto empty space
to put them at the top, edits roles, culpability and legal status from the context menu
(all of it commands on the undo stack), and leaves people out of this export only (a set
kept with the view, never a change to the case). The view re-reads on every committed
change, so undo and redo redraw it.

The chart holds a few hundred boxes at most, so each box is its own QGraphicsItem here.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.errors import CaseError
from workbench.model import CULPABILITY, LEGAL_STATUS, ROLES, Kind
from workbench.reports.orgchart import OrgBox, OrgChart, build_orgchart

from . import labels
from .commands import AddLink, DeleteLink, EditEntity
from .i18n import CJK_FAMILY
from .pdf.document import PX_PER_MM, RESOLUTION, Canvas
from .pdf.export import ExportOptions
from .pdf.orgchart import LINE, fit_boxes, paint_box

MARGIN_MM = 10.0  # empty scene around the chart: room to drop a box "onto empty space"
DROP_EDGE = QColor("#1e88e5")
SELECTED_EDGE = QColor("#f57c00")
FAR_BOX_PX = 110  # below this on-screen width a person's box shows only the name


class ScreenCanvas(Canvas):
    """The PDF canvas drawing on screen: the painter is scaled so that Canvas' grid of
    ``RESOLUTION`` dots per inch lands on scene millimetres, and fonts are sized for that
    grid rather than for the screen's dots per inch."""

    def __init__(self, painter: QPainter):
        super().__init__(painter, CJK_FAMILY, set())
        self._k = RESOLUTION / max(painter.device().logicalDpiY(), 1)

    def font(self, pt: float):
        f = super().font(pt)
        f.setPointSizeF(max(pt, 0.5) * self._k)
        return f


class BoxItem(QGraphicsItem):
    """One box of the chart, in millimetres, painted as the PDF paints it."""

    def __init__(self, box: OrgBox, children: int = 0):
        super().__init__()
        self.box = box
        self.children = children
        self.drop_target = False
        self.setPos(box.x, box.y)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, box.kind == "person")
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setToolTip(box.name)

    @property
    def entity_id(self) -> int | None:
        return self.box.entity_id

    @property
    def is_person(self) -> bool:
        return self.box.kind == Kind.PERSON.value

    def boundingRect(self) -> QRectF:
        return QRectF(-1.0, -1.0, self.box.w + 2.0, self.box.h + 2.0)

    def set_drop_target(self, on: bool) -> None:
        if on != self.drop_target:
            self.drop_target = on
            self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.save()
        painter.scale(1 / PX_PER_MM, 1 / PX_PER_MM)
        canvas = ScreenCanvas(painter)
        # Zoomed far out the PDF's small print is a grey smear: the name alone, large, is
        # what lets the analyst find the box to drag.
        far = option.levelOfDetailFromTransform(painter.worldTransform()) * PX_PER_MM
        if far * self.box.w < FAR_BOX_PX:
            name = self.box.name
            if self.box.kind == "others":
                name = QCoreApplication.translate("OrgChartPdf", "Suspects not attached to a gang")
            kind = "organisation" if self.box.kind == "others" else self.box.kind
            bare = replace(self.box, kind=kind, name="", aliases=[], org_type="", region="")
            paint_box(canvas, bare, 0.0, 0.0, 1.0, False)
            left = 3.5 if self.is_person else 1.5
            canvas.text(left, 0.5, self.box.w - left - 1.5, self.box.h - 1.0, name,
                        30.0 if self.is_person else 24.0,
                        align=Qt.AlignmentFlag.AlignCenter)  # fmt: skip
        else:
            paint_box(canvas, self.box, 0.0, 0.0, 1.0, True, self.children)
        painter.restore()
        edge = DROP_EDGE if self.drop_target else SELECTED_EDGE if self.isSelected() else None
        if edge is not None:
            pen = QPen(edge)
            pen.setWidthF(0.8)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(0, 0, self.box.w, self.box.h), 1.0, 1.0)


class OrgChartView(QGraphicsView):
    """The chart's canvas. A drag of a person's box ends in one of three intents:
    ``reports_to_requested(person, superior)`` when dropped on another person,
    ``top_requested(person)`` when dropped on empty space, ``team_requested(person, org)``
    when dropped on an organisation's box.
    A click selects (``box_clicked``); a right click asks for the box's menu."""

    reports_to_requested = Signal(int, int)
    top_requested = Signal(int)
    team_requested = Signal(int, int)
    box_clicked = Signal(object)  # entity id or None
    menu_requested = Signal(object, object)  # BoxItem or None, global QPoint

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("hierarchy_canvas")
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QColor("#fafafa"))
        self.items_by_id: dict[int, BoxItem] = {}
        self._drag: tuple[BoxItem, QPointF, QPointF] | None = None
        self.editable = True  # False for a case open read-only: boxes cannot be dragged
        self._dragging = False
        self._target: BoxItem | None = None

    # ------------------------------------------------------------------ content

    def show_chart(self, chart: OrgChart) -> None:
        """Replace the scene's content with ``chart``; the zoom stays as it was."""
        self._drag, self._dragging, self._target = None, False, None
        scene = self.scene()
        scene.clear()
        self.items_by_id = {}
        path = QPainterPath()
        for line in chart.lines:
            path.moveTo(*line[0])
            for x, y in line[1:]:
                path.lineTo(x, y)
        pen = QPen(LINE)
        pen.setWidthF(0.3)
        lines = QGraphicsPathItem(path)
        lines.setPen(pen)
        lines.setZValue(-1)
        scene.addItem(lines)
        counts: dict[str, int] = {}
        for b in chart.boxes:
            if b.parent:
                counts[b.parent] = counts.get(b.parent, 0) + 1
        for b in chart.boxes:
            item = BoxItem(b, counts.get(b.key, 0))
            scene.addItem(item)
            if b.entity_id is not None:
                self.items_by_id[b.entity_id] = item
        scene.setSceneRect(
            QRectF(-MARGIN_MM, -MARGIN_MM, chart.width + 2 * MARGIN_MM,
                   chart.height + 2 * MARGIN_MM)
        )  # fmt: skip

    def zoom(self, factor: float) -> None:
        current = self.transform().m11()
        factor = max(0.05, min(current * factor, 40.0)) / current
        self.scale(factor, factor)

    def fit(self) -> None:
        rect = self.scene().sceneRect()
        if not rect.isEmpty():
            self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)

    def box_at(self, pos, skip: BoxItem | None = None) -> BoxItem | None:
        """The box under a viewport position (the dragged box itself does not count)."""
        for item in self.items(pos):
            if isinstance(item, BoxItem) and item is not skip:
                return item
        return None

    # ------------------------------------------------------------------ mouse

    def mousePressEvent(self, event) -> None:
        item = self.box_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and item is not None:
            self._drag = (item, self.mapToScene(event.position().toPoint()), item.pos())
            self._dragging = False
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._drag is None:
            super().mouseMoveEvent(event)
            return
        item, start, origin = self._drag
        here = self.mapToScene(event.position().toPoint())
        if not self._dragging:
            moved = self.mapFromScene(here) - self.mapFromScene(start)
            if (
                not self.editable
                or not item.is_person
                or moved.manhattanLength() < QApplication.startDragDistance()
            ):
                return
            self._dragging = True
            item.setZValue(10)
            item.setOpacity(0.8)
        item.setPos(origin + (here - start))
        target = self.box_at(event.position().toPoint(), skip=item)
        if target is not None and target.entity_id is None:
            target = None  # the group of unattached suspects takes no drops
        if target is not self._target:
            if self._target is not None:
                self._target.set_drop_target(False)
            if target is not None:
                target.set_drop_target(True)
            self._target = target
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        if self._drag is None:
            super().mouseReleaseEvent(event)
            return
        item, _, origin = self._drag
        dragging = self._dragging
        self._drag, self._dragging = None, False
        if self._target is not None:
            self._target.set_drop_target(False)
            self._target = None
        event.accept()
        if not dragging:
            self.scene().clearSelection()
            if item.is_person:
                item.setSelected(True)
            self.box_clicked.emit(item.entity_id)
            return
        # The box goes back until the case says otherwise: the view redraws from the store.
        item.setPos(origin)
        item.setZValue(0)
        item.setOpacity(1.0)
        target = self.box_at(event.position().toPoint(), skip=item)
        if target is None:
            self.top_requested.emit(item.entity_id)
        elif target.is_person:
            self.reports_to_requested.emit(item.entity_id, target.entity_id)
        elif target.entity_id is not None:
            self.team_requested.emit(item.entity_id, target.entity_id)

    def wheelEvent(self, event) -> None:
        self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
        event.accept()

    def contextMenuEvent(self, event) -> None:
        self.menu_requested.emit(self.box_at(event.pos()), event.globalPos())
        event.accept()


class HierarchyView(QWidget):
    """Scope, zoom, the chart, and Export PDF…; edits go through the document's undo stack.

    ``exclude`` holds the people left out of this export; it goes to the export dialog with
    the scope and the ID masking.
    """

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.setObjectName("hierarchy_view")
        self.document = document
        self.store = document.store
        self.exclude: set[int] = set()
        self.chart: OrgChart | None = None
        self._dirty = True
        self._fit_next = True
        self._clicking = False
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(0)
        self.refresh_timer.timeout.connect(self.refresh)
        #: what the "Current selection" scope charts: the document's selection, except
        #: what a click in this view selects
        self._selection: tuple[int, ...] = tuple(document.selected_ids)

        self.scope = QComboBox()
        self.scope.setObjectName("scope")
        self.scope.setMinimumContentsLength(18)
        self.mask = QCheckBox(self.tr("Mask ID numbers"))
        self.mask.setObjectName("mask")
        self.left_out = QToolButton()
        self.left_out.setObjectName("left_out")
        self.left_out.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.left_out.setMenu(QMenu(self.left_out))
        self.left_out.menu().aboutToShow.connect(self._on_left_out_menu_aboutToShow)
        zoom_in = QPushButton(self.tr("Zoom in"))
        zoom_out = QPushButton(self.tr("Zoom out"))
        fit = QPushButton(self.tr("Fit"))
        fit.setObjectName("fit")
        self.export_button = QPushButton(self.tr("Export PDF…"))
        self.export_button.setObjectName("export_pdf")
        self.status = QLabel()
        self.status.setObjectName("hierarchy_status")
        self.hint = QLabel(
            self.tr("Drag a person onto another to set who they report to, onto a team to move "
                    "them there, onto empty space to put them at the top. Right-click a box for "
                    "roles, status and leaving out.")
        )  # fmt: skip
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#616161;")
        self.view = OrgChartView()
        self.view.editable = not self.store.read_only
        if self.store.read_only:
            self.hint.setText(self.tr("The case is open read-only: people can be left out of "
                                      "the export, but the chart cannot be changed."))  # fmt: skip

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Chart of")))
        bar.addWidget(self.scope)
        bar.addWidget(self.mask)
        bar.addWidget(self.left_out)
        bar.addStretch(1)
        for b in (zoom_out, zoom_in, fit, self.export_button):
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

        self._fill_scopes()
        self.scope.currentIndexChanged.connect(self._on_scope_currentIndexChanged)
        self.mask.toggled.connect(self._on_mask_toggled)
        zoom_in.clicked.connect(lambda: self.view.zoom(1.25))
        zoom_out.clicked.connect(lambda: self.view.zoom(0.8))
        fit.clicked.connect(self.view.fit)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.view.reports_to_requested.connect(self.set_superior)
        self.view.top_requested.connect(lambda person: self.set_superior(person, None))
        self.view.team_requested.connect(self.move_to_team)
        self.view.box_clicked.connect(self._on_view_box_clicked)
        self.view.menu_requested.connect(self._on_view_menu_requested)
        document.changed.connect(self._on_document_changed)
        document.selection_set_changed.connect(self._on_document_selection_set_changed)
        self.refresh()

    # ------------------------------------------------------------------ scope

    def _fill_scopes(self) -> None:
        current = self.scope.currentData()
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem(self.tr("Whole case"), "case")
        self.scope.addItem(self.tr("Current selection"), "selection")
        orgs = sorted(self.store.entities(Kind.ORGANISATION), key=lambda o: o.name)
        for org in orgs:
            self.scope.addItem(self.tr("Gang: {name}").format(name=org.name), f"gang:{org.id}")
        index = self.scope.findData(current) if current else -1
        self.scope.setCurrentIndex(index if index >= 0 else 0)
        self.scope.blockSignals(False)

    def set_scope(self, scope: str) -> None:
        """Show the chart of ``"case"``, ``"selection"`` or ``"gang:<id>"``."""
        index = self.scope.findData(scope)
        if index < 0:
            raise KeyError(scope)
        self.scope.setCurrentIndex(index)

    def options(self) -> ExportOptions:
        """The export options this view stands for: scope, exclusions and masking."""
        scope = self.scope.currentData() or "case"
        gang = scope.split(":", 1)[1] if scope.startswith("gang:") else None
        ids = set(self._selection) if scope == "selection" else None
        return ExportOptions(
            mask_ids=self.mask.isChecked(),
            gang=gang,
            entity_ids=ids,
            exclude=set(self.exclude) or None,
        )

    # ------------------------------------------------------------------ reading the case

    def refresh(self) -> None:
        """Rebuild the chart from the case (when hidden, on the next show)."""
        self.refresh_timer.stop()
        if not self.isVisible() and self.chart is not None:
            self._dirty = True
            return
        self._dirty = False
        o = self.options()
        try:
            self.chart = fit_boxes(build_orgchart(
                self.store, gang=o.gang, entity_ids=o.entity_ids, mask_ids=o.mask_ids,
                exclude=o.exclude,
            ))  # fmt: skip
        except CaseError:
            # The gang in scope was deleted (or its deletion redone): show the whole case.
            self._fill_scopes()
            self.scope.blockSignals(True)
            self.scope.setCurrentIndex(self.scope.findData("case"))
            self.scope.blockSignals(False)
            o = self.options()
            self.chart = fit_boxes(build_orgchart(
                self.store, mask_ids=o.mask_ids, exclude=o.exclude
            ))  # fmt: skip
        selected = set(self.document.selected_ids)
        self.view.show_chart(self.chart)
        for eid, item in self.view.items_by_id.items():
            item.setSelected(item.is_person and eid in selected)
        people = len(self.chart.people())
        text = self.tr("%n person(s) in the chart", "", people)
        if self.exclude:
            text += " · " + self.tr("%n left out of the export", "", len(self.exclude))
        if self.scope.currentData() == "selection" and not self._selection:
            text += " · " + self.tr("Nothing is selected: select people in the case browser or "
                                    "on the link chart.")  # fmt: skip
        self.status.setText(text)
        self.left_out.setText(self.tr("Left out (%n)", "", len(self.exclude)))
        self.left_out.setEnabled(bool(self.exclude))
        if self._fit_next and self.isVisible():
            self._fit_next = False
            self.view.fit()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Shown as a window of its own, the chart closes with Esc, as a dialog does.
        if event.key() == Qt.Key.Key_Escape and self.isWindow():
            self.close()
            return
        super().keyPressEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty or self.chart is None:
            self.refresh()
        if self._fit_next:
            self._fit_next = False
            self.view.fit()

    def _on_document_changed(self, event) -> None:
        if "entity" in event.tables:
            self._fill_scopes()  # a gang added, renamed or deleted
        # One redraw per turn of the event loop: a drag is two writes (the old link out,
        # the new one in), and undoing it two more.
        self.refresh_timer.start()

    def _on_document_selection_set_changed(self, ids) -> None:
        # A click on a box here selects that person for the inspector; it must not shrink
        # a chart of the selection to the one person clicked.
        if not self._clicking and tuple(ids) != self._selection:
            self._selection = tuple(ids)
            if self.scope.currentData() == "selection":
                self.refresh()
                return
        for eid, item in self.view.items_by_id.items():
            item.setSelected(item.is_person and eid in ids)

    def _on_scope_currentIndexChanged(self, _index) -> None:
        self._fit_next = True
        self.refresh()

    def _on_mask_toggled(self, _on) -> None:
        self.refresh()

    def _on_view_box_clicked(self, entity_id) -> None:
        if entity_id is not None:
            self._clicking = True
            try:
                self.document.select(entity_id)
            finally:
                self._clicking = False

    # ------------------------------------------------------------------ edits (undoable)

    def _superiors(self, person: int) -> list:
        return [
            link
            for link in self.store.links_of(person)
            if link.type == "reports_to" and link.source_id == person
        ]

    def _reports_up_to(self, person: int, boss: int) -> bool:
        """Whether ``person`` is ``boss`` or someone ``boss`` reports to, directly or not."""
        seen, todo = set(), [person]
        while todo:
            p = todo.pop()
            if p == boss:
                return True
            if p in seen:
                continue
            seen.add(p)
            todo.extend(link.target_id for link in self._superiors(p))
        return False

    def set_superior(self, person: int, boss: int | None) -> bool:
        """Make ``person`` report to ``boss`` (None: to nobody, the top of the chart) in one
        undo step: the old reports-to links go, the new one comes. Refused (False) when
        ``boss`` reports to ``person``, which would make a loop."""
        old = self._superiors(person)
        if [link.target_id for link in old] == ([] if boss is None else [boss]):
            return False
        name = self.store.entity(person).display
        if boss is not None and self._reports_up_to(boss, person):
            self.status.setText(
                self.tr("{boss} reports to {name}, directly or through others: move {boss} "
                        "first.").format(boss=self.store.entity(boss).display, name=name)
            )  # fmt: skip
            return False
        if boss is None:
            text = self.tr("Put {name} at the top of the chart").format(name=name)
        else:
            text = self.tr("{name} reports to {boss}").format(
                name=name, boss=self.store.entity(boss).display
            )
        stack = self.document.undo_stack
        stack.beginMacro(text)
        try:
            for link in old:
                self.document.push(DeleteLink(self.store, link.id))
            if boss is not None:
                self.document.push(AddLink(self.store, "reports_to", person, boss))
        finally:
            stack.endMacro()
        return True

    def move_to_team(self, person: int, org: int) -> bool:
        """Put ``person`` straight under the organisation ``org`` in one undo step: their
        reports-to links go, and so do their memberships of the other organisations in this
        chart (memberships elsewhere stay); a member-of link to ``org`` comes if missing."""
        charted = {b.entity_id for b in self.chart.boxes if b.kind == Kind.ORGANISATION.value}
        links = self.store.links_of(person)
        old = [
            link
            for link in links
            if link.source_id == person
            and (link.type == "reports_to"
                 or (link.type == "member_of" and link.target_id in charted - {org}))
        ]  # fmt: skip
        member = any(
            link.type == "member_of" and link.source_id == person and link.target_id == org
            for link in links
        )
        if not old and member:
            return False
        text = self.tr("Move {name} to {team}").format(
            name=self.store.entity(person).display, team=self.store.entity(org).display
        )
        stack = self.document.undo_stack
        stack.beginMacro(text)
        try:
            for link in old:
                self.document.push(DeleteLink(self.store, link.id))
            if not member:
                self.document.push(AddLink(self.store, "member_of", person, org))
        finally:
            stack.endMacro()
        return True

    def _edit(self, person: int, text: str, **changes) -> None:
        self.document.push(EditEntity(self.store, person, text, **changes))

    def leave_out(self, entity_id: int) -> None:
        """Leave someone out of this chart and its export (the case is not changed)."""
        self.exclude.add(entity_id)
        self.refresh()

    def bring_back(self, entity_id: int | None = None) -> None:
        """Put someone left out (everyone, with None) back into the chart."""
        if entity_id is None:
            self.exclude.clear()
        else:
            self.exclude.discard(entity_id)
        self.refresh()

    # ------------------------------------------------------------------ menus

    def _on_view_menu_requested(self, item: BoxItem | None, global_pos) -> None:
        menu = self.box_menu(item)
        menu.exec(global_pos)

    def box_menu(self, item: BoxItem | None) -> QMenu:
        """The context menu of a box (or of empty space, with None)."""
        menu = QMenu(self)
        if item is not None and item.is_person:
            person = self.store.entity(item.entity_id)
            pid = person.id
            top = menu.addAction(self.tr("Top of the chart"))
            top.setObjectName("top_of_chart")
            top.setEnabled(bool(self._superiors(pid)) and not self.store.read_only)
            top.triggered.connect(lambda: self.set_superior(pid, None))
            menu.addSeparator()
            roles = menu.addMenu(self.tr("Roles"))
            for t in ROLES:
                act = roles.addAction(labels.role_label(t.code))
                act.setCheckable(True)
                act.setChecked(t.code in person.roles)
                act.setData(t.code)
                act.triggered.connect(
                    lambda on, code=t.code: self._toggle_role(pid, code, on)
                )  # fmt: skip
            culpability = self._choice_menu(
                menu, self.tr("Culpability"), CULPABILITY, labels.culpability_label,
                person.culpability, pid, "culpability")  # fmt: skip
            status = self._choice_menu(
                menu, self.tr("Legal status"), LEGAL_STATUS, labels.status_label,
                person.legal_status, pid, "legal_status")  # fmt: skip
            for sub in (roles, culpability, status):
                sub.setEnabled(not self.store.read_only)
            menu.addSeparator()
            out = menu.addAction(self.tr("Leave {name} out of this export").format(
                name=person.display))  # fmt: skip
            out.setObjectName("leave_out")
            out.triggered.connect(lambda: self.leave_out(pid))
            select = menu.addAction(self.tr("Show in the inspector"))
            select.triggered.connect(lambda: self.document.select(pid))
            menu.addSeparator()
        self._fill_left_out_menu(menu.addMenu(self.tr("Bring back")))
        return menu

    def _choice_menu(self, menu, title, vocabulary, label, current, pid, field) -> QMenu:
        sub = menu.addMenu(title)
        group = QActionGroup(sub)
        for code, text in [("", self.tr("(none)"))] + [(t.code, label(t.code)) for t in vocabulary]:
            act = sub.addAction(text)
            act.setCheckable(True)
            act.setChecked(code == current)
            act.setData(code)
            group.addAction(act)
            act.triggered.connect(
                lambda _=False, c=code, t=title: self._set_field(pid, field, c, t)
            )  # fmt: skip
        return sub

    def _set_field(self, pid: int, field: str, code: str, title: str) -> None:
        if getattr(self.store.entity(pid), field) == code:
            return
        name = self.store.entity(pid).display
        self._edit(pid, self.tr("Set {what} of {name}").format(what=title, name=name),
                   **{field: code})  # fmt: skip

    def _toggle_role(self, pid: int, code: str, on: bool) -> None:
        roles = list(self.store.entity(pid).roles)
        if on and code not in roles:
            roles.append(code)
        elif not on and code in roles:
            roles.remove(code)
        else:
            return
        name = self.store.entity(pid).display
        self._edit(pid, self.tr("Set roles of {name}").format(name=name), roles=roles)

    def _fill_left_out_menu(self, menu: QMenu) -> None:
        menu.clear()
        menu.setEnabled(bool(self.exclude))
        for eid in sorted(self.exclude):
            text = self.store.entity(eid).display if self.store.has_entity(eid) else f"#{eid}"
            act: QAction = menu.addAction(text)
            act.triggered.connect(lambda _=False, e=eid: self.bring_back(e))
        if len(self.exclude) > 1:
            menu.addSeparator()
            menu.addAction(self.tr("Everyone")).triggered.connect(lambda: self.bring_back())

    def _on_left_out_menu_aboutToShow(self) -> None:
        self._fill_left_out_menu(self.left_out.menu())

    # ------------------------------------------------------------------ export

    def export_dialog(self):
        """The export dialog set to the org chart of this view's scope and exclusions."""
        from .exportdialog import ExportDialog

        return ExportDialog(self.document, self, preset=("orgchart-pdf", self.options()))

    def _on_export_button_clicked(self) -> None:
        self.export_dialog().exec()


def show_hierarchy(window) -> HierarchyView:
    """Open (or raise) the hierarchy view of a main window's case, as its own window."""
    view = getattr(window, "hierarchy_view", None)
    if view is None:
        view = HierarchyView(window.document, window)
        view.setWindowFlag(Qt.WindowType.Window, True)
        view.setWindowTitle(QCoreApplication.translate("HierarchyView", "Organisation chart"))
        view.resize(1200, 800)
        window.hierarchy_view = view
    view.show()
    view.raise_()
    view.activateWindow()
    return view
