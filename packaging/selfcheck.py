"""`storydiff --self-check`: prove, without a display, that the bundle holds what runs lazily.

A frozen app fails only when the missing piece is first needed, which for a reader or
a report writer is long after start. This imports every project module and each
lazily loaded library, then goes through every reader and writer once: the samples
are compared, every report format is written, and the HTML, Markdown and PDF reports
plus a tiny .docx are read back as inputs. One line per step; exit 1 on the first failure.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
import traceback
import zipfile
from pathlib import Path

from manifest import THIRD_PARTY_LAZY, project_modules_frozen

_DOCX_BODY = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
              '<w:p><w:r><w:t>The minister resigned on Tuesday after the vote.</w:t></w:r></w:p>'
              '<w:p><w:r><w:t>Her deputy will lead the ministry until a successor is named.</w:t></w:r></w:p>'
              '</w:body></w:document>')


def _docx(path: Path) -> None:
    # The smallest file the reader accepts: only word/document.xml is needed.
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", _DOCX_BODY)


def _steps(tmp: Path):
    for name in project_modules_frozen() + THIRD_PARTY_LAZY:
        yield f"import {name}", lambda n=name: importlib.import_module(n)

    from engine import compare
    from engine.reports import WRITERS, render
    from gui import RESOURCES

    samples = sorted((RESOURCES / "samples").glob("*.txt"))
    if len(samples) < 2:
        raise SystemExit(f"self-check: samples missing under {RESOURCES}")
    state = {}

    def run_compare():
        state["c"] = c = compare(samples)
        # The cached analyses import their modules on first use.
        c.lineage, c.reuse_matrix, c.unique, c.heatmap  # noqa: B018
    yield f"compare {len(samples)} samples", run_compare
    yield "compare by sentences", lambda: compare(samples[:2], unit="sentence")

    for fmt in sorted(set(WRITERS) - {"markdown"}):
        def write(fmt=fmt):
            out = render(state["c"], fmt)
            ext = {"text": "txt"}.get(fmt, fmt)
            data = out if isinstance(out, bytes) else out.encode("utf-8")
            if len(data) < 100:
                raise RuntimeError(f"{fmt} report is only {len(data)} bytes")
            (tmp / f"report.{ext}").write_bytes(data)
        yield f"write {fmt} report", write

    def guide():
        # Help › User Guide: resources/guide.md rendered with the markdown package.
        from gui.views.dialogs.help import guide_html
        if "<table>" not in guide_html():
            raise RuntimeError("the user guide did not render its tables")
    yield "render the user guide", guide

    def icu():
        # The ICU data is cut down at build (slim_icu.py); a broken cut makes collation fail.
        from PySide6.QtCore import QCollator, QLocale
        if QCollator(QLocale("en_US")).compare("a", "B") != -1 or QLocale("tr_TR").toUpper("i") != "\u0130":
            raise RuntimeError("Qt's ICU data is incomplete")
    yield "Qt collation and case mapping (ICU data)", icu

    def fonts():
        # Without any font Qt still renders, drawing every letter as a box: fail loudly instead.
        from PySide6.QtGui import QFontDatabase
        if not QFontDatabase.families():
            raise RuntimeError("no fonts found: install fontconfig and a font (e.g. fonts-dejavu-core)")
    yield "fonts available", fonts

    _docx(tmp / "tiny.docx")
    for ext in ("html", "md", "pdf", "docx"):
        def read(ext=ext):
            c = compare([samples[0], tmp / f"{'tiny' if ext == 'docx' else 'report'}.{ext}"])
            if not c.versions[1].blocks:
                raise RuntimeError(f"no text read from the .{ext} file")
        yield f"read .{ext}", read

    def nitf():
        # agency XML: parsed with lxml (safe parser), publication time read
        (tmp / "item.nitf").write_text(
            '<nitf><head><docdata><date.issue norm="20010203T140500"/></docdata></head><body>'
            "<body.head><hedline><hl1>Check</hl1></hedline></body.head>"
            "<body.content><p>The bundle reads agency XML.</p></body.content></body></nitf>", encoding="utf-8")
        c = compare([samples[0], tmp / "item.nitf"])
        if not c.versions[1].blocks or c.versions[1].published is None:
            raise RuntimeError("no story or date read from the .nitf file")
    yield "read .nitf", nitf


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the PDF writer starts Qt
    with tempfile.TemporaryDirectory(prefix="storydiff-check-") as d:
        for label, step in _steps(Path(d)):
            try:
                step()
            except Exception:
                print(f"FAIL {label}", flush=True)
                traceback.print_exc()
                return 1
            print(f"ok   {label}", flush=True)
    print("self-check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
