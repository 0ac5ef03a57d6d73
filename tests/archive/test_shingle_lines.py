"""The archive drops the same wire lines the compare path does (one set of rules, engine.text.wire)."""

from __future__ import annotations

import pytest

from engine.archive.shingles import story_text
from engine.text import wire

STORY = "The harbour board voted to close the north quay on Friday."


@pytest.mark.parametrize("line, rule", [
    ("By Jo Bloggs, Crime Correspondent, PA News", wire.is_byline),
    ("ends", wire.is_signoff),
    ("mfl", wire.is_signoff),
    ("-30-", wire.is_signoff),
    ("===========", wire.is_rule),
    ("14:05 03/02/01: Page 1 (HHH) NEWS Lighthouse", wire.is_slug),
])
def test_a_wire_line_the_compare_path_sets_aside_is_left_out_of_the_shingles(line, rule):
    assert rule(line)
    assert story_text(f"{line}\n{STORY}\n") == STORY


@pytest.mark.parametrize("line", [
    "By then, the board had already voted to close the quay.",  # a sentence, not a byline
    "More than 40 boats use the quay each week.",  # "more" opens a sentence, not a sign-off
])
def test_story_sentences_that_start_like_wire_lines_are_kept(line):
    assert not (wire.is_byline(line) or wire.is_signoff(line))
    assert story_text(f"{line}\n{STORY}\n") == f"{line}\n{STORY}"
