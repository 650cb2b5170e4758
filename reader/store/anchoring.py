"""Finding an annotation's passage again in an article whose text may have changed.

Modelled on the Hypothesis client's anchoring (``src/annotator/anchoring/``):
an annotation carries two selectors, a *position* (``start``/``end`` offsets
into the article's ``body``) and a *quote* (the passage text with 32
characters of ``prefix`` and ``suffix`` context). :func:`anchor` tries, in
order:

1. ``position``: the offsets still hold the quoted text (and its context; a
   quote that still sits at its offsets but lost its context competes with
   the quote's other occurrences in step 2, keeping ``position`` if it wins);
2. ``quote``: the quote occurs verbatim; among several occurrences the one
   whose surroundings best match the prefix and suffix wins, then the one
   nearest the old position;
3. ``fuzzy``: the passage was edited (words inserted or removed, whitespace
   reflowed, paragraph moved): an approximate match of the quote with at most
   about a fifth of its characters changed, scored with its context; or, when
   the prefix and suffix are both found intact around a passage that still
   resembles the quote, the text between them.

When nothing is good enough :func:`anchor` returns ``None``: the annotation
is *orphaned*. It is kept (with its quote, so it can still be shown), never
dropped.

Approximate matching first locates a few candidate regions of the body, then
runs Myers' bit-parallel algorithm (semi-global edit distance, as in
Hypothesis' ``approx-string-match``) on a small window around each region to
find the exact boundaries. The regions come from rapidfuzz (C++) when that is
cheap (its work grows with the quote's length times the body's, so a short
quote in an ordinary article takes about a millisecond); beyond
:data:`RAPIDFUZZ_WORK` they come from exact *seeds*, a bounded number of short
pieces of the quote and its context looked up in the body, voting for where
the passage starts. The whole search is then linear in the body (a fixed
number of scans) and bounded in the quote: a deleted 2,000-character passage
of a 9.4 MB article is given up in well under a second instead of 21 s.
"""

from __future__ import annotations

import itertools
import re
from typing import Protocol

from reader.record import Frozen

CONTEXT = 32  # characters of prefix and suffix stored with a quote

# Largest share of a quote's characters that may differ in a fuzzy match.
MAX_ERROR_RATE = 0.2
# With the prefix and suffix found intact on both sides, the passage between
# them may differ more from the quote (a sentence inserted in the middle), as
# long as it keeps this share of the quote's characters, in order.
CONTEXT_BOUNDED_MIN_KEPT = 0.75
# Below this context score (of 2) an exact occurrence is checked against a fuzzy match.
WEAK_CONTEXT = 1.0
# A quote scanned exactly: beyond this many occurrences only the nearest are scored.
MAX_OCCURRENCES = 2000
# Past this many (needle characters x body characters) rapidfuzz's alignment
# (about 4e9 a second) gives way to seeds: :func:`_seeded_regions`.
RAPIDFUZZ_WORK = 200_000_000
SEED = 12  # characters in a seed
LONG_SEED = 40  # a seed's second try where the first is too common
MAX_SEEDS = 48  # seeds taken from a needle, evenly spaced
MAX_SEED_HITS = 16  # a seed found more often than this says nothing and is dropped
MAX_SEEDED_REGIONS = 4  # candidate regions kept from the seeds' votes
# Prefix occurrences tried between an intact prefix and suffix.
MAX_CONTEXT_OCCURRENCES = 50

POSITION = "position"
QUOTE = "quote"
FUZZY = "fuzzy"


class Selectors(Protocol):
    """What :func:`anchor` needs of an annotation."""

    start: int
    end: int
    quote: str
    prefix: str
    suffix: str


class Anchor(Frozen):
    __slots__ = ("start", "end", "method")
    start: int
    end: int
    method: str  # "position" | "quote" | "fuzzy"

    def __init__(self, start: int, end: int, method: str) -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "method", method)


def context_of(body: str, start: int, end: int) -> tuple[str, str, str]:
    """(prefix, quote, suffix) of the span ``body[start:end]``."""
    return body[max(0, start - CONTEXT) : start], body[start:end], body[end : end + CONTEXT]


