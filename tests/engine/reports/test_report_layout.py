"""How the reports lay out: pages of the PDF never cut a table row, its legend is a table,
names in the reuse matrix's heads wrap only after a separator, and a derived version
with little verbatim copy is named a paraphrased rewrite, with a note saying why."""

from __future__ import annotations

import re

from engine import compare
from engine.io.loading import from_text
from engine.reports import render
from engine.reports.html_qt import to_qt_html
from engine.reports.pdf import page_breaks
from engine.reports.provenance import DERIVES_NOTE, derivation
from tests.engine.articles import WIRE, text


def _long_family():
    """Two long versions: the aligned table runs over several pages."""
    paras = [f"Paragraph {k} of the council's report says the harbour repairs in section {k} will cost "
             f"{k * 3} thousand crowns and take {k + 2} weeks, the engineers told the committee." for k in range(60)]
    edited = [p.replace("weeks", "months") if k % 3 == 0 else p for k, p in enumerate(paras)]
    return compare([from_text("\n\n".join(paras), "the-harbour.report.txt"),
                    from_text("\n\n".join(edited), "guardian.txt")])


def test_page_breaks_move_up_to_the_top_of_a_row_they_would_cut():
    spans = [(0, 10), (10, 90), (90, 180), (180, 200)]  # rows of 10, 80, 90 and 20 pixels
    assert page_breaks(spans, 200, 100) == [0.0, 90, 180, 200]
    # A row taller than a page is cut (there is no other way), inside it at the page height.
    assert page_breaks([(0, 250)], 250, 100) == [0.0, 100.0, 200.0, 250]


def test_no_pdf_page_cuts_a_table_row(qapp):
    from PySide6.QtGui import QFont, QTextDocument, QTextTable

    from engine.reports.pdf import unbreakable_spans

    doc = QTextDocument()
    doc.setDefaultFont(QFont("DejaVu Sans", 8))
    doc.setHtml(to_qt_html(_long_family()))
    doc.setTextWidth(1047)
    page = 718.0
    cuts = page_breaks(unbreakable_spans(doc), doc.size().height(), page)
    assert len(cuts) > 3
    layout = doc.documentLayout()
    rows = 0
    for table in (f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)):
        for r in range(table.rows()):
            first = doc.findBlock(table.cellAt(r, 0).firstPosition())
            last = doc.findBlock(table.cellAt(r, table.columns() - 1).lastPosition())
            top, bottom = layout.blockBoundingRect(first).top(), layout.blockBoundingRect(last).bottom()
            rows += 1
            assert not any(top < y < bottom for y in cuts), (r, top, bottom)
    assert rows > 60
    # And the PDF the writer makes has as many pages.
    pdf = render(_long_family(), "pdf")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == len(cuts) - 1


def test_the_pdf_legend_is_one_row_per_kind():
    html = to_qt_html(compare([text(WIRE), text(WIRE[:-1])]))
    legend = html.split("<h3>Legend</h3>")[1].split("</table>")[0]
    assert legend.startswith("<table") and legend.count("<tr>") >= 13  # ten kinds, changed facts, inserted, deleted
    assert "FIGURE CHANGED" in legend


def test_matrix_heads_wrap_after_a_separator_never_inside_a_word():
    html = render(_long_family(), "html")
    rule = re.search(r"table\.matrix th \{([^}]*)\}", html).group(1)
    assert "anywhere" not in rule and "break-all" not in rule
    assert "<th>in guardian.<wbr>txt</th>" in html and "the-<wbr>harbour.<wbr>report.<wbr>txt" in html


def test_summary_names_wrap_after_a_separator_never_inside_a_word():
    # "draft.txt" was drawn as "draft.tx" / "t": the name cell let the table squeeze it to one letter.
    html = render(_long_family(), "html")
    rule = re.search(r"table\.summary td\.name, table\.summary th\.name \{([^}]*)\}", html).group(1)
    assert "anywhere" not in rule and "break-all" not in rule
    assert '<td class="name">the-<wbr>harbour.<wbr>report.<wbr>txt</td>' in html


def test_a_derived_version_with_no_verbatim_run_is_a_paraphrased_rewrite():
    assert derivation(0.0) == "a paraphrased rewrite (0% verbatim)"
    assert derivation(0.33) == "33% verbatim"
    for fmt in ("html", "md"):
        out = render(compare([text(WIRE), text(WIRE[:-1])]), fmt)
        assert "four-grams" in out and DERIVES_NOTE[:40] in out


def test_the_html_and_markdown_legends_explain_the_fact_badges():
    from engine.reports.html_report import to_html
    from engine.reports.markdown_report import to_markdown

    c = compare([text(WIRE), text(WIRE[:-1])])
    html_legend = to_html(c).split('<h2 id="legend">Legend</h2>')[1].split("</ul>")[0]
    md_legend = to_markdown(c).split("## Legend")[1].split("\n## ")[0]
    for legend in (html_legend, md_legend):
        assert "FIGURE CHANGED" in legend and "differs from the base" in legend
