"""Names of people, organisations and places, and the job titles of named people.

A name is a run of capitalised words ("Ruth Ashdown", "University of Liverpool",
"Kim Jong-un", "TS7"), honorifics left out of its key, a word that only opens a
sentence left out (the version's own text says which capitalised words are names:
those it also writes capitalised inside sentences, as `engine.text.names` does for the
aligner). Spellings of one name share one key: case, accents, hyphens and spaces do
not count ("Kim Jong Un" = "Kim Jong-un"); a person is also known by surname alone
("Ms Ashdown").

A job title is tied to a named person: before the name ("chief engineer Ruth Ashdown",
"Home Secretary Jack Straw") or after it ("Ruth Ashdown, a spokeswoman for the
council,"). `Title.person` is the surname key, so the same person given another title
in the other version is a changed fact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .speakers import HONORIFICS, STARTERS, surname_key
from .words import key as word_key

_CAP = r"(?:[A-Z][\w\u2019'\-]*[\w]|[A-Z]|[A-Z]{1,4}\d{1,3}[A-Z]?)"
_LINK = r"(?:of|of\s+the|de|da|di|van|von|der|den|del|la|le|du|bin|ibn|al|el|and)"
NAME_RUN = re.compile(rf"(?<![\w'\u2019-]){_CAP}(?:\s+(?:{_LINK}\s+)?{_CAP})*")
_HONORIFIC = frozenset(HONORIFICS)
_NOT_NAMES = frozenset(w.lower() for w in (
    "I", "I'm", "I've", "I'd", "I'll", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Mr", "Mrs", "Ms", "Dr", "Sir", "Lord", "Lady", "Miss", "Mid", "Q1",
    "Q2", "Q3", "Q4", "OK", "TV", "AM", "PM", "Twenties", "Thirties", "Forties", "Fifties", "Sixties",
    "Seventies", "Eighties", "Nineties", "Noughties", "Christmas", "Easter"))
TITLE_HEADS = frozenset((
    "engineer", "officer", "manager", "spokesman", "spokeswoman", "spokesperson", "director",
    "minister", "secretary", "president", "chairman", "chairwoman", "chair", "head", "leader", "inspector",
    "detective", "superintendent", "constable", "sergeant", "judge", "professor", "lawyer", "solicitor",
    "barrister", "prosecutor", "coroner", "mayor", "councillor", "executive", "editor", "correspondent",
    "founder", "owner", "captain", "coach", "commissioner", "governor", "ambassador", "chancellor", "analyst",
    "economist", "scientist", "researcher", "consultant", "adviser", "advisor", "teacher", "headteacher",
    "headmaster", "headmistress", "nurse", "surgeon", "pilot", "mp", "senator", "deputy",
    "ceo", "partner", "architect", "producer", "campaigner", "activist", "lecturer", "dean", "principal",
    "treasurer", "clerk", "registrar", "commander", "colonel", "general", "administrator", "co-ordinator",
    "coordinator", "officer", "specialist", "fellow", "chairperson", "counsel", "attorney", "sheriff",
    "magistrate", "recorder", "vicar", "bishop", "archbishop", "midfielder", "striker", "goalkeeper",
    "defender", "manageress", "assistant", "agent", "broker", "trader", "banker", "accountant", "auditor",
    "composer", "singer", "actor", "actress", "author", "writer", "artist", "photographer", "footballer",
    "player", "presenter", "comedian", "novelist", "poet", "designer", "musician", "businessman",
    "businesswoman"))
_PERSON = r"(?:(?:Mr|Mrs|Ms|Dr|Sir)\s+)?[A-Z][\w\u2019'\-]+(?:\s+[A-Z][\w\u2019'\-]+){1,2}"
_AFTER_NAME = re.compile(rf"({_PERSON}),\s+(?:the\s+|a\s+|an\s+|its\s+)?((?:[A-Za-z][\w\-]*\s+){{0,3}}?"
                         rf"([A-Za-z][\w\-]*)(?:\s+(?:at|of|for|to|with|in)\s+(?:the\s+)?(?:[\w\-&]+\s*){{1,6}}?)?)"
                         rf"(?=[,.;:)]|\s+said|$)")
_LOWER_TITLE = re.compile(r"((?:(?<![\w\-])[a-z][\w\-]*\s+){0,3})$")
_LOWER_TITLE_STOP = frozenset("the a an and or of to in at for with by from that this said says told is was has had "
                              "who which when as on but against after before over under between about into "
                              "including like than via met meet meets named called attacked accused blamed "
                              "thanked praised urged asked".split())


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """A capitalised run cut into its title and its name: "Environment Officer Jamie Holloway"
    -> (["Environment", "Officer"], ["Jamie", "Holloway"]); no title: ([], words)."""
    heads = [k for k, w in enumerate(words) if w.lower() in TITLE_HEADS]
    if heads and "and" in words[:heads[-1]]:
        return [], words  # "Janardan Dhasmana and ...": two names, not a title
    if heads and heads[-1] + 1 < len(words) and words[heads[-1] + 1][:1].isupper():
        k = heads[-1] + 1
        return words[:k], words[k:]
    return [], words


@dataclass(frozen=True, slots=True)
class Name:
    start: int
    end: int
    text: str
    key: str  # all words folded and joined: "kimjongun"
    surname: str  # key of the last word: a person's surname, a place's last word


@dataclass(frozen=True, slots=True)
class Title:
    start: int  # the whole "chief engineer Ruth Ashdown" / "Ruth Ashdown, chief engineer"
    end: int
    text: str
    title: str  # "chief engineer"
    head: str  # "engineer"
    person: str  # surname key of the person


def name_key(text: str) -> str:
    words = [w for w in re.findall(r"[\w\u2019'\-]+", text) if w.rstrip(".") not in _HONORIFIC]
    return "".join(word_key(w.replace("\u2019s", "").replace("'s", "")) for w in words)


def lower_words(displays: Iterable[str]) -> frozenset[str]:
    """Words a version writes in lower case somewhere: a capital on them only opens a sentence."""
    return frozenset(w for text in displays for w in re.findall(r"\b[a-z][a-z\-']+\b", text))


def mid_capitals(displays: Iterable[str]) -> frozenset[str]:
    """Words a version writes capitalised inside a sentence: a capital there names someone."""
    out = set()
    for text in displays:
        for m in re.finditer(r"(?<=[\w,;)\u2019'] )[A-Z][\w\u2019'\-]*", text):
            out.add(m.group())
    return frozenset(out)


def find_names(text: str, common: frozenset[str], mid: frozenset[str] = frozenset()) -> list[Name]:
    """Names in a block's display text. `common`: the version's lower-case words (see
    `lower_words`); `mid`: its words written capitalised inside sentences (`mid_capitals`):
    a word that only ever opens a sentence ("Shopkeepers said...") names nobody."""
    out = []
    whole = len(text.split()) <= 4 and not re.search(r"\b[a-z]{3,}", text)  # a list item, a table cell
    for m in NAME_RUN.finditer(text):
        s, e = m.span()
        words = m.group().split()
        # drop leading words that are capitalised only because they open a sentence
        opens = not whole and (not text[:s].strip() or text[:s].rstrip()[-1:] in ".!?:\u201c\u2018\"'(")
        while words and (words[0] in STARTERS or (opens and (words[0].lower() in common or words[0] not in mid))
                         or words[0].lower() in _NOT_NAMES
                         or words[0].rstrip(".") in _HONORIFIC and len(words) == 1):
            s = text.index(words[0], s) + len(words[0])
            words = words[1:]
            while s < e and text[s] == " ":
                s += 1
        while words and (words[-1].lower() in _NOT_NAMES or words[-1] in ("of", "and", "the")):
            words = words[:-1]
        if sum(len(w) > 1 and w.isalpha() and w.isupper() for w in words) >= 2 or \
                any(len(w) > 5 and w.isalpha() and w.isupper() for w in words):
            continue  # a headline in capitals, not a name
        if words and words[-1].lower() in TITLE_HEADS:
            continue  # "Environment Manager": a title, not a name
        title, words = split_title(words)
        if title:
            s = text.index(words[0], s + len(" ".join(title)))
        if not words:
            continue
        e = s + len(" ".join(words)) if text[s:e].startswith(" ".join(words)) else e
        shown = text[s:e].rstrip(".,")
        if not shown or all(w.rstrip(".").lower() in _NOT_NAMES or w.rstrip(".") in _HONORIFIC
                            for w in shown.split()):
            continue
        if " and " in shown:  # "Liverpool and Oxford": two names
            pos = s
            for part in shown.split(" and "):
                ps = text.index(part, pos)
                out.append(Name(ps, ps + len(part), part, name_key(part), surname_key(part) or name_key(part)))
                pos = ps + len(part)
            continue
        out.append(Name(s, s + len(shown), shown, name_key(shown), surname_key(shown) or name_key(shown)))
    return out


def find_titles(text: str) -> list[Title]:
    """Job titles tied to a named person in a block's display text."""
    out = []
    for m in NAME_RUN.finditer(text):
        words = m.group().split()
        title, person = split_title(words)
        if title:
            end = m.start() + len(" ".join(words))
            out.append(Title(m.start(), end, text[m.start():end], " ".join(title), title[-1].lower(),
                             surname_key(" ".join(person))))
            continue
        if "and" in person:  # "surgeon Janardan Dhasmana and Doctor John Roylance": the title is the first's
            person = person[:person.index("and")]
            words = person
        if len(person) < 2:
            continue
        before = _LOWER_TITLE.search(text[max(0, m.start() - 60):m.start()])
        lower = before.group(1).split() if before else []
        while lower and lower[0] in _LOWER_TITLE_STOP:
            lower = lower[1:]
        if lower and lower[-1].lower() in TITLE_HEADS:
            start = m.start() - len(" ".join(lower)) - 1
            end = m.start() + len(" ".join(words))
            out.append(Title(start, end, text[start:end], " ".join(lower), lower[-1].lower(),
                             surname_key(" ".join(person))))
    for m in _AFTER_NAME.finditer(text):
        who, role, head = m.group(1), m.group(2).strip(), m.group(3)
        if head.lower() not in TITLE_HEADS:
            continue
        out.append(Title(m.start(1), m.start(2) + len(role), text[m.start(1):m.start(2) + len(role)], role,
                         head.lower(), surname_key(split_title(who.split())[1][-1])))
    return out


def same_title(a: Title, b: Title) -> bool:
    """One title written two ways: the same head noun and no other title words
    ("chief engineer" / "engineer" is the same job said shorter)."""
    if a.head != b.head:
        return False
    wa = {word_key(w) for w in a.title.split()} - {"the", "a", "an", "of", "at", "for"}
    wb = {word_key(w) for w in b.title.split()} - {"the", "a", "an", "of", "at", "for"}
    return wa <= wb or wb <= wa
