"""HTML articles: the readable article, not the page around it.

trafilatura (imported on first use: it is slow to import) extracts the
article as XML with headings, paragraphs, lists and quotes. When it finds
nothing (tiny pages) or cannot be used, a simple lxml pass takes the h1-h6,
p, li, blockquote and pre elements in order after dropping scripts, styles,
navigation, headers, footers, asides, iframes and forms. Either way,
``<b>``/``<strong>``, ``<i>``/``<em>`` and ``<s>``/``<del>`` are kept as the
blocks' inline styles beside their text, ordered list items keep their
numbers (``<ol start="7">`` included) and headings their level.

Before either sees the page, characters that lxml refuses in a tree (C0
controls, lone surrogates, U+FFFE/U+FFFF) are removed, terminal escape
sequences with them, and a tag's attributes past the first
:data:`MAX_ATTRIBUTES` are dropped with a warning: libxml2 checks each new
attribute against all the earlier ones, so 50,000 attributes on one tag took
79 s and 190 MB.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Iterable
from functools import lru_cache

from .inline import remap, tidy
from .model import (
    BOLD,
    HEADING,
    HTML_STYLE_TAGS,
    ITALIC,
    ITEM,
    PARAGRAPH,
    QUOTE,
    STRIKE,
    Article,
    Block,
    StyleSpan,
)
from .sanitize import ESC_PLACEHOLDER, html_to_paragraphs, make_article

DEK_MAX_WORDS = 80

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
_FALLBACK_BLOCKS = (*_HEADINGS, "p", "li", "blockquote", "pre", "dt", "dd", "figcaption")
_BLOCKISH = frozenset(
    (*_FALLBACK_BLOCKS, "ul", "ol", "dl", "div", "table", "section", "article", "main", "figure")
)
# Past this size trafilatura takes minutes (50 s for a 20 MB page here); the
# page is then read by the plain lxml walk, which is linear.
EXTRACTOR_MAX_CHARS = 3_000_000

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


# --- trafilatura ---------------------------------------------------------------


class _XmlWalker:
    """Blocks from trafilatura's XML (<head>, <p>, <list><item>, <quote>...)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.code: set[int] = set()
        # The page's <ol start="N">, by the text of their first item:
        # trafilatura numbers every list from 1.
        self.starts: dict[str, int] = {}

    def add(
        self,
        kind: str,
        text: str | tuple[str, tuple[StyleSpan, ...]],
        level: int = 0,
        code: bool = False,
        number: int = 0,
    ) -> None:
        text, styles = (text, ()) if isinstance(text, str) else text
        if not text.strip():
            return
        if code:
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
            elif tag in ("list", "p", "quote", "head", "table", "graphic"):
                pass
            elif tag == "lb":
                out.add(" ")
            else:
                out.content(child)
            out.add(child.tail)
        return out.result()

    def walk(self, element, quote: bool = False, depth: int = 0, ordered: bool = False) -> None:
        number = 0  # of the items of an ordered <list rend="ol">
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "head":
                rend = child.get("rend", "")
                level = _HEADINGS.get(rend, 2)
                self.add(HEADING, "".join(child.itertext()), level)
            elif tag == "p":
                kind = ITEM if depth else (QUOTE if quote else PARAGRAPH)
                self.add(kind, self.inline_text(child), depth)
                self.walk_nested(child, quote, depth)
            elif tag == "quote":
                self.add(QUOTE, self.inline_text(child))
                self.walk(child, True, depth)
            elif tag == "list":
                self.walk(child, quote, depth + 1, ordered=child.get("rend") == "ol")
            elif tag == "item":
                if not number and ordered and self.starts:
                    number = self.starts.get(_squash(self.inline_text(child)[0]), 1) - 1
                number += 1
                self.add(ITEM, self.inline_text(child), max(depth, 1), number=number * ordered)
                self.walk_nested(child, quote, max(depth, 1))
            elif tag == "code":
                kind = QUOTE if quote else PARAGRAPH
                self.add(kind, "".join(child.itertext()), 0, code="\n" in (child.text or ""))
            elif tag in ("div", "main", "section"):
                self.walk(child, quote, depth)

    def walk_nested(self, element, quote: bool, depth: int) -> None:
        for child in element:
            if child.tag in ("list", "p", "quote"):
                self.walk_one(child, quote, depth)

    def walk_one(self, element, quote: bool, depth: int) -> None:
        # Walk a single element by walking a one-child view of it.
        self.walk([element], quote, depth)


def _from_trafilatura(markup, starts: dict[str, int] | None = None):
    """``(title, dek, blocks, code)`` from trafilatura, or None.

    ``markup`` is the page's text or an lxml tree (which trafilatura may
    change); ``starts`` the page's ordered lists' first numbers
    (:func:`_list_starts`).
    """
    trafilatura = _trafilatura()
    if trafilatura is None:
        return None
    try:
        xml = trafilatura.extract(
            markup,
            output_format="xml",
            include_comments=False,
            include_tables=False,
            include_images=False,
            # Keeping <hi>/<ref> avoids "word ." spacing where tags were.
            include_formatting=True,
            include_links=True,
            favor_recall=True,
            with_metadata=True,
        )
    except RecursionError:
        raise
    except Exception:
        return None
    if not xml:
        return None
    from lxml import etree

    try:
        parser = etree.XMLParser(
            recover=True, huge_tree=True, resolve_entities=False, no_network=True
        )
        root = etree.fromstring(xml.encode("utf-8"), parser)
    except Exception:
        return None
    if root is None:
        return None
    main = root.find("main")
    walker = _XmlWalker()
    walker.starts = starts or {}
    walker.walk(main if main is not None else root)
    if not walker.blocks:
        return None
    return root.get("title") or "", root.get("description") or "", walker.blocks, walker.code


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


