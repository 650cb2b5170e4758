"""HTML articles: the readable article, not the page around it.

trafilatura (imported on first use: it is slow to import) finds the article
and gives it as a tree of headings, paragraphs, lists, quotes, tables, code
and images, which :class:`_XmlWalker` turns into blocks without losing any
of its text: a table is one ``row`` block per row (cells joined by
:data:`~reader.library.model.CELL_SEPARATOR`, a header row bold), an
ordered list keeps its numbers (``<ol start="7">`` included), ``<pre>`` is a
``code`` block with its lines, a definition list is each term in bold then
its definition, and a figure's ``<figcaption>`` (which trafilatura drops) is
a caption where its image was. tests/test_html_quality.py checks, on the
pages under tests/pages/, that every word of trafilatura's own text output
is in the article. Site furniture that favor_recall keeps after the
article (an address, a copyright line, a newsletter box, in a ``<footer>``
or an element whose class or id says so) is dropped when trafilatura's
balanced mode needs none of its words.

When trafilatura finds nothing (tiny pages), cannot be used, or the page is
over :data:`EXTRACTOR_MAX_CHARS` even without its scripts, styles and inline
images, a plain lxml walk takes the h1-h6, p, li, blockquote, pre, dt, dd,
figcaption and tr elements in order after dropping scripts, styles,
navigation, headers, footers, asides, iframes and forms: it keeps every
text block, so it loses nothing the extractor would have found. Either way,
``<b>``/``<strong>``, ``<i>``/``<em>`` and ``<s>``/``<del>`` are kept as the
blocks' inline styles beside their text and headings keep their level.

The page's title, author, date, site, address and language come from its
own metadata (:mod:`reader.library.html_meta`); :func:`parse_html_bytes`
takes the page's bytes and the charset its server declared
(:mod:`reader.library.charsets` weighs both against the bytes).

Before any of it sees the page, characters that lxml refuses in a tree (C0
controls, lone surrogates, U+FFFE/U+FFFF) are removed, terminal escape
sequences with them, and a tag's attributes past the first
:data:`MAX_ATTRIBUTES` are dropped with a warning: libxml2 checks each new
attribute against all the earlier ones, so 50,000 attributes on one tag took
79 s and 190 MB.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import re
from collections.abc import Iterable
from functools import lru_cache

from .inline import remap, tidy
from .model import (
    BOLD,
    CAPTION,
    CELL_SEPARATOR,
    CODE,
    HEADING,
    HTML_STYLE_TAGS,
    ITALIC,
    ITEM,
    PARAGRAPH,
    QUOTE,
    ROW,
    STRIKE,
    Article,
    Block,
    StyleSpan,
)
from .sanitize import ESC_PLACEHOLDER, html_to_paragraphs, make_article, safe_display

DEK_MAX_WORDS = 80
# A byline near the top (within this many blocks, of at most this many
# words) is drawn as a caption.
BYLINE_SEARCH_BLOCKS = 3
BYLINE_MAX_WORDS = 16
_BY_WORD = re.compile(r"^(?:(?:by|par|von|por|di|door|av|af|от)\s+|作者[:：]?\s*)")
# How many blocks from the top the title's heading is looked for in.
TITLE_SEARCH_BLOCKS = 3
# How many blocks from the top a description is looked for in, to be no dek.
DEK_SEARCH_BLOCKS = 10

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_DROP_TAGS = (
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "iframe",
    "noscript",
    "form",
    "template",
    "svg",
    "button",
    "select",
    "textarea",
    "object",
    "embed",
    "head",
)
_NEVER_TEXT = ("script", "style", "iframe", "noscript", "template", "object", "embed", "svg")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_FALLBACK_BLOCKS = (*_HEADINGS, "p", "li", "blockquote", "pre", "dt", "dd", "figcaption", "tr")
_BLOCKISH = frozenset(
    (*_FALLBACK_BLOCKS, "ul", "ol", "dl", "div", "table", "section", "article", "main", "figure")
)
# Past this size (of the page without its scripts, styles and inline
# images) trafilatura takes seconds: 1.4 s at 4 MB, 10 s at 20 MB here. The
# page is then read by the plain lxml walk, which is linear. A long page is
# mostly those: 3.5 MB with an 800 KB article takes 0.7 s.
EXTRACTOR_MAX_CHARS = 6_000_000

# Attributes read on one tag; the rest are dropped (with a warning). Real
# pages stay far below this.
MAX_ATTRIBUTES = 100

# What lxml will not put in a tree ("All strings must be XML compatible"):
# form feed and vertical tab read as spaces, ESC as the visible placeholder.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NOT_XML_REPLACEMENT = {"\x0b": " ", "\x0c": " ", "\x1b": ESC_PLACEHOLDER}
# Character references, which lxml turns into characters ("&#12;").
_CHARACTER_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")
# Terminal escape sequences, as the sanitiser removes them, except that none
# takes a "<" with it: "\x1b<p>" keeps its tag.
_ESCAPE_SEQUENCES = re.compile(
    r"\x1b(?:\[[0-;=?]*[ -/]*[@-~]?|[\]PX^_][^\x07\x1b\n<]*(?:\x07|\x1b\\)?|[ -/]*[0-;=-~])"
)

# One attribute (or a stray "/") inside a start tag, matched possessively so
# that a failing match never backtracks.
_ATTRIBUTE = r"""\s*+(?:/|[^\s"'>/=]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'>]*+))?+)"""
_MANY_ATTRIBUTES = re.compile(rf"""<[A-Za-z][^\s"'>/=]*+(?:{_ATTRIBUTE}){{{MAX_ATTRIBUTES}}}""")
_MORE_ATTRIBUTES = re.compile(rf"(?:{_ATTRIBUTE})*+")
_ONE_ATTRIBUTE = re.compile(_ATTRIBUTE)

_WORD = re.compile(r"\w")
_TITLE_SEPARATORS = ("|", "-", "–", "—", ":", "·")

_QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")


@lru_cache(maxsize=1)
def _trafilatura():
    """The trafilatura module, or None if it cannot be imported."""
    for name in _QUIET_LOGGERS:
        # Without a handler anywhere, Python prints warnings to stderr, which
        # would scribble over the terminal interface.
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
    try:
        import trafilatura
    except Exception:  # ImportError, or a broken optional dependency
        return None
    return trafilatura


def _squash(text: str) -> str:
    return " ".join(text.split())


class _Spaces:
    """``remap``'s table for :func:`_squash`: every white space character is a space."""

    @staticmethod
    def get(code: int, default: str) -> str:
        return " " if chr(code).isspace() else default


def _squash_styled(text: str, styles: tuple[StyleSpan, ...]) -> tuple[str, tuple[StyleSpan, ...]]:
    squashed = _squash(text)
    return squashed, (remap(text, squashed, styles, _Spaces) if styles else ())


# Inline elements whose text is bold, italic or struck through: the page's
# tags (HTML_STYLE_TAGS), and trafilatura's <hi rend="#b">.
_HI_RENDS = {"#b": BOLD, "#i": ITALIC, "#s": STRIKE}


def _style_of(element) -> str | None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "hi":
        return _HI_RENDS.get(element.get("rend", ""))
    return HTML_STYLE_TAGS.get(tag)


class _Styled:
    """Text built piece by piece, with the spans of its styled elements."""

    __slots__ = ("parts", "length", "spans")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[StyleSpan] = []

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)
            self.length += len(text)

    def content(self, element) -> None:
        """All the text inside ``element`` (as ``itertext``), its styles marked.

        Iterative: a page may nest elements thousands deep."""
        stack = [(element, iter(element), self.length)]
        self.add(element.text)
        while stack:
            node, children, start = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                style = _style_of(node)
                if style is not None and self.length > start:
                    self.spans.append((start, self.length, style))
                if stack:
                    self.add(node.tail)
            elif isinstance(child.tag, str):
                stack.append((child, iter(child), self.length))
                self.add(child.text)
            else:
                self.add(child.tail)  # a comment or processing instruction: its tail only

    def result(self) -> tuple[str, tuple[StyleSpan, ...]]:
        text = "".join(self.parts)
        return text, (tidy(self.spans, len(text)) if self.spans else ())


def _same(a: str, b: str) -> bool:
    return _squash(a).casefold() == _squash(b).casefold()


# --- tables ----------------------------------------------------------------------

# A table is aligned in columns when its rows fit this many cells and no
# cell is longer than TABLE_CELL_MAX: wider ones would wrap anyway.
TABLE_ALIGN_MAX = 96
TABLE_CELL_MAX = 32
_NUMBER = re.compile(r"[-−+]?[£$€¥]?\d[\d.,\s]*%?")


def _cells_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (CJK wide characters two)."""
    import unicodedata

    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table_blocks(rows: list[tuple[list[str], bool]]) -> list[Block]:
    """One ``row`` block per row of a table: cells joined by CELL_SEPARATOR,
    aligned in columns when the table is narrow enough, a header row bold
    (its level 1). A row of one cell (a caption, a spanning title) is its text."""
    table: list[tuple[list[str], bool]] = []
    for cells, header in rows:
        cells = [_squash(c) for c in cells]
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            table.append((cells, header))
    widths: list[int] = []
    for cells, _ in table:
        if len(cells) > 1:
            for index, cell in enumerate(cells):
                if index == len(widths):
                    widths.append(0)
                widths[index] = max(widths[index], _cells_width(cell))
    total = sum(widths) + len(CELL_SEPARATOR) * max(0, len(widths) - 1)
    align = bool(widths) and total <= TABLE_ALIGN_MAX and max(widths) <= TABLE_CELL_MAX
    blocks = []
    for cells, header in table:
        if len(cells) > 1 and align:
            padded = []
            for index, cell in enumerate(cells):
                room = widths[index] - _cells_width(cell)
                if _NUMBER.fullmatch(cell) and not header:
                    padded.append(" " * room + cell)
                elif index < len(cells) - 1:
                    padded.append(cell + " " * room)
                else:
                    padded.append(cell)
            cells = padded
        text = CELL_SEPARATOR.join(cells)
        styles = ((0, len(text), BOLD),) if header else ()
        blocks.append(Block(ROW, text, 1 if header else 0, styles))
    return blocks


# --- trafilatura ---------------------------------------------------------------

# What trafilatura is asked for. The comparison with its own text output
# (tests/test_html_quality.py) makes the same call with output_format="txt".
EXTRACT_OPTIONS = dict(
    include_comments=False,
    include_tables=True,
    include_images=True,  # <graphic src> marks where a figure's caption goes
    # Keeping <hi>/<ref> avoids "word ." spacing where tags were.
    include_formatting=True,
    include_links=True,
    favor_recall=True,
)

# --- site furniture ----------------------------------------------------------------

# favor_recall keeps more of a page's own text (definition lists, short
# articles, text in bare <div>s) and, with it, sometimes what a site puts
# under every article: its address, copyright line, "About us · Contact ·
# Privacy", a newsletter sign-up. Such trailing blocks are dropped when
# their text lies in the page's furniture (see _furniture_texts) and
# trafilatura's balanced mode, asked about the same page, does not need
# any of their words: nothing of trafilatura's own output is lost.
_FURNITURE_TAGS = frozenset(("footer", "address"))
# Words of a class or id (split at anything but letters) that name furniture.
_FURNITURE_WORDS = frozenset(
    (
        "footer",
        "foot",
        "colophon",
        "copyright",
        "copy",
        "contentinfo",
        "siteinfo",
        "legal",
        "impressum",
        "newsletter",
        "bottom",
        "credits",
        "rodape",  # pt
        "pie",  # es "pie de página"
        "pied",  # fr "pied de page"
        "fusszeile",  # de
    )
)
_NAME_WORDS = re.compile(r"[^\W\d_]+")
_FURNITURE_KINDS = frozenset((PARAGRAPH, HEADING, ITEM, QUOTE, CAPTION))
# Words as tests/pages/words.py counts them: each CJK character is one.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3"
_COUNTED_WORD = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])\w)+")


def _is_furniture(element) -> bool:
    if element.tag in _FURNITURE_TAGS or (element.get("role") or "").lower() == "contentinfo":
        return True
    for name in (element.get("class"), element.get("id")):
        if name:
            lowered = name.lower()
            words = _NAME_WORDS.findall(lowered)
            if _FURNITURE_WORDS.intersection(words) or "siteinfo" in "".join(words):
                return True
    return False


def furniture_texts(doc) -> list[str]:
    """The squashed text of each element of the page that is site furniture:
    ``<footer>``, ``<address>``, ``role=contentinfo``, or a class or id with a
    word such as footer, colophon, copyright, newsletter (:data:`_FURNITURE_WORDS`)."""
    texts = []
    for element in doc.iter():
        if isinstance(element.tag, str) and _is_furniture(element):
            text = _squash(element.text_content())
            if text:
                texts.append(text)
    return texts


def _counted_words(text: str) -> list[str]:
    return _COUNTED_WORD.findall(text.casefold())


def _furniture_run(blocks: list[Block], code: set[int], texts: list[str]) -> int:
    """Where the run of trailing blocks that lie in furniture starts
    (``len(blocks)`` if none): each block's text is in one of ``texts``
    that does not also hold the block before the run (so an article whose
    own wrapper has such a class is never taken for furniture)."""
    start = len(blocks)
    while start > 1:
        block = blocks[start - 1]
        if block.kind not in _FURNITURE_KINDS or start - 1 in code:
            break
        text = _squash(block.text)
        if not any(text in t for t in texts):
            break
        start -= 1
    while start < len(blocks):
        before = _squash(blocks[start - 1].text)
        holders = [t for t in texts if before not in t]
        if all(any(_squash(b.text) in t for t in holders) for b in blocks[start:]):
            break
        start += 1
    return start


def _without_trailing_furniture(
    blocks: list[Block], code: set[int], doc
) -> tuple[list[Block], set[int]]:
    """``blocks`` without the site furniture at their end (see above)."""
    if len(blocks) < 2:
        return blocks, code
    texts = furniture_texts(doc)
    start = _furniture_run(blocks, code, texts) if texts else len(blocks)
    if start == len(blocks):
        return blocks, code
    balanced = _balanced_text(doc)
    if balanced is None:
        return blocks, code
    from collections import Counter

    def counted(some: Iterable[Block]) -> Counter:
        return Counter(w for b in some for w in _counted_words(b.text))

    needed = Counter(_counted_words(balanced))
    kept = blocks[:start]
    have = counted(kept)
    run = blocks[start:]
    # A block of the run goes unless the blocks kept would then lack a word
    # of trafilatura's own output that they have with it. (A word they lack
    # either way, such as one of a title taken from the page's metadata, is
    # no reason to keep it.) Those of the run are never in ``code``.
    for index, block in enumerate(run):
        rest = have + counted(run[index + 1 :])
        if needed - rest != needed - (rest + Counter(_counted_words(block.text))):
            kept.append(block)
            have.update(_counted_words(block.text))
    return kept, code


def _balanced_text(doc) -> str | None:
    """The text trafilatura finds on the page in its balanced mode (the
    options of EXTRACT_OPTIONS without favor_recall, images, links and
    formatting: its text output), or None."""
    trafilatura = _trafilatura()
    if trafilatura is None:
        return None
    options = {
        **EXTRACT_OPTIONS,
        "favor_recall": False,
        # Its text output, as tests/test_html_quality.py compares it.
        "include_images": False,
        "include_links": False,
        "include_formatting": False,
    }
    try:
        document = trafilatura.bare_extraction(copy.deepcopy(doc), with_metadata=False, **options)
    except Exception:
        return None
    body = getattr(document, "body", None)
    return "" if body is None else " ".join(body.itertext())


# Elements of trafilatura's tree that hold blocks rather than inline text.
_XML_BLOCKS = frozenset(("list", "p", "quote", "head", "table", "graphic", "code", "div"))


def _bold(text: str) -> tuple[str, tuple[StyleSpan, ...]]:
    return text, ((0, len(text), BOLD),) if text else ()


class _XmlWalker:
    """Blocks from trafilatura's tree (<head>, <p>, <list><item>, <quote>,
    <table><row><cell>, <code>, <graphic>...).

    Every text the tree holds ends up in a block: an element it does not
    know is read as a paragraph of its text.
    """

    def __init__(
        self,
        starts: dict[str, int] | None = None,
        captions: dict[str, str] | None = None,
        preformatted: frozenset[str] = frozenset(),
    ) -> None:
        self.blocks: list[Block] = []
        self.code: set[int] = set()
        # The page's <ol start="N">, by the text of their first item:
        # trafilatura numbers every list from 1.
        self.starts = starts or {}
        # The page's figure captions by image address (trafilatura drops them).
        self.captions = captions or {}
        # The text of the page's <pre> elements, squashed.
        self.preformatted = preformatted

    def add(
        self,
        kind: str,
        text: str | tuple[str, tuple[StyleSpan, ...]],
        level: int = 0,
        number: int = 0,
    ) -> None:
        text, styles = (text, ()) if isinstance(text, str) else text
        if not text.strip():
            return
        if kind == CODE:
            self.code.add(len(self.blocks))
        self.blocks.append(Block(kind, text, level, styles, number))

    def inline_text(self, element) -> tuple[str, tuple[StyleSpan, ...]]:
        """Text of ``element`` without its block-level children, and its styles."""
        out = _Styled()
        out.add(element.text)
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if not tag:
                pass  # a comment or processing instruction ("<!" in the page)
            elif tag in _XML_BLOCKS and not _inline_code(child):
                out.add(" ")
            elif tag == "lb":
                out.add(" ")
            else:
                out.content(child)
            out.add(child.tail)
        return _squash_styled(*out.result())

    def text(self, element) -> str:
        return _squash(" ".join(element.itertext()))

    def walk(self, element, quote: bool = False, depth: int = 0) -> None:
        kind = ITEM if depth else (QUOTE if quote else PARAGRAPH)
        self.loose(kind, element.text, depth)
        for child in element:
            self.one(child, quote, depth)
            self.loose(kind, child.tail, depth)

    def loose(self, kind: str, text: str | None, depth: int) -> None:
        """Text between blocks: a block of its own if it has a word in it."""
        if text and _WORD.search(text):
            self.add(kind, _squash(text), depth)

    def one(self, child, quote: bool, depth: int) -> None:
        tag = child.tag if isinstance(child.tag, str) else ""
        if not tag:
            return
        if tag == "head":
            self.add(HEADING, self.text(child), _HEADINGS.get(child.get("rend", ""), 2))
        elif tag == "p":
            kind = ITEM if depth else (QUOTE if quote else PARAGRAPH)
            self.add(kind, self.inline_text(child), depth)
            self.nested(child, quote, depth)
        elif tag == "quote":
            text = "".join(child.itertext())
            if "\n" in text.strip() and _squash(text) in self.preformatted:
                self.add(CODE, text.strip("\n"))  # a <pre> that trafilatura made a quote
                return
            self.add(QUOTE, self.inline_text(child))
            self.nested(child, True, depth)
        elif tag == "list":
            self.list(child, quote, depth + 1)
        elif tag == "item":  # an item outside a list
            self.add(ITEM, self.inline_text(child), max(depth, 1))
            self.nested(child, quote, max(depth, 1))
        elif tag == "code":
            text = "".join(child.itertext()).strip("\n")
            self.add(CODE, text)
        elif tag == "table":
            self.table(child)
        elif tag == "graphic":
            caption = self.captions.pop(child.get("src") or "", "")
            self.add(CAPTION, caption)
        elif tag in ("div", "main", "section", "body", "doc"):
            self.walk(child, quote, depth)
        elif tag == "lb":
            pass
        else:  # inline (<hi>, <ref>) at block level, or a tag unknown here
            kind = ITEM if depth else (QUOTE if quote else PARAGRAPH)
            out = _Styled()
            out.content(child)
            self.add(kind, _squash_styled(*out.result()), depth)

    def nested(self, element, quote: bool, depth: int) -> None:
        """The block-level children of a paragraph, item or quote."""
        for child in element:
            if isinstance(child.tag, str) and child.tag in _XML_BLOCKS and not _inline_code(child):
                self.one(child, quote, depth)

    def list(self, element, quote: bool, depth: int) -> None:
        rend = element.get("rend", "")
        ordered = rend == "ol"
        number = 0
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag != "item":
                if tag:
                    self.one(child, quote, depth)
                continue
            item_rend = child.get("rend", "")
            if rend == "dl" or item_rend.startswith(("dt", "dd")):
                # A definition list: the term in bold, then its definition.
                text = self.inline_text(child)
                self.add(PARAGRAPH, _bold(text[0]) if item_rend.startswith("dt") else text)
                self.nested(child, quote, depth - 1)
                continue
            text = self.inline_text(child)
            if ordered:
                if not number and self.starts:
                    number = self.starts.get(text[0], 1) - 1
                number += 1
            self.add(ITEM, text, depth, number=number if ordered else 0)
            self.nested(child, quote, depth)

    def table(self, element) -> None:
        rows = []
        for row in element.iter("row"):
            if any(a.tag == "row" for a in row.iterancestors()):
                continue  # a table in a cell: read with its cell
            cells = [c for c in row if isinstance(c.tag, str) and c.tag == "cell"]
            if cells:
                header = all(c.get("role") == "head" for c in cells)
                rows.append(([self.text(c) for c in cells], header))
        for block in _table_blocks(rows):
            self.code.add(len(self.blocks))  # its alignment is kept
            self.blocks.append(block)


def _inline_code(element) -> bool:
    """Whether ``element`` is code inside a line of text (``<code>H</code>``)."""
    return element.tag == "code" and "\n" not in "".join(element.itertext()).strip()


def _from_trafilatura(
    markup, starts: dict[str, int] | None = None, captions=None, preformatted=frozenset()
):
    """``(blocks, code)`` from trafilatura, or None.

    ``markup`` is the page's text or an lxml tree (which trafilatura may
    change); ``starts`` the page's ordered lists' first numbers
    (:func:`_list_starts`), ``captions`` its figure captions by image
    address (:func:`_figure_captions`), ``preformatted`` the squashed text
    of its ``<pre>`` elements (:func:`_preformatted`).
    """
    trafilatura = _trafilatura()
    if trafilatura is None:
        return None
    try:
        # Without metadata: htmldate's search for a date took 60% of the time
        # of a long page; the page's metadata is read here (_page_meta).
        document = trafilatura.bare_extraction(markup, with_metadata=False, **EXTRACT_OPTIONS)
    except RecursionError:
        raise
    except Exception:
        return None
    body = getattr(document, "body", None)
    if body is None:
        return None
    walker = _XmlWalker(starts, dict(captions or {}), preformatted)
    walker.walk(body)
    if not walker.blocks:
        return None
    return walker.blocks, walker.code


# --- what lxml cannot take ------------------------------------------------------


def _reference(match: re.Match) -> str:
    """A character reference, or what replaces a character lxml refuses."""
    hexadecimal, decimal = match.groups()
    code = int(hexadecimal, 16) if hexadecimal else int(decimal)
    if code == 0 or code > 0x10FFFF:
        return "\ufffd"
    char = chr(code)
    # The character itself, for xml_safe to remove (with the escape sequence
    # it may start: "&#27;[31m").
    return char if _NOT_XML.match(char) else match.group()


def xml_safe(markup: str) -> str:
    """``markup`` without the characters lxml refuses in a tree.

    Escape sequences go whole (as :func:`~reader.library.sanitize.clean_inline`
    would remove them later), a lone ESC becomes the visible placeholder;
    character references to them (``&#12;``) go the same way.
    """
    if "&#" in markup:
        markup = _CHARACTER_REFERENCE.sub(_reference, markup)
    if not _NOT_XML.search(markup):
        return markup
    if "\x1b" in markup:
        markup = _ESCAPE_SEQUENCES.sub("", markup)
    return _NOT_XML.sub(lambda m: _NOT_XML_REPLACEMENT.get(m.group(), ""), markup)


def limit_attributes(markup: str, limit: int = MAX_ATTRIBUTES) -> tuple[str, int]:
    """``(markup, dropped)``: each tag keeps its first ``limit`` attributes.

    Linear in the page: the scan only stops at tags that have ``limit``
    attributes, and goes on after the end of the tag it cut.
    """
    pattern = (
        _MANY_ATTRIBUTES
        if limit == MAX_ATTRIBUTES
        else re.compile(rf"""<[A-Za-z][^\s"'>/=]*+(?:{_ATTRIBUTE}){{{limit}}}""")
    )
    found = pattern.search(markup)
    if found is None:
        return markup, 0
    parts: list[str] = []
    dropped = 0
    position = 0
    while found is not None:
        kept = found.end()
        end = _MORE_ATTRIBUTES.match(markup, kept).end()
        extra = markup[kept:end]
        dropped += sum(1 for _ in _ONE_ATTRIBUTE.finditer(extra))
        parts.append(markup[position:kept])
        position = end
        found = pattern.search(markup, end)
    parts.append(markup[position:])
    return "".join(parts), dropped


