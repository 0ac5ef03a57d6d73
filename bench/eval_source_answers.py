"""Lineage on texts written from one source: does each derived text name the source?

    python bench/eval_source_answers.py DIR

DIR holds a corpus laid out like the public corpus of short answers written from five
source texts (Clough & Stevenson 2011): `orig_task<t>.txt` per task, the answers, and
`file_information.csv` with columns File, Task, Category (cut / light / heavy are
derived, non is written independently). Not part of this repository: point DIR at a copy.
One comparison per task (the source and every answer); prints how many derived answers
name the source, how many name another answer, how many independent answers are given
a source, and how often the source itself is said to derive from an answer.
"""

from __future__ import annotations

import collections
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine import compare  # noqa: E402
from engine.analysis.lineage import lineage  # noqa: E402

DERIVED = ("cut", "light", "heavy")


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__.split("\n\n")[1].strip())
    root = Path(sys.argv[1])
    rows = [r for r in csv.DictReader(open(root / "file_information.csv", encoding="utf-8"))
            if r["Category"] in DERIVED + ("non",)]
    tally: collections.Counter[tuple[str, str]] = collections.Counter()
    tasks = sorted({r["Task"] for r in rows})
    for task in tasks:
        answers = [r for r in rows if r["Task"] == task]
        c = compare([str(root / f"orig_task{task}.txt")] + [str(root / r["File"]) for r in answers])
        source = {e.version: e.source for e in lineage(c)}
        tally[("source", "derived from an answer" if source[0] is not None else "root")] += 1
        for k, r in enumerate(answers, start=1):
            s = source[k]
            tally[(r["Category"], "the source" if s == 0 else "none" if s is None else "another answer")] += 1
    for key in sorted(tally):
        print(f"{key[0]:>7}: {key[1]:<24} {tally[key]}")
    named = sum(tally[(k, "the source")] for k in DERIVED)
    total = sum(v for (k, _), v in tally.items() if k in DERIVED)
    print(f"derived answers naming the source: {named} of {total}; "
          f"source texts said to derive from an answer: {tally[('source', 'derived from an answer')]} of {len(tasks)}")


if __name__ == "__main__":
    main()
