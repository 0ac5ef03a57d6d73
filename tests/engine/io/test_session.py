"""Saved sessions: a round trip gives the same comparison; damaged or foreign files give one clear line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine import compare
from engine.errors import StorydiffError
from engine.io.loading import from_text, read_path
from engine.io.session import FORMAT, VERSION, load_session, save_session
from engine.model import Options
from tests.engine.articles import UNRELATED, WIRE, text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _sources():
    return [read_path(FIXTURES / "ferry-page.html"), read_path(FIXTURES / "ferry.docx"),
            from_text(text(WIRE[:3] + ["A new paragraph \u201cquoted\u201d \u2014 with\u00a0odd spaces."]), "pasted")]


def _comparable(c):
    d = c.to_dict()
    d.pop("elapsed")
    return d


def test_round_trip_gives_the_same_comparison(tmp_path):
    sources = _sources()
    options = Options(ignore_case=False, sensitivity=0.7, granularity="char")  # none the default
    path = tmp_path / "story.storydiff"
    save_session(path, sources, base=1, options=options, names=["web", "draft", ""])
    s = load_session(path)
    assert s.sources == sources and s.base == 1 and s.options == options
    assert s.names == ["web", "draft", ""]
    before = compare(sources, base=1, options=options, names=["web", "draft", ""])
    after = compare(s.sources, base=s.base, options=s.options, names=s.names)
    assert _comparable(before) == _comparable(after)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == FORMAT and doc["version"] == VERSION
    assert [p.name for p in tmp_path.iterdir()] == ["story.storydiff"]  # no temporary file left


def test_saving_replaces_atomically(tmp_path, monkeypatch):
    path = tmp_path / "s.storydiff"
    save_session(path, _sources(), 0, Options())
    good = path.read_bytes()
    import engine.io.safe_write as sw

    def exploding_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sw.os, "fsync", exploding_fsync)
    with pytest.raises(OSError):
        save_session(path, [from_text("a\n\nb"), from_text("c")], 0, Options())
    assert path.read_bytes() == good  # the old session survives a failed write
    assert [p.name for p in tmp_path.iterdir()] == ["s.storydiff"]


def test_bad_base_is_refused_on_save(tmp_path):
    with pytest.raises(StorydiffError, match="base"):
        save_session(tmp_path / "x.storydiff", _sources(), 5, Options())


def _valid_doc() -> dict:
    return {"format": FORMAT, "version": 1, "base": 0, "options": Options().to_dict(), "names": None,
            "sources": [{"name": "a", "text": "one", "path": None, "encoding": "text", "fmt": "text"},
                        {"name": "b", "text": "two", "path": "/x/b.txt", "encoding": "utf-8", "fmt": "text"}]}


def _mutated(**changes) -> dict:
    d = _valid_doc()
    d.update(changes)
    return d


@pytest.mark.parametrize("content,problem", [
    (b"", "not a Storydiff session"),
    (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not a Storydiff session"),
    (b"hello, I am a text file", "not a Storydiff session"),
    (b'{"schema": "storydiff/1", "versions": []}', "not a Storydiff session"),
    (b"[1, 2, 3]", "not a Storydiff session"),
    (b'{"format": "storydiff-session", "version": 1, "base": 0, "sources": [{"na', "truncated or corrupt"),
    (json.dumps(_mutated(version=99)).encode(), "newer Storydiff"),
    (json.dumps(_mutated(version="1")).encode(), "no format version"),
    (json.dumps(_mutated(base=2)).encode(), "base 2"),
    (json.dumps(_mutated(base=True)).encode(), "base"),
    (json.dumps(_mutated(sources="nope")).encode(), "at least two versions"),
    (json.dumps(_mutated(sources=[{"name": "a", "text": "x"}])).encode(), "at least two versions"),
    (json.dumps(_mutated(sources=[{"name": "a", "text": 5}, {"name": "b", "text": "y"}])).encode(), "no text"),
    (json.dumps(_mutated(names="ab")).encode(), "names"),
    (json.dumps(_mutated(options=[1])).encode(), "options"),
    (json.dumps(_mutated(options={"sensitivity": "high"})).encode(), "sensitivity"),
    (json.dumps(_mutated(options={"sensitivity": 7})).encode(), "sensitivity"),
    (json.dumps(_mutated(options={"granularity": "line"})).encode(), "granularity"),
    (b"[" * 100000, "nested too deeply|corrupt|not a Storydiff"),
])
def test_damaged_or_foreign_files_are_one_line_errors(tmp_path, content, problem):
    path = tmp_path / "bad.storydiff"
    path.write_bytes(content)
    with pytest.raises(StorydiffError, match=problem) as e:
        load_session(path)
    message = str(e.value)
    assert message.startswith(str(path)) and "\n" not in message


def test_unknown_options_from_newer_versions_are_ignored(tmp_path):
    path = tmp_path / "newer.storydiff"
    path.write_text(json.dumps(_mutated(options={"sensitivity": 0.3, "future_knob": True})), encoding="utf-8")
    assert load_session(path).options == Options(sensitivity=0.3)


def test_every_truncation_is_a_clear_error(tmp_path):
    path = tmp_path / "s.storydiff"
    save_session(path, _sources(), 0, Options())
    data = path.read_bytes()
    cut = tmp_path / "cut.storydiff"
    for n in range(0, len(data) - 2, max(1, len(data) // 150)):
        cut.write_bytes(data[:n])
        with pytest.raises(StorydiffError):
            load_session(cut)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(StorydiffError, match="no such file"):
        load_session(tmp_path / "gone.storydiff")
    with pytest.raises(StorydiffError, match="directory"):
        load_session(tmp_path)


def test_unrelated_sources_survive_too(tmp_path):
    path = tmp_path / "u.storydiff"
    sources = [from_text(text(WIRE), "wire"), from_text(text(UNRELATED), "orchestra")]
    save_session(path, sources, 1, Options())
    s = load_session(path)
    assert [x.name for x in s.sources] == ["wire", "orchestra"] and s.base == 1 and s.names is None


# -- sessions that are odd but mendable open whole; a session is never saved empty ----------------

def _raw(path: Path, sources: list[dict], **extra) -> Path:
    doc = {"format": FORMAT, "version": VERSION, "base": 0, "options": {}, "sources": sources, **extra}
    path.write_text(json.dumps(doc), encoding="utf-8")  # ensure_ascii: lone surrogates as \\udXXX escapes
    return path


def test_lone_surrogates_in_a_session_become_replacement_characters(tmp_path, capsys):
    from engine.cli import main

    path = _raw(tmp_path / "s.storydiff", [{"name": "a\ud800", "text": text(WIRE[:3]) + "Odd \udfff end.\n"},
                                           {"name": "b", "text": text(WIRE[:2])}], names=["first\udc80", "second"])
    s = load_session(path)
    assert s.sources[0].name == "a\ufffd" and "Odd \ufffd end." in s.sources[0].text
    assert s.names == ["first\ufffd", "second"]
    out = tmp_path / "r.json"
    assert main(["compare", str(path), "--format", "json", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["versions"][0]["name"] == "first\ufffd"
    save_session(tmp_path / "again.storydiff", s.sources, s.base, s.options, s.names)  # writable again


@pytest.mark.parametrize("names", [["only one"], ["one", "two", "three", "four", "five"], []])
def test_names_are_matched_to_versions_one_by_one(tmp_path, names):
    sources = [{"name": f"v{k}", "text": text(WIRE[k:k + 2])} for k in range(3)]
    s = load_session(_raw(tmp_path / "s.storydiff", sources, names=names))
    assert len(s.sources) == 3 and s.names == [(names[k] if k < len(names) else f"v{k}") for k in range(3)]


def test_sixty_versions_with_one_name_compare_from_the_cli(tmp_path, capsys):
    from engine.cli import main

    sources = [{"name": f"v{k}", "text": f"Version {k} of the story, with its own words {k}.\n"} for k in range(60)]
    path = _raw(tmp_path / "s.storydiff", sources, names=["the wire"])
    assert main(["compare", str(path)]) == 2  # asked first, in one line: 60 versions is over the limit
    assert "60 versions" in capsys.readouterr().err
    out = tmp_path / "r.json"
    assert main(["compare", str(path), "--coarse", "--format", "json", "-o", str(out)]) == 0
    names = [v["name"] for v in json.loads(out.read_text(encoding="utf-8"))["versions"]]
    assert len(names) == 50 and names[:2] == ["the wire", "v1"]


@pytest.mark.parametrize("count", [0, 1])
def test_a_session_of_fewer_than_two_versions_is_never_written(tmp_path, count):
    path = tmp_path / "s.storydiff"
    with pytest.raises(StorydiffError, match="at least two versions"):
        save_session(path, [from_text(text(WIRE))] * count, 0, Options())
    assert not path.exists()


def test_a_session_is_never_saved_over_a_version_of_it(tmp_path):
    version = tmp_path / "wire.txt"
    version.write_text(text(WIRE), encoding="utf-8")
    sources = [read_path(version), from_text(text(WIRE[:2]), "cut")]
    link = tmp_path / "session.storydiff"
    link.symlink_to(version)
    for target in (version, link, tmp_path / "." / "wire.txt"):
        with pytest.raises(StorydiffError, match="refusing to overwrite a version of this session"):
            save_session(target, sources, 0, Options())
    assert version.read_text(encoding="utf-8") == text(WIRE)
