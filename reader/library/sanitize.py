"""Make untrusted text safe and tidy for a terminal.

Every title, dek and block text that an importer produces goes through
:func:`clean_inline` (or :func:`clean_code` for code blocks), so nothing that
reaches the interface can move the cursor, change colours, retitle the
terminal window or ring its bell:

* ANSI/ECMA-48 escape sequences (CSI ``ESC [ ... m``, OSC ``ESC ] ... BEL`` or
  ``ESC ] ... ESC \\``, DCS/APC/PM/SOS strings, two-character escapes and their
  8-bit C1 forms) are removed whole;
* a lone ESC left over becomes the visible placeholder ``␛``;
* every other C0/C1 control character and DEL is removed (newline is kept
  only where a caller asks for it);
* tabs and the Unicode space variants (no-break, narrow no-break, figure,
  ideographic...) become plain spaces, runs of spaces collapse to one, and
  lines lose their trailing spaces.

Text that merely *looks* like markup (``[bold red]x[/]``) is left alone: the
interface renders article text as plain text, never as Rich markup.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from reader.lazy import LazyPattern  # compiled when first used: a search uses none

if TYPE_CHECKING:  # imported where used: printing a search result needs neither
    from .model import Article, Block

ESC_PLACEHOLDER = "\u241b"  # ␛ SYMBOL FOR ESCAPE

# String-type sequences: OSC, DCS, SOS, PM, APC, ended by BEL or ST (ESC \);
# an unterminated one runs to the end of its line so a stray OSC cannot
# swallow a whole file. (8-bit C1 introducers are not matched as sequences:
# mojibake such as "â€\x9d" is common in real text; they are simply deleted
# one by one with the other controls.)
_STRING_SEQ = r"\x1b[\]PX^_][^\x07\x1b\n]*(?:\x07|\x1b\\)?"
# Control sequences: CSI parameters, intermediates, final byte.
_CSI_SEQ = r"\x1b\[[0-?]*[ -/]*[@-~]?"
# nF escapes (ESC, intermediates 0x20-0x2F, final) and two-character Fp/Fe/Fs.
_OTHER_ESC = r"\x1b[ -/]*[0-~]"
_ESCAPES = LazyPattern(f"{_STRING_SEQ}|{_CSI_SEQ}|{_OTHER_ESC}")

# Characters that become a plain space.
_SPACE_CHARS = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Characters that end a line.
_LINE_BREAKS = "\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

_CONTROLS = [c for c in range(0x20)] + [0x7F] + list(range(0x80, 0xA0))


def _table(newline: str | None) -> dict[int, str | None]:
    table: dict[int, str | None] = {c: None for c in _CONTROLS}
    for ch in _SPACE_CHARS:
        table[ord(ch)] = " "
    for ch in _LINE_BREAKS:
        table[ord(ch)] = newline
    table[0x1B] = ESC_PLACEHOLDER
    # Non-characters and lone surrogates are never meant to be displayed.
    table[0xFFFE] = None
    table[0xFFFF] = None
    return table


_INLINE_TABLE = _table(" ")
_MULTILINE_TABLE = _table("\n")
_SPACE_RUNS = LazyPattern(r" {2,}")
_LINE_END_SPACES = LazyPattern(r" +\n")
_BLANK_LINES = LazyPattern(r"\n{2,}")
_SURROGATES = LazyPattern("[\ud800-\udfff]")


def strip_escapes(text: str) -> str:
    """Remove terminal escape sequences (CSI, OSC, DCS, ...) from ``text``."""
    if "\x1b" not in text:
        return text
    return _ESCAPES.sub("", text)


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _common(text: str, table: dict[int, str | None]) -> str:
    if text.isascii() and text.isprintable():
        return text  # the common case: nothing to remove or replace
    text = normalize_newlines(text)
    text = strip_escapes(text)
    text = text.translate(table)
    if not text.isascii():
        text = replace_surrogates(text)
    return text


def replace_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (which strict UTF-8 and SQLite cannot
    hold; a synced or hand-edited database can) as U+FFFD; offsets do not move."""
    return _SURROGATES.sub("\ufffd", text) if _SURROGATES.search(text) else text


