"""The Summary tab: per version its words, blocks, counts of each change type against
the base and its reuse share, read from `engine.analysis.summary` so all views agree."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from engine.analysis.summary import ADDED, CHANGE_TYPES, VersionSummary
from engine.model import Comparison
from engine.vocabulary import FIGURES, KIND, pct

COLUMNS = ("Version", "Words", "Blocks") + tuple(KIND[t].label.split()[0] for t in CHANGE_TYPES) + (
    "of which headings", "Verbatim from base", "Similarity")
# What each column means: the shared wording of engine.vocabulary.
TIPS = ("The version; ★ marks the base", FIGURES["words"].explain, FIGURES["blocks"].explain) + tuple(
    f"{KIND[t].explain} {FIGURES['counts'].explain}" for t in CHANGE_TYPES) + (
    "Of the added blocks, how many are headings or titles.", FIGURES["reuse"].explain, FIGURES["similarity"].explain)


class SummaryPanel(QTableWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(COLUMNS)
        for col, tip in enumerate(TIPS):
            if (item := self.horizontalHeaderItem(col)) is not None:  # set by the labels above
                item.setToolTip(tip)
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def show_summary(self, c: Comparison | None, summaries: list[VersionSummary]) -> None:
        self.setRowCount(len(summaries))
        for r, s in enumerate(summaries):
            is_base = c is not None and s.version == c.base
            values: list[str] = [f"★ {s.name} (base)" if is_base else s.name, str(s.words), str(s.blocks)]
            for t in CHANGE_TYPES:
                values.append("—" if is_base else str(s.counts.get(t, 0)))
            values.append("—" if is_base else str(s.added_headings))
            values.append("—" if is_base else pct(s.reuse_from_base))
            values.append("—" if is_base else pct(s.similarity))
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(TIPS[col])
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(r, col, item)


def status_text(c: Comparison, summaries: list[VersionSummary]) -> str:
    """One line for the status bar."""
    changes = sum(sum(v for k, v in s.counts.items() if k != "identical") for s in summaries)
    added = sum(s.counts.get(ADDED, 0) for s in summaries)
    return (f"{len(c.versions)} versions · {len(c.rows)} rows · base {c.versions[c.base].name} · "
            f"{changes} changed blocks ({added} added) · compared in {c.elapsed:.2f} s")
