"""What an HTML page says of itself: title, author, date, site, address, language.

Read from the parsed page (an lxml tree, before its scripts are dropped) in
this order of trust:

- title: ``og:title``, ``twitter:title``, JSON-LD ``headline``, the first
  ``<h1>``, ``<title>``; the site's name is taken off its end or start
  ("Ferry vote delayed | The Edra Courier") when the site is known
  (``og:site_name``, JSON-LD publisher, ``application-name``) or when the
  same tail ends two of the candidates;
- author: ``<meta name=author>``, ``article:author`` (a name, not an
  address), JSON-LD ``author``, a visible byline (``rel=author``,
  ``itemprop=author``, a ``byline`` or ``author`` class);
- published: ``article:published_time``, JSON-LD ``datePublished``, other
  date metas, ``itemprop=datePublished``, a ``<time datetime>`` in the
  ``<article>``;
- site: ``og:site_name``, JSON-LD ``publisher``, ``application-name``;
- url: ``<link rel=canonical>``, ``og:url`` (absolute http(s) only);
- language: ``<html lang>``, ``og:locale``, ``content-language``.

Everything is plain text, "" when unknown; nothing here raises for any page.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

__all__ = ["PageMeta", "page_meta", "strip_site_name"]

# What stands between a title and the site's name.
_SEPARATORS = (" | ", " – ", " — ", " - ", " · ", " :: ", " // ", " » ", ": ")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_BY = re.compile(r"^\s*(?:by|par|von|por|di|door|av|af)\s+", re.IGNORECASE)
# "Recipe by Jane Doe", "Words by Jane Doe": what comes before the name.
_BY_INSIDE = re.compile(r"^[^\W\d]+(?: [^\W\d]+)? by\s+", re.IGNORECASE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ARTICLE_TYPES = (
    "article",
    "posting",
    "report",
    "webpage",
    "blog",
    "story",
    "recipe",
    "review",
    "creativework",
)
_MAX_FIELD = 300


def _squash(text: str) -> str:
    return " ".join(str(text).split())[:_MAX_FIELD]


@dataclass
class PageMeta:
    titles: list[str] = field(default_factory=list)  # candidates, most trusted first
    sites: list[str] = field(default_factory=list)
    author: str = ""
    published: str = ""
    url: str = ""
    language: str = ""
    description: str = ""

    @property
    def site(self) -> str:
        return self.sites[0] if self.sites else ""

    @property
    def title(self) -> str:
        """The most trusted title, without the site's name."""
        sites = {site.casefold() for site in self.sites}
        for candidate in self.titles:
            title = strip_site_name(candidate, self.sites, self.titles)
            if title and title.casefold() not in sites:  # an <h1> that is the logo
                return title
        return ""


def strip_site_name(title: str, sites=(), others=()) -> str:
    """``title`` without a site's name at its end or start.

    A site is known from ``sites``, or as a tail (after a separator) that two
    of ``others`` (the page's title candidates) share, or as a short tail
    after " | ".
    """
    title = _squash(title)
    known = [s for s in (_squash(site) for site in sites) if s]
    for site in known:
        low = title.casefold()
        for sep in _SEPARATORS:
            if low.endswith((sep + site).casefold()) and len(title) > len(sep + site):
                return title[: -len(sep + site)].strip()
            if low.startswith((site + sep).casefold()) and len(title) > len(site + sep):
                return title[len(site + sep) :].strip()
    # An unknown site: a tail shared by two candidates, or a head that is
    # another candidate on its own ("Ferry vote delayed" and "Ferry vote
    # delayed - Courier").
    plain = {_squash(o).casefold() for o in others if o}
    for sep in _SEPARATORS[:-1]:  # not ": ": "Budget 2026: what it means" is one title
        if sep in title:
            head, _, tail = title.rpartition(sep)
            if head.strip().casefold() in plain and head.strip().casefold() != title.casefold():
                return head.strip()
            shared = sum(1 for o in others if _squash(o).endswith(sep + tail))
            if shared >= 2 and head.strip():
                return head.strip()
    # "Title | Site": a bar before a short tail marks a site name (a bar is
    # no punctuation of a sentence).
    head, bar, tail = title.rpartition(" | ")
    if bar and head.strip() and len(tail.split()) <= 5 and len(tail) < len(head):
        return head.strip()
    return title


def _metas(doc) -> dict[str, str]:
    """The page's ``<meta>`` contents by name or property (lower case), first one wins."""
    found: dict[str, str] = {}
    for element in doc.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        equiv = element.get("http-equiv") or ""
        content = element.get("content")
        if content is None:
            continue
        for name in (key, equiv):
            name = name.strip().lower()
            if name and name not in found and content.strip():
                found[name] = _squash(content)
    return found


def _json_ld(doc) -> list[dict]:
    """The page's JSON-LD objects that describe an article (``@graph`` opened)."""
    objects: list[dict] = []
    for script in doc.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        if not text.strip() or len(text) > 1_000_000:
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack and len(objects) < 50:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item[:50])
            elif isinstance(item, dict):
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"][:50])
                kind = item.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                if any(isinstance(k, str) and k.lower().endswith(_ARTICLE_TYPES) for k in kinds):
                    objects.append(item)
    # An article before a web page.
    objects.sort(key=lambda o: "webpage" in str(o.get("@type", "")).lower())
    return objects