def clean_inline(text: str) -> str:
    """One line of display text: no controls, no newlines, single spaces."""
    text = _common(text, _INLINE_TABLE)
    if "  " in text:
        text = _SPACE_RUNS.sub(" ", text)
    return text.strip(" ")


def one_line(text: object, limit: int = 200) -> str:
    """``text`` (any object, as ``str``) as :func:`clean_inline` makes it, cut
    to at most ``limit`` characters with "…": a reason quoting what a server,
    a feed or a parser said (an error message, a feed's title)."""
    line = clean_inline(" ".join(str(text).split()))
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def clean_lines(text: str) -> str:
    """Like :func:`clean_inline` but keeps single newlines (no blank lines)."""
    text = _common(text, _MULTILINE_TABLE)
    text = _SPACE_RUNS.sub(" ", text)
    text = _LINE_END_SPACES.sub("\n", text)
    text = _BLANK_LINES.sub("\n", text)
    return "\n".join(line.strip(" ") for line in text.strip(" \n").split("\n"))


def clean_code(text: str) -> str:
    """Code: keeps newlines and indentation, drops controls, tabs to 4 spaces."""
    text = normalize_newlines(text).replace("\t", "    ")
    text = _common(text, _MULTILINE_TABLE)
    lines = [line.rstrip(" ") for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    out = "\n".join(lines)
    # A blank line inside a block would read as a block separator in ``body``.
    return _BLANK_LINES.sub("\n", out)


def sanitize(text: str) -> str:
    """The default clean-up for any title, dek or paragraph text."""
    return clean_inline(text)


# Raw HTML clean-up.
_HTML_DROP = LazyPattern(
    r"<(script|style|iframe|noscript|template|object|embed|svg|math|head)\b.*?(?:</\1\s*>|\Z)",
    re.IGNORECASE | re.DOTALL,
)
_HTML_COMMENT = LazyPattern(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<![^>]*>|<\?.*?(?:\?>|\Z)", re.DOTALL
)
_HTML_BLOCK_TAG = LazyPattern(
    r"</?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|table|tr|td|th|thead|tbody|"
    r"section|article|aside|header|footer|nav|main|figure|figcaption|details|summary|form|"
    r"center|address)\b[^>]*>",
    re.IGNORECASE,
)
_HTML_TAG = LazyPattern(r"<[^>]*>|<[a-zA-Z/][^>]*\Z")
_BLANKS = LazyPattern(r"\n\s*\n")


def html_to_paragraphs(fragment: str) -> list[str]:
    """Text paragraphs of a raw HTML fragment: tags stripped, scripts dropped."""
    text = _HTML_COMMENT.sub("", fragment)
    text = _HTML_DROP.sub("", text)
    text = _HTML_BLOCK_TAG.sub("\n\n", text)
    text = _HTML_TAG.sub("", text)
    import html

    text = html.unescape(text)
    paragraphs = []
    for part in _BLANKS.split(text):
        part = " ".join(part.split())
        if part:
            paragraphs.append(part)
    return paragraphs


# Text that ``clean_inline`` would return unchanged: no controls, no space
# variants or line breaks, no surrogates or non-characters, no double spaces,
# no space at either end. (A regex scan is far faster than ``str.translate``
# on megabytes of non-ASCII text.)
_NOT_INLINE_CLEAN = LazyPattern(
    "[" + "".join(map(chr, _CONTROLS)) + _SPACE_CHARS + _LINE_BREAKS
    + "\ud800-\udfff\ufffe\uffff]|  "
)


def _is_clean_inline(text: str) -> bool:
    """True if ``clean_inline(text) == text`` (a regex scan is far faster
    than ``str.translate`` on megabytes of non-ASCII text).

    Every character the pattern looks for is a control, a separator other
    than the space, a surrogate or a noncharacter, none of which
    ``str.isprintable`` lets through: printable text needs only the check
    for a double space, and the pattern (whose compiling costs a start
    milliseconds) is compiled for the rest.
    """
    if text[:1] == " " or text[-1:] == " ":
        return False
    if text.isprintable():
        return "  " not in text
    return not _NOT_INLINE_CLEAN.search(text)


# Blocks with texts up to this long are shared between identical blocks.
_SHARED_MAX_CHARS = 32


def make_article(
    title: str,
    blocks: list[Block] | tuple[Block, ...],
    *,
    source: str = "",
    dek: str = "",
    fmt: str = "txt",
    warnings: tuple[str, ...] | list[str] = (),
    fallback_title: str = "",
    preformatted: frozenset[int] | set[int] = frozenset(),
) -> Article:
    """Build an :class:`Article`, sanitising every piece of text in it.

    Blocks whose text is empty after cleaning are dropped; the blocks whose
    indices are in ``preformatted`` (code) keep their lines and indentation.
    An empty title is replaced by ``fallback_title``.
    """
    from .inline import remap, with_text
    from .model import Article, Block

    clean_blocks = []
    # Blocks are immutable: identical short ones (a million one-character
    # paragraphs) share one object, and a block whose text needs no cleaning
    # is kept as it is, so memory per block is one pointer, not one object.
    shared: dict[tuple[str, str, int], Block] = {}
    for index, block in enumerate(blocks):
        raw = block.text
        if index in preformatted:
            text = clean_code(raw)
        elif _is_clean_inline(raw):
            text = raw  # already clean: skip the (slow on non-ASCII) translate
        else:
            text = clean_inline(raw)
        if not text:
            continue
        if block.styles or block.number:
            # Inline styles and list numbers: kept, pointing at the cleaned text.
            if text is not raw:
                styles = remap(raw, text, block.styles, _INLINE_TABLE) if block.styles else ()
                block = with_text(block, text, styles)
            clean_blocks.append(block)
            continue
        if len(text) <= _SHARED_MAX_CHARS:
            key = (block.kind, text, block.level)
            same = shared.get(key)
            if same is None:
                same = block if text is raw and type(block) is Block else Block(block.kind, text, block.level)
                shared[key] = same
            clean_blocks.append(same)
        elif text is raw and type(block) is Block:
            clean_blocks.append(block)
        else:
            clean_blocks.append(Block(block.kind, text, block.level))
    clean_title = clean_inline(title) or clean_inline(fallback_title) or "Untitled"
    return Article(
        title=clean_title,
        blocks=tuple(clean_blocks),
        source=source,
        dek=clean_inline(dek),
        format=fmt,
        warnings=tuple(warnings),
    )


# -- display strings ------------------------------------------------------------
#
# Article text is cleaned once, when it is read (above). Everything else that
# reaches the screen or stdout -- file names and paths, titles, note text and
# tags read back from the database, search snippets, people and quotes, meta
# lines -- goes through :func:`safe_display` where it is printed or rendered:
#
# * escape sequences are removed whole (CSI, OSC/DCS/APC/PM/SOS ended by BEL
#   or by ESC-backslash, two-character escapes); a lone ESC left over becomes
#   the visible ``␛``;
# * every other C0 and C1 control and DEL is removed (newlines, tabs and the
#   Unicode line and paragraph separators become spaces: a display string is
#   one line);
# * bidirectional controls (U+202A-202E embeddings and overrides, U+2066-2069
#   isolates, U+200E/200F/061C marks) and invisible characters (zero-width
#   space U+200B, zero-width joiner U+200D, word joiner and invisible operators
#   U+2060-2064, U+FEFF, the soft hyphen U+00AD, U+180E, U+206A-206F,
#   U+FFF9-FFFB and the tag characters U+E0000-E007F) are removed, so a name
#   shows in its logical order, as it is stored and searched: "bidi\u202etxt.exe"
#   is shown as "biditxt.exe"; the stored text itself is not changed, so it
#   stays searchable exactly as written;
# * bytes that were not valid UTF-8 in a file name (lone surrogates from
#   ``os.fsdecode``'s surrogateescape) are shown as ``\xNN``; any other lone
#   surrogate as U+FFFD.
#
# JSON output keeps every string exact but escapes (``\uXXXX``) what a
# terminal must not see raw: see :func:`json_dumps`.

# Bidirectional controls and invisible format characters (removed for display).
INVISIBLE_CHARS = (
    "\u00ad\u061c\u180e\u200b\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064"
    "\u2066\u2067\u2068\u2069"
    "\u206a\u206b\u206c\u206d\u206e\u206f"
    "\ufeff\ufff9\ufffa\ufffb"
)
_TAG_CHARS = range(0xE0000, 0xE0080)


@cache  # made when first needed: plain ASCII needs no table
def _display_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {c: None for c in _CONTROLS}
    for ch in "\t\n\x0b\x0c\r\x1c\x1d\x1e\x85\u2028\u2029":
        table[ord(ch)] = " "
    table[0x1B] = ESC_PLACEHOLDER
    for ch in INVISIBLE_CHARS:
        table[ord(ch)] = None
    for code in _TAG_CHARS:
        table[code] = None
    for code in range(0xDC80, 0xDD00):  # surrogateescape: an undecodable byte
        table[code] = f"\\x{code - 0xDC00:02x}"
    for code in (*range(0xD800, 0xDC80), *range(0xDD00, 0xE000)):
        table[code] = "\ufffd"
    table[0xFFFE] = None
    table[0xFFFF] = None
    return table


def safe_display(text: object) -> str:
    """``text`` made safe to print on one terminal line (see the comment above).

    For every string that is not article text: file names, paths, titles,
    notes and tags, snippets, names. Idempotent; plain ASCII comes back as is.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if text.isascii() and text.isprintable():
        return text
    return strip_escapes(text).translate(_display_table())


def safe_display_map(text: str) -> tuple[str, list[int] | None]:
    """``(safe_display(text), positions)``: ``positions[i]`` is where the
    character at ``i`` in ``text`` (or its end, ``i == len(text)``) lands in the
    result, so offsets into ``text`` (highlights, matches) can follow; None when
    nothing changed."""
    shown = safe_display(text)
    if shown == text:
        return text, None
    escapes = {m.start(): m.end() for m in _ESCAPES.finditer(text)} if "\x1b" in text else {}
    positions: list[int] = []
    length = 0
    i, n = 0, len(text)
    table = _display_table()
    while i < n:
        end = escapes.get(i)
        if end is not None and end > i:
            positions.extend([length] * (end - i))
            i = end
            continue
        positions.append(length)
        replacement = table.get(ord(text[i]), text[i])
        length += len(replacement) if replacement else 0
        i += 1
    positions.append(length)
    return shown, positions


def safe_display_spans(text: str, spans):
    """``(safe_display(text), spans)`` with each span's first two items
    (``start``, ``end`` into ``text``) moved to the shown text; spans that
    fall outside ``text`` are dropped, spans left empty too."""
    shown, positions = safe_display_map(text)
    if positions is None:
        return shown, list(spans)
    moved = []
    for span in spans:
        start, end = span[0], span[1]
        if not 0 <= start < end <= len(text):
            continue
        new_start, new_end = positions[start], positions[end]
        if new_start < new_end:
            moved.append((new_start, new_end, *span[2:]))
    return shown, moved


# What JSON output escapes as \uXXXX: C1 controls and DEL (json escapes C0
# itself), the bidirectional and invisible characters above, the line and
# paragraph separators, tag characters and lone surrogates (which strict
# UTF-8 cannot encode; json.loads gives them back exactly).
_JSON_UNSAFE = LazyPattern(
    "[\x7f-\x9f\u2028\u2029\ud800-\udfff" + INVISIBLE_CHARS + "\U000e0000-\U000e007f]"
)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_dumps(value: object, **options) -> str:
    """``json.dumps(value, ensure_ascii=False, **options)``, safe for a terminal.

    Strings stay exact (``json.loads`` gives back the same value, lone
    surrogates of undecodable file names included), but nothing in the output
    can act on a terminal or disguise text: C0 controls are escaped by JSON
    itself, and C1 controls, bidirectional and invisible characters and
    surrogates are written as ``\\uXXXX`` escapes.
    """
    import json

    text = json.dumps(value, ensure_ascii=False, **options)
    if text.isascii():
        return text
    return _JSON_UNSAFE.sub(_json_escape, text)
