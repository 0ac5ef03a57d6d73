"""Engine benchmark: times, same-run ratios against a difflib baseline, peak memory.

    python bench/bench_engine.py            # seeds (if ../shared is there), samples, generated inputs
    python bench/bench_engine.py --quick    # skip the 20-version case

The "+ diffs and facts" lines add every pair's fact ledger (engine.facts), as the JSON
report computes it; the other lines never ask for facts. The "+ the JSON report" lines
write the whole storydiff/1 document in memory, as `storydiff-cli compare --format json`
does: every diff and fact ledger, lineage, each version's unique content, and the text.

Each case runs in a fresh Python process, so the figures include start-up and
imports ("whole process"), and peak memory is that process's max RSS. Storydiff's own
modules run from their cached bytecode, as in any installed copy (pip compiles it at
install time, and the standalone bundle ships it): a machine that sets
PYTHONDONTWRITEBYTECODE would otherwise recompile the engine's sources in every
process (about 35 ms), which the baselines, run from the standard library or an
installed package, never do. Where a comparison has many
pairs, `compare` aligns them on every core (engine.align.pair_workers): the CPU and
peak memory figures include those workers, and the 20-version case also runs on one
core (STORYDIFF_WORKERS=1). The baseline
is what a code-diff tool does with the same inputs, in the same kind of process:
difflib's SequenceMatcher over the paragraphs of every pair, then word-level
SequenceMatcher inside each replaced region. Nothing here asserts a time: it prints.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

_STORYDIFF = """
import json, sys, time, resource
t0 = time.perf_counter()
from engine import compare
files = sys.argv[2:]
t_import = time.perf_counter()
c = compare(files)
t1 = time.perf_counter()
if sys.argv[1] == "all":
    c.materialize("all")          # every inline diff of every pair, as the JSON report needs
elif sys.argv[1] == "base":
    c.materialize("base")         # what the window shows
elif sys.argv[1] == "facts":
    c.materialize("all", facts=True)  # every diff and every pair's fact ledger, as the JSON report needs
elif sys.argv[1] == "json":
    from engine.reports.json_report import to_json
    to_json(c)  # the whole storydiff/1 document, as `storydiff-cli compare --format json` writes it
t2 = time.perf_counter()
kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # workers that aligned pairs, if any (engine.align.pair_workers)
print(json.dumps({"import": t_import - t0, "align": t1 - t_import, "diffs": t2 - t1,
                  "cpu": time.process_time() + kids.ru_utime + kids.ru_stime,
                  "rss_mb": max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, kids.ru_maxrss) / 1024,
                  "links": sum(len(p.links) for p in c.pairs)}))
"""

_DIFFLIB = """
import difflib, json, sys, time, resource
t0 = time.perf_counter()
texts = [open(f, encoding="utf-8").read() for f in sys.argv[1:]]
paras = [[p.strip() for p in t.splitlines() if p.strip()] for t in texts]
linked = 0
for a in range(len(paras)):
    for b in range(a + 1, len(paras)):
        sm = difflib.SequenceMatcher(None, paras[a], paras[b], autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "equal":
                linked += i2 - i1
            elif tag == "replace":
                wa = " ".join(paras[a][i1:i2]).split()
                wb = " ".join(paras[b][j1:j2]).split()
                difflib.SequenceMatcher(None, wa, wb).get_opcodes()
print(json.dumps({"align": time.perf_counter() - t0, "diffs": 0.0, "cpu": time.process_time(),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "links": linked}))
"""


# The child processes' environment: bytecode cached in a folder of this run (see the docstring).
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(script: str, args: list[str], repeat: int, env: dict[str, str] | None = None) -> dict:
    """Median wall time of `repeat` fresh processes, with the last run's figures."""
    walls, last = [], {}
    for _ in range(repeat):
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                             cwd=ROOT, check=True, env={**_ENV, **(env or {})}).stdout
        walls.append(time.perf_counter() - t)
        last = json.loads(out.strip().splitlines()[-1])
    last["wall"] = statistics.median(walls)
    return last


