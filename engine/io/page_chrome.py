"""Page chrome and page text: the general rules (and the per-site data) that tell an article's
text from the page around it, shared by the article finder (`engine.io.article`).

Chrome is recognised by markup, the same on every site: elements hidden from readers,
navigation, forms and buttons, `footer`s, roles of page furniture, and class or id
words that name chrome (share, related, cookie, newsletter, metadata, history...);
and by text: date lines ("Published 9 February 2021", "Updated 5 minutes ago"),
cookie notices, teasers for other stories. Rules for one site, where its structure
needs them, are data: `resources/web/site_rules.json`, matched by the page's host.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# resources/ sits beside the engine package in a checkout, a wheel and the bundled app alike.
RULES_FILE = Path(__file__).resolve().parent.parent.parent / "resources" / "web" / "site_rules.json"

SKIP = frozenset({
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
ROLES_SKIPPED = frozenset({"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog", "menu",
                            "menubar", "toolbar"})
# Class or id words of page chrome. Matched as whole words of the class (split at spaces,
# hyphens and underscores), so "share" finds "gem-c-share-links" but not "shareholders".
CHROME_WORDS = re.compile(
    r"(?:^|[\s_-])(?:share|shares|sharing|sharedaddy|sharebar|sharetools|social|socials|sponsor|sponsors|"
    r"sponsored|advert|adverts|advertisement|advertising|ad|ads|ad-slot|adslot|dfp|gpt|promo|promos|promoted|"
    r"newsletter|newsletters|subscribe|subscription|related|relatedposts|recommended|recommendations|comment|"
    r"comments|commentlist|respond|reply|breadcrumb|breadcrumbs|tags?-links|cookie|cookies|consent|gdpr|paywall|"
    r"outbrain|taboola|trending|most-read|mostread|most-popular|most-viewed|sidebar|footer|metadata|history|"
    r"changelog|revisions|screen-reader-text|sr-only|visually-hidden|visuallyhidden|skip-links?|print-only|"
    r"toolbar|modal|popup)(?:$|[\s_-])", re.IGNORECASE)
# Text for screen readers only ("Image caption, ", "Share on"): left out even inside a sentence.
_READER_ONLY = re.compile(r"(?:^|\s)(?:sr-only|visually-hidden|visuallyhidden|screen-reader-text|govuk-visually-hidden|"
                          r"a11y-hidden|offscreen)(?:$|\s)", re.IGNORECASE)
GOOD_WORDS = re.compile(r"article|body|content|entry|main|post|story|text|govspeak|prose", re.IGNORECASE)
ASCII_WS = re.compile(r"[ \t\n\r\f]+")  # HTML collapses only ASCII white space, not no-break spaces
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# A line that only dates the page: "Published 9 February 2021", "Updated 5 minutes ago",
# "Last updated: 08/08/2021 14:05 BST", "First published on Tue 3 Aug 2021 14.00 BST".
DATE_LINE = re.compile(
    r"^\W*(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified|edited|reviewed)(?:\s+(?:on|at))?\b"
    r"|\d+\s+(?:second|minute|hour|day|week|month)s?\s+ago\b"
    r"|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+\d|\d{1,2}\s+" + _MONTHS + r"\s+\d{4}\W*$"
    r"|" + _MONTHS + r"\s+\d{1,2},?\s+\d{4}\b)", re.IGNORECASE)
# A link standing for another story inside the body: "Related: ...", "Read more: ...", "See also ...".
TEASER = re.compile(r"^\W*(?:related|read more|read also|also read|see also|more on this|more from|recommended|"
                     r"watch|listen|explore)\b", re.IGNORECASE)
_COOKIE = re.compile(r"\b(?:we|this (?:site|website)|our (?:site|website))\s+uses?\s+cookies\b|"
                     r"\baccept (?:all )?cookies\b|\bcookie (?:settings|preferences|policy)\b", re.IGNORECASE)


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
        if tag in SKIP or hidden(node) or _READER_ONLY.search(node.get("class") or ""):
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
    return ASCII_WS.sub(" ", "".join(parts)).strip()


def hidden(el) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def label(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


def is_chrome(el, rules: SiteRules = SiteRules()) -> bool:
    """Page chrome by markup: skipped tags, hidden elements, chrome roles and class words."""
    tag = tag_of(el)
    if tag in SKIP or hidden(el) or (el.get("role") or "").lower() in ROLES_SKIPPED:
        return True
    names = label(el)
    if names and (CHROME_WORDS.search(names) or (rules.drop is not None and rules.drop.search(el.get("class") or ""))):
        return True
    return False


def link_share(el) -> float:
    """The share of an element's text that is link text."""
    total = len(text_of(el))
    if not total:
        return 0.0
    return sum(len(text_of(a)) for a in el.iter("a")) / total


def keep_text(text: str) -> bool:
    """False for a date line or a cookie notice (short blocks only: a long one is an article's)."""
    words = len(text.split())
    return not ((words <= 12 and DATE_LINE.search(text)) or (words <= 60 and _COOKIE.search(text)))
