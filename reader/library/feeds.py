"""Reading feeds and OPML: RSS 2.0, RSS 1.0 (RDF) and Atom, from bytes already fetched.

No network and no Textual here. :func:`parse_feed` hands the bytes to
feedparser (imported at first use) wrapped in a stream, so feedparser never
fetches or opens anything itself (given a plain string it would treat one
that looks like a URL or a file name as one); the response headers go with
them, for the charset and the base of relative links. Each entry becomes a
:class:`FeedItem`: title, link, date published (ISO 8601, UTC), author,
summary (plain text), content (the entry's HTML, its summary when it has no
content) and guid.

:func:`read_opml` reads the subscription lists every feed reader exports
(nested outlines, ``xmlUrl``, ``title`` or ``text``; the folders an outline sits
in become its ``category``, ``"News/Tech"``); :func:`write_opml` writes OPML
2.0, which reads back into the same outlines.

Every failure is a :class:`FeedError` whose message is one line: bytes that
are no feed, a page that is HTML, an OPML file that is not XML.
"""

from __future__ import annotations

import calendar
import io
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

# feedparser's names of the formats it read.
KINDS = {
    "rss20": "RSS 2.0",
    "rss10": "RSS 1.0",
    "rss090": "RSS 0.90",
    "rss091n": "RSS 0.91",
    "rss091u": "RSS 0.91",
    "rss092": "RSS 0.92",
    "rss093": "RSS 0.93",
    "rss094": "RSS 0.94",
    "rss": "RSS",
    "atom10": "Atom 1.0",
    "atom03": "Atom 0.3",
    "atom02": "Atom 0.2",
    "atom01": "Atom 0.1",
    "atom": "Atom",
    "cdf": "CDF",
    "json1": "JSON Feed 1.0",
    "json11": "JSON Feed 1.1",
}
MAX_TEXT = 200  # characters of a reason that quote the input
_TAG = re.compile(r"<[^>]*>")
_POSITION = re.compile(r"^<unknown>:\d+:\d+:\s*")


class FeedError(ValueError):
    """The bytes are not a feed (or not an OPML file); the message is one line."""


