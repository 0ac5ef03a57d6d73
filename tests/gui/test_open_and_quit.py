"""The reader's own files replace the
samples, a new window starts on the last work (the samples the first time), and Quit
offers to save an unsaved comparison."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from gui.main_window import MainWindow

from .conftest import wait_compared
from .test_ux_defects import _independent_files


def test_open_replaces_the_samples_but_adds_to_the_readers_work(qtbot, window, tmp_path):
    window.open_samples()
    wait_compared(qtbot, window, 4)
    assert window.document.demo
    mine = _independent_files(tmp_path)
    window.open_files(mine)
    wait_compared(qtbot, window, 2)
    assert [e.path for e in window.document.entries] == mine
    window.open_files(mine[:1])  # now the reader's own work: Open adds to it
    wait_compared(qtbot, window, 3)


def test_pasted_text_replaces_the_samples_too(qtbot, window):
    window.open_samples()
    wait_compared(qtbot, window, 4)
    window.commands.add_text("A pasted story about the harbour.\n\nIts second paragraph says more.\n")
    assert [e.name for e in window.document.entries] == ["pasted text 1"]


def test_a_new_window_starts_on_the_last_work(qtbot, tmp_path, isolated_settings):
    from gui.app import start_files
    from gui.document import sample_files
    from gui.settings import last_work

    first = MainWindow()
    qtbot.addWidget(first)
    assert start_files([], first.settings) is None  # the first time: the samples
    assert start_files(sample_files(), first.settings) is None  # the samples, as a demonstration
    mine = _independent_files(tmp_path)
    first.open_files(mine)
    wait_compared(qtbot, first, 2)
    first.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert start_files([], again.settings) == mine
    assert start_files(mine[:1], again.settings) == mine[:1]  # files given win
    # A file gone since: not offered (the samples are shown instead).
    (tmp_path / "other.txt").unlink()
    assert last_work(again.settings) is None


def _answer(monkeypatch, button):
    asked = []

    def exec_(box):
        asked.append(box.text())
        return button

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked


def test_quit_offers_to_save_an_unsaved_comparison(qtbot, window, tmp_path, monkeypatch):
    window.open_files(_independent_files(tmp_path))
    wait_compared(qtbot, window, 2)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    window.actions_["quit"].trigger()
    assert asked and window.isVisible()  # Cancel: still open
    saved = tmp_path / "story.storydiff"
    monkeypatch.setattr(window.exporter, "save_session", lambda path=None: window.document.save_session(str(saved)))
    _answer(monkeypatch, QMessageBox.StandardButton.Save)
    assert window.commands.confirm_close() and saved.exists()
    assert not window.document.unsaved
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Discard)
    assert window.commands.confirm_close() and not asked  # saved: nothing to ask
    window.document.rename(window.document.entries[0].id, "wire copy")
    assert window.commands.confirm_close() and asked  # Discard: quit without saving


def test_the_samples_and_the_setting_need_no_question(qtbot, window, monkeypatch):
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    window.open_samples()
    wait_compared(qtbot, window, 4)
    assert window.commands.confirm_close() and not asked
    window.document.rename(window.document.entries[0].id, "my wire")
    assert not window.commands.confirm_close() and asked
    window.settings.setValue("ask_save_on_quit", False)
    assert window.commands.confirm_close()


def test_settings_from_before_do_not_keep_the_old_case_default(isolated_settings):
    from gui.settings import OPTIONS_REVISION, load_options, save_options

    s = QSettings(str(isolated_settings), QSettings.Format.IniFormat)
    s.setValue("options/ignore_case", False)  # written on every close by earlier versions
    assert load_options(s).ignore_case
    s.setValue("options/revision", OPTIONS_REVISION)  # the reader's own choice since
    assert not load_options(s).ignore_case
    save_options(s, load_options(s))
    assert int(s.value("options/revision")) == OPTIONS_REVISION
