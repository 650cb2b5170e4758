"""Words of a text, for comparing extracted text with what a person reads.

Case and accents are kept, punctuation and markup (" │ ", "|", "- ") are
not words; each Chinese, Japanese or Korean character counts as a word, as
those scripts do not put spaces between words.
"""

from __future__ import annotations

import re
from collections import Counter

_CJK = (
    "\u3040-\u30ff"  # kana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # ideographs
    "\uac00-\ud7a3"  # Hangul
)
_WORD = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])\w)+")


def words(text: str) -> list[str]:
    """The words of ``text`` in order (casefolded)."""
    return _WORD.findall(text.casefold())


def f1(found: str, expected: str) -> tuple[float, float, float]:
    """``(precision, recall, F1)`` of the words of ``found`` against ``expected`` (as multisets)."""
    got, want = Counter(words(found)), Counter(words(expected))
    common = sum((got & want).values())
    if not common:
        return 0.0, 0.0, 0.0
    precision = common / sum(got.values())
    recall = common / sum(want.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def missing(reference: str, ours: str) -> Counter:
    """The words of ``reference`` that ``ours`` lacks, with how many times each."""
    return Counter(words(reference)) - Counter(words(ours))