def _one_line(text: object, limit: int = MAX_TEXT) -> str:
    """``text`` on one line, without the controls and escape sequences a feed
    may hold (:func:`~reader.library.sanitize.one_line`): what a feed or an
    OPML file says is kept, listed and exported clean."""
    from reader.library.sanitize import one_line

    return one_line(text, limit)


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed. Every field is a string, "" when the feed did not say."""

    title: str = ""
    link: str = ""  # the article's page
    published: str = ""  # ISO 8601 in UTC ("2026-03-04T10:00:00Z"), else ""
    author: str = ""
    summary: str = ""  # plain text
    content: str = ""  # HTML: the entry's content, else its summary
    guid: str = ""  # <guid>, <id> or rdf:about

    @property
    def key(self) -> str:
        """What tells this item from the others of its feed, for ever: its guid,
        else its link, else its title and date."""
        if self.guid:
            return self.guid
        if self.link:
            return self.link
        if self.title or self.published:
            return f"{self.title}\0{self.published}"
        from hashlib import sha256

        return "sha256:" + sha256(self.content.encode("utf-8", "replace")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    link: str  # the site's address ("" when the feed gives none)
    kind: str  # "RSS 2.0", "RSS 1.0", "Atom 1.0"...
    items: tuple[FeedItem, ...]
    language: str = ""
    warning: str = ""  # the feed was malformed but read (feedparser's loose parser)


def _text(value: object) -> str:
    return _one_line(value, 10_000) if isinstance(value, str) else ""


def _web(link: str) -> str:
    """``link`` when it is a web address (an Atom id such as ``urn:x`` is not)."""
    return link if link.lower().startswith(("http://", "https://")) else ""


def _plain(html: str) -> str:
    """The text of an HTML fragment (feedparser has sanitised it already)."""
    from html import unescape

    return _one_line(unescape(_TAG.sub(" ", html)), len(html) + 1)


def _iso(parsed: object) -> str:
    """A feedparser date (a UTC ``struct_time``) as ISO 8601, or ""."""
    if not isinstance(parsed, time.struct_time):
        return ""
    try:
        moment = datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (OverflowError, ValueError, OSError):
        return ""
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def _entry(entry: Mapping) -> FeedItem:
    content = ""
    for part in entry.get("content") or ():
        value = part.get("value") if isinstance(part, Mapping) else None
        if isinstance(value, str) and value.strip():
            content = value
            break
    summary = entry.get("summary")
    summary = summary if isinstance(summary, str) else ""
    # dict.get: feedparser's own get() warns when it maps one date to the other
    published = _iso(dict.get(entry, "published_parsed")) or _iso(dict.get(entry, "updated_parsed"))
    return FeedItem(
        title=_plain(_text(entry.get("title"))),
        link=_web(_text(entry.get("link"))),
        published=published,
        author=_plain(_text(entry.get("author"))),
        summary=_plain(summary or content),
        content=content or summary,
        guid=_text(entry.get("id")),
    )


def _not_a_feed(data: bytes, result: Mapping) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "not a feed: the page is HTML"
    if not data.strip():
        return "not a feed: it is empty"
    problem = result.get("bozo_exception")
    if problem is not None:
        return f"not a feed: {_xml_reason(problem)}"
    return "not a feed: no RSS or Atom in it"


def parse_feed(
    data: bytes, *, url: str = "", headers: Mapping[str, str] | None = None
) -> ParsedFeed:
    """The feed in ``data`` (the body as fetched from ``url``, with its response
    ``headers``). Raises :class:`FeedError` when it is not a feed."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise FeedError("not a feed: no bytes to read")
    import feedparser

    response = {str(k).lower(): str(v) for k, v in (headers or {}).items()}
    if url:
        response.setdefault("content-location", url)
    response.setdefault("content-type", "application/xml")
    data = bytes(data)
    try:
        result = feedparser.parse(io.BytesIO(data), response_headers=response)
    except Exception as error:  # feedparser's own bug on hostile input: still one line
        raise FeedError(f"not a feed: {_one_line(f'{type(error).__name__}: {error}')}") from None
    version = result.get("version") or ""
    feed = result.get("feed") or {}
    entries = result.get("entries") or []
    if not version and not entries:
        raise FeedError(_not_a_feed(data, result))
    warning = ""
    if result.get("bozo") and result.get("bozo_exception") is not None:
        problem = result["bozo_exception"]
        if not isinstance(problem, feedparser.CharacterEncodingOverride):
            reason = _xml_reason(problem).removeprefix("not well-formed ").strip("() ")
            warning = f"the feed is not well-formed ({reason}); read loosely"
    items = []
    for entry in entries:
        try:
            item = _entry(entry)
        except (AttributeError, TypeError, ValueError):
            continue  # an entry feedparser gave in a shape it never should
        if item.title or item.link or item.content.strip():
            items.append(item)
    return ParsedFeed(
        title=_plain(_text(feed.get("title"))),
        link=_web(_text(feed.get("link"))),
        kind=KINDS.get(version, version or "feed"),
        items=tuple(items),
        language=_text(feed.get("language")),
        warning=warning,
    )


# -- OPML ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outline:
    """One subscription of an OPML file."""

    url: str  # xmlUrl
    title: str = ""  # title, else text
    category: str = ""  # the folders it sits in, "News/Tech"
    site: str = ""  # htmlUrl


class _NoEntities(FeedError):
    pass


def _xml_root(data: bytes):
    """The root element of ``data``, parsed by expat into an ElementTree; a
    document declaring entities is refused (nothing expanded, nothing
    external read)."""
    from xml.etree.ElementTree import TreeBuilder
    from xml.parsers import expat

    def refuse(*_args) -> None:
        raise _NoEntities("not an OPML file: it declares XML entities")

    builder = TreeBuilder()
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    try:
        parser.Parse(data, True)
        return builder.close()
    except _NoEntities:
        raise
    except expat.ExpatError as error:
        raise FeedError(f"not an OPML file: {_xml_reason(error)}") from None
    except (ValueError, LookupError, AssertionError, RecursionError) as error:
        raise FeedError(f"not an OPML file: {_one_line(error) or type(error).__name__}") from None


