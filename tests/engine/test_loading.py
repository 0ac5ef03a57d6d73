"""Decoding and reading files: every encoding by detection, every failure one clear line."""

import os

import pytest

from engine.errors import InputError
from engine.io.decode import decode
from engine.io.loading import load, read_path

TEXT = "Caf\u00e9 \u201cquotes\u201d \u2014 na\u00efve r\u00e9sum\u00e9 \u20ac5"


@pytest.mark.parametrize("encoding,expected", [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("utf-16", None),  # Python writes a BOM in native order
    ("utf-16-le", "utf-16-le"),
    ("utf-16-be", "utf-16-be"),
])
def test_decode_unicode_encodings(encoding, expected):
    data = TEXT.encode(encoding)
    text, used = decode(data)
    assert text == TEXT
    if expected:
        assert used == expected


def test_decode_utf16_with_bom_le():
    data = b"\xff\xfe" + TEXT.encode("utf-16-le")
    assert decode(data) == (TEXT, "utf-16-le")


def test_decode_cp1252_archive():
    data = TEXT.encode("cp1252")
    text, used = decode(data)
    assert text == TEXT and used == "cp1252"


def test_decode_latin1_fallback_never_crashes():
    data = bytes([0x81, 0x8D, 0x41, 0x42])  # undefined in cp1252
    text, used = decode(data)
    assert used == "latin-1" and text.endswith("AB")


def test_binary_is_refused():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "pic.png")


def test_read_missing_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file") as e:
        read_path(tmp_path / "nope.txt")
    assert "nope.txt" in str(e.value)
    with pytest.raises(InputError, match="directory"):
        read_path(tmp_path)


def test_read_permission_denied(tmp_path, monkeypatch):
    # CI runs as root, which reads any file: make open() refuse as it would for a user.
    p = tmp_path / "secret.txt"
    p.write_text("x")
    import builtins

    real_open = builtins.open

    def refusing_open(file, *a, **k):
        if str(file) == str(p):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *a, **k)

    monkeypatch.setattr(builtins, "open", refusing_open)
    with pytest.raises(InputError, match="permission denied") as e:
        read_path(p)
    assert "secret.txt" in str(e.value)


def test_read_too_large(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"a" * 2000)
    with pytest.raises(InputError, match="too large"):
        read_path(p, max_bytes=1000)


def test_reading_never_changes_the_file(tmp_path):
    p = tmp_path / "v.txt"
    data = "One.\r\n\r\nTwo\u00a0words.\n".encode("utf-8")
    p.write_bytes(data)
    before = os.stat(p).st_mtime_ns
    src = read_path(p)
    assert src.text == data.decode("utf-8") and src.name == "v.txt"
    assert p.read_bytes() == data and os.stat(p).st_mtime_ns == before


def test_load_text_or_path(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("hello")
    assert load(str(p)).path == str(p)
    assert load(p).text == "hello"
    assert load("Some pasted text.\nSecond line.").path is None
    with pytest.raises(InputError):
        load(str(tmp_path / "missing.txt"))
