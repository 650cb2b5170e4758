"""Rule- and gazetteer-based named entity recognition."""

from __future__ import annotations

from bisect import bisect_right

from . import gazetteer
from .model import DATE, NORP, ORG, PERSON, PLACE
from .patterns import (
    ACRONYM_RE,
    BREAKING_CONNECTORS,
    CHUNK_RE,
    CONNECTORS,
    DEMONYM_PREFIXES,
    KNOWN_ORGS,
    MONTH_PREPS,
    NOT_ACRONYMS,
    NUMERIC_RE,
    NUMERIC_TRIGGER_RE,
    ORG_HEADS,
    ORG_KEYWORDS,
    ORG_LIST_RE,
    ORG_PREFIXES,
    PERSON_CUES,
    PLACE_ACRONYMS,
    PLACE_PREPS,
    STOP_CAP,
    TITLE_MODIFIERS,
    TITLES,
    WEAK_PLACE_PREPS,
)

_OPENERS = "“\"‘'(["

Tok = tuple[int, int, str]  # start, end, word


class _Spans:
    """Non-overlapping spans, kept sorted; first come first served."""

    __slots__ = ("starts", "items")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.items: list[tuple[int, int, str]] = []

    def free(self, s: int, e: int) -> bool:
        i = bisect_right(self.starts, s)
        if i and self.items[i - 1][1] > s:
            return False
        if i < len(self.items) and self.items[i][0] < e:
            return False
        return True

    def add(self, s: int, e: int, label: str) -> bool:
        if e <= s or not self.free(s, e):
            return False
        i = bisect_right(self.starts, s)
        self.starts.insert(i, s)
        self.items.insert(i, (s, e, label))
        return True


def _norm(w: str) -> str:
    return w[:-1] if w.endswith(".") and len(w) <= 5 else w


