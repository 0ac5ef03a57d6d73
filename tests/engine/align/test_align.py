"""Pairwise alignment: relations, moves, merges, boilerplate, and no false links."""

from engine import compare
from engine.align.inline_diff import rebuild
from tests.engine.articles import UNRELATED, WIRE, text


def links_by_b(pair):
    return {link.b: link for link in pair.links}


def test_identical_inputs_give_only_identical_links():
    c = compare([text(WIRE), text(WIRE)])
    p = c.pairs[0]
    assert len(p.links) == len(WIRE)
    assert {l.relation for l in p.links} == {"identical"}
    assert not p.added and not p.dropped
    assert p.similarity == 1.0 and p.reuse_a_from_b == 1.0


def test_whitespace_nbsp_quotes_and_dashes_are_identical():
    variant = list(WIRE)
    variant[1] = variant[1].replace(" three weeks", "\u00a0three weeks").replace("  ", " ")
    variant[4] = variant[4].replace("\u201c", '"').replace("\u201d", '"')
    c = compare([text(WIRE), text(variant)])
    assert all(l.relation == "identical" for l in c.pairs[0].links)


def test_appended_sentence_is_edited_with_the_insertion():
    variant = list(WIRE)
    variant[6] += " A second ferry will join the route in July."
    p = compare([text(WIRE), text(variant)]).pairs[0]
    link = links_by_b(p)[(6,)]
    assert link.relation == "edited"
    assert (1, " A second ferry will join the route in July.") in link.diff


def test_boilerplate_and_headings_are_added():
    variant = ["Leave a Reply", WIRE[0], WIRE[1], "Engine Room Blaze", *WIRE[2:],
               "\u00a9 2026 Lake Gazette. All rights reserved."]
    c = compare([text(WIRE), text(variant)])
    v = c.versions[1]
    p = c.pairs[0]
    assert [v.blocks[j].kind for j in p.added] == ["boilerplate", "heading", "boilerplate"]
    assert all(l.relation == "identical" for l in p.links)


def test_moved_paragraph_is_flagged():
    variant = [WIRE[0], WIRE[1], WIRE[4], WIRE[2], WIRE[3], *WIRE[5:]]
    p = compare([text(WIRE), text(variant)]).pairs[0]
    moved = [l for l in p.links if l.moved]
    assert len(moved) == 1 and moved[0].a == (4,) and moved[0].b == (2,)
    assert all(l.relation == "identical" for l in p.links)


def test_fused_paragraphs_link_to_both_sources():
    fused = ("Investigators found that a fuel line had cracked near the port engine and sprayed diesel "
             "onto a hot exhaust pipe, although it had been replaced in a January refit. Nordlake has now "
             "replaced every fuel line on its four vessels and fitted a second fire suppression system in "
             "each engine room, at a cost of 1.8 million euros.")
    variant = [WIRE[0], WIRE[1], WIRE[2], fused, WIRE[4], WIRE[6], WIRE[7]]
    p = compare([text(WIRE), text(variant)]).pairs[0]
    link = links_by_b(p)[(3,)]
    assert link.a == (3, 5)
    assert link.relation in ("edited", "paraphrased")
    assert 3 not in p.dropped and 5 not in p.dropped


def test_paraphrase_is_linked_as_paraphrased():
    reworded = ("Sailings between Ostby and Marn restart on Friday, Nordlake Lines announced on Monday, "
                "three weeks after an engine-room fire forced the ferry's 212 passengers to go ashore.")
    variant = [WIRE[0], reworded, *WIRE[2:]]
    p = compare([text(WIRE), text(variant)]).pairs[0]
    link = links_by_b(p)[(1,)]
    assert link.a == (1,) and link.relation == "paraphrased"


def test_unrelated_articles_get_no_links():
    p = compare([text(WIRE), text(UNRELATED)]).pairs[0]
    assert p.links == ()
    assert p.similarity < 0.05


def test_same_topic_different_facts_are_not_linked():
    other = [
        "Nordlake ferry fire: passengers describe smoke and calm crew",
        "Passengers on the Nordlake ferry said smoke filled the lower deck within minutes and crew members "
        "handed out life jackets while the vessel turned back towards Ostby.",
        "One passenger, a teacher from Marn, said children on a school trip sang songs to keep calm.",
        "Nordlake's share price fell by four percent on the day of the fire.",
    ]
    p = compare([text(WIRE), text(other)]).pairs[0]
    linked_b = {j for l in p.links for j in l.b}
    assert not linked_b & {1, 2, 3}


def test_every_link_diff_rebuilds_the_linked_texts():
    variant = [WIRE[0], WIRE[1].replace("Friday", "Saturday"), WIRE[3], WIRE[2], *WIRE[4:]]
    c = compare([text(WIRE), text(variant)])
    p = c.pairs[0]
    va, vb = c.versions
    for link in p.links:
        assert rebuild(link.diff, -1) == "\n".join(va.blocks[i].display for i in link.a)
        assert rebuild(link.diff, 1) == "\n".join(vb.blocks[j].display for j in link.b)


