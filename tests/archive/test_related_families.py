"""Two stories that share a passage stay two families, each with its own papers, and
name each other as `related`; one story's densely linked copies stay one family."""

import datetime as dt

from engine.archive import dates
from engine.archive.families import build, components
from engine.archive.linking import DocLink, LinkParams
from engine.archive.store import Archive

from ..engine.articles import WIRE

# A background paragraph both wire stories of the day carry.
BACKGROUND = ("Nordlake Lines was founded in 1921 by the Holm family of Ostby, and its white-hulled boats "
              "have crossed the lake between Ostby and Marn every summer since the ice road closed in 1958.")
# The day's second story: the operator's history, filed beside the fire story.
SIDEBAR = [
    "Century-old lake operator faces its hardest summer",
    "The fire is the latest blow to an operator whose fleet has shrunk from eleven boats in the 1970s to "
    "four today, as a bridge built at Holmvik took away much of the car traffic.",
    BACKGROUND,
    "Its oldest vessel still in service, the Marna, was launched at the Ostby yard in 1964 and carried "
    "the royal family to the regatta of 1988.",
    "Union officials said crews had warned for years that spare parts for the older engines were "
    "hard to find, and that the company had cut its workshop staff from nine to three.",
    "Local historians plan an exhibition on the ferry line at the Marn town museum next spring.",
]


def _text(paragraphs):
    return "\n\n".join(paragraphs) + "\n"


def _families(tmp_path, files):
    day = dt.date(2020, 5, 25)
    for name, paragraphs in files.items():
        (tmp_path / name).write_text(_text(paragraphs), encoding="utf-8")
    with Archive.open(tmp_path / "a.duckdb") as a:
        a.index([str(tmp_path / n) for n in files], manifest={str(tmp_path / n): day for n in files})
        fams = a.families(LinkParams())
    return {tuple(sorted(m["path"].rsplit("/", 1)[1] for m in f["members"])): f for f in fams}


def test_two_wire_stories_sharing_a_background_paragraph_stay_two_related_families(tmp_path):
    fams = _families(tmp_path, {
        "wire-fire.txt": [*WIRE, BACKGROUND],
        "daily-fire.txt": [WIRE[0], WIRE[1], WIRE[2], WIRE[4]],
        "weekly-fire.txt": [WIRE[1], WIRE[3], WIRE[5]],
        "wire-history.txt": SIDEBAR,
        "daily-history.txt": [SIDEBAR[0], SIDEBAR[1], SIDEBAR[3]],
        "weekly-history.txt": [SIDEBAR[1], SIDEBAR[4], SIDEBAR[5]],
    })
    fire = ("daily-fire.txt", "weekly-fire.txt", "wire-fire.txt")
    history = ("daily-history.txt", "weekly-history.txt", "wire-history.txt")
    assert set(fams) == {fire, history}  # each wire story keeps its own papers
    assert fams[fire]["related"] == [fams[history]["id"]]
    assert fams[history]["related"] == [fams[fire]["id"]]
    # the link between the two wires is no link of either family
    assert not any({"wire-fire.txt", "wire-history.txt"} == {l["a"].rsplit("/", 1)[1], l["b"].rsplit("/", 1)[1]}
                   for f in fams.values() for l in f["links"])


def _docs(n):
    return {i: (f"d{i}", dt.date(2020, 1, 1), dates.MANIFEST, 300) for i in range(n)}


def test_one_link_across_two_groups_keeps_them_apart_and_related():
    # 0-1-2 and 3-4-5 are each densely linked; 2 and 3 share a passage.
    inside = [DocLink(0, 1, 40, 0.4, 0.4), DocLink(0, 2, 40, 0.4, 0.4), DocLink(1, 2, 30, 0.3, 0.3),
              DocLink(3, 4, 40, 0.4, 0.4), DocLink(3, 5, 40, 0.4, 0.4), DocLink(4, 5, 30, 0.3, 0.3)]
    related: set[tuple[int, int]] = set()
    assert components(_docs(6), [*inside, DocLink(2, 3, 12, 0.05, 0.05)], related=related) == [[0, 1, 2], [3, 4, 5]]
    assert related == {(0, 3)}
    fams = build(_docs(6), [*inside, DocLink(2, 3, 12, 0.05, 0.05)])
    assert [f["related"] for f in fams] == [[1], [0]]


def test_groups_linked_densely_across_are_one_family():
    # Two takes of one story (0 and 3), each with its papers; the papers link to both takes.
    inside = [DocLink(0, 1, 40, 0.4, 0.4), DocLink(0, 2, 40, 0.4, 0.4), DocLink(3, 4, 40, 0.4, 0.4), DocLink(3, 5, 40, 0.4, 0.4)]
    across = [DocLink(0, 3, 20, 0.2, 0.2), DocLink(1, 3, 12, 0.1, 0.1), DocLink(2, 4, 12, 0.1, 0.1)]
    related: set[tuple[int, int]] = set()
    assert components(_docs(6), [*inside, *across], related=related) == [[0, 1, 2, 3, 4, 5]]
    assert related == set()
    assert build(_docs(6), [*inside, *across])[0]["related"] == []


def test_the_family_list_names_related_families_with_links_to_their_comparisons():
    from engine.archive.compare_family import family_list_html

    inside = [DocLink(0, 1, 40, 0.4, 0.4), DocLink(0, 2, 40, 0.4, 0.4), DocLink(3, 4, 40, 0.4, 0.4), DocLink(3, 5, 40, 0.4, 0.4)]
    fams = build(_docs(6), [*inside, DocLink(2, 3, 12, 0.05, 0.05)])
    page = family_list_html(fams, {0: "f0.html", 1: "f1 <&>.html"}, "Families")
    rows = page.split("<tr>")[2:]
    assert len(rows) == 2
    assert rows[0].endswith('<td><a href="f1 &lt;&amp;&gt;.html">family 1</a></td></tr>')
    assert rows[1].split("</table>")[0].endswith('<td><a href="f0.html">family 0</a></td></tr>')
