"""Who says each quotation, resolved to a full name when one person fits.

Attributions news copy writes (X is a name, a pronoun or "a spokesman for ..."):
    “…,” said X.   “…,” X said.   “…” – X, title.   X said: “…”   X told the court: “…”
    According to X, “…”   X said the plan was “a disgrace”.   (a line "X said:" before
    the quotation's paragraph, as press releases set them)
A paragraph that opens with a quotation and names nobody goes on quoting the
speaker of the quotation before it, as papers set a long statement.

Resolution: "Mr Ashdown", "Ashdown" or "Dr Ashdown" become "Ruth Ashdown" when she is
the only person of that surname the version names; "he" / "she" become the one
person named in this paragraph before the quote or in the paragraph before that,
when exactly one fits (honorifics and words such as "spokeswoman" tell he from she).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .words import key as word_key

HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Lord", "Lady", "Dame", "Prof", "Professor", "Rev",
              "Cllr", "Det", "Supt", "Insp", "Sgt", "PC", "DC", "DS", "DI", "DCI", "Judge", "Justice",
              "Capt", "Col", "Gen", "Lt", "Maj", "Baroness", "Baron", "Rt", "Hon", "Mme", "Mlle", "Herr")
_FEMALE = {"mrs", "ms", "miss", "lady", "dame", "baroness", "mme", "mlle", "spokeswoman", "chairwoman",
           "she", "her", "mother", "wife", "daughter", "sister", "actress", "businesswoman", "policewoman"}
_MALE = {"mr", "sir", "lord", "baron", "herr", "spokesman", "chairman", "he", "him", "his", "father",
         "husband", "son", "brother", "actor", "businessman", "policeman"}
VERBS = (r"(?:said|says|say|added|adds|told|tells|explained|explains|commented|stated|states|declared|"
         r"insisted|insists|warned|warns|claimed|claims|continued|replied|asked|admitted|admits|confirmed|"
         r"revealed|wrote|writes|announced|argued|recalled|urged|agreed|concluded|joked|remarked|observed|"
         r"noted|shouted|cried|sobbed|laughed|went on|goes on|told reporters|says of|said of)")
_CAP = r"(?:[A-Z]\.|[A-Z][\w\u2019'\-]*)"
_PARTICLE = r"(?:de|da|di|van|von|der|den|del|la|le|du|bin|ibn|al|el|ap|of|for)"
NAME = rf"(?:{_CAP}(?:\s+(?:{_PARTICLE}\s+)?{_CAP}){{0,5}})"
_GENERIC = (r"(?:(?:the|a|an|one|another)\s+(?:[a-z][\w\-]*\s+){0,3}?(?:spokes(?:man|woman|person)|official|source|"
            r"friend|neighbour|witness|relative|insider|aide|colleague|lawyer|solicitor|barrister|prosecutor|"
            r"judge|police(?:man|woman)?|officer|detective|minister|spokesperson|statement|report|"
            r"source|expert|analyst|resident|mother|father|wife|husband|woman|man|boy|girl|teenager|victim)"
            r"(?:\s+(?:for|of|at|from|to)\s+(?:the\s+)?(?:[\w\-]+\s*){1,4}?)?)")
_PRONOUN = r"(?:he|she|they|He|She|They)"
SPEAKER = rf"(?:{_PRONOUN}|{_GENERIC}|{NAME})"
_SAID = r"(?:said|says|added|adds|explained|commented|stated|declared|insisted|warned|claimed|continued|replied|admitted|confirmed|revealed|wrote|writes|announced|argued|recalled|urged|concluded|joked|remarked|observed|noted)"
_AFTER_VERB_FIRST = re.compile(rf"^[\s,.!?\u2026]*{_SAID}\s+(?:(?:[a-z][\w-]*\s+){{1,3}}?(?={NAME}))?({SPEAKER})")
_AFTER_SPEAKER_FIRST = re.compile(rf"^[\s,.!?\u2026]*(?:(?:[a-z][\w-]*\s+){{1,3}}?(?={NAME}))?({SPEAKER})\s+"
                                  rf"(?:has\s+|had\s+|later\s+|also\s+)?{VERBS}\b")
_AFTER_DASH = re.compile(rf"^\s*[\u2013\u2014-]+\s*({NAME})")
_BEFORE = re.compile(rf"({SPEAKER})\s+(?:has\s+|had\s+|later\s+|also\s+|then\s+)?{VERBS}"
                     rf"(?:\s+[^\u201c\u201d\"\u2018.:]{{0,60}}?)?(?:\s+that)?\s*[,:]?\s*$")
_ACCORDING = re.compile(rf"[Aa]ccording to ({SPEAKER}),?\s*$")
_COLON = re.compile(rf"(?:^|[.!?]\s+)({NAME}):\s*$")
_SPEAKS = re.compile(rf"(?:,[^,]{{1,80}},)?\s+(?:has\s+|had\s+|also\s+)?{VERBS}\b")
_IN_SENTENCE = re.compile(rf"({SPEAKER})\s+(?:has\s+|had\s+|also\s+)?{VERBS}\b")
_LINE_SAID = re.compile(rf"^(?:.*?\b)?({SPEAKER})(?:,[^:]{{0,160}},)?\s+{VERBS}\s*[^:]{{0,30}}:\s*$")
_TITLE_WORDS = frozenset(w.lower() for w in (
    *HONORIFICS, "Minister", "Secretary", "Officer", "Manager", "Director", "Chief", "Executive", "President",
    "Chairman", "Chairwoman", "Chair", "Head", "Leader", "Inspector", "Detective", "Superintendent",
    "Constable", "Sergeant", "Commissioner", "Governor", "Mayor", "Councillor", "Senator", "Governor",
    "Ambassador", "Chancellor", "Editor", "Coach", "Captain", "Spokesman", "Spokeswoman", "Environment",
    "Health", "Home", "Foreign", "Prime", "Deputy", "Shadow", "Chief", "General", "Care", "Education",
    "Transport", "Culture", "Business", "Justice", "Defence", "Professor", "Doctor", "Coroner", "Mrs"))
PRONOUNS = frozenset(("he", "she", "they"))
# Last words of names that are not people's: "First World War", "Harbour Road", "High Court".
NOT_PEOPLE = frozenset(
    "war road street lane avenue bridge court council university agency church school hospital college house "
    "office department service services party union company ltd plc group committee commission club fund bank "
    "centre center museum station airport park square river lake island county city town village harbour "
    "police army government ministry trust board association society institute foundation news times post "
    "mail guardian telegraph express mirror sun star independent authority assembly parliament cabinet "
    "prison library gallery theatre hall festival awards prize cup league championship games olympics inquiry "
    "day bailey family".split())
# Capitalised because they open a sentence, not because they name anyone.
STARTERS = frozenset(("Yesterday", "Today", "Tonight", "But", "And", "Then", "Now", "Last", "When", "After",
                       "Before", "In", "On", "At", "The", "A", "An", "He", "She", "It", "This", "That", "Later",
                       "Earlier", "Meanwhile", "However", "Also", "Speaking", "Outside", "Asked", "As", "If"))


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who says a quote: `text` as the version names them (resolved to a full name when
    possible), `key` the person's surname key ("" when no person is named)."""

    text: str = ""
    key: str = ""
    sure: bool = False  # named by the attribution itself (not a pronoun read back to a name)


