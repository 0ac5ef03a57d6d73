"""Invented versions of one story for the provenance views: a wire, a site copy of it,
a rewrite of the copy (with one new sentence), and an independent report (with one
new paragraph holding hostile text)."""

WIRE = """Ferry service to the islands suspended after hull damage

The regional ferry operator suspended all crossings to the northern islands on Monday after divers found a crack in the hull of its only large vessel, the Morag Ellis.

Operations director Peter Lindqvist said the vessel would stay in dry dock for at least three weeks while welders replace two damaged plates below the waterline.

Islanders who depend on the ferry for food deliveries and hospital visits will be offered seats on a chartered fishing boat, which can carry twelve passengers and no vehicles.

The island council said shops on Hallay expected to run short of fresh milk and bread by the end of the week and asked the government to send supplies by helicopter.

The Morag Ellis was built in 1994 and carries up to 300 passengers and forty cars on the two-hour crossing.
"""

COPY = """Coast Courier | Latest news

Ferry service to the islands suspended after hull damage

The regional ferry operator suspended all crossings to the northern islands on Monday after divers found a crack in the hull of its only large vessel, the Morag Ellis.

Operations director Peter Lindqvist said the vessel would stay in dry dock for at least three weeks while welders replace two damaged plates below the waterline.

Islanders who depend on the ferry for food deliveries and hospital visits will be offered seats on a chartered fishing boat, which can carry twelve passengers and no vehicles.

The island council said shops on Hallay expected to run short of fresh milk and bread by the end of the week and asked the government to send supplies by helicopter.

The Morag Ellis was built in 1994 and carries up to 300 passengers and forty cars on the two-hour crossing.

Leave a Reply
"""

REWRITE = """Islands cut off as ferry goes into dry dock

Crossings to the northern islands were suspended on Monday when divers discovered a crack in the hull of the Morag Ellis, the regional operator's only large ferry.

Weeks in dry dock

Operations director Peter Lindqvist said the ferry would spend at least three weeks in dry dock while welders replace two damaged plates below the waterline. Engineers blamed a collision with a submerged container last winter for the damage.

Islanders who rely on the ferry for food deliveries and hospital visits will be offered seats on a chartered fishing boat, which can take twelve passengers and no vehicles.

The island council said shops on Hallay expected to run short of fresh milk and bread by the end of the week and asked the government to send supplies by helicopter.
"""

INDEPENDENT = """Hallay residents fear winter without a ferry

Residents of Hallay gathered in the community hall on Tuesday evening to demand a second vessel for the island route, a day after the only large ferry was withdrawn.

Fisherman Angus Rennie said <script>alert("owned")</script> his catch would rot on the quay because refrigerated lorries could no longer reach the mainland markets.

The headteacher of the island primary school said lessons would continue, though two teachers who live on the mainland would teach by video link until the crossings resume.
"""

VERSIONS = [WIRE, COPY, REWRITE, INDEPENDENT]
NAMES = ["wire.txt", "copy.txt", "rewrite.txt", "islanders.txt"]
