"""The document the window edits: the ordered versions (entries), the base, the options
and the comparison currently shown.

Every edit goes through a method here and ends in one signal: `changed` when the
comparison must be re-run (versions added, removed, reordered, a new base, new
options), `comparisonChanged` when a new result (or none) is shown, `renamed` when
only the names of the shown versions changed. Views and the runner listen; nothing
else writes these fields.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from engine.io import session as sessions
from engine.io.guards import DEFAULT_LIMITS, Limits
from engine.io.loading import Source, from_text
from engine.model import Comparison, Options, Version

from . import RESOURCES

SAMPLES = RESOURCES / "samples"


def sample_files() -> list[str]:
    return [str(p) for p in sorted(SAMPLES.glob("*.txt"))]


@dataclass
class Entry:
    """One version in the window's list."""

    id: int
    source: object  # a path (str) or pasted Source until read, then the engine Version
    name: str
    path: str | None


def _as_source(src: object) -> Source | None:
    """What a session stores for one version: its decoded text and where it came from."""
    if isinstance(src, Version):
        return Source(src.name, src.text, src.path, src.encoding, src.fmt)
    return src if isinstance(src, Source) else None


class Document(QObject):
    changed = Signal()  # versions, base or options changed: the comparison must be re-run
    comparisonChanged = Signal(object)  # the Comparison now shown, or None
    renamed = Signal(object)  # the shown Comparison relabelled (no re-run)
    listChanged = Signal()  # the list of entries (or their names) changed, whatever the cause

    def __init__(self, options: Options, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.options = options
        self.entries: list[Entry] = []
        self.base_id: int | None = None
        self.comparison: Comparison | None = None
        self.shown_ids: list[int] = []  # entry ids in the current comparison's version order
        self.limits: Limits = DEFAULT_LIMITS  # the size guards (tests make them small)
        # Entry ids the user agreed to compare coarsely; the guards do not ask again for them.
        self.coarse_ids: frozenset[int] | None = None
        # Whether the versions, names, base or options changed since they were last opened
        # from or saved to a session (`session_path`): what Quit offers to save.
        self.unsaved = False
        self.session_path: str | None = None
        # The bundled samples, opened as a demonstration (the first start, File › Open
        # Samples) and not edited since: the reader's own versions replace them.
        self.demo = False
        self._ids = itertools.count()
        self._pasted = 0

    # ------------------------------------------------------------ reading
    def index_of(self, eid: int | None) -> int | None:
        for k, e in enumerate(self.entries):
            if e.id == eid:
                return k
        return None

    def base_index(self) -> int:
        return self.index_of(self.base_id) or 0

    def _edited(self) -> None:
        """Any edit: the work is the reader's own now, and not saved."""
        self.unsaved, self.demo = True, False

    def work_paths(self) -> list[str] | None:
        """What reopens this work next time: its session if saved since the last change, else
        its files (None when a version has no file, such as pasted text, or for the samples)."""
        if self.session_path and not self.unsaved:
            return [self.session_path]
        paths = [e.path for e in self.entries if e.path]
        if len(paths) < 2 or len(paths) < len(self.entries) or self.demo:
            return None
        return paths

    # ------------------------------------------------------------ edits
    def add_paths(self, paths: list[str], replace_all: bool = False, base: int | None = None) -> None:
        """Append versions read from `paths` (no signal: the caller decides when to compare)."""
        if replace_all:
            self.entries = []
            self.base_id = None
            self.session_path = None
        self._edited()
        first = len(self.entries)
        for p in paths:
            self.entries.append(Entry(next(self._ids), str(p), Path(p).name, str(p)))
        if base is not None and 0 <= first + base < len(self.entries):
            self.base_id = self.entries[first + base].id
        if self.base_id is None and self.entries:
            self.base_id = self.entries[0].id

    def add_sources(self, sources: list[Source], replace_all: bool = False, base: int | None = None) -> None:
        """Add versions already read (a fetched page, a tracked URL's versions) and re-compare."""
        if replace_all:
            self.entries = []
            self.base_id = None
        first = len(self.entries)
        self.entries += [Entry(next(self._ids), src, src.name, src.path) for src in sources]
        if base is not None and 0 <= first + base < len(self.entries):
            self.base_id = self.entries[first + base].id
        if self.base_id is None and self.entries:
            self.base_id = self.entries[0].id
        self.changed.emit()

    def add_text(self, text: str, name: str | None = None) -> None:
        """Add pasted or dropped text as a version; raises engine.StorydiffError for unusable text."""
        self._pasted += 1
        name = name or f"pasted text {self._pasted}"
        src = from_text(text, name)
        if self.demo:  # the reader's own text replaces the samples
            self.entries, self.base_id = [], None
        self._edited()
        self.entries.append(Entry(next(self._ids), src, name, None))
        if self.base_id is None:
            self.base_id = self.entries[0].id
        self.changed.emit()

    def remove(self, eid: int | None) -> None:
        k = self.index_of(eid)
        if k is None:
            return
        del self.entries[k]
        self._edited()
        if eid == self.base_id:
            self.base_id = self.entries[0].id if self.entries else None
        self.changed.emit()

    def move(self, eid: int | None, step: int) -> bool:
        k = self.index_of(eid)
        if k is None or not 0 <= k + step < len(self.entries):
            return False
        self.entries[k], self.entries[k + step] = self.entries[k + step], self.entries[k]
        self._edited()
        self.changed.emit()
        return True

    def reorder(self, ids: list[int]) -> None:
        by_id = {e.id: e for e in self.entries}
        self.entries = [by_id[i] for i in ids if i in by_id]
        self._edited()
        self.changed.emit()

    def set_base(self, eid: int) -> bool:
        if eid == self.base_id or self.index_of(eid) is None:
            return False
        self.base_id = eid
        self._edited()
        self.changed.emit()
        return True

    def clear(self) -> None:
        self.entries = []
        self.base_id = None
        self.unsaved, self.session_path, self.demo = False, None, False  # nothing left to save
        self.changed.emit()

    def set_options(self, options: Options) -> bool:
        if options == self.options:
            return False
        self.options = options
        self._edited()
        self.changed.emit()
        return True

    def set_unit(self, unit: str) -> bool:
        """Align "sentence"s or "paragraph"s."""
        return self.set_options(replace(self.options, unit=unit))

    def rename(self, eid: int, name: str) -> None:
        """Relabel one version; the shown comparison is relabelled, not re-run."""
        k = self.index_of(eid)
        if k is not None and name:
            self.entries[k].name = name
            self._edited()
            if self.comparison is not None and eid in self.shown_ids:
                # A shown version removed since (its re-run still pending) keeps the name it has.
                by_id = {e.id: e.name for e in self.entries}
                names = [by_id.get(i, v.name) for i, v in zip(self.shown_ids, self.comparison.versions)]
                self.comparison = self.comparison.with_names(names)
                self.renamed.emit(self.comparison)
        self.listChanged.emit()  # also when refused: the panel shows the old name again

    # ------------------------------------------------------------ results
    def accept_loaded(self, loaded: list) -> list[Entry]:
        """Keep what a job read (the Versions), so re-comparing needs no disk access, and
        drop versions that failed to load (their error is shown instead). The kept entries."""
        kept: list[Entry] = []
        for e, src in zip(list(self.entries), loaded):
            if src is None:
                continue
            e.source = src  # the Version: no re-reading or re-splitting next time
            kept.append(e)
        if loaded:
            self.entries = kept + self.entries[len(loaded):]
            if self.index_of(self.base_id) is None:
                self.base_id = self.entries[0].id if self.entries else None
        return kept

    def show(self, c: Comparison | None, shown: list[Entry] | None = None) -> None:
        """Show `c` (None: nothing); `shown` are the entries of its versions, in its order."""
        if c is not None and shown is not None:
            # The run took the names when it started: a rename made while it ran wins.
            names = [e.name for e in shown]
            if names != [v.name for v in c.versions]:
                c = c.with_names(names)
        self.comparison = c
        if c is None:
            self.shown_ids = []
        elif shown is not None:
            self.shown_ids = [e.id for e in shown]
        self.comparisonChanged.emit(c)

    # ------------------------------------------------------------ sessions
    def save_session(self, path: str) -> bool:
        """Write the shown versions' texts, names, base and options; False when a version has no text yet."""
        if self.comparison is None:
            return False
        shown = [self.entries[k] for k in (self.index_of(i) for i in self.shown_ids) if k is not None]
        sources = [src for e in shown if (src := _as_source(e.source)) is not None]
        if len(sources) < len(shown):  # a version has no text yet
            return False
        sessions.save_session(path, sources, self.comparison.base, self.options, [e.name for e in shown])
        self.unsaved, self.session_path = False, path
        return True

    def load_session(self, path: str) -> None:
        """Replace the document with a saved session; raises engine.StorydiffError for a bad file."""
        loaded = sessions.load_session(path)
        names = loaded.names or [src.name for src in loaded.sources]
        self.entries = [Entry(next(self._ids), src, name or src.name, src.path)
                        for src, name in zip(loaded.sources, names)]
        self.base_id = self.entries[loaded.base].id
        self.options = loaded.options
        self.unsaved, self.session_path, self.demo = False, path, False
        self.changed.emit()


SESSION_SUFFIX = sessions.SUFFIX
__all__ = ["Document", "Entry", "SESSION_SUFFIX", "sample_files"]
