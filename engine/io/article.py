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
Those rules, and the per-site rules kept as data, are in `engine.io.page_chrome`.

Each block is one paragraph, list item, table row (cells joined by " | "), heading or
caption; captions are marked so the block splitter gives them the caption kind.
"""

from __future__ import annotations

import re

from .page_chrome import (
    ASCII_WS,
    BLOCKS,
    GOOD_WORDS,
    HEADINGS,
    ROLES_SKIPPED,
    SKIP,
    TEASER,
    SiteRules,
    hidden,
    is_chrome,
    keep_text,
    label,
    link_share,
    rules_for,
    tag_of,
    text_of,
)

CAPTION = -1  # the "level" of a caption block (headings are 1-6, paragraphs 0)


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
        if tag_of(el) in SKIP or hidden(el) or (el.get("role") or "").lower() in ROLES_SKIPPED:
            return True
        # A class word on a wrapper of the page ("has-sidebar" on the body) is a theme's label, not
        # chrome: the page's own landmarks, and wrappers of the headline and much of the text, are
        # never chrome by class. (Share alone is no proof: an update history can be 90% of a page.)
        if tag_of(el) in ("html", "body", "main"):
            return False
        return len(text_of(el)) < 0.4 * self.total or not any(text_of(h) for h in el.iter("h1"))


def find_body(page: _Page):
    """The element holding the article's paragraphs (see the module's step 1), or None."""
    root = page.root
    for el in root.iter():
        if el.get("itemprop") == "articleBody" and len(text_of(el)) >= 200:
            return el
    scores: dict = {}
    # Chrome subtrees are never scored: their paragraphs must not lift their container.
    for el in _readable(page):
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
    return max(scores, key=lambda el: scores[el] * (1 - link_share(el)))


def _weight(el) -> float:
    tag, names = tag_of(el), label(el)
    w = {"div": 5, "article": 10, "main": 5, "pre": 3, "td": 3, "blockquote": 3, "section": 2,
         "ol": -3, "ul": -3, "li": -3, "dl": -3, "form": -3, "body": -5, "html": -10}.get(tag, 0)
    if tag in HEADINGS:
        w -= 5
    if names and GOOD_WORDS.search(names):
        w += 25
    return w


def _readable(page: _Page):
    """Every element of the page in document order, chrome subtrees left out."""
    stack = [page.root]
    while stack:
        el = stack.pop()
        if not tag_of(el) or (el is not page.root and page.chrome(el)):
            continue
        yield el
        stack.extend(reversed(list(el)))


def headline_element(page: _Page, body):
    """The headline: the last `h1` before the body (else the first inside it); but when the page's
    title (og:title, <title>) names another heading better, that one (a logo set as the h1)."""
    start, end = page.pos[body], page.last[body]
    before, inside = None, None
    for h1 in page.root.iter("h1"):
        if any(page.chrome(a) for a in (h1, *h1.iterancestors())) or not text_of(h1):
            continue
        pos = page.pos[h1]
        if pos < start:
            before = h1
        elif pos <= end and inside is None:
            inside = h1
    chosen = before if before is not None else inside
    if chosen is None or not _is_logo(chosen):
        return chosen
    # The site's name set as an h1 (a logo): the headline is the heading after it that says most
    # of the page's title (og:title, <title>), else the last h2 before the body.
    title = _words(title_from_meta(page.root))
    best, best_score = None, 0.0
    for h in page.root.iter("h1", "h2"):
        pos = page.pos[h]
        if page.pos[chosen] < pos <= end and not any(page.chrome(a) for a in (h, *h.iterancestors())) \
                and text_of(h) and not _is_logo(h):
            score = _overlap(_words(text_of(h)), title) if title else float(pos < start)
            if score > best_score or (not title and score == best_score and pos < start):
                best, best_score = h, score
    return best if best is not None else chosen


_LOGO = re.compile(r"logo|brand|site-?title|site-?name|masthead", re.IGNORECASE)


def _is_logo(h) -> bool:
    """An h1 that is the site's name: a link to the site's home page, or marked as a logo."""
    for el in (h, *list(h.iterancestors())[:2]):  # its own class or its wrapper's, not the page's
        if _LOGO.search(label(el)):
            return True
    links = list(h.iter("a"))
    return bool(links) and all((a.get("href") or "").rstrip("/") in ("", "/") or
                               (a.get("href") or "").count("/") == 3 and (a.get("href") or "").endswith("/")
                               for a in links) and len(text_of(h).split()) <= 6


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.casefold()) if len(w) > 1}


def _overlap(heading: set[str], title: set[str]) -> float:
    """How much of the page's title a heading says (a title adds the site's name to the headline;
    a logo says only the site's name)."""
    return len(heading & title) / len(title) if heading and title else 0.0


def title_from_meta(root) -> str:
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in ("og:title", "twitter:title"):
            content = ASCII_WS.sub(" ", meta.get("content") or "").strip()
            if content:
                return content
    for t in root.iter("title"):
        return ASCII_WS.sub(" ", t.text or "").strip()
    return ""


