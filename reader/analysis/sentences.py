"""Paragraph and sentence splitting (rule based, character offsets)."""

from __future__ import annotations

import re

from . import scan

# a paragraph break is a blank line (possibly containing spaces)
_PARA_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_NONSPACE = re.compile(r"\S")
# where a _CANDIDATE match can start
_CANDIDATE_START = re.compile(r"[.!?…]")

# candidate sentence end: terminal punctuation, then closing quotes/brackets,
# then whitespace -- or no whitespace when a closing quote was present
# ("...future.”Despite ...").
_CANDIDATE = re.compile(
    r"""(?:[.!?]+|…)(?P<close>["”’'»)\]]*)(?P<space>\s*)(?=(?P<next>\S)?)""",
)

ABBREVIATIONS = frozenset(
    """mr mrs ms mx dr prof sr jr st gen col lt sgt capt cmdr adm maj gov sen rep rev hon
    fr mt ft vs v approx dept est al cf ca e.g i.e u.s u.k u.n e.u
    messrs mme mlle gov't univ assn bros""".split()
)
_NUMERIC_ABBREVIATIONS = frozenset(
    "no nos fig figs vol pp p op art sec ch jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_COMPANY_ABBREVIATIONS = frozenset("inc corp co ltd plc llc bros".split())
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]$")
_OPENERS = "“\"‘'([«"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of ``text`` (split on blank lines), stripped."""
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    for m in _PARA_BREAK.finditer(text):
        _add_stripped(text, pos, m.start(), out)
        pos = m.end()
    if pos < n:
        _add_stripped(text, pos, n, out)
    return out


def _add_stripped(text: str, start: int, end: int, out: list) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def _is_boundary(text: str, m: re.Match, pstart: int) -> bool:
    nxt = m.group("next")
    if nxt is None:
        return True
    close = m.group("close")
    if not m.group("space") and not close:
        return False  # "4.7%", "U.S.A", "e.g.x"
    if not m.group("space") and close and not (nxt.isupper() or nxt in _OPENERS):
        return False
    if nxt.islower():
        return False
    if nxt in ",;:)]":
        return False
    punct = m.group(0)
    if punct[0] == "." and not close and not punct.startswith(".."):
        # the word before the full stop
        i = m.start()
        j = i
        while j > pstart and not text[j - 1].isspace() and text[j - 1] not in _OPENERS:
            j -= 1
        word = text[j:i]
        lw = word.lower()
        if lw in ABBREVIATIONS:
            return False
        if lw in _COMPANY_ABBREVIATIONS and nxt in "([":
            return False  # "Apple Inc. (AAPL)"
        if lw in _NUMERIC_ABBREVIATIONS and nxt.isdigit():
            return False  # "No. 10", "Aug. 24", "p. 5"
        if (
            word
            and _INITIALS.fullmatch(word)
            and (len(word) == 1 and word.isupper() or "." in word)
        ):
            return False  # "J. K. Rowling", "U.S. officials"
    return True


def split_paragraph(text: str, start: int, end: int, out: list) -> None:
    pos = start
    found = (
        _CANDIDATE.finditer(text, start, end)
        if end - start <= scan.WINDOW
        # a long paragraph: no single regex call over all of it (see scan.py)
        else scan.finditer_starting(_CANDIDATE, _CANDIDATE_START, text, start, end)
    )
    for m in found:
        if m.start() < pos:
            continue
        if _is_boundary(text, m, start):
            send = m.start() + len(m.group(0)) - len(m.group("space"))
            _add_stripped(text, pos, min(send, end), out)
            pos = min(m.end(), end)
    if pos < end:
        _add_stripped(text, pos, end, out)


def split_sentences(text: str, paras: list[tuple[int, int]] | None = None) -> tuple:
    """Sentence spans ``(start, end)`` of ``text``; never crossing a blank line."""
    if paras is None:
        paras = paragraphs(text)
    out: list[tuple[int, int]] = []
    for para in paras:
        n = len(out)
        split_paragraph(text, para[0], para[1], out)
        if len(out) == n + 1 and out[n] == para:
            out[n] = para  # a one-sentence paragraph: one tuple for both (memory)
    return tuple(out)
