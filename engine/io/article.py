"""The whole article of a web page: headline, standfirst, body, lists, tables, quotes, boxes, captions.

Reader-view extractors (readability and its ports) keep the one element densest in
paragraphs. On a news page that element is the body alone: the standfirst under the
headline, a call-to-action box or a list that is mostly links fall outside it, and
when the body is short the densest element can be the site's update history instead.
So the article is taken here as a *range* of the page:

1. the body: an element marked `itemprop="articleBody"`, else the element scoring best
   on paragraph text (length and commas of its paragraphs, shared with its parent and
   grandparent, weighed by class words and link density, as Reader View scores);
2. the headline: the last `h1` before the body (or the first inside it), else the
   page's `og:title` or `<title>`;
3. the article is everything from the headline to the end of the body, in document
   order, so the standfirst, the byline, a lead image and its caption come with it,
   and whatever the page prints after the body (share bars, the update history,
   related links, comments, footers) does not.

Inside the range, page chrome is left out by general rules, the same on every site:
elements hidden from readers, navigation, forms and buttons, `footer`s, elements whose
class or id names chrome (share, related, cookie, newsletter, metadata, history...),
date lines ("Published 9 February 2021", "Updated 5 minutes ago") and cookie notices;
between the headline and the body also link lists (tags, topics, "From:" lines).
Rules for one site, where its structure needs them, are data
(`resources/web/site_rules.json`), matched by the page's host.

Each block is one paragraph, list item, table row (cells joined by " | "), heading or
caption; captions are marked so the block splitter gives them the caption kind.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# resources/ sits beside the engine package in a checkout, a wheel and the bundled app alike.
RULES_FILE = Path(__file__).resolve().parent.parent.parent / "resources" / "web" / "site_rules.json"

_SKIP = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "frame", "frameset",
    "object", "embed", "applet", "canvas", "video", "audio", "head", "button", "select",
    "textarea", "input", "option", "form", "map", "dialog", "nav", "footer", "title", "meta", "link",
})
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Elements that start a new block; everything else is inline and joins its neighbours.
BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "figure",
    "figcaption", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody",
    "tfoot", "tr", "td", "th", "caption", "pre", "address", "details", "summary", "hr", "body",
    "html", "center", "fieldset", "legend", *HEADINGS,
})
_ROLES_SKIPPED = frozenset({"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog", "menu",
                            "menubar", "toolbar"})
# Class or id words of page chrome. Matched as whole words of the class (split at spaces,
# hyphens and underscores), so "share" finds "gem-c-share-links" but not "shareholders".
CHROME_WORDS = re.compile(
    r"(?:^|[\s_-])(?:share|shares|sharing|social|sharedaddy|ad|ads|advert|adverts|advertisement|ad-slot|"
    r"adslot|dfp|gpt|sponsor|sponsored|promo|newsletter|subscribe|subscription|related|recommended|"
    r"comments?|respond|reply|breadcrumbs?|byline-share|tags?-links|cookies?|consent|gdpr|paywall|"
    r"screen-reader-text|sr-only|visually-hidden|visuallyhidden|metadata|history|changelog|revisions|"
    r"footer|sidebar|most-read|mostread|most-popular|trending|outbrain|taboola|skip-link|print-only|"
    r"toolbar|modal|popup)(?:$|[\s_-])", re.IGNORECASE)
_GOOD_WORDS = re.compile(r"article|body|content|entry|main|post|story|text|govspeak|prose", re.IGNORECASE)
_ASCII_WS = re.compile(r"[ \t\n\r\f]+")  # HTML collapses only ASCII white space, not no-break spaces
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# A line that only dates the page: "Published 9 February 2021", "Updated 5 minutes ago",
# "Last updated: 08/08/2021 14:05 BST", "First published on Tue 3 Aug 2021 14.00 BST".
DATE_LINE = re.compile(
    r"^\W*(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified|edited|reviewed)(?:\s+(?:on|at))?\b"
    r"|\d+\s+(?:second|minute|hour|day|week|month)s?\s+ago\b"
    r"|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+\d|\d{1,2}\s+" + _MONTHS + r"\s+\d{4}\W*$)", re.IGNORECASE)
_COOKIE = re.compile(r"\b(?:we|this (?:site|website)|our (?:site|website))\s+uses?\s+cookies\b|"
                     r"\baccept (?:all )?cookies\b|\bcookie (?:settings|preferences|policy)\b", re.IGNORECASE)
CAPTION = -1  # the "level" of a caption block (headings are 1-6, paragraphs 0)


@dataclass(frozen=True)
class SiteRules:
    """Extra chrome for one site: class words (matched like CHROME_WORDS) of elements to leave out."""

    drop: re.Pattern[str] | None = None


@cache
def _site_rules() -> dict[str, SiteRules]:
    """host -> rules, from resources/web/site_rules.json (data, not code)."""
    try:
        raw = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    out: dict[str, SiteRules] = {}
    for site in raw.get("sites", []):
        words = [re.escape(w) for w in site.get("drop_classes", []) if isinstance(w, str) and w]
        rule = SiteRules(re.compile(r"(?:^|\s)(?:" + "|".join(words) + r")(?:$|\s)") if words else None)
        for host in site.get("hosts", []):
            out[str(host).lower()] = rule
    return out


def rules_for(host: str | None) -> SiteRules:
    host = (host or "").lower().removeprefix("www.")
    rules = _site_rules()
    return rules.get(host) or rules.get("www." + host) or SiteRules()


def tag_of(el) -> str:
    return el.tag if isinstance(el.tag, str) else ""


def text_of(el) -> str:
    """The inline text of an element, skipping unreadable children; `br` is a space."""
    parts: list[str] = []

    def walk(node) -> None:
        tag = tag_of(node)
        if tag in _SKIP or _hidden(node):
            return
        if tag == "br":
            parts.append(" ")
        elif node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return _ASCII_WS.sub(" ", "".join(parts)).strip()


def _hidden(el) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _label(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


def is_chrome(el, rules: SiteRules = SiteRules()) -> bool:
    """Page chrome by markup: skipped tags, hidden elements, chrome roles and class words."""
    tag = tag_of(el)
    if tag in _SKIP or _hidden(el) or (el.get("role") or "").lower() in _ROLES_SKIPPED:
        return True
    label = _label(el)
    if label and (CHROME_WORDS.search(label) or (rules.drop is not None and rules.drop.search(el.get("class") or ""))):
        return True
    return False


def _link_share(el) -> float:
    total = len(text_of(el))
    if not total:
        return 0.0
    return sum(len(text_of(a)) for a in el.iter("a")) / total


def find_body(root, rules: SiteRules = SiteRules()):
    """The element holding the article's paragraphs (see the module's step 1), or None."""
    for el in root.iter():
        if el.get("itemprop") == "articleBody" and len(text_of(el)) >= 200:
            return el
    scores: dict = {}
    # Chrome subtrees are never scored: their paragraphs must not lift their container.
    for el in _readable(root, rules):
        if tag_of(el) not in ("p", "pre", "td") and not (tag_of(el) == "div" and not any(
                tag_of(c) in BLOCKS for c in el)):
            continue
        text = text_of(el)
        if len(text) < 25:
            continue
        points = 1 + text.count(",") + min(len(text) // 100, 3)
        for level, anc in enumerate(el.iterancestors()):
            if level > 2:
                break
            if anc not in scores:
                scores[anc] = _weight(anc)
            scores[anc] += points / (1 if level == 0 else 2 if level == 1 else 6)
    if not scores:
        return None
    return max(scores, key=lambda el: scores[el] * (1 - _link_share(el)))


def _weight(el) -> float:
    tag, label = tag_of(el), _label(el)
    w = {"div": 5, "article": 10, "main": 5, "pre": 3, "td": 3, "blockquote": 3, "section": 2,
         "ol": -3, "ul": -3, "li": -3, "dl": -3, "form": -3, "body": -5, "html": -10}.get(tag, 0)
    if tag in HEADINGS:
        w -= 5
    if label and _GOOD_WORDS.search(label):
        w += 25
    return w


def _readable(root, rules: SiteRules):
    """Every element of `root` in document order, chrome subtrees left out."""
    stack = [root]
    while stack:
        el = stack.pop()
        if not tag_of(el) or (el is not root and is_chrome(el, rules)):
            continue
        yield el
        stack.extend(reversed(list(el)))


def headline_element(root, body, rules: SiteRules = SiteRules()):
    """The headline's `h1`: the last one before the body, else the first inside it, else None."""
    order = {el: k for k, el in enumerate(root.iter())}
    start = order.get(body, 0)
    end = max((order[d] for d in body.iter() if d in order), default=start)
    before, inside = None, None
    for h1 in root.iter("h1"):
        if any(is_chrome(a, rules) for a in (h1, *h1.iterancestors())) or not text_of(h1):
            continue
        pos = order[h1]
        if pos < start:
            before = h1
        elif pos <= end and inside is None:
            inside = h1
    return before if before is not None else inside


