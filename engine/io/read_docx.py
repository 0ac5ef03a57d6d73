"""Paragraphs and headings of a Word (.docx) file, read with the standard library.

A .docx is a zip of XML parts; the body is `word/document.xml`, and paragraph
styles (which say "Heading 2" or "Title") are in `word/styles.xml`. Reading the
two parts directly is a few dozen lines and needs no dependency. Text of deleted
tracked changes (`w:delText`) is left out, inserted text is kept, so the version
compared is the document as it reads with changes accepted. Headers, footers and
comments live in other parts and are page chrome: they are not read.

A .docx may come from a stranger, so both parts are read within budgets: each
streams out of the zip in pieces (`engine.io.bounded_zip`: member count, declared and
actual size, compression ratio) straight into an expat parser that builds no tree,
so memory stays flat and no nesting depth can exhaust the stack. A document type
declaration is refused before any entity could be defined or expanded, and the
text gathered is counted against the same character limit the comparison applies.
"""

from __future__ import annotations

import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.parsers import expat

from ..errors import InputError
from ..interrupt import poll
from .block_text import join_blocks
from .bounded_zip import open_zip, stream_member

# Names as expat reports them with namespace_separator="}": "<namespace URI>}<local name>".
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Markup compatibility: a text box appears twice, as the Choice and as the Fallback rendering.
_MC_FALLBACK = "http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Budgets. document.xml above 64 MB unpacked (a 6-million-character article is ~40 MB
# of Word XML) or styles.xml above 8 MB are refused, and so is text beyond the
# comparison's character limit; a part that takes longer than SECONDS to parse is too.
MAX_XML = 64_000_000
MAX_STYLES = 8_000_000
MAX_CHARS = 6_000_000
SECONDS = 8.0
_HEADING_NAME = re.compile(r"^(?:heading|berschrift|titre|titolo|encabezado|kop)\s*(\d)$", re.IGNORECASE)
_WS = re.compile(r"\s+")


class _Refused(Exception):
    """Raised inside an expat handler; turned into an InputError outside it."""


def _parse(z: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, max_bytes: int,
           start: Callable, end: Callable, chars: Callable | None) -> None:
    """Stream one part through expat with the handlers given; no DTD, no entities."""
    p = expat.ParserCreate(namespace_separator="}")
    p.buffer_text = True
    p.buffer_size = 1 << 16

    def no_dtd(*_args) -> None:
        raise _Refused("it declares a document type (Word files never do)")

    p.StartDoctypeDeclHandler = no_dtd
    p.EntityDeclHandler = no_dtd
    p.StartElementHandler = start
    p.EndElementHandler = end
    if chars is not None:
        p.CharacterDataHandler = chars
    deadline = time.monotonic() + SECONDS
    for chunk in stream_member(z, info, name, max_bytes):
        poll()  # the user's Cancel, between 1 MB pieces
        p.Parse(chunk, False)
        if time.monotonic() > deadline:
            raise InputError(name, f"is too complex to read ({info.filename} takes over {SECONDS:.0f} s)")
    p.Parse(b"", True)


def _styles(z: zipfile.ZipFile, name: str) -> dict[str, int]:
    """styleId -> heading level (1 for Title) of the paragraph styles that are headings."""
    try:
        info = z.getinfo("word/styles.xml")
    except KeyError:
        return {}
    names: dict[str, str] = {}
    based: dict[str, str] = {}
    outline: dict[str, int] = {}
    stack: list[str] = []
    current = [""]

    def start(tag: str, attrs: dict) -> None:
        parent = stack[-1] if stack else ""
        stack.append(tag)
        val = attrs.get(f"{_W}val") or ""
        if tag == f"{_W}style":
            sid = attrs.get(f"{_W}styleId") or ""
            current[0] = sid
            names.setdefault(sid, sid)
        elif parent == f"{_W}style":
            if tag == f"{_W}name":
                names[current[0]] = val or current[0]
            elif tag == f"{_W}basedOn":
                based[current[0]] = val
        elif tag == f"{_W}outlineLvl" and parent == f"{_W}pPr" and len(stack) >= 3 \
                and stack[-3] == f"{_W}style" and val.isdigit() and len(val) < 3:
            outline[current[0]] = int(val) + 1

    _parse(z, info, name, MAX_STYLES, start, lambda tag: stack.pop(), None)

    def level(sid: str, depth: int = 0) -> int:
        name_ = names.get(sid, sid).strip()
        if name_.lower() == "title":
            return 1
        m = _HEADING_NAME.match(name_) or _HEADING_NAME.match(sid)
        if m:
            return int(m.group(1)) + 1  # Heading 1 sits under the title
        if sid in outline and outline[sid] <= 9:
            return outline[sid] + 1
        if sid in based and depth < 10:
            return level(based[sid], depth + 1)
        return 0

    return {sid: lv for sid in names if (lv := level(sid))}


