"""Benchmark: one `track poll` of N tracked URLs served on 127.0.0.1.

    python bench/bench_track.py [--urls 1000] [--paragraphs 25]

A child process serves N invented news pages (each with page chrome, ETag and
Last-Modified) on 127.0.0.1; this process tracks them in a fresh archive file and polls
three times: first (every page new: fetch, extract, fingerprint, store the version and
the raw page), again (same pages: fetched and extracted, nothing stored) and once more
with the server answering 304 to the validators. Printed: URLs per second of each poll,
the peak resident memory of this process (ru_maxrss) after each, and the archive's
size. The baseline, run first in the same process, fetches the same N URLs with the same
client and does nothing else: the ratio says what reading and storing cost on top of
the network. --delay is 0 (one site; the per-site delay would otherwise set the pace).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import socket
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORDS = ("council harbour plan vote port authority fishing crews appeal work april months said tuesday "
         "minister budget school library flood wall river homes engineers report inspectors ferry").split()


def _page(k: int, paragraphs: int) -> bytes:
    paras = "".join(f"<p>{' '.join(WORDS[(k + i * 7 + j) % len(WORDS)] for j in range(40))}, story {k} part {i}.</p>"
                    for i in range(paragraphs))
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>Story {k}</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><main><article><h1>Story {k} headline</h1>"
            f"<p class='standfirst'>The standfirst of story {k}, a sentence long enough to be read as one.</p>"
            f"<div class='byline'>By A. Writer</div><time>Updated 5 minutes ago</time>"
            f"<div class='article-body'>{paras}</div><div class='share'><a href='#'>Share</a></div></article>"
            f"</main><aside class='related'><a href='/x'>Related story</a></aside><footer>© News</footer>"
            f"</body></html>").encode()


def _serve(port_queue, n: int, paragraphs: int) -> None:
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    pages = {f"/s/{k}": _page(k, paragraphs) for k in range(n)}

    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def setup(self) -> None:
            super().setup()
            # Headers and body go out in two writes: without this, Nagle's algorithm and the
            # client's delayed ACK add ~40 ms to every response and the bench measures that.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_GET(self) -> None:
            body = pages.get(self.path)
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            tag = f'"{hash(body) & 0xffffffff:x}"'
            if self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.send_header("ETag", tag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("ETag", tag)
            self.send_header("Last-Modified", "Wed, 01 May 2024 09:00:00 GMT")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
    port_queue.put(httpd.server_address[1])
    httpd.serve_forever()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--urls", type=int, default=1000)
    ap.add_argument("--paragraphs", type=int, default=25)
    a = ap.parse_args()
    from engine.track.poll import poll
    from engine.track.store import TrackStore
    from engine.web.client import Fetcher

    q: mp.Queue = mp.Queue()
    server = mp.Process(target=_serve, args=(q, a.urls, a.paragraphs), daemon=True)
    server.start()
    try:
        port = q.get(timeout=30)
        urls = [f"http://127.0.0.1:{port}/s/{k}" for k in range(a.urls)]
        page_kb = len(_page(0, a.paragraphs)) / 1024
        print(f"{a.urls} URLs on one local site, pages of {page_kb:.0f} KB ({a.paragraphs} paragraphs); "
              f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
        with Fetcher() as f:
            t0 = time.perf_counter()
            for u in urls:
                f.get(u)
            base = time.perf_counter() - t0
        print(f"baseline (fetch only, same client): {a.urls / base:,.0f} URLs/s, peak RSS {_peak_mb():.0f} MB")
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "track.duckdb")
            with TrackStore.open(db) as store:
                for u in urls:
                    store.add(u)
            for label in ("first poll (all new)", "second poll (unchanged, 200)", "third poll (304 not modified)"):
                with TrackStore.open(db) as store, Fetcher() as f:
                    if label.startswith("second"):  # forget the validators: every page comes again in full
                        store.con.execute("UPDATE track_urls SET etag = NULL, last_modified = NULL")
                    t0 = time.perf_counter()
                    s = poll(store, f, delay=0.0)
                    took = time.perf_counter() - t0
                print(f"{label}: {a.urls / took:,.0f} URLs/s ({took:.1f} s; {base / took:.2f}x the baseline's rate), "
                      f"peak RSS {_peak_mb():.0f} MB — {s.line()}")
            print(f"archive file: {os.path.getsize(db) / 1e6:.1f} MB for {a.urls} versions with their raw pages")
    finally:
        server.terminate()
        server.join()


if __name__ == "__main__":
    main()
