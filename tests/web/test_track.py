"""storydiff-cli track against a local server: pages that change, feeds, a fake CDX service, faults."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from engine.cli import main
from engine.track.poll import poll
from engine.track.store import PollLock, TrackStore
from engine.web.client import Fetcher

from .server import Server, html, page

FIRST = ["The council approved the harbour plan by 7 votes to 2 on Tuesday evening.",
         "Work will start in April and take 18 months, the port authority said."]


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_poll_stores_a_version_only_when_the_article_text_changes(tmp_path, capsys):
    db = str(tmp_path / "t.duckdb")
    state = {"paras": FIRST, "extra": "<p class='when'>Updated 5 minutes ago</p>"}

    def story(path, req, n):
        return 200, {"Content-Type": "text/html"}, page("Harbour plan approved", state["paras"], state["extra"])

    with Server() as s:
        s.routes["/story"] = story
        url = s.url("/story")
        assert _run(capsys, "track", "add", url, "--db", db)[0] == 0
        code, out, _ = _run(capsys, "track", "poll", "--db", db, "--delay", "0")
        assert code == 0 and "1 new version" in out
        # Markup, white space, a timestamp and a relative time change: the same article.
        state["extra"] = "<div class='x'><p>Updated 9 minutes ago</p></div><span> </span>"
        state["paras"] = [p.replace(" ", "  ") for p in FIRST]
        code, out, _ = _run(capsys, "track", "poll", "--db", db, "--delay", "0")
        assert "0 new versions, 1 unchanged" in out
        state["paras"] = [FIRST[0].replace("7 votes to 2", "6 votes to 3"), FIRST[1], "Fishing crews said they would appeal."]
        code, out, _ = _run(capsys, "track", "poll", "--db", db, "--delay", "0")
        assert "1 new version" in out
        code, out, _ = _run(capsys, "track", "history", url, "--db", db, "--format", "json")
    doc = json.loads(out)
    assert doc["url"] == url and [v["title"] for v in doc["versions"]] == ["Harbour plan approved"] * 2
    assert doc["versions"][0]["change"] == "first version"
    assert doc["versions"][1]["change"] == "1 paragraph edited; 1 paragraph added"
    assert doc["versions"][0]["fetched"] <= doc["versions"][1]["fetched"] and doc["versions"][1]["fetched"].endswith("Z")
    code, out, _ = _run(capsys, "track", "history", url, "--db", db)
    assert code == 0 and "2 versions" in out and "1 paragraph edited" in out
    report = tmp_path / "c.json"
    assert _run(capsys, "track", "compare", url, "--db", db, "--format", "json", "-o", str(report))[0] == 0
    c = json.loads(report.read_text())
    assert c["schema"] == "storydiff/1" and len(c["versions"]) == 2
    assert any(link["relation"] == "edited" for link in c["pairs"][0]["links"])


def test_etag_and_robots_and_a_failing_url_do_not_stop_the_poll(tmp_path, capsys):
    db = str(tmp_path / "t.duckdb")

    def tagged(path, req, n):
        if req.get("If-None-Match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        return 200, {"Content-Type": "text/html", "ETag": '"v1"'}, page("Tagged", FIRST)

    with Server() as s:
        s.routes["/robots.txt"] = lambda p, h, n: (200, {"Content-Type": "text/plain"},
                                                   b"User-agent: *\nDisallow: /private\n")
        s.routes["/tagged"] = tagged
        s.routes["/gone"] = html(b"<p>gone</p>", status=410)
        s.routes["/private/x"] = html(page("Private", FIRST))
        urls = [s.url("/gone"), s.url("/tagged"), s.url("/private/x"), "http://nowhere.invalid/a"]
        _run(capsys, "track", "add", *urls, "--db", db)
        code, out, err = _run(capsys, "track", "poll", "--db", db, "--delay", "0")
        assert code == 1 and "polled 4 URLs: 1 new version" in out and "1 skipped, 2 failed" in out
        assert "HTTP 410 Gone" in err and "could not find the host nowhere.invalid" in err
        assert len(err.strip().splitlines()) == 2
        code, out, err = _run(capsys, "track", "poll", "--db", db, "--delay", "0")
        assert "(1 not modified)" in out
        assert ("/private/x", ) not in [(p,) for p, _ in s.log]  # robots.txt was obeyed
        code, out, _ = _run(capsys, "track", "history", s.url("/gone"), "--db", db, "--format", "json")
    assert [f["problem"] for f in json.loads(out)["failures"]] == ["HTTP 410 Gone"] * 2
    with TrackStore.open(db, read_only=True) as store:
        outcomes = {t.url: t.outcome for t in store.tracked()}
    assert outcomes[urls[2]] == "skipped" and outcomes[urls[1]] == "not modified"


def test_each_site_waits_its_delay_and_sites_take_turns(tmp_path):
    with Server() as a, Server() as b:
        for srv in (a, b):
            srv.routes["/robots.txt"] = html(b"", status=404)
            for k in range(3):
                srv.routes[f"/{k}"] = html(page(f"Story {k}", FIRST))
        with TrackStore.open(tmp_path / "t.duckdb") as store, Fetcher() as f:
            for k in range(3):
                store.add(a.url(f"/{k}"))
                store.add(b.url(f"/{k}"))
            sleeps: list[float] = []
            summary = poll(store, f, delay=5.0, sleep=sleeps.append)
    assert summary.new == 6 and not summary.failed
    # Each site waits after its robots.txt and between pages; the other site's turn comes in between.
    assert len(sleeps) >= 4 and all(s <= 5.0 for s in sleeps)
    order = [p for srv in (a, b) for p, _ in srv.log]
    assert order.count("/robots.txt") == 2


def test_feed_items_are_tracked(tmp_path, capsys):
    db = str(tmp_path / "t.duckdb")
    with Server() as s:
        items = "".join(f"<item><title>Story {k}</title><link>{s.url(f'/s{k}')}</link></item>" for k in range(3))
        s.routes["/feed.xml"] = lambda p, h, n: (200, {"Content-Type": "application/rss+xml"},
                                                 f"<rss version='2.0'><channel><title>News</title>{items}"
                                                 f"<item><link>javascript:alert(1)</link></item></channel></rss>".encode())
        s.routes["/notfeed"] = html(b"<html><body><p>just a page</p></body></html>")
        code, out, _ = _run(capsys, "track", "add", "--feed", s.url("/feed.xml"), "--db", db)
        assert code == 0 and "tracking 3 new URLs" in out
        code, _, err = _run(capsys, "track", "add", "--feed", s.url("/notfeed"), "--db", db)
        assert code == 2 and "is not an RSS or Atom feed" in err
    with TrackStore.open(db, read_only=True) as store:
        assert [t.url for t in store.tracked()] == [s.url(f"/s{k}") for k in range(3)]


def test_wayback_history_from_a_cdx_service(tmp_path, capsys):
    db = str(tmp_path / "t.duckdb")
    article = "http://news.invalid/harbour"
    texts = {"20210301120000": FIRST, "20210302120000": FIRST,
             "20210305090000": [FIRST[0].replace("Tuesday", "Monday"), FIRST[1]]}
    with Server() as s:
        rows = [["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]]
        rows += [["x", ts, article, "text/html", "200", f"D{ts[:8]}", "1"] for ts in texts]
        rows.append(["x", "20210306000000", article, "text/html", "200", "D20210305", "1"])  # a repeat digest
        s.routes["/cdx/search/cdx"] = lambda p, h, n: (200, {"Content-Type": "application/json"},
                                                       json.dumps(rows).encode())
        for ts, paras in texts.items():
            s.routes[f"/web/{ts}id_/{article}"] = html(page("Harbour plan", paras))
        code, out, _ = _run(capsys, "track", "wayback", article, "--db", db, "--delay", "0",
                            "--wayback-url", s.url(""))
        assert code == 0 and "2 versions stored from the archive, 1 with text already stored" in out
        assert "url=http%3A%2F%2Fnews.invalid%2Fharbour" in s.log[0][0] and "output=json" in s.log[0][0]
        code, out, _ = _run(capsys, "track", "history", article, "--db", db, "--format", "json")
    versions = json.loads(out)["versions"]
    assert [v["fetched"] for v in versions] == ["2021-03-01T12:00:00Z", "2021-03-05T09:00:00Z"]
    assert versions[1]["origin"] == "wayback" and versions[1]["change"] == "1 paragraph edited"


def test_two_polls_at_once_refuse_cleanly(tmp_path, capsys):
    db = str(tmp_path / "t.duckdb")
    _run(capsys, "track", "add", "http://nowhere.invalid/a", "--db", db)
    with PollLock(db):
        code, out, err = _run(capsys, "track", "poll", "--db", db)
    assert code == 2 and err.count("\n") == 1 and "another poll of this archive is running" in err


def test_a_file_that_is_not_an_archive_is_never_altered(tmp_path, capsys):
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE mine(x INTEGER)")
    con.close()
    text = tmp_path / "notes.txt"
    text.write_text("my notes\n")
    for path in (other, text):
        before = path.read_bytes()
        code, _, err = _run(capsys, "track", "add", "http://nowhere.invalid/a", "--db", str(path))
        assert code == 2 and err.count("\n") == 1 and path.read_bytes() == before


def _story(k: int, slow: bool):
    def answer(path, req, n):
        if slow:
            time.sleep(30)  # the poll is killed while it waits here
        return 200, {"Content-Type": "text/html"}, page(f"Story {k}", FIRST)
    return answer


def test_a_poll_killed_mid_way_loses_nothing_stored(tmp_path):
    db = str(tmp_path / "t.duckdb")
    with Server() as s:
        s.routes["/robots.txt"] = html(b"", status=404)
        for k in range(6):
            s.routes[f"/{k}"] = _story(k, slow=k >= 3)
        with TrackStore.open(db) as store:
            for k in range(6):
                store.add(s.url(f"/{k}"))
        env = {**os.environ, "STORYDIFF_CACHE": str(tmp_path / "cache")}
        proc = subprocess.Popen([sys.executable, "-m", "engine.cli", "track", "poll", "--db", db, "--delay", "0"],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while s.hits.get("/3", 0) == 0 and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.05)
            assert s.hits.get("/3", 0) == 1, "the poll never reached the slow page"
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
    with TrackStore.open(db, read_only=True) as store:
        counts = {t.url: t.versions for t in store.tracked()}
    assert [counts[s.url(f"/{k}")] for k in range(6)] == [1, 1, 1, 0, 0, 0]


def test_usage_errors_are_one_line(tmp_path, capsys):
    db = str(tmp_path / "t.duckdb")
    for argv in (["track", "add", "--db", db], ["track", "add", "ftp://x.invalid/", "--db", db],
                 ["track", "history", "http://x.invalid/", "--db", db]):
        code, _, err = _run(capsys, *argv)
        assert code == 2 and err.count("\n") == 1, (argv, err)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_compare_urls_and_files_from_the_command_line(tmp_path, capsys, fmt):
    local = tmp_path / "wire.txt"
    local.write_text("Harbour plan approved\n\n" + "\n\n".join(FIRST) + "\n")
    with Server() as s:
        s.routes["/a"] = html(page("Harbour plan approved", FIRST))
        s.routes["/b"] = html(page("Harbour plan approved", [FIRST[0].replace("7", "6"), FIRST[1]]))
        code, out, err = _run(capsys, "compare", s.url("/a"), s.url("/b"), str(local), "--format", fmt)
        assert code == 0, err
        if fmt == "json":
            doc = json.loads(out)
            assert [v["name"].split()[0] for v in doc["versions"]] == ["127.0.0.1", "127.0.0.1", "wire.txt"]
            assert os.path.exists(doc["versions"][0]["path"])  # the page as fetched, kept
        code, _, err = _run(capsys, "compare", s.url("/missing"), str(local))
        assert code == 2 and err.strip().endswith("HTTP 404 Not Found") and err.count("\n") == 1


def test_polling_an_archive_that_does_not_exist_is_one_line(tmp_path, capsys):
    db = tmp_path / "missing.duckdb"
    code, _, err = _run(capsys, "track", "poll", "--db", str(db))
    assert code == 2 and "no such archive" in err and not db.exists()
