"""Generators of hostile documents: zip bombs, lying directories, deep XML, huge PDFs, regex traps.

Every file is made by the tests at run time (no large file lives in the repository);
each generator writes into a directory and returns the path. Bombs are built by
streaming compression, so making a 190 MB member costs a second and a few MB.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOC_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document xmlns:w="{W_NS}"><w:body>')
DOC_TAIL = "</w:body></w:document>"
PARA = '<w:p><w:r><w:t xml:space="preserve">The minister resigned on Tuesday after a week of protests.</w:t></w:r></w:p>'
STYLES_HEAD = f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W_NS}">'


def _zip(path: Path, members: list[tuple[str, str]]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, content in members:
            z.writestr(name, content)
    return path


EMPTY_PARA = '<w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p>'


def docx_inflating_body(d: Path, mb: int = 190, piece: str = PARA) -> Path:
    """word/document.xml unpacks to `mb` MB of repeated paragraphs (packs ~300x)."""
    return _stream_docx(d / "bomb.docx", "word/document.xml", DOC_HEAD, piece,
                        mb * (1 << 20) // len(piece), DOC_TAIL)


def _stream_docx(path: Path, member: str, head: str, piece: str, times: int, tail: str,
                 extra: list[tuple[str, str | bytes]] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        for name, content in extra or []:
            z.writestr(name, content)
        with z.open(member, "w", force_zip64=True) as fh:
            fh.write(head.encode())
            block = (piece * max(1, (1 << 20) // len(piece))).encode()
            per = len(block) // len(piece.encode())
            left = times
            while left > 0:
                n = min(per, left)
                fh.write(block if n == per else (piece * n).encode())
                left -= n
            fh.write(tail.encode())
    return path


def docx_inflating_styles(d: Path, mb: int = 190) -> Path:
    """A small body, and a styles.xml that unpacks to `mb` MB."""
    style = '<w:style w:type="paragraph" w:styleId="S"><w:name w:val="Normal"/></w:style>'
    return _stream_docx(d / "styles-bomb.docx", "word/styles.xml", STYLES_HEAD, style,
                        mb * (1 << 20) // len(style), "</w:styles>",
                        extra=[("word/document.xml", DOC_HEAD + PARA + DOC_TAIL)])


def docx_bzip2(d: Path, mb: int = 64) -> Path:
    """document.xml compressed with bzip2 (which Word never writes): `mb` MB of text, tiny packed."""
    path = d / "bzip2.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_BZIP2) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(DOC_HEAD.encode())
            block = b"a" * (1 << 20)
            for _ in range(mb):
                fh.write(block)
    return path


def docx_lying_directory(d: Path, mb: int = 100) -> Path:
    """The central directory says document.xml unpacks to 1 KB; it unpacks to `mb` MB."""
    path = docx_inflating_body(d, mb)
    data = bytearray(path.read_bytes())
    _patch_sizes(data, b"word/document.xml", 1024)
    out = d / "liar.docx"
    out.write_bytes(bytes(data))
    path.unlink()
    return out


def docx_lying_large(d: Path) -> Path:
    """The directory claims document.xml unpacks to 4 GB (it is tiny): refused by the claim."""
    path = _zip(d / "claims.docx", [("[Content_Types].xml", "<Types/>"),
                                    ("word/document.xml", DOC_HEAD + PARA + DOC_TAIL)])
    data = bytearray(path.read_bytes())
    _patch_sizes(data, b"word/document.xml", 0xFFFFFFF0)
    path.write_bytes(bytes(data))
    return path


def _patch_sizes(data: bytearray, member: bytes, size: int) -> None:
    """Set the uncompressed size of `member` in its central-directory entry (and zip64 extra)."""
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        name_len, extra_len = struct.unpack_from("<HH", data, pos + 28)
        name = bytes(data[pos + 46:pos + 46 + name_len])
        if name == member:
            if struct.unpack_from("<I", data, pos + 24)[0] == 0xFFFFFFFF:  # zip64: size in the extra field
                extra = pos + 46 + name_len
                end = extra + extra_len
                while extra + 4 <= end:
                    tag, length = struct.unpack_from("<HH", data, extra)
                    if tag == 1:
                        struct.pack_into("<Q", data, extra + 4, size)
                        break
                    extra += 4 + length
            else:
                struct.pack_into("<I", data, pos + 24, min(size, 0xFFFFFFFE))
        pos += 46


def docx_many_members(d: Path) -> Path:
    """An end-of-directory record claiming 65,535 members (a real docx has a few dozen)."""
    path = _zip(d / "members.docx", [("[Content_Types].xml", "<Types/>"),
                                     ("word/document.xml", DOC_HEAD + PARA + DOC_TAIL)])
    data = bytearray(path.read_bytes())
    eocd = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, eocd + 8, 0xFFFF, 0xFFFF)
    path.write_bytes(bytes(data))
    return path


def docx_understated_members(d: Path, members: int = 20_000) -> Path:
    """20,000 real directory entries behind an end record that states 1."""
    path = d / "understated.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("word/document.xml", DOC_HEAD + PARA + DOC_TAIL)
        for k in range(members):
            z.writestr(zipfile.ZipInfo(str(k)), b"")
    data = bytearray(path.read_bytes())
    eocd = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, eocd + 8, 1, 1)
    path.write_bytes(bytes(data))
    return path


def docx_deep(d: Path, levels: int = 5000, where: str = "run") -> Path:
    """Runs (or body-level elements) nested `levels` deep around one paragraph's text."""
    if where == "run":
        inner = "<w:r>" * levels + '<w:t>Deeply nested words of the story.</w:t>' + "</w:r>" * levels
        body = f"<w:p>{inner}</w:p>" + PARA
    else:
        body = "<w:sdt><w:sdtContent>" * levels + PARA + "</w:sdtContent></w:sdt>" * levels
    return _zip(d / f"deep-{where}.docx", [("[Content_Types].xml", "<Types/>"),
                                           ("word/document.xml", DOC_HEAD + body + DOC_TAIL)])


