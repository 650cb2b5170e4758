"""Attributing quotations to speakers."""

from __future__ import annotations

import re
from bisect import bisect_right

from .model import ORG, PERSON, Quote
from .patterns import PERSON_CUES, SPEECH_VERBS, TITLE_MODIFIERS, TITLES, trie_regex
from .quotes import RawQuote

_ADVERB = (
    r"(?:(?:\w+ly|also|further|then|later|once|again|had|has|have|was|is|would|will|then)[ ]+)?"
)
# "… ,” said Mr Li" / "… ,” Mr Li added" / "… ,” he said"
_POST_VERB_FIRST = re.compile(rf"[\s,.—–-]*(?:{SPEECH_VERBS})\b[ ]+")
# "the 22-year-old admitted", "the French leader said": a person already named
_PERSON_NOUNS = trie_regex(
    (PERSON_CUES - {"mr", "mrs", "ms", "dr"})
    | set(
        """leader veteran champion man woman teenager youngster newcomer winner
        loser incumbent challenger candidate frontrunner spokesman spokeswoman official
        Spaniard Frenchman Frenchwoman Dutchman Englishman Scotsman Welshman Irishman
        Briton Italian German American Australian Serb Swiss Russian""".split()
    )
)
_DESCRIPTOR = rf"the[ ](?:[\w-]+[ ]){{0,2}}?(?:{_PERSON_NOUNS}|\d+-year-old)"
_POST_PRON = re.compile(
    rf"[\s,—–-]*(?P<pron>he|she|He|She|{_DESCRIPTOR})[ ]+{_ADVERB}(?:{SPEECH_VERBS})\b"
)
_PREPOSITIONS = frozenset(
    "to with by from for of against over and than about at on in like after before".split()
)
_VERB_AFTER_NAME = re.compile(
    rf"[’']?s?[ ]*,?[ ]*{_ADVERB}(?:(?:{SPEECH_VERBS})\b|was[ ]quoted|is[ ]quoted|told\b|wrote\b)"
)
# "Mr Li emphasised that “…" / "Mr Liu stressed, “…" / "He said: “…"
_PRE = re.compile(
    rf"(?:(?P<pron>\b[Hh]e|\b[Ss]he)|(?P<name>[\w.’'-]+))[ ]+{_ADVERB}"
    rf"(?:{SPEECH_VERBS})(?:[ ]+that)?(?:[ ]+(?:the|a|an|this|it|they|their|its))?\s*[,:]?\s*\Z"
)
_PRE_VERB_NAME = re.compile(rf"\b(?:{SPEECH_VERBS})[ ]+(?P<rest>[^.!?;“”\"]{{1,60}}?)\s*[,:]\s*\Z")
_ACCORDING = re.compile(r"\b[Aa]ccording[ ]+to[ ]+")
_PRONOUN = re.compile(r"\b(?:He|She|he|she)\b")
_VERB_NEAR = re.compile(rf"[’']?s?[ ]*,?[ ]*(?:[\w-]+[ ]+){{0,2}}?(?:{SPEECH_VERBS})\b")
_FILLER = re.compile(r"(?:(?:[A-Z][\w.’'-]*|the|of|and|former|then|\w+'s)[ ]+)*\Z")


