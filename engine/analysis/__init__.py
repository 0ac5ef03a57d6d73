"""Stage 4, what the alignment means: cells, summaries, lineage, unique content, heat map.

`cells` is the one reading of an N-way table cell the window and every report
share; `summary` counts changes per version; `lineage` finds each version's most
likely source and the reuse matrix; `unique` lists what only one version has;
`heatmap` shows how widely each base sentence survives. `Comparison`'s lazy
properties compute these through `engine.on_demand`, which `compare` hands to each result.
"""
