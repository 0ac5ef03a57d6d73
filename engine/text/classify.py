"""Giving each block a kind: title, heading, caption, boilerplate or paragraph.

The rules read the block's own text and its place in the article:

* boilerplate: site chrome that copies of an article pick up — comment forms,
  subscribe prompts, "Source link", "Back To Top", copyright footers, video promos
  (a "WATCH" line and the video title after it), stray counters and taglines;
* caption: photo captions, alt text and credits ("(Name/Agency)", "(R)", "is shown",
  "In this pool photograph", present-tense lines dated "on June 19");
* title: the first short content block without a closing full stop, and any later
  repeat of it (pages often print the headline twice);
* heading: a short line without closing punctuation followed by more text;
* paragraph: everything else.

The rules are English-leaning but never fire on long blocks, so text in other
languages falls back to paragraph/heading by shape alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import BOILERPLATE, BYLINE, CAPTION, CHROME_KINDS, HEADING, PARAGRAPH, TITLE
from .textnorm import fold

_I = re.IGNORECASE
_BOILERPLATE_SHORT = [re.compile(p, _I) for p in (
    r"^(leave|post|add|write) (a |your )?(reply|comment|response)s?\b",
    r"^(\d+ )?(comments?|replies|responses)( \(\d+\))?:?$",
    r"your email address will not be published",
    r"required fields are marked",
    r"\bsubscribe\b|\bnewsletter\b|\bsign up\b|\bfollow us\b",
    r"^thanks? (you )?for reading",
    r"^source( link)?:?$",
    r"^(back to top|scroll to top|top of page)$",
    r"^(read|see) (more|also)\b|^related( articles| stories| posts| news| content)?\s*:?$|^more from\b",
    r"^advertisement$|^sponsored( content)?$|^ad$",
    r"^(share|tweet|print|email)( this)?( article| story| post| on \w+)?\s*:?$",
    r"^(share|follow) (on|via) ",
    r"\u00a9|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved",
    r"wordpress theme|powered by \w+|\btheme by\b",
    r"^(watch|video|listen|audio|podcast)\b.*(:|\|)\s*$|^watch\s*(l|\||:|-)\s",
    r"get real[- ]time updates|click here|tap here",
    r"^tags?\s*:|^categor(y|ies)\s*:|^filed under\b",
    r"^(previous|next) (post|article|story)\b",
    r"\bcookies?\b.*\b(accept|policy|consent)\b",
    r"^skip to (main )?content$|^(home|menu|search|login|log in|sign in|register)$",
    r"^(\.\.\.|\u2026)\s*\S",  # a site tagline printed as "...Redefining Journalism"
)]
# Words (lower case) that every match of a pattern above holds, for the patterns `re`
# tries at every character (those opening with `\b` or an alternation); the others are
# anchored at the start or open with a literal, and cost little as they are.
_CUE_WORDS_OF = {
    r"\bsubscribe\b|\bnewsletter\b|\bsign up\b|\bfollow us\b": ("subscribe", "newsletter", "sign up", "follow us"),
    r"\u00a9|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved": ("(c)", "copyright", "all rights reserved"),
    r"wordpress theme|powered by \w+|\btheme by\b": ("wordpress theme", "powered by", "theme by"),
    r"get real[- ]time updates|click here|tap here": ("get real", "click here", "tap here"),
    r"\bcookies?\b.*\b(accept|policy|consent)\b": ("cookie",),
}
_BOILERPLATE_CUES = [_CUE_WORDS_OF.get(p.pattern, ()) for p in _BOILERPLATE_SHORT]
# Stray counters, bullets and separators: nothing but digits and punctuation.
_STRAY = re.compile(r"^[\W\d_]*$")

_CREDIT = re.compile(
    r"\((?:[^()]*/[^()]*|[^()]*\b(?:photo|photograph|image|credit|getty|reuters|afp|ap|"
    r"associated press|file|handout|pool|courtesy)\b[^()]*)\)\s*$", _I)
_CAPTION_CUES = [re.compile(p, _I) for p in (
    r"\((?:r|l|c|left|right|centre|center|top|bottom|front|back)\)",
    r",\s(?:left|right|centre|center|second left|second right)\s?,",
    r"\b(?:is|are) (?:shown|seen|pictured)\b",
    r"\b(?:in this|a) (?:pool |file |handout |undated |aerial )?(?:photo|photograph|picture|image)\b",
    r"^(?:photo|image|picture|credit|caption|file photo)s?\s*[:|-]",
    r"\bphoto(?:graph)?s? (?:by|courtesy|credit)\b",
)]
# Every match of _CAPTION_CUES[2:] holds one of these (in any case). Those patterns open
# with a word boundary, so `re` tries them at every character: a substring test first
# is several times cheaper (the first two open with "(" or ",", which `re` skips to).
_CUE_WORDS = ("shown", "seen", "photo", "picture", "image", "credit", "caption")


# A short block is asked about cue words up to seven times (boilerplate, captions).
_lower = lru_cache(maxsize=1024)(str.lower)


def _may_hold(text: str, words: tuple[str, ...]) -> bool:
    """False only when ASCII `text` holds none of `words` (lower case) in any case.
    (Case-insensitive `re` also matches some non-ASCII letters, such as the long s or
    the Kelvin sign, to ASCII ones: other text always may.)"""
    if not text.isascii():
        return True
    return any(map(_lower(text).__contains__, words))


_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATED = re.compile(rf"\bon {_MONTH} \d{{1,2}}\b", _I)
# Present-tense verbs of photo captions ("... attend a ceremony on June 19").
_CAPTION_VERBS = re.compile(
    r"\b(?:attends?|exits?|arrives?|walks?|shakes?|speaks?|gestures?|poses?|looks? on|stands?|"
    r"sits?|waves?|greets?|holds?|reviews?|listens?|watches|talks?|leaves?|inspects?|"
    r"delivers?|enters?|hugs?|embraces?|salutes?|smiles?|gathers?|rides?)\b")  # lower case: verbs, not "March"
_QUOTES = re.compile("[\"\u201c\u201d]")
_SAYS = re.compile(r"\b(?:said|says|told|according|announced|reported|will)\b", _I)
# Every match of _SAYS holds one of these words, every match of _DATED a digit.
_SAY_WORDS = ("said", "says", "told", "according", "announced", "reported", "will")
_DIGIT = re.compile(r"\d")
_CLOSING = tuple(".!?,;:\u2026")


@lru_cache(maxsize=4096)
def _words(text: str) -> int:
    """How many words: each rule asks, up to five times per block (kept for the last texts read)."""
    return len(text.split())


def is_boilerplate(text: str) -> bool:
    """Site chrome, judged on the block's text alone."""
    if _STRAY.match(text):
        return True
    if _words(text) > 30:
        return False
    # A pattern that opens with `\b` or an alternation is tried at every character:
    # those with cue words run only when the (ASCII) text holds one of them.
    return any(p.search(text) for p, cues in zip(_BOILERPLATE_SHORT, _BOILERPLATE_CUES)
               if not cues or _may_hold(text, cues))


