"""The library search's query language, and its translation to SQLite FTS5.

    russia sanctions          every word must match (AND)
    "belt and road"           an exact phrase
    -oil  -"central bank"     exclude a word or a phrase
    sanction*                 a prefix
    person:Putin  person:"Xi Jinping"  org:NATO  place:Beijing  norp:Chinese
                              articles whose named entities match (also date:,
                              money:, percent:, quantity:, event:, group:)
    said:Li  said:"Li Qiang"  articles in which that speaker (full name or an
                              alias, titles ignored) is quoted

An unknown ``field:`` is read as plain words and unbalanced quotes are
tolerated: :func:`parse` never raises. Every user word reaches FTS5 inside
double quotes, so FTS5's own syntax (``AND OR NOT ( ) * : ^ NEAR``) typed in a
query is only ever text.

A repeated term or filter counts once, and a query keeps its first
:data:`MAX_TERMS` distinct terms and filters, each of at most
:data:`MAX_PHRASE_WORDS` words: a pasted passage is searched by its
beginning, and :attr:`Query.truncated` (with :attr:`Query.notice`) says what
was left out.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from reader.search.fold import fold_lower, fold_query

__all__ = [
    "FIELDS",
    "MAX_PHRASE_WORDS",
    "MAX_TERMS",
    "SAID",
    "Filter",
    "Query",
    "Term",
    "parse",
    "words_of",
]

# The most distinct terms and filters a query keeps (the first ones), and the
# most words of one phrase or filter: a longer query (a pasted passage) would
# cost seconds to minutes and find nothing more.
MAX_TERMS = 32
MAX_PHRASE_WORDS = 32

# The pseudo-label of ``said:`` filters: quotations by a speaker, not entities.
SAID = "SAID"

# Query field -> analysis label (reader.analysis.model), or SAID.
FIELDS = {
    "person": "PERSON",
    "org": "ORG",
    "place": "PLACE",
    "norp": "NORP",
    "group": "NORP",
    "date": "DATE",
    "money": "MONEY",
    "percent": "PERCENT",
    "quantity": "QUANTITY",
    "event": "EVENT",
    "said": SAID,
}

# What SQLite's unicode61 tokenizer keeps as token characters, roughly:
# letters, digits and marks; everything else separates tokens.
_WORD = re.compile(r"[^\W_]+")
_FIELD = re.compile(r"([A-Za-z]+):")


def words_of(text: str) -> tuple[str, ...]:
    """The folded tokens of ``text`` as the index sees them (no punctuation).

    Folded as :func:`reader.search.fold.fold_query` folds (``São`` → ``Sao``,
    ``Straße`` → ``Strasse``), as the indexed text is; case is kept.
    """
    return tuple(_WORD.findall(fold_query(unicodedata.normalize("NFC", text))))


class Term(NamedTuple):
    """A word, a phrase (several words in a row) or a prefix; maybe excluded."""

    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False

    def fts(self) -> str:
        phrase = '"' + " ".join(self.words) + '"'
        return phrase + " *" if self.prefix else phrase


class Filter(NamedTuple):
    """An entity constraint: ``person:Putin`` is ``Filter("PERSON", ("Putin",))``;
    ``said:Li`` is ``Filter(SAID, ("Li",))``."""

    label: str
    words: tuple[str, ...]
    negated: bool = False

    def fts(self) -> str:
        return '"' + " ".join(self.words) + '"'


class Query(NamedTuple):
    terms: tuple[Term, ...] = ()
    filters: tuple[Filter, ...] = ()
    # How many distinct terms and filters were left out (beyond MAX_TERMS),
    # and whether a phrase or filter was cut to MAX_PHRASE_WORDS words.
    dropped: int = 0
    shortened: bool = False

    @property
    def truncated(self) -> bool:
        """Whether part of the query was left out (see :attr:`notice`)."""
        return self.dropped > 0 or self.shortened

    @property
    def notice(self) -> str | None:
        """A one-line message saying what was left out, or None."""
        if not self.truncated:
            return None
        parts = []
        if self.dropped:
            kept = len(self.terms) + len(self.filters)
            parts.append(
                f"searched for the first {kept} distinct words and phrases,"
                f" {self.dropped} more left out"
            )
        if self.shortened:
            parts.append(f"phrases cut to {MAX_PHRASE_WORDS} words")
        return "query too long: " + "; ".join(parts)

    @property
    def positive(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if not t.negated)

    @property
    def negative(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.negated)

    @property
    def positive_filters(self) -> tuple[Filter, ...]:
        return tuple(f for f in self.filters if not f.negated)

    @property
    def negative_filters(self) -> tuple[Filter, ...]:
        return tuple(f for f in self.filters if f.negated)

    @property
    def empty(self) -> bool:
        """Nothing to look for (no positive term or filter)."""
        return not self.positive and not self.positive_filters

    def match_expression(self) -> str | None:
        """The FTS5 MATCH expression for the positive and excluded terms.

        None when there is no positive term (FTS5 cannot search for "not X"
        alone; the caller then excludes :meth:`exclusion_expression` itself).
        """
        positive = [t.fts() for t in self.positive]
        if not positive:
            return None
        expression = " AND ".join(positive)
        exclusion = self.exclusion_expression()
        if exclusion:
            expression = f"({expression}) NOT ({exclusion})"
        return expression

    def exclusion_expression(self) -> str | None:
        negative = [t.fts() for t in self.negative]
        return " OR ".join(negative) if negative else None

    def highlight_patterns(self, *, filters: bool = True) -> tuple[re.Pattern[str], ...]:
        """Patterns matching the positive terms in a folded, lower-cased text.

        For :func:`reader.search.find.find_lowered`: a phrase matches its words
        separated by anything that is not a word character, a prefix any word
        that starts with it, a word a whole word. With ``filters`` the entity
        names of the positive filters are included.
        """
        groups = [(t.words, t.prefix) for t in self.positive]
        if filters:
            groups += [(f.words, False) for f in self.positive_filters]
        patterns = []
        for words, prefix in dict.fromkeys(groups):
            lowered = [fold_lower(w) for w in words]
            parts = [re.escape(w) for w in lowered]
            # The word first, so that the regex engine can search for it as a
            # literal; the check that no word character precedes it after.
            first = parts[0] + rf"(?<!\w(?s:.){{{len(lowered[0])}}})"
            body = r"[\W_]+".join([first, *parts[1:]])
            patterns.append(re.compile(body + (r"\w*" if prefix else r"(?!\w)")))
        return tuple(patterns)


def _read_quoted(text: str, at: int) -> tuple[str, int]:
    """The text after an opening quote at ``at`` up to the closing one (or the end)."""
    close = text.find('"', at + 1)
    if close < 0:
        return text[at + 1 :], len(text)
    return text[at + 1 : close], close + 1


def _read_bare(text: str, at: int) -> tuple[str, int]:
    end = at
    while end < len(text) and not text[end].isspace() and text[end] != '"':
        end += 1
    return text[at:end], end


def parse(text: str) -> Query:
    """Parse a query; never raises. Terms with no word characters are dropped,
    repeated ones kept once, and the query capped (see the module's docstring)."""
    terms: list[Term] = []
    filters: list[Filter] = []
    seen: set[tuple] = set()  # terms and filters kept or left out, case ignored
    dropped = 0
    shortened = False

    def keep(item: Term | Filter) -> None:
        nonlocal dropped, shortened
        if len(item.words) > MAX_PHRASE_WORDS:
            shortened = True
            words = item.words[:MAX_PHRASE_WORDS]
            if isinstance(item, Term):  # the prefix was the last word's, cut off
                item = Term(words, prefix=False, negated=item.negated)
            else:
                item = Filter(item.label, words, negated=item.negated)
        key = (
            getattr(item, "label", None),
            tuple(word.casefold() for word in item.words),
            getattr(item, "prefix", False),
            item.negated,
        )
        if key in seen:
            return
        seen.add(key)
        if len(terms) + len(filters) >= MAX_TERMS:
            dropped += 1
        elif isinstance(item, Term):
            terms.append(item)
        else:
            filters.append(item)

    text = text.replace("\u201c", '"').replace("\u201d", '"')  # typographic quotes
    at = 0
    length = len(text)
    while at < length:
        char = text[at]
        if char.isspace():
            at += 1
            continue
        negated = False
        if char == "-" and at + 1 < length and not text[at + 1].isspace():
            negated = True
            at += 1
            char = text[at]
        if char == '"':
            raw, at = _read_quoted(text, at)
            words = words_of(raw)
            if words:
                prefix = raw.rstrip().endswith("*")
                keep(Term(words, prefix=prefix, negated=negated))
            continue
        known = _FIELD.match(text, at)
        if known and known.group(1).lower() in FIELDS:
            label = FIELDS[known.group(1).lower()]
            at = known.end()
            if at < length and text[at] == '"':
                raw, at = _read_quoted(text, at)
            else:
                raw, at = _read_bare(text, at)
            words = words_of(raw)
            if words:
                keep(Filter(label, words, negated=negated))
            continue
        raw, at = _read_bare(text, at)
        prefix = raw.endswith("*")
        words = words_of(raw)
        if not words:
            continue
        # "foo:bar", "U.S.", "don't" become a phrase of adjacent tokens, as
        # FTS5 reads them in the text.
        keep(Term(words, prefix=prefix, negated=negated))
    return Query(tuple(terms), tuple(filters), dropped=dropped, shortened=shortened)
