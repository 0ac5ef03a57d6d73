"""Content sniffing: magic numbers decide before the suffix, and text that merely starts alike stays text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from engine.errors import InputError
from engine.io.formats import extract
from engine.io.sniff import DOCX, PDF, Refused, sniff


def _zip(name: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(name, "<x/>")
    return buf.getvalue()


@pytest.mark.parametrize("data,kind", [
    (b"%PDF-1.7\n...", PDF),
    (b"\xef\xbb\xbfjunk before the header %PDF-1.4\n", PDF),  # readers accept it in the first KB
    (_zip("word/document.xml"), DOCX),
    (b"MZ Smith told reporters the plan was dead.", None),  # text starting with MZ: no PE header
    (b"BM stands for Bundesministerium in this story.", None),
    (b"ID3 tags explained\n", None),
    (b"Plain text.\n", None),
])
def test_sniff_kinds(data, kind):
    assert sniff(data) == kind


@pytest.mark.parametrize("data,what", [
    (b"\x89PNG\r\n\x1a\n" + bytes(20), "PNG image"),
    (b"\xff\xd8\xff\xe0" + bytes(20), "JPEG image"),
    (b"GIF89a" + bytes(20), "GIF image"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "WEBP image"),
    (b"\x7fELF\x02\x01\x01" + bytes(20), "program"),
    (b"MZ" + bytes(58) + b"\x40\x00\x00\x00" + b"PE\x00\x00" + bytes(20), "Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(20), "old-style Office file"),
    (_zip("readme.txt"), "zip archive"),
    (b'{\n "format": "storydiff-session",\n "version": 1}', "Storydiff session"),
])
def test_sniff_refusals(data, what):
    with pytest.raises(Refused) as e:
        sniff(data)
    assert what in e.value.what


def test_a_zip_named_docx_goes_to_the_word_reader():
    # The Word reader says precisely what is wrong (no word/document.xml), not "a zip archive".
    with pytest.raises(InputError, match="not a Word document"):
        extract(Path("story.docx"), _zip("content.xml"))


def test_refusal_is_one_line_naming_the_file():
    with pytest.raises(InputError) as e:
        extract(Path("holiday.txt"), b"\xff\xd8\xff\xe0" + bytes(100))
    assert str(e.value) == "holiday.txt: is a JPEG image, not a document Storydiff reads"
