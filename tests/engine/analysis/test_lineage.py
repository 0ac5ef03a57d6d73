"""Reuse matrix and lineage: who copied whom, on invented article versions."""

import dataclasses
import itertools

import pytest

from engine import compare
from engine.analysis.lineage import LineageEntry, lineage, lineage_dicts, reuse_matrix

# An invented wire story about a harbour bridge, and versions derived from it.
WIRE = """Harbour bridge to close for two years as repairs begin

The city council voted on Tuesday to close the Kelvin Harbour bridge for two years while engineers replace its corroded steel cables, a project expected to cost 140 million pounds.

Council leader Maria Okafor said the decision had been the hardest of her tenure. "We cannot ask people to drive across a bridge that our own inspectors say is failing," she told reporters after the vote.

Inspectors found last spring that a third of the suspension cables had lost more than a fifth of their strength, largely because salt water had seeped into the casings.

Ferry operators will add four extra crossings an hour from March, and the council will pay for a temporary shuttle bus that loops through the old town every ten minutes.

Shopkeepers on the northern shore fear the closure will cut their trade in half. The chamber of commerce has asked for a rates holiday for businesses within a mile of the bridge.

The bridge opened in 1962 and carries about 38,000 vehicles a day, according to figures published by the regional transport authority.
"""

# A site copy: the wire text with chrome around it and the last paragraph trimmed.
COPY = """Daily Coastline | Your local news

Harbour bridge to close for two years as repairs begin

The city council voted on Tuesday to close the Kelvin Harbour bridge for two years while engineers replace its corroded steel cables, a project expected to cost 140 million pounds.

Thank you for reading this post, don't forget to subscribe!

Council leader Maria Okafor said the decision had been the hardest of her tenure. "We cannot ask people to drive across a bridge that our own inspectors say is failing," she told reporters after the vote.

Inspectors found last spring that a third of the suspension cables had lost more than a fifth of their strength, largely because salt water had seeped into the casings.

Ferry operators will add four extra crossings an hour from March, and the council will pay for a temporary shuttle bus that loops through the old town every ten minutes.

Shopkeepers on the northern shore fear the closure will cut their trade in half. The chamber of commerce has asked for a rates holiday for businesses within a mile of the bridge.

The bridge opened in 1962 and carries about 38,000 vehicles a day, according to figures published by the regional transport authority. Local historians plan an exhibition about its construction.

Leave a Reply

Source link
"""

# A rewrite of the copy: reworded, with headings and a new closing paragraph.
REWRITE = """Kelvin bridge shut for two years

The Kelvin Harbour bridge will close for two years after the city council voted on Tuesday to let engineers replace its corroded steel cables, at an expected cost of 140 million pounds.

A difficult vote

Council leader Maria Okafor called it the hardest decision of her tenure. "We cannot ask people to drive across a bridge that our own inspectors say is failing," she said after the vote.

Last spring inspectors discovered that a third of the cables had lost over a fifth of their strength, mostly because salt water had got into the casings.

Getting across

From March ferry operators will run four extra crossings an hour, and a temporary shuttle bus paid for by the council will loop through the old town every ten minutes.

Traders on the northern shore expect the closure to halve their takings, and the chamber of commerce wants a rates holiday for businesses near the bridge.

Local historians plan an exhibition about how the bridge was built, to open while it is closed.
"""

# An independent report of the same event: same council, same quote, its own words.
OTHER = """Kelvin crossing closes as cable repairs loom

Drivers face long detours after councillors backed a plan to shut the Kelvin Harbour bridge, the city's busiest crossing, until the works are finished.

"We cannot ask people to drive across a bridge that our own inspectors say is failing," Maria Okafor said.

Opposition councillor Tom Briggs voted against the plan, arguing that one lane could have stayed open for buses and emergency vehicles during the works.

Engineers from the firm that won the contract said they would start by building a temporary walkway beneath the deck in January.

A petition calling for a public inquiry into how the cables were maintained has gathered more than 5,000 signatures in a week.
"""

