"""Paragraph and sentence splitting (rule based, character offsets).

A full stop ends a sentence unless what follows goes on in lower case (or
with a comma, a closing bracket...), or the word before it is an
abbreviation: a title (:data:`ABBREVIATIONS`: "Dr.", "Gen.", "e.g."), a
numeric one before a number ("No. 5", "Jan. 12"), or one that may end a
sentence (:data:`MAY_END`, :data:`STATES`, initials: "U.S.", "Inc.",
"Ore.", "J.") which ends one only before a word that starts sentences ("in
the U.S. The ..." but "U.S. officials", "Calif. Gov. Newsom", "J. K.
Rowling"). Each language the analysis detects may add its own
(:data:`LANGUAGE_ABBREVIATIONS`: "z. B.", "Sra.", "bijv.").
"""

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

# Abbreviations that never end a sentence: titles before a name and the like
# ("Dr. Wang", "Gen. Milley", "e.g. Paris"). Compared in lower case.
ABBREVIATIONS = frozenset(
    """mr mrs ms mx dr prof st gen col lt sgt capt cmdr adm maj gov sen rep rev hon
    fr mt ft vs v approx dept est al cf ca e.g i.e brig cpl pvt supt insp det atty
    msgr messrs mme mlle gov't univ assn gens sens reps govs""".split()
)
# Abbreviations that may end a sentence ("in the U.S." / "U.S. officials",
# "Apple Inc. Chief Executive" / "Acme Corp. Then it fell"): an end only
# when the next word is one that starts sentences (:data:`_STARTERS`).
MAY_END = frozenset("""u.s u.k u.n e.u u.s.a inc corp co ltd plc llc bros jr sr a.m p.m""".split())
# US state abbreviations (AP style), compared as written: "Salem, Ore.",
# "PORTLAND, Ore. (AP) --", "Calif. Gov. Newsom". They may end a sentence.
STATES = frozenset(
    """Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn
    Miss Mo Mont Neb Nev N.H N.J N.M N.Y N.C N.D Okla Ore Pa R.I S.C S.D Tenn Tex Vt Va
    Wash W.Va Wis Wyo D.C""".split()
)
# Abbreviations that do not end a sentence before a number ("No. 10", "Aug. 24").
_NUMERIC_ABBREVIATIONS = frozenset(
    "no nos fig figs vol pp p op art sec ch jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Per language (the codes of :mod:`.language`): more abbreviations that never
# end a sentence, and more that do not before a number. The English lists
# above apply to every language (English abbreviations are met everywhere).
LANGUAGE_ABBREVIATIONS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    code: (frozenset(never.split()), frozenset(numeric.split()))
    for code, never, numeric in (
        (
            "de",
            "z b bzw vgl dr hr fr frl prof str sog ggf inkl evtl bspw d.h z.b u.a "
            "o.ä u.ä s.o s.u i.d.r z.t u.u v.a jh mio mrd dipl ing",
            "nr s abs art bd jg tel",
        ),
        ("fr", "mm mme mlle mgr dr pr me st ste cf av bd boul env p.ex", "no n p art chap vol t"),
        (
            "es",
            "sr sra srta sres dr dra lic ing ud uds vd vds dña prof gral av avda ee.uu cía",
            "núm pág págs art cap",
        ),
        (
            "it",
            "sig sigg sig.ra sig.na dott dott.ssa prof avv ing arch on geom rag",
            "n pag art cap",
        ),
        ("pt", "sr sra srta dr dra prof profa eng av exmo exma v.exa sto sta", "n pág art cap"),
        ("nl", "dhr mevr mr dr prof ir ing drs bijv o.a d.w.z m.b.t t.a.v i.p.v", "nr blz art"),
        ("pl", "dr prof mgr inż ul np tzw św", "nr s art str"),
        ("sv", "t.ex bl.a s.k dvs d.v.s ca resp", "nr s"),
        ("da", "f.eks bl.a ca dvs mht jf hr", "nr s"),
        ("no", "f.eks bl.a ca dvs mht jf hr", "nr s"),
        ("fi", "esim ns mm tri", "nro s"),
        ("hu", "dr pl ún id", "sz"),
        ("ru", "г гг т.е т.д т.п т.к им ул д см млн млрд тыс проф акад", "№ с ст"),
    )
}
_NO_LANGUAGE = (frozenset(), frozenset())
# Words that start sentences: after an abbreviation of :data:`MAY_END` (or an
# initial) one of these makes the full stop an end ("in the U.S. The ...").
_STARTERS = frozenset(
    """the a an it he she they we i you but and or so yet in on at as for from with
    after before when while if although though because since this that these those
    there here his her its their our my your then now still however meanwhile also
    later earlier last next today yesterday tomorrow what why how who where which
    some many most all no not both each every one two three according despite under
    over during instead even only such other another several asked mr mrs ms dr""".split()
)
# An initial or a run of them ("J", "U.S", "А.С"), in any script.
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]$")
_WORD = re.compile(r"[^\W\d_]+")
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


def _starts_sentence(text: str, position: int, end: int) -> bool:
    """Whether the word at ``position`` (after any opening quotes) is one that
    starts sentences and not an initial ("A" of "J. A. Smith")."""
    while position < end and text[position] in _OPENERS:
        position += 1
    word = _WORD.match(text, position, end)
    if word is None:
        return False
    after = word.end()
    if after < end and text[after] == ".":
        return False
    return word.group().lower() in _STARTERS


def _is_boundary(
    text: str,
    m: re.Match,
    pstart: int,
    extra: tuple[frozenset[str], frozenset[str]] = _NO_LANGUAGE,
) -> bool:
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
        never, numeric = extra
        if lw in ABBREVIATIONS or lw in never:
            return False
        if nxt.isdigit() and (lw in _NUMERIC_ABBREVIATIONS or lw in numeric):
            return False  # "No. 10", "Aug. 24", "p. 5"
        if (
            lw in MAY_END
            or word in STATES
            or (
                word
                and _INITIALS.fullmatch(word)
                and (len(word) == 1 and word.isupper() or "." in word)
            )
        ):
            # "U.S. officials", "Apple Inc. (AAPL)", "Portland, Ore. -- ", "J. K. Rowling";
            # but "in the U.S. The ..."
            return _starts_sentence(text, m.end(), len(text))
    return True


def split_paragraph(text: str, start: int, end: int, out: list, language: str = "") -> None:
    extra = LANGUAGE_ABBREVIATIONS.get(language, _NO_LANGUAGE)
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
        if _is_boundary(text, m, start, extra):
            send = m.start() + len(m.group(0)) - len(m.group("space"))
            _add_stripped(text, pos, min(send, end), out)
            pos = min(m.end(), end)
    if pos < end:
        _add_stripped(text, pos, end, out)


def split_sentences(
    text: str, paras: list[tuple[int, int]] | None = None, language: str | None = None
) -> tuple:
    """Sentence spans ``(start, end)`` of ``text``; never crossing a blank line.

    ``language`` (an ISO 639-1 code, detected from ``text`` when None) adds
    that language's abbreviations (:data:`LANGUAGE_ABBREVIATIONS`)."""
    if paras is None:
        paras = paragraphs(text)
    if language is None:
        from .language import detect_language

        language = detect_language(text)
    out: list[tuple[int, int]] = []
    for para in paras:
        n = len(out)
        split_paragraph(text, para[0], para[1], out, language)
        if len(out) == n + 1 and out[n] == para:
            out[n] = para  # a one-sentence paragraph: one tuple for both (memory)
    return tuple(out)
