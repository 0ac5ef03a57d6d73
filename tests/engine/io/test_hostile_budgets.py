"""Hostile documents, each run through `storydiff-cli` in its own process and measured.

Every row makes its inputs (tests/engine/io/hostile_corpus.py), hashes them, runs the
CLI in a subprocess, and asserts what docs/robustness.md's table of documents says: the exit
code, one line on stderr naming the file and the problem (or a correct result), a
wall time under 10 s and a peak RSS under 1 GB (the child's VmHWM, see tests/budget.py),
and inputs byte for byte unchanged. A regression cannot take
the machine down: the child runs under a 4 GB address-space limit and a 60 s kill.
"""

from __future__ import annotations

import json
import os
import stat
import threading
import time
from pathlib import Path

import pytest

from tests.budget import hashes, run_argv
from tests.engine.io import hostile_corpus as hc

# Each case runs the CLI in a child process under its time and memory budget: seconds each.
pytestmark = pytest.mark.slow

MAX_SECONDS = 10.0
MAX_RSS_MB = 1024
STORY = ("Minister resigns\n\nThe minister resigned on Tuesday after a week of protests in the capital.\n\n"
         "\u201cI leave with a clear conscience,\u201d she told reporters outside the caf\u00e9.\n")


def run_cli(args: list[str], tmp: Path) -> tuple[int, str, str, float, float]:
    """(exit code, stdout, stderr, seconds, peak RSS in MB) of `storydiff-cli compare ARGS`."""
    return run_argv(["compare", *args], tmp)


def _hashes(tmp: Path) -> dict[str, str]:
    return hashes(tmp)


def _check_run(tmp: Path, args: list[str], refused: str | None, named: Path | None):
    """Run, then assert bounds, inputs unchanged, and the one-line refusal (if any)."""
    before = _hashes(tmp)
    code, out, err, seconds, rss = run_cli(args, tmp)
    # The figures for docs/robustness.md's table: `pytest -s -k hostile_budgets | grep measured`.
    print(f"measured {os.environ.get('PYTEST_CURRENT_TEST', '').split('::')[-1]}: {seconds:.2f} s, {rss:.0f} MB")
    assert seconds < MAX_SECONDS, (seconds, err)
    assert rss < MAX_RSS_MB, (rss, err)
    after = {k: v for k, v in _hashes(tmp).items() if k in before}
    assert after == before  # inputs never altered
    if refused is not None:
        assert code == 2, (code, out, err)
        assert err.count("\n") == 1 and refused in err and "Traceback" not in err, err
        if named is not None:
            assert str(named) in err
    else:
        assert code == 0 and not err, (code, err)
    return out, seconds, rss


def _good(tmp: Path) -> Path:
    p = tmp / "good.txt"
    p.write_text(STORY, encoding="utf-8")
    return p


# -- refusals: (id, maker(tmp) -> path, words of the one-line error) -------------------------------

