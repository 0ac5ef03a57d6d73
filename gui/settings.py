"""Where the window keeps its options, layout and recent comparisons (QSettings).

`STORYDIFF_SETTINGS` names an INI file to use instead of the user's settings, which
keeps tests and screenshots from reading or changing a real user's preferences.
"""

from __future__ import annotations

import json
import os

from PySide6.QtCore import QSettings

from engine.model import Options

MAX_RECENT = 10


def open_settings() -> QSettings:
    path = os.environ.get("STORYDIFF_SETTINGS")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Storydiff", "Storydiff")


def _bool(value, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)


def _float(value: object) -> float:
    """A stored number (QSettings gives back text from an ini file); TypeError for anything else."""
    if isinstance(value, (int, float, str)):
        return float(value)
    raise TypeError(f"not a number: {value!r}")


# Settings written before OPTIONS_REVISION stored the old default (case counted) on every
# close, whether or not the user chose it; their ignore_case is not read back.
OPTIONS_REVISION = 2


def load_options(s: QSettings) -> Options:
    d = Options()
    try:
        revision = int(str(s.value("options/revision", 1)))
    except ValueError:
        revision = 1
    try:
        return Options(
            ignore_case=_bool(s.value("options/ignore_case") if revision >= OPTIONS_REVISION else None,
                              d.ignore_case),
            ignore_punctuation=_bool(s.value("options/ignore_punctuation"), d.ignore_punctuation),
            ignore_quotes=_bool(s.value("options/ignore_quotes"), d.ignore_quotes),
            sensitivity=_float(s.value("options/sensitivity", d.sensitivity)),
            granularity=str(s.value("options/granularity", d.granularity)),
            unit=str(s.value("options/unit", d.unit)),
        )
    except Exception:  # a hand-edited or stale settings file falls back to defaults
        return d


def save_options(s: QSettings, o: Options) -> None:
    s.setValue("options/revision", OPTIONS_REVISION)
    s.setValue("options/ignore_case", o.ignore_case)
    s.setValue("options/ignore_punctuation", o.ignore_punctuation)
    s.setValue("options/ignore_quotes", o.ignore_quotes)
    s.setValue("options/sensitivity", o.sensitivity)
    s.setValue("options/granularity", o.granularity)
    s.setValue("options/unit", o.unit)


def load_recent(s: QSettings) -> list[list[str]]:
    try:
        raw = s.value("recent", "[]")
        if not isinstance(raw, (str, bytes, bytearray)):
            return []
        data = json.loads(raw)
        return [list(map(str, x)) for x in data if isinstance(x, list)][:MAX_RECENT]
    except (ValueError, TypeError):
        return []


def add_recent(s: QSettings, paths: list[str]) -> list[list[str]]:
    recent = [r for r in load_recent(s) if r != paths]
    recent.insert(0, paths)
    recent = recent[:MAX_RECENT]
    s.setValue("recent", json.dumps(recent))
    return recent


def last_work(s: QSettings) -> list[str] | None:
    """The files (or the session) compared last, if they are all still there."""
    recent = load_recent(s)
    if recent and all(os.path.isfile(p) for p in recent[0]):
        return recent[0]
    return None


def ask_on_quit(s: QSettings) -> bool:
    """Whether Quit offers to save an unsaved comparison (on unless the reader said not to ask)."""
    return _bool(s.value("ask_save_on_quit"), True)


def set_ask_on_quit(s: QSettings, on: bool) -> None:
    s.setValue("ask_save_on_quit", on)