class _Recogniser:
    def __init__(self, text: str, sentences, gaz: gazetteer.Gazetteer) -> None:
        self.text = text
        self.g = gaz
        self.spans = _Spans()
        self.sent_starts = {s for s, _ in sentences}
        self.sentences = sentences
        self.pending: list[tuple[int, int, str, bool]] = []  # single tokens for pass 2
        self.caps_cache: dict[int, bool] = {}

    # ----------------------------------------------------------- helpers --
    def at_sentence_start(self, s: int) -> bool:
        text = self.text
        if s in self.sent_starts or s == 0:
            return True
        j = s - 1
        while j >= 0 and text[j] in _OPENERS:
            j -= 1
        if j < s - 1 and (j < 0 or text[j].isspace() or j + 1 in self.sent_starts):
            return True  # first word inside a quotation or bracket
        return j >= 0 and text[j] == "\n"

    def prev_word(self, s: int) -> str:
        """The word just before ``s`` (across at most two punctuation marks)."""
        seg = self.text[max(0, s - 30) : s].rstrip(" \t“\"‘'([")
        if not seg or not seg[-1].isalpha():
            return ""
        j = len(seg)
        while j > 0 and seg[j - 1].isalpha():
            j -= 1
        return seg[j:]

    def is_known(self, w: str) -> bool:
        g = self.g
        return (
            w in g.places
            or w in g.demonyms
            or w in g.given
            or w in g.people_tokens
            or w in TITLES
            or w in TITLE_MODIFIERS
            or w in KNOWN_ORGS
        )

    def starts_place(self, toks: list[Tok]) -> bool:
        """Do the first words of ``toks`` form a known multi-word place?"""
        places = self.g.places
        for j in range(min(len(toks), 4), 1, -1):
            if self.text[toks[0][0] : toks[j - 1][1]] in places:
                return True
        return False

    def in_caps_sentence(self, s: int) -> bool:
        i = bisect_right(self.sentences, (s, 1 << 62)) - 1
        if i < 0:
            return False
        hit = self.caps_cache.get(i)
        if hit is None:
            a, b = self.sentences[i]
            seg = self.text[a:b]
            lower = sum(1 for c in seg if c.islower())
            upper = sum(1 for c in seg if c.isupper())
            hit = upper >= 4 and lower * 4 < upper
            self.caps_cache[i] = hit
        return hit

    # ------------------------------------------------------------ passes --
    def run(self) -> list[tuple[int, int, str]]:
        text = self.text
        spans = self.spans
        pos = 0
        match = NUMERIC_RE.match
        for t in NUMERIC_TRIGGER_RE.finditer(text):
            p = t.start()
            if p < pos:
                continue
            m = match(text, p)
            if m:
                spans.add(p, m.end(), m.lastgroup or DATE)
                pos = m.end()
        for m in ORG_LIST_RE.finditer(text):
            spans.add(m.start(), m.end(), ORG)
        for m in CHUNK_RE.finditer(text):
            self.chunk(m.start(), m.end())
        self.resolve_pending()
        return spans.items

    def chunk(self, cs: int, ce: int) -> None:
        text = self.text
        toks: list[Tok] = []
        pos = cs
        for w in text[cs:ce].split(" "):
            toks.append((pos, pos + len(w), w))
            pos += len(w) + 1
        if (
            toks[0][2].isupper()
            and len(toks) > 1
            and all(t[2].isupper() or t[2] in CONNECTORS for t in toks)
            and self.in_caps_sentence(cs)
        ):
            self.caps_chunk(toks)
            return
        # pieces: split at "and", at tokens already taken (dates...), and at
        # hyphenated tokens with a lower-case tail ("US-led")
        piece: list[Tok] = []
        free = self.spans.free
        for t in toks:
            w = t[2]
            if w == "and" or not free(t[0], t[1]):
                self.piece(piece)
                piece = []
                continue
            if "-" in w and w[w.rfind("-") + 1 :][:1].islower():
                self.piece(piece)
                self.piece([t])
                piece = []
                continue
            piece.append(t)
        self.piece(piece)

    def piece(self, toks: list[Tok]) -> None:
        """Split a piece at breaking connectors ("of", "for", "the") unless they
        belong inside a name ("Bank of England"), then classify."""
        if not toks:
            return
        start = 0
        g = self.g
        for i, t in enumerate(toks):
            if t[2] in BREAKING_CONNECTORS and start < i:
                left = toks[start:i]
                last = left[-1][2]
                if last in ORG_HEADS:
                    continue
                # "Strait of Hormuz": the whole phrase is a known place
                j = i
                while j < len(toks) and toks[j][2] in CONNECTORS:
                    j += 1
                if j < len(toks):
                    phrase = self.text[left[0][0] : toks[j][1]]
                    if phrase in g.places:
                        continue
                self.classify(toks[start:i])
                start = i + 1
        self.classify(toks[start:])

    def classify(self, toks: list[Tok]) -> None:
        # trim connectors at both ends
        while toks and toks[0][2] in CONNECTORS:
            toks = toks[1:]
        while toks and toks[-1][2] in CONNECTORS:
            toks = toks[:-1]
        if not toks:
            return
        g = self.g
        # leading function words / sentence-initial common words
        while toks:
            w = _norm(toks[0][2])
            if w in STOP_CAP and w not in TITLES:
                toks = toks[1:]
                continue
            if (
                w.lower() in g.common
                and not self.is_known(w)
                and not self.starts_place(toks)
                and self.at_sentence_start(toks[0][0])
                and not (
                    len(toks) > 1
                    and (
                        toks[-1][2] in ORG_KEYWORDS
                        or w in ORG_PREFIXES
                        or (w in ORG_HEADS and toks[1][2] in BREAKING_CONNECTORS)
                    )
                )
            ):
                toks = toks[1:]
                continue
            break
        while toks and toks[0][2] in CONNECTORS:
            toks = toks[1:]
        if not toks:
            return
        words = [_norm(t[2]) for t in toks]
        n = len(words)

        # ---- a title ("President", "Mr", "Prime Minister") before a name
        t_idx = -1
        for i in range(n - 1):
            if words[i] in TITLES:
                t_idx = i
        if t_idx >= 0:
            rest = toks[t_idx + 1 :]
            rest_words = words[t_idx + 1 :]
            if (
                not any(w in ORG_KEYWORDS for w in rest_words)
                and rest_words[0] not in TITLE_MODIFIERS
            ):
                self.title_prefix(toks[: t_idx + 1], words[t_idx])
                self.person(rest, titled=True)
                return
        person_cue = self.prev_word(toks[0][0]).lower() in PERSON_CUES

        phrase = self.text[toks[0][0] : toks[-1][1]]
        if n > 1:
            if phrase in g.people:
                self.add(toks, PERSON)
                return
            if phrase in g.places:
                self.add(toks, PLACE)
                return
            if phrase in g.demonyms:
                self.add(toks, NORP)
                return
            if (
                any(w in ORG_KEYWORDS for w in words[1:])
                or (words[0] in ORG_KEYWORDS and words[0] in ORG_HEADS and n > 2)
                or words[0] in ORG_PREFIXES
            ):
                self.add(toks, ORG)
                return
            if person_cue or self.looks_like_person(words) or self.unknown_name(words):
                self.person(toks, titled=person_cue)
                return
            # leading demonym / place then something else: split
            self.segment(toks, words)
            return
        # single token: decided after the whole document has been seen
        if words[0] in TITLES or words[0] in TITLE_MODIFIERS:
            return
        self.pending.append((toks[0][0], toks[0][1], words[0], person_cue))

    def title_prefix(self, toks: list[Tok], title: str) -> None:
        """Label what stands before the title word: "Chinese Premier",
        "US President", "Bank of England Governor", "Apple CEO"."""
        words = [_norm(t[2]) for t in toks]
        end = len(words) - 1  # the title word itself
        while end > 0 and (words[end - 1] in TITLE_MODIFIERS or words[end - 1] in TITLES):
            end -= 1
        if end <= 0:
            return
        pre = toks[:end]
        phrase = self.text[pre[0][0] : pre[-1][1]]
        g = self.g
        if phrase in g.places or pre[0][2] in PLACE_ACRONYMS and len(pre) == 1:
            self.add(pre, PLACE)
        elif phrase in g.demonyms:
            self.add(pre, NORP)
        elif any(_norm(t[2]) in ORG_KEYWORDS for t in pre) or phrase in KNOWN_ORGS:
            self.add(pre, ORG)
        elif len(pre) == 1:
            self.pending.append((pre[0][0], pre[0][1], pre[0][2], False))
        else:
            self.segment(pre, [_norm(t[2]) for t in pre])

    def looks_like_person(self, words: list[str]) -> bool:
        g = self.g
        n = len(words)
        if n > 4:
            return False
        first, last = words[0], words[-1]
        common = g.common
        if last.lower() in common and last not in g.surnames:
            return False
        if first in g.demonyms or last in g.demonyms:
            return False
        if first in g.given and (first.lower() not in common or last.lower() not in common):
            # "Victoria Beckham" yes, "Paris Saint-Germain" no
            if first not in g.places or last in g.surnames:
                return True
        if last in g.places or first in g.places:
            return False
        if first in g.given and last in g.surnames:
            return True
        if n == 2 and first in g.east_asian and last.lower() not in common:
            return True  # "Li Qiang", "Xi Jinping" (surname first)
        if n <= 3 and last in g.surnames and first.lower() not in common and first not in g.places:
            return True
        return False

    def unknown_name(self, words: list[str]) -> bool:
        """Two or three capitalised words, none of them a common word or a
        known place: most likely a person ("Margrethe Vestager")."""
        if not 2 <= len(words) <= 3:
            return False
        g = self.g
        for w in words:
            if not (w.isalpha() and w[0].isupper() and w[1:].islower() and len(w) > 1):
                return False
            if w.lower() in g.common or w in g.places or w in g.demonyms or w in TITLES:
                return False
            if w in TITLE_MODIFIERS or w in STOP_CAP or w in KNOWN_ORGS:
                return False
        return True

    def person(self, toks: list[Tok], titled: bool) -> None:
        g = self.g
        # drop leading words that are not part of a name ("State" in
        # "Secretary of State Antony Blinken")
        while len(toks) > 1:
            w = _norm(toks[0][2])
            if w.lower() in g.common and w not in g.given and w not in g.surnames:
                toks = toks[1:]
            else:
                break
        toks = toks[:4]
        if toks:
            self.add(toks, PERSON)

    def segment(self, toks: list[Tok], words: list[str]) -> None:
        """Greedy longest-match of known places/demonyms/people inside an
        unclassified run; other single tokens go to the pending list."""
        g = self.g
        n = len(toks)
        i = 0
        text = self.text
        while i < n:
            done = False
            for j in range(min(n, i + 4), i + 1, -1):
                phrase = text[toks[i][0] : toks[j - 1][1]]
                if phrase in g.places:
                    self.add(toks[i:j], PLACE)
                elif phrase in g.people:
                    self.add(toks[i:j], PERSON)
                elif phrase in g.demonyms:
                    self.add(toks[i:j], NORP)
                else:
                    continue
                i = j
                done = True
                break
            if not done:
                w = words[i]
                if w not in CONNECTORS and w not in TITLES and w not in STOP_CAP:
                    self.pending.append((toks[i][0], toks[i][1], w, False))
                i += 1

    def caps_chunk(self, toks: list[Tok]) -> None:
        """An all-capitals headline: only trust gazetteers and known names."""
        g = self.g
        n = len(toks)
        i = 0
        text = self.text
        while i < n:
            done = False
            for j in range(min(n, i + 3), i, -1):
                phrase = text[toks[i][0] : toks[j - 1][1]]
                if phrase in g.upper_places:
                    self.add(toks[i:j], PLACE)
                    i = j
                    done = True
                    break
            if done:
                continue
            w = toks[i][2]
            title = w.title()
            if w in KNOWN_ORGS and len(w) > 2:
                self.add(toks[i : i + 1], ORG)
            elif title in g.demonyms:
                self.add(toks[i : i + 1], NORP)
            elif title in g.people_tokens or title in g.people:
                self.add(toks[i : i + 1], PERSON)
            elif len(w) > 1:
                self.pending.append((toks[i][0], toks[i][1], title, False))
            i += 1

    def add(self, toks: list[Tok], label: str) -> None:
        self.spans.add(toks[0][0], toks[-1][1], label)

    # ------------------------------------------------------------ pass 2 --
    def resolve_pending(self) -> None:
        known_persons: set[str] = set()
        text = self.text
        for s, e, label in self.spans.items:
            if label == PERSON:
                parts = text[s:e].split()
                known_persons.update(p for p in parts if p[:1].isupper())
        spans = self.spans
        for s, e, w, cue in self.pending:
            if not spans.free(s, e):
                continue
            label = self.single(s, e, w, cue, known_persons)
            if label:
                spans.add(s, e, label)
            elif "-" in w:
                self.hyphenated(s, w, known_persons)

    def single(self, s: int, e: int, w: str, cue: bool, known_persons: set[str]) -> str | None:
        g = self.g
        if w == "May" and self.prev_word(s).lower() in MONTH_PREPS:
            return DATE
        if cue or w in known_persons:
            return PERSON
        if w in g.people_tokens and (w.lower() not in g.common or self.in_caps_sentence(s)):
            return PERSON
        if w in g.places:
            return PLACE
        if w in g.demonyms:
            return NORP
        if w in KNOWN_ORGS:
            return ORG
        if (
            w in ORG_KEYWORDS
            and w[0].isupper()
            and w
            in {
                "Kremlin",
                "Pentagon",
                "Parliament",
                "Congress",
                "Senate",
                "Bundestag",
                "Duma",
                "Knesset",
                "Politburo",
                "Treasury",
            }
        ):
            return ORG
        if w.isupper() and len(w) > 2 and w in g.upper_places:
            return PLACE  # "LONDON (Reuters) -"
        if ACRONYM_RE.fullmatch(w) and sum(c.isalpha() for c in w) >= 2:
            if w in PLACE_ACRONYMS:
                return PLACE
            if w in NOT_ACRONYMS or self.in_caps_sentence(s):
                return None
            return ORG
        prev = self.prev_word(s)
        if w in g.weak_places and prev in WEAK_PLACE_PREPS:
            return PLACE
        if (
            prev in PLACE_PREPS
            and w.lower() not in g.common
            and w not in g.given
            and w not in STOP_CAP
            and not w.isupper()
            and len(w) > 2
            and "-" not in w
        ):
            return PLACE
        return None

    def hyphenated(self, s: int, w: str, known_persons: set[str]) -> None:
        parts = w.split("-")
        g = self.g
        labels = []
        pos = s
        for p in parts:
            if not p:
                return
            if p in g.demonyms or p in DEMONYM_PREFIXES:
                lab = NORP
            elif p in g.places or p in PLACE_ACRONYMS:
                lab = PLACE
            elif p in known_persons or p in g.people_tokens:
                lab = PERSON
            else:
                lab = None
            labels.append((pos, pos + len(p), lab))
            pos += len(p) + 1
        if all(lab == NORP for _, _, lab in labels):
            self.spans.add(s, s + len(w), NORP)
            return
        for a, b, lab in labels:
            if lab and not (lab == NORP and self.text[a:b] in DEMONYM_PREFIXES):
                self.spans.add(a, b, lab)


