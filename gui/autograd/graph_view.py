"""Draw an autograd graph natively: nodes in layers, edges along ``next_functions``.

Wheel zooms, dragging pans, double-click collapses what only feeds one node.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

from core.autograd.graph import GraphSpec
from core.autograd.layout import exclusive_upstream, layered_layout
from gui.autograd.messages import node_title
from gui.base.language import Retranslatable

NODE_W, NODE_H = 170, 46
X_GAP, Y_GAP = 200, 90
FIT_AT_LEAST = 0.25  # a graph that would be drawn smaller than this to fit ...
READABLE = 0.6  # ... is drawn at this scale instead, around its output
REPEAT_BEND = 44  # horizontal spread between the curves of an input used more than once (y * y)
KIND_COLOURS = {
    "tensor": "#bbdefb",
    "function": "#ffe0b2",
    "accumulate": "#c8e6c9",
    "chain": "#ffcc80",  # a run of one operation, drawn as one node
    "more": "#e0e0e0",  # the nodes not drawn
}
ACTIVE = QColor("#e53935")
DONE = QColor("#7b1fa2")


class NodeItem(QGraphicsRectItem):
    """A rounded box with the node's label and shape (its texts come from the view, translated)."""

    def __init__(self, node_id: str, kind: str) -> None:
        super().__init__(-NODE_W / 2, -NODE_H / 2, NODE_W, NODE_H)
        self.node_id = node_id
        self.kind = kind
        self.setBrush(QBrush(QColor(KIND_COLOURS.get(kind, "#eeeeee"))))
        self.setPen(QPen(QColor("#424242"), 1.2))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        bold = QFont()
        bold.setBold(True)
        self.title = QGraphicsSimpleTextItem("", self)
        self.title.setFont(bold)
        self.title.setBrush(QBrush(QColor("#000000")))
        self.subtitle = QGraphicsSimpleTextItem("", self)
        self.subtitle.setBrush(QBrush(QColor("#212121")))

    def set_texts(self, title: str, subtitle: str, tip: str) -> None:
        """Write the node's name and shape, each centred and shrunk to fit the box, and its tooltip."""
        self.setToolTip(f"{title}\n{subtitle}\n{tip}")
        for text, value, y in ((self.title, title, -NODE_H / 2 + 5), (self.subtitle, subtitle, 2)):
            text.setText(value)
            text.setScale(1.0)
            width = text.boundingRect().width()
            if width > NODE_W - 8:
                text.setScale((NODE_W - 8) / width)
                width = NODE_W - 8
            text.setPos(-width / 2, y)

    def set_state(self, state: str) -> None:
        """Show ``normal``, ``active`` (the node backward is at) or ``done``."""
        pen = {"active": QPen(ACTIVE, 4), "done": QPen(DONE, 2.5)}.get(state, QPen(QColor("#424242"), 1.2))
        self.setPen(pen)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        """Draw with rounded corners."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(self.brush())
        painter.setPen((self.isSelected() and QPen(QColor("#1565c0"), 3)) or self.pen())
        painter.drawRoundedRect(self.rect(), 9, 9)


class EdgeItem(QGraphicsPathItem):
    """A curve from a node's input to the node, with an arrow in the forward direction.

    ``bend`` pushes the curve sideways, so that an input used twice shows two edges;
    ``occurrence`` numbers the edges between the same two nodes.
    """

    def __init__(
        self, source: str, target: str, start: QPointF, end: QPointF, bend: float = 0.0, occurrence: int = 0
    ) -> None:
        super().__init__()
        self.source, self.target, self.occurrence = source, target, occurrence
        curve = QPainterPath(start)
        mid = (start.y() + end.y()) / 2
        curve.cubicTo(QPointF(start.x() + bend, mid), QPointF(end.x() + bend, mid), end)
        self.middle = curve.pointAtPercent(0.5)
        self.bend = bend
        path = QPainterPath(curve)
        tip = end
        path.addPolygon(QPolygonF([tip, tip + QPointF(-5, -9), tip + QPointF(5, -9), tip]))
        self.setPath(path)
        self.label = QGraphicsSimpleTextItem("", self)
        self.label.setBrush(QBrush(DONE))
        self.set_state("normal")
        self.setZValue(-1)

    def set_label(self, text: str) -> None:
        """Write ``text`` (the gradient passed along this edge) beside the edge's middle."""
        self.label.setText(text)
        box = self.label.boundingRect()
        # Beside the curve, on the side it bends to: two edges between the same nodes keep apart.
        x = -box.width() - 6 if self.bend < 0 else 6
        self.label.setPos(self.middle + QPointF(x, -box.height() / 2))

    def set_state(self, state: str) -> None:
        """Highlight the edges a gradient is travelling along."""
        colour = {"active": ACTIVE, "done": DONE}.get(state, QColor("#757575"))
        self.setPen(QPen(colour, 3.5 if state == "active" else 1.6))