def title_from_meta(root) -> str:
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in ("og:title", "twitter:title"):
            content = _ASCII_WS.sub(" ", meta.get("content") or "").strip()
            if content:
                return content
    for t in root.iter("title"):
        return _ASCII_WS.sub(" ", t.text or "").strip()
    return ""


class _Page:
    """One parsed page: document order, subtree ends and the protected spine of the article."""

    def __init__(self, root, rules: SiteRules) -> None:
        self.root, self.rules = root, rules
        nodes = list(root.iter())
        self.pos = {el: k for k, el in enumerate(nodes)}
        self.last: dict = {}
        for el in reversed(nodes):
            kids = list(el)
            self.last[el] = self.last[kids[-1]] if kids else self.pos[el]
        self.total = len(text_of(root)) or 1
        self.spine: set = set()

    def protect(self, *els) -> None:
        """Elements holding the headline or the body are never taken for chrome (a wrapper's class)."""
        for el in els:
            if el is not None:
                self.spine |= {el, *el.iterancestors()}

    def chrome(self, el) -> bool:
        if el in self.spine or not is_chrome(el, self.rules):
            return False
        if tag_of(el) in _SKIP or _hidden(el) or (el.get("role") or "").lower() in _ROLES_SKIPPED:
            return True
        # A class word on a wrapper holding most of the page is a theme's label, not chrome.
        return len(text_of(el)) < 0.4 * self.total


