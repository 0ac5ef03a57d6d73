"""Stage 3, alignment: which blocks of each pair of versions correspond, and how.

`similarity.Corpus` weighs terms over all versions and scores block pairs;
`pairwise.PairAligner` links the blocks of two versions (identical, edited,
paraphrased, moved, merged, split); `multiway.build_rows` builds the N-way table
against the base; `reuse` measures verbatim reuse and pair similarity;
`inline_diff` computes the word or character diff of a link (with
`bounded_diff` keeping giant blocks within memory and `sized_cache` reusing
work); `sentence_match` matches sentences across versions for the analyses.
"""
