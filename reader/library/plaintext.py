"""Plain text articles, as saved from a browser or typed by hand.

The layout is guessed from the text alone:

* paragraphs are lines, or blank-line-separated blocks of hard-wrapped lines
  (joined with a space), or both in one file;
* the first meaningful line is the title (a leading ``#`` is dropped);
* a single short paragraph straight after the title is the dek (standfirst);
* a short unpunctuated line directly after the dek and before the first body
  paragraph is a photo caption; elsewhere such a line between paragraphs is a
  heading;
* lines such as ``Close``, ``Share`` or ``scroll to top`` in the leading and
  trailing runs are page furniture and are dropped;
* ``- item``/``* item``/``1. item`` lines are list items (a numbered one
  keeps its number), ``> text`` quotes;
* "By NAME" near the top (:func:`is_byline`) is a byline, shown as a caption.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.lazy import LazyPattern

from .model import CAPTION, HEADING, ITEM, PARAGRAPH, QUOTE, Article, Block
from .sanitize import _is_clean_inline, clean_inline, make_article

# Exact lines (compared case-insensitively, trailing ":" ignored) that are page
# furniture when they open or close a file.
FURNITURE = frozenset(
    {
        "close",
        "×",
        "x",
        "menu",
        "search",
        "share",
        "share this",
        "share this article",
        "share on facebook",
        "share on twitter",
        "tweet",
        "email",
        "print",
        "advertisement",
        "advertisment",
        "ad",
        "sponsored",
        "skip to content",
        "skip to main content",
        "skip navigation",
        "sign up",
        "sign in",
        "log in",
        "login",
        "subscribe",
        "subscribe now",
        "newsletter",
        "comments",
        "comment",
        "leave a comment",
        "leave a reply",
        "post a comment",
        "related",
        "related articles",
        "related stories",
        "read more",
        "more stories",
        "scroll to top",
        "back to top",
        "go to top",
        "top",
        "follow us",
        "loading...",
        "loading…",
        "cookie settings",
        "accept cookies",
    }
)

# A dek (standfirst) is one paragraph shorter than this many words.
DEK_MAX_WORDS = 60
# A heading or caption line: at most this many words and characters.
HEADING_MAX_WORDS = 14
HEADING_MAX_CHARS = 100
# A title longer than this is really a paragraph.
TITLE_MAX_CHARS = 250

_SENTENCE_END = '.,;:!…"”’»)]'
_BULLET = re.compile(r"^(?:[-*+•◦▪‣·]|\d{1,3}[.)])\s+(?=\S)")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?$")
_QUOTE_LINE = LazyPattern(r"^>\s?")  # compiled when first used: most texts quote no line
# Photo credits and datelines: captions, not headings (bylines: is_byline).
_CAPTION_HINT = re.compile(
    r"^(?:\(?(?:photo|image|picture|pictured|illustration|credit|file photo|"
    r"photograph|video|published|updated|posted)\b|\[(?:photo|image)\b)",
    re.IGNORECASE,
)
# A byline is one of the first few blocks of the body.
BYLINE_BLOCKS = 4
BYLINE_MAX_WORDS = 20
_BYLINE = re.compile(r"by\s+(\S.*)", re.IGNORECASE | re.DOTALL)
# Where the names of a byline end and a title or an outlet begins.
_BYLINE_SEPARATOR = LazyPattern(r",|\s[-–—|/·•]\s|\s(?:in|for|at|on|of)\s|\s[|/]|[|/]\s")
_NAME_PARTICLES = frozenset(
    "von van der den de del della dei di da das dos du la le ten ter zu bin binti ibn al el "
    "y e and &".split()
)
# Capitalised words that follow "By" at the start of a sentence, not a name:
# "By Friday, ...", "By Then", "By Contrast".
_NOT_NAMES = frozenset(
    """then now contrast comparison far default design definition law chance mistake way
    all some most many much this that these those it its his her their my your
    late early mid next last noon midnight dawn dusk nightfall morning evening night
    christmas easter monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december
    today tomorrow yesterday tonight no one using doing making taking being""".split()
)
_SENTENCE_PUNCTUATION = ".!?…"
_NAME_WORD = LazyPattern(r"(?:[^\W\d_]\.)+|[^\W\d_][^\W\d_'’.\-]*(?:['’\-][^\W\d_]+)*\.?")
_UNDERLINE = re.compile(r"^(?:={3,}|-{3,})$")
# A line of nothing but rule characters ("* * *", "***", "~~~") is a break.
_RULE = re.compile(r"^[\s*\-_=~#•·.]+$")


def _is_name_word(word: str) -> bool:
    """A word of a name: capitalised ("Ursula", "O'Brien", "J.", "JANE")."""
    return bool(_NAME_WORD.fullmatch(word)) and word[0].isupper()


def is_byline(text: str) -> bool:
    """Whether ``text`` is a byline: "By NAME" (and more names, an outlet or a
    title after a comma: "By Jane Doe and Ursula von der Leyen, Reuters"),
    not a sentence that starts with "By" ("By 1400 the town...", "By contrast,
    ...", "By the time ...", "By Friday, the vote was over.")."""
    found = _BYLINE.fullmatch(text.strip())
    if found is None:
        return False
    rest = found.group(1)
    if len(rest.split()) >= BYLINE_MAX_WORDS:
        return False
    cut = _BYLINE_SEPARATOR.search(rest)
    names, tail = (rest[: cut.start()], rest[cut.end() :]) if cut else (rest, "")
    words = names.split()
    if not words:
        return False
    if words[0].lower() == "the" and len(words) > 1:
        words = words[1:]  # "By the Associated Press", "By The Editorial Board"
    if words[0].lower() in _NOT_NAMES or not _is_name_word(words[0]):
        return False
    if not all(_is_name_word(word) or word.lower() in _NAME_PARTICLES for word in words):
        return False
    if any(word[-1] == "." and len(word) > 4 for word in words):
        return False  # a full stop after a word, not after an initial or "Jr."
    tail = tail.strip()
    # What follows the names is a title or an outlet, not the rest of a sentence.
    return not (tail and tail[-1] in _SENTENCE_PUNCTUATION and not tail.split()[-1][:1].isupper())


def _is_furniture(line: str) -> bool:
    key = line.strip().rstrip(":").strip().casefold()
    return key in FURNITURE


def _ends_unpunctuated(text: str) -> bool:
    return bool(text) and text[-1] not in _SENTENCE_END


def _is_heading_like(text: str) -> bool:
    """Short, unpunctuated, capitalised: a heading or a caption."""
    if not text or len(text) > HEADING_MAX_CHARS:
        return False
    if len(text.split()) > HEADING_MAX_WORDS:
        return False
    if text[-1] in _SENTENCE_END:
        return False
    first = text[0]
    return not first.islower()


class _Unit:
    """A candidate block before classification."""

    __slots__ = ("text", "kind", "level", "number")

    def __init__(self, text: str, kind: str = "", level: int = 0, number: int = 0) -> None:
        self.text = text
        self.kind = kind  # "" = to be classified (paragraph, heading, caption...)
        self.level = level
        self.number = number  # a numbered list item's number ("7. item")


def _looks_wrapped(lines: list[str]) -> bool:
    """True if a blank-line-free run of lines is one hard-wrapped paragraph.

    Wrapped lines stop near a margin (none of them is much shorter than the
    longest, bar the last) and mostly break mid-sentence: the line does not
    end a sentence, or the next one goes on in lower case. One paragraph per
    line looks different: long lines of varied length, each a whole sentence.
    """
    body = lines[:-1]
    if not body:
        return False
    longest = max(len(line) for line in lines)
    if longest > 120 or any(len(line) < 0.6 * longest for line in body):
        return False
    joints = 0
    for line, following in zip(body, lines[1:], strict=True):
        if following[:1].islower() or (longest >= 25 and _ends_unpunctuated(line)):
            joints += 1
    return joints * 2 >= len(body)


def _special(line: str) -> _Unit | None:
    """A Markdown-ish heading, list item or quote line, else None."""
    match = _MD_HEADING.match(line)
    if match and match.group(2):
        return _Unit(match.group(2), HEADING, len(match.group(1)))
    match = _BULLET.match(line)
    if match:
        marker = match.group()
        number = int(marker.rstrip().rstrip(".)")) if marker[0].isdigit() else 0
        return _Unit(line[match.end() :], ITEM, 1, number)
    if line.startswith(">"):
        return _Unit(_QUOTE_LINE.sub("", line), QUOTE)
    return None


def _group_units(group: list[str]) -> list[_Unit]:
    """Units from one blank-line-separated group of (cleaned) lines."""
    units: list[_Unit] = []
    plain: list[str] = []

    def flush() -> None:
        if not plain:
            return
        lines = list(plain)
        plain.clear()
        if (
            len(lines) > 1
            and _is_heading_like(lines[0])
            and _looks_wrapped(lines[1:])
            and (len(lines[0]) < 0.6 * max(len(line) for line in lines[1:]))
        ):
            # "Heading\nwrapped paragraph\ngoes on" with no blank line between.
            units.append(_Unit(lines.pop(0)))
        if len(lines) > 1 and _looks_wrapped(lines):
            units.append(_Unit(" ".join(lines)))
        else:
            units.extend(_Unit(line) for line in lines)

    for line in group:
        if _UNDERLINE.match(line) and plain and _is_heading_like(plain[-1]):
            # Setext underline: the line above is a heading.
            last = plain.pop()
            flush()
            units.append(_Unit(last, HEADING, 1 if line[0] == "=" else 2))
            continue
        if _RULE.match(line):
            flush()
            continue
        special = _special(line)
        if special is not None:
            flush()
            if special.kind == QUOTE and units and units[-1].kind == QUOTE:
                units[-1].text += " " + special.text
            else:
                units.append(special)
            continue
        if units and units[-1].kind == ITEM and not plain and line[:1].islower():
            units[-1].text += " " + line  # a wrapped list item
            continue
        plain.append(line)
    flush()
    return units


def _trim_furniture_lines(lines: list[str]) -> list[str]:
    """Drop furniture lines (and blank lines) from the start and the end."""
    start, end = 0, len(lines)
    while start < end and (not lines[start] or _is_furniture(lines[start])):
        start += 1
    while end > start and (not lines[end - 1] or _is_furniture(lines[end - 1])):
        end -= 1
    return lines[start:end]


def split_units(text: str) -> list[_Unit]:
    groups: list[list[str]] = [[]]
    lines = _trim_furniture_lines(
        [raw if _is_clean_inline(raw) else clean_inline(raw) for raw in text.splitlines()]
    )
    for line in lines:
        if line:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    units: list[_Unit] = []
    for group in groups:
        if group:
            units.extend(_group_units(group))
    return [unit for unit in units if unit.text]


def _drop_furniture(units: list[_Unit]) -> list[_Unit]:
    start = 0
    while start < len(units) and _is_furniture(units[start].text):
        start += 1
    end = len(units)
    while end > start and _is_furniture(units[end - 1].text):
        end -= 1
    return units[start:end]


def _is_dek(unit: _Unit) -> bool:
    if unit.kind:
        return False
    words = len(unit.text.split())
    if words >= DEK_MAX_WORDS:
        return False
    return not _is_heading_like(unit.text) and (words >= 6 or unit.text[-1] in _SENTENCE_END)


def _body_blocks(units: list[_Unit], *, caption_first: bool) -> list[Block]:
    blocks: list[Block] = []
    count = len(units)
    for index, unit in enumerate(units):
        if unit.kind:
            blocks.append(Block(unit.kind, unit.text, unit.level, (), unit.number))
            continue
        text = unit.text
        following = units[index + 1] if index + 1 < count else None
        if (_CAPTION_HINT.match(text) and len(text.split()) <= 40) or (
            index < BYLINE_BLOCKS and is_byline(text)
        ):
            blocks.append(Block(CAPTION, text))
        elif (
            _is_heading_like(text)
            and following is not None
            and not (not following.kind and _is_heading_like(following.text))
        ):
            if index == 0 and caption_first and not following.kind:
                blocks.append(Block(CAPTION, text))
            else:
                blocks.append(Block(HEADING, text, 2))
        else:
            blocks.append(Block(PARAGRAPH, text))
    return blocks


def parse_plaintext(
    text: str,
    source: str = "",
    *,
    warnings: Iterable[str] = (),
    fallback_title: str = "",
) -> Article:
    """Parse plain text into an article (see the module docstring)."""
    units = _drop_furniture(split_units(text))
    title = ""
    if units and len(units[0].text) <= TITLE_MAX_CHARS and units[0].kind in ("", HEADING):
        title = units.pop(0).text
        if not units:
            # A one-line file: the line is the text, the file name the title.
            units = [_Unit(title)]
            title = ""
    dek = ""
    if len(units) > 1 and _is_dek(units[0]):
        dek = units.pop(0).text
    blocks = _body_blocks(units, caption_first=bool(dek))
    return make_article(
        title,
        blocks,
        source=source,
        dek=dek,
        fmt="txt",
        warnings=tuple(warnings),
        fallback_title=fallback_title,
    )
