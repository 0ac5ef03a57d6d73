"""The HTTP client against a local server: pages, redirects, and every fault in one clear line."""

from __future__ import annotations

import socket
import time

import pytest

from engine.web.client import MAX_REDIRECTS, USER_AGENT, Fetcher, FetchError
from engine.web.page import fetch_source, page_source, version_name

from .server import Server, gzip_bomb, html, page


def _fetcher(**kw) -> Fetcher:
    return Fetcher(timeout=kw.pop("timeout", 0.5), deadline=kw.pop("deadline", 3.0), **kw)


def _problem(url: str, **kw) -> str:
    with _fetcher(**kw) as f, pytest.raises(FetchError) as e:
        page_source(f.get(url), keep=False)
    line = str(e.value)
    assert "\n" not in line and line.startswith(url)
    return e.value.problem


def test_a_page_is_fetched_read_named_by_site_and_time_and_kept():
    with Server() as s:
        s.routes["/story"] = html(page("Ferry fined", ["The ferry company was fined £48,000 on Monday."]))
        src = fetch_source(s.url("/story"))
        agent = s.log[0][1]["User-Agent"]
    assert agent == USER_AGENT and agent.startswith("Storydiff/")
    assert src.text.startswith("# Ferry fined") and "Share" not in src.text and "Footer" not in src.text
    assert src.name.startswith("127.0.0.1 ") and src.name.endswith("Z") and src.fmt == "html"
    with open(src.path, "rb") as fh:  # the page as fetched, kept in the cache
        assert b"<h1>Ferry fined</h1>" in fh.read()


def _redirect(to: str):
    return lambda p, h, n: (302, {"Location": to}, b"")


def test_redirects_are_followed_up_to_five():
    with Server() as s:
        for k in range(MAX_REDIRECTS + 1):
            s.routes[f"/r{k}"] = _redirect(f"/r{k + 1}")
        s.routes[f"/r{MAX_REDIRECTS}"] = html(page("Arrived", ["After five redirects the page itself."]))
        with _fetcher() as f:
            got = f.get(s.url("/r0"))
        assert got.final_url == s.url(f"/r{MAX_REDIRECTS}") and got.status == 200
        s.routes[f"/r{MAX_REDIRECTS}"] = lambda p, h, n: (302, {"Location": f"/r{MAX_REDIRECTS + 1}"}, b"")
        assert "too many redirects" in _problem(s.url("/r0"))
        s.routes["/a"] = lambda p, h, n: (301, {"Location": "/b"}, b"")
        s.routes["/b"] = lambda p, h, n: (301, {"Location": "/a"}, b"")
        assert "redirect loop" in _problem(s.url("/a"))


def test_dns_failure():
    assert "could not find the host nowhere.invalid" in _problem("http://nowhere.invalid/story")


def test_refused_connection():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    assert "refused the connection" in _problem(f"http://127.0.0.1:{port}/")


def test_tls_error():
    with Server() as s:  # plain HTTP spoken to a TLS client
        s.routes["/"] = html(b"<p>plain</p>")
        assert "TLS error" in _problem(s.url("/").replace("http://", "https://"))


def test_timeouts():
    with Server() as s:
        s.routes["/slow"] = lambda p, h, n: (time.sleep(1.5), (200, {}, b"late"))[1]
        s.routes["/drip"] = "drip"
        assert "timed out waiting for 127.0.0.1" in _problem(s.url("/slow"))
        assert "took longer than 1 s" in _problem(s.url("/drip"), timeout=1.0, deadline=1.0)


@pytest.mark.parametrize("status,words", [(404, "HTTP 404 Not Found"), (410, "HTTP 410 Gone"),
                                          (500, "HTTP 500 Internal Server Error"), (503, "HTTP 503")])
def test_http_errors(status, words):
    with Server() as s:
        s.routes["/x"] = html(b"<p>error page</p>", status=status)
        assert _problem(s.url("/x")).startswith(words)


def test_non_html_is_refused_by_content_and_type():
    with Server() as s:
        s.routes["/img"] = lambda p, h, n: (200, {"Content-Type": "text/html"}, b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
        s.routes["/json"] = lambda p, h, n: (200, {"Content-Type": "application/json"}, b'{"a": 1}')
        assert "is a PNG image" in _problem(s.url("/img"))
        assert "is application/json, not a web page" in _problem(s.url("/json"))


def test_huge_endless_and_bomb_bodies_stop_at_the_cap():
    with Server() as s:
        s.routes["/big"] = lambda p, h, n: (200, {"Content-Type": "text/html", "Content-Length": str(10**9)}, b"")
        s.routes["/endless"] = "endless"
        bomb = gzip_bomb(20_000_000)
        s.routes["/bomb"] = lambda p, h, n: (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, bomb)
        assert "larger than 1 MB" in _problem(s.url("/big"), max_bytes=1_000_000)
        assert "larger than 1 MB" in _problem(s.url("/endless"), max_bytes=1_000_000)
        assert "compression bomb" in _problem(s.url("/bomb"), max_bytes=1_000_000)


def test_gzip_pages_and_the_header_charset_are_read():
    import gzip

    body = page("Caf\u00e9 closes", ["The caf\u00e9 on the quay closed after 41 years, its owner said."])
    latin = body.decode().replace("<meta charset='utf-8'>", "").encode("cp1252")
    with Server() as s:
        s.routes["/gz"] = lambda p, h, n: (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"},
                                           gzip.compress(body))
        s.routes["/latin"] = lambda p, h, n: (200, {"Content-Type": "text/html; charset=windows-1252"}, latin)
        assert "caf\u00e9 on the quay" in fetch_source(s.url("/gz")).text
        assert "caf\u00e9 on the quay" in fetch_source(s.url("/latin")).text


def test_only_web_addresses():
    with _fetcher() as f:
        for bad in ("file:///etc/passwd", "ftp://example.invalid/x", "http://"):
            with pytest.raises(FetchError, match="not an http"):
                f.get(bad)


def test_version_name_is_site_and_utc_time():
    import datetime as dt

    when = dt.datetime(2024, 5, 1, 16, 3, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert version_name("https://www.example.org/a?b=1", when) == "example.org 2024-05-01 14:03:00Z"
