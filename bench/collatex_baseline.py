"""CollateX's Python port collating files, for a same-run comparison with Storydiff.

Run with a Python that has `collatex` and `Levenshtein` installed (they are not
Storydiff dependencies): `bench/bench_engine.py --collatex-python /path/to/python`.
Prints one JSON line like the other baselines.
"""

import json
import resource
import sys
import time

t0 = time.perf_counter()
from collatex import Collation, collate  # noqa: E402 - the import is part of the timed run

c = Collation()
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as fh:
        c.add_plain_witness(path.rsplit("/", 1)[-1][:12], fh.read())
collate(c, output="json", segmentation=True)
print(json.dumps({"align": time.perf_counter() - t0, "diffs": 0.0, "cpu": time.process_time(),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "links": 0}))
