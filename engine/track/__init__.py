"""Tracking article URLs over time, stored in the archive's DuckDB file.

- `fingerprint`: what counts as a change of the article (not markup, white space, dates,
  counters or "updated 5 minutes ago"), and the one line that says what changed;
- `store`: the tracking tables (`track_urls`, `track_versions`, `track_events`) beside the
  archive's own, and the lock that keeps two polls apart;
- `poll`: one pass over every tracked URL (per-site delay, robots.txt, ETag/Last-Modified);
- `command`: `storydiff-cli track add|poll|history|compare|wayback`.

See docs/tracking.md.
"""
