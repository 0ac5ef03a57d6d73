"""Link precision and recall against hand-made labels of the seed versions.

The labels (`GOLD`) are block pairs a person links when reading consecutive seed
versions side by side: copies (000-001), a rewrite (001-002), and independent
reports of the same event (002-003, 003-004), where only paragraphs stating the
same fact are linked. Blocks are named by the start of their text, so the labels
do not depend on block numbering. Run:

    python bench/eval_alignment.py [--sensitivity 0.5] [--show]

Needs ../shared/seeds (not part of a user's clone); prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

# (version a, version b): [(start of a block in a, start of a block in b), ...]
GOLD: dict[tuple[str, str], list[tuple[str, str]]] = {
    ("000", "001"): [
        ("Putin: Russia, North Korea will support", "Putin says Russia and North Korea will help"),
        ("Vladimir Putin said Russia and North Korea have ramped", "Vladimir Putin said Russia and North Korea have ramped"),
        ("Thousands of North Koreans", "Thousands of"),
        ("The pair then signed", "The pair then signed"),
        ("He said the deal encompasses", "He said the deal encompasses"),
        ("Putin said joint drills", "Putin said joint drills"),
        ("But the deal between", "But the deal between"),
        ("Putin was met with exuberant", "Putin was met with exuberant"),
        ("The two leaders presented", "The two leaders presented"),
    ],
    ("001", "002"): [
        ("Vladimir Putin said", "Vladimir Putin said"),
        ("Thousands of", "Thousands of"),
        ("The pair then signed", "According to Russian state news agency TASS"),
        ("He said the deal encompasses", "According to Russian state news agency TASS"),
        ("Putin said joint drills", "Putin criticized joint drills"),
        ("But the deal between", "The agreement between the two autocrats"),
        ("Putin was met with exuberant", "At a welcome ceremony in Kim Il Sung Square"),
        ("The two leaders presented", "At a welcome ceremony in Kim Il Sung Square"),
        ("The relationship is important to Russia", "This relationship is crucial for Russia"),
    ],
    ("002", "003"): [
        ("Vladimir Putin said Russia and North Korea have elevated", "Russian President, Vladimir Putin, and North Korean president"),
        ("Thousands of North Koreans", "This marks Putin\u2019s first visit"),
        ("Putin landed in North Korea exactly 24 years", "This marks Putin\u2019s first visit"),
        ("This relationship is crucial for Russia", "In a diplomatic gesture, Putin and Kim exchanged gifts"),
        ("Kim expressed his \u201cfull support", "Kim reiterated North Korea\u2019s steadfast support"),
        ("The growing relationship has raised concerns", "The summit highlighted concerns over an arms agreement"),
    ],
    ("003", "004"): [
        ("Russian President, Vladimir Putin, and North Korean president", "A strategic partnership pact signed"),
        ("This marks Putin\u2019s first visit", "Kim Jong-un expressed \u201cunconditional support\u201d"),
        ("Kim reiterated North Korea\u2019s steadfast support", "North Korea \u201cexpresses full support"),
        ("Upon his nocturnal arrival", "After Putin\u2019s arrival in Pyongyang was delayed"),
        ("Upon his nocturnal arrival", "Cheering crowds and lavish ceremonies"),
        ("Following the summit, Kim is set to host", "Putin is subject to an arrest warrant"),
    ],
}


def _find(version, prefix: str) -> int:
    hits = [b.index for b in version.blocks if b.display.startswith(prefix)]
    if not hits:
        raise SystemExit(f"label {prefix!r} matches no block of {version.name}")
    return hits[0]  # a repeated headline: the first copy


def evaluate(sensitivity: float, show: bool) -> tuple[int, int, int]:
    from engine import compare

    files = sorted(SEEDS.glob("*.txt"))
    by_id = {f.name[:3]: k for k, f in enumerate(files)}
    c = compare(files, sensitivity=sensitivity)
    tp = fp = fn = 0
    for (x, y), labels in GOLD.items():
        a, b = by_id[x], by_id[y]
        va, vb = c.versions[a], c.versions[b]
        gold = {(_find(va, p), _find(vb, q)) for p, q in labels}
        pair = c.pair(a, b)
        got = {(i, j) for link in pair.links for i in link.a for j in link.b
               if va.blocks[i].kind != "boilerplate"}
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
        if show:
            for i, j in sorted(got - gold):
                print(f"  false link {x}-{y}: {va.blocks[i].display[:60]!r} ~ {vb.blocks[j].display[:60]!r}")
            for i, j in sorted(gold - got):
                print(f"  missed     {x}-{y}: {va.blocks[i].display[:60]!r} ~ {vb.blocks[j].display[:60]!r}")
    return tp, fp, fn


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sensitivity", type=float, nargs="*", default=[0.0, 0.25, 0.5, 0.75, 1.0])
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    if not SEEDS.is_dir():
        sys.exit("needs ../shared/seeds")
    for s in args.sensitivity:
        tp, fp, fn = evaluate(s, args.show)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        print(f"sensitivity {s:.2f}: precision {p:.2f} recall {r:.2f} ({tp} right, {fp} false, {fn} missed)")


if __name__ == "__main__":
    main()
