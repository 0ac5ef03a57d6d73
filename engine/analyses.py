"""The one seam between the data model and the analyses that read it.

`engine.model` is a leaf: data only, importing no analysis. Yet `Comparison`
keeps its lazy properties (`lineage`, `reuse_matrix`, `sentence_index`,
`unique`, `heatmap`) and `Link.diff` as its public API, because every view,
report and script reads them there. They reach the analyses through this module,
which `engine/__init__.py` installs into the model once (`model.use_analyses`),
so the dependency points one way: analyses -> model, never back.

Why a module installed at package import rather than the alternatives:
* a subclass of `Comparison` built in compare.py would leave every `Comparison`
  made elsewhere (tests, sessions, `dataclasses.replace`, sentence mode)
  without its properties, and the type would differ from the one documented;
* the model's methods importing the analyses themselves (as before) hid three
  cycles in the import graph behind function-level imports.
Importing `engine.model` always runs `engine/__init__.py` first, so the seam is
set before any model object exists. Each analysis is imported when first asked
for, as before, so `import engine` loads no more than it did.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import model

if TYPE_CHECKING:
    from .model import Comparison, Diff, Ledger, Pair, Version


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


def version_facts(v: Version) -> Any:
    """The facts of each block of a version (engine.facts.extract)."""
    from .facts.extract import version_facts as find

    return find(v)


def pair_facts(p: Pair) -> Ledger:
    """The facts that changed between a pair's versions (engine.facts.pair_ledger)."""
    from .facts.pair_ledger import pair_ledger

    return pair_ledger(p)


def install() -> None:
    """Plug these analyses into the model (called once by engine/__init__.py)."""
    import sys

    model.use_analyses(sys.modules[__name__])
