"""People search drops the analysis's titles (reader.analysis.patterns) from
the front of a name: one list of titles for the analysis and the people."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.analysis import Analysis, Entity, Quote
from reader.analysis.patterns import FOREIGN_TITLES, TITLE_MODIFIERS, TITLES
from reader.library.model import Article, Block
from reader.search.fold import fold_lower
from reader.search.index import SearchIndex
from reader.search.people import display_name, honorifics, person_key

ROOT = Path(__file__).resolve().parent.parent

# Words of the analysis's title lists that are as often names: kept in a name.
AS_OFTEN_NAMES = {"major", "maj", "dean", "bishop", "don", "dona", "junior", "baron", "emir"}
AS_OFTEN_NAMES |= {"sultan", "pan", "hon"}

# Every word the people search dropped before it used the analysis's lists.
DROPPED_BEFORE = """
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


def test_the_analysis_titles_are_the_people_titles():
    analysis = {fold_lower(word) for word in TITLES | TITLE_MODIFIERS | FOREIGN_TITLES}
    assert analysis - AS_OFTEN_NAMES <= honorifics()
    assert not AS_OFTEN_NAMES & honorifics()
    # Only a handful of honorifics are the people search's own.
    assert honorifics() - analysis == {"mister", "madam", "doctor", "chair", "cmdr"}


@pytest.mark.parametrize(
    "title",
    sorted(
        title
        for title in TITLES | TITLE_MODIFIERS | FOREIGN_TITLES
        # not a name, and one word to the search ("President-elect" is two)
        if fold_lower(title) not in AS_OFTEN_NAMES and "-" not in title
    ),
)
def test_every_analysis_title_leaves_the_name(title):
    assert person_key(f"{title} Ana Costa") == "ana costa"
    assert display_name(f"{title} Ana Costa") == "Ana Costa"
    assert person_key(f"{title.upper()}. Ana Costa") == "ana costa"


@pytest.mark.parametrize("title", DROPPED_BEFORE)
def test_every_title_dropped_before_is_dropped_still(title):
    assert person_key(f"{title.capitalize()} Ana Costa") == "ana costa"
    assert display_name(f"{title.capitalize()}. Ana Costa") == "Ana Costa"
    assert person_key(title) == ""


@pytest.mark.parametrize(
    "name", ["Dean Smith", "Major Griffin", "Bishop Lamont", "Don Corleone", "Pan Gongsheng"]
)
def test_names_that_are_titles_too_stay_names(name):
    assert person_key(name) == fold_lower(name)
    assert display_name(name) == name


def test_titles_of_the_analysis_lists_are_dropped_from_names():
    assert person_key("Spokesman John Kirby") == person_key("John Kirby")
    assert person_key("Speaker Nancy Pelosi") == "nancy pelosi"
    assert person_key("First Lady Jill Biden") == "jill biden"
    assert person_key("Bundeskanzler Olaf Scholz") == "olaf scholz"
    assert display_name("Grand Ayatollah Ali Sistani") == "Ali Sistani"
    assert person_key("Speaker") == "" and person_key("Madam Speaker") == ""


def article(title: str, body: str) -> Article:
    return Article(title=title, blocks=(Block("paragraph", body),), source=f"/lib/{title}.txt")


def person(body: str, name: str) -> Entity:
    return Entity(body.index(name), body.index(name) + len(name), "PERSON", name)


def quote(body: str, text: str, speaker: str) -> Quote:
    return Quote(body.index(text), body.index(text) + len(text), text, speaker, "person")


def test_people_search_joins_a_name_written_with_a_title(tmp_path):
    # An engine that keeps a title in the PERSON span (spaCy may).
    titled = "“We will not comment,” said Spokesman John Kirby."
    plain = "“Talks go on,” John Kirby said."
    analyses = {
        "Titled": Analysis(
            entities=(person(titled, "Spokesman John Kirby"),),
            quotes=(quote(titled, "“We will not comment,”", "Spokesman John Kirby"),),
        ),
        "Plain": Analysis(
            entities=(person(plain, "John Kirby"),),
            quotes=(quote(plain, "“Talks go on,”", "John Kirby"),),
        ),
    }
    with SearchIndex(tmp_path / "search.sqlite") as index:
        index.update(
            [article("Titled", titled), article("Plain", plain)],
            analyse=lambda art: analyses[art.title],
        )
        [kirby] = index.people()
        assert kirby.name == "John Kirby"
        assert kirby.aliases == ("Spokesman John Kirby",)
        assert (kirby.articles, kirby.quotes) == (2, 2)
        assert len(index.quotes(speaker="Spokesman Kirby")) == 2


def test_the_search_index_loads_the_titles_only_when_a_name_is_keyed():
    code = (
        "import sys, reader.search.index, reader.search.people as p; "
        "before = 'reader.analysis.patterns' in sys.modules; "
        "p.person_key('Mr Li'); "
        "print(before, 'reader.analysis.patterns' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout.strip()
    assert out == "False True"