# An unrelated story.
UNRELATED = """Library extends opening hours over the winter

The central library will stay open until nine in the evening on weekdays from November, the culture department announced on Friday.

Volunteers will run homework clubs for secondary school pupils on Tuesday and Thursday evenings, and the reading room will host free chess lessons at weekends.

The extra hours are paid for by a grant from a local charity, which has also funded new laptops for the computer suite.
"""


@pytest.fixture(scope="module")
def family():
    return compare([WIRE, COPY, REWRITE, OTHER, UNRELATED])


def test_reuse_matrix_reads_the_pairs_and_has_a_unit_diagonal(family):
    m = reuse_matrix(family)
    n = len(family.versions)
    assert all(m[v][v] == 1.0 for v in range(n))
    for a, b in itertools.permutations(range(n), 2):
        # m[a][b]: share of b's words found verbatim in a
        assert m[a][b] == pytest.approx(family.pair(a, b).reuse_b_from_a)
        assert m[a][b] == pytest.approx(family.pair(b, a).reuse_a_from_b)
        assert 0.0 <= m[a][b] <= 1.0


def test_reuse_matrix_direction(family):
    m = reuse_matrix(family)
    # The copy holds all of the wire (plus an added sentence): the wire is fully in the copy,
    # the copy slightly less in the wire.
    assert m[1][0] > 0.95
    assert m[0][1] < m[1][0]
    # The unrelated story shares nothing.
    assert max(m[4][0], m[0][4]) < 0.05


def test_lineage_names_sources_and_independents(family):
    got = {e.version: e.source for e in lineage(family)}
    assert got[1] == 0  # the copy derives from the wire
    assert got[2] == 1  # the rewrite hangs under the copy it shares an added sentence with
    assert got[0] is None  # the wire is the root
    assert got[3] is None  # a shared quotation is not derivation
    assert got[4] is None


def test_lineage_does_not_depend_on_input_order_for_clear_cases():
    texts = [WIRE, COPY, REWRITE, OTHER, UNRELATED]
    for perm in [(4, 3, 2, 1, 0), (2, 0, 3, 1, 4), (1, 2, 0, 4, 3)]:
        c = compare([texts[i] for i in perm])
        got = {perm[e.version]: (None if e.source is None else perm[e.source]) for e in lineage(c)}
        assert got == {0: None, 1: 0, 2: 1, 3: None, 4: None}, perm


def test_lineage_entry_and_json_shape(family):
    entries = lineage(family)
    assert [e.version for e in entries] == list(range(5))
    copy = entries[1]
    assert isinstance(copy, LineageEntry)
    assert copy.reuse == pytest.approx(reuse_matrix(family)[0][1])
    assert 0.8 < copy.reuse <= 1.0
    assert entries[0].reuse == 0.0
    d = lineage_dicts(family)
    assert d[1] == {"version": 1, "source": 0, "reuse": round(copy.reuse, 4)}
    assert d[3] == {"version": 3, "source": None, "reuse": 0.0}
    with pytest.raises(dataclasses.FrozenInstanceError):
        copy.source = 3  # frozen


def test_near_identical_copies_pick_one_direction():
    twin = WIRE.replace("Tuesday", "Tuesday evening")
    c = compare([WIRE, twin])
    got = [e.source for e in lineage(c)]
    assert sorted(got, key=lambda s: s is None) in ([1, None], [0, None])
    assert got.count(None) == 1  # never a cycle, never two roots
    # exact copies: the earlier given is the source
    c = compare([WIRE, WIRE])
    assert [e.source for e in lineage(c)] == [None, 0]
    c = compare([COPY, COPY, COPY])
    assert [e.source for e in lineage(c)][0] is None
    assert all(e.source is not None for e in lineage(c)[1:])