def at_position(body: str, annotation: Selectors) -> Anchor | None:
    """The annotation's offsets, if they still hold its quote and context
    (:func:`anchor`'s first step, and cheap: no search), else None."""
    quote, start, end = annotation.quote, annotation.start, annotation.end
    if (
        quote
        and 0 <= start <= end <= len(body)
        and body[start:end] == quote
        and _context_holds(body, start, end, annotation.prefix, annotation.suffix)
    ):
        return Anchor(start, end, POSITION)
    return None


def anchor(body: str, annotation: Selectors) -> Anchor | None:
    """Where ``annotation``'s passage is in ``body`` now, or None if it is gone."""
    quote = annotation.quote
    if not quote:
        return None
    start = annotation.start
    held = at_position(body, annotation)
    if held is not None:
        return held
    # The offsets may still hold the quote with changed surroundings: they are
    # then one candidate among the quote's occurrences, scored by context.
    found = _exact(body, annotation)
    if found is not None:
        exact = Anchor(found, found + len(quote), POSITION if found == start else QUOTE)
        context = _context_score(body, exact.start, exact.end, annotation.prefix, annotation.suffix)
        if context >= WEAK_CONTEXT:
            return exact
        # The quote occurs, but in unfamiliar surroundings: the passage may have
        # been edited where it was while the same words appear elsewhere.
        edited = _fuzzy(body, annotation)
        if edited is None or _score(body, annotation, exact.start, exact.end, 0) >= edited[2]:
            return exact
        return Anchor(edited[0], edited[1], FUZZY)
    spaced = _whitespace_insensitive(body, annotation)
    if spaced is not None:
        return Anchor(spaced[0], spaced[1], FUZZY)
    edited = _fuzzy(body, annotation)
    if edited is not None:
        return Anchor(edited[0], edited[1], FUZZY)
    return None


# -- scoring ------------------------------------------------------------------


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    from rapidfuzz.distance import Levenshtein  # imported when first needed: not at start

    return Levenshtein.normalized_similarity(a, b)


def _context_score(body: str, start: int, end: int, prefix: str, suffix: str) -> float:
    """0..2: how well the text around ``body[start:end]`` matches the stored context.

    The stored prefix and suffix are compared with the 32 characters around
    the span (fewer at the body's edges), so a short stored prefix, which
    says the passage began near the top, fits best near the top.
    """
    before = body[max(0, start - CONTEXT) : start]
    after = body[end : end + CONTEXT]
    return _similarity(prefix, before) + _similarity(suffix, after)


def _context_holds(body: str, start: int, end: int, prefix: str, suffix: str) -> bool:
    return body[max(0, start - CONTEXT) : start] == prefix and body[end : end + CONTEXT] == suffix


def _position_score(body: str, start: int, old_start: int) -> float:
    """0..1, 1 at the old position."""
    return 1.0 - min(1.0, abs(start - old_start) / max(1, len(body)))


# -- exact quote --------------------------------------------------------------


def _occurrences(body: str, needle: str, limit: int | None = None) -> list[int]:
    """Start offsets of ``needle`` in ``body``, at most ``limit`` of them."""
    found: list[int] = []
    at = body.find(needle)
    while at != -1:
        found.append(at)
        if limit is not None and len(found) >= limit:
            break
        at = body.find(needle, at + 1)
    return found


def _exact(body: str, a: Selectors) -> int | None:
    starts = _occurrences(body, a.quote)
    if not starts:
        return None
    if len(starts) == 1:
        return starts[0]
    if len(starts) > MAX_OCCURRENCES:
        starts = sorted(starts, key=lambda s: abs(s - a.start))[:MAX_OCCURRENCES]
    m = len(a.quote)
    return max(
        starts,
        key=lambda s: (
            round(_context_score(body, s, s + m, a.prefix, a.suffix), 6),
            -abs(s - a.start),
        ),
    )


# -- whitespace reflowed ------------------------------------------------------


