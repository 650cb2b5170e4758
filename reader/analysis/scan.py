"""Regex scans over long texts in bounded pieces.

One ``pattern.finditer(text)`` step runs in C and holds the interpreter lock
until it finds the next match: over a long stretch without one (a 10 MB text
without a single "Ministry of") that is hundreds of milliseconds during
which no other thread -- the app's interface -- runs.  The scans here give
the same matches, in the same order, as the plain calls, but no single regex
call looks at much more than ``WINDOW`` characters.

``finditer`` cuts the range into windows of ``WINDOW`` characters and lets
each window's scan look ``reach`` characters past its end; that is exact for
a pattern none of whose matches (lookarounds included) spans more than
``reach`` characters: a match attempt at a position inside the window then
sees the same characters as it would in the whole text.  Lookbehinds and
``\\b`` see the text before a window, as they do with ``pos``.

``finditer_starting`` (and ``finditer_at``) give ``pattern``'s matches when
a superset of the positions where they can start is known (found with a
short pattern by ``finditer``): a pattern whose matches may be long
("Institute of ... and Sciences") is only tried where a match could start.
A range of at most ``WINDOW`` characters is scanned in one call, as usual.
Empty matches are not supported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

WINDOW = 1 << 16  # characters one regex call scans, at most (plus ``reach``)


def finditer(
    pattern: re.Pattern,
    text: str,
    pos: int = 0,
    endpos: int | None = None,
    reach: int = 256,
) -> Iterator[re.Match]:
    """``pattern.finditer(text, pos, endpos)`` in windows (see the module's
    notes): exact when no match of ``pattern`` spans more than ``reach``
    characters, lookarounds included.  A short range is one plain scan."""
    if endpos is None or endpos > len(text):
        endpos = len(text)
    if endpos - pos <= WINDOW + reach:
        return pattern.finditer(text, pos, endpos)
    return _windows(pattern, text, pos, endpos, reach)


def _windows(pattern: re.Pattern, text: str, pos: int, endpos: int, reach: int):
    a = pos
    while a < endpos:
        b = min(a + WINDOW, endpos)
        last = a
        for m in pattern.finditer(text, a, min(b + reach, endpos)):
            if m.start() >= b:
                break
            yield m
            last = m.end()
        a = max(b, last)


def search(
    pattern: re.Pattern, text: str, pos: int = 0, endpos: int | None = None, reach: int = 256
) -> re.Match | None:
    """``pattern.search(text, pos, endpos)`` in windows (as ``finditer``)."""
    for m in finditer(pattern, text, pos, endpos, reach):
        return m
    return None


def finditer_starting(
    pattern: re.Pattern, starts: re.Pattern, text: str, pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match]:
    """``pattern.finditer(text, pos, endpos)``, where ``starts`` is a short
    pattern that matches wherever a match of ``pattern`` can start (and
    maybe elsewhere): over a long range, ``pattern`` is tried only there."""
    if endpos is None or endpos > len(text):
        endpos = len(text)
    if endpos - pos <= WINDOW:
        return pattern.finditer(text, pos, endpos)
    heads = (m.start() for m in _windows(starts, text, pos, endpos, 256))
    return finditer_at(pattern, text, heads, endpos)


def finditer_at(
    pattern: re.Pattern, text: str, starts: Iterable[int], endpos: int | None = None
) -> Iterator[re.Match]:
    """``pattern.finditer(text, starts[0], endpos)``, given ``starts``: increasing
    positions among which are all the positions where a match can start.  The
    leftmost match is the first that ``pattern.match`` finds at them."""
    if endpos is None:
        endpos = len(text)
    match = pattern.match
    last = 0
    for p in starts:
        if p < last:
            continue
        m = match(text, p, endpos)
        if m:
            yield m
            last = m.end()
