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