def test_only_two_independent_reports():
    c = compare([WIRE, OTHER])
    assert [e.source for e in lineage(c)] == [None, None]


def test_chain_source_is_nearest_not_root():
    # wire -> copy (with an added sentence) -> rewrite that keeps the added sentence.
    c = compare([REWRITE, WIRE, COPY])
    got = {e.version: e.source for e in lineage(c)}
    assert got[0] == 2


def test_a_cut_down_copy_derives_from_the_text_it_was_cut_from():
    # Pasted without its last paragraph: the copy holds nothing the source lacks, the
    # source holds a little more. Whichever order they come in, the fuller text is the source.
    cut = WIRE[:WIRE.rindex("\n\nThe bridge opened in 1962")] + "\n"
    for texts, want in (([WIRE, cut], [None, 0]), ([cut, WIRE], [1, None])):
        assert [e.source for e in lineage(compare(texts))] == want


def test_a_page_in_site_chrome_derives_from_the_bare_text_it_carries():
    # COPY adds a sentence (so it holds more of the wire than the wire of it), but it is
    # a site's page around the wire text: the page republishes, the bare text came first.
    for texts, want in (([WIRE, COPY], [None, 0]), ([COPY, WIRE], [1, None])):
        assert [e.source for e in lineage(compare(texts))] == want


# --- Many versions written from one source (short answers from a given text) --------
# The source is an excerpt of a fuller text (also compared) that words two sentences
# its own way and has a paragraph the source leaves out.
ORCHARD = """The Millbrook community orchard was planted in 1987 on a former railway siding at the edge of the town. Volunteers look after about two hundred apple, pear and plum trees and sell the fruit at a stall every Saturday in autumn. The orchard is run by a trust whose members elect a small committee each spring.

Water comes from a rainwater tank that collects the runoff from the roof of the old goods shed. In dry summers the tank runs low by late July, and volunteers carry water from the river in buckets to keep the youngest trees alive. The committee has asked the council for permission to lay a pipe from the river across the public footpath.

Pruning takes place in the winter months, when the trees are dormant and their branches are easy to see. New volunteers are trained by older members who have worked in the orchard for many years.
"""

ORCHARD_FULLER = """The Millbrook community orchard was planted in 1987 on the site of a disused siding near the edge of the town. Volunteers look after about two hundred apple, pear and plum trees and sell the fruit at a stall every Saturday in autumn. The orchard is run by a trust whose members elect a small committee each spring.

Water comes from a rainwater tank that collects the runoff from the roof of the old goods shed. In dry summers the tank runs low by late July, and volunteers carry water from the river in buckets to keep the youngest trees alive. The committee has asked the council for permission to lay a pipe from the river across the public footpath.

Pruning takes place in the colder part of the year, once the sap has fallen and the branches stand bare. New volunteers are trained by older members who have worked in the orchard for many years.

Cider pressing began in 2004 with a hand press borrowed from a farm in the next valley. The pressing weekend in October now draws visitors from across the county, and the juice is sold in glass bottles to raise money for new trees.
"""