def docx_entities(d: Path) -> Path:
    """A billion-laughs document type declaration in document.xml."""
    dtd = '<!DOCTYPE w:document [<!ENTITY a "lol">' + "".join(
        f'<!ENTITY {chr(98 + k)} "{("&" + chr(97 + k) + ";") * 10}">' for k in range(9)) + "]>"
    xml = DOC_HEAD.replace("?>", "?>" + dtd, 1) + "<w:p><w:r><w:t>&j;</w:t></w:r></w:p>" + DOC_TAIL
    return _zip(d / "laughs.docx", [("[Content_Types].xml", "<Types/>"), ("word/document.xml", xml)])


# -- PDF --------------------

def pdf(contents: list[bytes], compress: bool = True) -> bytes:
    """A valid PDF with one page per content stream, Helvetica as /F1, with an xref table."""
    n = len(contents)
    # objects: 1 catalog, 2 pages, 3 font, then per page: page, content
    objs: dict[int, bytes] = {}
    kids = " ".join(f"{4 + 2 * k} 0 R" for k in range(n))
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[2] = f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode()
    objs[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    for k, content in enumerate(contents):
        objs[4 + 2 * k] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                           f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * k} 0 R >>").encode()
        data = zlib.compress(content, 9) if compress else content
        filt = b" /Filter /FlateDecode" if compress else b""
        objs[5 + 2 * k] = b"<< /Length %d%s >>\nstream\n" % (len(data), filt) + data + b"\nendstream"
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    xref = len(out)
    total = max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % total
    for num in range(1, total):
        out += b"%010d 00000 n \n" % offsets.get(num, 0)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (total, xref)
    return bytes(out)


def text_page(lines: list[str], size: int = 11, top: int = 760, pitch: int = 14) -> bytes:
    """A content stream setting `lines` one under the other."""
    ops = [b"BT", b"/F1 %d Tf" % size, b"72 %d Td" % top]
    for k, line in enumerate(lines):
        esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        if k:
            ops.append(b"0 -%d Td" % pitch)
        ops.append(b"(" + esc.encode("latin-1") + b") Tj")
    ops.append(b"ET")
    return b"\n".join(ops)


def pdf_story(d: Path, name: str = "story.pdf") -> Path:
    p = d / name
    p.write_bytes(pdf([text_page(["Minister resigns", "", "The minister resigned on Tuesday after",
                                  "a week of protests in the capital."])], compress=False))
    return p


def pdf_huge_run(d: Path, mb: int = 100) -> Path:
    """One page whose text stream inflates to `mb` MB of one run of text."""
    p = d / "run.pdf"
    body = b"BT /F1 11 Tf 72 760 Td (" + b"a" * (mb << 20) + b") Tj ET"
    p.write_bytes(pdf([body]))
    return p


def pdf_pages(d: Path, pages: int = 10_000) -> Path:
    p = d / "pages.pdf"
    page = text_page(["A page of the story with a few words."])
    p.write_bytes(pdf([page] * pages))
    return p


def pdf_even_lines(d: Path, lines: int = 7281) -> Path:
    """One long page of evenly spaced lines (the old paragraph joiner rescanned the text per line)."""
    p = d / "lines.pdf"
    p.write_bytes(pdf([text_page([f"line {k} of the story" for k in range(lines)], size=1, top=790000,
                                 pitch=1)]))
    return p


def pdf_named_txt(d: Path) -> Path:
    """A plain-ASCII PDF (no NUL bytes, uncompressed) saved as .txt."""
    return pdf_story(d, "story.txt")


# -- others --------------------

def write(d: Path, name: str, data: bytes | str) -> Path:
    p = d / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


# -- HTML --------------------

def html_deep(d: Path, levels: int = 5000) -> Path:
    """Paragraph text under `levels` nested divs (libxml2 stops at 256 and drops the rest)."""
    return write(d, "deep.html", "<html><body>" + "<div>" * levels + "<p>Deep words of the story here.</p>"
                 + "</div>" * levels + "</body></html>")


def html_wide(d: Path, paragraphs: int = 200_000) -> Path:
    """A 4.6 MB page of 200,000 short paragraphs (readability scores every element)."""
    return write(d, "wide.html", "<html><body>" + "<p>Para words here.</p>" * paragraphs + "</body></html>")
