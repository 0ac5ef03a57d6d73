"""The same inputs give the same result in every run, to the last bit.

Python salts string hashes per process, so anything that iterates a set of words
can change order from run to run; where such an order feeds a float sum, a tie at a
threshold could flip a link. Two interpreters with different hash seeds must agree.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import hashlib, json, sys
sys.path.insert(0, sys.argv[1])
from engine import compare
from engine.align.similarity import Corpus
from engine.compare import load_versions
from engine.model import Options
from engine.reports.json_report import to_json
from tests.engine.text.test_wire import PAPER_A, PAPER_B, STORY, wire

samples = sorted(str(p) for p in (__import__("pathlib").Path(sys.argv[1]) / "resources" / "samples").glob("*.txt"))
out = {}
for name, inputs in (("samples", samples), ("wire", [wire(STORY), PAPER_A, PAPER_B])):
    doc = json.loads(to_json(compare(inputs)))
    doc.pop("elapsed")
    out[name] = doc
    corpus = Corpus(load_versions(inputs), Options())
    digest = hashlib.sha256()
    for vf in corpus.features:
        digest.update(vf.weight.tobytes())  # every block's summed term weights, bit for bit
    for v in corpus.versions:
        for b in v.blocks:
            ids, _ = corpus.sentences.sentence_terms(b.display)
            digest.update(repr(ids).encode())  # each sentence's term ids, in order
    out[name + " weights"] = digest.hexdigest()
print(json.dumps(out, sort_keys=True))
"""


def _run(seed: str) -> dict:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(ROOT)], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_results_do_not_depend_on_the_hash_seed():
    first, second = _run("1"), _run("2")
    assert first.keys() == second.keys()
    for key in first:
        assert first[key] == second[key], f"{key} differs between hash seeds"
