"""Generated article versions for benchmarks: long texts and their rewrites.

Words follow a Zipf-like law over a vocabulary drawn from real prose (the bundled
samples, or the seeds when present), so term rarity behaves as in real news copy.
A rewrite keeps most paragraphs, edits some word by word, rewords others heavily,
drops, inserts, fuses and moves a few — the operations real rewrites apply.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_STOP = "the of and to a in that is was he for it with as his on be at by i this had not are but from or have an they which one you were her all she there would their we him been has when who will more no if out so said".split()


def vocabulary(extra_dirs: list[Path] | None = None, size: int = 30000, seed: int = 1) -> list[str]:
    """Words seen in the samples (and seeds), padded with invented words to `size`."""
    words: list[str] = []
    for d in [ROOT / "resources" / "samples", *(extra_dirs or [])]:
        for f in sorted(Path(d).glob("*.txt")):
            words += re.findall(r"[A-Za-z][a-z]+", f.read_text(encoding="utf-8", errors="replace"))
    rng = random.Random(seed)
    seen = list(dict.fromkeys(w.lower() for w in words))
    syll = ["ka", "lo", "ren", "vi", "sto", "mar", "en", "ta", "bri", "dol", "us", "che", "an", "po", "gre"]
    while len(seen) < size:
        seen.append("".join(rng.choice(syll) for _ in range(rng.randint(2, 4))))
    return list(dict.fromkeys(seen))[:size]


class Writer:
    def __init__(self, vocab: list[str], seed: int) -> None:
        self.rng = random.Random(seed)
        self.vocab = vocab
        # Zipf weights: word k drawn with probability ~ 1 / (k + 10)
        self.cum = []
        total = 0.0
        for k in range(len(vocab)):
            total += 1.0 / (k + 10)
            self.cum.append(total)

    def word(self) -> str:
        if self.rng.random() < 0.45:
            return self.rng.choice(_STOP)
        return self.rng.choices(self.vocab, cum_weights=self.cum, k=1)[0]

    def sentence(self) -> str:
        words = [self.word() for _ in range(self.rng.randint(10, 28))]
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def article(self, paragraphs: int) -> list[str]:
        return [self.paragraph() for _ in range(paragraphs)]

    def edit(self, para: str, share: float) -> str:
        words = para.split(" ")
        for k in range(len(words)):
            if self.rng.random() < share:
                words[k] = self.word() + ("." if words[k].endswith(".") else "")
        return " ".join(words)

    def rewrite(self, paras: list[str], truth: list[tuple[str, list[int]]] | None = None) -> list[str]:
        """A rewrite of `paras`. With `truth` (a list), what each output paragraph is gets
        appended: (operation, indices of the source paragraphs it holds), operation one of
        kept, edited, reworded, fused, new; moves are recorded as moved-<operation>.
        The random draws do not depend on `truth`, so the output is the same either way."""
        out: list[str] = []
        origin: list[tuple[str, list[int]]] = []
        for i, p in enumerate(paras):
            r = self.rng.random()
            if r < 0.05:
                continue  # dropped
            if r < 0.55:
                out.append(p)
                origin.append(("kept", [i]))
            elif r < 0.80:
                out.append(self.edit(p, 0.08))
                origin.append(("edited", [i]))
            elif r < 0.93:
                sentences = p.split(". ")
                self.rng.shuffle(sentences)
                out.append(self.edit(". ".join(sentences), 0.3))
                origin.append(("reworded", [i]))
            elif out and r < 0.96:
                out[-1] = out[-1] + " " + p  # fused with the previous paragraph
                origin[-1] = ("fused", origin[-1][1] + [i])
            else:
                out.append(p)
                out.append(self.paragraph())  # a new paragraph
                origin += [("kept", [i]), ("new", [])]
        for _ in range(max(1, len(out) // 50)):  # a few moves
            k = self.rng.randrange(len(out))
            to = self.rng.randrange(len(out))
            out.insert(to, out.pop(k))
            op, src = origin.pop(k)
            origin.insert(to, (op if op.startswith("moved-") or to == k else "moved-" + op, src))
        if truth is not None:
            truth.extend(origin)
        return out


def long_pair(target_bytes: int = 1_000_000, seed: int = 7) -> tuple[str, str]:
    w = Writer(vocabulary(), seed)
    paras: list[str] = []
    while sum(len(p) + 2 for p in paras) < target_bytes:
        paras.append(w.paragraph())
    return "\n\n".join(paras), "\n\n".join(w.rewrite(paras))


def many_versions(n: int = 20, paragraphs: int = 200, seed: int = 11) -> list[str]:
    w = Writer(vocabulary(), seed)
    base = w.article(paragraphs)
    versions = [base]
    for _ in range(1, n):
        parent = versions[w.rng.randrange(len(versions))]
        versions.append(w.rewrite(parent))
    return ["\n\n".join(v) for v in versions]