def is_caption(text: str) -> bool:
    """A photo caption, alt text or credit line."""
    n = _words(text)
    if n > 70:
        return False
    if _CREDIT.search(text) or any(p.search(text) for p in _CAPTION_CUES[:2]):
        return True
    if _may_hold(text, _CUE_WORDS) and any(p.search(text) for p in _CAPTION_CUES[2:]):
        return True
    # substring and digit tests first: the case-blind patterns try every character
    return (n <= 40 and not _QUOTES.search(text) and not (_may_hold(text, _SAY_WORDS) and _SAYS.search(text))
            and bool(_DIGIT.search(text)) and bool(_DATED.search(text)) and bool(_CAPTION_VERBS.search(text)))


# "By Jo Bloggs", "By Jo Bloggs and Sam Smith, Political Correspondent, PA News".
_BYLINE = re.compile(
    r"^[Bb][Yy]:?\s+(?:[A-Z][\w.'\u2019-]*\s*){1,4}(?:(?:and|&)\s+(?:[A-Z][\w.'\u2019-]*\s*){1,4})?(?:[,|\u2013\u2014-]\s*\S.*)?$")


def is_byline(text: str) -> bool:
    """A byline: "By" and a name, perhaps a title and an outlet after a comma."""
    return _words(text) <= 16 and len(text) <= 140 and not text.rstrip().endswith((".", "?", "!")) \
        and bool(_BYLINE.match(text.strip()))


def is_heading_shape(text: str) -> bool:
    """Short, one line, no closing sentence punctuation."""
    t = text.rstrip("\"'\u201d\u2019*_ ")
    return 0 < _words(text) <= 14 and len(text) <= 110 and not t.endswith(_CLOSING) \
        and not text.rstrip().endswith((".\u201d", ".\"", "?\u201d", "!\u201d"))


def classify(texts: list[str], md_levels: list[int] | None = None,
             fixed: list[str | None] | None = None) -> list[str]:
    """The kind of every block, from the display texts in document order.

    `fixed` gives kinds the file's layout already decided (wire headers, bylines,
    sign-offs: see `engine.text.wire`); those blocks keep them.
    """
    md_levels = md_levels or [0] * len(texts)
    fixed = fixed or [None] * len(texts)
    kinds: list[str] = [k or PARAGRAPH for k in fixed]
    promo = False
    for i, text in enumerate(texts):
        if fixed[i]:
            continue
        if md_levels[i]:
            kinds[i] = HEADING
            promo = False
            continue
        if is_boilerplate(text):
            kinds[i] = BOILERPLATE
            promo = bool(re.match(r"^(watch|video|listen)\b", text, _I))
            continue
        if promo and is_heading_shape(text):
            kinds[i] = BOILERPLATE  # the title of a promoted video
            promo = False
            continue
        promo = False
        if is_byline(text):
            kinds[i] = BYLINE
        elif is_caption(text):
            kinds[i] = CAPTION
    # The title: the first content block, if it is headline-shaped (or a level-1 heading).
    title_key = None
    for i, text in enumerate(texts):
        if kinds[i] in CHROME_KINDS or kinds[i] in (CAPTION, BYLINE):
            continue
        if md_levels[i] == 1 or (md_levels[i] == 0 and is_heading_shape(text)) or (
                _words(text) <= 30 and not text.rstrip().endswith(".")
                and i + 1 < len(texts) and len(texts[i + 1]) > len(text)):
            kinds[i] = TITLE
            title_key = fold(text)
        break
    for i, text in enumerate(texts):
        if kinds[i] != PARAGRAPH:
            continue
        if title_key is not None and fold(text) == title_key:
            kinds[i] = TITLE
        elif is_heading_shape(text) and i + 1 < len(texts) and kinds[i + 1] != BOILERPLATE:
            kinds[i] = HEADING
    return kinds
