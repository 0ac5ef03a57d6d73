"""Saving and reopening a comparison as one `.storydiff` file.

The file is JSON: a format tag and version, the versions' texts (as extracted, so
a saved web page or PDF reopens without the original file), their names and where
they came from, the base and the options. The comparison itself is not stored:
reopening compares again, so a newer engine reads an old session its own way.

Writing goes through `write_atomic` (temporary file, then rename): a crash never
leaves half a session, and a session of fewer than two versions is never written.
Reading trusts nothing: a damaged, truncated, foreign or too-new file is a one-line
StorydiffError naming the file, never a crash. What can be mended without guessing
is mended: a lone surrogate (JSON allows `"\ud800"`, UTF-8 cannot hold it) becomes
U+FFFD, as an invalid byte does when a file is decoded, and a `names` list shorter or
longer than the versions is matched to them one by one, each version without a name
keeping its own, so every version of the file opens.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from ..errors import StorydiffError
from ..model import Options
from .formats import SESSION_SUFFIX
from .loading import MAX_BYTES, Source, read_bytes
from .safe_write import OutputGuard, write_atomic

FORMAT = "storydiff-session"
VERSION = 1
SUFFIX = SESSION_SUFFIX  # from the one table of formats


@dataclass(frozen=True)
class Session:
    sources: list[Source]
    base: int
    options: Options
    names: list[str] | None = None


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # json.loads pairs the valid ones itself


def _text(value: str) -> str:
    return _LONE_SURROGATE.sub("\ufffd", value)


def session_dict(sources: list[Source], base: int, options: Options,
                 names: list[str] | None = None) -> dict[str, Any]:
    """The JSON document of a session (at least two versions: fewer cannot be reopened)."""
    if len(sources) < 2:
        raise StorydiffError(f"a session needs at least two versions, not {len(sources)}")
    if names is not None and len(names) != len(sources):
        raise StorydiffError(f"{len(names)} names for {len(sources)} versions")
    if not 0 <= base < max(1, len(sources)):
        raise StorydiffError(f"base must be a version number from 0 to {len(sources) - 1}, not {base}")
    return {
        "format": FORMAT,
        "version": VERSION,
        "base": base,
        "options": options.to_dict(),
        "names": [_text(n) for n in names] if names is not None else None,
        # Mended on the way out too: a lone surrogate (pasted text can hold one) cannot be written as UTF-8.
        "sources": [{"name": _text(s.name), "text": _text(s.text), "path": _text(s.path) if s.path else s.path,
                     "encoding": s.encoding, "fmt": s.fmt, "published": s.published}
                    for s in sources],
    }


def save_session(path: str | os.PathLike[str], sources: list[Source], base: int, options: Options,
                 names: list[str] | None = None, guard: OutputGuard | None = None) -> None:
    """Write a session to `path` atomically; never over the versions' own files (nor what `guard` protects)."""
    doc = session_dict(sources, base, options, names)
    guard = guard or OutputGuard()
    guard.protect([s.path for s in sources if s.path], "a version of this session")
    write_atomic(path, json.dumps(doc, ensure_ascii=False, indent=1) + "\n", guard)


def _fail(path: str, problem: str) -> StorydiffError:
    return StorydiffError(f"{path}: {problem}")


def _options(raw: Any, where: str) -> Options:
    if not isinstance(raw, dict):
        raise _fail(where, "is a damaged session (options are not a mapping)")
    known = {f.name: f for f in fields(Options)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            continue  # an option a newer Storydiff added: ignore rather than refuse
        default = getattr(Options(), key)
        if isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, float):
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        else:
            ok = isinstance(value, type(default))
        if not ok:
            raise _fail(where, f"is a damaged session (option {key!r} has a {type(value).__name__})")
        values[key] = float(value) if isinstance(default, float) else value
    try:
        return Options(**values)
    except StorydiffError as e:
        raise _fail(where, f"is a damaged session ({e})") from None


def _published(value: Any) -> str | None:
    """A saved publication time: ISO 8601 text, else nothing (never an error: it is a hint)."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return None
    return value


def _names(raw: Any, sources: list[Source], where: str) -> list[str] | None:
    """One name per version: the saved name where there is one, else the version's own."""
    if raw is None:
        return None
    if not isinstance(raw, list) or not all(isinstance(n, str) for n in raw):
        raise _fail(where, "is a damaged session (names are not a list of text)")
    return [_text(raw[k]) if k < len(raw) else s.name for k, s in enumerate(sources)]


def session_from_dict(doc: Any, where: str = "session") -> Session:
    """Validate a parsed session document."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _fail(where, "is not a Storydiff session file")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _fail(where, "is a damaged session (no format version)")
    if version > VERSION:
        raise _fail(where, f"was saved by a newer Storydiff (session format {version}; this one reads {VERSION})")
    raw_sources = doc.get("sources")
    if not isinstance(raw_sources, list) or len(raw_sources) < 2:
        raise _fail(where, "is a damaged session (it needs at least two versions)")
    sources = []
    for k, s in enumerate(raw_sources):
        if not isinstance(s, dict) or not isinstance(s.get("text"), str) or not isinstance(s.get("name"), str):
            raise _fail(where, f"is a damaged session (version {k + 1} has no text or name)")
        if "\x00" in s["text"]:
            raise _fail(where, f"is a damaged session (version {k + 1} holds binary data)")
        p, encoding, fmt = s.get("path"), s.get("encoding"), s.get("fmt")
        sources.append(Source(name=_text(s["name"]), text=_text(s["text"]),
                              path=_text(p) if isinstance(p, str) else None,
                              encoding=_text(encoding) if isinstance(encoding, str) else "text",
                              fmt=_text(fmt) if isinstance(fmt, str) else "text",
                              published=_published(s.get("published"))))
    base = doc.get("base", 0)
    if not isinstance(base, int) or isinstance(base, bool) or not 0 <= base < len(sources):
        raise _fail(where, f"is a damaged session (base {base!r} is not one of its {len(sources)} versions)")
    return Session(sources, base, _options(doc.get("options", {}), where), _names(doc.get("names"), sources, where))


def load_session(path: str | os.PathLike[str]) -> Session:
    """Read a `.storydiff` file. Every problem is a one-line StorydiffError naming the file."""
    where = str(path)
    data = read_bytes(path, 4 * MAX_BYTES, what="session file")
    looks_like_json = data.lstrip()[:1] == b"{"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _fail(where, "is not a Storydiff session file (not UTF-8 text)") from None
    del data  # a 256 MB session is three copies until parsed: bytes, text and the parsed strings
    try:
        doc = json.loads(text)
    except RecursionError:
        raise _fail(where, "is a damaged session (nested too deeply)") from None
    except json.JSONDecodeError as e:
        if not looks_like_json:
            raise _fail(where, "is not a Storydiff session file") from None
        raise _fail(where, f"is a damaged session (truncated or corrupt JSON at line {e.lineno})") from None
    except ValueError:  # Python refuses to convert integers of more than 4,300 digits
        raise _fail(where, "is a damaged session (a number in it is absurdly long)") from None
    del text
    return session_from_dict(doc, where)
