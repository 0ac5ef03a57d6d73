"""What each version alone has: the blocks and sentences no other version carries.

The editor's "what is new here" list. For every version:

* unique blocks: content blocks (paragraphs by default: captions and photo credits are
  context, not news) that no pair
  links to anything, and whose words mostly lie in sentences no other version has —
  a paragraph the aligner left unlinked but whose sentences all stand elsewhere
  (split across two paragraphs, say) is not new;
* unique sentences: sentences no other version keeps verbatim, edited or
  paraphrased (see `engine.align.sentence_match`) that stand in blocks which are not unique
  as a whole — the new sentence inside an otherwise shared paragraph (002's gifts
  sentence). Sentences of unique blocks are not listed again.

Site chrome is never listed; sentences of fewer than `MIN_WORDS` words ("He agreed.")
carry too little to be news and are skipped. Offsets are character offsets into
`version.text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..align.sentence_match import DROPPED, SentenceIndex
from ..model import PARAGRAPH, Comparison

MIN_WORDS = 4
# Share of an unlinked block's words that must be in unique sentences for the block to count.
BLOCK_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class UniqueBlock:
    block: int
    kind: str
    start: int
    end: int
    text: str
    words: int

    def to_dict(self) -> dict[str, Any]:
        return {"block": self.block, "kind": self.kind, "start": self.start, "end": self.end,
                "text": self.text}


@dataclass(frozen=True, slots=True)
class UniqueSentence:
    block: int  # the comparison block holding the sentence
    start: int
    end: int
    text: str
    words: int

    def to_dict(self) -> dict[str, Any]:
        return {"block": self.block, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class VersionUnique:
    """A version's own content: whole blocks, then single sentences in shared blocks."""

    version: int
    blocks: tuple[UniqueBlock, ...]
    sentences: tuple[UniqueSentence, ...]
    share: float  # unique words (blocks + sentences) over the version's content words

    @property
    def empty(self) -> bool:
        return not self.blocks and not self.sentences

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "share": round(self.share, 4),
                "blocks": [b.to_dict() for b in self.blocks],
                "sentences": [s.to_dict() for s in self.sentences]}


def unique_content(c: Comparison, kinds: tuple[str, ...] = (PARAGRAPH,),
                   index: SentenceIndex | None = None) -> list[VersionUnique]:
    """Per version (in order), the blocks and sentences that no other version has."""
    idx = index or SentenceIndex(c)
    n = len(c.versions)
    out = []
    for v in range(n):
        version = c.versions[v]
        sents = idx.sentences[v]
        covered = [False] * len(sents)
        # Closest versions first, and only the sentences still unexplained: in a family
        # of copies nearly everything is found in the first one or two.
        others = sorted((w for w in range(n) if w != v), key=lambda w: -c.pair(v, w).similarity)
        for w in others:
            todo = [i for i, cov in enumerate(covered) if not cov]
            if not todo:
                break
            for i, (state, _, _) in enumerate(idx.match(v, w, rows=todo)):
                if state != DROPPED:
                    covered[i] = True
        linked: set[int] = set()
        for w in range(n):
            if w != v:
                p = c.pair(v, w)
                linked.update(i for link in p.links for i in link.a)
        new_words: dict[int, int] = {}
        for s, cov in zip(sents, covered):
            if not cov:
                new_words[s.block] = new_words.get(s.block, 0) + s.words
        blocks = []
        for b in version.blocks:
            if b.kind not in kinds or b.index in linked or b.words == 0:
                continue
            if new_words.get(b.index, 0) >= BLOCK_SHARE * b.words:
                blocks.append(UniqueBlock(b.index, b.kind, b.start, b.end, b.text, b.words))
        whole = {b.block for b in blocks}
        sentences = tuple(
            UniqueSentence(s.block, s.start, s.end, s.text, s.words)
            for s, cov in zip(sents, covered)
            if not cov and s.kind in kinds and s.block not in whole and s.words >= MIN_WORDS)
        words = sum(b.words for b in blocks) + sum(s.words for s in sentences)
        out.append(VersionUnique(v, tuple(blocks), sentences, words / max(1, version.words)))
    return out
