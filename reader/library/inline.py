"""Inline styles beside a block's text: kept in step when the text is cut or cleaned.

A block's ``styles`` (:class:`~reader.library.model.Block`) are
``(start, end, style)`` offsets into its plain text. Importers build them
with the text; these helpers keep them pointing at the same characters when
the text is cleaned (:func:`remap`), cut (:func:`sliced`) or merely tidied
(:func:`tidy`).
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Block, StyleSpan


def tidy(spans: Iterable[StyleSpan], length: int) -> tuple[StyleSpan, ...]:
    """``spans`` inside ``[0, length)``, non-empty, sorted, with touching or
    overlapping spans of one style merged."""
    spans = list(spans)
    if len(spans) == 1:  # the common case: nothing to sort or merge
        start, end, style = spans[0]
        start, end = max(0, start), min(length, end)
        return ((start, end, style),) if start < end else ()
    by_style: dict[str, list[list[int]]] = {}
    for start, end, style in sorted(spans, key=lambda span: (span[2], span[0], span[1])):
        start, end = max(0, start), min(length, end)
        if end <= start:
            continue
        runs = by_style.setdefault(style, [])
        if runs and start <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end])
    return tuple(
        sorted(
            ((start, end, style) for style, runs in by_style.items() for start, end in runs),
            key=lambda span: (span[0], span[1], span[2]),
        )
    )


def sliced(spans: Iterable[StyleSpan], start: int, end: int) -> tuple[StyleSpan, ...]:
    """The spans of ``text[start:end]``, as offsets into that slice."""
    return tidy(((a - start, b - start, style) for a, b, style in spans), end - start)


def remap(
    raw: str, cleaned: str, spans: tuple[StyleSpan, ...], table: dict
) -> tuple[StyleSpan, ...]:
    """``spans`` of ``raw`` as offsets into ``cleaned``.

    ``cleaned`` is ``raw`` with characters removed and others replaced one
    for one through ``table`` (``str.translate``'s: code point to a string
    or None), as the sanitiser cleans text. A character of ``raw`` is kept
    when it (or what ``table`` makes of it) is the next one of ``cleaned``:
    a greedy alignment, exact for what cleaning does to real text (spaces
    collapsed, ends stripped, line breaks made spaces, controls removed).
    """
    if raw == cleaned or not spans:
        return tidy(spans, len(cleaned))
    where = [0] * (len(raw) + 1)
    j = 0
    size = len(cleaned)
    for i, char in enumerate(raw):
        where[i] = j
        if j < size:
            target = cleaned[j]
            if (
                char == target
                or table.get(ord(char), char) == target
                or (target == "\ufffd" and "\ud800" <= char <= "\udfff")
            ):
                j += 1
    where[len(raw)] = j
    return tidy(
        ((where[a], where[b], style) for a, b, style in spans if 0 <= a <= b <= len(raw)), size
    )


def with_text(block: Block, text: str, styles: tuple[StyleSpan, ...]) -> Block:
    """``block`` with another text and styles (kind, level and number kept)."""
    return Block(block.kind, text, block.level, styles, block.number)