ORCHARD_ANSWERS = [
    # Written from the source: each keeps some of its sentences as they stand.
    """Millbrook has a community orchard. It was planted in 1987 on a former railway siding at the edge of the town, and a trust looks after it today. Pruning takes place in the winter months, when the trees are dormant, so that the shape of each tree is clear.""",
    """A small trust manages the orchard in Millbrook, where the trees grow on a former railway siding at the edge of the town. Its members choose a committee every year. In summer the water tank empties quickly and helpers fetch river water by hand.""",
    """The Millbrook orchard relies on rain caught from a shed roof. Pruning takes place in the winter months, when the trees are dormant and their branches are easy to see. Experienced members show newcomers what to do, and the fruit is sold on Saturdays.""",
    """Around two hundred fruit trees stand in the Millbrook orchard. Work such as pruning is done when the trees are dormant and their branches are easy to see, in the cold season. The trust would like a pipe laid from the river to end the carrying of buckets.""",
    # Written from the fuller text: its cider paragraph, and the source's own wording.
    """The orchard at Millbrook was planted on a former railway siding at the edge of the town. Its trust presses cider too. The pressing weekend in October now draws visitors from across the county, and the juice is sold in glass bottles to raise money for new trees.""",
    """Millbrook's orchard sells apples, pears and plums. Pruning takes place in the winter months, when the trees are dormant. The pressing weekend in October now draws visitors from across the county, and the juice is sold in glass bottles to raise money for new trees.""",
    """The pressing weekend in October now draws visitors from across the county, and the juice is sold in glass bottles to raise money for new trees. The orchard was planted in 1987 on a former railway siding at the edge of the town.""",
    # Copied from the first answer, its own sentences and all.
    """Millbrook has a community orchard. It was planted in 1987 on a former railway siding at the edge of the town, and a trust looks after it today. The trees are pruned in winter so that the shape of each tree is clear.""",
]


def test_answers_written_from_one_source_name_it_not_each_other():
    # Four answers keep the source's wording where the fuller text words a sentence its
    # own way: the source came first, and the fuller text derives from it. Three answers
    # also share a sentence of the fuller text's extra paragraph; wording three versions
    # share (each with source wording the fuller text lacks) is a common source's, not
    # evidence that they copied the fuller text. The last answer copies the first
    # answer's own sentences and hangs under it.
    texts = [ORCHARD, ORCHARD_FULLER] + ORCHARD_ANSWERS
    got = [e.source for e in lineage(compare(texts))]
    assert got == [None, 0, 0, 0, 0, 0, 0, 0, 0, 2]
    # The same with the source given last.
    texts = [ORCHARD_FULLER] + ORCHARD_ANSWERS + [ORCHARD]
    got = [e.source for e in lineage(compare(texts))]
    assert got == [9, 9, 9, 9, 9, 9, 9, 9, 1, None]


def test_two_rewrites_of_a_copy_that_keep_its_addition_hang_under_the_copy():
    # COPY adds a sentence to WIRE; REWRITE and a trimmed copy of COPY both keep it. Three
    # versions share the addition, but neither rewrite holds wording of the wire that COPY
    # lacks: they were written from COPY, not from a common source.
    paras = COPY.split("\n\n")
    trimmed = "\n\n".join(paras[1:4] + paras[-3:])
    got = {e.version: e.source for e in lineage(compare([WIRE, COPY, REWRITE, trimmed]))}
    assert got == {0: None, 1: 0, 2: 1, 3: 1}


def test_answers_written_without_the_source_sharing_one_stock_phrase_stay_independent():
    # Two answers written without the source share one phrase (nine words) and nothing
    # else: one short run of shared words is a stock phrase, not copying.
    own_a = ("Nobody paid for the trees at Millbrook; people simply planted them one wet weekend and "
             "hoped for the best. These days a group of neighbours waters them in summer and shares out "
             "whatever grows among the families who helped.")
    own_b = ("Neighbours in Millbrook began the orchard themselves and still run it without any paid staff. "
             "Every August they hold a picnic under the branches, and the committee shares out whatever "
             "grows among the families who helped.")
    got = [e.source for e in lineage(compare([ORCHARD] + ORCHARD_ANSWERS[:4] + [own_a, own_b]))]
    assert got == [None, 0, 0, 0, 0, None, None]


def test_a_one_paragraph_copy_is_more_than_a_stock_phrase():
    # All the wording two one-paragraph texts share is one run, but a long one: a copy.
    one = ("The ferry to the island leaves the harbour at seven each morning and returns at six, "
           "weather permitting, with a second crossing on Saturdays in summer.")
    longer = one[:-1] + " and on bank holidays."
    assert [e.source for e in lineage(compare([one, longer]))] == [1, None]
    assert [e.source for e in lineage(compare([longer, one]))] == [None, 0]
