"""The Dask path gives the same families as the local path (a generated archive, a LocalCluster).

CI can run the same comparison on 10,000 documents with worker processes (tasks and
partitions pickled between processes) with
`STORYDIFF_ARCHIVE_DOCS=10000 STORYDIFF_DASK_PROCESSES=1 python -m pytest tests/archive/test_archive_dask.py`.
"""

import json
import os

import distributed  # the archive extra, which the test extra includes
import pytest

from engine.archive import Archive
from engine.archive.families import build
from engine.archive.runner import DaskRunner
from engine.archive.synthetic import write_archive
from engine.cli import main

DOCS = int(os.environ.get("STORYDIFF_ARCHIVE_DOCS", "600"))
PROCESSES = os.environ.get("STORYDIFF_DASK_PROCESSES", "") == "1"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    files, gold, manifest = write_archive(folder / "docs", docs=DOCS, seed=7)
    return folder, manifest, gold


@pytest.fixture(scope="module")
def cluster():
    # By default threads, not processes: light enough for the test suite; the archive code path is
    # the same (the scheduler hands out shingling batches, the join is split by hash into partitions).
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=PROCESSES,
                                  dashboard_address=None) as c, distributed.Client(c) as client:
        yield c, client


def _families(db, folder, manifest, runner=None):
    with Archive.open(db) as a:
        a.index([str(folder / "docs")], manifest=manifest, runner=runner)
        links = a.links(runner=runner)
        return build(a.documents(), links, window_days=1), links


def test_local_and_dask_families_are_identical(generated, cluster):
    folder, manifest, gold = generated
    local, local_links = _families(folder / "local.duckdb", folder, manifest)
    runner = DaskRunner(cluster[1])
    assert runner.partitions >= 2  # the join really is split across partitions
    dask, dask_links = _families(folder / "dask.duckdb", folder, manifest, runner)
    assert len(local_links) > DOCS // 4
    assert dask_links == local_links
    assert dask == local
    # and the families are the generated stories: no two stories in one family
    for fam in local:
        stories = {gold[m["path"]] for m in fam["members"]} - {None}
        assert len(stories) <= 1


def test_cli_with_dask_scheduler_address(generated, cluster, tmp_path, capsys):
    folder, _manifest, _gold = generated
    outs = []
    for engine in (["--engine", "local"], ["--engine", "dask", "--scheduler", cluster[0].scheduler_address]):
        db, out = tmp_path / f"{engine[1]}.duckdb", tmp_path / f"{engine[1]}.jsonl"
        assert main(["archive", "index", str(folder / "docs"), "--db", str(db), "-q", *engine]) == 0
        assert main(["archive", "families", "--db", str(db), "-o", str(out), *engine]) == 0
        assert f", {engine[1]})" in capsys.readouterr().err
        outs.append([json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()])
    assert outs[0] == outs[1]


def test_engine_dask_without_a_scheduler_runs_on_this_machines_cores(tmp_path):
    """`--engine dask --workers 2` starts a LocalCluster of two worker processes here: the
    same families and the same storydiff/1 comparisons as the local path, and no process left."""
    import multiprocessing

    # Other tests' clusters (the module's fixture runs worker processes when
    # STORYDIFF_DASK_PROCESSES=1) may be alive: only the processes this command starts count.
    before = set(multiprocessing.active_children())
    out = {}
    for engine in ("local", "dask"):
        db, fams, cmp_dir = tmp_path / f"{engine}.duckdb", tmp_path / f"{engine}.jsonl", tmp_path / f"{engine}-cmp"
        extra = ["--engine", "dask", "--workers", "2"] if engine == "dask" else []
        assert main(["archive", "index", "--sample", "--db", str(db), "-q", *extra]) == 0
        assert main(["archive", "families", "--db", str(db), "-o", str(fams), "--compare", str(cmp_dir), "-q",
                     *extra]) == 0
        docs = {}
        for f in sorted(cmp_dir.iterdir()):
            doc = json.loads(f.read_text(encoding="utf-8"))
            doc.pop("elapsed")
            docs[f.name] = doc
        out[engine] = (fams.read_text(encoding="utf-8").replace(f"{engine}-cmp", "CMP"), docs)
    assert len(out["local"][1]) >= 3
    assert out["dask"] == out["local"]
    # the cluster's workers were closed with the runner
    assert not set(multiprocessing.active_children()) - before
