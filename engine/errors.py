"""Errors the engine raises on purpose.

Every error a user can cause (a missing file, a binary file, bad options) is a
`StorydiffError` whose message is one line that names the input and the problem,
so the CLI can print it and exit 2, and the window can show it in a message box.
"""

from __future__ import annotations


class StorydiffError(Exception):
    """A problem with the user's input or options, explained in one line."""


class InputError(StorydiffError):
    """A version could not be read: missing, unreadable, binary, undecodable, too big."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        # Position of the failed source among those given to `load_versions(errors=...)`, set there.
        self.index: int | None = None
        super().__init__(f"{source}: {problem}")


class Cancelled(StorydiffError):
    """The caller asked the comparison to stop (e.g. the user pressed Cancel)."""

    def __init__(self) -> None:
        super().__init__("comparison cancelled")
