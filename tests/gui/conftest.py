"""GUI test fixtures: an isolated settings file and a window on the bundled samples."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLES  # noqa: F401  (re-exported for tests)


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """Keep every test away from the user's real Storydiff settings."""
    path = tmp_path / "storydiff-settings.ini"
    monkeypatch.setenv("STORYDIFF_SETTINGS", str(path))
    return path


@pytest.fixture
def samples() -> list[str]:
    return [str(p) for p in sorted(SAMPLES.glob("*.txt"))]


@pytest.fixture
def window(qtbot):
    from gui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    return w


def wait_compared(qtbot, w, versions: int | None = None, timeout: int = 15000) -> None:
    """Wait until the window shows a comparison (of `versions` versions if given) and is idle."""
    def done():
        c = w.document.comparison
        assert c is not None and not w.runner.busy
        if versions is not None:
            assert len(c.versions) == versions
    qtbot.waitUntil(done, timeout=timeout)
