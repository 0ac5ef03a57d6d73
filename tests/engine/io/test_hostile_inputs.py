"""Hostile and odd inputs: each gets one clear line or loads correctly, and nothing is altered.

`CASES` is the robustness table: (name, how the file is made, what must happen).
"refused: <words>" means an `InputError` naming the file (CLI: exit 2, one line on
stderr, every bad file reported; `load_versions(errors=...)` still loads the good
ones); "loaded" cases carry a check of the decoded version. Every file's bytes and
mtime are compared before and after: Storydiff never writes to its inputs.
"""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

import pytest

import engine.io.loading
from engine import compare, load_versions
from engine.cli import main
from engine.errors import Cancelled, InputError
from engine.io.guards import Limits, TooLarge
from engine.io.loading import Source
from tests.engine.test_fuzz_properties import check_comparison, check_diff, check_version

STORY = ("Minister resigns\n\n"
         "The minister resigned on Tuesday after a week of protests in the capital.\n\n"
         "\u201cI leave with a clear conscience,\u201d she told reporters outside the caf\u00e9.\n")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
PDF = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 12 /Filter /FlateDecode >>\nstream\n"
       b"x\x9c\x03\x00\x00\x00\x00\x01\x88\x12\xff\x00endstream\nendobj\n%%EOF\n")
HTML = ("<html><head><title>T</title><script>var leak='SCRIPT_TEXT';</script><style>p{}</style></head>"
        "<body><article><h1>Minister resigns</h1><p>The minister resigned on Tuesday after a week of "
        "protests in the capital, her office said.</p><script>alert('INLINE_SCRIPT')</script><p>She "
        "told reporters she would leave with a clear conscience and return to teaching.</p>"
        "<noscript>NOSCRIPT_TEXT</noscript></article></body></html>")
ARABIC = "\u0627\u0633\u062a\u0642\u0627\u0644\u062a \u0627\u0644\u0648\u0632\u064a\u0631\u0629 \u064a\u0648\u0645 \u0627\u0644\u062b\u0644\u0627\u062b\u0627\u0621."
HEBREW = "\u05d4\u05e9\u05e8\u05d4 \u05d4\u05ea\u05e4\u05d8\u05e8\u05d4 \u05d1\u05d9\u05d5\u05dd \u05e9\u05dc\u05d9\u05e9\u05d9."
CJK = "\u90e8\u957f\u5468\u4e8c\u8f9e\u804c\u3002\u5979\u8bf4\u5979\u95ee\u5fc3\u65e0\u6127\u3002"
JAPANESE = "\u5927\u81e3\u306f\u706b\u66dc\u65e5\u306b\u8f9e\u4efb\u3057\u305f\u3002"
EMOJI = "Fans cheered \U0001F44D\U0001F3FD and \U0001F469\u200d\U0001F4BB coders \U0001F1EB\U0001F1F7 waved \u2764\ufe0f."


def _write(data: bytes | str, name: str):
    def make(tmp: Path) -> Path:
        p = tmp / name
        p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return p
    return make


def _sparse(size: int, name: str):
    def make(tmp: Path) -> Path:
        p = tmp / name
        with open(p, "wb") as fh:  # a hole: 60 MB on paper, nothing on disk, created in ~0 s
            fh.truncate(size)
        return p
    return make


def _directory(tmp: Path) -> Path:
    d = tmp / "folder.txt"
    d.mkdir()
    return d


def _blocks(n: int):
    def check(v):
        assert len(v.blocks) == n, [b.text for b in v.blocks]
    return check


def _texts(v, expected: list[str]) -> None:
    # \r\n, \r and \n all end lines; a line going on in lower case joins the previous one
    assert [b.text for b in v.blocks] == expected


def _encoding(enc: str, n: int = 3):
    def check(v):
        assert v.encoding == enc and "caf\u00e9" in v.text and "\u201cI leave" in v.text
        assert len(v.blocks) == n
    return check


def _no_script(v):
    assert "SCRIPT_TEXT" not in v.text and "INLINE_SCRIPT" not in v.text and "NOSCRIPT" not in v.text
    assert "clear conscience" in v.text


def _cjk(v):
    from engine.text.textnorm import word_keys

    assert word_keys(v.blocks[0].display)[:3] == ("\u90e8", "\u957f", "\u5468")  # one word per character


def _rtl(v):
    # offsets round-trip on right-to-left text (the GUI lays it out; the engine keeps logical order)
    assert [b.text for b in v.blocks] == [ARABIC, HEBREW]
    assert v.text[v.blocks[1].start:v.blocks[1].end] == HEBREW