REFUSED = [
    ("docx body inflating to 190 MB", lambda d: hc.docx_inflating_body(d, 190), "too large to read"),
    ("docx body of text under the size cap", lambda d: hc.docx_inflating_body(d, 50), "past 6,000,000 characters"),
    ("docx body of empty paragraphs under the size cap",
     lambda d: hc.docx_inflating_body(d, 60, hc.EMPTY_PARA), "a zip bomb?"),
    ("docx styles.xml inflating to 190 MB", lambda d: hc.docx_inflating_styles(d, 190), "too large to read"),
    ("docx bzip2 member", lambda d: hc.docx_bzip2(d, 64), "compression Word never writes"),
    ("docx directory understates sizes", lambda d: hc.docx_lying_directory(d, 100), "damaged"),
    ("docx directory claims 4 GB", hc.docx_lying_large, "too large to read"),
    ("docx claiming 65,535 members", hc.docx_many_members, "65,535 parts"),
    ("docx whose end record understates 20,000 members", hc.docx_understated_members, "20,001 parts"),
    ("docx with entity declarations", hc.docx_entities, "declares a document type"),
    ("PDF stream inflating to 100 MB", lambda d: hc.pdf_huge_run(d, 100), "too large to read"),
    ("PDF with 10,000 pages", lambda d: hc.pdf_pages(d, 10_000), "10,000 pages"),
    ("HTML nested 5,000 deep", hc.html_deep, "nested too deeply"),
    ("HTML of 200,000 paragraphs", hc.html_wide, "200,002 HTML elements"),
    ("PNG named .txt", lambda d: hc.write(d, "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256))), "a PNG image"),
    ("ELF program named .pdf", lambda d: hc.write(d, "story.pdf", b"\x7fELF\x02\x01\x01" + bytes(200)), "a program"),
    ("zip archive named .txt", lambda d: hc.write(d, "notes.txt", _plain_zip()),
     "a zip archive"),
    ("OLE (.doc) named .docx", lambda d: hc.write(d, "old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
     "old-style Office file"),
    ("gzip named .html", lambda d: hc.write(d, "page.html", b"\x1f\x8b\x08\x00" + bytes(100)), "gzip"),
    ("session with a 5,000-digit number", lambda d: hc.write(
        d, "big.storydiff", '{"format": "storydiff-session", "version": 1' + ', "base": ' + "9" * 5000 + "}"),
     "absurdly long"),
    ("device as input", lambda d: Path("/dev/zero"), "is a device"),
]


def _plain_zip() -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "hello")
    return buf.getvalue()


@pytest.mark.parametrize("name,make,words", REFUSED, ids=[r[0] for r in REFUSED])
def test_hostile_file_is_refused_in_one_line_within_budget(tmp_path, name, make, words):
    bad = make(tmp_path)
    args = [str(bad)] if bad.suffix == ".storydiff" else [str(_good(tmp_path)), str(bad)]
    _check_run(tmp_path, args, words, bad)


# -- read correctly: (id, maker(tmp) -> path, check(json report, version)) -------------------------

def _has(*needles: str):
    def check(version: dict, text: str) -> None:
        for n in needles:
            assert n in text, (n, text[:300])
    return check


def _html(charset: str, body: str = "Caf\u00e9 owners protested on Tuesday in the capital city.",
          encoding: str = "utf-8") -> bytes:
    return (f'<html><head><meta charset="{charset}"><title>Story</title></head><body><article>'
            f"<h1>Minister resigns</h1><p>{body}</p><p>She told reporters she would return to "
            "teaching after the week of protests.</p></article></body></html>").encode(encoding)


LOADED = [
    ("docx runs nested 5,000 deep", lambda d: hc.docx_deep(d, 5000, "run"), _has("Deeply nested words")),
    ("docx body nested 5,000 deep", lambda d: hc.docx_deep(d, 5000, "body"), _has("minister resigned")),
    ("PDF saved as .txt", hc.pdf_named_txt, lambda v, t: (v["encoding"] == "pdf" and "minister resigned" in t)
     or pytest.fail(str(v))),
    ("PDF of 7,281 evenly spaced lines", lambda d: hc.pdf_even_lines(d, 7281), _has("line 7280 of the story")),
    *[(f"HTML charset={cs}", lambda d, cs=cs: hc.write(d, f"{cs}.html", _html(cs)), _has("Caf\u00e9 owners"))
      for cs in ("rot13", "zlib", "hex", "base64", "idna", "undefined")],
    ("HTML charset=utf-16 on an ASCII page", lambda d: hc.write(d, "u16.html", _html("utf-16")),
     _has("Caf\u00e9 owners")),
    ("HTML charset=windows-1252 on UTF-8 bytes", lambda d: hc.write(d, "stale.html", _html("windows-1252")),
     _has("Caf\u00e9 owners")),
    ("HTML with control characters in a dropped element's tail", lambda d: hc.write(
        d, "ctl.html", "<html><body><article><h1>Minister resigns</h1><p>The minister resigned on Tuesday after "
        "a week of protests.<script>x()</script>\x01 She told reporters she would return to teaching.</p>"
        "</article></body></html>"),
     lambda v, t: ("She told reporters" in t and "\x01" not in t) or pytest.fail(t)),
    ("UTF-8 with two invalid bytes", lambda d: hc.write(
        d, "damaged.txt", STORY.encode().replace(b"week", b"we\xffek").replace(b"capital", b"capi\xfetal")),
     lambda v, t: (v["encoding"] == "utf-8" and "caf\u00e9" in t and t.count("\ufffd") == 2) or pytest.fail(t)),
    ("Markdown: 20 KB of backticks", lambda d: hc.write(d, "ticks.md", "`" * 20_000 + "\n\nEnd of story.\n"),
     _has("End of story")),
    ("Markdown: 100 KB of [", lambda d: hc.write(d, "brackets.md", "[" * 100_000 + "\n\nEnd of story.\n"),
     _has("End of story")),
    ("Markdown: 90 KB of _a", lambda d: hc.write(d, "under.md", "_a " * 30_000 + "\n\nEnd of story.\n"),
     _has("End of story")),
    ("Markdown: every mark by the ten thousand", lambda d: hc.write(d, "marks.md", "\n\n".join(
        ["*a " * 30_000, "**a " * 25_000, "~~a " * 30_000, "![" * 50_000, "[a](" * 25_000, '[a](x "' * 20_000,
         "<http:" * 20_000, "``a`" * 20_000, "End of story."]) + "\n"), _has("End of story")),
]


@pytest.mark.parametrize("name,make,check", LOADED, ids=[r[0] for r in LOADED])
def test_hostile_file_is_read_correctly_within_budget(tmp_path, name, make, check):
    path = make(tmp_path)
    report = tmp_path / "report.json"
    _check_run(tmp_path, [str(_good(tmp_path)), str(path), "--format", "json", "-o", str(report)], None, None)
    doc = json.loads(report.read_text(encoding="utf-8"))
    version = doc["versions"][1]
    texts = " ".join(b["text"] for b in version.get("blocks", [])) or version.get("text", "")
    check(version, texts)


# -- the rest of the table ---------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_two_five_megabyte_lines_report_within_budget(tmp_path, fmt):
    """'What is new' on two 5 MB one-line versions with spread-out edits (508 s before the size plan)."""
    words = ["protest", "minister", "capital", "Tuesday", "office", "reporters", "conscience", "teaching"]
    a = [f"{words[k % 8]}{k % 997}" for k in range(560_000)]
    b = list(a)
    for k in range(0, len(b), 5000):
        b[k] = f"CHANGED{k}"
    (tmp_path / "a.txt").write_text(" ".join(a)[:5_000_000], encoding="utf-8")
    (tmp_path / "b.txt").write_text(" ".join(b)[:5_000_000], encoding="utf-8")
    out = tmp_path / f"r.{fmt}"
    _, seconds, rss = _check_run(tmp_path, [str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", fmt,
                                            "-o", str(out)], None, None)
    assert out.stat().st_size > 5_000_000


@pytest.mark.parametrize("line", ["\n", "\r\n", " \n", "\u00a0\u200b\n", "\u2028"],
                         ids=["LF", "CRLF", "space", "nbsp-zwsp", "U+2028"])
def test_five_megabytes_of_blank_lines_within_budget(tmp_path, line):
    """Splitting kept one tuple per line: 5 MB of blank lines peaked at 1.06 GB; blank
    lines are no longer stored. Every kind of line break and of blank is tried."""
    blank = tmp_path / "blank.txt"
    blank.write_text(line * (5_000_000 // len(line.encode("utf-8"))), encoding="utf-8")
    report = tmp_path / "report.json"
    _check_run(tmp_path, [str(_good(tmp_path)), str(blank), "--format", "json", "-o", str(report)], None, None)
    doc = json.loads(report.read_text(encoding="utf-8"))
    assert doc["versions"][1]["blocks"] == []


def test_two_thousand_versions_ask_then_coarsen(tmp_path):
    files = []
    for k in range(2000):
        p = tmp_path / f"v{k:04}.txt"
        p.write_text(f"Version {k} of the story.\n", encoding="utf-8")
        files.append(str(p))
    _check_run(tmp_path, files, "2,000 versions", None)
    out = tmp_path / "r.json"
    _check_run(tmp_path, [*files, "--coarse", "--format", "json", "-o", str(out)], None, None)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert len(doc["versions"]) == 50


def test_escape_sequences_never_reach_the_terminal(tmp_path):
    evil = tmp_path / "name\x1b]0;pwned\x07\x1b[2J.txt"
    evil.write_text("Minister resigns\n\nThe minister \x1b[2J resigned \u202e on Tuesday after protests.\n",
                    encoding="utf-8")
    out, _, _ = _check_run(tmp_path, [str(_good(tmp_path)), str(evil)], None, None)
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert "\\x1b[2J" in out and "\\u202e" in out
    missing = tmp_path / "gone\x1b[2J.txt"
    code, _, err, _, _ = run_cli([str(_good(tmp_path)), str(missing)], tmp_path)
    assert code == 2 and "\x1b" not in err and "gone\\x1b[2J.txt" in err


def test_session_given_to_the_cli_is_compared(tmp_path):
    from engine.io.loading import Source
    from engine.io.session import save_session
    from engine.model import Options

    session = tmp_path / "story.storydiff"
    save_session(session, [Source("first", STORY), Source("second", STORY.replace("Tuesday", "Monday"))], 1,
                 Options())
    out, _, _ = _check_run(tmp_path, [str(session)], None, None)
    assert "base [1] second" in out
    _check_run(tmp_path, [str(session), str(_good(tmp_path))], "compared on its own", session)
    renamed = tmp_path / "session.txt"
    renamed.write_bytes(session.read_bytes())
    _check_run(tmp_path, [str(_good(tmp_path)), str(renamed)], "saved Storydiff session", renamed)


# -- outputs that are not regular files ---------------------------------------------------------------

def test_output_onto_a_fifo_writes_through_and_keeps_the_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = bytearray()

    def drain() -> None:
        with open(fifo, "rb") as fh:
            got.extend(fh.read())

    reader = threading.Thread(target=drain)
    reader.start()
    _check_run(tmp_path, [str(_good(tmp_path)), str(_good(tmp_path)), "-o", str(fifo)], None, None)
    reader.join(10)
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and b"Storydiff: 2 versions" in got


def test_output_onto_a_fifo_nobody_reads_is_refused(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    _check_run(tmp_path, [str(_good(tmp_path)), str(_good(tmp_path)), "-o", str(fifo)], "nobody is reading", fifo)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="creating a device node needs root (CI runs as root)")
def test_output_onto_a_device_writes_through_as_root(tmp_path):
    node = tmp_path / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a private /dev/null: a regression replaces only it
    _check_run(tmp_path, [str(_good(tmp_path)), str(_good(tmp_path)), "-o", str(node)], None, None)
    assert stat.S_ISCHR(node.lstat().st_mode)


@pytest.mark.parametrize("where", ["missing/report.html", "."])
def test_output_errors_name_the_users_path_not_a_temp_file(tmp_path, where):
    target = str(tmp_path / where)
    code, _, err, _, _ = run_cli([str(_good(tmp_path)), str(_good(tmp_path)), "-o", target], tmp_path)
    assert code == 2 and err.count("\n") == 1 and target in err and ".tmp" not in err


def test_output_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    code, *_ = run_cli([str(_good(tmp_path)), str(_good(tmp_path)), "-o", str(link)], tmp_path)
    assert code == 0 and link.is_symlink() and "Storydiff" in real.read_text(encoding="utf-8")


# -- named pipes as inputs (in process: the pipe budget is shortened) --------------------------------

def test_fifo_input_without_a_writer_is_refused_within_its_budget(tmp_path, monkeypatch):
    import engine.io.loading
    from engine.compare import load_versions

    monkeypatch.setattr(engine.io.loading, "PIPE_SECONDS", 1.0)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    errors: list = []
    started = time.perf_counter()
    versions = load_versions([_good(tmp_path), fifo], errors=errors)
    assert time.perf_counter() - started < 5
    assert len(versions) == 1 and "named pipe still empty" in str(errors[0]) and str(fifo) in str(errors[0])


def test_fifo_input_with_a_writer_is_read(tmp_path):
    from engine.compare import load_versions

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "w", encoding="utf-8") as fh:
            fh.write(STORY)

    writer = threading.Thread(target=write)
    writer.start()
    (v,) = load_versions([fifo])
    writer.join(5)
    assert v.text == STORY


def test_docx_declaring_an_unknown_encoding_is_one_line(tmp_path):
    """Found by fuzzing the docx reader: expat raised LookupError for encoding="UTF-6"."""
    from engine.errors import InputError
    from engine.io.formats import extract

    xml = (hc.DOC_HEAD + hc.PARA + hc.DOC_TAIL).replace('encoding="UTF-8"', 'encoding="UTF-6"')
    path = hc._zip(tmp_path / "utf6.docx", [("[Content_Types].xml", "<Types/>"), ("word/document.xml", xml)])
    with pytest.raises(InputError, match="unknown encoding") as e:
        extract(path, path.read_bytes())
    assert "\n" not in str(e.value)


def test_pdf_text_with_control_characters_loses_them(tmp_path):
    """Found by fuzzing the PDF reader: a text string with NUL bytes came out as text with NULs
    (which sessions and the window refuse as binary data)."""
    from engine.io.formats import extract

    page = b"BT /F1 11 Tf 72 760 Td (Minister\\000 resigns\\003 today) Tj ET"
    text, _, _ = extract(tmp_path / "nul.pdf", hc.pdf([page], compress=False))
    assert text == "Minister resigns today\n"


def test_docx_with_a_5000_digit_outline_level_is_read(tmp_path):
    """Python refuses to convert integers of 4,300+ digits: attribute values are length-checked first."""
    from engine.io.formats import extract

    body = f'<w:p><w:pPr><w:outlineLvl w:val="{"9" * 5000}"/></w:pPr><w:r><w:t>Deep level.</w:t></w:r></w:p>'
    path = hc._zip(tmp_path / "level.docx", [("[Content_Types].xml", "<Types/>"),
                                             ("word/document.xml", hc.DOC_HEAD + body + hc.DOC_TAIL)])
    assert extract(path, path.read_bytes())[0] == "Deep level.\n"


# -- the existing robustness table, measured the same way ---------------------------------------------

def _existing_cases():
    from tests.engine.io.test_hostile_inputs import CASES

    return CASES


@pytest.mark.parametrize("name,make,expect", _existing_cases(), ids=[c[0] for c in _existing_cases()])
def test_existing_table_rows_within_budget(tmp_path, name, make, expect):
    """Every row of tests/engine/io/test_hostile_inputs.py's table, in a subprocess: exit code,
    one stderr line naming the file, time, peak RSS, inputs unchanged."""
    path = make(tmp_path)
    good = _good(tmp_path)
    if isinstance(expect, str):
        _check_run(tmp_path, [str(good), str(path)], expect.split(": ", 1)[1], path)
    else:
        _check_run(tmp_path, [str(good), str(path), "--format", "json", "-o", str(tmp_path / "r.json")], None, None)


@pytest.mark.parametrize("data", [b"\xff\xfe\x61\xff" + bytes(40), b"\xfe\xff" + bytes(40) + b"\x00a",
                                  b"\xef\xbb\xbfabc\x00def"], ids=["utf-16-le", "utf-16-be", "utf-8-sig"])
def test_byte_order_mark_before_binary_data_is_refused(data):
    """Found by fuzzing the text and Markdown readers: BOM-decoded text kept its NUL characters."""
    from engine.errors import InputError
    from engine.io.decode import decode

    with pytest.raises(InputError, match="binary"):
        decode(data, "bom.txt")
