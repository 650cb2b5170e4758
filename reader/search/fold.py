"""The one accent-folding rule of every text match: find in an article, the
sidebar's title filter and the palette, the People filter, the library search.

- :func:`fold_char` says what one character becomes: ``é`` → ``e``, ``ﬁ`` →
  ``fi``, ``ß`` → ``ss``, ``ø`` → ``o``, ``œ`` → ``oe``; invisible and
  bidirectional control characters become nothing; case is kept;
- :func:`fold_text` folds a text keeping a map back to its offsets
  (:class:`Folded`), for matches shown in the original text;
- :func:`fold_query` folds a query (no map);
- :func:`fold_lower` folds and lower-cases, for a match that ignores case
  (``fold_lower("Straße") == fold_lower("STRASSE") == "strasse"``).

Pure Python, no Textual.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

__all__ = [
    "Folded",
    "fold_char",
    "fold_lower",
    "fold_query",
    "fold_text",
]

# Folded to nothing (reader.library.sanitize.INVISIBLE_CHARS, which display
# strings drop): they must not split a word for search either.
_INVISIBLE = frozenset(
    "\u00ad\u061c\u180e\u200b\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
    "\u206a\u206b\u206c\u206d\u206e\u206f\ufeff\ufff9\ufffa\ufffb"
)

_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")

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


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """What one character becomes once folded: ``é`` → ``e``, ``ﬁ`` → ``fi``, ``ß`` → ``ss``,
    ``ø`` → ``o``, ``œ`` → ``oe``.

    Case is kept (the caller decides about case). A character whose folding
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


def fold_lower(text: str) -> str:
    """``text`` folded and lower-cased: what a match that ignores case and
    accents compares (``"Straße"``, ``"STRASSE"`` → ``"strasse"``; ``"Café"``
    → ``"cafe"``). The same as ``fold_text(text).lower``."""
    return fold_text(text).lower
