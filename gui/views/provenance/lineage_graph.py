"""The lineage as a small graph: one node per version, an arrow from each version's
most likely source to it, labelled with the share of its words that stand verbatim
in that source. Versions with no source and no derived version stand apart, in a
box labelled "independent".

Drawn with QPainter from `Comparison.lineage`; the layout is a plain layered tree
(roots on top, children below, leaves spread left to right).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from engine import vocabulary as vocab
from engine.model import Comparison
from engine.reports.provenance import DERIVES_NOTE, REWORDED_BELOW, derivation
from engine.vocabulary import pct

from ...theme import BLUE, GREY, Colours, blend
from ..columns.cell_html import plain_tip

NODE_W, NODE_H = 168, 44
GAP_X, GAP_Y = 22, 64
MARGIN = 14


@dataclass
class Node:
    version: int
    rect: QRectF
    independent: bool


def _elide(fm: QFontMetricsF, text: str, width: float) -> str:
    return fm.elidedText(text, Qt.TextElideMode.ElideMiddle, int(width))


class LineageGraph(QWidget):
    """Who copied whom. Click a node to make its version current (`versionChosen`)."""

    versionChosen = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self.nodes: dict[int, Node] = {}
        self.edges: list[tuple[int, int, float]] = []  # source, version, reuse
        self.independent: list[int] = []
        self._indep_box = QRectF()
        self._labels: list[tuple[QRectF, int]] = []  # edge label boxes as last painted, and the version
        self.colours = Colours.for_palette(self.palette())
        self.setMouseTracking(True)
        self.setMinimumHeight(2 * NODE_H + GAP_Y + 2 * MARGIN + 20)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_comparison(self, c: Comparison | None) -> None:
        self.comparison = c
        self.nodes, self.edges, self.independent = {}, [], []
        if c is not None:
            for e in c.lineage:
                if e.source is not None:
                    self.edges.append((e.source, e.version, e.reuse))
            has_child = {s for s, _, _ in self.edges}
            self.independent = [e.version for e in c.lineage if e.source is None and e.version not in has_child]
        self._layout()
        self.update()

    # -- layout ------------------------------------------------------------
    def _layout(self) -> None:
        self.nodes = {}
        c = self.comparison
        if c is None:
            return
        children: dict[int, list[int]] = {}
        for s, v, _ in self.edges:
            children.setdefault(s, []).append(v)
        roots = [e.version for e in c.lineage if e.source is None and e.version in children]
        # Leaves spread left to right; a parent sits above the middle of its children.
        slot = [0.0]  # the next free x, in leaf widths (a quarter more between trees)
        xs: dict[int, float] = {}
        depth: dict[int, int] = {}

        def place(v: int, d: int) -> float:
            depth[v] = d
            kids = sorted(children.get(v, []))
            if not kids:
                xs[v] = slot[0]
                slot[0] += 1
            else:
                pos = [place(k, d + 1) for k in kids]
                xs[v] = (pos[0] + pos[-1]) / 2
            return xs[v]

        for r in roots:
            place(r, 0)
            slot[0] += 0.25  # a little air between trees
        top = MARGIN + 18
        for v, x in xs.items():
            rect = QRectF(MARGIN + x * (NODE_W + GAP_X), top + depth[v] * (NODE_H + GAP_Y), NODE_W, NODE_H)
            self.nodes[v] = Node(v, rect, False)
        # Independent versions: a column of their own to the right of the trees.
        left = MARGIN + (slot[0] * (NODE_W + GAP_X) if xs else 0) + (GAP_X if xs else 0)
        for k, v in enumerate(self.independent):
            rect = QRectF(left + 10, top + 8 + k * (NODE_H + 10), NODE_W, NODE_H)
            self.nodes[v] = Node(v, rect, True)
        if self.independent:
            self._indep_box = QRectF(left, top - 2, NODE_W + 20, len(self.independent) * (NODE_H + 10) + 16)
        else:
            self._indep_box = QRectF()
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        if not self.nodes:
            return QSize(420, 200)
        right = max(n.rect.right() for n in self.nodes.values())
        bottom = max([n.rect.bottom() for n in self.nodes.values()] + [self._indep_box.bottom()])
        return QSize(int(right + 20 + MARGIN), int(bottom + MARGIN))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.minimumHeight())

    # -- painting ----------------------------------------------------------
    def _offset(self) -> QPointF:
        """Centre the drawing in the widget."""
        hint = self.sizeHint()
        return QPointF(max(0.0, (self.width() - hint.width()) / 2), 0.0)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.Text)
        base = pal.color(QPalette.ColorRole.Base)
        self.colours = Colours.for_palette(pal)  # the palette may have changed (light/dark)
        p.fillRect(self.rect(), base)
        c = self.comparison
        title = QFont(self.font())
        title.setBold(True)
        p.setFont(title)
        p.setPen(text)
        p.drawText(QRectF(MARGIN, 4, self.width() - 2 * MARGIN, 18), Qt.AlignmentFlag.AlignLeft,
                   "Lineage: who derives from whom")
        if c is None:
            return
        p.translate(self._offset())
        small = QFont(self.font())
        small.setPointSizeF(max(7.5, self.font().pointSizeF() * 0.88))
        if self._indep_box.isValid():
            p.setPen(QPen(blend(text, base, 0.45), 1, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(self._indep_box, 6, 6)
            p.setFont(small)
            p.setPen(QColor(self.colours.muted))
            label = QRectF(self._indep_box.left(), self._indep_box.top() - 16, self._indep_box.width(), 16)
            p.drawText(label, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                       "independent (no shared source)")
        edge_colour = QColor("#56B4E9") if vocab.is_dark(base.name()) else QColor(BLUE)
        self._labels = []
        for s, v, reuse in self.edges:
            if s in self.nodes and v in self.nodes:
                box = self._arrow(p, self.nodes[s].rect, self.nodes[v].rect, reuse, edge_colour, small, base)
                self._labels.append((box, v))
        for node in self.nodes.values():
            self._node(p, node, c, text, base, small)

    def _arrow(self, p: QPainter, a: QRectF, b: QRectF, reuse: float, colour: QColor,
               font: QFont, base: QColor) -> QRectF:
        """Draw one edge with its label; return the label's box (for its tooltip)."""
        start = QPointF(a.center().x(), a.bottom())
        end = QPointF(b.center().x(), b.top() - 1)
        path = QPainterPath(start)
        mid_y = (start.y() + end.y()) / 2
        path.cubicTo(QPointF(start.x(), mid_y), QPointF(end.x(), mid_y), end)
        # Thicker lines for more verbatim reuse: a near-copy reads as a heavy line.
        p.setPen(QPen(colour, 1.5 + 3.0 * max(0.0, min(1.0, reuse)), Qt.PenStyle.SolidLine,
                      Qt.PenCapStyle.FlatCap))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        head = QPolygonF([end, QPointF(end.x() - 6, end.y() - 10), QPointF(end.x() + 6, end.y() - 10)])
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawPolygon(head)
        label = f"{pct(reuse)} verbatim" if reuse >= REWORDED_BELOW else f"reworded · {pct(reuse)} verbatim"
        p.setFont(font)
        fm = QFontMetricsF(font)
        w = fm.horizontalAdvance(label) + 10
        h = fm.height() + 2
        at = path.pointAtPercent(0.5)
        box = QRectF(at.x() - w / 2, at.y() - h / 2, w, h)
        p.setPen(QPen(colour, 1))
        p.setBrush(base)
        p.drawRoundedRect(box, h / 2, h / 2)
        p.setPen(QColor(vocab.readable(colour.name(), [base.name()])))
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        return box

    def _node(self, p: QPainter, node: Node, c: Comparison, text: QColor, base: QColor, small: QFont) -> None:
        v = c.versions[node.version]
        colour = QColor(GREY) if node.independent else QColor(BLUE)
        p.setPen(QPen(colour, 2 if node.version == c.base else 1.2,
                      Qt.PenStyle.DashLine if node.independent else Qt.PenStyle.SolidLine))
        p.setBrush(blend(colour, base, 0.10))
        p.drawRoundedRect(node.rect, 7, 7)
        inner = node.rect.adjusted(8, 4, -8, -4)
        f = QFont(self.font())
        f.setBold(node.version == c.base)
        p.setFont(f)
        p.setPen(text)
        name = ("★ " if node.version == c.base else "") + v.name
        top = QRectF(inner.left(), inner.top(), inner.width(), inner.height() / 2)
        p.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   _elide(QFontMetricsF(f), name, inner.width()))
        p.setFont(small)
        p.setPen(QColor(vocab.readable(self.colours.muted, [blend(colour, base, 0.10).name()])))
        entry = c.lineage[node.version]
        if node.independent:
            sub = f"{v.words} words · independent"
        elif entry.source is None:
            sub = f"{v.words} words · the original"
        else:
            sub = f"{v.words} words"
        bottom = QRectF(inner.left(), inner.center().y(), inner.width(), inner.height() / 2)
        p.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, sub)

    # -- interaction ---------------------------------------------------------
    def node_at(self, pos: QPointF) -> int | None:
        pt = pos - self._offset()
        for node in self.nodes.values():
            if node.rect.contains(pt):
                return node.version
        return None

    def tooltip_for(self, version: int) -> str:
        c = self.comparison
        if c is None:
            return ""
        e = c.lineage[version]
        name = c.versions[version].name
        if e.source is None:
            kids = [c.versions[v].name for s, v, _ in self.edges if s == version]
            if kids:
                return f"{name}: the original of {', '.join(kids)}"
            return f"{name}: independent — reuses nothing beyond common phrases from the others"
        return self.edge_tooltip(version)

    def edge_tooltip(self, version: int) -> str:
        """What the edge into `version` (and its label) means."""
        c = self.comparison
        if c is None or c.lineage[version].source is None:
            return ""
        e = c.lineage[version]
        name, source = c.versions[version].name, c.versions[e.source].name
        return (f"{name} derives from {source}: {derivation(e.reuse)}. {pct(e.reuse)} of its words stand "
                f"verbatim in {source}; similarity {pct(e.similarity)}, paraphrases included.\n\n{DERIVES_NOTE}")

    def label_at(self, pos: QPointF) -> int | None:
        """The version whose edge label is under `pos`."""
        pt = pos - self._offset()
        return next((v for box, v in self._labels if box.contains(pt)), None)

    def event(self, ev) -> bool:
        if ev.type() == ev.Type.ToolTip:
            v = self.node_at(QPointF(ev.pos()))
            edge = self.label_at(QPointF(ev.pos())) if v is None else None
            if v is not None:
                QToolTip.showText(ev.globalPos(), plain_tip(self.tooltip_for(v)), self)
            elif edge is not None:
                QToolTip.showText(ev.globalPos(), plain_tip(self.edge_tooltip(edge)), self)
            else:
                QToolTip.hideText()
                ev.ignore()
            return True
        return super().event(ev)

    def mousePressEvent(self, event) -> None:
        v = self.node_at(event.position())
        if v is not None:
            self.versionChosen.emit(v)
        super().mousePressEvent(event)
