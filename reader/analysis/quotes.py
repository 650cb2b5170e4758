"""Finding quotations (spans only; speakers are attributed in ``speakers.py``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE = re.compile(r"[“”\"„]")
_SINGLE = re.compile(r"[‘’']")
_WORDCHAR = re.compile(r"\w")
_OPEN_BEFORE = set(' \t\n([{—–-/“"«:')
# words that never follow a plural possessive: "‘fix the foundations’ of the economy"
_NOT_AFTER_POSSESSIVE = frozenset(
    "of to in on at for and or but by with from as that is was than into".split()
)
_CLOSE_AFTER = set(' \t\n,.;:!?)]}—–-…”"»')


@dataclass(slots=True)
class RawQuote:
    start: int
    end: int
    closed: bool
    para: int  # index of the paragraph
    chain: int  # quotes of one multi-paragraph quotation share a chain id
    single: bool = False


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _double_quotes(text: str, ps: int, pe: int, pi: int, out: list[RawQuote]) -> bool:
    """Append the double-quoted spans of one paragraph; return True when the
    paragraph ends inside an unclosed quotation."""
    open_pos = -1
    for m in _DOUBLE.finditer(text, ps, pe):
        i = m.start()
        ch = text[i]
        if ch in "“„":
            if open_pos >= 0:
                # a new opening mark while one is open: the previous quotation
                # was never closed; end it just before this one.
                out.append(RawQuote(open_pos, _trim_end(text, open_pos, i), False, pi, -1))
            open_pos = i
        elif ch == "”":
            if open_pos >= 0:
                out.append(RawQuote(open_pos, i + 1, True, pi, -1))
                open_pos = -1
        else:  # straight mark: decide by context
            before = text[i - 1] if i > ps else " "
            after = text[i + 1] if i + 1 < pe else " "
            if open_pos < 0:
                if after.isspace() and not before.isspace() and i > ps:
                    continue  # looks like a stray closing mark (or inches)
                if before.isdigit():
                    continue  # 5'11" -- a measurement
                open_pos = i
            else:
                out.append(RawQuote(open_pos, i + 1, True, pi, -1))
                open_pos = -1
    if open_pos >= 0:
        out.append(RawQuote(open_pos, pe, False, pi, -1))
        return True
    return False


def _single_quotes(
    text: str, ps: int, pe: int, pi: int, doubles: list[RawQuote], out: list
) -> None:
    """Conservatively find stand-alone single-quoted quotations (British style)."""
    marks = [m.start() for m in _SINGLE.finditer(text, ps, pe)]
    if len(marks) < 2:
        return

    def inside_double(pos: int) -> bool:
        for q in doubles:
            if q.start <= pos < q.end:
                return True
        return False

    k = 0
    n = len(marks)
    while k < n:
        i = marks[k]
        k += 1
        ch = text[i]
        if ch == "’":
            continue
        before = text[i - 1] if i > ps else " "
        after = text[i + 1] if i + 1 < pe else " "
        if before not in _OPEN_BEFORE or not after.isalpha() or inside_double(i):
            continue
        # look for the closing mark
        for kk in range(k, n):
            j = marks[kk]
            cb = text[j - 1]
            ca = text[j + 1] if j + 1 < pe else " "
            if text[j] == "‘" or (text[j] == "'" and cb.isspace()):
                if ca.isalpha() and (cb.isspace() or cb in _OPEN_BEFORE):
                    break  # another opening mark first: give up on this one
                continue
            if cb.isspace() or ca not in _CLOSE_AFTER:
                continue  # apostrophe inside a word ("don’t", "Li’s")
            if (
                cb in "sS"
                and ca == " "
                and j + 2 < pe
                and text[j + 2].islower()
                and text[j + 2 : j + 8].split(" ", 1)[0] not in _NOT_AFTER_POSSESSIVE
            ):
                continue  # plural possessive: "the countries’ ties"
            if inside_double(j):
                break
            body = text[i + 1 : j]
            if len(body.split()) >= 2 and "\n" not in body:
                out.append(RawQuote(i, j + 1, True, pi, -1, single=True))
                k = kk + 1
            break


def find_quotes(text: str, paras: list[tuple[int, int]]) -> list[RawQuote]:
    out: list[RawQuote] = []
    chain = 0
    prev_open = False
    for pi, (ps, pe) in enumerate(paras):
        doubles: list[RawQuote] = []
        was_open = _double_quotes(text, ps, pe, pi, doubles)
        singles: list[RawQuote] = []
        if "'" in text[ps:pe] or "‘" in text[ps:pe]:
            _single_quotes(text, ps, pe, pi, doubles, singles)
        if singles:
            # a double-quoted span inside a single-quoted quotation is nested
            doubles = [
                d for d in doubles if not any(s.start < d.start and d.end <= s.end for s in singles)
            ]
            doubles = sorted(doubles + singles, key=lambda q: q.start)
        continues = prev_open and doubles and doubles[0].start == ps
        for idx, q in enumerate(doubles):
            if idx == 0 and continues:
                q.chain = chain - 1  # same chain as the previous paragraph's last quote
            else:
                q.chain = chain
                chain += 1
            out.append(q)
        prev_open = was_open and bool(doubles) and not doubles[-1].closed
    return out
