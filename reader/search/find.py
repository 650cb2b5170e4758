"""Find in an article: every match of a query, as character offsets into the text.

``find_all(text, query)`` is what the reader's find bar runs on ``article.body``:

- **smart case**: matching ignores case unless the query has an upper-case letter;
- **accents**: ``Sao Paulo`` finds ``São Paulo`` (and ``Straße`` finds ``strasse``):
  both sides are folded (compatibility decomposition, combining marks dropped,
  ``ß`` spelled ``ss``) while the offsets returned point into the original text;
- **regex mode**: the query is a Python regular expression (smart case applies);
  an invalid pattern raises :class:`FindError` with a one-line message.

Matches never overlap, zero-length matches are skipped and at most
:data:`MAX_MATCHES` are returned. Pure Python, no Textual.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

__all__ = [
    "MAX_MATCHES",
    "FindError",
    "Folded",
    "find_all",
    "find_lowered",
    "find_pattern",
    "fold_char",
    "fold_query",
    "fold_text",
    "has_upper",
]

MAX_MATCHES = 100_000

# Folded to nothing (reader.library.sanitize.INVISIBLE_CHARS, which display
# strings drop): they must not split a word for search either.
_INVISIBLE = frozenset(
    "\u00ad\u061c\u180e\u200b\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
    "\u206a\u206b\u206c\u206d\u206e\u206f\ufeff\ufff9\ufffa\ufffb"
)

_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
# Escapes such as \S or \W and group names are not "upper-case letters" of a pattern.
_NOT_LITERAL = re.compile(r"\\N\{[^}]*\}|\\.|\(\?P<[^>]*>|\(\?P=[^)]*\)", re.DOTALL)


# Latin letters that do not decompose but are read as plain ones.
_LETTERS = {
    "ß": "ss",
    "ẞ": "SS",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "ø": "o",
    "Ø": "O",
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
    "ð": "d",
    "Ð": "D",
    "þ": "th",
    "Þ": "TH",
    "ħ": "h",
    "Ħ": "H",
    "ı": "i",
}


class FindError(ValueError):
    """The query cannot be searched (an invalid regular expression)."""


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """What one character becomes once folded: ``é`` → ``e``, ``ﬁ`` → ``fi``, ``ß`` → ``ss``,
    ``ø`` → ``o``, ``œ`` → ``oe``.

    Case is kept (smart case decides separately). A character whose folding
    only decomposes it (Hangul syllables) is kept whole; a lone combining mark
    folds to nothing, and so do the invisible and bidirectional control
    characters (soft hyphen, zero-width space and joiner, word joiner, BOM,
    embeddings, overrides, isolates, tag characters): ``Pu\u00adtin`` is found
    by ``Putin``.
    """
    if char < "\x80":
        return char
    if char in _LETTERS:
        return _LETTERS[char]
    if char in _INVISIBLE or "\U000e0000" <= char <= "\U000e007f":
        return ""
    decomposed = unicodedata.normalize("NFKD", char)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    if stripped == unicodedata.normalize("NFD", char):
        return char
    return stripped


class Folded:
    """A folded copy of a text and the way back to the original's offsets.

    ``starts[i]`` / ``ends[i]``: the span of the original character(s) that
    folded character ``i`` comes from; None when folding kept every offset.
    """

    __slots__ = ("text", "original_length", "starts", "ends", "_lower")

    def __init__(
        self,
        text: str,
        original_length: int,
        starts: Sequence[int] | None = None,
        ends: Sequence[int] | None = None,
    ) -> None:
        self.text = text
        self.original_length = original_length
        self.starts = starts
        self.ends = ends
        self._lower: str | None = None

    @property
    def lower(self) -> str:
        """The folded text in lower case, offset for offset (for fast literal search)."""
        if self._lower is None:
            lowered = self.text.lower()
            if len(lowered) != len(self.text):  # a character whose lower case is longer
                lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in self.text)
            self._lower = lowered
        return self._lower

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering folded ``[start, end)`` (``end > start``)."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


@lru_cache(maxsize=8192)
def _fold_run(run: str) -> tuple[str, bool]:
    """A run of non-ASCII characters folded, and whether each became one character."""
    pieces = [fold_char(c) for c in run]
    return "".join(pieces), all(len(p) == 1 for p in pieces)


def fold_text(text: str) -> Folded:
    """Fold ``text`` (see :func:`fold_char`) keeping a map back to its offsets."""
    if text.isascii():
        return Folded(text, len(text))
    same_length = True

    def replace(found: re.Match[str]) -> str:
        nonlocal same_length
        folded, same = _fold_run(found.group())
        same_length = same_length and same
        return folded

    folded_text = _NON_ASCII_RUN.sub(replace, text)
    if same_length:
        return Folded(folded_text, len(text))
    starts: list[int] = []
    ends: list[int] = []
    last = 0
    for found in _NON_ASCII_RUN.finditer(text):
        at = found.start()
        starts.extend(range(last, at))
        ends.extend(range(last + 1, at + 1))
        for index in range(at, found.end()):
            folded = fold_char(text[index])
            if folded:
                starts.extend([index] * len(folded))
                ends.extend([index + 1] * len(folded))
            elif ends:
                # A mark folded away belongs to the character before it: a
                # match ending on that character covers the mark too.
                previous_start = starts[-1]
                position = len(ends) - 1
                while position >= 0 and starts[position] == previous_start:
                    ends[position] = index + 1
                    position -= 1
        last = found.end()
    starts.extend(range(last, len(text)))
    ends.extend(range(last + 1, len(text) + 1))
    return Folded(folded_text, len(text), starts, ends)


def fold_query(query: str) -> str:
    """Fold a plain query the way texts are folded."""
    return "".join(fold_char(c) for c in query)


def _fold_pattern(pattern: str) -> str:
    # Fold only letters and digits of a regular expression, never its syntax.
    out = []
    for char in pattern:
        folded = fold_char(char)
        out.append(folded if folded == char or folded.isalnum() else char)
    return "".join(out)


def has_upper(query: str, *, regex: bool = False) -> bool:
    """Whether smart case makes ``query`` case-sensitive."""
    if regex:
        query = _NOT_LITERAL.sub("", query)
    return any(c.isupper() for c in query)


def _error_message(error: re.error) -> str:
    message = f"invalid pattern: {error.msg}"
    if error.pos is not None:
        message += f" at position {error.pos}"
    return message


def compile_query(query: str, *, regex: bool = False) -> re.Pattern[str] | None:
    """The compiled, folded pattern for ``query``; None for an empty query."""
    if not query or (not regex and not query.strip()):
        return None
    flags = 0 if has_upper(query, regex=regex) else re.IGNORECASE
    if regex:
        try:
            re.compile(query, flags)  # errors point into what the user typed
            return re.compile(_fold_pattern(query), flags)
        except re.error as error:
            raise FindError(_error_message(error)) from None
        except (RecursionError, OverflowError, ValueError) as error:
            raise FindError(f"invalid pattern: {error}") from None
    return re.compile(re.escape(fold_query(query)), flags)


def find_pattern(
    text: str | Folded,
    pattern: re.Pattern[str],
    *,
    limit: int = MAX_MATCHES,
) -> list[tuple[int, int]]:
    """Spans of ``pattern`` (already folded) in the folded ``text``, as original offsets."""
    folded = text if isinstance(text, Folded) else fold_text(text)
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(folded.text):
        start, end = match.span()
        if start == end:
            continue
        span = folded.span(start, end)
        if spans and span[0] < spans[-1][1]:
            continue  # two folded pieces of one character (``ß`` → ``ss``)
        spans.append(span)
        if len(spans) >= limit:
            break
    return spans


def find_lowered(
    text: str | Folded,
    patterns: Sequence[re.Pattern[str]],
    *,
    limit: int = MAX_MATCHES,
) -> list[tuple[int, int]]:
    """Spans of any of ``patterns`` in the folded, lower-cased ``text``, as original offsets.

    The patterns are written for lower-case text and compiled without
    IGNORECASE, so that the regex engine can look for a literal prefix
    quickly; each runs over the text once and overlapping hits are dropped
    (the earlier, then the longer, wins).
    """
    folded = text if isinstance(text, Folded) else fold_text(text)
    if not patterns or not folded.text:
        return []
    lowered = folded.lower
    if len(patterns) == 1:
        found = [m.span() for m in patterns[0].finditer(lowered)]
    else:
        found = sorted(
            (m.span() for pattern in patterns for m in pattern.finditer(lowered)),
            key=lambda span: (span[0], -span[1]),
        )
    spans: list[tuple[int, int]] = []
    for start, end in found:
        if start == end:
            continue
        span = folded.span(start, end)
        if spans and span[0] < spans[-1][1]:
            continue
        spans.append(span)
        if len(spans) >= limit:
            break
    return spans


def find_all(text: str, query: str, *, regex: bool = False) -> list[tuple[int, int]]:
    """Non-overlapping ``(start, end)`` spans of ``query`` in ``text``.

    Raises :class:`FindError` for an invalid regular expression.
    """
    if not regex and query.strip() and not has_upper(query):
        # The common case, made fast: a literal search in the lower-cased text.
        if not text:
            return []
        return find_lowered(text, [re.compile(re.escape(fold_query(query).lower()))])
    pattern = compile_query(query, regex=regex)
    if pattern is None or not text:
        return []
    return find_pattern(text, pattern)