# --- lxml fallback ---------------------------------------------------------------


def _parse_document(markup: str):
    from lxml import html as lxml_html

    markup = _XML_DECLARATION.sub("", markup, count=1)
    if not markup.strip():
        return None
    try:
        return lxml_html.document_fromstring(markup)
    except Exception:
        try:
            return lxml_html.fragment_fromstring(markup, create_parent="div")
        except Exception:
            return None


def _figure_captions(doc) -> dict[str, str]:
    """``{image address: caption}`` of the page's ``<figure>``s."""
    captions: dict[str, str] = {}
    for figure in doc.iter("figure"):
        caption = figure.find(".//figcaption")
        image = figure.find(".//img")
        if caption is None or image is None:
            continue
        text = _squash(caption.text_content())
        src = image.get("src") or image.get("data-src") or ""
        if text and src:
            captions.setdefault(src, text)
    return captions


def _preformatted(doc) -> frozenset[str]:
    """The squashed text of the page's ``<pre>`` elements of more than one line."""
    texts = (element.text_content() for element in doc.iter("pre"))
    return frozenset(_squash(text) for text in texts if "\n" in text.strip())


def _own_text(element) -> tuple[str, tuple[StyleSpan, ...]]:
    """Text of ``element`` skipping nested block-level children (not their
    tails), and its styles."""
    out = _Styled()
    out.add(element.text)
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _BLOCKISH:
            out.add(" ")
        elif tag == "br":
            out.add(" ")
        elif tag:
            out.content(child)
        out.add(child.tail)
    return out.result()


