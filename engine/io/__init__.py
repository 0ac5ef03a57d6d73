"""Stage 1, files in and out: reading versions, decoding, the format table, guards, saving.

`loading` is the one loading path (paths, texts and Sources in, Sources out);
`formats` is the one table of file formats and picks a `read_*` reader by what a
file is (`sniff`) or its suffix; `decode` turns bytes into text; `block_text` is
the layout readers hand to the block splitter. `guards` holds the limits and
refuses a file too large to read (what to ask or coarsen is `engine.plan`). `session` saves and reopens a comparison; `safe_write`
writes atomically and never over a version; `bounded_zip` opens Word files
within a byte budget. Modules are imported by their full name: this package
imports nothing, so `import engine` stays light.
"""
