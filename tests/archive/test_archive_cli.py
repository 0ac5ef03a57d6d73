"""`storydiff-cli archive` on the bundled sample archive: families, lineage, find, errors."""

import json
import os
import shutil

import pytest

from engine.archive.command import SAMPLE
from engine.cli import main

CONTRACT = {"id", "members", "links", "lineage", "related"}


def families(path):
    return [json.loads(line) for line in open(path, encoding="utf-8")]


def names(fam):
    return sorted(os.path.basename(m["path"]) for m in fam["members"])


@pytest.fixture()
def sample_db(tmp_path):
    db = tmp_path / "sample.duckdb"
    assert main(["archive", "index", "--sample", "--db", str(db), "-q"]) == 0
    return db


def test_sample_archive_families_contract(sample_db, tmp_path, capsys):
    out = tmp_path / "families.jsonl"
    assert main(["archive", "families", "--db", str(sample_db), "-o", str(out)]) == 0
    assert "families from 10 documents" in capsys.readouterr().err  # the summary line
    fams = families(out)
    for f in fams:
        assert set(f) == CONTRACT
        assert all(set(m) == {"path", "date"} for m in f["members"])
        assert all(set(l) == {"a", "b", "shared", "a_in_b", "b_in_a"} for l in f["links"])
        assert [e["path"] for e in f["lineage"]] == [m["path"] for m in f["members"]]
    assert [f["id"] for f in fams] == list(range(len(fams)))
    every = [m["path"] for f in fams for m in f["members"]]
    assert len(every) == len(set(every)) == 10  # every indexed document in exactly one family
    multi = sorted(names(f) for f in fams if len(f["members"]) > 1)
    assert multi == [["coastnews-bridge.html", "gazette-bridge.txt", "wire-bridge.txt"],
                     ["daily-library.txt", "weekly-library.md", "wire-library.txt"],
                     ["farmers-frost.txt", "wire-frost.txt"]]
    for f in fams:  # dates decide direction: every rewrite comes from its wire
        for e in f["lineage"]:
            is_wire = os.path.basename(e["path"]).startswith("wire-")
            assert (e["source"] is None) == (is_wire or len(f["members"]) == 1)
            if e["source"]:
                assert os.path.basename(e["source"]).startswith("wire-")


def test_dates_from_slug_line_html_metadata_and_manifest(sample_db, tmp_path):
    out = tmp_path / "f.jsonl"
    assert main(["archive", "families", "--db", str(sample_db), "-o", str(out), "-q"]) == 0
    date = {os.path.basename(m["path"]): m["date"] for f in families(out) for m in f["members"]}
    assert date["wire-bridge.txt"] == "2024-03-14"        # slug line 07:42 14/03/24
    assert date["coastnews-bridge.html"] == "2024-03-15"  # article:published_time
    assert date["gazette-bridge.txt"] == "2024-03-15"     # dates.csv


def test_index_is_incremental(tmp_path, capsys):
    arts = tmp_path / "arts"
    shutil.copytree(SAMPLE / "articles", arts)
    first = sorted(arts.iterdir())[:4]
    db = str(tmp_path / "a.duckdb")
    assert main(["archive", "index", *map(str, first), "--db", db]) == 0
    assert "indexed 4 new, 0 changed, 0 unchanged" in capsys.readouterr().err
    (arts / "column-gardening.txt").write_text("Sweet peas, sown late, flower late.\n", encoding="utf-8")
    os.utime(arts / "column-gardening.txt", (1, 1))
    assert main(["archive", "index", str(arts), "--db", db]) == 0
    err = capsys.readouterr().err
    assert "indexed 6 new, 1 changed, 3 unchanged" in err and "holds 10 documents" in err
    from engine.archive.store import Archive

    with Archive.open(db, read_only=True) as a:  # the changed file's old 3-grams are gone
        rows, expected = a.con.execute("SELECT (SELECT count(*) FROM shingles), (SELECT sum(n) FROM docs)").fetchall()[0]
    assert rows == expected


def test_find_names_the_rewrites_of_a_wire(sample_db, capsys):
    wire = str(SAMPLE / "articles" / "wire-bridge.txt")
    assert main(["archive", "find", wire, "--db", str(sample_db), "--format", "json", "-q"]) == 0
    hits = json.loads(capsys.readouterr().out)["reused_by"]
    assert sorted(os.path.basename(h["path"]) for h in hits) == ["coastnews-bridge.html", "gazette-bridge.txt"]
    assert all(0 < h["reused"] <= 1 and h["shared"] >= 5 for h in hits)