def _whitespace_insensitive(body: str, a: Selectors) -> tuple[int, int] | None:
    """The quote with its whitespace changed (reflowed, doubled, made newlines)."""
    words = a.quote.split()
    if not words or len("".join(words)) < 3:
        return None
    pattern = re.compile(r"\s+".join(map(re.escape, words)))
    spans = [match.span() for match in itertools.islice(pattern.finditer(body), MAX_OCCURRENCES)]
    if not spans:
        return None
    return max(
        spans,
        key=lambda span: (
            round(_context_score(body, span[0], span[1], a.prefix, a.suffix), 6),
            -abs(span[0] - a.start),
        ),
    )


# -- approximate --------------------------------------------------------------


def _myers_ends(pattern: str, text: str, max_errors: int) -> list[tuple[int, int]]:
    """(end, errors) for every end offset in ``text`` at which ``pattern``
    matches a substring with at most ``max_errors`` edits (Myers 1999)."""
    m = len(pattern)
    peq: dict[str, int] = {}
    for i, char in enumerate(pattern):
        peq[char] = peq.get(char, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    ends = []
    get = peq.get
    for j, char in enumerate(text):
        eq = get(char, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & mask) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = (ph << 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        if score <= max_errors:
            ends.append((j + 1, score))
    return ends


def _best_ends(ends: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The local minima of runs of adjacent end offsets."""
    best: list[tuple[int, int]] = []
    run_end = -2
    for end, errors in ends:
        if end == run_end + 1 and best:
            if errors < best[-1][1]:
                best[-1] = (end, errors)
        else:
            best.append((end, errors))
        run_end = end
    return best


def _match_in_window(
    body: str, quote: str, lo: int, hi: int, max_errors: int
) -> list[tuple[int, int, int]]:
    """(start, end, errors) of approximate matches of ``quote`` in ``body[lo:hi]``."""
    window = body[lo:hi]
    found = []
    reversed_quote = quote[::-1]
    for end, errors in _best_ends(_myers_ends(quote, window, max_errors)):
        # The start: run the reversed pattern backwards from this end.
        back_lo = max(0, end - len(quote) - max_errors)
        back = window[back_lo:end][::-1]
        starts = _myers_ends(reversed_quote, back, errors)
        if not starts:
            continue
        # Fewest errors, then the length nearest the quote's.
        length, _ = min(starts, key=lambda item: (item[1], abs(item[0] - len(quote))))
        found.append((lo + end - length, lo + end, errors))
    return found


def _regions(body: str, a: Selectors, m: int) -> list[tuple[int, int]]:
    """Windows of ``body`` likely to hold the passage: near its old position,
    where rapidfuzz aligns the quote, and where it aligns quote plus context."""
    slack = m // 2 + CONTEXT
    regions = [(a.start - slack, a.start + m + slack)]
    needles = [a.quote]
    if a.prefix or a.suffix:
        needles.append(a.prefix + a.quote + a.suffix)
    if len(needles[-1]) * len(body) > RAPIDFUZZ_WORK:
        # A long quote in a long body: rapidfuzz would take seconds (21 s for
        # 2,000 characters in 9.4 MB); seeds take a bounded number of scans.
        regions.extend(_seeded_regions(body, needles[-1], len(a.prefix), m, slack))
        needles = []
    for needle in needles:
        if len(needle) > len(body):
            regions.append((0, len(body)))
            continue
        from rapidfuzz import fuzz

        hit = fuzz.partial_ratio_alignment(needle, body, score_cutoff=50)
        if hit is not None:
            regions.append((hit.dest_start - slack, hit.dest_end + slack))
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted((max(0, lo), min(len(body), hi)) for lo, hi in regions):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        elif lo < hi:
            merged.append((lo, hi))
    return merged


def _seeded_regions(
    body: str, needle: str, quote_at: int, m: int, slack: int
) -> list[tuple[int, int]]:
    """Windows of ``body`` where exact pieces of ``needle`` (the quote with its
    context, the quote starting at ``quote_at`` in it) say the quote of length
    ``m`` may start.

    Up to :data:`MAX_SEEDS` pieces of :data:`SEED` characters, evenly spaced,
    are looked up; each occurrence votes for a start of the quote (its offset
    in the body less its offset in the needle). Votes within a quarter of the
    quote's length of one another, plus the most errors allowed (an inserted
    or removed stretch shifts the pieces after it), are one candidate; the
    candidates that most pieces agree on are returned, at most
    :data:`MAX_SEEDED_REGIONS`. A piece found more than :data:`MAX_SEED_HITS`
    times is tried again at :data:`LONG_SEED` characters, then dropped. At
    most ``2 * MAX_SEEDS`` scans of the body: linear in it.
    """
    n = len(needle)
    if n < SEED:
        return []
    count = max(1, min(MAX_SEEDS, n // SEED))
    step = (n - SEED) / max(1, count - 1)
    votes: list[tuple[int, int]] = []  # (quote start in body, seed number)
    for number in range(count):
        at = round(number * step)
        hits = _occurrences(body, needle[at : at + SEED], MAX_SEED_HITS + 1)
        if len(hits) > MAX_SEED_HITS and at + LONG_SEED <= n:
            # Repetitive text: a longer piece at the same place may still tell.
            hits = _occurrences(body, needle[at : at + LONG_SEED], MAX_SEED_HITS + 1)
        if len(hits) > MAX_SEED_HITS:
            continue
        votes.extend((hit - at + quote_at, number) for hit in hits)
    if not votes:
        return []
    votes.sort()
    gap = m // 4 + int(m * MAX_ERROR_RATE) + SEED
    groups: list[tuple[int, int, int]] = []  # (seeds agreeing, first start, last start)
    first, last, seeds = votes[0][0], votes[0][0], {votes[0][1]}
    for start, number in votes[1:]:
        if start - last <= gap:
            last = start
            seeds.add(number)
            continue
        groups.append((len(seeds), first, last))
        first, last, seeds = start, start, {number}
    groups.append((len(seeds), first, last))
    groups.sort(key=lambda group: -group[0])
    return [(lo - slack, hi + m + slack) for _, lo, hi in groups[:MAX_SEEDED_REGIONS]]


def _context_bounded(body: str, a: Selectors, m: int) -> list[tuple[int, int, int]]:
    """Spans between an intact prefix and an intact suffix, when both are long
    enough to be telling and the span still holds most of the quote's
    characters in order (words were inserted into the passage, or a few
    removed). Errors are counted as the quote's characters lost."""
    if len(a.prefix) < CONTEXT // 2 or len(a.suffix) < CONTEXT // 2:
        return []
    found = []
    limit = 2 * m + CONTEXT
    for prefix_at in _occurrences(body, a.prefix, MAX_CONTEXT_OCCURRENCES):
        start = prefix_at + len(a.prefix)
        end = body.find(a.suffix, start, start + limit + len(a.suffix))
        if end == -1:
            continue
        from rapidfuzz.distance import LCSseq

        kept = LCSseq.similarity(a.quote, body[start:end])
        if kept >= CONTEXT_BOUNDED_MIN_KEPT * m:
            found.append((start, end, m - kept))
    return found


def _score(body: str, a: Selectors, start: int, end: int, errors: int) -> float:
    """How good a candidate is: the quote (50), its context (2 x 20), nearness (2)."""
    quote_score = 1.0 - errors / max(1, len(a.quote))
    context = _context_score(body, start, end, a.prefix, a.suffix)
    return 50 * quote_score + 20 * context + 2 * _position_score(body, start, a.start)


def _fuzzy(body: str, a: Selectors) -> tuple[int, int, float] | None:
    """(start, end, score) of the best approximate match, or None."""
    quote = a.quote
    m = len(quote)
    if not body or m < 4:
        return None
    max_errors = int(m * MAX_ERROR_RATE)
    candidates: list[tuple[int, int, int]] = []
    if max_errors:
        for lo, hi in _regions(body, a, m):
            candidates.extend(_match_in_window(body, quote, lo, hi, max_errors))
    candidates.extend(_context_bounded(body, a, m))
    if not candidates:
        return None
    scored = [
        (start, end, _score(body, a, start, end, errors)) for start, end, errors in candidates
    ]
    return max(scored, key=lambda item: item[2])
