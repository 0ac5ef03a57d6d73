"""The cheap first look of `facts_conflict`: numbers and number words as written."""

from hypothesis import given
from hypothesis import strategies as st

from engine.facts import conflict


@given(st.text(alphabet="abcxyz AZ019,.'-_\t\n\u00e9\u212a\u0130\u00df", max_size=30))
def test_letter_runs_are_the_patterns_runs(text):
    low = text.lower()  # the Kelvin sign and dotted capital I turn into a-z letters here
    assert conflict._letter_runs(low) == conflict._LETTERS.findall(low)


def test_number_words_are_read_in_any_case_and_next_to_punctuation():
    assert conflict._numbers("Three men, twenty-five cars and 4,000 people.") >= {"three", "twenty", "five", "4000"}
    assert not conflict._numbers("None of them wrote anything.") & {"one", "ten"}  # inside words: no number
