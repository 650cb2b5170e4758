"""Find in an article: every match of a query, as character offsets into the text.

``find_all(text, query)`` is what the reader's find bar runs on ``article.body``:

- **smart case**: matching ignores case unless the query has an upper-case letter;
- **accents**: ``Sao Paulo`` finds ``São Paulo`` (and ``Straße`` finds ``strasse``):
  both sides are folded by the one folding rule of every match
  (:mod:`reader.search.fold`: compatibility decomposition, combining marks
  dropped, ``ß`` spelled ``ss``) while the offsets returned point into the
  original text;
- **regex mode**: the query is a Python regular expression (smart case applies);
  an invalid pattern raises :class:`FindError` with a one-line message.

Matches never overlap, zero-length matches are skipped and at most
:data:`MAX_MATCHES` are returned. Pure Python, no Textual.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.search.fold import (
    Folded,
    fold_char,
    fold_lower,
    fold_query,
    fold_text,
)

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

# Escapes such as \S or \W and group names are not "upper-case letters" of a pattern.
_NOT_LITERAL = re.compile(r"\\N\{[^}]*\}|\\.|\(\?P<[^>]*>|\(\?P=[^)]*\)", re.DOTALL)


class FindError(ValueError):
    """The query cannot be searched (an invalid regular expression)."""


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
        return find_lowered(text, [re.compile(re.escape(fold_lower(query)))])
    pattern = compile_query(query, regex=regex)
    if pattern is None or not text:
        return []
    return find_pattern(text, pattern)
