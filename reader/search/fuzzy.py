"""Quick fuzzy matching of titles, for the sidebar filter and the palette.

Every word of the query must occur in the title, either as a substring
(best) or as a subsequence of characters (``chn`` finds ``China``). Matching
ignores case and accents by the same folding rule as find in an article
(:mod:`reader.search.fold`): ``strasse`` finds ``Straße``, ``cafe`` finds
``Café``. Linear in the title's length: a filter over 10,000 titles stays
well under a frame per keystroke.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from reader.search.fold import fold_lower, fold_text


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """``text`` folded and lower-cased (:func:`reader.search.fold.fold_lower`),
    cached: titles and names are folded again and again."""
    return fold_lower(text)


def _is_word_start(text: str, index: int) -> bool:
    return index == 0 or not text[index - 1].isalnum()


def _score(words: list[str], text: str) -> tuple[float, list[int]] | None:
    """Score the folded ``text`` against the folded query ``words``: (score,
    matched offsets into ``text``) or None."""
    score = 0.0
    positions: list[int] = []
    for word in words:
        found = text.find(word)
        if found >= 0:
            # Prefer an occurrence at a word start.
            probe = found
            while probe >= 0 and not _is_word_start(text, probe):
                probe = text.find(word, probe + 1)
            if probe >= 0:
                found = probe
                score += 1.0
            score += 2.0 * len(word)
            positions.extend(range(found, found + len(word)))
            continue
        at = 0
        for char in word:
            at = text.find(char, at)
            if at < 0:
                return None
            positions.append(at)
            score += 1.0 + (0.5 if _is_word_start(text, at) else 0.0)
            at += 1
    # Earlier matches rank a little higher; shorter titles break ties.
    score -= min(positions) * 0.01 + len(text) * 0.001
    return score, positions


def match(
    query: str, candidate: str, folded: str | None = None
) -> tuple[float, list[int]] | None:
    """Score ``candidate`` against ``query``: (score, matched offsets) or None.

    The offsets point into ``candidate`` (a folded ``ß`` matched as ``ss`` is
    one offset). ``folded`` is ``fold(candidate)`` when the caller already has it.
    """
    words = fold(query).split()
    if not words:
        return 0.0, []
    result = _score(words, folded if folded is not None else fold(candidate))
    if result is None:
        return None
    score, positions = result
    mapped = fold_text(candidate)
    if mapped.starts is not None and mapped.ends is not None:
        # Folding changed lengths: back to the candidate's own offsets.
        starts, ends = mapped.starts, mapped.ends
        positions = [at for p in positions for at in range(starts[p], ends[p])]
    return score, sorted(set(positions))


def rank(
    query: str, candidates: Sequence[str], folded: Sequence[str] | None = None
) -> list[int]:
    """Indices of the candidates matching ``query``, best first (stable).

    ``folded`` holds ``fold()`` of each candidate, for callers that rank the
    same candidates again and again (a filter box over a large library).
    """
    if not query.strip():
        return list(range(len(candidates)))
    words = fold(query).split()
    if not words:  # only characters that fold to nothing
        return list(range(len(candidates)))
    if folded is None:
        folded = [fold(candidate) for candidate in candidates]
    first = words[0][0]
    scored = []
    for index, text in enumerate(folded):
        if first not in text:
            continue  # cheap rejection: the first character must occur
        result = _score(words, text)
        if result is not None:
            scored.append((-result[0], index))
    scored.sort()
    return [index for _, index in scored]
