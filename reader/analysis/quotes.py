"""Finding quotations (spans only; speakers are attributed in ``speakers.py``).

Quotations are found as newspapers and books print them, in every common
convention:

========================  ===============================  ==================
convention (``marks``)    example                          nested
========================  ===============================  ==================
``en``                    “…”                              ‘…’
``straight``              "…"                              '…'
``nyt``                   ''…'' (NYT archive)              '…'
``en-single``             ‘…’ (British)                    “…”
``straight-single``       '…'                              "…"
``de``                    „…“ (German)                     ‚…‘
``de-guillemets``         »…« (German and Danish books)    ›…‹
``fr``                    « … » (spaces inside)            “…” or ‹ … ›
``es``                    «…» (Spanish, Italian, Swiss)    “…”
``pl``                    „…” (Polish, Hungarian)          «…» or »…«
``sv``                    ”…” and »…» (Swedish, Finnish)   ’…’
``cjk``                   「…」 and 『…』                   『…』
========================  ===============================  ==================

The direction of the ambiguous marks (“ ” « » ’ ') is decided by the marks
already open in the paragraph and by the characters around the mark, never
by the language: “ closes an open „ (German) and opens otherwise; ” closes
an open “ or „ and opens a Swedish quotation when nothing is open; « opens
after a space and closes an open » when it follows a word; » closes an open
« and opens a German quotation when a word follows it.  Only the outermost
quotation of a paragraph becomes a ``RawQuote``; nested ones belong to it.

Apostrophes (it’s, O’Neill, players’ union, ’90s, rock 'n' roll) never
open or close, and a single-mark quotation is kept only when it closes in its
paragraph (or continues in the next) and has at least two words.

The work is one regex ``finditer`` over the marks of each paragraph with a
small stack: linear in the text, no per-character loop.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from . import scan

# every quotation mark ('' first: the NYT archive's doubled apostrophe)
_MARKS = re.compile(r"''|[\"'“”„‘’‚«»‹›「」『』]")
_SINGLE_CLOSERS = re.compile(r"[’']")
# characters after which a single mark can open a quotation
_OPEN_BEFORE = frozenset(' \t\n\u00a0\u202f([{—–-/“"«»„‚:「『‹›')
# characters after which a single mark can close one
_CLOSE_AFTER = frozenset(" \t\n\u00a0\u202f,.;:!?)]}—–-…”\"»«“’'‹›」』")
# words that never follow a plural possessive: "‘fix the foundations’ of the economy",
# "‘we beat the Wolves’ said the captain"
_NOT_AFTER_POSSESSIVE = frozenset(
    """of to in on at for and or but by with from as that is was than into
    said says added told asked replied insisted warned admitted explained wrote
    he she they we it you i""".split()
)
# an apostrophe at the start of a word: ’90s, 'n', 'em, 'tis
_ELISION = re.compile(r"(?:\d0s\b|\d\d\b|n['’‘]|em\b|tis\b|til\b|twas\b|cause\b|bout\b)", re.I)
_FR_SPACES = " \u00a0\u202f"
# after a closing guillemet or a German closing “
_AFTER_WORD_END = frozenset(".,;!?…’'\"”)]»«“")

_SINGLE_OPENERS = frozenset("‘'‚‹›")
_CONVENTION = {
    "“": "en",
    '"': "straight",
    "''": "nyt",
    "‘": "en-single",
    "'": "straight-single",
    "„“": "de",
    "„”": "pl",
    "»«": "de-guillemets",
    "»»": "sv",
    "””": "sv",
    "«»": "es",  # "fr" when spaced, decided at emission
    "「": "cjk",
    "『": "cjk",
    "‚": "de-single",
    "‹": "guillemets-single",
    "›": "guillemets-single",
}


@dataclass(slots=True)
class RawQuote:
    start: int
    end: int
    closed: bool
    para: int  # index of the paragraph
    chain: int  # quotes of one multi-paragraph quotation share a chain id
    single: bool = False
    marks: str = "en"  # the convention, see the module's table


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _word(c: str) -> bool:
    return c.isalnum()


class _Para:
    """The state of the scan over one paragraph."""

    __slots__ = ("text", "ps", "pe", "pi", "out", "stack", "closers", "cont_next")

    def __init__(self, text: str, ps: int, pe: int, pi: int, cont_next: str) -> None:
        self.text = text
        self.ps = ps
        self.pe = pe
        self.pi = pi
        self.out: list[RawQuote] = []
        # open marks: [opening mark, position, marks that close it]
        self.stack: list[tuple[str, int, str]] = []
        self.closers: list[int] | None = None  # closing-shaped single marks, lazily
        self.cont_next = cont_next  # the mark opening the next paragraph ("" if none)

    # -- single marks -------------------------------------------------------

    def single_closer_at(self, j: int) -> bool:
        """Is the ’ or ' at ``j`` shaped like a closing mark (not an apostrophe)?"""
        text = self.text
        if j <= self.ps:
            return False
        cb = text[j - 1]
        ca = text[j + 1] if j + 1 < self.pe else " "
        if cb.isspace() or ca not in _CLOSE_AFTER:
            return False  # "don’t", "Li’s", " ’90s"
        if cb in "sS" and ca == " " and j + 2 < self.pe and text[j + 2].islower():
            word = text[j + 2 : j + 14].split(" ", 1)[0].rstrip(",.;:!?")
            if word not in _NOT_AFTER_POSSESSIVE:
                return False  # plural possessive: "the players’ union"
        if cb in "nN" and j >= 2 and text[j - 2] in "'’‘" and ca == " ":
            return False  # rock 'n' roll
        return True

    def single_can_close_later(self, i: int) -> bool:
        """A top-level single opening mark at ``i`` needs a closing mark later
        in the paragraph (or the next paragraph continuing the quotation)."""
        if self.closers is None:
            self.closers = [
                m.start()
                for m in scan.finditer(_SINGLE_CLOSERS, self.text, self.ps, self.pe, 1)
                if self.single_closer_at(m.start())
            ]
        k = bisect_right(self.closers, i)
        return k < len(self.closers) or self.cont_next == self.text[i]

    # -- the stack ----------------------------------------------------------

    def emit(self, start: int, end: int, closed: bool, opener: str, closer: str) -> None:
        text = self.text
        single = opener in _SINGLE_OPENERS
        if single:
            body = text[start + 1 : end - (1 if closed else 0)]
            if "\n" in body or len(body.split(None, 1)) < 2:  # (no list of every word)
                return
            if not closed and self.cont_next != opener:
                return  # an unclosed single mark is an apostrophe, not a quotation
        elif not closed and opener in "«»" and not (self.cont_next and self.cont_next in "«»"):
            if len(text[start + 1 : end].split(None, 3)) < 4:
                return  # "Home » News", "»More": navigation, not a quotation
        if opener in "„»«”":
            key = opener + (closer or ("“" if opener == "„" else "«" if opener == "»" else "»"))
            if opener == "”":
                key = "””"
            marks = _CONVENTION.get(key, "de")
            if marks == "es" and start + 1 < end and text[start + 1] in _FR_SPACES:
                marks = "fr"
        else:
            marks = _CONVENTION.get(opener, "en")
        self.out.append(RawQuote(start, end, closed, self.pi, -1, single, marks))

    def open(self, mark: str, i: int, closers: str) -> None:
        stack = self.stack
        if stack and stack[0][0] == mark:
            # the same mark again at the top level: the previous quotation
            # was never closed; it ends just before this one.
            start = stack[0][1]
            stack.clear()
            if mark not in _SINGLE_OPENERS:
                self.emit(start, _trim_end(self.text, start, i), False, mark, "")
        if not stack and mark in _SINGLE_OPENERS and not self.single_can_close_later(i):
            return  # an apostrophe ("’tis", "'em") or a stray mark
        stack.append((mark, i, closers))

    def close(self, mark: str, j: int) -> bool:
        """Close the innermost open quotation ``mark`` can close (dropping the
        unclosed ones nested in it); False when it closes nothing."""
        stack = self.stack
        for k in range(len(stack) - 1, -1, -1):
            if mark in stack[k][2]:
                if k == 0:
                    opener, start, _ = stack[0]
                    stack.clear()
                    self.emit(start, j, True, opener, mark)
                else:
                    del stack[k:]
                return True
        return False

    def is_open(self, marks: str) -> bool:
        for entry in self.stack:
            if entry[0] in marks:
                return True
        return False

    # -- the scan -----------------------------------------------------------

    def scan(self, cont: str) -> bool:
        """Find the paragraph's quotations; ``cont`` is the opening mark of an
        unclosed quotation the previous paragraph ended in ("" if none).
        Returns True when the paragraph ends inside an unclosed quotation."""
        text, ps, pe = self.text, self.ps, self.pe
        marks = (
            _MARKS.finditer(text, ps, pe)
            if pe - ps <= scan.WINDOW
            else scan.finditer(_MARKS, text, ps, pe, 2)
        )
        for m in marks:
            mark = m.group()
            i = m.start()
            j = m.end()
            before = text[i - 1] if i > ps else " "
            after = text[j] if j < pe else " "
            if (mark == "’" or mark == "'") and before.isalnum() and after.isalnum():
                continue  # an apostrophe: it’s, O'Neill (the commonest mark by far)
            if mark == "“":
                # closes German „…“; otherwise opens, unless it is shaped
                # like a stray closing mark ("Wort“ und").
                if self.is_open("„") and self.close(mark, j):
                    continue
                if (
                    i > ps
                    and not before.isspace()
                    and (_word(before) or before in _AFTER_WORD_END)
                    and (after.isspace() or after in _AFTER_WORD_END or j >= pe)
                ):
                    continue
                self.open(mark, i, "”")
            elif mark == "”":
                # closes “…”, „…” and Swedish ”…”; opens a Swedish quotation
                # when nothing is open and a word follows.
                opening = (
                    i == ps or before.isspace() or before in "([—–-:"
                ) and not after.isspace()
                if opening and self.stack and self.stack[0][0] == "”":
                    self.open(mark, i, "”")
                    continue
                if self.close(mark, j):
                    continue
                if opening and not self.stack:
                    self.open(mark, i, "”")
            elif mark == "„":
                self.open(mark, i, "“”")
            elif mark == '"':
                if self.close(mark, j):
                    continue
                if after.isspace() and not before.isspace() and i > ps:
                    continue  # a stray closing mark (or inches)
                if before.isdigit():
                    continue  # 5'11" -- a measurement
                self.open(mark, i, '"')
            elif mark == "''":
                if self.close(mark, j):
                    continue
                if (i == ps or not _word(before)) and not after.isspace():
                    self.open(mark, i, "''")
            elif mark == "«":
                self.guillemet_left(mark, i, j, before, after, "»")
            elif mark == "»":
                self.guillemet_right(mark, i, j, before, after, "«", cont == "«" and i == ps)
            elif mark == "‹":
                self.guillemet_left(mark, i, j, before, after, "›")
            elif mark == "›":
                self.guillemet_right(mark, i, j, before, after, "‹", cont == "‹" and i == ps)
            elif mark == "「":
                self.open(mark, i, "」")
            elif mark == "『":
                self.open(mark, i, "』")
            elif mark in "」』":
                self.close(mark, j)
            elif mark == "‚":
                if not _word(before) and _word(after):
                    self.open(mark, i, "‘’")
            elif mark == "‘":
                if self.is_open("‚") and self.close(mark, j):
                    continue
                if _word(before) and _word(after):
                    continue  # a mis-typed apostrophe inside a word
                if before in _OPEN_BEFORE and not after.isspace() and not _ELISION.match(text, j):
                    self.open(mark, i, "’'")
            else:  # ’ or '
                if _word(before) and _word(after):
                    continue  # an apostrophe: it’s, O'Neill
                if self.single_closer_at(i):
                    if self.close(mark, j):
                        continue
                    if mark == "’":
                        continue
                if (
                    mark == "'"
                    and before in _OPEN_BEFORE
                    and not after.isspace()
                    and after not in _CLOSE_AFTER
                    and not _ELISION.match(text, j)
                ):
                    if self.stack and self.stack[-1][0] == "'":
                        continue  # "'" inside "'": an apostrophe
                    self.open(mark, i, "'’")
                elif mark == "’" and self.is_open("”") and before in _OPEN_BEFORE and _word(after):
                    self.open(mark, i, "’")  # Swedish nested ’…’
        if self.stack:
            opener, start, closers = self.stack[0]
            self.stack.clear()
            n = len(self.out)
            self.emit(start, pe, False, opener, "")
            if len(self.out) > n:
                return True
        return False

    def guillemet_left(
        self, mark: str, i: int, j: int, before: str, after: str, right: str
    ) -> None:
        """« (or ‹): opens after a space (French, Spanish); closes an open »
        (German) when it follows a word."""
        if self.ps < i and not before.isspace():
            if self.is_open(right) and self.close(mark, j):
                return
            if (_word(before) or before in _AFTER_WORD_END) and not _word(after):
                return  # a stray closing mark
        self.open(mark, i, right)

    def guillemet_right(
        self, mark: str, i: int, j: int, before: str, after: str, left: str, continues: bool
    ) -> None:
        """» (or ›): closes an open « (French, Spanish) or » (Swedish); opens a
        German quotation when a word follows it."""
        if continues:
            # French and Spanish continue a quotation in a new paragraph with »
            self.stack.append((left, i, mark))
            return
        word_follows = _word(after) or after in "„“‘‚«‹'\"…—–-("
        if self.is_open(left) and not (before.isspace() and word_follows and self.ps < i):
            if self.close(mark, j):
                return
        if self.is_open(mark) and not word_follows and self.close(mark, j):
            return  # Swedish »…»
        if word_follows and (i == self.ps or not _word(before)):
            self.open(mark, i, left + mark)


