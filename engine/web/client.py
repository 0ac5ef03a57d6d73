"""Fetching one URL safely: the HTTP client every network feature of Storydiff uses.

`Fetcher.get(url)` returns a `Fetched` (final URL, status, headers, body bytes, fetch
time) or raises `FetchError`, whose message is one line naming the URL and the problem:
the host not found, the connection refused or timed out, a TLS failure, an HTTP error
status, a redirect loop or more than `MAX_REDIRECTS` redirects, a body over the size
cap, a compression bomb, a scheme other than http/https.

Bounds, because a page is untrusted input: connect/read timeouts and an overall
deadline per request (a server dripping one byte a second is stopped too), at most
`max_bytes` of body after decompression, which this module does itself (gzip and
deflate only, the encodings it asks for) with zlib's output limit, so a small gzip
bomb never inflates past the cap in memory. Redirects are followed here, one by one,
so each hop is counted and checked. The User-Agent names Storydiff and its version.
Conditional requests (`etag`, `last_modified`) give a 304 `Fetched` with no body.
"""

from __future__ import annotations

import datetime as dt
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__
from ..errors import StorydiffError

MAX_REDIRECTS = 5
MAX_BYTES = 16 * 1024 * 1024  # a news page is well under 5 MB; 16 MB is a generous cap
USER_AGENT = f"Storydiff/{__version__} (+https://pypi.org/project/storydiff/; article version tracker)"


class FetchError(StorydiffError):
    """A URL could not be fetched; the message is one line naming the URL and the problem."""

    def __init__(self, url: str, problem: str, status: int | None = None) -> None:
        self.url, self.problem, self.status = url, problem, status
        super().__init__(f"{url}: {problem}")


@dataclass(frozen=True)
class Fetched:
    url: str  # as asked
    final_url: str  # after redirects
    status: int
    body: bytes
    fetched: dt.datetime  # UTC, when the response arrived
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip("\"' ").lower()
        return None


def check_url(url: str) -> str:
    """The URL stripped, or FetchError when it is not an http(s) URL with a host."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(url, "not an http:// or https:// URL")
    return url


class _Inflater:
    """gzip/deflate decoding with a bound on the output: never more than `limit` bytes in memory."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self.out = 0
        self.raw_in = 0
        wbits = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}[encoding]
        self.d = zlib.decompressobj(wbits)
        self.deflate = encoding == "deflate"

    def feed(self, chunk: bytes) -> bytes:
        self.raw_in += len(chunk)
        data = self.d.unconsumed_tail + chunk
        try:
            got = self.d.decompress(data, self.limit - self.out + 1)
        except zlib.error:
            if self.deflate and self.out == 0:  # raw deflate without the zlib header (old servers)
                self.d = zlib.decompressobj(-zlib.MAX_WBITS)
                self.deflate = False
                got = self.d.decompress(data, self.limit - self.out + 1)
            else:
                raise
        self.out += len(got)
        return got