def person_name(phrase: str) -> str:
    """The name in a speaker phrase: "Environment Officer Jamie Holloway" -> "Jamie Holloway"."""
    words = phrase.split()
    while len(words) > 1 and words[0] in STARTERS:
        words = words[1:]
    # Strip leading honorifics and title words ("Minister for Care Helen Whately").
    k = 0
    last_title = -1
    for k, w in enumerate(words):
        if w.rstrip(".").lower() in _TITLE_WORDS or w in ("for", "of", "the"):
            last_title = k
    rest = words[last_title + 1:] if last_title + 1 < len(words) else words[-1:]
    return " ".join(rest)


def surname_key(name: str) -> str:
    words = [w for w in name.replace("\u2019s", "").replace("'s", "").split() if w[:1].isupper()]
    return word_key(words[-1]) if words else ""


def gender(phrase: str) -> str:
    """'f', 'm' or '' from honorifics and gendered words in a phrase."""
    ws = {w.rstrip(".,").lower() for w in phrase.split()}
    return "f" if ws & _FEMALE else "m" if ws & _MALE else ""


@lru_cache(maxsize=16_384)
def _people(text: str) -> tuple[tuple[str, str, str], ...]:
    """The people one block text names, in order: (surname key, gender or '', full name or ''
    when the mention is not a full name). Per text, kept: versions share most paragraphs."""
    out = []
    for m in re.finditer(NAME, text):
        phrase = m.group()
        name = person_name(phrase)
        parts = name.split()
        if not parts or parts[-1].lower() in NOT_PEOPLE:
            continue
        before = text[max(0, m.start() - 40):m.start()]
        full = len(parts) >= 2 and not any(p.lower() in _TITLE_WORDS for p in parts)
        out.append((surname_key(name), gender(phrase + " " + before.split(",")[-1]), name if full else ""))
    return tuple(out)


