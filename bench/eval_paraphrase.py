"""Sentence pairs labelled paraphrase / not: what Storydiff links, and how it names the link.

    python bench/eval_paraphrase.py PAIRS.tsv

PAIRS.tsv is laid out like the public Microsoft Research Paraphrase Corpus files
(a header line, then `quality <TAB> id1 <TAB> id2 <TAB> sentence1 <TAB> sentence2`,
quality 1 for a paraphrase). Not part of this repository: point it at a copy. Each
pair is compared as two one-paragraph versions; prints how many of each label are
linked, and how the links are named (identical / edited / paraphrased).
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine import compare  # noqa: E402


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__.split("\n\n")[1].strip())
    tally: collections.Counter[tuple[str, str]] = collections.Counter()
    with open(sys.argv[1], encoding="utf-8-sig") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 5 or cols[0] not in ("0", "1"):
                continue
            label = "paraphrase" if cols[0] == "1" else "not"
            links = compare([cols[3], cols[4]]).pairs[0].links
            tally[(label, links[0].relation if links else "unlinked")] += 1
    for label in ("paraphrase", "not"):
        row = {k[1]: v for k, v in tally.items() if k[0] == label}
        total = sum(row.values())
        print(f"{label:>10} ({total}): " + ", ".join(f"{r} {row.get(r, 0)}"
                                                 for r in ("identical", "edited", "paraphrased", "unlinked")))
    linked_p = sum(v for (lab, r), v in tally.items() if lab == "paraphrase" and r != "unlinked")
    linked_n = sum(v for (lab, r), v in tally.items() if lab == "not" and r != "unlinked")
    para_p, para_n = tally[("paraphrase", "paraphrased")], tally[("not", "paraphrased")]
    print(f"linked: precision {linked_p / max(1, linked_p + linked_n):.3f}, recall "
          f"{linked_p / max(1, sum(v for (lab, _), v in tally.items() if lab == 'paraphrase')):.3f}; "
          f"named paraphrased: precision {para_p / max(1, para_p + para_n):.3f}")


if __name__ == "__main__":
    main()
