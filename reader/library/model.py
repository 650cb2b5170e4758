"""The article model shared by importers, analysis, search and the interface.

An :class:`Article` is immutable once built. Its ``body`` is the text that
analysis and search see: the blocks' texts joined by blank lines. Every
offset elsewhere in Limelight (entities, quotes, sentences, annotations)
points into ``body``; :meth:`Article.block_starts` maps them back to blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from reader.record import Frozen

BLOCK_SEPARATOR = "\n\n"
WORDS_PER_MINUTE = 230

# Kinds of block. ``caption`` is a short line such as a photo caption.
HEADING = "heading"
PARAGRAPH = "paragraph"
QUOTE = "quote"
ITEM = "item"
CAPTION = "caption"
# ``code`` keeps its lines and indentation (a ``<pre>``); ``row`` is one row
# of a table, its cells joined by CELL_SEPARATOR (a header row is bold).
CODE = "code"
ROW = "row"
CELL_SEPARATOR = " │ "
BLOCK_KINDS = (HEADING, PARAGRAPH, QUOTE, ITEM, CAPTION, CODE, ROW)


# Inline styles of a block's text (``Block.styles``); the names are also
# Rich's and Textual's style names.
BOLD = "bold"
ITALIC = "italic"
STRIKE = "strike"
INLINE_STYLES = (BOLD, ITALIC, STRIKE)
# HTML's inline elements for them, as the HTML importer reads them and the
# Markdown importer reads them inline (``<b>``, ``<em>``...).
HTML_STYLE_TAGS = {
    "b": BOLD,
    "strong": BOLD,
    "i": ITALIC,
    "em": ITALIC,
    "s": STRIKE,
    "del": STRIKE,
    "strike": STRIKE,
}

# ``(start, end, style)``: offsets into a block's text and one of INLINE_STYLES.
StyleSpan = tuple[int, int, str]


class Block(Frozen):
    """One block of an article.

    ``text`` is plain text, never markup. ``styles`` says which of it is bold,
    italic or struck through (from ``**bold**``, ``<em>``...), as offsets into
    ``text`` beside it, sorted by start: the text -- and with it ``body``,
    every analysis offset, note anchor and search -- is the same with or
    without them. ``number`` is an ordered list item's number ("7." of a list
    that starts at 7), 0 for a bullet and for every other kind of block.
    """

    __slots__ = ("kind", "text", "level", "styles", "number")
    kind: str
    text: str
    level: int  # heading level (1-6) or list nesting depth
    styles: tuple[StyleSpan, ...]
    number: int

    def __init__(
        self,
        kind: str,
        text: str,
        level: int = 0,
        styles: tuple[StyleSpan, ...] = (),
        number: int = 0,
    ) -> None:
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "level", level)
        object.__setattr__(self, "styles", styles)
        object.__setattr__(self, "number", number)

    @property
    def marker(self) -> str:
        """What is drawn before a list item's text ("• ", "7. "); "" for other blocks."""
        if self.kind != ITEM:
            return ""
        return f"{self.number}. " if self.number else "• "


#: What an article may say of itself beyond title and text, on
#: :class:`Article` and :class:`ArticleMeta` alike, in this order.
DETAIL_FIELDS = ("author", "published", "site", "url", "language", "feed")


def count_words(text: str) -> int:
    return len(text.split())


def content_id(title: str, body: str) -> str:
    """A stable id from the article's content, so a moved file keeps its notes."""
    # Imported here: a search answered from the index reads no article. BLAKE2
    # is hashlib's own C module; hashlib itself would load OpenSSL first, a
    # millisecond and a half of a start that hashes only this.
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b

    digest = blake2b(f"{title}\n{body}".encode("utf-8", "replace"), digest_size=8)
    return digest.hexdigest()


