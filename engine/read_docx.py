"""Paragraphs and headings of a Word (.docx) file, read with the standard library.

A .docx is a zip of XML parts; the body is `word/document.xml`, and paragraph
styles (which say "Heading 2" or "Title") are in `word/styles.xml`. Reading the
two parts directly is a few dozen lines and needs no dependency. Text of deleted
tracked changes (`w:delText`) is left out, inserted text is kept, so the version
compared is the document as it reads with changes accepted. Headers, footers and
comments live in other parts and are page chrome: they are not read.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from .errors import InputError
from .formats import join_blocks

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Markup compatibility: a text box appears twice, as the Choice and as the Fallback rendering.
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# A document.xml larger than this (uncompressed) is refused: a zip bomb, not an article.
_MAX_XML = 200 * 1024 * 1024
_HEADING_NAME = re.compile(r"^(?:heading|berschrift|titre|titolo|encabezado|kop)\s*(\d)$", re.IGNORECASE)
_WS = re.compile(r"\s+")


def _styles(z: zipfile.ZipFile) -> dict[str, int]:
    """styleId -> heading level (1 for Title) of the paragraph styles that are headings."""
    try:
        root = ET.fromstring(z.read("word/styles.xml"))
    except KeyError:
        return {}
    names: dict[str, str] = {}
    based: dict[str, str] = {}
    outline: dict[str, int] = {}
    for st in root.iter(f"{_W}style"):
        sid = st.get(f"{_W}styleId") or ""
        name = st.find(f"{_W}name")
        names[sid] = (name.get(f"{_W}val") if name is not None else sid) or sid
        base = st.find(f"{_W}basedOn")
        if base is not None:
            based[sid] = base.get(f"{_W}val") or ""
        lvl = st.find(f"{_W}pPr/{_W}outlineLvl")
        if lvl is not None and (lvl.get(f"{_W}val") or "").isdigit():
            outline[sid] = int(lvl.get(f"{_W}val")) + 1

    def level(sid: str, depth: int = 0) -> int:
        name = names.get(sid, sid).strip()
        if name.lower() == "title":
            return 1
        m = _HEADING_NAME.match(name) or _HEADING_NAME.match(sid)
        if m:
            return int(m.group(1)) + 1  # Heading 1 sits under the title
        if sid in outline and outline[sid] <= 9:
            return outline[sid] + 1
        if sid in based and depth < 10:
            return level(based[sid], depth + 1)
        return 0

    return {sid: lv for sid in names if (lv := level(sid))}


def _paragraph_text(p: ET.Element) -> str:
    """The visible text of one paragraph, without nested text-box paragraphs."""
    parts: list[str] = []

    def walk(el: ET.Element) -> None:
        for child in el:
            tag = child.tag
            if tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
                parts.append(" ")
            elif tag == f"{_W}noBreakHyphen":
                parts.append("\u2011")
            elif tag in (f"{_W}p", f"{_W}txbxContent", f"{_W}del", f"{_W}instrText",
                         f"{_W}delText", f"{_W}footnoteReference", f"{_W}commentReference"):
                continue  # text boxes are their own paragraphs; deletions and field codes are not text
            else:
                walk(child)

    walk(p)
    return _WS.sub(" ", "".join(parts)).strip()


def docx_blocks(data: bytes, name: str = "<docx>") -> list[tuple[int, str]]:
    """(heading level, text) of every non-empty paragraph, in order."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            try:
                info = z.getinfo("word/document.xml")
            except KeyError:
                raise InputError(name, "is not a Word document (no word/document.xml inside)") from None
            if info.file_size > _MAX_XML:
                raise InputError(name, "is too large to read (its text part unpacks to over 200 MB)")
            heading_styles = _styles(z)
            root = ET.fromstring(z.read(info))
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError):
        raise InputError(name, "is damaged or not a .docx file (not a readable zip archive)") from None
    except ET.ParseError as e:
        raise InputError(name, f"is a damaged Word document (bad XML: {e})") from None
    except (OSError, RuntimeError, NotImplementedError, ValueError) as e:
        raise InputError(name, f"is a damaged Word document ({e})") from None
    body = root.find(f"{_W}body")
    if body is None:
        raise InputError(name, "is not a Word document (no document body)")
    out: list[tuple[int, str]] = []
    for p in _paragraphs(body):
        text = _paragraph_text(p)
        if not text:
            continue
        style = p.find(f"{_W}pPr/{_W}pStyle")
        level = heading_styles.get(style.get(f"{_W}val") or "", 0) if style is not None else 0
        lvl = p.find(f"{_W}pPr/{_W}outlineLvl")
        if not level and lvl is not None and (lvl.get(f"{_W}val") or "").isdigit() \
                and int(lvl.get(f"{_W}val")) < 9:
            level = int(lvl.get(f"{_W}val")) + 2
        out.append((level, text))
    # Many drafts set the headline in "Heading 1" rather than "Title": the first block,
    # when it is a heading and nothing is styled as a title, is the headline.
    if out and out[0][0] > 1 and not any(level == 1 for level, _ in out):
        out[0] = (1, out[0][1])
    return out


def _paragraphs(el: ET.Element):
    """Every w:p in document order, skipping fallback copies of text boxes."""
    for child in el:
        if child.tag == _MC_FALLBACK:
            continue
        if child.tag == f"{_W}p":
            yield child
        yield from _paragraphs(child)


def read_docx(path: Path, data: bytes) -> tuple[str, str, str]:
    name = str(path)
    blocks = docx_blocks(data, name)
    if not blocks:
        raise InputError(name, "holds no text")
    return join_blocks(blocks), "docx", "docx"
