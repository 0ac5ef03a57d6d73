"""Compare article extractors: Storydiff's (engine.io.article) against readability-lxml and others.

    python bench/eval_extract.py [--fixtures tests/fixtures/web] [--gitgovuk ../shared/eval/gitgovuk-dev]
                                 [--extractors storydiff,readability,trafilatura,...]

On our invented fixture pages (`tests/fixtures/web/*.html`, each with a `.json` listing the
article's blocks and phrases of page chrome that must not appear) it prints, per extractor:
the share of the article's blocks found word for word, word recall and precision against
the article, and the chrome phrases let through. With `--gitgovuk DIR` (real GOV.UK page
revisions; not in the repository) it also scores every saved page against that set's own
reference text (headline, lead, body; `govuk_text.article`): word recall and precision,
pages with GOV.UK's update-history chrome, and labelled changed passages missing from the
extracted text. Extractors that are not installed are skipped (pip install trafilatura
resiliparse goose3 justext readability-lxml to run them all).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def ex_storydiff(raw: bytes) -> str:
    from engine.io.read_html import read_html

    return read_html(Path("page.html"), raw)[0]


def ex_readability(raw: bytes) -> str:
    import lxml.html
    from readability import Document

    doc = Document(_decode(raw))
    body = lxml.html.fromstring(doc.summary(html_partial=True)).text_content()
    return doc.short_title() + "\n\n" + body


def ex_trafilatura(raw: bytes, recall: bool = False) -> str:
    import trafilatura

    return trafilatura.extract(_decode(raw), include_tables=True, include_comments=False,
                               favor_recall=recall, with_metadata=False) or ""


def ex_resiliparse(raw: bytes) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(_decode(raw), main_content=True)


def ex_goose3(raw: bytes) -> str:
    from goose3 import Goose

    a = Goose().extract(raw_html=_decode(raw))
    return (a.title or "") + "\n\n" + (a.cleaned_text or "")


def ex_justext(raw: bytes) -> str:
    import justext

    return "\n\n".join(p.text for p in justext.justext(raw, justext.get_stoplist("English")) if not p.is_boilerplate)


EXTRACTORS: dict[str, Callable[[bytes], str]] = {
    "storydiff": ex_storydiff, "readability": ex_readability, "trafilatura": ex_trafilatura,
    "trafilatura-recall": lambda raw: ex_trafilatura(raw, recall=True), "resiliparse": ex_resiliparse,
    "goose3": ex_goose3, "justext": ex_justext,
}


def _run(fn: Callable[[bytes], str], raw: bytes) -> str:
    try:
        return fn(raw)
    except ImportError:
        raise
    except Exception:  # an extractor failing on a page scores as extracting nothing
        return ""


def _pr(expected: list[str], got: list[str]) -> tuple[float, float]:
    e, g = set(expected), set(got)
    return len(e & g) / max(1, len(e)), len(e & g) / max(1, len(g))


def fixtures(name: str, fn: Callable[[bytes], str], folder: Path) -> dict:
    blocks = found = leaked = 0
    rec, prec = [], []
    for page in sorted(folder.glob("*.html")):
        spec = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
        text = _run(fn, page.read_bytes())
        flat = " " + " ".join(words(text)) + " "
        for _level, block in spec["blocks"]:
            blocks += 1
            found += f" {' '.join(words(block))} " in flat
        leaked += sum(f" {' '.join(words(p))} " in flat for p in spec["never"])
        r, p = _pr(words(" ".join(b for _, b in spec["blocks"])), words(text))
        rec.append(r)
        prec.append(p)
    n = max(1, len(rec))
    return {"blocks": f"{found}/{blocks}", "recall": sum(rec) / n, "precision": sum(prec) / n, "leaked": leaked}


_CHROME = (" show all updates ", " see all updates ", " last updated ", " first published ")


def gitgovuk(name: str, fn: Callable[[bytes], str], folder: Path) -> dict:
    sys.path.insert(0, str(folder))
    import govuk_text as gt  # the set's own reference extractor (not part of Storydiff)

    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    rec, prec, chrome, missing = [], [], 0, 0
    for g in gold:
        if g["split"] != "dev":
            continue
        texts = {}
        for side in ("before", "after"):
            raw = (folder / "pairs" / g["id"] / f"{side}.html").read_bytes()
            texts[side] = " " + " ".join(gt.tokens(_run(fn, raw))) + " "
            r, p = _pr([t for _, para in gt.article(raw) for t in gt.tokens(para)], texts[side].split())
            rec.append(r)
            prec.append(p)
            chrome += any(c in texts[side] for c in _CHROME)
        if g["kind"] != "none" and g["note_matches"]:
            for side, key in (("before", "old_ctx"), ("after", "new_ctx")):
                ctx = " ".join(gt.tokens(g.get(key) or ""))
                missing += bool(ctx) and f" {ctx} " not in texts[side]
    n = max(1, len(rec))
    return {"recall": sum(rec) / n, "precision": sum(prec) / n, "min_recall": min(rec, default=0.0),
            "chrome": f"{chrome}/{len(rec)}", "passages_missing": missing}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fixtures", default=str(ROOT / "tests" / "fixtures" / "web"))
    ap.add_argument("--gitgovuk", help="the gitgovuk-dev folder (pairs/, gold.json, govuk_text.py)")
    ap.add_argument("--extractors", default=",".join(EXTRACTORS))
    a = ap.parse_args()
    for name in a.extractors.split(","):
        fn = EXTRACTORS[name]
        t0 = time.perf_counter()
        try:
            fx = fixtures(name, fn, Path(a.fixtures))
            gv = gitgovuk(name, fn, Path(a.gitgovuk)) if a.gitgovuk else None
        except ImportError as e:
            print(f"{name:19s} not installed ({e.name})")
            continue
        line = (f"{name:19s} fixtures: blocks {fx['blocks']}, recall {fx['recall']:.3f}, precision "
                f"{fx['precision']:.3f}, chrome phrases {fx['leaked']}")
        if gv:
            line += (f" | gitgovuk dev pages: recall {gv['recall']:.3f} (min {gv['min_recall']:.2f}), precision "
                     f"{gv['precision']:.3f}, chrome {gv['chrome']}, changed passages missing {gv['passages_missing']}")
        print(line + f" | {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
