"""Archive families on real wire/newspaper data: pair precision/recall, papers' families, ARI.

    python bench/eval_archive.py [--texts ../shared/eval/meter-dev/texts] [--sweep]

The whole folder is indexed as one archive. A story is a folder
`<PA|newspapers>/<domain>/<dd.mm.yy>/<catchline>`; its PA files are the wire copy,
its newspapers files the rewrites. Reported, without dates and with the folder
dates given as a `--dates` manifest:

- link precision/recall over wire/newspaper pairs (a pair is found when the two are
  linked directly; gold: same story), and the same for "in the same family";
- the share of newspaper files whose family holds their own story's wire copy, and
  the share whose family holds another story's wire copy;
- the adjusted Rand index of the families against the stories (all files);
- lineage direction: the share of papers (in a family with their wire) whose lineage
  source is a wire file, and the share of wire files whose source is not a paper.

Nothing from the corpus is written into the repository: the archive and manifest
go to a temporary folder.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import os
import sys
import tempfile
import time
from collections import Counter
from math import comb
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.archive import Archive, LinkParams  # noqa: E402
from engine.archive import families as fam_mod  # noqa: E402
from engine.archive.dates import read_manifest  # noqa: E402


def adjusted_rand_index(labels_true: list, labels_pred: list) -> float:
    """Hubert and Arabie's adjusted Rand index of two labellings of the same items."""
    n = len(labels_true)
    if n < 2:
        return 1.0
    pairs = Counter(zip(labels_true, labels_pred))
    sum_ij = sum(comb(c, 2) for c in pairs.values())
    sum_a = sum(comb(c, 2) for c in Counter(labels_true).values())
    sum_b = sum(comb(c, 2) for c in Counter(labels_pred).values())
    expected = sum_a * sum_b / comb(n, 2)
    top = (sum_a + sum_b) / 2
    if top == expected:
        return 1.0
    return (sum_ij - expected) / (top - expected)


def story_of(path: str, texts: Path) -> tuple[str, tuple[str, str, str]]:
    """('PA' or 'newspapers', (domain, date, catchline)) from a file's place under texts/."""
    parts = Path(path).resolve().relative_to(texts.resolve()).parts
    return parts[0], (parts[1], parts[2], parts[3])


def folder_date(s: str) -> dt.date:
    d, m, y = (int(x) for x in s.split("."))
    return dt.date(2000 + y if y < 70 else 1900 + y, m, d)


def score(texts: Path, docs: dict, links: list, families: list[dict]) -> dict[str, float]:
    kind = {}
    story = {}
    for i, (path, *_rest) in docs.items():
        kind[i], story[i] = story_of(path, texts)
    wires = [i for i in docs if kind[i] == "PA"]
    papers = [i for i in docs if kind[i] == "newspapers"]
    gold = {(w, p) for w in wires for p in papers if story[w] == story[p]}
    linked = set()
    for l in links:
        a, b = l.a, l.b
        if kind[a] != kind[b]:
            linked.add((a, b) if kind[a] == "PA" else (b, a))
    family = {}
    path_id = {docs[i][0]: i for i in docs}
    for f in families:
        for m in f["members"]:
            family[path_id[m["path"]]] = f["id"]
    same_family = {(w, p) for w in wires for p in papers if family[w] == family[p]}
    wires_in = {}
    for w in wires:
        wires_in.setdefault(family[w], set()).add(story[w])
    own = sum(1 for p in papers if story[p] in wires_in.get(family[p], ()))
    other = sum(1 for p in papers if wires_in.get(family[p], set()) - {story[p]})
    ids = sorted(docs)
    # Direction: of the papers whose family holds their own wire, the share whose lineage
    # source is a wire file (the paper was written from the wire, never the reverse).
    source = {path_id[e["path"]]: path_id.get(e["source"]) for f in families for e in f["lineage"]}
    with_wire = [p for p in papers if story[p] in wires_in.get(family[p], ())]
    from_wire = sum(1 for p in with_wire if source[p] is not None and kind[source[p]] == "PA")
    wire_roots = sum(1 for w in wires if source[w] is None or kind[source[w]] == "PA")

    def pr(found: set) -> tuple[float, float]:
        tp = len(found & gold)
        return tp / len(found) if found else 1.0, tp / len(gold) if gold else 1.0

    lp, lr = pr(linked)
    fp, fr = pr(same_family)
    return {"docs": len(docs), "gold_pairs": len(gold), "links": len(links),
            "link_precision": lp, "link_recall": lr, "family_precision": fp, "family_recall": fr,
            "papers_own_wire": own / len(papers), "papers_other_wire": other / len(papers),
            "paper_source_is_wire": from_wire / len(with_wire) if with_wire else 0.0,
            "wire_source_not_paper": wire_roots / len(wires),
            "ari": adjusted_rand_index([story[i] for i in ids], [family[i] for i in ids]),
            "families": len(families)}


def run(texts: Path, tmp: Path, params: LinkParams, manifest: dict | None, name: str) -> dict[str, float]:
    db = tmp / f"{name}.duckdb"
    if db.exists():
        db.unlink()
    t0 = time.process_time()
    with Archive.open(db) as a:
        a.index([str(texts)], manifest=manifest)
        links = a.links(params)
        docs = a.documents()
    families = fam_mod.build(docs, links, params.window_days)
    out = score(texts, docs, links, families)
    out["cpu_s"] = time.process_time() - t0
    return out


def write_manifest(texts: Path, path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "date"])
        for root, _dirs, files in os.walk(texts):
            for f in files:
                p = Path(root) / f
                w.writerow([str(p.resolve()), folder_date(story_of(str(p), texts)[1][1]).isoformat()])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=Path, default=ROOT.parent / "shared" / "eval" / "meter-dev" / "texts")
    ap.add_argument("--sweep", action="store_true", help="also try other thresholds")
    args = ap.parse_args()
    if not args.texts.is_dir():
        sys.exit(f"{args.texts}: not found (pass --texts)")
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        write_manifest(args.texts, tmp / "dates.csv")
        manifest = read_manifest(tmp / "dates.csv")
        grid = [LinkParams()]
        if args.sweep:
            grid += [LinkParams(max_df=k, min_shared=n, min_containment=c, min_evidence=e, window_days=w)
                     for k, n, c, e, w in itertools.product((20, 40), (4, 5, 8), (0.02, 0.03, 0.05),
                                                            (0.0, 0.2, 0.3, 0.4), (1, 2))]
        cols = ["link_precision", "link_recall", "family_precision", "family_recall",
                "papers_own_wire", "papers_other_wire", "ari", "paper_source_is_wire", "wire_source_not_paper"]
        print(f"{'params':<42}{'dates':<9}" + "".join(f"{c[:14]:>15}" for c in cols) + f"{'cpu s':>8}")
        for params in grid:
            for label, man in (("none", None), ("manifest", manifest)):
                r = run(args.texts, tmp, params, man, label)
                tag = (f"df<={params.max_df} n>={params.min_shared} c>={params.min_containment} "
                       f"e>={params.min_evidence} w={params.window_days}")
                print(f"{tag:<42}{label:<9}" + "".join(f"{r[c]:>15.3f}" for c in cols) + f"{r['cpu_s']:>8.2f}",
                      flush=True)
        print(f"({r['docs']} documents, {r['gold_pairs']} same-story wire/newspaper pairs)")


if __name__ == "__main__":
    main()
