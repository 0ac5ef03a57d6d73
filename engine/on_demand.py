"""On demand: the analyses the data model's lazy properties compute, handed over explicitly.

`engine.model` is a leaf: data only, importing no analysis. Yet `Comparison` keeps
its lazy properties (`lineage`, `reuse_matrix`, `sentence_index`, `unique`,
`heatmap`), `Pair.facts` and `Link.diff` as its public API, because every view,
report and script reads them there. Each of those objects is given this module as
its `analyses` by the code that builds it (`engine.compare.compare_versions` and the
aligner it runs), so the dependency points one way, analyses -> model, and nothing
is set at import. An object built by hand without it says so in one line when a lazy
property is asked for. Each analysis is imported when first asked for, so `import
engine` loads no more than it needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Comparison, Diff, Ledger, Pair


def word_diff(text_a: str, text_b: str, granularity: str, ignore_case: bool) -> Diff:
    """The inline diff of a link (engine.align.inline_diff)."""
    from .align.inline_diff import word_diff as diff

    return diff(text_a, text_b, granularity=granularity, ignore_case=ignore_case)[0]


def lineage(c: Comparison) -> list:
    """Each version's most likely source (engine.analysis.lineage)."""
    from .analysis.lineage import lineage as find

    return find(c)


def reuse_matrix(c: Comparison) -> list[list[float]]:
    """m[a][b]: share of version b's words that stand verbatim in version a (engine.analysis.lineage)."""
    from .analysis.lineage import reuse_matrix as matrix

    return matrix(c)


def sentence_index(c: Comparison) -> Any:
    """Every version's sentences, ready to match across versions (engine.align.sentence_match)."""
    from .align.sentence_match import SentenceIndex

    return SentenceIndex(c)


def unique(c: Comparison, index: Any) -> list:
    """Per version, the blocks and sentences no other version has (engine.analysis.unique)."""
    from .analysis.unique import unique_content

    return unique_content(c, index=index)


def heatmap(c: Comparison, index: Any) -> list:
    """The base's sentences with how many versions keep, edit, paraphrase or drop each (engine.analysis.heatmap)."""
    from .analysis.heatmap import heatmap as build

    return build(c, index=index)


def pair_facts(p: Pair) -> Ledger:
    """The facts that changed between a pair's versions (engine.facts.pair_ledger)."""
    from .facts.pair_ledger import pair_ledger

    return pair_ledger(p)
