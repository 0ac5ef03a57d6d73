"""The Provenance view: who copied whom (lineage graph and reuse matrix) beside what
each version alone adds (unique content). Read-only views of one `Comparison`;
`lineage`, `reuse_matrix` and `unique` are computed in the worker thread, so
building this view only draws.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from engine.model import Comparison

from .lineage_graph import LineageGraph
from .reuse_matrix import ReuseMatrix
from .unique_panel import UniquePanel


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setContentsMargins(6, 4, 6, 2)
    return label


class ProvenanceView(QSplitter):
    blockChosen = Signal(int, int)  # version, block

    def __init__(self, parent=None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.graph = LineageGraph()
        self.matrix = ReuseMatrix()
        self.unique = UniquePanel()
        self.unique.blockChosen.connect(self.blockChosen)

        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.graph, 3)
        lay.addWidget(_caption("<b>Reuse matrix</b> — each cell: the share of the <i>row</i> version's words "
                               "that stand verbatim (runs of six words or more) in the <i>column</i> version. "
                               "Framed: the row version's likely source."))
        lay.addWidget(self.matrix, 0)
        lay.addStretch(0)
        self.addWidget(left)
        self.addWidget(self.unique)
        self.setStretchFactor(0, 5)
        self.setStretchFactor(1, 6)
        self.setChildrenCollapsible(False)

    def set_comparison(self, c: Comparison | None) -> None:
        self.graph.set_comparison(c)
        self.matrix.set_comparison(c)
        self.unique.set_comparison(c)