class Fetcher:
    """One HTTP client (connection reuse, one User-Agent); a context manager."""

    def __init__(self, timeout: float = 20.0, deadline: float = 60.0, max_bytes: int = MAX_BYTES,
                 verify: bool | str = True, transport: httpx.BaseTransport | None = None) -> None:
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)), follow_redirects=False,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate",
                     "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
            verify=verify, transport=transport, trust_env=False)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            accept: str | None = None) -> Fetched:
        """Fetch `url`, following up to MAX_REDIRECTS redirects; see the module docstring."""
        url = check_url(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        start = time.monotonic()
        seen = [url]
        current = url
        while True:
            status, head, body = self._one(url, current, headers, start)
            if status in (301, 302, 303, 307, 308) and "location" in head:
                nxt = urljoin(current, head["location"].strip())
                if urlsplit(nxt).scheme.lower() not in ("http", "https"):
                    raise FetchError(url, f"redirected to a non-web address ({nxt[:80]})")
                if nxt in seen:
                    raise FetchError(url, f"redirect loop ({current} → {nxt})")
                if len(seen) > MAX_REDIRECTS:
                    raise FetchError(url, f"too many redirects (more than {MAX_REDIRECTS})")
                seen.append(nxt)
                current = nxt
                continue
            if status >= 400:
                reason = _REASONS.get(status, "")
                raise FetchError(url, f"HTTP {status}{' ' + reason if reason else ''}", status)
            return Fetched(url, current, status, body, dt.datetime.now(dt.UTC), head)

    def _one(self, url: str, current: str, headers: dict[str, str], start: float) -> tuple[int, dict[str, str], bytes]:
        host = urlsplit(current).hostname or current
        try:
            with self.client.stream("GET", current, headers=headers) as r:
                head = {k.lower(): v for k, v in r.headers.items()}
                if r.status_code in (301, 302, 303, 307, 308, 304) or r.status_code >= 400:
                    return r.status_code, head, b""
                return r.status_code, head, self._body(url, r, head, start)
        except FetchError:
            raise
        except httpx.ConnectTimeout:
            raise FetchError(url, f"timed out connecting to {host}") from None
        except httpx.TimeoutException:
            raise FetchError(url, f"timed out waiting for {host}") from None
        except httpx.ConnectError as e:
            raise FetchError(url, _connect_problem(str(e), host)) from None
        except (httpx.RemoteProtocolError, httpx.ReadError) as e:
            raise FetchError(url, f"{host} broke off the response ({_first_line(e)})") from None
        except httpx.HTTPError as e:
            raise FetchError(url, f"could not be fetched ({_first_line(e)})") from None

    def _body(self, url: str, r: httpx.Response, head: dict[str, str], start: float) -> bytes:
        encoding = head.get("content-encoding", "identity").strip().lower()
        if encoding not in ("identity", "", "gzip", "x-gzip", "deflate"):
            raise FetchError(url, f"sent its page in an encoding Storydiff does not read ({encoding})")
        declared = head.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes and encoding in ("identity", ""):
            raise FetchError(url, _too_large(self.max_bytes))
        inflater = _Inflater(encoding, self.max_bytes) if encoding not in ("identity", "") else None
        parts: list[bytes] = []
        size = 0
        for chunk in r.iter_raw():  # every network read: the deadline is checked as bytes come
            if time.monotonic() - start > self.deadline:
                raise FetchError(url, f"took longer than {self.deadline:.0f} s to send its page (endless?)")
            try:
                data = inflater.feed(chunk) if inflater else chunk
            except zlib.error:
                raise FetchError(url, f"sent damaged {encoding} data") from None
            size += len(data)
            if size > self.max_bytes:
                if inflater is not None and inflater.out > 50 * inflater.raw_in:
                    raise FetchError(url, f"inflates past {self.max_bytes / 1e6:.0f} MB from "
                                          f"{inflater.raw_in / 1e3:.0f} KB (a compression bomb?)")
                raise FetchError(url, _too_large(self.max_bytes))
            parts.append(data)
        return b"".join(parts)


def _too_large(limit: int) -> str:
    return f"is larger than {limit / 1e6:.0f} MB (the limit for a page)"


def _first_line(e: Exception) -> str:
    text = str(e).strip().splitlines()
    return (text[0] if text else e.__class__.__name__)[:160]


def _connect_problem(message: str, host: str) -> str:
    low = message.lower()
    if "name or service not known" in low or "nodename nor servname" in low or "no address associated" in low \
            or "temporary failure in name resolution" in low or "getaddrinfo" in low or "errno -2" in low \
            or "errno -3" in low or "errno -5" in low:
        return f"could not find the host {host} (DNS lookup failed)"
    if "refused" in low:
        return f"{host} refused the connection"
    if "ssl" in low or "certificate" in low or "tls" in low:
        return f"TLS error talking to {host} ({message.splitlines()[0][:120]})"
    if "unreachable" in low:
        return f"{host} is unreachable (network down?)"
    return f"could not connect to {host} ({message.splitlines()[0][:120] if message else 'no reason given'})"


_REASONS = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 410: "Gone",
            429: "Too Many Requests", 451: "Unavailable For Legal Reasons", 500: "Internal Server Error",
            502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}