def _page_title(doc) -> str:
    for path in ("//title", "//h1"):
        for element in doc.xpath(path):
            text = _squash(element.text_content())
            if text:
                return text
    return ""


def _meta_description(doc) -> str:
    for name in ("description", "og:description", "twitter:description"):
        for element in doc.xpath("//meta[@name=$n or @property=$n]", n=name):
            content = _squash(element.get("content") or "")
            if content:
                return content
    return ""


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
    return int(start) if start.isdigit() and len(start) < 10 else 1


def _fallback_blocks(doc) -> tuple[list[Block], set[int]]:
    for element in list(doc.iter(*_DROP_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    blocks: list[Block] = []
    code: set[int] = set()
    numbers: dict = {}  # each <ol>: the number of its next item
    for element in doc.iter(*_FALLBACK_BLOCKS):
        tag = element.tag
        in_quote = any(a.tag == "blockquote" for a in element.iterancestors())
        styles: tuple[StyleSpan, ...] = ()
        number = 0
        if tag in _HEADINGS:
            text, kind, level = element.text_content(), HEADING, _HEADINGS[tag]
        elif tag == "pre":
            text, kind, level = element.text_content(), (QUOTE if in_quote else PARAGRAPH), 0
            if "\n" in text.strip():
                code.add(len(blocks))
        elif tag == "li":
            depth = sum(1 for a in element.iterancestors() if a.tag in ("ul", "ol"))
            (text, styles), kind, level = _own_text(element), ITEM, max(depth, 1)
            parent = element.getparent()
            if parent is not None and parent.tag == "ol":
                number = numbers[parent] if parent in numbers else _list_start(parent)
                numbers[parent] = number + 1
        elif tag == "blockquote":
            (text, styles), kind, level = _own_text(element), QUOTE, 0
        else:
            if any(a.tag in ("li", "pre") for a in element.iterancestors()):
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


# --- public ------------------------------------------------------------------------


def parse_html(
    markup: str,
    source: str = "",
    *,
    warnings: Iterable[str] = (),
    fallback_title: str = "",
) -> Article:
    """Extract the readable article from an HTML page (see the module docstring)."""
    markup = xml_safe(markup)
    markup, dropped = limit_attributes(markup)
    if dropped:
        unit = "attribute" if dropped == 1 else "attributes"
        warnings = (
            *warnings,
            f"{dropped:,} {unit} ignored (over {MAX_ATTRIBUTES} on one tag)",
        )
    doc = _parse_document(markup)
    page_title = _page_title(doc) if doc is not None else ""
    description = _meta_description(doc) if doc is not None else ""

    huge = len(markup) > EXTRACTOR_MAX_CHARS
    if huge:
        warnings = (*warnings, "page too large for boilerplate removal: every text block is shown")
    if doc is not None:
        # Content that is never article text, whatever trafilatura thinks.
        for element in list(doc.iter(*_NEVER_TEXT)):
            if element.getparent() is not None:
                element.drop_tree()
        extracted = None if huge else _from_trafilatura(copy.deepcopy(doc), _list_starts(doc))
    else:
        extracted = None if huge else _from_trafilatura(markup)
    if extracted is not None:
        title, dek, blocks, code = extracted
        dek = dek or description
        if doc is not None and len(blocks) == 1 and len(blocks[0].text) < 10_000:
            # trafilatura's baseline flattens a small page ("<h1>T</h1><p>x</p>"
            # gives "T x"): when its one paragraph is exactly the page's blocks
            # run together, keep the page's blocks.
            fallback, fallback_code = _fallback_blocks(doc)
            if len(fallback) > 1 and _same(" ".join(b.text for b in fallback), blocks[0].text):
                blocks, code = fallback, fallback_code
    else:
        title, dek = "", description
        if doc is None:
            blocks, code = [], set()
        else:
            blocks, code = _fallback_blocks(doc)
    if not blocks:
        # Too deep or too broken for the parsers: strip the tags by hand.
        blocks = [Block(PARAGRAPH, text) for text in html_to_paragraphs(markup)]
        code = set()
    title = _squash(title) or page_title

    # An <h1> at the top is the cleanest title ("Title", not "Title | Site").
    if blocks and blocks[0].kind == HEADING and 0 not in code:
        first = _squash(blocks[0].text)
        rest = title[len(first) :].lstrip() if first and title.startswith(first) else ""
        if (
            blocks[0].level == 1
            or _same(first, title)
            or rest[:1] in ("|", "-", "–", "—", ":", "·")
        ):
            title = first
            blocks = blocks[1:]
            code = {i - 1 for i in code if i > 0}
    # A description that merely repeats the opening paragraph is no dek.
    dek = _squash(dek)
    if dek:
        opening = _squash(blocks[0].text) if blocks else ""
        if len(dek.split()) > DEK_MAX_WORDS or (opening and opening.startswith(dek[:60])):
            dek = ""
        elif _same(dek, title):
            dek = ""
    return make_article(
        title,
        blocks,
        source=source,
        dek=dek,
        fmt="html",
        warnings=tuple(warnings),
        fallback_title=fallback_title,
        preformatted=frozenset(code),
    )
