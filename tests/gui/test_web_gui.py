"""The window and the web: Open URL, a pasted URL, the archive's tracked URLs and a URL's timeline."""

from __future__ import annotations

import datetime as dt
import socket

import pytest
from PySide6.QtWidgets import QApplication

from engine.track.poll import store_fetched
from engine.track.store import TrackStore
from engine.web.client import Fetched
from tests.gui.conftest import wait_compared
from tests.web.server import Server, html, page

PARAS = ["The council approved the harbour plan by 7 votes to 2 on Tuesday evening.",
         "Work will start in April and take 18 months, the port authority said."]


@pytest.fixture(autouse=True)
def local_only(monkeypatch, tmp_path):
    real = socket.getaddrinfo

    def local(host, *args, **kwargs):
        if host in ("127.0.0.1", "localhost"):
            return real("127.0.0.1", *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", local)
    monkeypatch.setenv("STORYDIFF_CACHE", str(tmp_path / "cache"))


def test_open_url_and_a_pasted_url_become_versions(qtbot, window):
    with Server() as s:
        s.routes["/a"] = html(page("Harbour plan approved", PARAS))
        s.routes["/b"] = html(page("Harbour plan approved", [PARAS[0].replace("7 votes to 2", "6 votes to 3"),
                                                             PARAS[1]]))
        window.document.clear()
        window.commands.urls.open(s.url("/a"))
        qtbot.waitUntil(lambda: len(window.document.entries) == 1, timeout=10000)
        QApplication.clipboard().setText(s.url("/b") + "\n")
        window.actions_["paste"].trigger()
        wait_compared(qtbot, window, versions=2)
        window.commands.urls.wait()
    c = window.document.comparison
    assert all(v.name.startswith("127.0.0.1 ") and v.fmt == "html" for v in c.versions)
    assert any(link.relation == "edited" for link in c.pair(0, 1).links)
    assert window.actions_["openurl"].text() == "Open &URL…"


def test_a_failing_url_is_one_line_in_the_banner(qtbot, window):
    window.commands.urls.open("http://nowhere.invalid/story")
    banner = window.columns.banner
    qtbot.waitUntil(lambda: bool(banner.errors), timeout=10000)
    assert banner.errors == ["http://nowhere.invalid/story: could not find the host nowhere.invalid (DNS lookup failed)"]


def _tracked_archive(path: str) -> str:
    url = "http://news.invalid/harbour"
    heads = ["Harbour plan approved", "Harbour plan approved", "Harbour plan approved after long review"]
    bodies = [PARAS, [PARAS[0].replace("7 votes to 2", "6 votes to 3"), PARAS[1]],
              [PARAS[0].replace("7 votes to 2", "6 votes to 3"), PARAS[1], "Fishing crews said they would appeal."]]
    with TrackStore.open(path) as store:
        store.add(url)
        store.add("http://news.invalid/other")
        for k, (h, b) in enumerate(zip(heads, bodies)):
            when = dt.datetime(2024, 5, 1 + k, 9, 0, tzinfo=dt.UTC)
            store_fetched(store, url, Fetched(url, url, 200, page(h, b), when, {"content-type": "text/html"}), "poll")
    return url


def test_the_archive_lists_tracked_urls_and_opens_a_timeline(qtbot, tmp_path, window):
    from gui.views.dialogs.archive_window import ArchiveDialog
    from gui.views.dialogs.timeline import TimelineDialog

    db = str(tmp_path / "a.duckdb")
    url = _tracked_archive(db)
    dialog = ArchiveDialog(db, window)
    qtbot.addWidget(dialog)
    panel = dialog.tracked_panel
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2, timeout=10000)
    assert panel.table.item(0, 0).text() == url and panel.table.item(0, 1).text() == "3"
    opened: list = []
    dialog.openTimeline.connect(lambda d, u: opened.append((d, u)))
    panel.table.selectRow(0)
    panel.show_button.click()
    assert opened == [(db, url)]
    dialog.close()

    timeline = TimelineDialog(db, url, window)
    qtbot.addWidget(timeline)
    qtbot.waitUntil(lambda: timeline.table.rowCount() == 3, timeout=20000)
    t = timeline.table
    assert t.item(0, 3).text() == "first version"
    assert t.item(1, 3).text().startswith("1 edited") and t.item(1, 5).text() == ""
    assert t.item(2, 5).text() == "“Harbour plan approved” → “Harbour plan approved after long review”"
    assert "added" in t.item(2, 3).text() and t.item(2, 6).text() == "—"  # no fact ledger yet
    chosen: list = []
    timeline.openVersions.connect(chosen.append)
    t.selectRow(2)
    timeline.step_button.click()
    assert [s.name for s in chosen[0]] == [t.item(1, 1).text(), t.item(2, 1).text()]
    timeline.openVersions.connect(lambda sources: window.document.add_sources(sources, replace_all=True, base=0))
    timeline.all_button.click()
    wait_compared(qtbot, window, versions=3)
    timeline.close()