def find_entities(text: str, sentences) -> list[tuple[int, int, str]]:
    """Return sorted, non-overlapping ``(start, end, label)`` triples."""
    rec = _Recogniser(text, list(sentences), gazetteer.get())
    return rec.run()


def person_registry(text: str, entities) -> dict[int, str]:
    """Map each PERSON entity's start to the fullest form of the name that the
    document gives ("Mr Li" after "Li Qiang" -> "Li Qiang"): the nearest
    earlier full name containing it, else the first later one."""
    g = gazetteer.get()
    by_token: dict[str, list[tuple[int, str]]] = {}
    for s, e, label in entities:
        if label != PERSON:
            continue
        name = text[s:e]
        parts = name.split()
        if len(parts) > 1:
            keys = {parts[-1]}
            if parts[0] not in g.given or len(parts[0]) <= 3:
                keys.add(parts[0])  # surname-first names: "Li Qiang" -> "Li"
            for k in keys:
                by_token.setdefault(k, []).append((s, name))
    out: dict[int, str] = {}
    for s, e, label in entities:
        if label != PERSON:
            continue
        name = text[s:e]
        if " " in name:
            out[s] = name
            continue
        cands = by_token.get(name)
        if not cands:
            out[s] = name
            continue
        i = bisect_right(cands, (s, "")) - 1
        out[s] = cands[i][1] if i >= 0 else cands[0][1]
    return out