class GraphView(Retranslatable, QGraphicsView):
    """A zoomable, pannable view of a :class:`GraphSpec`; its nodes' texts follow the language."""

    node_clicked = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QBrush(QColor("#fafafa")))
        self.graph: GraphSpec | None = None
        self.nodes: dict[str, NodeItem] = {}
        self.edges: list[EdgeItem] = []
        self.collapsed: set[str] = set()
        self.hidden: set[str] = set()
        self._states: tuple[dict[str, str], set, set] = ({}, set(), set())
        self._labels: dict[tuple[str, str, int], str] = {}
        self.fitted = True  # the graph fills the view, and keeps filling it when the view resizes
        self.scene().selectionChanged.connect(self._on_selection_changed)
        self.retranslate()

    def show_graph(self, graph: GraphSpec | None) -> None:
        """Lay out and draw ``graph`` (None clears)."""
        self.graph = graph
        self.collapsed.clear()
        self._states = ({}, set(), set())
        self._labels = {}
        self._rebuild()
        self.fit()

    def _rebuild(self) -> None:
        scene = self.scene()
        scene.clear()
        self.nodes, self.edges = {}, []
        graph = self.graph
        if graph is None:
            return
        all_edges = [(e.source, e.target) for e in graph.edges]
        self.hidden = set()
        for node_id in self.collapsed:
            self.hidden |= exclusive_upstream(node_id, all_edges, graph.root)
        visible = [n for n in graph.nodes if n.id not in self.hidden]
        # Forward order on screen: inputs at the top, the output at the bottom.
        positions = layered_layout(
            [n.id for n in visible],
            [(s, t) for s, t in all_edges if s not in self.hidden and t not in self.hidden],
        )
        depth = max((layer for _, layer in positions.values()), default=0)
        for node in visible:
            x, layer = positions[node.id]
            item = NodeItem(node.id, node.kind)
            item.setPos(x * X_GAP, (depth - layer) * Y_GAP)
            scene.addItem(item)
            self.nodes[node.id] = item
        self.retranslate()
        repeats = Counter(all_edges)
        seen: Counter[tuple[str, str]] = Counter()
        for source, target in all_edges:
            if source in self.nodes and target in self.nodes:
                # Gradient goes source -> target; the arrow shows forward data, target -> source.
                start = self.nodes[target].pos() + QPointF(0, NODE_H / 2)
                end = self.nodes[source].pos() - QPointF(0, NODE_H / 2)
                occurrence = seen[(source, target)]
                seen[(source, target)] += 1
                bend = (occurrence - (repeats[(source, target)] - 1) / 2) * REPEAT_BEND
                edge = EdgeItem(source, target, start, end, bend, occurrence)
                scene.addItem(edge)
                self.edges.append(edge)
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-40, -40, 40, 40))
        self.set_states(*self._states)
        self.set_edge_labels(self._labels)

    def retranslate(self) -> None:
        """Write every node's name, shape and tooltip in the current language (the layout stays)."""
        graph = self.graph
        if graph is None:
            return
        all_edges = [(e.source, e.target) for e in graph.edges]
        tip = self.tr("Click for details; double-click to collapse its inputs.")
        for node in graph.nodes:
            item = self.nodes.get(node.id)
            if item is None:
                continue  # hidden under a collapsed node
            collapsed = node.id in self.collapsed
            hidden = len(exclusive_upstream(node.id, all_edges, graph.root)) if collapsed else 0
            item.set_texts(node_title(node), self.subtitle(node.shape, hidden), tip)

    def subtitle(self, shape: tuple[int, ...] | None, hidden: int = 0) -> str:
        """Say a node's shape (``scalar`` for a 0-d tensor) and how many nodes its collapse hides."""
        if shape == ():
            text = self.tr("scalar")
        else:
            text = self.tr("shape {0}").format("?" if shape is None else "×".join(map(str, shape)))
        return self.tr("{0}  (+{1} hidden)").format(text, hidden) if hidden else text

    def fit(self) -> None:
        """Fit the whole graph in the view (never enlarging past 100%, nor shrinking so far that it cannot
        be read: then its output is shown), now and when the view resizes."""
        self.fitted = True
        if self.scene().itemsBoundingRect().isEmpty():
            return
        self.resetTransform()
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() > 1.0:
            self.resetTransform()
        root = self.nodes.get(self.graph.root) if self.graph is not None else None
        if self.transform().m11() < FIT_AT_LEAST and root is not None:
            # Hundreds of nodes side by side would shrink to a line: show the output, readable,
            # and let the learner pan (drag) or zoom (wheel) to the rest.
            self.resetTransform()
            self.scale(READABLE, READABLE)
            self.centerOn(root)
            return
        self.centerOn(self.sceneRect().center())

    def set_states(
        self, states: dict[str, str], active_edges: set[tuple[str, str]], done_edges: set[tuple[str, str]]
    ) -> None:
        """Colour nodes by state and highlight the edges gradients travel along."""
        self._states = (states, active_edges, done_edges)
        for node_id, item in self.nodes.items():
            item.set_state(states.get(node_id, "normal"))
        for edge in self.edges:
            key = (edge.source, edge.target)
            edge.set_state("active" if key in active_edges else "done" if key in done_edges else "normal")

    def set_edge_labels(self, labels: dict[tuple[str, str, int], str]) -> None:
        """Write text beside edges, keyed by (source, target, occurrence); other edges get none."""
        self._labels = dict(labels)
        for edge in self.edges:
            edge.set_label(labels.get((edge.source, edge.target, edge.occurrence), ""))

    def edge_labels(self) -> dict[tuple[str, str, int], str]:
        """Return the text beside each labelled edge (for tests and accessibility)."""
        return {(e.source, e.target, e.occurrence): e.label.text() for e in self.edges if e.label.text()}

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Zoom around the mouse."""
        factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
        self.fitted = False
        self.scale(factor, factor)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Keep a fitted graph fitted (a zoomed one stays as the learner left it)."""
        super().resizeEvent(event)
        if self.fitted:
            self.fit()

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Collapse (or expand) what only feeds the node under the mouse."""
        item = self.itemAt(event.position().toPoint())
        while item is not None and not isinstance(item, NodeItem):
            item = item.parentItem()
        if isinstance(item, NodeItem):
            self.collapsed ^= {item.node_id}
            self._rebuild()
        else:
            super().mouseDoubleClickEvent(event)

    def _on_selection_changed(self) -> None:
        selected = [i for i in self.scene().selectedItems() if isinstance(i, NodeItem)]
        if selected:
            self.node_clicked.emit(selected[0].node_id)
