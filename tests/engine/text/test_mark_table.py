"""The combining marks in use (a generated table, or the database read anew) are the database's."""

from __future__ import annotations

import unicodedata

from engine.text import textnorm


def test_the_marks_in_use_equal_a_fresh_reading_of_the_database():
    ranges = textnorm._mark_ranges()
    assert ranges == textnorm._scan_marks()
    assert 0x301 in {cp for a, b in ranges for cp in range(a, b + 1)}  # combining acute accent
    assert all(unicodedata.category(chr(cp)) in ("Mn", "Mc", "Me") for a, b in ranges for cp in (a, b))