def _xml_reason(error: object) -> str:
    """An XML parser's message, without the ``<unknown>:2:0:`` feedparser puts first."""
    text = _POSITION.sub("", _one_line(error))
    line = getattr(error, "lineno", None)
    if not isinstance(line, int) or line <= 1 or f"line {line}" in text:
        return text  # (expat's own message says where already)
    return f"{text} (line {line})"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _attr(element, name: str) -> str:
    for key, value in element.attrib.items():
        if _local(key) == name.lower():
            return _one_line(value, 2000)
    return ""


def read_opml(data: bytes) -> list[Outline]:
    """The feeds listed in an OPML file, in document order, each URL once.
    Raises :class:`FeedError` (one line) for a file that is not OPML."""
    if not isinstance(data, (bytes, bytearray)):
        raise FeedError("not an OPML file: no bytes to read")
    root = _xml_root(bytes(data))
    if _local(root.tag) != "opml":
        raise FeedError(f"not an OPML file: its root element is <{_local(root.tag) or '?'}>")
    body = next((child for child in root if _local(child.tag) == "body"), None)
    if body is None:
        raise FeedError("not an OPML file: it has no <body>")
    found: list[Outline] = []
    seen: set[str] = set()
    stack = [(child, ()) for child in reversed(list(body))]  # no recursion on deep files
    while stack:
        element, folders = stack.pop()
        if _local(element.tag) != "outline":
            continue
        name = _attr(element, "title") or _attr(element, "text")
        url = _attr(element, "xmlUrl")
        if url:
            if url not in seen:
                seen.add(url)
                found.append(Outline(url, name, "/".join(folders), _attr(element, "htmlUrl")))
            inner = folders  # feeds nested under a feed: keep its folders
        else:
            inner = (*folders, name.replace("/", "∕")) if name else folders
        stack.extend((child, inner) for child in reversed(list(element)))
    return found


def _fields(outline: Outline) -> tuple[str, str, str, str]:
    return outline.url, outline.title, outline.category, outline.site


def write_opml(outlines: Iterable[Outline], title: str = "Limelight feeds") -> bytes:
    """OPML 2.0 (UTF-8) listing ``outlines``, grouped into nested folders by category."""
    from xml.etree import ElementTree

    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    stamp = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    ElementTree.SubElement(head, "dateCreated").text = stamp
    body = ElementTree.SubElement(root, "body")
    folders: dict[tuple[str, ...], ElementTree.Element] = {(): body}
    for outline in outlines:
        outline = Outline(*(_one_line(value, len(value) + 1) for value in _fields(outline)))
        path = tuple(part for part in outline.category.split("/") if part)
        for depth in range(1, len(path) + 1):
            if path[:depth] not in folders:
                name = path[depth - 1]
                folders[path[:depth]] = ElementTree.SubElement(
                    folders[path[: depth - 1]], "outline", text=name, title=name
                )
        attrs = {"type": "rss", "text": outline.title or outline.url, "xmlUrl": outline.url}
        if outline.title:
            attrs["title"] = outline.title
        if outline.site:
            attrs["htmlUrl"] = outline.site
        ElementTree.SubElement(folders[path], "outline", attrs)
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


# -- a page's feeds ------------------------------------------------------------------------

FEED_LINK_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
)


def feed_links(page: bytes, base_url: str = "") -> list[str]:
    """The feeds an HTML page announces (``<link rel="alternate"
    type="application/rss+xml" href=...>``), absolute, in page order, each once."""
    from html.parser import HTMLParser
    from urllib.parse import urljoin

    found: list[str] = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag != "link":
                return
            values = {name.lower(): (value or "") for name, value in attrs}
            rel = values.get("rel", "").lower().split()
            kind = values.get("type", "").lower().split(";")[0].strip()
            href = values.get("href", "").strip()
            if "alternate" in rel and kind in FEED_LINK_TYPES and href:
                link = urljoin(base_url, href)
                if link.lower().startswith(("http://", "https://")) and link not in found:
                    found.append(link)

    parser = Links(convert_charrefs=True)
    try:
        parser.feed(page[:1_000_000].decode("utf-8", "replace"))
        parser.close()
    except (ValueError, AssertionError):  # html.parser on hostile input
        pass
    return found
