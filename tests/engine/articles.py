"""Invented article versions used as test fixtures (no test reads ../shared)."""

WIRE = [
    "Lakeside ferry service to resume after engine fire, operator says",
    "The passenger ferry between Ostby and Marn will resume sailings on Friday, three weeks after a fire in its engine room forced 212 passengers ashore, the operator Nordlake Lines said on Monday.",
    "The fire broke out shortly after the ferry left Ostby on May 3. The crew put it out within twenty minutes and nobody was hurt, according to the coastguard.",
    "Investigators found that a fuel line had cracked near the port engine, spraying diesel onto a hot exhaust pipe. The line had been replaced during a refit in January.",
    "\u201cWe owe our passengers an apology and a full explanation,\u201d chief executive Anneli Brook told a news conference in Marn.",
    "Nordlake said it had replaced every fuel line on its four vessels and added a second fire suppression system to each engine room at a cost of 1.8 million euros.",
    "Commuters on the route, which carries about 3,000 people a day in summer, have relied on a replacement bus service that takes nearly twice as long.",
    "The maritime authority will publish its final report on the fire in the autumn.",
]

UNRELATED = [
    "City orchestra names new conductor for next season",
    "The city symphony orchestra has appointed the Lisbon-born violinist Teresa Amaral as its principal conductor, starting in September, the orchestra's board announced.",
    "Amaral, 41, has led chamber ensembles across southern Europe and recorded three albums of baroque concertos with period instruments.",
    "Ticket sales at the concert hall rose by a fifth last year, helped by a series of free open-air performances in the harbour park.",
    "The board said it hoped the appointment would draw younger audiences to the hall's weekday matinees.",
]


def text(paragraphs):
    return "\n\n".join(paragraphs) + "\n"

# A short story for the alignment's repairs and the badges: split, joined and renamed paragraphs.
QUAY = [
    "Harbour board closes north quay",
    "The harbour board voted on Friday to close the north quay to fishing boats from the first of March, "
    "after engineers found the old stone wall had cracked along forty metres of its length.",
    "Board chairman Ruth Ashdown said the decision had been a hard one for a town that had landed fish "
    "at the quay for three centuries.",
    "Repairs are expected to cost about 2.4 million pounds and to take at least two years, according to "
    "a report the engineers presented to the board last month.",
    "A public meeting about the closure will be held at the town hall on Tuesday evening, and residents "
    "are invited to put questions to the board.",
]
# QUAY[1] split in two.
QUAY_SPLIT = ("The harbour board voted on Friday to close the north quay to fishing boats from the first of March.",
              "Engineers had found the old stone wall had cracked along forty metres of its length.")
