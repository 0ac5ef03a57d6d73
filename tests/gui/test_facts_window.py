"""Issue 19, the window: a Facts tab listing each version's changed facts by kind (a click
selects the paragraph and highlights the fact), fact badges on the cells, Show › Fact
Changes Only, and a detail pane that names the changed fact instead of the general rule.

The fixture is our own invented story: a draft and its edit in which a figure went from
2,300 to 23,000, a quotation lost its "not" and a quotation's speaker changed.
"""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from .conftest import wait_compared

DRAFT = """Bridge repairs to run into next year

Harbourside council said on Monday that 2,300 homes on the east bank would stay without a road link while the Kell Street bridge is rebuilt.

"We will not reopen the bridge this year," said Ruth Ashdown, the council's chief engineer.

Residents packed the town hall on Monday evening to hear the plans, which were first shown in March.

"The detour adds forty minutes to every school run," said Mara Lindqvist, who chairs the residents' association.

Contractors expect to begin work on the new deck in the spring.
"""
EDIT = (DRAFT.replace("2,300 homes", "23,000 homes").replace("We will not reopen", "We will reopen")
        .replace("said Mara Lindqvist", "said Tom Lund"))
FACT_ROWS = {1, 2, 4}  # the figure, the altered quotation, the reattributed one


def _open(qtbot, window, tmp_path, draft: str = DRAFT, edit: str = EDIT):
    (tmp_path / "draft.txt").write_text(draft, encoding="utf-8")
    (tmp_path / "edit.txt").write_text(edit, encoding="utf-8")
    window.open_files([str(tmp_path / "draft.txt"), str(tmp_path / "edit.txt")])
    wait_compared(qtbot, window, 2)
    window.tabs.setCurrentWidget(window.facts)
    QApplication.processEvents()
    return window.facts.widget()


def _fact(panel, kind: str):
    return next((v, f) for v, f in panel.facts() if f.kind == kind)


def test_the_facts_tab_lists_exactly_the_three_changes_grouped_by_kind(qtbot, window, tmp_path):
    panel = _open(qtbot, window, tmp_path)
    listed = sorted((v, f.kind, f.change, f.old, f.new) for v, f in panel.facts())
    assert listed == [
        (1, "number", "changed", "2,300", "23,000"),
        (1, "quote", "altered", "We will not reopen the bridge this year", "We will reopen the bridge this year"),
        (1, "quote", "reattributed", "The detour adds forty minutes to every school run",
         "The detour adds forty minutes to every school run"),
    ]
    version = panel.topLevelItem(0)
    assert version.text(0) == "2. edit.txt" and "3 facts changed" in version.text(2)
    assert [version.child(k).text(0) for k in range(version.childCount())] == ["Quotes (2)", "Figures (1)"]
    badges = {version.child(k).child(j).text(0) for k in range(version.childCount())
              for j in range(version.child(k).childCount())}
    assert badges == {"QUOTE ALTERED", "SPEAKER CHANGED", "FIGURE CHANGED"}
    assert window.tabs.tabText(window.tabs.indexOf(window.facts)) == "Facts (3)"


def test_the_facts_tab_is_built_only_when_first_shown(qtbot, window, tmp_path):
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "edit.txt").write_text(EDIT, encoding="utf-8")
    window.open_files([str(tmp_path / "draft.txt"), str(tmp_path / "edit.txt")])
    wait_compared(qtbot, window, 2)
    assert not window.facts.is_built()
    assert window.tabs.tabText(window.tabs.indexOf(window.facts)) == "Facts (3)"  # the count without the list
    window.tabs.setCurrentWidget(window.facts)
    QApplication.processEvents()
    assert window.facts.is_built() and len(window.facts.widget().facts()) == 3


def test_choosing_a_fact_selects_its_paragraph_and_highlights_its_words(qtbot, window, tmp_path):
    panel = _open(qtbot, window, tmp_path)
    cols = window.columns
    mark = cols.colours.fact_mark
    panel.setCurrentItem(panel.item_of(*_fact(panel, "number")))
    QApplication.processEvents()
    cur = cols.view.currentIndex()
    assert (cur.row(), cur.column()) == (1, 1)
    assert window.tabs.currentWidget() is window.facts  # the list stays in front to choose the next
    assert f'background-color:{mark}">23,000</span>' in cols.model.html(1, 1)
    assert f'background-color:{mark}">2,300</span>' in cols.model.html(1, 0)  # the base's words too
    assert mark not in cols.model.html(2, 1)
    # The next fact moves the selection and the highlight.
    panel.setCurrentItem(panel.item_of(*_fact(panel, "quote")))
    QApplication.processEvents()
    assert cols.view.currentIndex().row() == 2
    assert mark in cols.model.html(2, 1) and mark not in cols.model.html(1, 1)
    # Choosing another paragraph in the columns drops the highlight.
    cols.view.choose(3, 1)
    QApplication.processEvents()
    assert mark not in cols.model.html(2, 1) and mark not in cols.model.html(2, 0)


def test_cells_carry_the_badge_of_their_changed_fact(qtbot, window, tmp_path):
    _open(qtbot, window, tmp_path)
    m = window.columns.model
    expect = {1: "FIGURE CHANGED", 2: "QUOTE ALTERED", 4: "SPEAKER CHANGED"}
    all_badges = set(expect.values())
    for row in range(m.rowCount()):
        html = m.html(row, 1)
        assert {b for b in all_badges if b in html} == ({expect[row]} if row in expect else set()), row
        assert not any(b in m.html(row, 0) for b in all_badges)  # the base is what the others are read against
    assert "FIGURE CHANGED" in m.data(m.index(1, 1), role=3)  # ToolTipRole explains the badge


