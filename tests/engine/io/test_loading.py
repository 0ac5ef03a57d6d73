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


# The rule as first written: paragraph marks are runs of control characters at a line's
# start or before its break, removed before the stray ones are counted.
_REFERENCE_MARKS = __import__("re").compile(
    "(?:^|(?<=\n))[\x01-\x08\x0e-\x1a\x1c-\x1f]+|[\x01-\x08\x0e-\x1a\x1c-\x1f]+(?=\r?\n)")


def test_stray_controls_count_what_removing_the_marks_leaves():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from engine.io import decode as loading

    chars = st.lists(st.sampled_from(["\x19", "\x01", "\x1f", "\x00", "\x0b", "\x7f", "\x9f", "\n", "\r", "a", " "]),
                     max_size=16)

    @settings(max_examples=400)
    @given(chars)
    def check(parts):
        text = "".join(parts)
        for pattern in (loading._CONTROL, loading._C0):
            assert loading._stray_controls(text, pattern) == len(pattern.findall(_REFERENCE_MARKS.sub("", text)))

    check()


def test_wire_paragraph_marks_are_not_binary_noise():
    wire = "\x19   First paragraph of the wire story.<\n\x19   Second paragraph.<\n\x19ends\n\x19\r\n"
    assert decode(wire.encode("cp1252"))[0] == wire
    with pytest.raises(InputError):
        decode(("a\x19b\x01c\x02d " * 50).encode("ascii"))  # the same characters mid-line are noise
