"""The window's views, one package each: what the shell places and the document feeds.

`columns` (the aligned versions, detail pane, find and filters), `provenance` (lineage,
reuse matrix, unique content), `heatmap`, `panels` (versions list, summary, error banner)
and `dialogs`. Views that are not visible at start are wrapped in `lazy.LazyPage` and
built the first time they are shown.
"""