def test_fact_changes_only_hides_the_rows_without_a_changed_fact(qtbot, window, tmp_path):
    _open(qtbot, window, tmp_path)
    view = window.columns.view
    assert not any(view.isRowHidden(r) for r in range(6))
    window.columns.filters.facts_action.setChecked(True)
    assert {r for r in range(6) if not view.isRowHidden(r)} == FACT_ROWS
    window.columns.filters.facts_action.setChecked(False)
    assert not any(view.isRowHidden(r) for r in range(6))


def test_the_detail_pane_names_the_changed_figure_instead_of_the_general_rule(qtbot, window, tmp_path):
    _open(qtbot, window, tmp_path)
    cols = window.columns
    cols.view.choose(1, 1)
    QApplication.processEvents()
    text = cols.detail.toPlainText()
    assert "figure changed: 2,300 \u2192 23,000 (\u00d710)" in text
    assert "Edited: the same wording" not in text
    cols.view.choose(4, 1)
    QApplication.processEvents()
    assert "speaker changed: Mara Lindqvist \u2192 Tom Lund" in cols.detail.toPlainText()
    cols.view.choose(3, 1)  # an unchanged paragraph says nothing of facts
    QApplication.processEvents()
    assert "changed:" not in cols.detail.toPlainText()


def test_article_markup_inside_a_quotation_shows_as_text(qtbot, window, tmp_path):
    draft = DRAFT.replace("We will not reopen", "We will <b>not</b> reopen")
    edit = draft.replace("<b>not</b>", "<b>now</b>")
    panel = _open(qtbot, window, tmp_path, draft, edit)
    v, quote = _fact(panel, "quote")
    assert "<b>" in quote.old  # the engine kept the words as they are
    panel.setCurrentItem(panel.item_of(v, quote))
    QApplication.processEvents()
    cols = window.columns
    pages = [cols.model.html(2, 1), cols.model.html(2, 0), cols.detail.toHtml()]
    for page in pages[:2]:
        assert "<b>" not in page and "&lt;b&gt;" in page
    doc = QTextDocument()
    doc.setHtml("".join(pages[:2]))
    # the base's words, and the edit's redline (old word struck, new word beside it), as characters
    assert '"We will <b>not</b> reopen' in doc.toPlainText() and "<b>notnow</b>" in doc.toPlainText()
    assert "<b>now</b>" in cols.detail.toPlainText()  # shown as the characters it is
    item = panel.item_of(v, quote)
    tip = item.toolTip(2)  # Qt would take a tooltip with markup in it for rich text
    assert tip.startswith("<qt>") and "</b" not in tip and "&lt;/b" in tip


def test_the_facts_tab_fits_a_1024_by_700_window(qtbot, window, tmp_path):
    panel = _open(qtbot, window, tmp_path)
    window.resize(1024, 700)
    for _ in range(3):
        QApplication.processEvents()
    top_left = panel.mapTo(window, panel.rect().topLeft())
    assert window.rect().contains(panel.rect().translated(top_left))
    rows = [panel.visualItemRect(panel.item_of(v, f)) for v, f in panel.facts()]
    assert all(panel.viewport().rect().contains(r.topLeft()) for r in rows)  # every fact in view, no scrolling
    # A description longer than the column wraps onto more lines instead of being cut.
    speaker = panel.visualItemRect(panel.item_of(*next(x for x in panel.facts() if x[1].change == "reattributed")))
    figure = panel.visualItemRect(panel.item_of(*_fact(panel, "number")))
    assert panel.fontMetrics().horizontalAdvance(panel.item_of(*_fact(panel, "number")).text(2)) < panel.columnWidth(2)
    assert speaker.height() >= figure.height() + panel.fontMetrics().height() // 2


def test_a_quotation_dropped_with_its_paragraph_leads_to_the_gap_it_left(qtbot, window, tmp_path):
    lost = '"Nobody asked the families on the east bank what they need," said Mara Lindqvist.'
    panel = _open(qtbot, window, tmp_path, DRAFT + "\n" + lost + "\n", EDIT)
    v, dropped = next((v, f) for v, f in panel.facts() if f.change == "dropped")
    assert dropped.kind == "quote" and dropped.b_block is None
    panel.setCurrentItem(panel.item_of(v, dropped))
    QApplication.processEvents()
    cols = window.columns
    cur = cols.view.currentIndex()
    assert cur.column() == 1 and cols.model.cell(cur.row(), 1).state == "dropped"
    assert cols.colours.fact_mark in cols.model.html(cur.row(), 0)  # its words highlighted in the base
    assert "quote dropped (Mara Lindqvist)" in cols.detail.toPlainText()


def test_fact_changes_only_is_remembered_by_the_next_window(qtbot, window):
    from gui.main_window import MainWindow

    window.columns.filters.facts_action.setChecked(True)
    assert str(window.settings.value("view/facts_only")).lower() == "true"
    later = MainWindow()
    qtbot.addWidget(later)
    assert later.columns.filters.facts_action.isChecked() and later.columns.view.facts_only


def test_the_legend_explains_fact_badges_and_its_chip_shows_only_fact_rows(qtbot, window, tmp_path):
    _open(qtbot, window, tmp_path)
    legend, view = window.columns.legend, window.columns.view
    assert "FIGURE\u00a0CHANGED" in legend.text() and "changed&nbsp;fact" in legend.text()
    legend.linkActivated.emit("facts:")  # a click on the chip
    assert window.columns.filters.facts_action.isChecked()
    assert {r for r in range(6) if not view.isRowHidden(r)} == FACT_ROWS
    assert "only&nbsp;these" in legend.text()
    legend.linkActivated.emit("facts:")
    assert not window.columns.filters.facts_action.isChecked()
    assert not any(view.isRowHidden(r) for r in range(6))
