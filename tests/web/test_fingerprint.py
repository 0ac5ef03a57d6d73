"""What counts as a change of a tracked article, and the one line that says what changed."""

from __future__ import annotations

from engine.track.fingerprint import change_line, fingerprint

BASE = ("# Harbour plan approved\n\nUpdated 5 minutes ago\n\nThe council approved the plan by 7 votes to 2.\n\n"
        "Work starts in April.\n\n14:05 BST\n\n12 comments\n")


def test_dates_counters_times_and_spacing_are_not_changes():
    same = BASE.replace("5 minutes", "2 hours").replace("14:05", "16:40").replace("12 comments", "1,204 views") \
        .replace("by 7", "by  7").replace("Work starts", "Work  starts")
    assert fingerprint(same) == fingerprint(BASE)
    assert fingerprint(BASE.replace("about 3 hours ago", "")) == fingerprint(BASE)


def test_words_numbers_case_and_order_are_changes():
    for changed in (BASE.replace("7 votes to 2", "6 votes to 3"), BASE.replace("April", "May"),
                    BASE.replace("council", "Council"),
                    BASE.replace("The council approved the plan by 7 votes to 2.\n\nWork starts in April.",
                                 "Work starts in April.\n\nThe council approved the plan by 7 votes to 2.")):
        assert fingerprint(changed) != fingerprint(BASE)


def test_the_change_line():
    assert change_line(None, BASE) == "first version"
    assert change_line(BASE, BASE.replace("5 minutes", "9 minutes")) == "no change in the article text"
    assert change_line(BASE, BASE.replace("7 votes to 2", "6 votes to 3")) == "1 paragraph edited"
    new = BASE.replace("# Harbour plan approved", "# Harbour plan approved after review") + "\nCrews will appeal.\n"
    assert change_line(BASE, new) == ("headline changed: “Harbour plan approved” → “Harbour plan approved after "
                                      "review”; 1 paragraph added")
    moved = BASE.replace("The council approved the plan by 7 votes to 2.\n\nWork starts in April.",
                         "Work starts in April.\n\nThe council approved the plan by 7 votes to 2.")
    assert change_line(BASE, moved) == "1 paragraph moved"