def test_html_family_list_links_to_comparisons(sample_db, tmp_path):
    out = tmp_path / "report" / "families.html"
    out.parent.mkdir()
    assert main(["archive", "families", "--db", str(sample_db), "--format", "html", "-o", str(out), "-q"]) == 0
    page = out.read_text(encoding="utf-8")
    linked = sorted(os.listdir(tmp_path / "report" / "families-families"))
    assert len(linked) == 3
    for name in linked:
        assert f'href="families-families/{name}"' in page
    assert "wire-bridge.txt" in page


def test_compare_dir_adds_storydiff_json(sample_db, tmp_path):
    out = tmp_path / "f.jsonl"
    cmp_dir = tmp_path / "cmp"
    assert main(["archive", "families", "--db", str(sample_db), "-o", str(out), "--compare", str(cmp_dir), "-q"]) == 0
    with_cmp = [f for f in families(out) if "comparison" in f]
    assert len(with_cmp) == 3
    doc = json.loads((tmp_path / with_cmp[0]["comparison"]).read_text(encoding="utf-8"))
    assert doc["schema"] == "storydiff/1" and len(doc["versions"]) == len(with_cmp[0]["members"])


@pytest.mark.parametrize("argv, message", [
    (["archive", "families", "--db", "{tmp}/none.duckdb"], "no such archive"),
    (["archive", "index", "{tmp}/missing", "--db", "{tmp}/a.duckdb"], "no such file or folder"),
    (["archive", "index", "--sample", "--db", "{tmp}/a.duckdb", "--dates", "{tmp}/bad.csv"], "not a YYYY-MM-DD date"),
    (["archive", "index", "--sample", "--db", "{tmp}/a.duckdb", "--workers", "2"], "--workers goes with --engine dask"),
    (["archive", "index", "--sample", "--db", "{tmp}/a.duckdb", "--engine", "dask", "--workers", "0"],
     "--workers must be a whole number from 1 to 1024"),
    (["archive", "index", "--sample", "--db", "{tmp}/a.duckdb", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9",
      "--workers", "2"], "--workers starts a cluster on this machine"),
    (["archive", "families", "--db", "{tmp}/not-archive.duckdb"], "not a Storydiff archive"),
    (["archive", "index", "--sample", "--db", "{tmp}/a.duckdb", "--engine", "dask", "--scheduler", "no port"],
     "cannot reach the Dask scheduler at no port"),
    (["archive", "families", "--db", "{tmp}/a.duckdb", "--min-containment", "2"], "between 0 and 1"),
])
def test_bad_input_is_one_line_exit_2(tmp_path, capsys, argv, message):
    (tmp_path / "bad.csv").write_text("path,date\narticles/wire-frost.txt,14 March\n", encoding="utf-8")
    (tmp_path / "not-archive.duckdb").write_bytes(b"just some bytes, not a database" * 10)
    if "--min-containment" in argv:
        assert main(["archive", "index", "--sample", "--db", str(tmp_path / "a.duckdb"), "-q"]) == 0
        capsys.readouterr()
    assert main([a.replace("{tmp}", str(tmp_path)) for a in argv]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and message in err, err
    if argv[1] == "index":  # a refused index leaves no archive file behind
        assert not (tmp_path / "a.duckdb").exists()


def test_archive_without_its_format_row_is_refused_in_one_line(sample_db, capsys):
    import duckdb

    with duckdb.connect(str(sample_db)) as con:
        con.execute("DELETE FROM meta WHERE key = 'schema'")
    capsys.readouterr()
    # read-only (families) has nothing to check the file against: a one-line error, not a TypeError
    assert main(["archive", "families", "--db", str(sample_db)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "damaged Storydiff archive (no format version)" in err, err


def test_never_writes_over_an_archived_document_nor_indexes_itself(tmp_path, capsys):
    story = tmp_path / "story.txt"
    story.write_text("A council meeting ran late on Tuesday evening.\n", encoding="utf-8")
    before = story.read_bytes()
    db = str(tmp_path / "a.duckdb")
    assert main(["archive", "index", str(tmp_path), "--db", db, "-q"]) == 0
    assert main(["archive", "index", str(tmp_path), "--db", db]) == 0  # the folder now holds the archive too
    assert "0 skipped; the archive holds 1 documents" in capsys.readouterr().err
    assert main(["archive", "families", "--db", db, "-o", str(story)]) == 2
    assert "refusing to overwrite an archived document" in capsys.readouterr().err
    assert main(["archive", "index", str(story), "--db", str(story)]) == 2
    assert story.read_bytes() == before


def test_compare_command_unchanged(tmp_path, capsys):
    a = SAMPLE / "articles" / "wire-frost.txt"
    b = SAMPLE / "articles" / "farmers-frost.txt"
    assert main(["compare", str(a), str(b), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["schema"] == "storydiff/1"


def test_an_unreadable_file_is_skipped_with_a_warning(tmp_path, capsys):
    shutil.copytree(SAMPLE / "articles", tmp_path / "arts")
    (tmp_path / "arts" / "photo.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    db = str(tmp_path / "a.duckdb")
    assert main(["archive", "index", str(tmp_path / "arts"), "--db", db]) == 0
    err = capsys.readouterr().err
    assert "warning: skipped" in err and "photo.txt" in err and "binary" in err
    assert "1 skipped; the archive holds 10 documents" in err


def test_progress_without_a_terminal_is_a_few_lines():
    import io

    from engine.archive.progress import Progress

    out = io.StringIO()
    with Progress("shingling", 1000, out) as bar:
        for _ in range(1000):
            bar.advance()
    lines = out.getvalue().splitlines()
    assert 2 <= len(lines) <= 11 and "\r" not in out.getvalue()
    assert lines[-1].startswith("shingling") and "1,000/1,000" in lines[-1]


def test_archive_quotes_lists_a_quote_a_copy_altered(tmp_path, capsys):
    """The misquote finder: a copy that changed a word inside a quotation of its wire."""
    arts = tmp_path / "articles"
    shutil.copytree(SAMPLE / "articles", arts)
    wire = (arts / "wire-bridge.txt").read_bytes().decode("cp1252")
    copy = wire.replace("quieter, faster", "cheaper, faster").replace("07:42 14/03/24", "09:10 15/03/24")
    assert copy.count("cheaper") == 1 and "15/03/24" in copy
    (arts / "copy-bridge.txt").write_text(copy, encoding="cp1252")
    db = tmp_path / "a.duckdb"
    assert main(["archive", "index", str(arts), "--db", str(db), "--dates", str(SAMPLE / "dates.csv"), "-q"]) == 0
    out = tmp_path / "quotes.jsonl"
    assert main(["archive", "quotes", "--db", str(db), "-o", str(out)]) == 0
    assert "altered quotations in" in capsys.readouterr().err
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    mine = [r for r in rows if os.path.basename(r["version"]) == "copy-bridge.txt"]
    assert [(r["change"], os.path.basename(r["source"])) for r in mine] == [("altered", "wire-bridge.txt")]
    assert "quieter" in mine[0]["old"] and "cheaper" in mine[0]["new"]
    assert mine[0]["speaker_old"] == mine[0]["speaker_new"] == "Marta Vellacott"
    # the same as one escaped page, and as per-member counts in the family list
    page = tmp_path / "quotes.html"
    assert main(["archive", "quotes", "--db", str(db), "-o", str(page), "--format", "html", "-q"]) == 0
    assert "cheaper, faster" in page.read_text(encoding="utf-8")
    fams = tmp_path / "f.jsonl"
    assert main(["archive", "families", "--db", str(db), "-o", str(fams), "--facts", "-q"]) == 0
    counts = {os.path.basename(m["path"]): m.get("facts") for f in families(fams) for m in f["members"]}
    assert counts["copy-bridge.txt"] == {"quotes_altered": 1, "figures_changed": 0}
    assert counts["wire-bridge.txt"] is None  # the source itself has nothing to be compared with


def test_archive_quotes_reads_members_only_as_indexed_and_never_writes_over_them(tmp_path, capsys):
    """The misquote finder goes through the same member check and output guard as `families --compare`."""
    arts = tmp_path / "articles"
    shutil.copytree(SAMPLE / "articles", arts)
    wire = (arts / "wire-bridge.txt").read_bytes().decode("cp1252")
    copy = wire.replace("quieter, faster", "cheaper, faster").replace("07:42 14/03/24", "09:10 15/03/24")
    (arts / "copy-bridge.txt").write_text(copy, encoding="cp1252")
    db = tmp_path / "a.duckdb"
    assert main(["archive", "index", str(arts), "--db", str(db), "--dates", str(SAMPLE / "dates.csv"), "-q"]) == 0
    before = (arts / "wire-bridge.txt").read_bytes()
    capsys.readouterr()
    # -o onto an archived document: refused before any work, the document unchanged
    assert main(["archive", "quotes", "--db", str(db), "-o", str(arts / "wire-bridge.txt")]) == 2
    assert "archived document" in capsys.readouterr().err
    assert (arts / "wire-bridge.txt").read_bytes() == before
    # the copy edited after indexing: left out with a reason, never compared as it is now
    (arts / "copy-bridge.txt").write_text(copy.replace("cheaper", "costlier"), encoding="cp1252")
    out = tmp_path / "quotes.jsonl"
    assert main(["archive", "quotes", "--db", str(db), "-o", str(out), "-q"]) == 0
    assert "changed since it was indexed" in capsys.readouterr().err
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert not [r for r in rows if os.path.basename(r["version"]) == "copy-bridge.txt"]
