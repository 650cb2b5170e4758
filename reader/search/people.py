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
the single word stays a person of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from reader.search.find import fold_query
from reader.search.query import words_of

__all__ = [
    "HONORIFICS",
    "Person",
    "QuoteHit",
    "display_name",
    "described_words",
    "person_key",
    "single_word_owners",
    "speaker_key",
]

# Titles, honorifics and the words that qualify them ("Prime", "Foreign",
# "Deputy", "former"), folded and lower-cased, without their dots. Only
# leading ones are removed from a name. Words that are as often names
# ("Major", "Dean", "Bishop", "Don") are left out on purpose.
HONORIFICS = frozenset(
    """
    mr mrs ms miss mx mister madam madame mme mlle monsieur m herr frau sr sra srta senor senora
    dr doctor prof professor sir dame lord lady
    president vice prime minister premier chancellor secretary general
    senator sen rep representative congressman congresswoman governor gov mayor
    king queen prince princess emperor empress pope cardinal archbishop rabbi imam sheikh
    ayatollah rev reverend father
    gen col colonel capt captain lt lieutenant sgt sergeant admiral commander cmdr
    judge justice chief chairman chairwoman chairperson chair
    deputy foreign defence defense finance interior health trade home state acting former
    ambassador envoy commissioner inspector detective officer constable superintendent
    ceo coach
    """.split()
)
_ARTICLES = frozenset({"the", "a", "an"})
_LEADING_WORD = re.compile(r"\s*([^\W_][\w.'’-]*)\.?\s*")


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


def person_key(text: str) -> str:
    """The grouping key of a person's name: folded words, titles removed (may be "")."""
    return " ".join(_strip_leading(_key_words(text), HONORIFICS | _ARTICLES))


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
        word = fold_query(found.group(1)).rstrip(".").lower()
        if word not in HONORIFICS and word not in _ARTICLES:
            break
        rest = rest[found.end() :]
    return rest.strip() if person_key(rest) else ""


@dataclass(frozen=True, slots=True)
class Person:
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


@dataclass(frozen=True, slots=True)
class QuoteHit:
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
