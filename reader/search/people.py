"""People and quotations across the library: what the search index stores of them.

Pure Python (no Textual); the CLI (``limelight people``, ``limelight
quotes``) and the app's People screen both read these through
:meth:`reader.search.index.SearchIndex.people` and
:meth:`reader.search.index.SearchIndex.quotes`.

A person is identified by a *key*: the words of their full name (an
entity's ``canon``, else its text) case- and accent-folded, with leading
titles and honorifics removed ("President Vladimir Putin", "Vladimir
Putin" → ``vladimir putin``). A mention that is only a title ("Mr",
"President", "Prime Minister") has an empty key and is never a person.

An article that names someone only by one word ("Mr Li said…", analysed
as person ``li`` because it never gives the full name) is merged, across
the library, into the one full-name person whose key ends or starts with
that word (``li qiang``: East Asian surnames come first), when there is
exactly one: :func:`single_word_owners`. With two ("Li Qiang", "Li Wei")
the single word stays a person of its own. (Within one article the analysis
has already resolved "Mr Li" to "Li Qiang":
:func:`reader.analysis.entities.person_registry`, whose ``Entity.canon`` the
key is made of; this merge is the library-wide rule for articles that never
give the full name, and has no document order to go by.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from reader.lazy import LazyPattern
from reader.search.fold import fold_lower
from reader.search.query import words_of

__all__ = [
    "Person",
    "QuoteHit",
    "display_name",
    "described_words",
    "honorifics",
    "person_key",
    "single_word_owners",
    "speaker_key",
]

# Leading words of the analysis's title lists that are as often names
# ("Dean Smith", "Pan Gongsheng", "Junior Dos Santos"): kept in a name.
_AS_OFTEN_NAMES = frozenset(
    "major maj dean bishop don dona junior baron emir sultan pan hon".split()
)
# Honorifics the analysis does not read as titles (to it "Doctor" and "Chair"
# are ordinary words), dropped from the front of a name all the same.
_MORE_TITLES = frozenset("mister madam doctor chair cmdr".split())


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    """The words removed from the front of a name, folded and lower-cased:
    the analysis's titles (:data:`reader.analysis.patterns.TITLES`), the words
    that qualify them (``TITLE_MODIFIERS``: "Prime", "Foreign", "Deputy",
    "former") and other languages' titles (``FOREIGN_TITLES``: "Herr",
    "Mme"), without the ones that are as often names ("Major", "Dean",
    "Bishop", "Don"). Built on first use: the lists load with the analysis."""
    from reader.analysis.patterns import FOREIGN_TITLES, TITLE_MODIFIERS, TITLES

    titles = {fold_lower(word).rstrip(".") for word in TITLES | TITLE_MODIFIERS | FOREIGN_TITLES}
    return frozenset((titles - _AS_OFTEN_NAMES) | _MORE_TITLES)


_ARTICLES = frozenset({"the", "a", "an"})
_LEADING_WORD = LazyPattern(r"\s*([^\W_][\w.'’-]*)\.?\s*")  # not for a search


def _strip_leading(words: list[str], drop: frozenset[str]) -> list[str]:
    at = 0
    while at < len(words) and words[at].lower() in drop:
        at += 1
    return words[at:]


def _key_words(text: str) -> list[str]:
    words = [w.lower() for w in words_of(text)]
    # "Putin's" is read as "Putin" "s".
    if len(words) > 1 and words[-1] == "s" and re.search(r"['’]s\W*$", text):
        words.pop()
    return words


@lru_cache(maxsize=1)
def _leading_drop() -> frozenset[str]:
    return honorifics() | _ARTICLES


def person_key(text: str) -> str:
    """The grouping key of a person's name: folded words, titles removed (may be "")."""
    return " ".join(_strip_leading(_key_words(text), _leading_drop()))


def speaker_key(text: str, kind: str | None = None) -> str:
    """The key a quotation's speaker is matched by: :func:`person_key` for a
    person (or an unknown kind), else the folded words without a leading
    article ("the Kremlin" → ``kremlin``)."""
    if kind in (None, "person"):
        key = person_key(text)
        if key or kind == "person":
            return key
    return " ".join(_strip_leading(_key_words(text), _ARTICLES))


def described_words(text: str) -> list[str]:
    """The words a described source is looked up by: its folded words without
    a leading article ("a Spokeswoman" → ``["spokeswoman"]``)."""
    return _strip_leading(_key_words(text), _ARTICLES)


def single_word_owners(keys: Iterable[str]) -> dict[str, str]:
    """Single-word person key -> the full-name key it belongs to: the only key
    of ``keys`` of several words whose last word or first word it is
    (``li`` -> ``li qiang``). A single word that two or more full names
    share ("li qiang", "li wei") or that none has is left out. One pass."""
    keys = [key for key in keys if key]
    singles = {key for key in keys if " " not in key}
    if not singles:
        return {}
    owners: dict[str, set[str]] = {}
    for key in keys:
        if " " not in key:
            continue
        first, last = key.partition(" ")[0], key.rpartition(" ")[2]
        for word in {first, last}:
            if word in singles:
                owners.setdefault(word, set()).add(key)
    return {word: next(iter(full)) for word, full in owners.items() if len(full) == 1}


def display_name(text: str) -> str:
    """``text`` as written, without its leading titles: "President Joe Biden" → "Joe Biden"."""
    text = " ".join(text.split())
    rest = text
    while True:
        found = _LEADING_WORD.match(rest)
        if not found:
            break
        word = fold_lower(found.group(1)).rstrip(".")
        if word not in _leading_drop():
            break
        rest = rest[found.end() :]
    return rest.strip() if person_key(rest) else ""


class Person(NamedTuple):
    """Someone named as a PERSON somewhere in the library."""

    name: str  # the full name, as most often written
    aliases: tuple[str, ...]  # the other texts of their mentions ("Mr Li", "Li"), commonest first
    articles: int  # articles that mention or quote them (titles and deks included)
    mentions: int  # mentions in titles, deks and bodies
    quotes: int  # quotations attributed to them in article bodies

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "articles": self.articles,
            "mentions": self.mentions,
            "quotes": self.quotes,
        }


class QuoteHit(NamedTuple):
    """A quotation of an article; ``start``/``end`` point into its ``part``:
    the body (the ``text`` of ``limelight analyze --json``), the dek or the
    title (its ``dek`` and ``title``)."""

    article_id: str
    title: str
    start: int
    end: int
    text: str  # body[start:end], quotation marks included
    speaker: str | None  # full name, organisation or description; None if unattributed
    speaker_kind: str | None  # "person" | "org" | "described" | None
    part: str = "body"  # "body", "dek" or "title"

    def to_dict(self) -> dict:
        return {
            "article_id": self.article_id,
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker,
            "speaker_kind": self.speaker_kind,
            "part": self.part,
        }