def _name(value) -> str:
    """A name from JSON-LD's ``author`` or ``publisher`` (a string, an object, a list)."""
    if isinstance(value, str):
        return _squash(value)
    if isinstance(value, dict):
        return _name(value.get("name", ""))
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value[:10]) if n]
        return ", ".join(dict.fromkeys(names))
    return ""


def _string(value) -> str:
    return _squash(value) if isinstance(value, str | int | float) else ""


def _language(value: str) -> str:
    value = value.strip().replace("_", "-")
    if not _LANGUAGE.fullmatch(value):
        return ""
    first, *rest = value.split("-")
    return "-".join([first.lower(), *(part.upper() if len(part) == 2 else part for part in rest)])


def _absolute(url: str) -> str:
    url = url.strip()
    return url if url.lower().startswith(("http://", "https://")) and " " not in url else ""


# Elements that may hold a visible byline, in one pass over the page; the
# kinds are then tried in this order of trust.
_BYLINE_PATH = "//*[@rel='author' or @itemprop='author' or contains(@class, 'byline') or contains(@class, 'author')]"


def _byline_rank(element) -> int | None:
    if element.tag in ("meta", "link"):
        return None
    if element.get("rel") == "author":
        return 0
    if element.get("itemprop") == "author":
        return 1
    classes = (element.get("class") or "").split()
    if "byline" in classes:
        return 2
    if "author" in classes:
        return 3
    return None


def _byline(doc) -> str:
    found = [
        (rank, i, e)
        for i, e in enumerate(doc.xpath(_BYLINE_PATH)[:40])
        if (rank := _byline_rank(e)) is not None
    ]
    for _, _, element in sorted(found, key=lambda item: item[:2]):
        name_element = element.find(".//*[@itemprop='name']")
        text = _squash((name_element if name_element is not None else element).text_content())
        text = _BY.sub("", _BY_INSIDE.sub("", text, count=1)).strip(" ,|-–—")
        if text and len(text) <= 80 and len(text.split()) <= 8:
            return text
    return ""


def _first_text(doc, path: str) -> str:
    for element in doc.xpath(path)[:5]:
        text = _squash(element.text_content())
        if text:
            return text
    return ""


def page_meta(doc) -> PageMeta:
    """What the page ``doc`` (an lxml HTML tree, scripts still in it) says of itself."""
    meta = PageMeta()
    try:
        _read(doc, meta)
    except Exception:  # a page this reader has not foreseen: what was read stays
        pass
    return meta


def _read(doc, meta: PageMeta) -> None:
    metas = _metas(doc)
    ld = _json_ld(doc)

    def ld_first(key: str, read=_string) -> str:
        for item in ld:
            value = read(item.get(key, ""))
            if value:
                return value
        return ""

    for site in (
        metas.get("og:site_name", ""),
        _name(ld[0].get("publisher", "")) if ld else "",
        metas.get("application-name", ""),
    ):
        if site and site not in meta.sites:
            meta.sites.append(site)
    for title in (
        metas.get("og:title", ""),
        metas.get("twitter:title", ""),
        ld_first("headline"),
        _first_text(doc, "//h1"),
        _first_text(doc, "//title"),
    ):
        if title and title not in meta.titles:
            meta.titles.append(title)

    author = metas.get("author", "") or metas.get("article:author", "")
    if author.lower().startswith(("http://", "https://")):
        author = ""  # article:author is often the author's page
    meta.author = author or ld_first("author", _name) or ld_first("creator", _name) or _byline(doc)
    for key in ("article:published_time", "og:published_time", "datepublished"):
        if metas.get(key):
            meta.published = metas[key]
            break
    if not meta.published:
        meta.published = ld_first("datePublished")
    if not meta.published:
        for key in (
            "date",
            "pubdate",
            "publishdate",
            "dc.date",
            "dcterms.created",
            "sailthru.date",
        ):
            if _DATE.match(metas.get(key, "")):
                meta.published = metas[key]
                break
    if not meta.published:
        for path in ("//article//time[@datetime]", "//*[@itemprop='datePublished']"):
            for element in doc.xpath(path)[:1]:
                value = _squash(element.get("datetime") or element.get("content") or "")
                if _DATE.match(value):
                    meta.published = value
            if meta.published:
                break

    for element in doc.xpath("//link[@href]"):
        rel = (element.get("rel") or "").lower().split()
        if "canonical" in rel:
            meta.url = _absolute(element.get("href") or "")
            if meta.url:
                break
    if not meta.url:
        meta.url = _absolute(metas.get("og:url", ""))

    root = doc.getroottree().getroot() if hasattr(doc, "getroottree") else doc
    meta.language = (
        _language(root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or "")
        or _language(metas.get("og:locale", ""))
        or _language(metas.get("content-language", "").split(",")[0])
        or _language(ld_first("inLanguage"))
    )
    for key in ("description", "og:description", "twitter:description"):
        if metas.get(key):
            meta.description = metas[key]
            break
