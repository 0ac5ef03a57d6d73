"""Peak memory of the two memory cases of issue 24, each in a fresh child process.

    python bench/bench_archive_memory.py [--files 64] [--megabytes 4] [--code DIR] [--keep DIR]

1. `archive index` of `--files` text files of `--megabytes` MB each (invented words, a
   vocabulary of 50,000, 15 words a line): one batch used to hold every file's 3-grams
   at once (64 files of 4 MB: 1.2 GB).
2. `compare` of a short story with 5 MB of blank lines: splitting kept a tuple per line.

Each run reports wall seconds and the child's peak RSS (VmHWM, tests/budget.py). `--code
DIR` runs another checkout of Storydiff (e.g. `git archive main | tar -x -C DIR`) so the
figures before and after a change come from the same script on the same machine.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.budget import run_argv  # noqa: E402


def write_files(folder: Path, files: int, megabytes: float) -> None:
    words = [f"w{i}" for i in range(50_000)]
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(files):
        rnd = random.Random(k)
        lines, size = [], 0
        while size < megabytes * 1_000_000:
            line = " ".join(rnd.choice(words) for _ in range(15)) + ".\n\n"
            lines.append(line)
            size += len(line)
        (folder / f"f{k:03}.txt").write_text("".join(lines), encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=64)
    ap.add_argument("--megabytes", type=float, default=4.0)
    ap.add_argument("--code", help="the Storydiff checkout to run (default: this one)")
    ap.add_argument("--keep", help="generate the files here and keep them (default: a temporary folder)")
    args = ap.parse_args()
    if args.code:
        os.environ["PYTHONPATH"] = str(Path(args.code).resolve())
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="storydiff-mem-"))
    try:
        texts = work / f"texts-{args.files}x{args.megabytes:g}"
        if not texts.exists():
            write_files(texts, args.files, args.megabytes)
        db = work / "bench.duckdb"
        for leftover in (db, Path(str(db) + ".wal")):
            leftover.unlink(missing_ok=True)
        code, _, err, seconds, rss = run_argv(["archive", "index", str(texts), "--db", str(db), "-q"], work,
                                              cwd=work, kill_after=1800)
        print(f"index {args.files} files x {args.megabytes:g} MB: exit {code}, {seconds:.1f} s, peak {rss:.0f} MB"
              + (f" ({err.strip()[:120]})" if code else ""))
        (work / "story.txt").write_text("Minister resigns\n\nThe minister resigned on Tuesday.\n", encoding="utf-8")
        (work / "blank.txt").write_text("\n" * 5_000_000, encoding="utf-8")
        code, _, err, seconds, rss = run_argv(["compare", str(work / "story.txt"), str(work / "blank.txt")], work,
                                              cwd=work, kill_after=600)
        print(f"compare with 5 MB of blank lines: exit {code}, {seconds:.1f} s, peak {rss:.0f} MB")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