def case(name: str, files: list[str], repeat: int, mode: str = "all", one_core: bool = False) -> None:
    ours = run(_STORYDIFF, [mode, *files], repeat, {"STORYDIFF_WORKERS": "1"} if one_core else None)
    if one_core:
        name += ", one core"
    base = run(_DIFFLIB, files, repeat)
    what = {"none": "all pairs + table", "base": "+ diffs vs base", "all": "+ every diff",
            "facts": "+ diffs and facts", "json": "+ the JSON report"}[mode]
    print(f"{name:<34} {what:<18} storydiff {ours['wall']:5.2f} s wall, {ours['cpu']:.2f} s CPU (imports "
          f"{ours['import']:.2f} + compare {ours['align']:.2f} + {'report' if mode == 'json' else 'diffs'} "
          f"{ours['diffs']:.2f} s; "
          f"{ours['rss_mb']:.0f} MB peak, {ours['links']} links) | "
          f"difflib {base['wall']:6.2f} s wall, {base['cpu']:.2f} s CPU ({base['links']} paragraphs linked) | "
          f"ratio {ours['wall'] / base['wall']:.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--collatex-python", help="a Python with collatex installed: adds CollateX on the seeds")
    ap.add_argument("--seeds", type=Path, default=SEEDS,
                    help="folder of the five seed versions (default ../shared/seeds; a worktree lives elsewhere)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import long_pair, many_versions

    print(f"python {sys.version.split()[0]}; each figure is the median of {args.repeat} fresh processes")
    pyc = tempfile.TemporaryDirectory(prefix="storydiff-bench-pyc-")  # removed when this process ends
    _ENV["PYTHONPYCACHEPREFIX"] = pyc.name
    samples = sorted(str(p) for p in (ROOT / "resources" / "samples").glob("*.txt"))
    run(_STORYDIFF, ["facts", *samples], 1)  # untimed: imports every module the cases use, caching its bytecode
    if args.seeds.is_dir():
        seeds = sorted(str(p) for p in args.seeds.glob("*.txt"))
        case("five seeds", seeds, args.repeat * 2)
        if args.collatex_python:
            ours = run(_STORYDIFF, ["all", *seeds], args.repeat)
            t = time.perf_counter()
            out = subprocess.run([args.collatex_python, str(ROOT / "bench" / "collatex_baseline.py"), *seeds],
                                 capture_output=True, text=True, check=True).stdout
            wall = time.perf_counter() - t
            cx = json.loads(out.strip().splitlines()[-1])
            print(f"{'five seeds: CollateX (Python)':<53} collatex {wall:6.2f} s wall, {cx['cpu']:.2f} s CPU, "
                  f"{cx['rss_mb']:.0f} MB peak | storydiff {ours['wall']:.2f} s | "
                  f"storydiff is {wall / ours['wall']:.0f}x faster")
    case("bundled samples", samples, args.repeat)
    case("bundled samples", samples, args.repeat, mode="facts")
    with tempfile.TemporaryDirectory() as tmp:
        a, b = long_pair()
        pa, pb = Path(tmp, "long_a.txt"), Path(tmp, "long_b.txt")
        pa.write_text(a, encoding="utf-8")
        pb.write_text(b, encoding="utf-8")
        label = f"2 x 1 MB rewrites ({len(a) / 1e6:.1f}+{len(b) / 1e6:.1f} MB)"
        case(label, [str(pa), str(pb)], args.repeat, mode="none")
        case(label, [str(pa), str(pb)], args.repeat)
        case(label, [str(pa), str(pb)], args.repeat, mode="facts")
        case(label, [str(pa), str(pb)], 1, mode="json")
        if not args.quick:
            paths = []
            for k, text in enumerate(many_versions(20, 200)):
                p = Path(tmp, f"v{k:02d}.txt")
                p.write_text(text, encoding="utf-8")
                paths.append(str(p))
            case("20 versions x 200 paragraphs", paths, args.repeat, mode="none")
            case("20 versions x 200", paths, args.repeat, mode="none", one_core=True)
            case("20 versions x 200 paragraphs", paths, args.repeat, mode="base")
            case("20 versions x 200 paragraphs", paths, 1, mode="all")
            case("20 versions x 200 paragraphs", paths, 1, mode="facts")
            case("20 versions x 200 paragraphs", paths, 1, mode="json")


if __name__ == "__main__":
    main()
