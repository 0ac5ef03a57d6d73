"""Stage 2, text to blocks: normalisation, block splitting, kinds, wire layout, sentences.

`blocks.build_version` splits a decoded text into `Block`s and has each
classified (`classify`: title, heading, caption, boilerplate, byline...), with
agency copy recognised by `wire`; `textnorm` is the normalisation every later
stage compares with (folding, word keys, stems); `sentences` splits blocks into
sentences for sentence mode and the sentence-level analyses.
"""
