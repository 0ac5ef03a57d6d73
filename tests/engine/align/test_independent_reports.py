"""Links between versions that do not derive from each other, or only partly: photo
captions of other scenes, paragraphs that share a topic or an actor but state other facts,
and a denial joined to the paragraph whose claim it answers."""

from engine import compare
from tests.engine.articles import WIRE, text

# A rewrite of WIRE (it keeps much of the wire's narration, so the pair is kin and the
# link threshold eases) that adds photo captions of its own.
_REWRITE = [
    "Ostby ferry to sail again on Friday after engine fire",
    "Sailings between Ostby and Marn restart on Friday, three weeks after a fire in the engine room "
    "of the passenger ferry forced 212 people ashore, Nordlake Lines said.",
    "Passengers wave from the upper deck as the ferry leaves the harbour at Ostby on its first "
    "crossing of the season. (Kari Dahl/Nordpress)",
    "The blaze started shortly after the ferry left Ostby on May 3, and the crew put it out within "
    "twenty minutes. No one was hurt.",
    "A cracked fuel line near the port engine sprayed diesel onto a hot exhaust pipe, investigators "
    "found.",
    "\u201cWe owe our passengers an apology and a full explanation,\u201d chief executive Anneli Brook "
    "said in Marn.",
]


def _with_caption(caption: str) -> list[str]:
    """WIRE with a caption of its own after the second paragraph."""
    return [*WIRE[:3], caption, *WIRE[3:]]


def _kinds(c, v):
    return [b.kind for b in c.versions[v].blocks]


def test_captions_of_different_scenes_are_not_linked():
    # Both photos were taken at Ostby harbour on the ferry's first crossing, but one shows
    # the mayor at a ribbon, the other passengers on deck: the same people and place,
    # another scene.
    other = ("Mayor Lena Holt cuts a ribbon on the quay as the ferry is made ready for its first crossing "
             "since the fire. (Per Lund/Nordpress)")
    c = compare([text(_with_caption(other)), text(_REWRITE)])
    assert _kinds(c, 0)[3] == "caption" and _kinds(c, 1)[2] == "caption"
    assert c.pair(0, 1).link_of_b(2) is None
    assert c.pair(0, 1).link_of_b(1) is not None  # the rewrite is still linked to its wire


def test_captions_of_the_same_scene_stay_linked():
    same = ("Passengers wave from the upper deck as the ferry leaves Ostby harbour on its first crossing "
            "of the season. (Per Lund/Nordpress)")
    c = compare([text(_with_caption(same)), text(_REWRITE)])
    link = c.pair(0, 1).link_of_b(2)
    assert link is not None and link.a == (3,)


def test_a_caption_never_links_to_a_paragraph_telling_of_the_same_moment():
    # An independent report tells of the departure in a paragraph; the rewrite's caption
    # shows it. A caption states no fact of the story: no link.
    independent = [
        "Nordlake ferry back on the water",
        "Passengers waved from the upper deck as the ferry left the harbour at Ostby on its first crossing "
        "since the fire, local radio reported.",
        "Harbour officials in Marn said a new inspection regime would apply to all vessels on the lake.",
    ]
    c = compare([text(_REWRITE), text(independent)])
    assert c.pair(0, 1).link_of_a(2) is None


# Two reports of one dispute written independently (they share no wording beyond names
# and single words). Both name "the city transport board", and say other things of it.
_REPORT_A = [
    "Bus drivers in Marn vote to strike over rotas",
    "Bus drivers in Marn have voted to strike for three days next month after talks over new shift "
    "rotas broke down, their union said on Tuesday.",
    "Residents of the northern suburbs have raised concerns that the strike will cut them off from the "
    "hospital, which no tram line reaches.",
    "The city transport board said it would run a reduced timetable with managers at the wheel.",
]
_REPORT_B = [
    "Marn transport strike set for March",
    "The union said Marn's bus drivers had voted for a three-day strike in March after the talks on "
    "new working patterns broke down.",
    "The city transport board has denied that the new working patterns cut the drivers' rest breaks.",
    "A spokeswoman for the hospital said patients with appointments on strike days would be offered "
    "taxis.",
]


def test_a_pair_that_shares_only_an_actors_name_is_not_linked():
    p = compare([text(_REPORT_A), text(_REPORT_B)]).pair(0, 1)
    # "the city transport board said it would run a reduced timetable" /
    # "the city transport board has denied that the new working patterns cut breaks"
    assert p.link_of_b(2) is None
    assert p.link_of_a(3) is None
    # "concerns that the strike will cut them off from the hospital" / "taxis for patients"
    assert p.link_of_b(3) is None


def test_the_same_fact_reworded_is_still_linked():
    p = compare([text(_REPORT_A), text(_REPORT_B)]).pair(0, 1)
    link = p.link_of_b(1)
    assert link is not None and link.a == (1,) and link.relation == "paraphrased"


def test_a_shared_figure_is_a_fact_even_in_one_phrase():
    # the two share "first visit in 24 years" and a name, nothing else: one phrase, but
    # a figure in it is a fact both state
    a = ["Ostby mayor visits Marn", "The mayor of Ostby arrived in Marn on Monday for her first visit in 24 years. "
         "Councillors want her backing for a road across the northern marshes."]
    b = ["Harbour band greets guests", "Residents lined the quay as a brass band played for the Ostby delegation, on "
         "its first visit in 24 years. Shopkeepers hung flags along the seafront."]
    p = compare([text(a), text(b)]).pair(0, 1)
    link = p.link_of_b(1)
    assert link is not None and link.a == (1,)


# A wire story and a paper's rewrite of it: the paper adds a denial the wire lacks.
_HARBOUR = [
    "Ostby harbour land to be sold to developer",
    "Ostby council will sell four hectares of harbour land to the developer Kvist Bygg for 3.2 million euros, "
    "the council leader Mona Sand said on Tuesday.",
    "Residents have raised concerns over the sale of the land to a private developer and over the future of the "
    "public slipway used by the rowing club and fishermen.",
    "The council said the money would pay for repairs to the school in Marn Road.",
]
_HARBOUR_PAPER = [
    "Harbour land sale agreed",
    "Ostby council is to sell four hectares of harbour land to the developer Kvist Bygg for 3.2 million euros, "
    "council leader Mona Sand said.",
    "Residents have raised concerns over the sale to a private developer.",
    "Kvist Bygg has denied that the public slipway will close.",
    "The council said the money would pay for repairs to the school in Marn Road.",
]


def test_a_denial_does_not_join_the_paragraph_about_the_concerns_it_answers():
    p = compare([text(_HARBOUR), text(_HARBOUR_PAPER)]).pair(0, 1)
    assert p.link_of_b(2) is not None and p.link_of_b(2).b == (2,)
    assert p.link_of_b(3) is None  # the denial is the paper's own statement


def test_a_denial_joins_a_paragraph_that_reports_it():
    wire = list(_HARBOUR)
    wire[2] = ("Residents have raised concerns over the sale of the land to a private developer, which has denied "
               "that the public slipway used by the rowing club and fishermen will close.")
    link = compare([text(wire), text(_HARBOUR_PAPER)]).pair(0, 1).link_of_b(3)
    assert link is not None and link.a == (2,) and link.b == (2, 3)