def _list_starts(doc) -> dict[str, int]:
    """``{text of the first item: start}`` of the page's ``<ol start=N>``."""
    starts = {}
    for element in doc.iterfind(".//ol[@start]"):
        first = element.find("li")
        if first is not None and _list_start(element) != 1:
            starts.setdefault(_squash(_own_text(first)[0]), _list_start(element))
    return starts


def _list_start(element) -> int:
    """The number of an <ol>'s first item (its ``start``, else 1)."""
    start = (element.get("start") or "").strip()
    # isdecimal, not isdigit: int("²") fails.
    return int(start) if start.isdecimal() and start.isascii() and len(start) < 10 else 1


def _page_table_blocks(table) -> list[Block]:
    """The rows of a page's ``<table>`` (not of the tables in its cells)."""
    rows = []
    for row in table.iter("tr"):
        owner = next((a for a in row.iterancestors() if a.tag == "table"), None)
        if owner is not table:
            continue
        cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]
        if cells:
            rows.append(([c.text_content() for c in cells], all(c.tag == "th" for c in cells)))
    return _table_blocks(rows)


def _fallback_blocks(doc) -> tuple[list[Block], set[int]]:
    for element in list(doc.iter(*_DROP_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    blocks: list[Block] = []
    code: set[int] = set()
    numbers: dict = {}  # each <ol>: the number of its next item
    tables: set = set()  # those read
    for element in doc.iter(*_FALLBACK_BLOCKS):
        tag = element.tag
        ancestors = {a.tag for a in element.iterancestors()}
        in_quote = "blockquote" in ancestors
        styles: tuple[StyleSpan, ...] = ()
        number = 0
        if tag != "tr" and "tr" in ancestors:
            continue  # read with its row
        if tag in _HEADINGS:
            text, kind, level = element.text_content(), HEADING, _HEADINGS[tag]
        elif tag == "pre":
            if "pre" in ancestors:
                continue
            text, kind, level = element.text_content().strip("\n"), CODE, 0
            code.add(len(blocks))
        elif tag == "tr":
            table = next((a for a in element.iterancestors() if a.tag == "table"), None)
            if "tr" in ancestors or table is None or table in tables:
                continue
            tables.add(table)  # the whole table at its first row
            for block in _page_table_blocks(table):
                code.add(len(blocks))
                blocks.append(block)
            continue
        elif tag == "li":
            if "pre" in ancestors:
                continue
            depth = sum(1 for a in element.iterancestors() if a.tag in ("ul", "ol"))
            (text, styles), kind, level = _own_text(element), ITEM, max(depth, 1)
            parent = element.getparent()
            if parent is not None and parent.tag == "ol":
                number = numbers[parent] if parent in numbers else _list_start(parent)
                numbers[parent] = number + 1
        elif tag == "blockquote":
            (text, styles), kind, level = _own_text(element), QUOTE, 0
        elif tag == "figcaption":
            (text, styles), kind, level = _own_text(element), CAPTION, 0
        elif tag == "dt":
            text, kind, level = _squash(_own_text(element)[0]), PARAGRAPH, 0
            styles = ((0, len(text), BOLD),) if text else ()
        else:
            if ancestors & {"li", "pre"}:
                continue
            (text, styles), kind, level = _own_text(element), (QUOTE if in_quote else PARAGRAPH), 0
        if tag != "pre":
            text, styles = _squash_styled(text, styles)
        if text.strip():
            blocks.append(Block(kind, text, level, styles, number))
    if not blocks:
        body = doc.find(".//body")
        root = body if body is not None else doc
        for line in root.text_content().split("\n"):
            line = _squash(line)
            if line:
                blocks.append(Block(PARAGRAPH, line))
    return blocks, code


def _is_byline_of(text: str, author: str) -> bool:
    """Whether ``text`` is a byline: "By Jane Doe", or the page's author's name
    first ("Jane Doe — 4 March 2026", "Par Jane Doe, publié le ...")."""
    from .plaintext import is_byline

    if len(text.split()) > BYLINE_MAX_WORDS:
        return False
    if is_byline(text):
        return True
    if not author:
        return False
    rest = _BY_WORD.sub("", text.casefold(), count=1)
    if not rest.startswith(author.casefold()):
        return False
    after = rest[len(author) :].lstrip(" ")
    return not after or after[0] in ",;|·•—–-/("  # "Jane Doe, Reuters", not "Jane Doe said"


def _bylines_as_captions(blocks: list[Block], author: str) -> list[Block]:
    """The first blocks that are bylines, made captions (drawn muted, as the
    plain-text importer draws them): the author is on the meta line already."""
    out = list(blocks)
    for index, block in enumerate(out[:BYLINE_SEARCH_BLOCKS]):
        if block.kind == PARAGRAPH and _is_byline_of(_squash(block.text), author):
            out[index] = Block(CAPTION, block.text, 0, block.styles)
    return out


def _markup_size(doc) -> int:
    """Characters of the page as trafilatura would read it (scripts gone)."""
    from lxml import etree

    try:
        return len(etree.tostring(doc, encoding="unicode"))
    except Exception:
        return 0


# --- public ------------------------------------------------------------------------


def parse_html_bytes(
    data: bytes,
    *,
    source: str = "",
    charset: str | None = None,
    warnings: Iterable[str] | None = None,
    fallback_title: str = "",
) -> Article:
    """The article of an HTML page given as bytes (a fetched page, a file).

    ``charset`` is the one its server declared, if any; the page's own
    declaration and its bytes are weighed against it
    (:func:`reader.library.charsets.decode_html`). Never raises: a page that
    cannot be read comes back as a broken article with a one-line reason.
    """
    from .charsets import NotText, decode_html
    from .model import broken_article

    try:
        if not data.strip():
            return broken_article(source, "empty page", "html")
        text, decoded = decode_html(data, charset)
    except NotText as exc:
        return broken_article(source, str(exc), "html")
    except MemoryError:
        return broken_article(source, "not enough memory to read the page", "html")
    if not text.strip():
        return broken_article(source, "empty page", "html")
    try:
        article = parse_html(
            text,
            source,
            warnings=(*(warnings or ()), *decoded),
            fallback_title=fallback_title,
        )
    except RecursionError:
        return broken_article(source, "too deeply nested to read", "html")
    except MemoryError:
        return broken_article(source, "not enough memory to read the page", "html")
    except Exception as exc:  # a bug here must not take the reader down
        detail = str(exc).splitlines()[0][:80] if str(exc) else ""
        reason = f"could not read HTML ({type(exc).__name__}{': ' + detail if detail else ''})"
        return broken_article(source, reason, "html")
    if not article.blocks and not article.dek:
        return broken_article(source, "no readable text", "html")
    return article


def parse_html(
    markup: str,
    source: str = "",
    *,
    warnings: Iterable[str] = (),
    fallback_title: str = "",
) -> Article:
    """Extract the readable article from an HTML page (see the module docstring)."""
    from .html_meta import PageMeta, page_meta

    markup = xml_safe(markup)
    markup, dropped = limit_attributes(markup)
    if dropped:
        unit = "attribute" if dropped == 1 else "attributes"
        warnings = (
            *warnings,
            f"{dropped:,} {unit} ignored (over {MAX_ATTRIBUTES} on one tag)",
        )
    doc = _parse_document(markup)
    meta = page_meta(doc) if doc is not None else PageMeta()
    description = meta.description

    extracted = None
    if doc is not None:
        # Content that is never article text, whatever trafilatura thinks.
        for element in list(doc.iter(*_NEVER_TEXT)):
            if element.getparent() is not None:
                element.drop_tree()
        for element in doc.iter("img"):
            if (element.get("src") or "")[:5].lower() == "data:":
                del element.attrib["src"]  # an image inline in the page, as text
        # What makes a page long is mostly scripts, styles and inline
        # images: its size is measured without them.
        huge = len(markup) > EXTRACTOR_MAX_CHARS and _markup_size(doc) > EXTRACTOR_MAX_CHARS
        if not huge:
            extracted = _from_trafilatura(
                copy.deepcopy(doc), _list_starts(doc), _figure_captions(doc), _preformatted(doc)
            )
    else:
        huge = len(markup) > EXTRACTOR_MAX_CHARS
        extracted = None if huge else _from_trafilatura(markup)
    if huge:
        warnings = (*warnings, "page too large for boilerplate removal: every text block is shown")
    if extracted is not None:
        blocks, code = extracted
        if doc is not None and len(blocks) == 1 and len(blocks[0].text) < 10_000:
            # trafilatura's baseline flattens a small page ("<h1>T</h1><p>x</p>"
            # gives "T x"): when its one paragraph is exactly the page's blocks
            # run together, keep the page's blocks.
            fallback, fallback_code = _fallback_blocks(doc)
            if len(fallback) > 1 and _same(" ".join(b.text for b in fallback), blocks[0].text):
                blocks, code = fallback, fallback_code
        if doc is not None:
            blocks, code = _without_trailing_furniture(blocks, code, doc)
    elif doc is None:
        blocks, code = [], set()
    else:
        blocks, code = _fallback_blocks(doc)
    if not blocks:
        # Too deep or too broken for the parsers: strip the tags by hand.
        blocks = [Block(PARAGRAPH, text) for text in html_to_paragraphs(markup)]
        code = set()
    title = meta.title

    # A heading at the top that is the title is not shown twice; an <h1>
    # there is the headline as the reader sees it, and the title. "At the
    # top" is the first heading of the first few blocks (a notice or a
    # standfirst may come before it).
    top = next(
        (i for i, b in enumerate(blocks[:TITLE_SEARCH_BLOCKS]) if b.kind == HEADING),
        None,
    )
    if top is not None and top not in code:
        first = _squash(blocks[top].text)
        rest = title[len(first) :].lstrip() if first and title.startswith(first) else ""
        site = any(_same(first, name) for name in meta.sites)
        split = rest[:1] in _TITLE_SEPARATORS
        same = _same(first, title) or any(_same(first, c) for c in meta.titles)
        level_one = blocks[top].level == 1 and not site
        if top and not (same or split or level_one):
            drop = False  # a subheading further down
        elif not title or split or level_one:
            title = first
            drop = True
        else:
            drop = site or same
        if drop:
            blocks = blocks[:top] + blocks[top + 1 :]
            code = {i - 1 if i > top else i for i in code if i != top}
    # A description that merely repeats the opening paragraph, or any
    # paragraph near the top, is no dek.
    dek = _squash(description)
    if dek:
        opening = _squash(blocks[0].text) if blocks else ""
        near = " ".join(_squash(b.text) for b in blocks[:DEK_SEARCH_BLOCKS]).casefold()
        if len(dek.split()) > DEK_MAX_WORDS or (opening and opening.startswith(dek[:60])):
            dek = ""
        elif _same(dek, title) or dek.casefold() in near:
            dek = ""
    blocks = _bylines_as_captions(blocks, meta.author)
    article = make_article(
        title,
        blocks,
        source=source,
        dek=dek,
        fmt="html",
        warnings=tuple(warnings),
        fallback_title=fallback_title,
        preformatted=frozenset(code),
    )
    details = {
        "author": meta.author,
        "published": meta.published,
        "site": meta.site,
        "url": meta.url,
        "language": meta.language,
    }
    details = {name: safe_display(value) for name, value in details.items() if value}
    return dataclasses.replace(article, **details) if details else article