class Resolver:
    """Full names of the people a version names, to resolve surnames and pronouns."""

    def __init__(self, displays: Sequence[str]) -> None:
        self.full: dict[str, set[str]] = {}
        self.gender: dict[str, str] = {}
        for text in displays:
            for sk, g, name in _people(text):  # in text order: a later mention's gender wins
                if g and sk:
                    self.gender[sk] = g  # "Mr Lund", "spokeswoman Ruth Ashdown"
                if name:
                    self.full.setdefault(sk, set()).add(name)

    def resolve(self, phrase: str, context: Sequence[str] = ()) -> Speaker:
        """The speaker a phrase names; `context`: the text before the quote (nearest last)."""
        phrase = phrase.strip(" ,.")
        low = phrase.lower()
        if low in PRONOUNS:
            if low == "they":
                return Speaker(phrase, "")
            want = "f" if low == "she" else "m"
            fits: dict[str, str] = {}
            speaking: dict[str, str] = {}
            for text in context:
                for m in re.finditer(NAME, text):
                    name = person_name(m.group())
                    sk = surname_key(name)
                    honorific = m.group().split()[0].rstrip(".") in HONORIFICS
                    if not sk or not (sk in self.full or honorific) or sk in NOT_PEOPLE:
                        continue
                    g = self.gender.get(sk) or gender(m.group())
                    if g in ("", want):
                        fits[sk] = self._full(sk, name)
                        if _SPEAKS.match(text, m.end()) or honorific or g:
                            speaking[sk] = fits[sk]
                if fits:
                    break
            if len(fits) > 1 and len(speaking) == 1:
                fits = speaking  # of several people, the one said to speak (or titled as a person)
            if len(fits) == 1:
                sk, name = next(iter(fits.items()))
                return Speaker(name, sk, False)
            return Speaker(phrase, "")
        if phrase[:1].islower() or low.split()[0] in ("the", "a", "an", "one", "another"):
            return Speaker(phrase, "")  # "a spokesman for the council": nobody named
        name = person_name(phrase)
        sk = surname_key(name)
        if sk in NOT_PEOPLE or not name[:1].isupper():
            return Speaker(phrase, "")  # "the Old Bailey", "the inquiry": no person
        return Speaker(self._full(sk, name), sk, True)

    def could_be(self, pronoun: str, sk: str) -> bool:
        """Can this pronoun stand for the person of surname key `sk` (as far as the text tells)?"""
        want = {"she": "f", "he": "m"}.get(pronoun.lower().strip(" ,."), "")
        return not want or self.gender.get(sk, "") in ("", want)

    def _full(self, sk: str, name: str) -> str:
        names = self.full.get(sk, set())
        if len(name.split()) >= 2 or len(names) != 1:
            return name
        return next(iter(names))


def attribute(text: str, start: int, end: int, closed: bool) -> str:
    """The speaker phrase of the quote text[start:end] within its own paragraph, or ""."""
    if closed:
        after = text[end + 1:end + 120]
        for rx in (_AFTER_VERB_FIRST, _AFTER_SPEAKER_FIRST, _AFTER_DASH):
            m = rx.match(after)
            if m:
                return m.group(1)
    head = text[:max(0, start - 1)]
    for rx in (_BEFORE, _ACCORDING, _COLON):
        m = rx.search(head[-200:])
        if m:
            return m.group(1)
    sentence = re.split(r"[.!?]\s+(?=[A-Z\u201c\"'\u2018])", head)[-1]
    found = list(_IN_SENTENCE.finditer(sentence))
    if found and found[-1].group(1):
        return found[-1].group(1)
    return ""


def intro_speaker(text: str) -> str:
    """The speaker of a "Jane Smith, Minister for Care, said:" line, or ""."""
    m = _LINE_SAID.match(text.strip())
    return m.group(1) if m else ""
