"""Progress on stderr for the long archive steps: a bar on a terminal, a few lines otherwise.

The last line says what was done, never more: a run stopped at 4,000 of 20,000 ends
on "4,000/20,000 stopped", not on a full bar.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """`with Progress("shingling", total) as p: p.advance(n)` — quiet when `stream` is None."""

    def __init__(self, label: str, total: int, stream: TextIO | None = sys.stderr, every: float = 0.5) -> None:
        self.label, self.total, self.stream, self.every = label, max(total, 0), stream, every
        self.done = 0
        self.start = time.monotonic()
        self._last = 0.0
        self._tty = bool(stream is not None and getattr(stream, "isatty", lambda: False)())
        self._next_tenth = 1  # without a terminal: one line per tenth of the work

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        self.finish(stopped=kind is not None)

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.stream is None:
            return
        now = time.monotonic()
        if self._tty:
            if now - self._last >= self.every or self.done >= self.total:
                self._last = now
                self.stream.write("\r" + self._line())
                self.stream.flush()
        elif self.total and self.done * 10 >= self._next_tenth * self.total and self.done < self.total:
            self._next_tenth = self.done * 10 // self.total + 1
            self.stream.write(self._line() + "\n")

    def _line(self, stopped: bool = False) -> str:
        frac = min(1.0, self.done / self.total) if self.total else 1.0
        bar = "#" * int(frac * 24)
        return (f"{self.label:<12} [{bar:<24}] {self.done:>9,}/{self.total:,}"
                f"  {time.monotonic() - self.start:6.1f} s" + ("  stopped" if stopped else ""))

    def finish(self, stopped: bool = False) -> None:
        """The last line: the count of what was done (`stopped` when an error or Ctrl+C ended the step)."""
        if self.stream is None:
            return
        self.stream.write(("\r" if self._tty else "") + self._line(stopped) + "\n")
        self.stream.flush()