# name, maker(tmp) -> path, expectation: "refused: <words in the message>" or a check(version)
CASES = [
    ("binary (PNG)", _write(PNG, "photo.txt"), "refused: is a PNG image"),
    ("PDF renamed .txt", _write(PDF, "story.txt"), "refused: damaged or unreadable PDF"),
    (".docx that is not a zip", _write("plain text, not a zip\n", "story.docx"), "refused: not a readable zip"),
    ("PDF that is not a PDF", _write("plain text\n", "story.pdf"), "refused: damaged or unreadable PDF"),
    ("directory", _directory, "refused: directory"),
    ("missing", lambda tmp: tmp / "gone.txt", "refused: no such file"),
    ("60 MB text file", _sparse(60 * 1024 * 1024, "archive.txt"), "refused: too large"),
    ("NUL bytes in UTF-8", _write(STORY.encode() + b"\x00\x00" + STORY.encode(), "nul.txt"), "refused: binary"),
    ("empty", _write(b"", "empty.txt"), _blocks(0)),
    ("whitespace only", _write(" \n\t\n\u00a0\u200b\n\r\n   ", "blank.txt"), _blocks(0)),
    ("cp1252 archive", _write(STORY.encode("cp1252"), "old.txt"), _encoding("cp1252")),
    ("UTF-16 with BOM", _write(b"\xff\xfe" + STORY.encode("utf-16-le"), "u16.txt"), _encoding("utf-16-le")),
    ("UTF-16 without BOM", _write(STORY.encode("utf-16-be"), "u16be.txt"), _encoding("utf-16-be")),
    ("UTF-8 with BOM", _write(b"\xef\xbb\xbf" + STORY.encode(), "bom.txt"), _encoding("utf-8-sig")),
    ("mixed newlines", _write("Title line\r\n\r\nFirst paragraph here.\rSecond one.\n\nThird\u2028one.\n", "mixed.txt"),
     lambda v: _texts(v, ["Title line", "First paragraph here.", "Second one.", "Third\u2028one."])),
    ("NFD text", _write(unicodedata.normalize("NFD", STORY), "nfd.txt"), _blocks(3)),
    ("Chinese", _write(CJK + "\n\n" + JAPANESE + "\n", "zh.txt"), _cjk),
    ("Arabic and Hebrew", _write(ARABIC + "\n\n" + HEBREW + "\n", "rtl.txt"), _rtl),
    ("emoji", _write(EMOJI + "\n", "emoji.txt"), _blocks(1)),
    ("HTML with scripts", _write(HTML, "page.html"), _no_script),
    ("5 MB in one line", lambda tmp: _long_line(tmp), _blocks(1)),
]


def _long_line(tmp: Path) -> Path:
    p = tmp / "oneline.txt"
    p.write_text(_line_text(), encoding="utf-8")
    return p


def _line_text() -> str:
    words = ["protest", "minister", "capital", "Tuesday", "office", "reporters", "conscience", "teaching"]
    return " ".join(f"{words[k % 8]}{k % 997}" for k in range(560_000))[:5_000_000]


def _snapshot(p: Path):
    if not p.is_file():
        return None
    st = p.stat()
    with open(p, "rb") as fh:
        head = fh.read(1 << 20)  # the first MB is enough to see a rewrite; sizes cover the rest
    return head, st.st_size, st.st_mtime_ns


