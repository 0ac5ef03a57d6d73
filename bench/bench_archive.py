"""Archive throughput on a generated archive: documents per CPU-second, peak memory, alignment cost.

    python bench/bench_archive.py [--docs 100000] [--dask-docs 10000] [--pairs 300] [--families 300] [--dir DIR]

1. Generates `--docs` files (engine.archive.synthetic: invented words, wire files and
   noisy rewrites, unrelated pieces) unless DIR already holds them.
2. local: index + link + families in a fresh process (DuckDB, embedded): CPU seconds of
   the whole process (all DuckDB threads included), wall time, peak resident memory,
   and the adjusted Rand index of the families against the generated stories.
3. On a `--dask-docs` archive, the local path and a Dask LocalCluster (2 workers x 1
   thread, in-process so its CPU is counted) side by side: the ratio, and whether the
   families are identical.
4. alignment, two ways, in a fresh process: `engine.compare` of `--pairs` linked pairs
   one at a time (each pair read and prepared on its own), and of `--families` families
   of two or more members the way `archive families --compare` runs them (one
   comparison per family, every pair of its members aligned; each document read and
   prepared once): CPU milliseconds per linked pair (and per aligned pair).

Then a projection for 10M articles from the measured rates (linear: the join's cost
per document is bounded by the document-frequency cap; alignment from the family
figure, which is what the archive command does).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _gold(path: str):
    name = os.path.basename(path)
    if name.startswith("wire-"):
        return int(name[5:].split(".")[0])
    if name.startswith("story-"):
        return int(name.split("-")[1])
    return path  # an unrelated piece is its own story


def phase_archive(folder: Path, db: Path, engine: str) -> dict:
    """Index, link and group `folder` into `db`; figures for this process only."""
    from engine.archive import Archive
    from engine.archive.compare_family import family_versions
    from engine.archive.families import build
    from engine.archive.runner import DaskRunner, LocalRunner
    from eval_archive import adjusted_rand_index

    if db.exists():
        db.unlink()
    cluster = client = None
    if engine == "dask":
        from distributed import Client, LocalCluster

        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None)
        client = Client(cluster)
        runner = DaskRunner(client)
    else:
        runner = LocalRunner()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    with Archive.open(db) as a:
        s = a.index([str(folder)], runner=runner)
        cpu_index = time.process_time() - cpu0
        links = a.links(runner=runner)
        docs = a.documents()
    fams = build(docs, links, window_days=1)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    if client:
        client.close()
        cluster.close()
    fam_of = {m["path"]: f["id"] for f in fams for m in f["members"]}
    multi = [f for f in fams if len(f["members"]) > 1]
    # a fixed sample of the families, compared as `archive families --compare` does
    fam_sample = random.Random(1).sample(multi, min(len(multi), 2000))
    paths = sorted(fam_of)
    sample = [[l.a, l.b] for l in random.Random(1).sample(links, min(len(links), 2000))]
    return {"engine": engine, "docs": s.total, "links": len(links), "families": len(fams),
            "cpu_s": cpu, "cpu_index_s": cpu_index, "wall_s": wall,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "db_mb": db.stat().st_size / 1e6,
            "ari": adjusted_rand_index([_gold(p) for p in paths], [fam_of[p] for p in paths]),
            "families_digest": hashlib.sha256(json.dumps(fams, sort_keys=True).encode()).hexdigest(),
            "paths": {i: docs[i][0] for pair in sample for i in pair}, "sample_links": sample,
            "family_links": sum(len(f["links"]) for f in multi),
            "sample_families": [[family_versions(f), len(f["links"])] for f in fam_sample]}


def phase_align(job: dict) -> dict:
    from engine import compare

    pairs, families = job["pairs"], job["families"]
    if pairs:  # the first comparison imports the readers (~10 ms): not a cost per pair
        compare(pairs[0], on_large="coarsen")
    cpu0 = time.process_time()
    for a, b in pairs:
        compare([a, b], on_large="coarsen")
    cpu1 = time.process_time()
    for paths, _links in families:  # as engine.archive.compare_family does, without the rendering
        compare(paths, base=0, on_large="coarsen")
    cpu2 = time.process_time()
    links = sum(n for _paths, n in families)
    aligned = sum(len(p) * (len(p) - 1) // 2 for p, _n in families)
    return {"pairs": len(pairs), "ms_per_pair": (cpu1 - cpu0) * 1000 / max(1, len(pairs)),
            "families": len(families), "family_links": links, "family_pairs": aligned,
            "ms_per_family_link": (cpu2 - cpu1) * 1000 / max(1, links),
            "ms_per_family_pair": (cpu2 - cpu1) * 1000 / max(1, aligned)}


def _child(args: list[str]) -> dict:
    """Run a phase in a fresh interpreter so its peak memory is its own."""
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True,
                         env=os.environ)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _generate(folder: Path, docs: int) -> float:
    from engine.archive.synthetic import write_archive

    marker = folder / "generated.json"
    if marker.exists() and json.loads(marker.read_text())["docs"] == docs:
        return 0.0
    t = time.perf_counter()
    write_archive(folder / "docs", docs=docs, seed=11)
    marker.write_text(json.dumps({"docs": docs}))
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--dask-docs", type=int, default=10_000)
    ap.add_argument("--pairs", type=int, default=300)
    ap.add_argument("--families", type=int, default=300)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/storydiff-archive-bench"))
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--engine", default="local", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phase == "archive":
        print(json.dumps(phase_archive(args.dir, args.db, args.engine)))
        return
    if args.phase == "align":
        print(json.dumps(phase_align(json.loads(Path(args.db).read_text()))))
        return

    big, small = args.dir / f"big-{args.docs}", args.dir / f"small-{args.dask_docs}"
    for folder, n in ((big, args.docs), (small, args.dask_docs)):
        folder.mkdir(parents=True, exist_ok=True)
        took = _generate(folder, n)
        if took:
            print(f"generated {n:,} documents in {took:.0f} s", flush=True)
    print(f"{'run':<22}{'docs':>9}{'links':>9}{'CPU s':>8}{'wall s':>8}{'docs/CPU-s':>11}"
          f"{'peak MB':>9}{'DB MB':>8}{'ARI':>7}", flush=True)
    results = {}
    for label, folder, engine in ((f"local {args.docs:,}", big, "local"),
                                  (f"local {args.dask_docs:,}", small, "local"),
                                  (f"dask {args.dask_docs:,}", small, "dask")):
        r = _child(["--phase", "archive", "--dir", str(folder / "docs"), "--db",
                    str(folder / f"{engine}.duckdb"), "--engine", engine])
        results[label] = r
        print(f"{label:<22}{r['docs']:>9,}{r['links']:>9,}{r['cpu_s']:>8.1f}{r['wall_s']:>8.1f}"
              f"{r['docs'] / r['cpu_s']:>11,.0f}{r['peak_mb']:>9,.0f}{r['db_mb']:>8,.0f}{r['ari']:>7.3f}", flush=True)
    lo, da = results[f"local {args.dask_docs:,}"], results[f"dask {args.dask_docs:,}"]
    same = lo["families_digest"] == da["families_digest"]
    print(f"dask/local CPU per document: {da['cpu_s'] / lo['cpu_s']:.2f}x; families identical: {same}")

    r = results[f"local {args.docs:,}"]
    pairs = [[r["paths"][str(a)], r["paths"][str(b)]] for a, b in r["sample_links"][:args.pairs]]
    families = r["sample_families"][:args.families]
    pairs_file = args.dir / "pairs.json"
    pairs_file.write_text(json.dumps({"pairs": pairs, "families": families}))
    al = _child(["--phase", "align", "--db", str(pairs_file)])
    print(f"alignment, pair by pair: {al['ms_per_pair']:.2f} ms CPU per linked pair ({al['pairs']} pairs, "
          "each compared on its own)")
    print(f"alignment, family by family (as `archive families --compare`): {al['ms_per_family_link']:.2f} ms CPU "
          f"per linked pair, {al['ms_per_family_pair']:.2f} per aligned pair ({al['families']} families, "
          f"{al['family_links']} links, {al['family_pairs']} pairs)")

    rate = r["docs"] / r["cpu_s"]
    links_per_doc = r["family_links"] / r["docs"]
    n = 10_000_000
    link_h = n / rate / 3600
    align_h = n * links_per_doc * al["ms_per_family_link"] / 1000 / 3600
    print(f"projection for {n:,} articles: linking {link_h:.1f} CPU-hours "
          f"({link_h / 2:.1f} h on 2 cores, local); {links_per_doc:.2f} links within families per document -> "
          f"alignment {align_h:.1f} CPU-hours ({align_h / 64:.2f} h on a 64-core Dask cluster)")


if __name__ == "__main__":
    main()
