"""Markdown articles, parsed with markdown-it-py (imported on first use).

* the title is the front matter's ``title:``, else the first ``#`` heading,
  else the first line of text;
* the dek is the front matter's ``description:``/``subtitle:``/``summary:``,
  else a single short paragraph straight after the title;
* headings, paragraphs, block quotes (``quote``), list items (``item``, level
  = nesting depth) and tables (one paragraph per row) become blocks; code
  blocks become paragraphs keeping their lines;
* ordered list items keep their numbers (``Block.number``: a list may start
  at 7);
* inline markup is reduced to its text: emphasis to the words, links to their
  text, images to their alt text; raw HTML loses its tags (scripts and styles
  are dropped whole). Bold, italic and strikethrough (``**``, ``*``/``_``,
  ``~~``, and ``<b>``, ``<i>``... in the text) are kept beside the text as
  ``Block.styles``, so the text itself, and every offset into it, is the same
  with or without them.

A long text is parsed in pieces of about :data:`CHUNK_CHARS`, cut at blank
lines before an unindented line outside fenced code and raw HTML blocks (the
cut changes no block), so that markdown-it's tokens, some 500 bytes for each
one-character paragraph, exist for one piece at a time; reference links are
collected from the whole text first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .inline import sliced, tidy
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
    count_words,
)
from .sanitize import html_to_paragraphs, make_article

DEK_MAX_WORDS = 60

_FRONT_MATTER = re.compile(
    r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\n(.*?)\n(?:---|\.\.\.|\+\+\+)[ \t]*(?:\n|\Z)", re.DOTALL
)
_FM_FIELD = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*[:=][ \t]*(.*)$")
_DEK_FIELDS = ("subtitle", "description", "summary", "dek", "standfirst", "excerpt")

# Texts longer than this are parsed piece by piece (see the module docstring).
CHUNK_CHARS = 16_000

# A blank line, then a line starting in column 0: a cut there ends no block
# that the next piece would continue (a list item, a quote, a paragraph
# restart the same as they would after the blank line).
_CUT = re.compile(r"\n[ \t]*\n(?=\S)")
# What can run over blank lines: fenced code and raw HTML blocks of types 1-5.
_SPANNING_OPEN = re.compile(
    r"^ {0,3}(?:(`{3,}|~{3,})(.*)$|<(script|pre|style|textarea)(?=[\s>]|$)|<(!--|\?|!\[CDATA\[|![A-Za-z]))",
    re.MULTILINE | re.IGNORECASE,
)
_HTML_ENDS = {"!--": "-->", "?": r"\?>", "![CDATA[": r"\]\]>"}
_REFERENCE_LINE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[^\n]*$", re.MULTILINE)

_INLINE_DROP_OPEN = re.compile(r"<(script|style|iframe|noscript|template)\b", re.IGNORECASE)
_INLINE_DROP_CLOSE = re.compile(r"</(script|style|iframe|noscript|template)\s*>", re.IGNORECASE)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``({"title": ..., ...}, rest)`` for simple YAML/TOML front matter."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(2).split("\n"):
        found = _FM_FIELD.match(line)
        if not found:
            continue
        key = found.group(1).lower()
        value = found.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if value and value not in ("|", ">", "|-", ">-") and key not in fields:
            fields[key] = value
    return fields, text[match.end() :]


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"maxNesting": 50})
    parser.enable(["table", "strikethrough"])
    return parser


def _spanning_state(text: str, start: int, end: int, closer: re.Pattern | None):
    """The open fence or HTML block at ``end`` (a pattern for its end), or None.

    ``closer`` is the state at ``start``; the scan is linear in ``end - start``.
    """
    position = start
    while position < end:
        if closer is not None:
            found = closer.search(text, position, end)
            if found is None:
                return closer
            closer, position = None, found.end()
            continue
        found = _SPANNING_OPEN.search(text, position, end)
        if found is None:
            return None
        position = found.end()
        fence, info, tag, other = found.groups()
        if fence:
            if fence[0] == "`" and "`" in info:
                continue  # an inline code span, not a fence
            closer = re.compile(
                rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.MULTILINE
            )
        elif tag:
            closer = re.compile(rf"</{tag}>", re.IGNORECASE)
            position = found.start() + 1
        else:
            closer = re.compile(_HTML_ENDS.get(other, ">"))
    return closer


def _pieces(text: str, size: int = CHUNK_CHARS):
    """``text`` cut into pieces of about ``size`` characters (module docstring)."""
    start = 0
    scanned, state = 0, None
    while len(text) - start > size:
        cut = _CUT.search(text, start + size)
        while cut is not None:
            state = _spanning_state(text, scanned, cut.start(), state)
            scanned = cut.start()
            if state is None:
                break
            cut = _CUT.search(text, cut.end())
        if cut is None:
            break
        yield text[start : cut.end()]
        start = scanned = cut.end()
    yield text[start:]


def _references(text: str) -> dict:
    """markdown-it's ``env`` with the text's one-line reference definitions."""
    env: dict = {}
    lines = _REFERENCE_LINE.findall(text)
    if lines:
        _parser().parse("\n\n".join(lines), env)
    return env


_EMPHASIS_TOKENS = {"strong": BOLD, "em": ITALIC, "s": STRIKE}
_HTML_EMPHASIS = re.compile(rf"<(/?)({'|'.join(HTML_STYLE_TAGS)})\s*>", re.IGNORECASE)


def _inline_text(token) -> str:
    """The plain text of an inline token: markup reduced to words."""
    return _inline(token)[0]


def _inline(token) -> tuple[str, tuple[StyleSpan, ...]]:
    """``(text, styles)`` of an inline token: markup reduced to words, and
    where its emphasis (``**bold**``, ``*italic*``, ``~~struck~~``, ``<b>``)
    was, as offsets into the text."""
    parts: list[str] = []
    length = 0
    dropping = 0
    opened: dict[str, list[int]] = {}
    spans: list[StyleSpan] = []

    def open_style(style: str) -> None:
        opened.setdefault(style, []).append(length)

    def close_style(style: str) -> None:
        starts = opened.get(style)
        if starts:
            spans.append((starts.pop(), length, style))

    for child in token.children or ():
        kind = child.type
        piece = ""
        if kind == "html_inline":
            if _INLINE_DROP_OPEN.match(child.content):
                dropping += 1
            elif dropping and _INLINE_DROP_CLOSE.match(child.content):
                dropping -= 1
            elif re.match(r"<br\b", child.content, re.IGNORECASE):
                piece = " "
            elif not dropping and (tag := _HTML_EMPHASIS.fullmatch(child.content.strip())):
                style = HTML_STYLE_TAGS[tag.group(2).lower()]
                (close_style if tag.group(1) else open_style)(style)
            if not piece:
                continue
        elif dropping:
            continue
        elif kind in ("text", "code_inline"):
            piece = child.content
        elif kind == "image":
            piece = child.content or "".join(c.content for c in child.children or ())
        elif kind in ("softbreak", "hardbreak"):
            piece = "\n"
        elif kind.endswith("_open") and kind[:-5] in _EMPHASIS_TOKENS:
            open_style(_EMPHASIS_TOKENS[kind[:-5]])
        elif kind.endswith("_close") and kind[:-6] in _EMPHASIS_TOKENS:
            close_style(_EMPHASIS_TOKENS[kind[:-6]])
        if piece:
            parts.append(piece)
            length += len(piece)
    for style, starts in opened.items():  # an HTML tag left open: to the end
        spans.extend((start, length, style) for start in starts)
    text = "".join(parts)
    return text, (tidy(spans, length) if spans else ())


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.code: set[int] = set()
        self.quote_depth = 0
        self.list_depth = 0
        self.item_started = False
        self.row: list[str] | None = None
        self.pending_heading: int | None = None
        # The number of the ordered list item whose first block is next (0: none).
        self.item_number = 0
        # Identical short blocks share one Block (immutable): a million "a"
        # paragraphs hold one.
        self.shared: dict[tuple[str, str, int], Block] = {}

    def add(
        self,
        kind: str,
        text: str,
        level: int = 0,
        code: bool = False,
        styles: tuple[StyleSpan, ...] = (),
        number: int = 0,
    ) -> None:
        if not text.strip():
            return
        if code:
            self.code.add(len(self.blocks))
        if styles or number:
            self.blocks.append(Block(kind, text, level, styles, number))
            return
        if len(text) > 16:
            self.blocks.append(Block(kind, text, level))
            return
        key = (kind, text, level)
        block = self.shared.get(key)
        if block is None:
            block = self.shared[key] = Block(kind, text, level)
        self.blocks.append(block)

    def para_kind(self) -> tuple[str, int]:
        if self.list_depth:
            return ITEM, self.list_depth
        if self.quote_depth:
            return QUOTE, 0
        return PARAGRAPH, 0

    def walk(self, tokens) -> None:
        heading_level = 0
        in_cell = False
        for token in tokens:
            kind = token.type
            if kind == "heading_open":
                heading_level = int(token.tag[1:]) if token.tag[1:].isdigit() else 2
            elif kind == "heading_close":
                heading_level = 0
            elif kind == "blockquote_open":
                self.quote_depth += 1
            elif kind == "blockquote_close":
                self.quote_depth = max(0, self.quote_depth - 1)
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.list_depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.list_depth = max(0, self.list_depth - 1)
            elif kind == "list_item_open":
                info = token.info
                self.item_number = int(info) if info.isdigit() else 0
            elif kind == "tr_open":
                self.row = []
            elif kind == "tr_close":
                if self.row is not None:
                    self.add(PARAGRAPH, " | ".join(cell for cell in self.row if cell))
                self.row = None
            elif kind in ("th_open", "td_open"):
                in_cell = True
            elif kind in ("th_close", "td_close"):
                in_cell = False
            elif kind == "inline":
                text, styles = _inline(token)
                if in_cell and self.row is not None:
                    self.row.append(" ".join(text.split()))
                elif heading_level:
                    self.add(HEADING, text, heading_level, styles=styles)
                else:
                    block_kind, level = self.para_kind()
                    number = self.item_number if block_kind == ITEM else 0
                    self.item_number = 0
                    self.add(block_kind, text, level, styles=styles, number=number)
            elif kind in ("fence", "code_block"):
                block_kind, level = self.para_kind()
                self.add(block_kind, token.content, level, code=True)
            elif kind == "html_block":
                block_kind, level = self.para_kind()
                for paragraph in html_to_paragraphs(token.content):
                    self.add(block_kind, paragraph, level)


def _first_line_split(block: Block) -> tuple[str, Block | None]:
    """Split a block's first line off as a title; the rest stays a block."""
    first, _, rest = block.text.strip().partition("\n")
    rest = rest.strip()
    if not rest:
        return first.strip(), None
    if not block.styles:
        return first.strip(), Block(block.kind, rest, block.level)
    start = block.text.index(rest, block.text.index("\n"))
    styles = sliced(block.styles, start, start + len(rest))
    return first.strip(), Block(block.kind, rest, block.level, styles, block.number)