# Elements whose text is not the paragraph's: text boxes are their own paragraphs,
# deletions and field codes are not text.
_NOT_TEXT = frozenset(f"{_W}{t}" for t in ("txbxContent", "del", "instrText", "delText",
                                           "footnoteReference", "commentReference"))
_SPACE = frozenset(f"{_W}{t}" for t in ("tab", "br", "cr"))


class _Para:
    __slots__ = ("parts", "style", "outline")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.style = ""
        self.outline = ""


class _Body:
    """Expat handlers gathering paragraphs in document order, without building a tree.

    `frames` holds, per open element, the paragraph its text belongs to (None: not
    text) and whether it lies inside a markup-compatibility Fallback (a second
    rendering of what the Choice already holds: its paragraphs are not read). A
    paragraph takes its slot in `order` when it opens, so a paragraph holding a text
    box comes before the box's paragraphs, as it reads.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.frames: list[tuple[str, _Para | None, bool]] = []
        self.order: list[_Para] = []
        self.has_body = False
        self.chars = 0

    def start(self, tag: str, attrs: dict) -> None:
        frames = self.frames
        parent_tag, para, fallback = frames[-1] if frames else ("", None, False)
        depth = len(frames)
        if depth == 1 and tag == f"{_W}body":
            self.has_body = True
        in_body = self.has_body and depth >= 1
        if tag == _MC_FALLBACK:
            fallback = True
        if tag == f"{_W}p":
            para = None
            if in_body and not fallback and depth >= 2:
                para = _Para()
                self.order.append(para)
        elif para is not None:
            if tag in _NOT_TEXT:
                para = None
            elif tag in _SPACE:
                para.parts.append(" ")
            elif tag == f"{_W}noBreakHyphen":
                para.parts.append("\u2011")
            elif parent_tag == f"{_W}pPr" and len(frames) >= 2 and frames[-2][0] == f"{_W}p":
                if tag == f"{_W}pStyle":
                    para.style = attrs.get(f"{_W}val") or ""
                elif tag == f"{_W}outlineLvl":
                    para.outline = attrs.get(f"{_W}val") or ""
        frames.append((tag, para, fallback))

    def end(self, tag: str) -> None:
        self.frames.pop()

    def text(self, data: str) -> None:
        tag, para, _ = self.frames[-1] if self.frames else ("", None, False)
        if para is not None and tag == f"{_W}t":
            para.parts.append(data)
            self.chars += len(data)
            if self.chars > MAX_CHARS:
                raise _Refused(f"its text runs past {MAX_CHARS:,} characters")


def docx_blocks(data: bytes, name: str = "<docx>") -> list[tuple[int, str]]:
    """(heading level, text) of every non-empty paragraph, in order."""
    body = _Body(name)
    try:
        with open_zip(data, name) as z:
            try:
                info = z.getinfo("word/document.xml")
            except KeyError:
                raise InputError(name, "is not a Word document (no word/document.xml inside)") from None
            heading_styles = _styles(z, name)
            _parse(z, info, name, MAX_XML, body.start, body.end, body.text)
    except InputError:
        raise
    except _Refused as e:
        problem = str(e)
        if "characters" in problem:
            raise InputError(name, f"is too large to compare ({problem}): split it or compare an excerpt") from None
        raise InputError(name, f"is not a Word document Storydiff can read ({problem})") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError):
        raise InputError(name, "is damaged or not a .docx file (not a readable zip archive)") from None
    except expat.ExpatError as e:
        raise InputError(name, f"is a damaged Word document (bad XML: {expat.ErrorString(e.code)}, "
                               f"line {e.lineno})") from None
    except LookupError as e:  # an XML declaration naming an encoding that does not exist
        if isinstance(e, KeyError):
            raise
        raise InputError(name, "is a damaged Word document (its XML names an unknown encoding)") from None
    except (OSError, RuntimeError, NotImplementedError, ValueError, MemoryError) as e:
        raise InputError(name, f"is a damaged Word document ({type(e).__name__})") from None
    if not body.has_body:
        raise InputError(name, "is not a Word document (no document body)")
    out: list[tuple[int, str]] = []
    for p in body.order:
        text = _WS.sub(" ", "".join(p.parts)).strip()
        if not text:
            continue
        level = heading_styles.get(p.style, 0)
        if not level and p.outline.isdigit() and len(p.outline) < 3 and int(p.outline) < 9:
            level = int(p.outline) + 2
        out.append((level, text))
    # Many drafts set the headline in "Heading 1" rather than "Title": the first block,
    # when it is a heading and nothing is styled as a title, is the headline.
    if out and out[0][0] > 1 and not any(level == 1 for level, _ in out):
        out[0] = (1, out[0][1])
    return out


def read_docx(path: Path, data: bytes) -> tuple[str, str, str]:
    name = str(path)
    blocks = docx_blocks(data, name)
    if not blocks:
        raise InputError(name, "holds no text")
    return join_blocks(blocks), "docx", "docx"
