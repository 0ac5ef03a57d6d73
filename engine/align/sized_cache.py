"""A least-recently-used cache bounded by the size of what it holds, not by a count.

`functools.lru_cache(maxsize=N)` bounds the number of entries: 8,192 cached
paragraphs are a few megabytes, but 8,192 cached 50 kB blocks are gigabytes. Here each
entry declares its size (characters of text it holds) and the oldest entries go when
the total passes the budget. Thread-safe: the window computes diffs in a worker
thread while the GUI thread may ask for others.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any


class SizedCache:
    """LRU mapping whose entries' declared sizes sum to at most `budget`."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.used = 0
        self._data: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        """The value kept for `key`, or None."""
        with self._lock:
            got = self._data.get(key)
            if got is None:
                return None
            self._data.move_to_end(key)
            return got[0]

    def put(self, key: Hashable, value: Any, size: int) -> None:
        """Keep `value` (None is not kept); what does not fit the budget is not kept."""
        if value is None or size > self.budget:
            return
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self.used -= old[1]
            self._data[key] = (value, size)
            self.used += size
            while self.used > self.budget:
                _, (_, dropped) = self._data.popitem(last=False)
                self.used -= dropped

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self.used = 0

    def __len__(self) -> int:
        return len(self._data)