def parse_markdown(
    text: str,
    source: str = "",
    *,
    warnings: Iterable[str] = (),
    fallback_title: str = "",
) -> Article:
    """Parse Markdown into an article (see the module docstring)."""
    fields, body = split_front_matter(text)
    walker = _Walker()
    if len(body) <= CHUNK_CHARS:
        walker.walk(_parser().parse(body))
    else:
        env = _references(body)
        for piece in _pieces(body):
            walker.walk(_parser().parse(piece, env))
    walker.shared.clear()
    blocks = walker.blocks
    code = walker.code

    def remove(index: int) -> None:
        nonlocal code
        blocks.pop(index)
        code = {i - 1 if i > index else i for i in code if i != index}

    title = fields.get("title", "")
    title_from_text = False
    if title:
        if blocks and blocks[0].kind == HEADING and " ".join(blocks[0].text.split()) == title:
            remove(0)
        title_from_text = True
    else:
        h1 = next((i for i, b in enumerate(blocks) if b.kind == HEADING and b.level == 1), None)
        if h1 is None and blocks and blocks[0].kind == HEADING:
            h1 = 0
        if h1 is not None:
            title = " ".join(blocks[h1].text.split())
            remove(h1)
            title_from_text = True
        elif blocks and blocks[0].kind == PARAGRAPH and 0 not in code:
            first, rest = _first_line_split(blocks[0])
            if len(first) <= 250 and (rest is not None or len(blocks) > 1):
                title = first
                if rest is None:
                    remove(0)
                else:
                    blocks[0] = rest
    dek = next((fields[key] for key in _DEK_FIELDS if fields.get(key)), "")
    if (
        not dek
        and title_from_text
        and len(blocks) > 1
        and blocks[0].kind == PARAGRAPH
        and 0 not in code
        and count_words(blocks[0].text) < DEK_MAX_WORDS
    ):
        dek = blocks[0].text
        remove(0)
    return make_article(
        title,
        blocks,
        source=source,
        dek=dek,
        fmt="md",
        warnings=tuple(warnings),
        fallback_title=fallback_title,
        preformatted=frozenset(code),
    )
