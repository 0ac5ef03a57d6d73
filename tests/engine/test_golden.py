"""The storydiff/1 document is a machine contract: pin all of it.

Two comparisons are kept whole under tests/fixtures/golden/: the bundled samples, and an
invented wire story (agency layout, 0x19 marks, slug line) with two newspaper rewrites.
Every key is compared — versions and blocks, pairs with links and diffs, rows, reuse
matrix, lineage, unique content — except `elapsed` (a timing) and `path` (where the
checkout lives). When a result is meant to change, regenerate deliberately and review
the diff of the JSON in the commit:

    STORYDIFF_REGENERATE_GOLDEN=1 python -m pytest tests/engine/test_golden.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from engine import compare
from tests.engine.text.test_wire import PAPER_A, PAPER_B, STORY, wire

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "fixtures" / "golden"
SAMPLES = sorted((ROOT / "resources" / "samples").glob("*.txt"))


def _document(sources, names) -> dict:
    doc = compare(sources, names=names).to_dict()
    doc.pop("elapsed")
    for v in doc["versions"]:
        v.pop("path")
    return json.loads(json.dumps(doc))  # tuples as lists, as a reader of the file sees them


CASES = {
    "samples": lambda: _document([str(p) for p in SAMPLES], [p.name for p in SAMPLES]),
    "wire-family": lambda: _document([wire(STORY), PAPER_A, PAPER_B], ["wire", "paper-a", "paper-b"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_storydiff_document_is_unchanged(name):
    got = CASES[name]()
    path = GOLDEN / f"{name}.json"
    if os.environ.get("STORYDIFF_REGENERATE_GOLDEN"):
        path.write_text(json.dumps(got, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    want = json.loads(path.read_text(encoding="utf-8"))
    for key in sorted(set(want) | set(got)):
        assert got.get(key) == want.get(key), f"storydiff/1 key {key!r} of {name} changed"


def test_golden_files_cover_every_top_level_key():
    want = json.loads((GOLDEN / "samples.json").read_text(encoding="utf-8"))
    for key in ("schema", "base", "options", "versions", "pairs", "rows", "reuse_matrix", "lineage", "unique"):
        assert key in want
    assert want["schema"] == "storydiff/1"
