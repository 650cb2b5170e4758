"""Rule- and gazetteer-based named entity recognition."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import chain

from . import gazetteer, scan
from .model import DATE, EVENT, NORP, ORG, PERSON, PLACE
from .patterns import (
    ACRONYM_DEF_RE,
    ACRONYM_RE,
    AMP_ACRONYM_RE,
    AMP_NOT_ORGS,
    BREAKING_CONNECTORS,
    CHUNK_RE,
    CHUNK_START_RE,
    COMPANY_SUFFIXES,
    CONNECTORS,
    DEMONYM_PREFIXES,
    EVENT_KEYWORDS,
    FACILITY_KEYWORDS,
    FOREIGN_PERSON_CUES,
    FOREIGN_PLACE_PREPS,
    FOREIGN_TITLES,
    INDEX_NAMES,
    KNOWN_ORGS,
    MINISTRY_HEAD_RE,
    MONTH_PREPS,
    NOT_ACRONYMS,
    NUMBERED_ORG_RE,
    NUMERIC_RE,
    NUMERIC_TRIGGER_RE,
    ORG_APPOSITION_NOUNS,
    ORG_CUES,
    ORG_HEADS,
    ORG_KEYWORDS,
    ORG_KEYWORDS_EXTRA,
    ORG_LIST_HEAD_RE,
    ORG_LIST_RE,
    ORG_OF_HEADS_EXTRA,
    ORG_PREFIXES,
    PERSON_CUES,
    PLACE_ACRONYMS,
    PLACE_PREPS,
    PORTFOLIO_SET,
    POST_NOMINALS,
    SPORT_CUE_RE,
    SPORT_EXTRA_RE,
    SPORT_SCORE_RE,
    STOP_CAP,
    TEAM_AFTER,
    TEAM_AFTER_EXTRA,
    TEAM_BEFORE,
    TEAM_BEFORE_EXTRA,
    TITLE_MODIFIERS,
    TITLES,
    WEAK_PLACE_PREPS,
)

# organisation words: the shared list, more name heads, and legal forms
ORG_KW = ORG_KEYWORDS | ORG_KEYWORDS_EXTRA | COMPANY_SUFFIXES
_TEAM_BEFORE = TEAM_BEFORE | TEAM_BEFORE_EXTRA
_TEAM_AFTER = TEAM_AFTER | TEAM_AFTER_EXTRA
# after a country name these words make it the country, even in sport reports
_PLACE_ONLY_BEFORE = frozenset(
    "in from across throughout inside near visit visited visiting".split()
)
_ORG_NEXT = frozenset(
    """spokesman spokeswoman spokesperson spokespeople executives executive shareholders
    employees staffers subsidiary unit chairman chairwoman CEO""".split()
)
_ALL_TITLES = TITLES | FOREIGN_TITLES
_INDEX_WORDS = frozenset(INDEX_NAMES)
INDEX_NUM_RE = re.compile(r"[ ]\d{2,4}(?![\w%]|[.,]\d)")
_ALL_CUES = PERSON_CUES | FOREIGN_PERSON_CUES
_ACRO_SKIP = frozenset("of for the and & on in de du des la le del di to at".split())

_OPENERS = "“\"‘'(["
_SKIP_SINGLE = STOP_CAP - TITLES
_SHARES_RE = re.compile(r"(?:[’']s)?[ ](?:shares|stock|share[ ]price)\b")
_ORG_OF_HEADS = (
    frozenset("House Chamber Court Church Order Parliament Congress Assembly".split())
    | ORG_OF_HEADS_EXTRA
)
_HEADS = ORG_HEADS | ORG_OF_HEADS_EXTRA
_PLACE_OF = frozenset(
    f"{w} of"
    for w in "town city village province state region county island port suburb district".split()
)

# a run of more digits than any number has (after a currency sign, "$", "USD "):
# no quantity, and NUMERIC_RE tried on it costs one regex call as long as the
# run (an interface freeze on a megabyte of digits)
_LONG_NUMBER = re.compile(r"(?:[^\d\s]{1,3}[ ]?)?\d{41}")

Tok = tuple[int, int, str]  # start, end, word


class _FlatSpans:
    """Non-overlapping spans, kept sorted; first come first served (a short
    text's: one sorted list)."""

    __slots__ = ("starts", "items")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.items: list[tuple[int, int, str]] = []

    def __iter__(self) -> Iterator[tuple[int, int, str]]:
        return iter(self.items)

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


class _Spans:
    """Non-overlapping spans, kept sorted; first come first served (a long
    text's).

    Kept in blocks of at most ``2 * _BLOCK`` spans: the passes add spans out
    of order (the numbers first, then the names between them), and inserting
    into one sorted list costs the list's length each time (quadratic on a
    long text); here an insertion costs a block's length."""

    __slots__ = ("firsts", "starts", "blocks")

    def __init__(self) -> None:
        self.firsts: list[int] = []  # the start of each block's first span
        self.starts: list[list[int]] = []  # the starts of each block's spans
        self.blocks: list[list[tuple[int, int, str]]] = []

    @property
    def items(self) -> list[tuple[int, int, str]]:
        """All the spans, sorted (a new list)."""
        return list(chain.from_iterable(self.blocks))

    def __iter__(self) -> Iterator[tuple[int, int, str]]:
        """The spans, sorted (none may be added meanwhile)."""
        return chain.from_iterable(self.blocks)

    @items.setter
    def items(self, items: list[tuple[int, int, str]]) -> None:
        self.blocks = [items[i : i + _BLOCK] for i in range(0, len(items), _BLOCK)]
        self.starts = [[x[0] for x in block] for block in self.blocks]
        self.firsts = [block[0][0] for block in self.blocks]

    def free(self, s: int, e: int) -> bool:
        firsts = self.firsts
        if len(firsts) == 1:  # one block (the usual article): one sorted list
            starts = self.starts[0]
            i = bisect_right(starts, s)
            if i and self.blocks[0][i - 1][1] > s:
                return False
            return i == len(starts) or starts[i] >= e
        b = bisect_right(firsts, s) - 1
        if b < 0:
            return not firsts or firsts[0] >= e
        starts = self.starts[b]
        i = bisect_right(starts, s)  # >= 1: the block's first span starts <= s
        if self.blocks[b][i - 1][1] > s:
            return False
        if i < len(starts):
            return starts[i] >= e
        return b + 1 == len(firsts) or firsts[b + 1] >= e

    def add(self, s: int, e: int, label: str) -> bool:
        if e <= s or not self.free(s, e):
            return False
        firsts = self.firsts
        if not firsts:
            self.items = [(s, e, label)]
            return True
        b = bisect_right(firsts, s) - 1 if len(firsts) > 1 else 0
        if b < 0:  # before every span
            b = 0
        starts = self.starts[b]
        block = self.blocks[b]
        i = bisect_right(starts, s)
        starts.insert(i, s)
        block.insert(i, (s, e, label))
        if not i:
            firsts[b] = s
        if len(block) > 2 * _BLOCK:
            self.blocks.insert(b + 1, block[_BLOCK:])
            self.starts.insert(b + 1, starts[_BLOCK:])
            firsts.insert(b + 1, starts[_BLOCK])
            del block[_BLOCK:], starts[_BLOCK:]
        return True


_BLOCK = 512
# texts from this length on keep their spans in blocks (_Spans), shorter ones
# in one list (_FlatSpans: a little faster while it is short)
_BLOCKED_SPANS_FROM = 100_000


def _always_free(s: int, e: int) -> bool:
    return True


def n_ok(words: list[str]) -> bool:
    """Is a name ending in a legal form more than the form itself?"""
    return len(words) > 1 and words[0] not in COMPANY_SUFFIXES


_GIVEN_FOLDED: frozenset[str] | None = None


def _folded(word: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


def _given_folded(g) -> frozenset[str]:
    """The given names without accents, so "Andrés" and "Rocío" are found."""
    global _GIVEN_FOLDED
    if _GIVEN_FOLDED is None:
        _GIVEN_FOLDED = frozenset(_folded(n) for n in g.given)
    return _GIVEN_FOLDED


# compound titles of other languages: "Finanzministerin", "Verbandssprecher"
_TITLE_SUFFIXES = (
    "minister", "ministerin", "sprecher", "sprecherin", "präsident", "präsidentin",
    "kanzler", "kanzlerin", "chef", "chefin", "direktor", "direktorin", "vorsitzende",
    "vorsitzender", "meister", "meisterin", "trainer", "trainerin", "leiter", "leiterin",
)  # fmt: skip


def _is_title(word: str, titles) -> bool:
    w = _norm(word)
    return (
        w in titles or w in TITLE_MODIFIERS or (len(w) > 8 and w.lower().endswith(_TITLE_SUFFIXES))
    )


# roles of other languages before an appositive name
_FOREIGN_ROLES = frozenset(
    """entraîneur entraineur attaquant défenseur gardien capitaine joueur directeur directrice
    porte-parole avocat avocate procureur procureure juge préfet préfète secrétaire
    entrenador delantero portero capitán jugador director directora portavoz abogado
    abogada fiscal juez jueza consejera consejero alcaldesa concejal concejala
    allenatore attaccante portiere capitano giocatore direttore direttrice portavoce
    avvocato procuratore giudice assessore sindaca trainer stürmer torwart kapitän
    spieler anwalt anwältin staatsanwalt staatsanwältin richter richterin sprecher
    sprecherin chef chefin leiter leiterin vorsitzende vorsitzender""".split()
)
_ARTICLES = frozenset("die der das den dem des le la les el los las il lo gli".split())


def _norm(w: str) -> str:
    return w[:-1] if w.endswith(".") and len(w) <= 5 else w


class _Recogniser:
    def __init__(
        self, text: str, sentences, gaz: gazetteer.Gazetteer, language: str = "en"
    ) -> None:
        self.text = text
        # English rules (capitalised runs defaulting to people, English
        # function words and contexts) only for English; "und" (too short to
        # tell) keeps them too
        self.en = language in ("en", "und", "")
        self.language = language
        self.titles = TITLES if self.en else _ALL_TITLES
        self.cues = PERSON_CUES if self.en else _ALL_CUES
        self.acronyms: dict[str, str] = {}  # "WHO" -> ORG: defined in brackets
        self.g = gaz
        self.spans = _Spans() if len(text) >= _BLOCKED_SPANS_FROM else _FlatSpans()
        self.sent_starts = [s for s, _ in sentences]  # sorted (a list: less memory than a set)
        self.sentences = sentences
        self.pending: list[tuple[int, int, str, bool]] = []  # single tokens for pass 2
        self.caps_cache: dict[int, bool] = {}
        self.sport = self.is_sport()

    def is_sport(self) -> bool:
        """Is the document a sport report (clubs named after places are teams)?"""
        if not self.en:
            return False
        n = 0
        text = self.text
        for _m in SPORT_CUE_RE.finditer(text, 0, 5000):
            n += 1
            if n >= 4:
                return True
        if not n:
            return False
        if "-" in text:
            for _m in SPORT_SCORE_RE.finditer(text, 0, 5000):
                n += 2  # "3-1"
                if n >= 4:
                    return True
        for _m in SPORT_EXTRA_RE.finditer(text, 0, 5000):
            n += 1
            if n >= 5:
                return True
        return False

    # ----------------------------------------------------------- helpers --
    def is_sentence_start(self, s: int) -> bool:
        starts = self.sent_starts
        i = bisect_left(starts, s)
        return i < len(starts) and starts[i] == s

    def at_sentence_start(self, s: int) -> bool:
        text = self.text
        if s == 0 or self.is_sentence_start(s):
            return True
        j = s - 1
        while j >= 0 and text[j] in _OPENERS:
            j -= 1
        if j < s - 1 and (j < 0 or text[j].isspace() or self.is_sentence_start(j + 1)):
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
        if not self.en:
            return False
        if self.prev_two(s) in (
            "shares in",
            "stake in",
            "investors in",
            "shareholders in",
            "shares of",
            "stake of",
        ):
            return True
        text = self.text
        if self.next_word(e) in _ORG_NEXT and text[s:e] not in self.g.places:
            return True  # a Boeing spokesman
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
            if w.lower() in g.common or w in g.places or w in g.demonyms or w in self.titles:
                return False
            if w in TITLE_MODIFIERS or w in STOP_CAP or w in KNOWN_ORGS or w in ORG_KW:
                return False
        return True

    def is_known(self, w: str) -> bool:
        g = self.g
        return (
            w in g.places
            or w in g.demonyms
            or w in g.given
            or w in g.people_tokens
            or w in self.titles
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
        long_number = _LONG_NUMBER.match
        for t in scan.finditer(NUMERIC_TRIGGER_RE, text):
            p = t.start()
            if p < pos:
                continue
            c = text[p]
            if (c.isdigit() or c.isupper() or c in "$£€¥₹₽₩") and long_number(text, p):
                continue
            m = match(text, p)
            if m:
                spans.add(p, m.end(), m.lastgroup or DATE)
                pos = m.end()
        for m in scan.finditer_starting(ORG_LIST_RE, ORG_LIST_HEAD_RE, text):
            spans.add(m.start(), m.end(), ORG)
        if "Radio " in text or "Channel " in text or "TV " in text:
            for m in scan.finditer(NUMBERED_ORG_RE, text):
                spans.add(m.start(), m.end(), ORG)  # "BBC Radio 4", "Channel 4"
        if "&" in text:
            for m in scan.finditer(AMP_ACRONYM_RE, text):
                if m.group() not in AMP_NOT_ORGS:
                    e = m.end()
                    n = INDEX_NUM_RE.match(text, e)
                    spans.add(m.start(), n.end() if n else e, ORG)  # "PG&E", "S&P 500"
        if self.en:
            if "ministry" in text or "department" in text:
                for m in scan.finditer(MINISTRY_HEAD_RE, text):
                    self.lower_ministry(m.start(), m.end())  # "the commerce ministry"
            if " (" in text:
                self.acronym_definitions()
        skip = _SKIP_SINGLE
        plc = " plc" in text or " Plc" in text
        chunk = self.chunk
        single = self.single_chunk
        for m in scan.finditer_starting(CHUNK_RE, CHUNK_START_RE, text):
            w = m.group()
            if plc and text.startswith((" plc", " Plc"), m.end()) and self.company_plc(m):
                continue
            if w in skip:
                continue  # "The", "He", "But": never a name on its own
            if " " in w and w[w.rfind(" ") + 1 :] in _INDEX_WORDS:
                n = INDEX_NUM_RE.match(text, m.end())
                if n and spans.add(m.start() + w.rfind(" ") + 1, n.end(), ORG):
                    w = w[: w.rfind(" ")]  # "The Nifty 50": the index; "The" is left
                    if w in skip or not w:
                        continue
                    chunk(m.start(), m.start() + len(w))
                    continue
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
        return self.clean_people(items)

    def clean_people(self, items: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Titles and honorifics are never part of a person's name, nor a
        person of their own ("Premier Li" -> "Li"; "President" -> nothing)."""
        text = self.text
        titles = self.titles
        out = None
        for k, (s, e, label) in enumerate(items):
            if label != PERSON:
                continue
            name = text[s:e]
            first = _norm(name.split(" ", 1)[0])
            last = _norm(name.rsplit(" ", 1)[-1])
            if not _is_title(first, titles) and last not in titles and last not in POST_NOMINALS:
                continue
            if out is None:
                out = list(items)
            words = name.split(" ")
            a = 0
            while a < len(words) and _is_title(words[a], titles):
                a += 1
            b = len(words)
            while b > a and (_norm(words[b - 1]) in titles or words[b - 1] in POST_NOMINALS):
                b -= 1
            if a >= b or all(w.lower() in _ARTICLES for w in words[a:b]):
                out[k] = None  # a title alone, or "Le" of "Le Premier ministre"
                continue
            ns = s + sum(len(w) + 1 for w in words[:a])
            ne = ns + len(" ".join(words[a:b]))
            out[k] = (ns, ne, label)
        if out is None:
            return items
        return [x for x in out if x is not None]

    def lower_ministry(self, hs: int, he: int) -> None:
        """The portfolio words before "ministry" at ``hs`` ("foreign affairs
        ministry"), if they are some, make a name in the right context."""
        words = self.text[max(0, hs - 40) : hs - 1].split(" ")
        for k in (3, 2, 1):
            if len(words) >= k and " ".join(words[-k:]) in PORTFOLIO_SET:
                s = hs - 1 - len(" ".join(words[-k:]))
                if self.ministry_context(s):
                    self.spans.add(s, he, ORG)
                return

    def ministry_context(self, s: int) -> bool:
        """Is "commerce ministry" at ``s`` a name: after "the", a possessive
        ("China’s") or "the" and a capitalised word ("the Russian ...")?"""
        before = self.text[max(0, s - 40) : s]
        if before.endswith(("the ", "The ", "’s ", "'s ")):
            return True
        words = before.split(" ")
        return len(words) >= 3 and words[-2][:1].isupper() and words[-3] in ("the", "The")

    def company_plc(self, m) -> bool:
        """A capitalised name followed by "plc" ("Rio Tinto plc") is a company."""
        text = self.text
        s, e = m.start(), m.end()
        while True:
            sp = text.find(" ", s, e)
            if sp < 0:
                break
            w = text[s:sp]
            if w in STOP_CAP or w in CONNECTORS:
                s = sp + 1
                continue
            break
        if text[s:e] in STOP_CAP:
            return False
        return self.spans.add(s, e + 4, ORG)

    def acronym_definitions(self) -> None:
        """A capitalised name followed by its initials in brackets ("the World
        Health Organization (WHO)") is an organisation (unless it is a known
        place or person), and so is the acronym wherever the text reuses it."""
        text = self.text
        g = self.g
        for m in scan.finditer(ACRONYM_DEF_RE, text):
            acro = m.group(1)
            letters = [c for c in acro if c.isupper()]
            if len(letters) < 2 or acro in NOT_ACRONYMS:
                continue
            head = text[max(0, m.start() - 160) : m.start()]
            words = head.split(" ")
            base = m.start() - len(head)
            # offsets of the words in ``head``
            offs = []
            pos = 0
            for w in words:
                offs.append(pos)
                pos += len(w) + 1
            i = len(words) - 1
            need = len(letters) - 1
            start = None
            first_word = None
            while i >= 0 and need >= 0:
                w = words[i]
                if not w:
                    break
                if w in _ACRO_SKIP:
                    i -= 1
                    continue
                if (
                    not w[0].isupper()
                    or not w.replace("-", "").replace("’", "").replace("'", "").isalpha()
                ):
                    break
                caps = [p[0] for p in w.split("-") if p and p[0].isupper()]
                if len(caps) > need + 1:
                    caps = caps[:1]
                if caps and caps == letters[need - len(caps) + 1 : need + 1]:
                    need -= len(caps)
                    start = base + offs[i]
                    first_word = w
                    i -= 1
                    continue
                if w[0] == letters[need]:
                    need -= 1
                    start = base + offs[i]
                    first_word = w
                    i -= 1
                    continue
                break
            if need >= 0 or start is None or first_word in STOP_CAP:
                continue
            long = text[start : m.start()]
            if long in g.places or long in g.people or long in g.demonyms or " " not in long:
                if long in g.places:
                    self.acronyms[acro] = PLACE
                continue
            if any(c in long for c in ",.;:"):
                continue
            self.spans.add(start, m.start(), ORG)
            self.acronyms[acro] = ORG

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
            prev = self.prev_word(s).lower()
            if name not in clubs and self.place_only(s):
                continue
            if (sport and name in clubs) or prev in _TEAM_BEFORE:
                names.add(name)
                continue
            if prev == "to" and self.prev_two(s) in (
                "lost to",
                "losing to",
                "loss to",
                "defeat to",
            ):
                names.add(name)
                continue
            nxt = self.next_word(e)
            if nxt in _TEAM_AFTER or text.startswith((" FC", " AFC"), e):
                names.add(name)
            elif sport and SPORT_SCORE_RE.match(text, e + 1) and text[e : e + 1] == " ":
                names.add(name)  # "Norway 3-1"
        if names:
            self.spans.items = [
                (
                    s,
                    e,
                    ORG
                    if label == PLACE
                    and text[s:e] in names
                    and (text[s:e] in clubs or not self.place_only(s))
                    else label,
                )
                for s, e, label in items
            ]

    def place_only(self, s: int) -> bool:
        """Does the word before ``s`` make a country the country even in a
        sport report ("in Portugal", "Keys of the United States")?"""
        prev = self.prev_word(s).lower()
        return prev in _PLACE_ONLY_BEFORE or prev == "of" or self.prev_two(s) == "of the"

    def single_chunk(self, s: int, e: int, w: str) -> None:
        """A one-word chunk (the most common case): what ``chunk`` and
        ``classify`` would do with it, without their overhead."""
        if not self.spans.free(s, e):
            return
        if w in _INDEX_WORDS:
            n = INDEX_NUM_RE.match(self.text, e)
            if n:
                self.spans.add(s, n.end(), ORG)  # "FTSE 100", "Nifty 50"
                return
        w = _norm(w)
        if w in CONNECTORS or w in self.titles or w in TITLE_MODIFIERS or w in STOP_CAP:
            return
        g = self.g
        if (
            w.lower() in g.common
            and not self.is_known(w)
            and w not in g.places
            and self.at_sentence_start(s)
        ):
            return
        self.pending.append((s, e, w, self.prev_word(s).lower() in self.cues))

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
        if free(cs, ce):
            # nothing taken in the run: nor in any of its tokens (the pieces
            # below add spans only inside the tokens before the current one)
            free = _always_free
        for k, t in enumerate(toks):
            w = t[2]
            if w == "and" and piece and self.en and self.and_inside(piece, toks[k + 1 :]):
                piece.append(t)  # "Securities and Exchange Commission"
                continue
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

    def and_inside(self, left: list[Tok], right: list[Tok]) -> bool:
        """Does "and" join two halves of one organisation's name ("Food and
        Drug Administration") rather than two names ("Britain and France")?"""
        if not right or not right[0][2][:1].isupper() or right[0][2] in CONNECTORS:
            return False
        end = len(right)
        for i, t in enumerate(right):
            if t[2] == "and" or not self.spans.free(t[0], t[1]):
                end = i
                break
        right = right[:end]
        if len(left) + len(right) < 3 or _norm(right[-1][2]) not in ORG_KW:
            return False
        g = self.g
        if (
            len(left) == 1
            and len(right) >= 3
            and left[0][2] in g.places
            and right[0][2] in g.places
        ):
            return True  # "England and Wales Cricket Board"
        for t in left:
            w = _norm(t[2])
            if w in ORG_HEADS or w in g.orgs or w in KNOWN_ORGS or w in g.demonyms:
                return False
            if (
                w in g.places
                and w not in PLACE_ACRONYMS
                and w.replace(".", "") not in PLACE_ACRONYMS
            ):
                return False
            if w in g.people_tokens or (w in g.given and len(left) > 1):
                return False
        return self.text[left[0][0] : left[-1][1]] not in g.places

    def piece(self, toks: list[Tok]) -> None:
        """Split a piece at breaking connectors ("of", "for", "the") unless they
        belong inside a name ("Bank of England"), then classify."""
        if not toks:
            return
        start = 0
        g = self.g
        if not self.en and len(toks) > 2:
            # a name inside a longer run: "Katrin Albers von der Universität
            # Bonn", "Autoexperte Ferdinand Lutz", "Herr Stahl von der IG Metall"
            given = _given_folded(g)
            for i in range(len(toks) - 1):
                w, nxt = toks[i][2], toks[i + 1][2]
                title = w in self.titles and i == 0 and _folded(nxt) not in given
                if not (
                    (_folded(w) in given or title) and nxt[:1].isupper() and nxt not in CONNECTORS
                ):
                    continue
                end = i + 2
                if end == len(toks) and i == 0:
                    break  # the whole run is the name: classify it as it is
                if i:
                    self.piece(toks[:i])
                self.piece(toks[i:end])
                while end < len(toks) and toks[end][2][:1].islower():
                    end += 1
                self.piece(toks[end:])
                return
        kept = -1
        for i, t in enumerate(toks):
            if t[2] in BREAKING_CONNECTORS and start < i:
                left = toks[start:i]
                last = left[-1][2]
                if kept == i - 1 and t[2] == "the":
                    continue  # "Organization of the Petroleum Exporting Countries"
                if last in _HEADS:
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
            if w in STOP_CAP and w not in self.titles:
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
                        toks[-1][2] in ORG_KW
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
            if words[i] in self.titles:
                t_idx = i
        if t_idx >= 0:
            rest = toks[t_idx + 1 :]
            rest_words = words[t_idx + 1 :]
            if rest_words[0] not in TITLE_MODIFIERS:
                org_at = next((i for i, w in enumerate(rest_words) if w in ORG_KW), -1)
                if org_at < 0:
                    self.title_prefix(toks[: t_idx + 1], words[t_idx])
                    self.person(rest, titled=True)
                    return
                # "Herr Müller von der Deutschen Bank": a name, a connector, an organisation
                conn = next((i for i, w in enumerate(rest_words) if w in CONNECTORS), -1)
                if 0 < conn < org_at:
                    self.title_prefix(toks[: t_idx + 1], words[t_idx])
                    self.person(rest[:conn], titled=True)
                    self.classify(rest[conn + 1 :])
                    return
        person_cue = self.prev_word(toks[0][0]).lower() in self.cues

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
        if words[0] in self.titles or words[0] in TITLE_MODIFIERS:
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
        if not self.en:
            # other languages: only gazetteers, legal forms and titles (above)
            if last in COMPANY_SUFFIXES and n_ok(words):
                return ORG
            if first in g.orgs or first in KNOWN_ORGS:
                return "ORG1"
            if person_cue and len(words) <= 3:
                return PERSON
            # a given name and a surname ("Andrés Salvatierra", "Nadia Ferhat"),
            # after titles ("Finanzministerin Anja Roth"; cleaned off later)
            named = words
            while len(named) > 2 and (
                _is_title(named[0], self.titles) or named[0].lower() in _ARTICLES
            ):
                named = named[1:]
            # an appositive after a role: "l’entraîneur lyonnais, Moussa Sarr,"
            if 2 <= len(named) <= 3 and self.role_before(toks[0][0]):
                return PERSON
            # Hungarian puts the family name first: "Szalai Gábor"
            given_at = -1 if self.language == "hu" else 0
            if (
                2 <= len(named) <= 3
                and _folded(named[given_at]) in _given_folded(g)
                and named[1][0].isupper()
                and not any(w in g.major_places or w in g.orgs for w in named)
            ):
                return PERSON
            return None
        if last == "Administration" and (first in g.people_tokens or first in g.surnames):
            return None  # "the Trump Administration": the person
        if last in COMPANY_SUFFIXES and (first in g.orgs or first in KNOWN_ORGS):
            return ORG  # "Airbus SE"
        if last in EVENT_KEYWORDS and (last != "Prix" or words[-2] == "Grand"):
            return EVENT
        if (
            last in FACILITY_KEYWORDS
            and len(words) > 2
            and words[-2] in g.given
            and last in g.surnames
            and all(w in TITLES or w in TITLE_MODIFIERS for w in words[:-2])
        ):
            return PERSON  # "Chief Executive Elaine Park": titles are cleaned off later
        if last in FACILITY_KEYWORDS and not (
            first in g.given and last in g.surnames and last.lower() not in g.common
        ):
            return PLACE
        if (
            any(w in ORG_KW for w in words[1:])
            or (first in ORG_KW and first in ORG_HEADS and len(words) > 2)
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
        while end > 0 and (words[end - 1] in TITLE_MODIFIERS or words[end - 1] in self.titles):
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
        elif any(_norm(t[2]) in ORG_KW for t in pre) or phrase in KNOWN_ORGS:
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
        if last in ORG_KW or last in FACILITY_KEYWORDS or last in EVENT_KEYWORDS:
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
                if w not in CONNECTORS and w not in self.titles and w not in STOP_CAP:
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
        for s, e, label in self.spans:
            if label == PERSON:
                parts = text[s:e].split()
                known_persons.update(
                    p for p in parts if p[:1].isupper() and p.lower() not in _ARTICLES
                )
        spans = self.spans
        g = self.g
        # organisations named in the document: multi-word ones, their distinctive
        # first word ("Halvorsen" of "Halvorsen Pharmaceuticals"), and single
        # unknown words that some context marks as an organisation
        orgs = self.org_names = set()
        for s, e, label in spans:
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
        acro = self.acronyms.get(w)
        if acro:
            return acro  # defined in brackets earlier: "the World Health Organization (WHO)"
        if w in self.org_names:
            return ORG
        if not self.en:
            return self.single_foreign(s, w)
        if w in g.people_tokens and (w.lower() not in g.common or self.in_caps_sentence(s)):
            return PERSON
        if w in g.events and (self.sport or w not in g.places):
            return EVENT
        if w in g.clubs and (self.sport or (w not in g.places and w not in g.weak_places)):
            return ORG
        if w in g.orgs and w not in g.major_places:
            return ORG  # "Xinhua" (also a town)
        if w in g.places:
            return PLACE
        if w in g.demonyms:
            return NORP
        if w in KNOWN_ORGS:
            return ORG
        if (
            w in ORG_KW
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
        if w.isupper() and (len(w) > 2 and w in g.upper_places or ACRONYM_RE.fullmatch(w)):
            return self.capitals(s, w)
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

    def role_before(self, s: int) -> bool:
        """Whether the name at ``s`` follows a role and a comma: "El alcalde
        de Barcelona, Jordi Castells", "l’entraîneur lyonnais, Moussa Sarr"."""
        before = self.text[max(0, s - 60) : s]
        if not before.endswith(", "):
            return False
        clause = re.split(r"[.;:!?«»„“”\n]", before[:-2])[-1]
        for w in clause.split()[-5:]:
            w = w.lower().split("’")[-1].split("'")[-1]
            if w in FOREIGN_PERSON_CUES or (len(w) > 8 and w.endswith(_TITLE_SUFFIXES)):
                return True
            if w in _FOREIGN_ROLES:
                return True
        return False

    def single_foreign(self, s: int, w: str) -> str | None:
        """One capitalised word in a text that is not English: nouns are
        capitalised in German, so only gazetteers and acronyms count."""
        g = self.g
        if w in g.people_tokens and len(w) > 2:  # "Un" of "Kim Jong Un" is a Spanish article
            return PERSON
        if w in g.clubs and self.sport:
            return ORG
        if w in g.orgs and w not in g.major_places:
            return ORG
        if w in KNOWN_ORGS:
            return ORG
        if w in g.places or w in g.weak_places:
            if w in g.major_places or self.prev_word(s).lower() in FOREIGN_PLACE_PREPS:
                return PLACE
            return None
        if w.isupper():
            return self.capitals(s, w)
        return None

    def capitals(self, s: int, w: str) -> str | None:
        """A word in capitals: a place written in capitals ("LONDON (Reuters)
        -"), else an acronym (an organisation unless it is a place's or a
        common one, or the sentence is all in capitals)."""
        if len(w) > 2 and w in self.g.upper_places:
            return PLACE
        if ACRONYM_RE.fullmatch(w) and sum(c.isalpha() for c in w) >= 2:
            if w in PLACE_ACRONYMS:
                return PLACE
            if w in NOT_ACRONYMS or self.in_caps_sentence(s):
                return None
            return ORG
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


def find_entities(text: str, sentences, language: str | None = None) -> list[tuple[int, int, str]]:
    """Return sorted, non-overlapping ``(start, end, label)`` triples.

    ``language`` (ISO 639-1, see :func:`reader.analysis.language.detect_language`)
    is detected when not given; the English-only rules apply to English text
    alone (and to text too short to tell)."""
    if language is None:
        from .language import detect_language

        language = detect_language(text)
    rec = _Recogniser(text, list(sentences), gazetteer.get(), language)
    return rec.run()


def _triples(entities):
    for x in entities:
        if isinstance(x, tuple):
            yield x[0], x[1], x[2]
        else:  # an Entity
            yield x.start, x.end, x.label


def person_registry(text: str, entities) -> dict[int, str]:
    """The one partial-to-full name resolver (speakers, the entities panel and
    ``Entity.canon`` all use it).

    Maps the start of each PERSON entity (``(start, end, label)`` triples or
    ``Entity`` objects) to the fullest form of the name that the document
    gives: "Mr Li", "Premier Li" and "Li" after "Li Qiang" -> "Li Qiang";
    "Lula da Silva" -> "Luiz Inacio Lula da Silva".  A surname (or a
    surname-first family name) goes to the nearest earlier full name that ends
    (or starts) with it, else the first later one; a first name alone goes to
    a full name only when one person in the text has it.  Titles are never
    part of a PERSON span, so they never reach the registry."""
    g = gazetteer.get()
    people = [(s, e, text[s:e]) for s, e, label in _triples(entities) if label == PERSON]
    by_last: dict[str, list[tuple[int, str]]] = {}
    by_first: dict[str, set[str]] = {}
    first_at: dict[str, list[tuple[int, str]]] = {}
    full_names: list[tuple[int, str]] = []
    for s, _e, name in people:
        parts = name.split()
        if len(parts) < 2:
            continue
        full_names.append((s, name))
        by_last.setdefault(parts[-1], []).append((s, name))
        if parts[0] not in g.given or len(parts[0]) <= 3 or parts[0] in g.east_asian:
            by_last.setdefault(parts[0], []).append((s, name))  # "Li Qiang" -> "Li"
        by_first.setdefault(parts[0], set()).add(name)
        first_at.setdefault(parts[0], []).append((s, name))
    # a full name that is part of a longer one ("Lula da Silva") takes the longer
    # (the first of the names, longest first, that ends with " " + n or starts
    # with n + " ": found through each name's word-aligned heads and tails,
    # not by comparing every pair of names -- quadratic in a long text)
    names = sorted({n for _, n in full_names}, key=len, reverse=True)
    first_longer: dict[str, str] = {}
    for m in names:
        p = m.find(" ")
        while p >= 0:
            first_longer.setdefault(m[:p], m)
            first_longer.setdefault(m[p + 1 :], m)
            p = m.find(" ", p + 1)
    longer = {n: first_longer[n] for n in names if n in first_longer}
    out: dict[int, str] = {}
    for s, _e, name in people:
        if " " in name:
            out[s] = longer.get(name, name)
            continue
        cands = by_last.get(name)
        if not cands:
            firsts = by_first.get(name)
            if firsts and len(firsts) == 1:
                cands = first_at[name]  # "Serena" -> "Serena Williams"
            else:
                out[s] = name
                continue
        i = bisect_right(cands, (s, "")) - 1
        full = cands[i][1] if i >= 0 else cands[0][1]
        out[s] = longer.get(full, full)
    return out
