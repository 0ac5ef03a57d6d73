"""Score pairwise alignment on generated rewrites whose true provenance is known.

The seeds give five hand-labelled files (bench/eval_alignment.py); this builds many
more pairs. Each trial writes a story (Zipf-distributed words from the samples'
vocabulary, see bench/generate.py) and rewrites it: paragraphs kept, edited word by
word (8% of words), reworded (sentences shuffled, 30% of words replaced), fused with
the previous one, dropped, new ones inserted, and a few moved. The generator records
what each output paragraph holds, so every link the engine makes can be checked:

* link precision: of the (source paragraph, rewrite paragraph) pairs the links
  join, the share that are true (the rewrite paragraph holds that source);
* link recall, per operation: the share of true pairs that a link joins;
* added: new paragraphs left unlinked (a new paragraph is made of the story's
  common words, so a false link to it is the typical mistake);
* relations: how kept / edited / reworded paragraphs are labelled. "Edited" in
  Storydiff means few changed places (at most two, or a pure insertion); 8% of words
  replaced at random is five or six places in a 70-word paragraph, so most such
  paragraphs are reported "paraphrased": the table shows it rather than hides it;
* moves: moved paragraphs flagged `moved`, and flags on paragraphs that were not
  moved;
* unrelated stories: each trial also compares the source with a second story written
  from the same vocabulary (the same common words, no shared text): every link made
  there is false.

Run: python bench/eval_generated.py [--trials 60] [--paragraphs 40] [--seed 1]
Nothing is asserted; it prints.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from engine import compare  # noqa: E402
from generate import Writer, vocabulary  # noqa: E402


def trial(writer: Writer, paragraphs: int, tally: dict) -> None:
    source = writer.article(paragraphs)
    truth: list[tuple[str, list[int]]] = []
    rewrite = writer.rewrite(source, truth)
    c = compare(["\n\n".join(source), "\n\n".join(rewrite)])
    va, vb = c.versions
    if len(va.blocks) != len(source) or len(vb.blocks) != len(rewrite):
        tally["skipped"] += 1  # a paragraph read as a heading or split: not comparable
        return
    true_pairs = {(i, j) for j, (_, src) in enumerate(truth) for i in src}
    pair = c.pairs[0]
    linked = {(i, j) for link in pair.links for i in link.a for j in link.b}
    other = compare(["\n\n".join(source), "\n\n".join(writer.article(paragraphs))])
    tally["unrelated_links"] += len(other.pairs[0].links)
    tally["unrelated_blocks"] += paragraphs
    tally["linked"] += len(linked)
    tally["linked_true"] += len(linked & true_pairs)
    link_of_b = {j: link for link in pair.links for j in link.b}
    for j, (op, src) in enumerate(truth):
        base_op = op.removeprefix("moved-")
        if base_op == "new":
            tally["new"] += 1
            tally["new_unlinked"] += j not in link_of_b
            continue
        for i in src:
            tally[f"pairs:{base_op}"] += 1
            tally[f"found:{base_op}"] += (i, j) in linked
        link = link_of_b.get(j)
        if base_op in ("kept", "edited", "reworded"):
            tally["relations"][(base_op, link.relation if link else "unlinked")] += 1
        if link is not None and op.startswith("moved-"):
            tally["moved"] += 1
            tally["moved_flagged"] += link.moved
        elif link is not None:
            tally["still"] += 1
            tally["still_flagged"] += link.moved


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--trials", type=int, default=60)
    ap.add_argument("--paragraphs", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    vocab = vocabulary()
    tally: dict = defaultdict(int)
    tally["relations"] = Counter()
    started = time.perf_counter()
    for t in range(args.trials):
        trial(Writer(vocab, args.seed * 10_000 + t), args.paragraphs, tally)
    elapsed = time.perf_counter() - started

    def share(a: int, b: int) -> str:
        return f"{a / b:.2f} ({a}/{b})" if b else "n/a"

    print(f"{args.trials} trials of {args.paragraphs} paragraphs ({tally['skipped']} skipped) in {elapsed:.1f} s")
    print(f"link precision        {share(tally['linked_true'], tally['linked'])}")
    for op in ("kept", "edited", "reworded", "fused"):
        print(f"recall, {op:<13} {share(tally[f'found:{op}'], tally[f'pairs:{op}'])}")
    print(f"new paragraphs left unlinked {share(tally['new_unlinked'], tally['new'])}")
    print(f"moved paragraphs flagged     {share(tally['moved_flagged'], tally['moved'])}")
    print(f"links between unrelated stories: {tally['unrelated_links']} "
          f"(over {tally['unrelated_blocks']} paragraphs)")
    print(f"unmoved paragraphs flagged   {share(tally['still_flagged'], tally['still'])}")
    print("relations (truth -> reported):")
    for op in ("kept", "edited", "reworded"):
        row = {rel: n for (o, rel), n in tally["relations"].items() if o == op}
        total = sum(row.values())
        print(f"  {op:<9} " + ", ".join(f"{rel} {n / total:.0%}" for rel, n in sorted(row.items(), key=lambda x: -x[1])))


if __name__ == "__main__":
    main()
