"""A generated archive with known stories, for the archive benchmark and tests.

Invented words (syllables, Zipf-distributed, so a few are common and most rare),
each story with its own names. A story is a wire file (slug line with its date,
0x19 paragraph marks, cp1252, a sign-off) and 0..`max_rewrites` rewrites that keep
some sentences word for word, change words in others (swaps, typos, dropped
words), add their own sentences and page chrome, and reorder. A fifth of the
stories are follow-ups, days or weeks later, that repeat two background sentences
of an earlier story (its names too): a separate story that text alone may join.
Other files are unrelated pieces. Rewrites state no date; `manifest` maps every
file to its date.

    files, gold, manifest = write_archive(folder, docs=10_000, seed=1)

`gold` maps each path to its story id (None for unrelated pieces).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import numpy as np

_SYLL = ["ka", "lo", "ren", "vi", "sto", "mar", "en", "ta", "bri", "dol", "us", "che", "an", "po",
         "gre", "fa", "mi", "tor", "sel", "quo", "ne", "bla", "dri", "um", "zan", "pe", "ox", "hil"]
_CHROME = ["Advertisement", "Share this article", "Read more", "Sign up for our newsletter",
           "Copyright Example Media", "Related articles"]


class _Words:
    """A Zipf vocabulary of invented words."""

    def __init__(self, rng: np.random.Generator, size: int = 60_000) -> None:
        words: list[str] = []
        seen: set[str] = set()
        while len(words) < size:
            w = "".join(rng.choice(_SYLL, size=int(rng.integers(1, 5))))
            if w not in seen:
                seen.add(w)
                words.append(w)
        self.words = np.array(words, dtype=object)
        weights = 1.0 / (np.arange(size) + 8.0)
        self.cdf = np.cumsum(weights / weights.sum())
        self.rng = rng

    def draw(self, n: int) -> list[str]:
        k = np.minimum(np.searchsorted(self.cdf, self.rng.random(n)), len(self.words) - 1)
        return list(self.words[k])


def _sentence(w: _Words, names: list[str], rng: np.random.Generator) -> str:
    n = int(rng.integers(12, 30))
    toks = w.draw(n)
    for _ in range(int(rng.integers(1, 3))):  # a story's own names recur in its sentences
        toks[int(rng.integers(0, n))] = names[int(rng.integers(0, len(names)))].capitalize()
    return toks[0].capitalize() + " " + " ".join(toks[1:]) + "."


def _noisy(sentence: str, rng: np.random.Generator) -> str:
    """A copy-edited sentence: a few words swapped, dropped, or misspelt."""
    toks = sentence.split()
    for _ in range(int(rng.integers(1, 4))):
        k = int(rng.integers(0, len(toks)))
        op = rng.random()
        if op < 0.4 and len(toks) > 5:
            del toks[k]
        elif op < 0.7 and len(toks[k]) > 3:
            t = toks[k]
            j = int(rng.integers(0, len(t) - 1))
            toks[k] = t[:j] + t[j + 1] + t[j] + t[j + 2:]
        else:
            toks.insert(k, "very")
    return " ".join(toks)


def write_archive(folder: str | os.PathLike[str], docs: int = 10_000, seed: int = 1, max_rewrites: int = 4,
                  start: dt.date = dt.date(2020, 1, 1), days: int = 365
                  ) -> tuple[list[str], dict[str, int | None], dict[str, dt.date]]:
    """Write about `docs` files under `folder` (subfolders of 1,000); return (paths, gold, manifest)."""
    rng = np.random.default_rng(seed)
    w = _Words(rng)
    root = Path(folder)
    files: list[str] = []
    gold: dict[str, int | None] = {}
    manifest: dict[str, dt.date] = {}
    story = 0
    earlier: list[tuple[dt.date, list[str], list[str]]] = []  # (date, names, sentences) of recent stories

    def put(name: str, data: bytes, sid: int | None, when: dt.date) -> None:
        sub = root / f"{len(files) // 1000:04d}"
        if len(files) % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        p = sub / name
        p.write_bytes(data)
        files.append(str(p))
        gold[str(p)] = sid
        manifest[str(p)] = when

    while len(files) < docs:
        when = start + dt.timedelta(days=int(rng.integers(0, days)))
        names = ["".join(rng.choice(_SYLL, size=3)) + "ak" for _ in range(4)]
        paras = [[_sentence(w, names, rng) for _ in range(int(rng.integers(2, 4)))]
                 for _ in range(int(rng.integers(4, 10)))]
        if earlier and rng.random() < 0.2:  # a follow-up: later, same names, two background sentences
            then, names, old = earlier[int(rng.integers(0, len(earlier)))]
            when = then + dt.timedelta(days=int(rng.integers(3, 30)))
            paras = [[_sentence(w, names, rng) for _ in range(int(rng.integers(2, 4)))]
                     for _ in range(int(rng.integers(4, 10)))]
            paras.insert(int(rng.integers(1, len(paras))), list(rng.choice(old, size=2, replace=False)))
        if rng.random() < 0.3:  # an unrelated piece
            text = "\n\n".join(" ".join(p) for p in paras) + "\n"
            put(f"piece-{len(files)}.txt", text.encode("utf-8"), None, when)
            continue
        slug = (f"  {'-' * 72}\n\n        {int(rng.integers(0, 24)):02d}:{int(rng.integers(0, 60)):02d} "
                f"{when:%d/%m/%y}: Page 1 (HHH) NEWS {names[0].capitalize()}\n  {'-' * 72}\n")
        wire = slug + "".join("\x19   " + " ".join(p) + "<\n" for p in paras) + "\x19ends\n"
        put(f"wire-{story}.txt", wire.encode("cp1252"), story, when)
        sentences = [s for p in paras for s in p]
        earlier = (earlier + [(when, names, sentences)])[-200:]
        for r in range(int(rng.integers(0, max_rewrites + 1))):
            if len(files) >= docs:
                break
            keep = max(2, int(len(sentences) * rng.uniform(0.15, 0.7)))
            picked = sorted(rng.choice(len(sentences), size=keep, replace=False))
            out = [sentences[k] if rng.random() < 0.5 else _noisy(sentences[k], rng) for k in picked]
            out += [_sentence(w, names, rng) for _ in range(int(rng.integers(1, 6)))]
            rng.shuffle(out)
            lines = [" ".join(out[k:k + 2]) for k in range(0, len(out), 2)]
            if rng.random() < 0.5:
                lines.insert(int(rng.integers(0, len(lines) + 1)), str(rng.choice(_CHROME)))
            later = when + dt.timedelta(days=int(rng.integers(0, 2)))
            put(f"story-{story}-r{r}.txt", ("\n\n".join(lines) + "\n").encode("utf-8"), story, later)
        story += 1
    return files, gold, manifest
