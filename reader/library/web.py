"""Articles from the web, kept in the data folder: ``limelight add URL`` and feed items.

A page is fetched (:mod:`reader.library.fetch`), its content type checked
(HTML and XHTML article pages, plain text and Markdown; an image, a PDF or
JSON is :class:`NotAnArticle`), its article extracted by the HTML importer,
and two files are written in ``web/`` of the data folder (a feed's items in
``web/feeds/<feed-folder>/``):

- ``<stem>.limelight``: the extracted article in Limelight's own format, which
  the ``web`` importer registered in :mod:`reader.library.importers` reads
  back exactly: title, dek, every block (kind, text, level, number, styles),
  the details (author, published, site, url, language, feed), the warnings
  met while extracting, and where and when it was fetched (the address asked
  for, the final one, the time, the HTTP validators). The article therefore
  reads offline and stays the same when the page changes (notes anchor to
  fixed text) until ``limelight refresh URL`` fetches it again;
- ``.pages/<stem>.html`` (``.txt``, ``.md``): the page as fetched, byte for
  byte. A hidden folder: a folder scan, the library's fingerprint and the
  search index never see it, so it is never a second article.

The JSON file (UTF-8)::

    {"limelight": "web-article", "version": 1,
     "url": "<asked for>", "final_url": "<after redirects>",
     "fetched_at": "2026-12-01T16:50:00Z", "page": ".pages/<stem>.html",
     "http": {"status": 200, "content_type": "text/html", "charset": "utf-8",
              "etag": "...", "last_modified": "...", "headers": {...}},
     "article": {"title": ..., "dek": ..., "author": ..., "published": ...,
                 "site": ..., "url": ..., "language": ..., "feed": ...,
                 "warnings": [...],
                 "blocks": [{"kind": "paragraph", "text": "...", "level": 0,
                             "number": 0, "styles": [[0, 4, "bold"]]}, ...]}}

A file's stem is stable per address: the normalised URL (scheme and host in
lower case, default port and fragment dropped) as a readable slug plus a
short hash of it, so adding a URL again replaces its article rather than
adding a second. Both files are written atomically
(:func:`reader.store.atomic.atomic_write_bytes`), the page first; when the
article cannot be written the page is put back as it was, so a failure at
any step leaves nothing half-added.

Importing this module is cheap (the standard library); the HTTP client and
the HTML importer are imported when first needed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.library.fetch import FetchError
from reader.library.sources import is_url

if TYPE_CHECKING:
    from reader.library.fetch import Limits, Response
    from reader.library.model import Article

__all__ = [
    "ARTICLE_SUFFIX",
    "FORMAT",
    "NotAnArticle",
    "Saved",
    "WebError",
    "add_url",
    "find_saved",
    "is_url",
    "normalise_url",
    "parse_saved",
    "refresh_url",
    "remove_url",
    "save_feed_page",
    "save_feed_text",
    "save_page",
    "saved_info",
    "stem_for",
    "web_dir",
]

FORMAT = "web"
ARTICLE_SUFFIX = ".limelight"
PAGES = ".pages"  # hidden: never scanned as articles
MAGIC = "web-article"
VERSION = 1
SLUG_CHARS = 60
# The response headers kept with the page.
KEPT_HEADERS = (
    "content-type",
    "content-language",
    "etag",
    "last-modified",
    "date",
    "cache-control",
    "expires",
)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = {"text/plain": "txt", "text/markdown": "md", "text/x-markdown": "md"}
PAGE_SUFFIX = {"html": ".html", "txt": ".txt", "md": ".md"}
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})


class WebError(FetchError):
    """Fetched, but not kept: ``str(error)`` is the one-line reason."""


class NotAnArticle(WebError):
    """The address is not an article page ("not an article page: image/png")."""


@dataclass(frozen=True)
class Saved:
    """A page kept: its article file, the article as it reads back, the page
    copy, and the id of the article it replaced (None when new)."""

    path: Path
    article: Article
    page: Path
    replaced_id: str | None = None
    fetched_at: str = ""


def web_dir() -> Path:
    """``web/`` in the data folder: every article fetched by URL or from a feed."""
    from reader.store.paths import web_dir

    return web_dir()


# -- names -----------------------------------------------------------------------------


def normalise_url(url: str) -> str:
    """``url`` as one spelling: scheme and host in lower case (an international
    name as its ASCII form, no final dot), the default port, the fragment and
    an empty query dropped, an empty path made "/". :class:`WebError` when it
    is no address (a port out of range, a broken IPv6 host)."""
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise WebError(f"not a web address ({error})", url=url) from None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            pass  # kept as written: one spelling all the same
    if ":" in host:  # IPv6
        host = f"[{host}]"
    if port is not None and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    if parts.username or parts.password:
        host = f"{parts.username or ''}{':' + parts.password if parts.password else ''}@{host}"
    return urlunsplit((scheme, host, parts.path or "/", parts.query, ""))


def stem_for(url: str) -> str:
    """A file stem stable per address: ``example.com-2026-a-story-1a2b3c4d``."""
    normal = normalise_url(url)
    rest = normal.split("://", 1)[-1]
    server, slash, path = rest.partition("/")
    rest = server.rpartition("@")[2] + slash + path  # a name and password never name a file
    return _stem(rest.removeprefix("www."), normal)


def _stem(readable: str, identity: str) -> str:
    """``readable`` as a slug (ASCII letters, digits and dashes, lower case:
    the same name on every file system, whatever its case rules) and a
    short hash of ``identity``, which tells apart what the slug does not."""
    import hashlib
    import re

    digest = hashlib.blake2b(identity.encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()
    slug = re.sub(r"[^a-z0-9]+", "-", readable.lower()).strip("-")
    slug = re.sub(r"-(html?|php|aspx?)$", "", slug)[:SLUG_CHARS].rstrip("-") or "page"
    return f"{slug}-{digest}"


def _now() -> str:
    from reader.store.annotations import now_iso

    return now_iso("seconds")


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


# -- extracting ------------------------------------------------------------------------


def _kind(content_type: str, body: bytes) -> str:
    """``"html"``, ``"txt"`` or ``"md"`` for what an article can be read from;
    :class:`NotAnArticle` for anything else."""
    if content_type in HTML_TYPES:
        return "html"
    if content_type in TEXT_TYPES:
        return TEXT_TYPES[content_type]
    if content_type in ("", "application/octet-stream"):  # none said: look
        head = body[:1024].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<p", b"<article")):
            return "html"
        if b"\0" not in body[:4096]:
            from codecs import getincrementaldecoder

            try:  # (a character cut at the end of the sample is no error)
                getincrementaldecoder("utf-8")().decode(body[:4096], final=False)
            except UnicodeDecodeError:
                pass
            else:
                return "txt"
        raise NotAnArticle("not an article page: the server did not say what it is")
    from reader.library.sanitize import one_line

    if content_type in FEED_TYPES:
        raise NotAnArticle(
            "not an article page but a feed (limelight feed add URL subscribes to it)"
        )
    raise NotAnArticle(f"not an article page: {one_line(content_type, 80)}")


def _html_article(data: bytes, url: str, charset: str | None) -> Article:
    from reader.library import html

    return html.parse_html_bytes(data, source=url, charset=charset)


def _text_article(data: bytes, url: str, charset: str | None, fmt: str) -> Article:
    from reader.library.charsets import charset_codec
    from reader.library.loader import NotText, decode_bytes, parse_text

    text: str | None = None
    warnings: list[str] = []
    codec = charset_codec(charset)  # None for a label that is no charset (base64, rot13...)
    if codec:
        try:
            text = data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        try:
            text, warnings = decode_bytes(data)
        except NotText as error:
            raise NotAnArticle(f"not an article page: {error}") from None
    return parse_text(text, source=url, fmt=fmt, warnings=warnings)


def extract(
    body: bytes,
    *,
    url: str,
    content_type: str = "",
    charset: str | None = None,
    language: str = "",
) -> Article:
    """The article in a page's bytes, its details filled in from the page's
    address where it says nothing (``url``, ``site`` the host, ``language``
    from Content-Language). :class:`NotAnArticle` for what is no article page
    or has no text."""
    fmt = _kind(content_type, body)
    if not body.strip():
        raise NotAnArticle("the page is empty")
    try:
        if fmt == "html":
            article = _html_article(body, url, charset)
        else:
            article = _text_article(body, url, charset, fmt)
    except (NotAnArticle, MemoryError):
        raise
    except RecursionError:
        raise NotAnArticle("could not read the page: it is nested too deeply") from None
    except Exception as error:  # noqa: BLE001 - a broken page is one line
        raise NotAnArticle(f"could not read the page ({type(error).__name__}: {error})") from None
    if article.error:
        raise NotAnArticle(f"could not read the page: {article.error}")
    if not article.body.strip():
        raise NotAnArticle("no article text found on the page")
    language = language.split(",")[0].strip()
    return replace(
        article,
        url=article.url or url,
        site=article.site or _host(url),
        language=article.language or language,
    )


# -- the file format ---------------------------------------------------------------------


def _article_json(article: Article) -> dict[str, Any]:
    from reader.library.model import DETAIL_FIELDS

    data: dict[str, Any] = {"title": article.title, "dek": article.dek}
    data.update({name: getattr(article, name) for name in DETAIL_FIELDS})
    data["warnings"] = list(article.warnings)
    data["blocks"] = [
        {
            "kind": block.kind,
            "text": block.text,
            "level": block.level,
            "number": block.number,
            "styles": [list(span) for span in block.styles],
        }
        for block in article.blocks
    ]
    return data


class _Bad(ValueError):
    pass


def _string(data: Mapping, key: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise _Bad(f"{key} is not a string")
    return value


def _int(data: Mapping, key: str) -> int:
    value = data.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(f"{key} is not a number")
    return value


def _blocks(raw: Any):
    from reader.library.model import BLOCK_KINDS, INLINE_STYLES, Block

    if not isinstance(raw, list):
        raise _Bad("blocks is not a list")
    blocks = []
    for item in raw:
        if not isinstance(item, dict):
            raise _Bad("a block is not an object")
        kind = _string(item, "kind")
        if kind not in BLOCK_KINDS:
            raise _Bad(f"unknown block kind {kind[:20]!r}")
        text = _string(item, "text")
        styles = []
        for span in item.get("styles") or ():
            if (
                not isinstance(span, list)
                or len(span) != 3
                or not all(isinstance(n, int) and not isinstance(n, bool) for n in span[:2])
                or span[2] not in INLINE_STYLES
                or not 0 <= span[0] <= span[1] <= len(text)
            ):
                raise _Bad("a style span is not [start, end, style] within its block")
            styles.append((span[0], span[1], span[2]))
        blocks.append(Block(kind, text, _int(item, "level"), tuple(styles), _int(item, "number")))
    return tuple(blocks)


def _load_json(payload: bytes) -> dict[str, Any]:
    from reader.store.atomic import CorruptDatabase, loads

    try:
        data = loads(payload)
    except CorruptDatabase as error:
        raise _Bad(f"not JSON ({error})") from None
    if not isinstance(data, dict) or data.get("limelight") != MAGIC:
        raise _Bad("not a Limelight web article file")
    version = data.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise _Bad(f"written by a newer Limelight (version {version})")
    return data


def parse_saved(
    payload: bytes,
    source: str = "",
    *,
    warnings=(),
    fallback_title: str = "",
) -> Article:
    """The ``web`` importer: the article a ``.limelight`` file keeps, exactly as saved.

    Its text is cleaned as every importer's is
    (:func:`~reader.library.sanitize.make_article`): what Limelight wrote
    reads back unchanged, and a file written by anyone else holds no
    terminal control that could reach the screen. A file that is not one
    (damaged, another program's) raises
    :class:`reader.library.importers.Unreadable` with the reason.
    """
    from reader.library.importers import Unreadable
    from reader.library.model import CODE, DETAIL_FIELDS, ROW
    from reader.library.sanitize import clean_inline, make_article

    try:
        data = _load_json(payload)
        body = data.get("article")
        if not isinstance(body, dict):
            raise _Bad("no article in it")
        details = {name: clean_inline(_string(body, name)) for name in DETAIL_FIELDS}
        kept = body.get("warnings") or []
        if not isinstance(kept, list) or not all(isinstance(w, str) for w in kept):
            raise _Bad("warnings is not a list of strings")
        blocks = _blocks(body.get("blocks"))
        article = make_article(
            _string(body, "title"),
            blocks,
            source=source,
            dek=_string(body, "dek"),
            fmt=FORMAT,
            warnings=(*kept, *warnings),
            fallback_title=fallback_title,
            # code keeps its lines; a table's rows their alignment (as html.py keeps them)
            preformatted=frozenset(
                i for i, block in enumerate(blocks) if block.kind in (CODE, ROW)
            ),
        )
    except _Bad as error:
        raise Unreadable(f"damaged web article file: {error}") from None
    return replace(article, **details)


def saved_info(path: Path) -> dict[str, Any]:
    """What a ``.limelight`` file says of where and when it was fetched (every
    key but ``article``); :class:`WebError` when it cannot be read."""
    try:
        data = _load_json(Path(path).read_bytes())
    except OSError as error:
        raise WebError(f"cannot read {path}: {error.strerror or error}") from None
    except _Bad as error:
        raise WebError(f"{path}: {error}") from None
    return {key: value for key, value in data.items() if key != "article"}


# -- saving -------------------------------------------------------------------------------


def _write_pair(path: Path, page: Path, page_bytes: bytes, article_bytes: bytes) -> None:
    """The page copy, then the article file, each atomically; on a failure the
    page copy is put back as it was (or removed when it is new)."""
    from reader.store.atomic import atomic_write_bytes

    try:
        old_page: bytes | None = page.read_bytes()
    except OSError:
        old_page = None
    try:
        page.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(page, page_bytes)
        try:
            atomic_write_bytes(path, article_bytes)
        except BaseException:
            try:
                if old_page is None:
                    page.unlink(missing_ok=True)
                else:
                    atomic_write_bytes(page, old_page)
            except OSError:
                pass
            raise
    except OSError as error:
        reason = error.strerror or str(error) or type(error).__name__
        raise WebError(f"could not save the page in {path.parent}: {reason}") from None


def _store(
    article: Article,
    *,
    folder: Path,
    stem: str,
    page_bytes: bytes,
    page_suffix: str,
    asked: str,
    final: str,
    http: dict[str, Any],
    fetched_at: str | None = None,
) -> Saved:
    from reader.store.atomic import dumps

    folder = Path(folder)
    path = folder / f"{stem}{ARTICLE_SUFFIX}"
    page = folder / PAGES / f"{stem}{page_suffix}"
    replaced_id = None
    if path.exists():
        from reader.library.loader import load_file

        before = load_file(path)
        replaced_id = before.id if before.ok else None
    fetched_at = fetched_at or _now()
    data = {
        "limelight": MAGIC,
        "version": VERSION,
        "url": asked,
        "final_url": final,
        "fetched_at": fetched_at,
        "page": f"{PAGES}/{page.name}",
        "http": http,
        "article": _article_json(article),
    }
    payload = dumps(data)
    _write_pair(path, page, page_bytes, payload)
    # what the library reads back, so a caller sees exactly the article kept
    kept = parse_saved(payload, source=str(path), fallback_title=stem)
    return Saved(path, kept, page, replaced_id, fetched_at)


def _details(article: Article, overrides: Mapping[str, str]) -> Article:
    """``article`` with the details in ``overrides`` filled in where it has none
    (``feed`` always: the feed the item came from)."""
    changes = {}
    for name, value in overrides.items():
        if value and (name == "feed" or not getattr(article, name)):
            changes[name] = value
    return replace(article, **changes) if changes else article


def store_response(
    response: Response,
    *,
    folder: Path | None = None,
    url: str | None = None,
    title: str = "",
    stem: str | None = None,
    **details: str,
) -> Saved:
    """Extract the article of a fetched ``response`` and keep it (see the module).

    ``url`` is the address the page is kept under (default: the one asked
    for), which names its files (``stem`` names them instead when given);
    ``title`` is used when the page has none; ``details`` (``feed``,
    ``author``, ``published``...) fill in what the page does not say.
    :class:`NotAnArticle` for what is no article page, :class:`WebError` when
    it cannot be written; nothing is kept then.
    """
    from reader.library.model import DETAIL_FIELDS

    unknown = set(details) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"unknown details: {', '.join(sorted(unknown))}")
    asked = url or response.requested_url or response.url
    article = extract(
        response.body,
        url=response.url,
        content_type=response.content_type,
        charset=response.charset,
        language=response.headers.get("content-language", ""),
    )
    if title and not article.title.strip():
        article = replace(article, title=title)
    article = _details(article, details)
    fmt = _kind(response.content_type, response.body)
    return _store(
        article,
        folder=Path(folder) if folder is not None else web_dir(),
        stem=stem or stem_for(asked),
        page_bytes=response.body,
        page_suffix=PAGE_SUFFIX[fmt],
        asked=asked,
        final=response.url,
        http=_http(response),
    )


def _http(response: Response) -> dict[str, Any]:
    """What the article file keeps of the response."""
    return {
        "status": response.status,
        "content_type": response.content_type,
        "charset": response.charset,
        "etag": response.etag,
        "last_modified": response.last_modified,
        "headers": {k: v for k, v in response.headers.items() if k in KEPT_HEADERS},
    }


def save_page(
    response: Response,
    *,
    feed: str | None = None,
    folder: Path | None = None,
    **details: str,
) -> Path:
    """Keep a fetched page as an article; the path of its ``.limelight`` file.

    ``feed`` names the feed it came from; ``folder`` is where it is kept
    (default ``web/``; a feed's items go in ``web/feeds/<feed-folder>/``).
    """
    if feed:
        details["feed"] = feed
    return store_response(response, folder=folder, **details).path


def save_feed_page(response: Response, folder: Path, *, title: str = "", **details: str) -> Path:
    """A feed item's page kept in its feed's ``folder`` (``title``: the item's,
    used when the page has none)."""
    return store_response(response, folder=folder, title=title, **details).path


def save_feed_text(
    folder: Path,
    title: str,
    text: str,
    *,
    url: str = "",
    reason: str = "",
    key: str = "",
    **details: str,
) -> Path:
    """A feed item kept from the feed's own content (``text``, HTML or plain)
    when its page could not be had; the article's warnings say why (``reason``).
    Its files are named by ``url``, else by ``key`` (what tells the item from
    the others of its feed: :attr:`reader.library.feeds.FeedItem.key`), else
    by its title. Raises :class:`WebError` when it cannot be written."""
    from reader.library.model import DETAIL_FIELDS

    unknown = set(details) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"unknown details: {', '.join(sorted(unknown))}")
    data = (text or title or url or "(no text)").encode("utf-8", "replace")
    looks_html = "<" in (text or "") and ">" in (text or "")
    fmt = "html" if looks_html else "txt"
    if fmt == "html":
        article = _html_article(data, url, "utf-8")
    else:
        article = _text_article(data, url, "utf-8", "txt")
    if title:
        article = replace(article, title=title)
    note = "saved from the feed" + (f" ({reason})" if reason else "")
    article = replace(
        article,
        url=article.url or url,
        site=article.site or _host(url),
        warnings=(*article.warnings, note),
    )
    article = _details(article, details)
    http = {"status": 0, "content_type": "", "charset": "utf-8", "etag": "", "last_modified": ""}
    return _store(
        article,
        folder=Path(folder),
        stem=stem_for(url) if url else _stem(f"feed-item-{title}", f"feed-item:{key or title}"),
        page_bytes=data,
        page_suffix=PAGE_SUFFIX[fmt],
        asked=url,
        final=url,
        http=http,
    ).path


# -- by address -------------------------------------------------------------------------


def add_url(url: str, *, limits: Limits | None = None, folder: Path | None = None) -> Saved:
    """Fetch ``url`` and keep its article (``limelight add URL``), within
    ``limits`` (the config file's: :func:`reader.library.fetch.limits_from`).

    Every failure is a :class:`~reader.library.fetch.FetchError` (or its
    :class:`WebError`, :class:`NotAnArticle`) with a one-line reason; nothing
    is kept then. Adding an address kept already replaces its article.
    """
    from reader.library.fetch import fetch, fetch_options

    response = fetch(url, **fetch_options(limits))
    return store_response(response, folder=folder, url=url)


def saved_files(root: Path):
    """Every ``.limelight`` file under ``root`` (hidden folders skipped)."""
    for folder, names, files in os.walk(root):
        names[:] = [name for name in names if not name.startswith(".")]
        for name in files:
            if name.endswith(ARTICLE_SUFFIX) and not name.startswith("."):
                yield Path(folder) / name


def find_saved(url: str, root: Path | None = None) -> Path | None:
    """The ``.limelight`` file keeping ``url`` (asked for, or the final address
    after redirects) under ``root`` (default ``web/``), or None."""
    root = Path(root) if root is not None else web_dir()
    stem = stem_for(url)
    direct = root / f"{stem}{ARTICLE_SUFFIX}"
    if direct.is_file():
        return direct
    wanted = normalise_url(url)
    for path in saved_files(root):
        if path.stem == stem:
            return path
        try:
            info = saved_info(path)
        except WebError:
            continue
        for key in ("url", "final_url"):
            value = info.get(key)
            if isinstance(value, str) and value and normalise_url(value) == wanted:
                return path
    return None


def refresh_url(url: str, *, limits: Limits | None = None) -> Saved:
    """Fetch a kept address again and replace its article (``limelight refresh URL``).

    The page is fetched from the address first asked for; the article keeps
    its file, its feed, and the details the page does not give (a feed
    item's date). :class:`WebError` when ``url`` is not kept.
    """
    from reader.library.fetch import fetch, fetch_options
    from reader.library.loader import load_file

    path = find_saved(url)
    if path is None:
        raise WebError("not in the library (add it with: limelight add URL)")
    info = saved_info(path)
    asked = info.get("url") if isinstance(info.get("url"), str) and info.get("url") else url
    before = load_file(path)
    response = fetch(asked, **fetch_options(limits))
    # what was known (a feed item's date and author) stays where the page says nothing
    details = {k: v for k, v in before.details.items() if k != "url"} if before.ok else {}
    old_page = _page_copy(path, info)
    saved = store_response(response, folder=path.parent, url=asked, stem=path.stem, **details)
    if old_page is not None and old_page != saved.page:
        old_page.unlink(missing_ok=True)  # the page came back as another type
    return saved


def _page_copy(path: Path, info: Mapping[str, Any]) -> Path | None:
    """The page copy an article file names (``"page"``), when it is a file of
    the ``.pages`` folder beside it; None for anything else (nothing named, a
    name leading out of that folder), which is never deleted."""
    page = info.get("page")
    if not isinstance(page, str) or not page:
        return None
    copy = path.parent / page
    folder = path.parent / PAGES
    if copy.parent != folder or copy.name in ("", ".", "..") or "\\" in page:
        return None
    return copy


def remove_url(url: str) -> Path:
    """Forget a kept address: delete its article file and its page copy;
    the article file's path. :class:`WebError` when ``url`` is not kept."""
    path = find_saved(url)
    if path is None:
        raise WebError("not in the library")
    try:
        info = saved_info(path)
    except WebError:
        info = {}
    copy = _page_copy(path, info)
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as error:
        raise WebError(f"could not remove {path}: {error.strerror or error}") from None
    if copy is not None:
        copy.unlink(missing_ok=True)
    return path