def find_quotes(text: str, paras: list[tuple[int, int]]) -> list[RawQuote]:
    """The quotations of ``text`` (outermost ones only), paragraph by
    paragraph; ``paras`` are the paragraph spans from ``sentences.paragraphs``."""
    out: list[RawQuote] = []
    chain = 0
    cont = ""  # the opening mark of the quotation the previous paragraph ended inside
    n = len(paras)
    for pi, (ps, pe) in enumerate(paras):
        nxt = ""
        if pi + 1 < n:
            ns = paras[pi + 1][0]
            nxt = text[ns : ns + 2] if text.startswith("''", ns) else text[ns]
        scan = _Para(text, ps, pe, pi, nxt)
        was_open = scan.scan(cont)
        quotes = scan.out
        continues = bool(cont) and bool(quotes) and quotes[0].start == ps
        for idx, q in enumerate(quotes):
            if idx == 0 and continues:
                q.chain = chain - 1  # same chain as the previous paragraph's last quote
                q.marks = out[-1].marks if out else q.marks
            else:
                q.chain = chain
                chain += 1
            out.append(q)
        cont = ""
        if was_open and quotes and not quotes[-1].closed:
            cont = text[quotes[-1].start : quotes[-1].start + 2]
            if cont != "''":
                cont = cont[0]
            # the convention's opening mark (a French continuation opens with »)
            if quotes[-1].marks in ("fr", "es"):
                cont = "«"
    return out
