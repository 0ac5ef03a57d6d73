"""The Provenance and Heat Map views, move connectors and the sentence toggle, on
invented versions: a wire, a copy, a rewrite and an independent report."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, QUrl

from engine.model import Options
from gui.settings import load_options, open_settings
from gui.views.heatmap.view import sentence_tooltip

from .conftest import wait_compared
from .provenance_fixtures import NAMES, VERSIONS


def _open(window, tmp_path):
    paths = []
    for name, text in zip(NAMES, VERSIONS):
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    window.open_files_sync(paths)
    assert window.document.comparison is not None and len(window.document.comparison.versions) == 4
    return paths


def test_provenance_view_shows_lineage_matrix_and_unique_content(window, tmp_path):
    _open(window, tmp_path)
    window.show_view("provenance")
    assert window.views.currentWidget() is window.provenance
    assert not window.tabs.isVisible()  # the detail pane gives the view its room
    graph = window.provenance.widget().graph
    sources = {v: s for s, v, _ in graph.edges}
    assert sources == {1: 0, 2: 0}  # the copy and the rewrite derive from the wire
    assert graph.independent == [3]
    assert graph.nodes[3].independent and not graph.nodes[1].independent
    assert "independent" in graph.tooltip_for(3)
    assert graph.tooltip_for(1).startswith("copy.txt derives from wire.txt: 97%")
    # The node under a point is found where it is drawn.
    centre = graph.nodes[2].rect.center() + graph._offset()
    assert graph.node_at(centre) == 2

    m = window.provenance.widget().matrix
    assert m.rowCount() == m.columnCount() == 4
    assert m.item(1, 0).text() == "97%"  # the copy's words stand in the wire
    assert m.item(1, 0).toolTip().startswith("97% of copy.txt's words stand verbatim in wire.txt")
    assert "most likely source" in m.item(1, 0).toolTip()
    assert m.item(1, 0).font().bold() and not m.item(0, 1).font().bold()
    assert m.item(3, 0).text() in ("0%", "<1%", "1%", "2%")  # the independent report reuses nothing
    assert m.item(2, 2).text() == "—"

    u = window.provenance.widget().unique
    tops = [u.topLevelItem(k).text(0) for k in range(u.topLevelItemCount())]
    assert tops[2].startswith("rewrite.txt — derives from wire.txt")
    assert tops[3].startswith("islanders.txt — independent")
    leaves = {(it.data(0, Qt.ItemDataRole.UserRole + 20)[0], it.text(0)) for it in u.leaves()}
    assert any(v == 2 and "submerged container" in t for v, t in leaves)
    assert sum(1 for v, t in leaves if v == 3) == 3
    assert any(v == 3 and 'Fisherman Angus Rennie said <script>alert("owned")' in t for v, t in leaves)
    assert not any(v in (0, 1) for v, _ in leaves)  # the wire and the copy add nothing of their own


def test_clicking_a_unique_item_selects_its_block_in_the_columns(qtbot, window, tmp_path):
    _open(window, tmp_path)
    window.show_view("provenance")
    u = window.provenance.widget().unique
    c = window.document.comparison
    item = next(it for it in u.leaves() if "Fisherman" in it.text(0))
    version, block = item.data(0, Qt.ItemDataRole.UserRole + 20)[:2]
    assert c.versions[version].blocks[block].text.startswith("Fisherman")
    u.scrollToItem(item)
    qtbot.mouseClick(u.viewport(), Qt.MouseButton.LeftButton, pos=u.visualItemRect(item).center())
    assert window.views.currentIndex() == 0
    cur = window.columns.view.currentIndex()
    assert (cur.row(), cur.column()) == (c.row_of[3][block], 3)
    assert "Fisherman" in window.columns.detail.toPlainText()


def test_heat_map_shades_the_base_and_links_to_its_blocks(qtbot, window, tmp_path):
    _open(window, tmp_path)
    window.show_view("heatmap")
    hm = window.heatmap.widget()
    text = hm.browser.toPlainText()
    assert "divers found a crack in the hull" in text
    assert "kept verbatim" in hm.legend.text() and "dropped" in hm.legend.text()
    c = window.document.comparison
    first = c.heatmap[0]
    tip = sentence_tooltip(c, first)
    assert "kept verbatim by" in tip and "copy.txt" in tip and "islanders.txt" in tip
    with qtbot.waitSignal(hm.blockChosen) as got:
        hm.browser.anchorClicked.emit(QUrl("s:1"))
    assert got.args == [c.base, c.heatmap[1].block]
    assert window.views.currentIndex() == 0
    cur = window.columns.view.currentIndex()
    assert (cur.row(), cur.column()) == (c.row_of[c.base][c.heatmap[1].block], c.base)


def test_sentence_toggle_reruns_the_comparison_and_persists(qtbot, window, tmp_path):
    paths = _open(window, tmp_path)
    assert window.document.comparison.options.unit == "paragraph"
    window.actions_["sentences"].trigger()
    wait_compared(qtbot, window, 4)
    qtbot.waitUntil(lambda: window.document.comparison.options.unit == "sentence", timeout=15000)
    # Sentences are the units now: the rewrite's new sentence is a block of its own.
    rewrite = window.document.comparison.versions[2]
    assert any(b.text.startswith("Engineers blamed") for b in rewrite.blocks)
    assert len(rewrite.blocks) == 7  # six paragraphs, one of them two sentences
    assert load_options(open_settings()).unit == "sentence"
    assert window.actions_["sentences"].isChecked()
    window.actions_["sentences"].trigger()
    qtbot.waitUntil(lambda: window.document.comparison.options.unit == "paragraph" and not window.runner.busy,
                    timeout=15000)
    assert load_options(open_settings()) == Options()
    assert len(paths) == 4


def test_moved_block_connector_jumps_both_ways(qtbot, window, samples):
    window.open_files_sync(samples)
    view = window.columns.view
    assert view.moves, "the late edit moves a paragraph up"
    m = view.moves[0]
    c = window.document.comparison
    assert c.row_of[m.version][m.block] == m.row and m.target_row != m.row
    view.choose(m.row, m.version)
    # The MOVED badge's link goes to where the block is read in its own version...
    view._on_link(f"row:{m.target_row}:{m.version}")
    assert (view.currentIndex().row(), view.currentIndex().column()) == (m.target_row, m.version)
    # ...and Back returns to the moved block.
    window.columns.go_back()
    assert (view.currentIndex().row(), view.currentIndex().column()) == (m.row, m.version)
    # The pill drawn at the gap leads back to the moved block too.
    view.choose(m.target_row, m.version)
    view.viewport().repaint()
    pill = next(rect for rect, mv in view._pills if mv == m)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pill.center().toPoint())
    assert (view.currentIndex().row(), view.currentIndex().column()) == (m.row, m.version)
    assert view.pill_at(QPointF(-50, -50)) is None