@pytest.mark.parametrize("name,make,expect", CASES, ids=[c[0] for c in CASES])
def test_hostile_input(tmp_path, name, make, expect, capsys):
    path = make(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    before = _snapshot(path), _snapshot(good)
    errors: list[InputError] = []
    versions = load_versions([good, path], errors=errors)
    if isinstance(expect, str):
        words = expect.split(": ", 1)[1]
        assert len(errors) == 1 and words in str(errors[0]), errors
        assert str(path) in str(errors[0]) and "\n" not in str(errors[0])
        assert errors[0].index == 1
        assert [v.path for v in versions] == [str(good)]  # the good file still loads
        # CLI: exit 2, one line naming the file
        assert main(["compare", str(good), str(path)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and str(path) in err and words in err
    else:
        assert not errors, errors
        check_version(versions[1])
        expect(versions[1])
        if name != "5 MB in one line":  # compared in its own test below
            check_comparison(compare(versions))
            assert main(["compare", str(good), str(path), "--format", "json", "-o", str(tmp_path / "out.json")]) == 0
    assert (_snapshot(path), _snapshot(good)) == before  # inputs never modified
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"]
    assert not leftovers  # no temporary files left behind


def test_permission_denied(tmp_path, monkeypatch, capsys):
    # CI runs as root, which may read anything: make the engine's open() refuse as for a user.
    secret = tmp_path / "secret.txt"
    secret.write_text(STORY, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    real_open = open

    def guarded(file, *args, **kwargs):
        if Path(file) == secret:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(engine.io.loading, "open", guarded, raising=False)
    errors: list[InputError] = []
    assert len(load_versions([good, secret], errors=errors)) == 1
    assert "permission denied" in str(errors[0])
    assert main(["compare", str(good), str(secret)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_every_bad_file_gets_its_line(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(PNG)
    assert main(["compare", str(good), str(tmp_path / "missing.txt"), str(tmp_path / "bin.txt"), str(good)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and "missing.txt" in lines[0] and "bin.txt" in lines[1]


def test_sixty_megabytes_are_refused_without_reading(tmp_path, monkeypatch):
    big = _sparse(60 * 1024 * 1024, "archive.txt")(tmp_path)
    monkeypatch.setattr(engine.io.loading, "open", lambda *a, **k: pytest.fail("read a refused file"), raising=False)
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"too large to compare \(62\.9 MB"):
        compare([big, Source("b", STORY)])
    assert time.perf_counter() - started < 1.0


def test_five_megabyte_line_compares_exactly(tmp_path):
    """One 5 MB line against an edited copy: no hang, bounded memory, an exact diff."""
    a = _line_text()
    b = "Breaking: " + a[:2_500_000] + " new words in the middle " + a[2_500_000:-20] + " the end."
    started = time.perf_counter()
    c = compare([Source("a", a), Source("b", b)])
    (link,) = c.pairs[0].links
    assert link.relation == "edited"
    check_diff(link.diff, a, b)
    assert sum(1 for op, _ in link.diff if op) <= 8
    assert time.perf_counter() - started < 60  # ~10 s on the 2-core CI machine


def test_giant_blocks_differing_everywhere_are_bounded():
    """Two unrelated 300k-word lines: the LCS is estimated, the diff done in pieces, quickly."""
    from engine.align.inline_diff import word_diff

    a = " ".join(f"a{k % 5003}" for k in range(300_000))
    b = " ".join(f"a{k % 4999}" for k in range(300_000))
    started = time.perf_counter()
    diff, exact = word_diff(a, b)
    assert not exact  # said, not silent
    check_diff(diff, a, b)
    assert time.perf_counter() - started < 30


def test_nfc_and_nfd_are_identical(tmp_path):
    c = compare([Source("nfc", unicodedata.normalize("NFC", STORY)), Source("nfd", unicodedata.normalize("NFD", STORY))])
    assert [link.relation for link in c.pairs[0].links] == ["identical"] * 3


@pytest.mark.parametrize("text", [CJK, ARABIC + " " + HEBREW, EMOJI], ids=["cjk", "rtl", "emoji"])
def test_scripts_diff_without_splitting_graphemes(text):
    edited = text.replace("\U0001F44D\U0001F3FD", "\U0001F44D\U0001F3FF").replace("\u5468\u4e8c", "\u5468\u4e09")
    edited = edited.replace("\u0627\u0644\u062b\u0644\u0627\u062b\u0627\u0621", "\u0627\u0644\u0627\u062b\u0646\u064a\u0646")
    c = compare([Source("a", text), Source("b", edited)], granularity="char")
    check_comparison(c)
    c = compare([Source("a", text), Source("b", edited)])
    check_comparison(c)


# -- guards that ask ---------------------------------------------------------------------

def _lines(n: int, seed: int) -> str:
    return "\n".join(f"Paragraph {k} says fact{(k * seed) % 9973} about item{k} and place{k % 7}." for k in range(n))


def test_too_many_blocks_asks_then_coarsens():
    texts = [Source("a", _lines(3000, 1)), Source("b", _lines(3000, 3))]
    with pytest.raises(TooLarge) as e:
        compare(texts)
    msg = str(e.value)
    assert "3,000 blocks" in msg and "coarser" in msg and "\n" not in msg
    assert {f.code for f in e.value.findings} >= {"blocks"}
    # the user chose "continue": no second read, sections instead of paragraphs
    c = compare(e.value.versions, options=e.value.options, on_large="coarsen")
    assert all(len(v.blocks) <= 2500 for v in c.versions)
    assert any(g["code"] == "merged" for g in c.extras["guards"])
    check_comparison(c)


def test_sentence_mode_and_char_diffs_get_coarser_options():
    limits = Limits(max_blocks=40, max_pair_cells=1600, max_char_diff_chars=500)
    two = _lines(30, 1).replace(".", ". It was confirmed.")  # two sentences a paragraph
    texts = [Source("a", two + "\n" + "word " * 200), Source("b", _lines(30, 3))]
    with pytest.raises(TooLarge) as e:
        compare(texts, unit="sentence", granularity="char", limits=limits)
    assert e.value.options.unit == "paragraph" and e.value.options.granularity == "word"
    c = compare(texts, unit="sentence", granularity="char", limits=limits, on_large="coarsen")
    assert c.options.unit == "paragraph" and c.options.granularity == "word"
    check_comparison(c)


def test_many_versions_total_guard_and_cancel_is_prompt():
    texts = [Source(f"v{k}", _lines(400, k + 1)) for k in range(20)]
    with pytest.raises(TooLarge, match="20 versions"):
        compare(texts, limits=Limits(max_total_cells=10_000_000))
    flag = {"at": None}

    def progress(done, total, message):
        if message.startswith("aligned") and flag["at"] is None:
            flag["at"] = time.perf_counter()

    with pytest.raises(Cancelled):
        compare(texts, progress=progress, cancel=lambda: flag["at"] is not None)
    assert time.perf_counter() - flag["at"] < 1.0


def test_cli_too_large_is_one_line_and_coarse_continues(tmp_path, capsys):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(_lines(2600, 1), encoding="utf-8")
    b.write_text(_lines(2600, 3), encoding="utf-8")
    assert main(["compare", str(a), str(b)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--coarse" in err
    assert main(["compare", str(a), str(b), "--coarse", "--format", "json", "-o", str(tmp_path / "r.json")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "r.json"]
