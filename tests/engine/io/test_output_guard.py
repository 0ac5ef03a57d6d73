"""The one output guard (engine.io.safe_write.OutputGuard): what a write must never replace."""

from __future__ import annotations

import os

import pytest

from engine.errors import StorydiffError
from engine.io.safe_write import OutputGuard, write_atomic


@pytest.fixture()
def files(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "indexed").mkdir()
    kept = tmp_path / "in" / "version.txt"
    kept.write_text("the user's text\n", encoding="utf-8")
    return tmp_path, kept


def _guard(tmp_path, kept):
    return OutputGuard().protect([kept], "a version being compared").protect_folders([tmp_path / "indexed"],
                                                                                      "a folder indexed")


@pytest.mark.parametrize("route", ["same", "relative", "dotdot", "symlink", "hardlink", "linked-folder"])
def test_every_spelling_of_a_protected_file_is_refused(files, route, monkeypatch):
    tmp_path, kept = files
    monkeypatch.chdir(tmp_path)
    target = {"same": str(kept), "relative": "in/version.txt", "dotdot": "indexed/../in/./version.txt"}.get(route)
    if route == "symlink":
        target = str(tmp_path / "report.txt")
        os.symlink(kept, target)
    elif route == "hardlink":
        target = str(tmp_path / "report.txt")
        os.link(kept, target)
    elif route == "linked-folder":
        os.symlink(tmp_path / "in", tmp_path / "alias")
        target = "alias/version.txt"
    with pytest.raises(StorydiffError, match=f"{target}: refusing to overwrite a version being compared"):
        write_atomic(target, "report", _guard(tmp_path, kept))
    assert kept.read_text(encoding="utf-8") == "the user's text\n"


def test_nothing_is_written_inside_a_protected_folder(files):
    tmp_path, kept = files
    for target in (tmp_path / "indexed" / "new.json", tmp_path / "indexed" / "sub" / "deeper" / "x.json"):
        with pytest.raises(StorydiffError, match="refusing to write inside .*indexed, a folder indexed"):
            _guard(tmp_path, kept).check(target)
    assert list((tmp_path / "indexed").iterdir()) == []


def test_other_outputs_are_written(files):
    tmp_path, kept = files
    out = tmp_path / "report.txt"
    write_atomic(out, "report", _guard(tmp_path, kept))
    assert out.read_text(encoding="utf-8") == "report"
    write_atomic(out, "again", _guard(tmp_path, kept))  # replacing one's own earlier report is fine
    assert out.read_text(encoding="utf-8") == "again"
