"""storydiff-cli: exit codes, one-line errors, text and JSON output, never touching inputs."""

import json
import subprocess
import sys

from engine.cli import main
from tests.engine.articles import UNRELATED, WIRE, text


def write(tmp_path, name, paragraphs):
    p = tmp_path / name
    p.write_text(text(paragraphs), encoding="utf-8")
    return p


def test_text_summary(tmp_path, capsys):
    a = write(tmp_path, "wire.txt", WIRE)
    b = write(tmp_path, "copy.txt", ["Leave a Reply", *WIRE])
    assert main(["compare", str(a), str(b)]) == 0
    out = capsys.readouterr().out
    assert "wire.txt" in out and "copy.txt" in out
    # Site chrome is context, not change: not listed, but said to be left out.
    assert "no differences" in out and "1 added boilerplate or caption block not listed" in out


def test_json_to_file_and_base(tmp_path):
    a = write(tmp_path, "wire.txt", WIRE)
    b = write(tmp_path, "other.txt", UNRELATED)
    out = tmp_path / "r.json"
    before = (a.read_bytes(), b.read_bytes())
    assert main(["compare", str(a), str(b), "--base", str(b), "--format", "json", "-o", str(out)]) == 0
    d = json.loads(out.read_text(encoding="utf-8"))
    assert d["schema"] == "storydiff/1" and d["base"] == 1
    assert (a.read_bytes(), b.read_bytes()) == before


def test_bad_input_is_one_line_exit_2(tmp_path):
    a = write(tmp_path, "wire.txt", WIRE)
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    cases = [
        [str(a), str(tmp_path / "missing.txt")],
        [str(a), str(binary)],
        [str(a), str(tmp_path)],
        [str(a)],
        [str(a), str(a), "--base", "elsewhere.txt"],
        [str(a), str(a), "--format", "docx"],
        [str(a), str(a), "-o", str(a)],
    ]
    for args in cases:
        r = subprocess.run([sys.executable, "-m", "engine.cli", "compare", *args],
                           capture_output=True, text=True)
        assert r.returncode == 2, args
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    assert a.read_text(encoding="utf-8") == text(WIRE)


def test_usage_error_is_one_line():
    r = subprocess.run([sys.executable, "-m", "engine.cli", "frobnicate"], capture_output=True, text=True)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1


def test_missing_file_with_spaces_is_an_error_not_text(tmp_path, capsys):
    a = write(tmp_path, "wire.txt", WIRE)
    assert main(["compare", str(a), str(tmp_path / "my missing file.txt")]) == 2
    assert "my missing file.txt: no such file" in capsys.readouterr().err
