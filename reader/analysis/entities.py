"""Rule- and gazetteer-based named entity recognition."""

from __future__ import annotations

import re
from bisect import bisect_right

from . import gazetteer
from .model import DATE, EVENT, NORP, ORG, PERSON, PLACE
from .patterns import (
    ACRONYM_RE,
    BREAKING_CONNECTORS,
    CHUNK_RE,
    CONNECTORS,
    DEMONYM_PREFIXES,
    EVENT_KEYWORDS,
    FACILITY_KEYWORDS,
    KNOWN_ORGS,
    MONTH_PREPS,
    NOT_ACRONYMS,
    NUMERIC_RE,
    NUMERIC_TRIGGER_RE,
    ORG_APPOSITION_NOUNS,
    ORG_CUES,
    ORG_HEADS,
    ORG_KEYWORDS,
    ORG_LIST_RE,
    ORG_PREFIXES,
    PERSON_CUES,
    PLACE_ACRONYMS,
    PLACE_PREPS,
    SPORT_CUE_RE,
    STOP_CAP,
    TEAM_AFTER,
    TEAM_BEFORE,
    TITLE_MODIFIERS,
    TITLES,
    WEAK_PLACE_PREPS,
)

_OPENERS = "“\"‘'(["
_SKIP_SINGLE = STOP_CAP - TITLES
_SHARES_RE = re.compile(r"(?:[’']s)?[ ](?:shares|stock|share[ ]price)\b")
_ORG_OF_HEADS = frozenset("House Chamber Court Church Order Parliament Congress Assembly".split())
_PLACE_OF = frozenset(
    f"{w} of"
    for w in "town city village province state region county island port suburb district".split()
)

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
        self.sport = self.is_sport()

    def is_sport(self) -> bool:
        """Is the document a sport report (clubs named after places are teams)?"""
        n = 0
        for _m in SPORT_CUE_RE.finditer(self.text, 0, 5000):
            n += 1
            if n >= 4:
                return True
        return False

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

    def prev_two(self, s: int) -> str:
        """The two words before ``s`` ("shares in")."""
        seg = self.text[max(0, s - 40) : s].split()
        return " ".join(seg[-2:]).lower()

    def next_word(self, e: int) -> str:
        text = self.text
        j = e
        if text.startswith(("’s", "'s"), j):
            return "'s"
        while j < len(text) and text[j] == " ":
            j += 1
        k = j
        while k < len(text) and (text[k].isalnum() or text[k] == "-"):
            k += 1
        return text[j:k]

    def org_context(self, s: int, e: int) -> bool:
        """Does the text around [s, e) say that the name is an organisation?
        ("the conglomerate SoftBank", "shares in X", "X said it", "X, a start-up")"""
        prev = self.prev_word(s).lower()
        if prev in ORG_CUES and prev not in ("side", "team", "club", "party"):
            return True
        if self.prev_two(s) in ("shares in", "stake in", "investors in", "shareholders in"):
            return True
        text = self.text
        tail = text[e : e + 90]
        if _SHARES_RE.match(tail):
            return True
        if tail.startswith((" said it ", " says it ", " said its ", " said on ")) and (
            " said it " in tail[:10] or " says it " in tail[:10] or " said its " in tail[:11]
        ):
            return True
        if tail.startswith(", a ") or tail.startswith(", an ") or tail.startswith(", the "):
            clause = tail[2:].split(",", 1)[0].split(".", 1)[0].split()
            for w in clause[1:10]:
                if w.lower() in ORG_APPOSITION_NOUNS:
                    return True
        return False

    def name_words(self, words: list[str]) -> bool:
        """Two or three capitalised words that are neither common words, places
        nor organisation words: most likely a person's name."""
        if not 2 <= len(words) <= 3:
            return False
        g = self.g
        for w in words:
            for part in w.split("-"):
                if not (part.isalpha() and part[0].isupper() and len(part) > 1):
                    return False
                if part[1:] != part[1:].lower() and not part.startswith(("Mc", "Mac", "O’", "O'")):
                    return False
            if w.lower() in g.common or w in g.places or w in g.demonyms or w in TITLES:
                return False
            if w in TITLE_MODIFIERS or w in STOP_CAP or w in KNOWN_ORGS or w in ORG_KEYWORDS:
                return False
        return True

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
        skip = _SKIP_SINGLE
        chunk = self.chunk
        single = self.single_chunk
        for m in CHUNK_RE.finditer(text):
            w = m.group()
            if w in skip:
                continue  # "The", "He", "But": never a name on its own
            if " " in w or "-" in w:
                chunk(m.start(), m.end())
            else:
                single(m.start(), m.end(), w)
        self.resolve_pending()
        self.teams()
        items = spans.items
        for k, (s, e, label) in enumerate(items):
            if (
                label == ORG
                and text.startswith("+", e)
                and (e + 1 == len(text) or not text[e + 1].isalnum())
            ):
                items[k] = (s, e + 1, label)  # "OPEC+"
        return items

    def teams(self) -> None:
        """A place name used as a team ("beat Chelsea", "England coach") is an
        organisation, everywhere in the document.  Outside sport reports only
        known club names count."""
        text = self.text
        names = set()
        items = self.spans.items
        sport = self.sport
        clubs = self.g.clubs
        for s, e, label in items:
            if label != PLACE:
                continue
            name = text[s:e]
            if not sport and name not in clubs:
                continue  # elsewhere only known clubs ("Arsenal beat Chelsea")
            if (sport and name in clubs) or self.prev_word(s).lower() in TEAM_BEFORE:
                names.add(name)
                continue
            nxt = self.next_word(e)
            if nxt in TEAM_AFTER or text.startswith((" FC", " AFC"), e):
                names.add(name)
        if names:
            self.spans.items = [
                (s, e, ORG if label == PLACE and text[s:e] in names else label)
                for s, e, label in items
            ]

    def single_chunk(self, s: int, e: int, w: str) -> None:
        """A one-word chunk (the most common case): what ``chunk`` and
        ``classify`` would do with it, without their overhead."""
        if not self.spans.free(s, e):
            return
        w = _norm(w)
        if w in CONNECTORS or w in TITLES or w in TITLE_MODIFIERS or w in STOP_CAP:
            return
        g = self.g
        if (
            w.lower() in g.common
            and not self.is_known(w)
            and w not in g.places
            and self.at_sentence_start(s)
        ):
            return
        self.pending.append((s, e, w, self.prev_word(s).lower() in PERSON_CUES))

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
            and (self.in_caps_sentence(cs) or all(len(t[2]) > 2 for t in toks))
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
                head = w[: w.find("-")]
                if len(piece) and head[:1].isupper() and "-" not in w[len(head) + 1 :]:
                    # "New Jersey-based": the name is "New Jersey"
                    piece.append((t[0], t[0] + len(head), head))
                    self.piece(piece)
                else:
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
        kept = -1
        for i, t in enumerate(toks):
            if t[2] in BREAKING_CONNECTORS and start < i:
                left = toks[start:i]
                last = left[-1][2]
                if kept == i - 1 and t[2] == "the":
                    continue  # "Organization of the Petroleum Exporting Countries"
                if last in ORG_HEADS:
                    rest = [_norm(x[2]) for x in toks[i + 1 : i + 4]]
                    if not self.name_words(rest):  # not "Party of Akhilesh Yadav"
                        kept = i
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
            label = self.multi(toks, words, phrase, person_cue)
            if label == PERSON:
                self.person(toks, titled=person_cue)
            elif label == "ORG1":
                self.add(toks[:1], ORG)
            elif label:
                self.add(toks, label)
            else:
                # leading demonym / place then something else: split
                self.segment(toks, words)
            return
        # single token: decided after the whole document has been seen
        if words[0] in TITLES or words[0] in TITLE_MODIFIERS:
            return
        self.pending.append((toks[0][0], toks[0][1], words[0], person_cue))

    def multi(self, toks: list[Tok], words: list[str], phrase: str, person_cue: bool) -> str | None:
        """Label of a run of two or more capitalised words (None: segment it)."""
        g = self.g
        the = "The " + phrase
        if phrase in g.people:
            return PERSON
        if phrase in g.events or the in g.events:
            return EVENT
        if phrase in g.orgs or the in g.orgs:
            return ORG
        if phrase in g.clubs and (self.sport or phrase not in g.places):
            return ORG
        if phrase in g.places or the in g.places:
            return PLACE
        if phrase in g.demonyms:
            return NORP
        first, last = words[0], words[-1]
        if last in EVENT_KEYWORDS and (last != "Prix" or words[-2] == "Grand"):
            return EVENT
        if last in FACILITY_KEYWORDS and not (
            first in g.given and last in g.surnames and last.lower() not in g.common
        ):
            return PLACE
        if (
            any(w in ORG_KEYWORDS for w in words[1:])
            or (first in ORG_KEYWORDS and first in ORG_HEADS and len(words) > 2)
            or (first in _ORG_OF_HEADS and words[1] == "of" and len(words) > 2)
            or first in ORG_PREFIXES
        ):
            return ORG
        if first in g.orgs or first in KNOWN_ORGS:
            return "ORG1"  # "SpaceX Falcon Heavy": only the first word
        if person_cue or self.looks_like_person(words):
            return PERSON
        if self.org_context(toks[0][0], toks[-1][1]):
            return ORG
        if self.name_words(words):
            return PERSON
        return None

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
        rank = g.common_rank.get(last.lower(), 1 << 30)
        if rank < 4000 and last not in g.surnames:
            return False
        if first in g.demonyms or last in g.demonyms:
            return False
        if last in ORG_KEYWORDS or last in FACILITY_KEYWORDS or last in EVENT_KEYWORDS:
            return False
        if first in g.given and (first.lower() not in common or rank >= 4000):
            # "Victoria Beckham", "Andrea Stella" yes, "Paris Saint-Germain" no
            if first not in g.major_places or last in g.surnames:
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
        unclassified run; other single tokens go to the pending list.  A place
        inside a name made of other unknown words is not that place ("West
        Texas Intermediate")."""
        g = self.g
        n = len(toks)
        i = 0
        text = self.text
        found: list[tuple[list[Tok], str]] = []
        singles: list[tuple[int, int, str]] = []
        unknown = False
        while i < n:
            done = False
            for j in range(min(n, i + 4), i + 1, -1):
                phrase = text[toks[i][0] : toks[j - 1][1]]
                if phrase in g.places:
                    found.append((toks[i:j], PLACE))
                elif phrase in g.people:
                    found.append((toks[i:j], PERSON))
                elif phrase in g.demonyms:
                    found.append((toks[i:j], NORP))
                else:
                    continue
                i = j
                done = True
                break
            if not done:
                w = words[i]
                if w not in CONNECTORS and w not in TITLES and w not in STOP_CAP:
                    singles.append((toks[i][0], toks[i][1], w))
                    if not unknown and not self.known_single(w):
                        unknown = True
                i += 1
        places = unknown and (
            any(lab == PLACE for _, lab in found) or any(w in g.places for _, _, w in singles)
        )
        for ts, lab in found:
            if not (places and lab == PLACE):
                self.add(ts, lab)
        for s, e, w in singles:
            if not (places and w in g.places):
                self.pending.append((s, e, w, False))

    def known_single(self, w: str) -> bool:
        g = self.g
        return (
            not w.isalpha()
            or w.isupper()
            or w in g.places
            or w in g.demonyms
            or w in g.people_tokens
            or w in g.given
            or w in g.surnames
            or w in KNOWN_ORGS
            or w in g.orgs
            or w in g.clubs
            or w in TITLE_MODIFIERS
        )

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
        g = self.g
        # organisations named in the document: multi-word ones, their distinctive
        # first word ("Halvorsen" of "Halvorsen Pharmaceuticals"), and single
        # unknown words that some context marks as an organisation
        orgs = self.org_names = set()
        for s, e, label in spans.items:
            if label == ORG:
                name = text[s:e]
                orgs.add(name)
                head = name.split(" ", 1)[0]
                if (
                    head != name
                    and head.lower() not in g.common
                    and head not in g.places
                    and head not in g.demonyms
                    and head not in g.given
                    and head.isalpha()
                ):
                    orgs.add(head)
        for s, e, w, cue in self.pending:
            if (
                not cue
                and w not in orgs
                and w not in known_persons
                and w not in g.places
                and w not in g.demonyms
                and w.lower() not in g.common
                and self.org_context(s, e)
            ):
                orgs.add(w)
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
        if w in self.org_names:
            return ORG
        if w in g.people_tokens and (w.lower() not in g.common or self.in_caps_sentence(s)):
            return PERSON
        if w in g.events and (self.sport or w not in g.places):
            return EVENT
        if w in g.clubs and (self.sport or (w not in g.places and w not in g.weak_places)):
            return ORG
        if w in g.orgs and w not in g.places:
            return ORG
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
        if "." in w and w.replace(".", "") in PLACE_ACRONYMS:
            return PLACE  # "U.S."
        prev = self.prev_word(s)
        if w in g.weak_places and prev in WEAK_PLACE_PREPS:
            return PLACE
        if w.lower() not in g.common and self.prev_two(s) in _PLACE_OF:
            return PLACE  # "the town of Ingham"
        if (
            w[1:] != w[1:].lower()
            and not w.isupper()
            and w.isalnum()
            and not w.startswith(("Mc", "Mac", "De", "Di", "La", "Le", "Van", "Von"))
            and not (w.endswith("s") and w[:-1].isupper())
            and w not in g.given
        ):
            return ORG  # "SoftBank", "SpaceX", "DeepMind"
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