class _Speakers:
    def __init__(self, text, quotes, paras, sentences, entities, registry) -> None:
        self.text = text
        self.quotes = quotes
        self.paras = paras
        self.sentences = list(sentences)
        self.registry = registry
        self.ents = [e for e in entities if e[2] == PERSON or e[2] == ORG]
        self.starts = [e[0] for e in self.ents]
        self.by_end = {e[1]: e for e in self.ents}
        self.qspans = [(q.start, q.end) for q in quotes]
        self.qstarts = [q.start for q in quotes]

    def canon(self, ent) -> str:
        s, e, label = ent
        if label == PERSON:
            return self.registry.get(s, self.text[s:e])
        return self.text[s:e]

    def entity_after(self, pos: int, limit: int):
        """First PERSON/ORG entity starting in [pos, limit) with only title
        words (or nothing) between."""
        i = bisect_right(self.starts, pos - 1)
        while i < len(self.ents) and self.ents[i][0] < limit:
            ent = self.ents[i]
            gap = self.text[pos : ent[0]]
            if not gap or _FILLER.match(gap) and self._gap_ok(gap):
                return ent
            i += 1
            break
        return None

    @staticmethod
    def _gap_ok(gap: str) -> bool:
        for w in gap.split():
            w2 = w.rstrip(".")
            if w2[:1].isupper():
                continue
            if w2 in ("the", "of", "and", "former", "then") or w2.lower() in PERSON_CUES:
                continue
            if w2 in TITLE_MODIFIERS or w2 in TITLES:
                continue
            return False
        return True

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.sentences, (pos, 1 << 62)) - 1
        if i >= 0 and self.sentences[i][0] <= pos < self.sentences[i][1]:
            return self.sentences[i]
        return (pos, pos)

    def in_quote(self, pos: int) -> bool:
        i = bisect_right(self.qstarts, pos) - 1
        return i >= 0 and pos < self.qspans[i][1]

    # ------------------------------------------------------------------
    def find(self, q: RawQuote) -> tuple[str | None, bool]:
        """Return (speaker, is_pronoun)."""
        text = self.text
        ps, pe = self.paras[q.para]
        # 1. after the closing mark
        if q.closed:
            m = _POST_PRON.match(text, q.end, min(pe, q.end + 60))
            if m:
                return None, True
            m = _POST_VERB_FIRST.match(text, q.end, min(pe, q.end + 40))
            if m:
                ent = self.entity_after(m.end(), m.end() + 50)
                if ent:
                    return self.canon(ent), False
                if text.startswith(("he", "she"), m.end()):
                    return None, True
            j = q.end
            while j < pe and text[j] in " ,—–-":
                j += 1
            ent = self.entity_after(j, j + 45)
            if ent and _VERB_AFTER_NAME.match(text, ent[1], min(pe, ent[1] + 50)):
                return self.canon(ent), False
        # 2. just before the opening mark
        ss, _se = self.sentence_of(q.start)
        lo = max(ps, ss, q.start - 70)
        pre = text[lo : q.start]
        m = _PRE.search(pre)
        if m:
            if m.group("pron"):
                return None, True
            ent = self.by_end.get(lo + m.end("name"))
            if ent is None:
                name = m.group("name")
                base = name[:-2] if name.endswith(("’s", "'s")) else name
                ent = self.by_end.get(lo + m.start("name") + len(base))
            if ent:
                return self.canon(ent), False
        m = _PRE_VERB_NAME.search(pre)
        if m:
            ent = self.entity_after(lo + m.start("rest"), lo + m.end("rest"))
            if ent:
                return self.canon(ent), False
        # 3. the rest of the sentence
        for s_pos in (q.start, q.end - 1):
            ss, se = self.sentence_of(s_pos)
            if se <= ss:
                continue
            found = self.from_sentence(ss, se)
            if found is not None:
                return found
        return None, False

    def from_sentence(self, ss: int, se: int):
        text = self.text
        m = _ACCORDING.search(text, ss, se)
        if m and not self.in_quote(m.start()):
            ent = self.entity_after(m.end(), m.end() + 40)
            if ent:
                return self.canon(ent), False
        cands = []
        i = bisect_right(self.starts, ss - 1)
        while i < len(self.ents) and self.ents[i][0] < se:
            ent = self.ents[i]
            if ent[2] == PERSON and not self.in_quote(ent[0]):
                cands.append((ent[0], ent[1], ent))
            i += 1
        for m in _PRONOUN.finditer(text, ss, se):
            if not self.in_quote(m.start()):
                cands.append((m.start(), m.end(), None))
        i = bisect_right(self.starts, ss - 1)
        while i < len(self.ents) and self.ents[i][0] < se:
            ent = self.ents[i]
            if (
                ent[2] == ORG
                and not self.in_quote(ent[0])
                and _VERB_NEAR.match(text, ent[1], min(se, ent[1] + 40))
            ):
                cands.append((ent[0], ent[1], ent))  # "the ministry in Beijing called …"
            i += 1
        if not cands:
            return None
        cands.sort(key=lambda c: c[0])
        for _a, b, ent in cands:
            if _VERB_NEAR.match(text, b, min(se, b + 40)):
                return (self.canon(ent), False) if ent else (None, True)
        cands = [c for c in cands if c[2] is None or c[2][2] == PERSON]
        if not cands:
            return None
        a, b, ent = cands[0]
        return (self.canon(ent), False) if ent else (None, True)

    def recent_person(self, q: RawQuote) -> str | None:
        """The person a pronoun ("he said") before or after ``q`` refers to:
        a person named outside quotations earlier in the quotation's sentence,
        else in the sentence before it (its subject, or else the last person
        it names)."""
        sents = self.sentences
        k = bisect_right(sents, (q.start, 1 << 62)) - 1
        if k < 0:
            return None
        ss = sents[k][0]
        found = self.persons_in(ss, q.start)
        if found:
            return self.canon(found[-1])
        if k == 0:
            return None
        ps, pe = sents[k - 1]
        found = self.persons_in(ps, pe)
        if not found:
            return None
        for ent in found:
            if self.prev_word(ent[0]) not in _PREPOSITIONS:
                return self.canon(ent)
        return self.canon(found[-1])

    def persons_in(self, a: int, b: int) -> list:
        out = []
        i = bisect_right(self.starts, a - 1)
        while i < len(self.ents) and self.ents[i][0] < b:
            ent = self.ents[i]
            if ent[2] == PERSON and not self.in_quote(ent[0]):
                out.append(ent)
            i += 1
        return out

    def prev_word(self, pos: int) -> str:
        seg = self.text[max(0, pos - 20) : pos].split()
        return seg[-1].lower() if seg else ""


def attribute(text, raws: list[RawQuote], paras, sentences, entities, registry) -> list[Quote]:
    sp = _Speakers(text, raws, paras, sentences, entities, registry)
    speakers: list[str | None] = []
    last: str | None = None
    for q in raws:
        name, pron = sp.find(q)
        if pron:
            name = sp.recent_person(q) or last
        if name is not None:
            last = name
        speakers.append(name)
    # an unattributed quotation right after an attributed one in the same
    # paragraph continues it: "“…,” Starmer said. “…”"
    for i in range(1, len(raws)):
        if speakers[i] is None and raws[i].para == raws[i - 1].para and speakers[i - 1]:
            speakers[i] = speakers[i - 1]
    # a multi-paragraph quotation has one speaker
    chain_speaker: dict[int, str] = {}
    for q, name in zip(raws, speakers, strict=True):
        if name is not None and q.chain not in chain_speaker:
            chain_speaker[q.chain] = name
    out = []
    for q, name in zip(raws, speakers, strict=True):
        if name is None:
            name = chain_speaker.get(q.chain)
        out.append(Quote(q.start, q.end, text[q.start : q.end], name))
    return out