def _row_text(tr) -> str | None:
    """A table row as one block ("cell | cell"), unless its cells hold layout (a table used for the page)."""
    cells = [c for c in tr if tag_of(c) in ("td", "th")]
    if not cells or any(tag_of(d) in BLOCKS - {"p", "br"} for c in cells for d in c.iter() if d is not c):
        return None
    texts = [text_of(c) for c in cells]
    return " | ".join(t for t in texts if t) or ""


def _keep(text: str) -> bool:
    words = len(text.split())
    return not ((words <= 12 and DATE_LINE.search(text)) or (words <= 60 and _COOKIE.search(text)))


def walk(page: _Page, top, lo: int = 0, hi: int | None = None, gap_end: int = -1) -> list[tuple[int, str]]:
    """(level, text) of the blocks of `top` whose elements stand in document positions lo..hi.

    Inline content is gathered until the next block element, so a `div` holding text
    directly, and text between two paragraphs, are blocks too. Blocks before `gap_end`
    (between the headline and the body) that are mostly link text are left out.
    """
    hi = page.last[top] if hi is None else hi
    out: list[tuple[int, str]] = []

    def emit(level: int, text: str, el) -> None:
        if text and _keep(text) and not (page.pos[el] < gap_end and _link_share(el) >= 0.5):
            out.append((level, text))

    def visit(el) -> None:
        tag = tag_of(el)
        if not tag or page.last[el] < lo or page.pos[el] > hi or (el is not top and page.chrome(el)):
            return
        if tag == "tr":
            row = _row_text(el)
            if row is not None:
                emit(0, row, el)
                return
        if tag in HEADINGS or not any(tag_of(c) in BLOCKS for c in el.iter() if c is not el):
            emit(CAPTION if tag == "figcaption" else HEADINGS.get(tag, 0), text_of(el), el)
            return
        inside = lo <= page.pos[el] and page.last[el] <= hi
        run: list[str] = [el.text or ""]

        def flush() -> None:
            text = _ASCII_WS.sub(" ", "".join(run)).strip()
            if inside:
                emit(CAPTION if tag == "figcaption" else 0, text, el)
            run.clear()

        for child in el:
            ctag = tag_of(child)
            if ctag in BLOCKS or ctag in _SKIP:
                flush()
                visit(child)
            elif ctag == "br":
                run.append(" ")
            elif ctag and not page.chrome(child):
                run.append(text_of(child))
            if child.tail:
                run.append(child.tail)
        flush()

    visit(top)
    return out


def _body_end(page: _Page, body):
    """The last element of the body: later siblings that read as article text extend it (a body
    split in two by an advert), up to the first sibling that is chrome."""
    end = body
    for sib in body.itersiblings():
        if not tag_of(sib):
            continue
        if page.chrome(sib):
            break
        text = text_of(sib)
        if len(text) >= 80 and _link_share(sib) < 0.25 and tag_of(sib) in ("p", "div", "section", "blockquote",
                                                                           "ul", "ol", "table", "figure"):
            end = sib
    return end


def article_blocks(root, host: str | None = None) -> list[tuple[int, str]]:
    """(level, text) of the whole article of a parsed page: the headline first (level 1),
    headings 2-6, paragraphs 0, captions CAPTION. Empty when the page holds no text."""
    rules = rules_for(host)
    page = _Page(root, rules)
    body = find_body(root, rules)
    if body is None:
        blocks = walk(page, root)
        return _headline_first(blocks, title_from_meta(root))
    h1 = headline_element(root, body, rules)
    page.protect(body, h1)
    end = _body_end(page, body)
    hi = page.last[end]
    if h1 is None:
        return _headline_first(walk(page, root, page.pos[body], hi), title_from_meta(root))
    blocks = walk(page, root, page.pos[h1], hi, gap_end=page.pos[body])
    gap = walk(page, root, page.pos[h1], page.pos[body] - 1, gap_end=page.pos[body])
    body_chars = sum(len(t) for _, t in blocks) - sum(len(t) for _, t in gap)
    # A headline far above the body (a logo in an h1, a page of teasers): keep the body alone.
    if len(gap) > 15 or sum(len(t) for _, t in gap[1:]) > max(1000, body_chars // 2):
        return _headline_first(walk(page, root, page.pos[body], hi), text_of(h1))
    return _headline_first(blocks[1:] if blocks and blocks[0][0] == 1 else blocks, text_of(h1))


def _headline_first(blocks: list[tuple[int, str]], headline: str) -> list[tuple[int, str]]:
    """The headline as the one level-1 heading, first; other h1s become level 2, repeats go."""
    out = [(2 if level == 1 else level, text) for level, text in blocks if text != headline]
    return [(1, headline), *out] if headline else out