def _row_text(tr) -> str | None:
    """A table row as one block ("cell | cell"), unless its cells hold layout (a table used for the page)."""
    cells = [c for c in tr if tag_of(c) in ("td", "th")]
    if not cells or any(tag_of(d) in BLOCKS - {"p", "br"} for c in cells for d in c.iter() if d is not c):
        return None
    texts = [text_of(c) for c in cells]
    return " | ".join(t for t in texts if t) or ""


def walk(page: _Page, top, lo: int = 0, hi: int | None = None, gap_end: int = -1) -> list[tuple[int, str]]:
    """(level, text) of the blocks of `top` whose elements stand in document positions lo..hi.

    Inline content is gathered until the next block element, so a `div` holding text
    directly, and text between two paragraphs, are blocks too. Blocks before `gap_end`
    (between the headline and the body) that are mostly link text are left out.
    """
    hi = page.last[top] if hi is None else hi
    out: list[tuple[int, str]] = []

    def emit(level: int, text: str, el) -> None:
        if not text or not keep_text(text):
            return
        if (page.pos[el] < gap_end or TEASER.match(text)) and link_share(el) >= 0.5:
            return  # tags, topics, "From:" lines above the body; teasers for other stories in it
        out.append((level, text))

    def visit(el) -> None:
        tag = tag_of(el)
        if not tag or page.last[el] < lo or page.pos[el] > hi or (el is not top and page.chrome(el)):
            return
        if tag == "time" and page.pos[el] < gap_end:
            return  # the page's date, above the body
        if tag == "tr":
            row = _row_text(el)
            if row is not None:
                emit(0, row, el)
                return
        if tag in HEADINGS or not any(tag_of(c) in BLOCKS for c in el.iter() if c is not el):
            text = text_of(el)
            level = CAPTION if tag == "figcaption" else HEADINGS.get(tag, 0)
            if 1 < level and len(text.split()) >= 8 and text.rstrip("\"'\u201d\u2019").endswith((".", "!", "?")):
                level = 0  # a sentence set as a subheading: a standfirst
            emit(level, text, el)
            return
        inside = lo <= page.pos[el] and page.last[el] <= hi
        run: list[str] = [el.text or ""]

        def flush() -> None:
            text = ASCII_WS.sub(" ", "".join(run)).strip()
            if inside:
                emit(CAPTION if tag == "figcaption" else 0, text, el)
            run.clear()

        for child in el:
            ctag = tag_of(child)
            if ctag in BLOCKS or ctag in SKIP:
                flush()
                visit(child)
            elif ctag == "br":
                run.append(" ")
            elif ctag and not page.chrome(child) and not (ctag == "time" and page.pos[child] < gap_end):
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
        if len(text) >= 80 and link_share(sib) < 0.25 and tag_of(sib) in ("p", "div", "section", "blockquote",
                                                                           "ul", "ol", "table", "figure"):
            end = sib
    return end


def article_blocks(root, host: str | None = None) -> list[tuple[int, str]]:
    """(level, text) of the whole article of a parsed page: the headline first (level 1),
    headings 2-6, paragraphs 0, captions CAPTION. Empty when the page holds no text."""
    rules = rules_for(host)
    page = _Page(root, rules)
    body = find_body(page)
    if body is None:
        blocks = walk(page, root)
        return _headline_first(blocks, title_from_meta(root))
    h1 = headline_element(page, body)
    page.protect(body, h1)
    end = _body_end(page, body)
    hi = page.last[end]
    if h1 is None:
        return _headline_first(walk(page, root, page.pos[body], hi), title_from_meta(root))
    gap_end = max(page.pos[body], _first_paragraph(page, h1, hi))
    blocks = walk(page, root, page.pos[h1], hi, gap_end=gap_end)
    gap = walk(page, root, page.pos[h1], page.pos[body] - 1, gap_end=gap_end)
    body_chars = sum(len(t) for _, t in blocks) - sum(len(t) for _, t in gap)
    # A headline far above the body (a logo in an h1, a page of teasers): keep the body alone.
    if len(gap) > 15 or sum(len(t) for _, t in gap[1:]) > max(1000, body_chars // 2):
        return _headline_first(walk(page, root, page.pos[body], hi), text_of(h1))
    return _headline_first(blocks[1:] if blocks and blocks[0][0] == 1 else blocks, text_of(h1))


def _first_paragraph(page: _Page, h1, hi: int) -> int:
    """Where the article's text starts after the headline: its first paragraph of 80 characters
    or more (what stands between is dates, bylines and share bars)."""
    for el in page.root.iter("p", "div"):
        pos = page.pos[el]
        if page.pos[h1] < pos <= hi and not any(tag_of(c) in BLOCKS for c in el) and len(text_of(el)) >= 80:
            return pos
    return -1


def _headline_first(blocks: list[tuple[int, str]], headline: str) -> list[tuple[int, str]]:
    """The headline as the one level-1 heading, first; other h1s become level 2, repeats go."""
    out = [(2 if level == 1 else level, text) for level, text in blocks if text != headline]
    return [(1, headline), *out] if headline else out