def test_sensitivity_changes_what_is_linked():
    reworded = ("Nordlake Lines will put its Ostby-Marn boat back in service at the end of the week, "
                "after a blaze below deck three weeks ago.")
    variant = [WIRE[0], reworded, *WIRE[2:]]
    strict = compare([text(WIRE), text(variant)], sensitivity=0.0).pairs[0]
    loose = compare([text(WIRE), text(variant)], sensitivity=1.0).pairs[0]
    assert strict.link_of_b(1) is None
    assert loose.link_of_b(1) is not None and loose.link_of_b(1).relation == "paraphrased"


def test_independent_report_links_only_the_paragraph_stating_the_same_fact():
    independent = [
        "Nordlake ferry back in service after May blaze",
        "Passengers on the Nordlake ferry said smoke filled the lower deck within minutes and crew members "
        "handed out life jackets while the vessel turned back.",
        "Harbour officials in Marn confirmed that the crew extinguished the engine-room fire in twenty minutes "
        "after the ferry left Ostby on May 3, and that no one was injured.",
        "Nordlake's share price fell by four percent on the day of the fire.",
    ]
    p = compare([text(WIRE), text(independent)]).pairs[0]
    link = p.link_of_b(2)
    assert link is not None and link.a == (2,) and link.relation == "paraphrased"
    assert p.link_of_b(1) is None and p.link_of_b(3) is None


def test_same_frame_with_other_numbers_is_an_edit_not_a_paraphrase():
    a = "The company said its profit rose 12 percent in the third quarter, helped by strong sales in Asia."
    b = "The company said its revenue fell 3 percent in the third quarter, hurt by weak sales in Asia."
    link = compare([a, b]).pairs[0].links[0]
    assert link.relation == "edited"
    # the differing facts are marked in the diff
    assert (-1, "profit rose 12") in link.diff and (1, "revenue fell 3") in link.diff


def test_facts_differ_counts_short_changes_only():
    from engine.align.pairwise import facts_differ
    from engine.text.textnorm import word_keys

    k = lambda s: tuple(word_keys(s))  # noqa: E731
    assert facts_differ(k("the bridge would reopen in March"), k("the bridge would not reopen in March"))
    assert facts_differ(k("police arrested 14 people"), k("police arrested 41 people"))
    assert not facts_differ(k("the bridge would reopen in March"), k("the bridge will reopen in March"))
    # a whole added sentence with a "not" in it says something new; it negates nothing
    assert not facts_differ(k("the gifts were exchanged."),
                            k("the gifts were exchanged. what kim gave putin was not made public at all."))


def test_kinship_separates_a_rewrite_from_an_independent_report():
    from engine.align.similarity import Corpus
    from engine.compare import load_versions
    from engine.model import Options

    rewrite = [WIRE[0].upper(), *(p.replace("said", "told reporters") for p in WIRE[1:])]
    c = Corpus(load_versions([text(WIRE), text(rewrite), text(UNRELATED)]), Options())
    assert c.kinship(0, 1) > 0.3
    assert c.kinship(0, 2) == 0.0


def test_a_number_moved_within_the_sentence_is_no_change_of_fact():
    from engine.align.pairwise import facts_differ
    from engine.text.textnorm import word_keys

    k = lambda s: tuple(word_keys(s))  # noqa: E731
    assert not facts_differ(k("the ferry left Ostby on May 3 with 212 passengers"),
                            k("the ferry left Ostby on 3 May with 212 passengers"))


def test_same_frame_with_another_name_is_an_edit_not_a_paraphrase():
    a = ("Ferry talks resume\n\nHarbour master Ingrid Lund said on Monday that the talks with the ferry operators "
         "would resume next week in Ostby, and that the new timetable would follow in spring.\n")
    # reworded in four places: a paraphrase while the same person speaks ...
    b = ("Ferry talks resume\n\nHarbour master Ingrid Lund said on Monday that talks with the ferry companies "
         "would resume next week in Ostby, and that a new timetable would follow in the spring.\n")
    assert compare([a, b]).pairs[0].links[1].relation == "paraphrased"
    # ... but another person saying it is another fact: an edit, the names marked in the diff
    c = compare([a, b.replace("Ingrid Lund", "Tomas Berg")])
    link = c.pairs[0].links[1]
    assert link.relation == "edited"
    deleted = " ".join(t for op, t in link.diff if op == -1)
    inserted = " ".join(t for op, t in link.diff if op == 1)
    assert "Lund" in deleted and "Berg" in inserted
    # a title changed is not another person
    d = compare([a, b.replace("Harbour master Ingrid", "Harbourmaster Dr Ingrid")])
    assert d.pairs[0].links[1].relation == "paraphrased"
