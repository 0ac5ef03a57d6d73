"""A rewrite's detail pane pairs its sentences and
shows the words changed inside each; the Provenance panel shows whole text, ¶ as the
columns do and wire quotes as curly quotes; lineage edge labels explain themselves;
the archive list names each family's story and steps aside once one is opened."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from .conftest import wait_compared
from .test_archive_window import _sample_db
from .test_provenance import _open
from .test_ux_defects import _write_articles

SAID = ("The repairs had cost 2.3 million crowns, about 40 percent more than first estimated, council leader "
        "Mira Ostrand said today. Replacement glass had to be made to order in Bremen.")
REWORDED = ("Council leader Mira Ostrand said yesterday that the repairs cost 2.3 million crowns, roughly 40 "
            "percent above the first estimate. Replacement glass had to be made to order in Bremen.")
SHARED = ["Carrow footbridge to reopen in March",
          "The Carrow footbridge over the River Vell will reopen to pedestrians on March 14, the council said.",
          "Engineers found hairline cracks in two of its deck panels last autumn."]


def test_a_paraphrased_paragraph_is_shown_sentence_by_sentence(qtbot, window, tmp_path):
    window.open_files(_write_articles(tmp_path, (("a.txt", SHARED + [SAID]), ("b.txt", SHARED + [REWORDED]))))
    wait_compared(qtbot, window, 2)
    m = window.columns.model
    [(r, c)] = [(r, c) for r in range(m.rowCount()) for c in range(2) if m.cell(r, c).state == "paraphrased"]
    window.columns.view.choose(r, c)
    html = window.columns.detail.toHtml()
    text = window.columns.detail.toPlainText()
    # One row per sentence pair, each named: the first reworded, the second the same.
    assert "\u2248 reworded" in text and "= same" in text
    # The changed words stand out inside the first pair; the second sentence is not struck at all.
    assert "line-through" in html and "today" in text and "yesterday" in text
    struck = [chunk for chunk in html.split("line-through")[1:]]
    assert not any("Replacement glass" in chunk.split("</span>")[0] for chunk in struck)


def test_the_provenance_panel_shows_whole_text_and_one_paragraph_mark(qtbot, window, tmp_path):
    wire = ("Harbour fees to rise\n\nThe port authority said fees would rise by a tenth in May. Ship owners "
            "called the rise ``a blow to every island route'' and asked for talks.\n")
    other = ("Fees go up at the harbour\n\nThe port authority said fees would rise by a tenth in May. Fishermen on "
             "the quay said they had not been told about the change before the announcement.\n")
    window.open_files(_write_articles(tmp_path, (("wire.txt", [wire]), ("paper.txt", [other]))))
    wait_compared(qtbot, window, 2)
    window.show_view("provenance")
    qtbot.waitUntil(window.provenance.is_built)
    u = window.provenance.widget().unique
    assert u.wordWrap() and u.textElideMode() == Qt.TextElideMode.ElideNone  # nothing cut to "nothing o…"
    # Narrow, a long line wraps: its row grows to hold every line, none is cut off.
    u.setFixedWidth(260)
    QApplication.processEvents()
    line = u.fontMetrics().height()
    tops = [u.topLevelItem(k) for k in range(u.topLevelItemCount())]
    long = [t for t in tops if QFontMetrics(t.font(0)).horizontalAdvance(t.text(0)) > u.columnWidth(0)]
    assert long and all(u.visualItemRect(t).height() >= 2 * line for t in long)
    leaves = [it.text(0) for it in u.leaves()]
    assert leaves and all(t.startswith("¶") for t in leaves) and not any("§" in t for t in leaves)
    blow = [t for t in leaves if "a blow to every island route" in t]
    assert blow and "\u201ca blow to every island route\u201d" in blow[0] and "``" not in blow[0]


def test_a_lineage_edge_label_explains_itself(qtbot, window, tmp_path):
    _open(window, tmp_path)
    window.show_view("provenance")
    graph = window.provenance.widget().graph
    graph.repaint()  # the label boxes are where they were painted
    assert graph._labels
    box, version = graph._labels[0]
    assert graph.label_at(box.center() + graph._offset()) == version
    tip = graph.edge_tooltip(version)
    assert "derives from" in tip and "verbatim" in tip and "four-grams" in tip


def test_the_archive_list_names_each_story_and_steps_aside(qtbot, window, tmp_path):
    from gui.views.dialogs.archive_window import COLUMNS

    window.commands.open_archive(_sample_db(tmp_path))
    d = window.commands.archive_dialog
    qtbot.waitUntil(lambda: bool(d.families), timeout=10000)
    col = COLUMNS.index("Headline")
    qtbot.waitUntil(lambda: all(d.table.item(r, col).text() for r in range(d.table.rowCount())), timeout=10000)
    headlines = [d.table.item(r, col).text() for r in range(d.table.rowCount())]
    assert all(len(h.split()) >= 3 and not h.endswith(".txt") for h in headlines), headlines
    d.filter.setText(headlines[0].split()[0].lower())  # the filter reads headlines too
    assert d.table.rowCount() >= 1
    d.filter.setText("")
    d.table.selectRow(0)
    d.open_button.click()
    wait_compared(qtbot, window)
    assert not d.isVisible()  # the comparison is what the reader looks at now
    window.commands.open_archive(d.db)  # the same archive again: the list, at once
    assert window.commands.archive_dialog is d and d.isVisible()
