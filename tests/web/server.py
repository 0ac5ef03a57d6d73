"""A local HTTP server for the network tests: a thread serving on 127.0.0.1 only.

Routes map a path to a function of the request (path, headers, hit count) returning
(status, headers, body), or to one of the misbehaviours the client must survive:
a body that never ends, a body dripped slower than the deadline, a gzip bomb. Every
request is logged (path, headers) so tests can check what the client sent.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Handler = Callable[[str, dict, int], tuple[int, dict, bytes]]


def page(title: str, paragraphs: list[str], extra: str = "") -> bytes:
    """An invented news page: headline, standfirst, body, and chrome around it."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<nav><a href='/'>Home</a></nav><main><article><h1>{title}</h1>{extra}"
            f"<div class='story-body'>{body}</div><div class='share-bar'><a href='#'>Share</a></div>"
            f"</article></main><footer>Footer text</footer></body></html>").encode()


def gzip_bomb(size: int) -> bytes:
    """`size` bytes of zeros, gzipped (about 1,000 to 1)."""
    return gzip.compress(b"\0" * size, 9)


class _Quiet(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a client hanging up is no news here (its traceback would reach the CLI's captured stderr)


class Server:
    """`with Server() as s:` serves `s.routes` at `s.url(path)` until the block ends."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler | str] = {}
        self.hits: dict[str, int] = {}
        self.log: list[tuple[str, dict]] = []
        self.lock = threading.Lock()
        outer = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                path = self.path
                with outer.lock:
                    n = outer.hits[path] = outer.hits.get(path, 0) + 1
                    outer.log.append((path, dict(self.headers)))
                route = outer.routes.get(path) or outer.routes.get(path.split("?")[0])
                if route is None:
                    self._send(404, {"Content-Type": "text/plain"}, b"not found")
                elif route == "endless":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.end_headers()
                    try:
                        for _ in range(100_000):  # bounded: the client stops long before
                            self.wfile.write(b"<p>" + b"x" * 65536 + b"</p>")
                    except OSError:
                        pass
                elif route == "drip":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", "100000")
                    self.end_headers()
                    try:
                        for _ in range(60):  # a byte every 0.1 s: never a read timeout, never done
                            self.wfile.write(b"<")
                            self.wfile.flush()
                            time.sleep(0.1)
                    except OSError:
                        pass
                elif callable(route):
                    self._send(*route(path, dict(self.headers), n))

            def _send(self, status: int, headers: dict, body: bytes) -> None:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:
                    pass

        self.httpd = _Quiet(("127.0.0.1", 0), H)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def html(body: bytes, status: int = 200, **headers: str) -> Handler:
    """A route answering `body` as HTML."""
    h = {"Content-Type": "text/html; charset=utf-8", **{k.replace("_", "-"): v for k, v in headers.items()}}
    return lambda path, req, n: (status, h, body)
