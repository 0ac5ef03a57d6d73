"""Stage 5, facts: what each version states, and which of those facts changed between two.

A *fact* is something a reader can check: a direct quotation and who said it, a
figure and what it counts, a date or time, the name of a person, organisation or
place, a named person's job title. `extract` finds them in each block of a version
(once per version: `extract.version_facts`); `ledger` matches them across a pair of versions
(linked blocks first, then anywhere in the other version) and lists the ones that
changed (`Pair.facts`, storydiff/1 `pairs[].facts`). The same value written another
way is the same fact: 4 and four, £4.5m and £4,500,000, "Kim Jong Un" and
"Kim Jong-un", curly and straight quotes, `#` for `£` in ASCII wire copy, and
"today" in a wire and "yesterday" in the next day's paper.

Modules: `words` (tokens and number words), `quotes` (quotation marks, quotes
continued across paragraphs), `speakers` (who says each quote), `numbers`, `dates`,
`names` (names and job titles), `extract` (per version), `match_quotes`,
`match_facts` (figures, dates, names, titles, negations of linked blocks),
`ledger` (the pair's `Ledger`), `conflict` (do two linked texts state other facts:
the relation rules ask). No Qt, no model state: functions of the versions' texts.
"""
