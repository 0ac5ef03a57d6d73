"""F7 / Shift+F7 visit every change once, in a documented order,
keeping to the reader's column and wrapping with a notice; a folded run can be unfolded
and folded back, by mouse or by Enter/Space; each Alt+letter opens one menu; Save
Session and Export have shortcuts, listed in Help › Keyboard Shortcuts."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from .conftest import wait_compared
from .test_ux_defects import _independent_files


def _here(view) -> tuple[int, int]:
    return view.currentIndex().row(), view.currentIndex().column()


def test_f7_visits_every_change_once_then_wraps(qtbot, window, samples):
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    view, m = window.columns.view, window.columns.model
    changed = {(r, c) for r in range(m.rowCount()) for c in range(m.columnCount())
               if not view.isRowHidden(r) and view._changed(r, c)}
    seen = []
    messages = []
    window.columns.message.connect(lambda text, _ms: messages.append(text))
    for _ in range(len(changed) + 1):
        window.actions_["next"].trigger()
        seen.append(_here(view))
    # Every changed cell once, then the round starts again, with a notice.
    assert set(seen[:-1]) == changed and len(seen[:-1]) == len(changed)
    assert seen[-1] == seen[0] and any("Wrapped" in t for t in messages)
    # Row by row: never back up to an earlier row within a round.
    rows = [r for r, _ in seen[:-1]]
    assert rows == sorted(rows)
    # Shift+F7 walks the same round backwards.
    back = []
    for _ in range(len(changed)):
        window.actions_["prev"].trigger()
        back.append(_here(view))
    assert back[-1] == seen[0] and back[:-1] == list(reversed(seen[:-1]))[:len(back) - 1]


def test_f7_keeps_to_the_column_the_reader_chose(qtbot, window, samples):
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    view = window.columns.view
    home = 3  # the late edit
    mine = [s for s in view.change_stops() if s[1] == home]
    view.choose(mine[0][0], home)  # the reader clicks a change in that version's column
    for want in mine[1:]:
        window.actions_["next"].trigger()
        # Other versions' changes in the rows between are visited too, but in a row where
        # this version has a change, its column comes first.
        while _here(view)[0] < want[0]:
            window.actions_["next"].trigger()
        assert _here(view) == want
    assert view.home == home


def test_a_folded_run_unfolds_and_folds_back_by_mouse_and_keys(qtbot, window, tmp_path):
    window.open_files(_independent_files(tmp_path))
    wait_compared(qtbot, window, 2)
    m, view = window.columns.model, window.columns.view
    first, (last, owner) = next(iter(m.runs.items()))
    view._on_link(f"fold:{first}")  # click "▸ n rows only in this version"
    assert not view.isRowHidden(last)
    assert "fold these" in m.html(first, owner)  # the way back is shown where the run starts
    view._on_link(f"fold:{first}")  # click "▾ fold these n rows"
    assert view.isRowHidden(last) and "rows only in this version" in m.html(first, owner)
    # Enter and Space on the folded row: unfold, fold.
    view.choose(first, owner)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert not view.isRowHidden(last)
    view.choose(last, owner)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.isRowHidden(last) and _here(view) == (first, owner)  # the reader is moved to the one row


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def test_each_alt_letter_opens_one_menu_and_picks_one_entry(qtbot, window):
    bar = window.menuBar()
    tops = [a.text() for a in bar.actions()]
    letters = [_mnemonic(t) for t in tops]
    assert None not in letters and len(set(letters)) == len(letters), tops
    for top in bar.actions():
        menu = top.menu()
        menu.aboutToShow.emit()  # fills menus built on demand (Open Recent, Export As)
        entries = [_mnemonic(a.text()) for a in menu.actions() if not a.isSeparator() and _mnemonic(a.text())]
        assert len(set(entries)) == len(entries), [a.text() for a in menu.actions()]


def test_save_session_and_export_have_shortcuts_listed_in_help(qtbot, window, samples):
    from gui.views.dialogs.help import shortcuts

    a = window.actions_
    assert a["save_session"].shortcut().toString() == "Ctrl+S"
    assert a["export"].shortcut().toString() == "Ctrl+E"
    listed = dict(shortcuts(list(a.values()) + window.view_actions))
    assert listed.get("Ctrl+S", "").startswith("Save Session") and listed.get("Ctrl+E", "").startswith("Export")
    assert any("fold" in what for what in listed.values())
    # Both need a comparison; once there is one, they work.
    assert not a["export"].isEnabled()
    window.open_files(samples[:2])
    wait_compared(qtbot, window, 2)
    assert a["export"].isEnabled() and a["save_session"].isEnabled()


def test_no_two_actions_share_a_shortcut(qtbot, window):
    # Two actions on one key make Qt fire neither ("Ambiguous shortcut overload"): the
    # Open URL and Open Session entries once both took Ctrl+Shift+O.
    owners: dict[str, list[str]] = {}
    for action in list(window.actions_.values()) + window.view_actions:
        for key in action.shortcuts():
            owners.setdefault(key.toString(), []).append(action.text())
    shared = {key: names for key, names in owners.items() if key and len(names) > 1}
    assert not shared, shared