@dataclass(frozen=True)
class Article:
    title: str
    blocks: tuple[Block, ...]
    source: str = ""
    dek: str = ""
    format: str = "txt"
    # Non-fatal problems met while reading (e.g. invalid UTF-8 replaced).
    warnings: tuple[str, ...] = ()
    # Set when the file could not be read as an article at all; the article
    # is then a placeholder listed with a warning mark.
    error: str | None = None
    id: str = field(default="")
    # What the page, book or feed says of itself (empty when unknown; see
    # DETAIL_FIELDS): a citation needs them, the meta line shows them.
    author: str = ""
    published: str = ""  # ISO 8601 as given ("2026-03-04" or with a time)
    site: str = ""  # the site's or publisher's name
    url: str = ""  # the canonical address, else the one fetched
    language: str = ""  # BCP 47 ("en", "pt-BR")
    feed: str = ""  # the title of the feed the article came from

    @property
    def details(self) -> dict[str, str]:
        """The non-empty :data:`DETAIL_FIELDS`, by name."""
        return {name: value for name in DETAIL_FIELDS if (value := getattr(self, name))}

    def __post_init__(self) -> None:
        if not self.id:
            basis = self.body if not self.error else f"{self.source}\0{self.error}"
            object.__setattr__(self, "id", content_id(self.title, basis))

    @cached_property
    def body(self) -> str:
        return BLOCK_SEPARATOR.join(block.text for block in self.blocks)

    @cached_property
    def block_starts(self) -> tuple[int, ...]:
        """Offset in ``body`` at which each block starts."""
        starts = []
        offset = 0
        for block in self.blocks:
            starts.append(offset)
            offset += len(block.text) + len(BLOCK_SEPARATOR)
        return tuple(starts)

    @cached_property
    def words(self) -> int:
        return count_words(self.dek) + count_words(self.body)

    def words_counted(self, words: int) -> None:
        """Take ``words`` as :attr:`words` when it is not counted yet: the count
        made of this very text before (the catalogue's, for a file unchanged
        since it was listed), which a long book costs tens of milliseconds to
        make again."""
        self.__dict__.setdefault("words", words)

    @property
    def minutes(self) -> int:
        """Reading time in whole minutes (at least one for any text)."""
        return reading_minutes(self.words)

    @property
    def ok(self) -> bool:
        return self.error is None


def broken_article(source: str, reason: str, fmt: str = "") -> Article:
    """A placeholder for a file that could not be read, carrying the reason."""
    from pathlib import PurePath

    name = PurePath(source).name or source
    return Article(title=name, blocks=(), source=source, format=fmt, error=reason)


class ArticleMeta(NamedTuple):
    """What the library list needs to know about an article, without its body.

    The sidebar, the palette and the title filter read exactly these
    attributes (the same names as on :class:`Article`, plus ``ok``), so they
    can list metas instead of articles. ``size`` and ``mtime_ns`` are the
    file's when it was read (``-1`` for a problem met while listing, such as
    a folder that cannot be read). Immutable; a named tuple rather than a
    frozen dataclass because a library of 100,000 is built from the cache at
    every start and a named tuple is about four times faster to make.
    """

    id: str
    title: str
    source: str
    format: str
    words: int
    minutes: int
    error: str | None
    size: int
    mtime_ns: int
    warnings: tuple[str, ...] = ()
    author: str = ""
    published: str = ""
    site: str = ""
    url: str = ""
    language: str = ""
    feed: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def details(self) -> dict[str, str]:
        """The non-empty :data:`DETAIL_FIELDS`, by name."""
        return {name: value for name in DETAIL_FIELDS if (value := getattr(self, name))}


def reading_minutes(words: int) -> int:
    """Reading time in whole minutes (at least one for any text), as :attr:`Article.minutes`."""
    if not words:
        return 0
    return max(1, round(words / WORDS_PER_MINUTE))


def meta_of(article: Article, size: int = -1, mtime_ns: int = -1) -> ArticleMeta:
    """The :class:`ArticleMeta` of ``article``, read from a file of ``size`` and ``mtime_ns``."""
    return ArticleMeta(
        id=article.id,
        title=article.title,
        source=article.source,
        format=article.format,
        words=article.words,
        minutes=article.minutes,
        error=article.error,
        size=size,
        mtime_ns=mtime_ns,
        warnings=tuple(article.warnings),
        author=article.author,
        published=article.published,
        site=article.site,
        url=article.url,
        language=article.language,
        feed=article.feed,
    )


PENDING_PREFIX = "reading:"
PENDING_NOTE = "still reading (large or slow)"


def pending_meta(source: str, size: int = -1, mtime_ns: int = -1, fmt: str = "") -> ArticleMeta:
    """A stand-in for a file still being read, listed under its file name.

    Its id (``reading:`` and a hash of the path) is no content id, so opening
    it reads the file and replaces it; see :func:`is_pending`.
    """
    import hashlib
    from pathlib import PurePath

    digest = hashlib.sha1(source.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return ArticleMeta(
        id=PENDING_PREFIX + digest,
        title=PurePath(source).name or source,
        source=source,
        format=fmt,
        words=0,
        minutes=0,
        error=None,
        size=size,
        mtime_ns=mtime_ns,
        warnings=(PENDING_NOTE,),
    )


def is_pending(meta: object) -> bool:
    """Whether ``meta`` is a :func:`pending_meta` stand-in."""
    return getattr(meta, "id", "").startswith(PENDING_PREFIX)
