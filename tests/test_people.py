"""People and quotes across the library: the index's tables, ``said:``, and the CLI."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from reader.analysis import Analysis, Entity, Quote
from reader.library.model import Article, Block
from reader.search.index import SearchIndex
from reader.search.people import Person, QuoteHit, display_name, person_key
from reader.search.query import SAID, parse

ROOT = Path(__file__).resolve().parent.parent


def article(title: str, *paragraphs: str, dek: str = "", source: str = "") -> Article:
    return Article(
        title=title,
        dek=dek,
        blocks=tuple(Block("paragraph", p) for p in paragraphs),
        source=source or f"/lib/{title}.txt",
    )


ELECTION = article(
    "The mayor's race",
    "“We will win,” said Maria Lopez. The rally was loud.",
    "Ms Lopez added: “The vote is close, and every vote counts.”",
    "The council met on Tuesday to discuss the budget for schools.",
)
HARBOUR = article(
    "A harbour reopens",
    "The harbour reopened after the storm. Maria Lopez cut the ribbon.",
    "“It took a year of work,” said Tomas Berg, the engineer.",
)
QUIET = article("Nobody speaks", "The river rose in the night and fell by morning.")


def names(people: list[Person]) -> list[str]:
    return [p.name for p in people]


def person(people: list[Person], name: str) -> Person:
    (found,) = [p for p in people if p.name == name]
    return found


@pytest.fixture
def index(tmp_path):
    with SearchIndex(tmp_path / "search.sqlite") as idx:
        yield idx


# -- keys and names -------------------------------------------------------------


def test_titles_are_not_part_of_a_persons_key():
    assert person_key("President Vladimir Putin") == person_key("vladimir putin")
    assert person_key("Mr. Li") == person_key("Li")
    assert person_key("Prime Minister") == "" and person_key("Mr") == ""
    assert person_key("José Núñez") == person_key("jose nunez")
    assert display_name("President Joe Biden") == "Joe Biden"
    assert display_name("Dr. Ana Costa") == "Ana Costa"
    assert display_name("President") == ""


def test_said_is_a_filter_of_the_query_language():
    query = parse('said:"Li Qiang" china -trade -said:Putin')
    assert [(f.label, f.words, f.negated) for f in query.filters] == [
        (SAID, ("Li", "Qiang"), False),
        (SAID, ("Putin",), True),
    ]
    assert [t.words for t in query.terms] == [("china",), ("trade",)]


# -- the index --------------------------------------------------------------------


def test_people_are_grouped_by_full_name_across_articles(index):
    index.update([ELECTION, HARBOUR, QUIET])
    people = index.people()
    lopez = person(people, "Maria Lopez")
    assert lopez.articles == 2
    assert lopez.quotes == 2
    # Named in full twice and "Ms Lopez" once, at least.
    assert lopez.mentions >= 3
    assert "Lopez" in lopez.aliases and "Maria Lopez" not in lopez.aliases
    assert "Lopez" not in names(people)  # the surname is not a person of its own
    berg = person(people, "Tomas Berg")
    assert (berg.articles, berg.quotes) == (1, 1)
    # Most quoted first.
    assert names(people).index("Maria Lopez") < names(people).index("Tomas Berg")
    assert index.people(limit=1) == people[:1]
    assert lopez.to_dict() == {
        "name": "Maria Lopez",
        "aliases": list(lopez.aliases),
        "articles": 2,
        "mentions": lopez.mentions,
        "quotes": 2,
    }


def test_a_dek_names_people_too(index):
    index.update(
        [article("Rain", "The rain fell all week.", dek="Grace Mensah reports from Accra.")]
    )
    assert "Grace Mensah" in names(index.people())


def test_quotes_by_name_or_alias_point_into_the_body(index):
    index.update([ELECTION, HARBOUR, QUIET])
    by_name = index.quotes(speaker="Maria Lopez")
    assert len(by_name) == 2
    assert index.quotes(speaker="lopez") == by_name
    assert index.quotes(speaker="ms lopez") == by_name
    assert index.quotes(speaker="MARÍA LÓPEZ") == by_name  # case and accents ignored
    body = ELECTION.body
    for hit in by_name:
        assert isinstance(hit, QuoteHit)
        assert hit.title == ELECTION.title and hit.article_id == ELECTION.id
        assert body[hit.start : hit.end] == hit.text
        assert hit.speaker == "Maria Lopez"
    assert [h.start for h in by_name] == sorted(h.start for h in by_name)
    assert "every vote counts" in by_name[1].text
    assert set(by_name[0].to_dict()) >= {"article_id", "title", "start", "end", "text", "speaker"}
    assert index.quotes(speaker="Nobody Atall") == []
    assert index.quotes(speaker="Mr") == []


def test_quotes_of_the_whole_library_are_ordered_by_title(index):
    index.update([ELECTION, HARBOUR, QUIET])
    every = index.quotes()
    assert len(every) == 3
    assert [h.title for h in every] == ["A harbour reopens", "The mayor's race", "The mayor's race"]
    assert index.quotes(article_id=HARBOUR.id) == every[:1]
    assert index.quotes(article_id="no-such-id") == []
    assert HARBOUR.id in index and "no-such-id" not in index


def test_people_follow_articles_that_change_or_disappear(index):
    index.update([ELECTION, HARBOUR])
    assert person(index.people(), "Maria Lopez").articles == 2
    edited = article(
        "A harbour reopens",
        "The harbour reopened after the storm. Nobody cut the ribbon.",
        "“We start again,” said Ingrid Nilsson, the harbour master.",
        source=HARBOUR.source,
    )
    stats = index.update([ELECTION, edited])
    assert stats.changed == 1
    people = index.people()
    assert person(people, "Maria Lopez").articles == 1
    assert "Tomas Berg" not in names(people)
    assert "Ingrid Nilsson" in names(people)
    assert index.quotes(speaker="Tomas Berg") == []
    index.update([edited])
    assert "Maria Lopez" not in names(index.people())
    assert index.quotes(speaker="Maria Lopez") == []
    assert [h.speaker for h in index.quotes()] == ["Ingrid Nilsson"]


def test_people_touched_by_an_unfinished_update_are_counted_afresh(index):
    index.update([ELECTION, HARBOUR, QUIET])
    before = index.people()
    conn = index._conn()
    # As if an update had stopped between its batches and its recount.
    conn.execute("INSERT INTO people_dirty(key) SELECT key FROM people")
    conn.execute("DELETE FROM people")
    assert index.people() == before
    index.update([ELECTION, HARBOUR, QUIET])
    assert index.people() == before
    assert conn.execute("SELECT count(*) FROM people_dirty").fetchone()[0] == 0


def test_titles_and_honorifics_are_never_people(index):
    body = "The President spoke. Mr Chen said: “Enough.” Later the Mr went home."

    def analyse(_article):
        # An engine that takes bare titles for people, and a speaker given by title.
        return Analysis(
            entities=(
                Entity(4, 13, "PERSON", "President"),
                Entity(21, 28, "PERSON", "Mr Chen", canon="Chen Wei"),
                Entity(55, 57, "PERSON", "Mr"),
                Entity(0, 3, "PERSON", "Prime Minister"),
            ),
            quotes=(Quote(35, 44, "“Enough.”", speaker="Chen Wei", speaker_kind="person"),),
        )

    index.update([article("Titles", body)], analyse=analyse)
    people = index.people()
    assert names(people) == ["Chen Wei"]
    assert people[0].aliases == ("Mr Chen",)
    assert people[0].quotes == 1


def test_organisations_and_described_speakers_are_quoted_too(index):
    body = "“No comment,” the Kremlin said. “We are looking into it,” a spokeswoman said."

    def analyse(_article):
        return Analysis(
            entities=(Entity(18, 25, "ORG", "Kremlin"),),
            quotes=(
                Quote(0, 14, "“No comment,”", speaker="the Kremlin", speaker_kind="org"),
                Quote(
                    32,
                    59,
                    "“We are looking into it,”",
                    speaker="a spokeswoman",
                    speaker_kind="described",
                ),
            ),
        )

    index.update([article("Sources", body)], analyse=analyse)
    assert [h.speaker_kind for h in index.quotes(speaker="Kremlin")] == ["org"]
    assert [h.speaker for h in index.quotes(speaker="a spokeswoman")] == ["a spokeswoman"]
    assert index.people() == []  # neither is a person


def test_said_filter_finds_articles_quoting_someone(index):
    other = article(
        "Budget night",
        "The vote on the budget passed. Maria Lopez watched from the gallery.",
        "“It is a fair budget,” said Tomas Berg.",
    )
    index.update([ELECTION, HARBOUR, other, QUIET])
    results = index.search("said:Lopez")
    assert [r.title for r in results] == [ELECTION.title]
    assert results[0].field == "quote" and "“" in results[0].snippet
    # Combined with words: the quote with the word is the snippet.
    (hit,) = index.search('said:"maria lopez" vote')
    assert hit.title == ELECTION.title and "every vote counts" in hit.snippet
    assert any(hit.snippet[s:e].lower() == "vote" for s, e in hit.highlights)
    body = ELECTION.body
    assert any(body[s:e].startswith("“The vote") for s, e in hit.offsets)
    # Tomas Berg is quoted in two articles; excluding a word keeps one.
    assert {r.title for r in index.search('said:"Tomas Berg"')} == {HARBOUR.title, other.title}
    assert [r.title for r in index.search('said:"tomas berg" -budget')] == [HARBOUR.title]
    assert index.search('said:lopez -said:"Tomas Berg"') == index.search("said:lopez")
    assert index.search('said:"Tomas Berg" -said:lopez') == index.search('said:"Tomas Berg"')
    assert index.search("said:Nobody") == []


def test_an_index_of_the_previous_schema_is_rebuilt(tmp_path):
    path = tmp_path / "search.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT); PRAGMA user_version = 1;"
    )
    conn.close()
    with SearchIndex(path) as idx:
        idx.update([ELECTION])
        assert idx.quotes(speaker="Maria Lopez")


# -- the command line, in a real process ---------------------------------------------


@pytest.fixture
def cli(tmp_path):
    home, library = tmp_path / "home", tmp_path / "library"
    library.mkdir()
    env = {**os.environ, "LIMELIGHT_HOME": str(home), "PYTHONPATH": str(ROOT)}

    def limelight(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "reader", *argv],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    (library / "election.txt").write_text(
        "The mayor's race\n\n"
        "A close count in the city.\n\n"
        "“We will win,” said Maria Lopez. The rally was loud.\n\n"
        "Ms Lopez added: “The vote is close, and every vote counts.”\n",
        "utf-8",
    )
    (library / "harbour.txt").write_text(
        "A harbour \x1b]0;pwned\x07reopens\n\n"
        "After the storm, a ribbon.\n\n"
        "The harbour reopened after the storm. Maria Lopez cut the ribbon.\n\n"
        "“It took a year of work,” said Tomas Berg, the engineer.\n",
        "utf-8",
    )
    assert limelight("add", str(library)).returncode == 0
    limelight.library = library
    return limelight


def test_cli_people_json(cli):
    done = cli("people", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert all(set(r) == {"name", "aliases", "articles", "mentions", "quotes"} for r in rows)
    lopez = next(r for r in rows if r["name"] == "Maria Lopez")
    assert lopez["quotes"] == 2 and lopez["articles"] == 2 and isinstance(lopez["mentions"], int)
    assert rows[0]["name"] == "Maria Lopez"  # the most quoted
    assert len(json.loads(cli("people", "--json", "--limit", "1").stdout)) == 1


def test_cli_people_text_is_aligned(cli):
    done = cli("people")
    assert done.returncode == 0
    header, *lines = done.stdout.splitlines()
    assert "name" in header and "quotes" in header
    assert any(line.startswith("Maria Lopez") for line in lines)
    column = header.index("quotes")
    assert all(line[column + len("quotes") - 1].isdigit() for line in lines)


def test_cli_quotes_json_offsets_point_into_the_analysed_text(cli):
    done = cli("quotes", "--speaker", "lopez", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert len(rows) == 2
    assert all({"article_id", "title", "start", "end", "text", "speaker"} <= set(r) for r in rows)
    analysed = json.loads(cli("analyze", str(cli.library / "election.txt"), "--json").stdout)
    for row in rows:
        assert row["article_id"] == analysed["id"]
        assert analysed["text"][row["start"] : row["end"]] == row["text"]
    only = cli("quotes", "--article", analysed["id"], "--json")
    assert [r["text"] for r in json.loads(only.stdout)] == [r["text"] for r in rows]


def test_cli_quotes_text_shows_speaker_and_title_safely(cli):
    done = cli("quotes")
    assert done.returncode == 0
    assert "The mayor's race" in done.stdout and "Tomas Berg" in done.stdout
    assert "“It took a year of work,”" in done.stdout
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout


def test_cli_said_filter(cli):
    rows = json.loads(cli("search", 'said:"Tomas Berg"', "--json").stdout)
    assert [r["field"] for r in rows] == ["quote"]
    assert "year of work" in rows[0]["snippet"]


def test_cli_errors_are_one_line_and_fail(cli):
    for argv in (("people", "--limit", "0"), ("quotes", "--article", "no-such-id")):
        done = cli(*argv)
        assert done.returncode != 0
        assert done.stdout == "" and len(done.stderr.strip().splitlines()) == 1
    done = cli("quotes", "--speaker", "Nobody Atall", "--json")
    assert done.returncode == 0 and json.loads(done.stdout) == []


def test_quotes_in_the_dek_count_and_point_into_the_dek(index):
    dek = "“Trade must be fair,” said Ana Costa, opening the summit."
    summit = article("Summit opens", "Delegates arrived on Monday.", dek=dek)
    index.update([summit])
    [hit] = index.quotes(speaker="Ana Costa")
    assert (hit.part, dek[hit.start : hit.end]) == ("dek", "“Trade must be fair,”")
    assert person(index.people(), "Ana Costa").quotes == 1
    assert [r.article_id for r in index.search("said:Costa")] == [summit.id]


# -- one person across the library, described sources, quoted people ----------------


def analysed_by_title(analyses: dict[str, Analysis]):
    """An engine that gives each article (by title) a fixed analysis."""
    return lambda art: analyses[art.title]


def mentioned(body: str, *names: str, canon: str | None = None) -> tuple[Entity, ...]:
    """PERSON entities at the first occurrence of each of ``names`` in ``body``."""
    return tuple(
        Entity(body.index(n), body.index(n) + len(n), "PERSON", n, canon=canon) for n in names
    )


def last(body: str, name: str) -> Entity:
    """A PERSON entity at the last occurrence of ``name`` in ``body``."""
    start = body.rindex(name)
    return Entity(start, start + len(name), "PERSON", name)


def said(body: str, text: str, speaker: str, kind: str = "person") -> Quote:
    return Quote(body.index(text), body.index(text) + len(text), text, speaker, kind)


def quotes_count_invariant(index: SearchIndex) -> None:
    """Person.quotes is len(quotes(speaker=name)) for everyone of a full name
    (a single word two full names share, "Li", stands for all of them)."""
    for someone in index.people():
        if " " in someone.name:
            assert someone.quotes == len(index.quotes(speaker=someone.name)), someone.name


def test_a_person_named_by_one_word_joins_the_one_full_name_ending_or_starting_with_it(index):
    # "Li Qiang" in full in one article; "Mr Li" alone in two others, one of
    # which also names him in full without the analyser linking the two.
    full = "“Trade will grow,” said Li Qiang, the premier. Li Qiang left."
    alone = "“We will act soon,” Mr Li said. Mr Li spoke for an hour."
    both = "Li Qiang arrived. Later “Enough,” Li said."
    putin = "“No,” said Vladimir Putin."
    surname = "“Never,” Mr Putin said. Putin went home."
    analyses = {
        "Full": Analysis(
            entities=mentioned(full, "Li Qiang") + (last(full, "Li Qiang"),),
            quotes=(said(full, "“Trade will grow,”", "Li Qiang"),),
        ),
        "Alone": Analysis(
            entities=mentioned(alone, "Mr Li") + (last(alone, "Mr Li"),),
            quotes=(said(alone, "“We will act soon,”", "Li"),),
        ),
        "Both": Analysis(
            entities=mentioned(both, "Li Qiang") + (last(both, "Li"),),
            quotes=(said(both, "“Enough,”", "Li"),),
        ),
        "Putin": Analysis(
            entities=mentioned(putin, "Vladimir Putin"),
            quotes=(said(putin, "“No,”", "Vladimir Putin"),),
        ),
        "Surname": Analysis(
            entities=mentioned(surname, "Mr Putin") + (last(surname, "Putin"),),
            quotes=(said(surname, "“Never,”", "Putin"),),
        ),
    }
    arts = [
        article("Full", full),
        article("Alone", alone),
        article("Both", both),
        article("Putin", putin),
        article("Surname", surname),
    ]
    assert [e.text for e in analyses["Both"].entities] == ["Li Qiang", "Li"]
    for title in ("Full", "Alone"):  # two mentions each, at two places
        assert len({e.start for e in analyses[title].entities}) == 2
    index.update(arts, analyse=analysed_by_title(analyses))
    people = index.people()
    assert sorted(names(people)) == ["Li Qiang", "Vladimir Putin"]
    li = person(people, "Li Qiang")
    # Mentions: 2 + 2 (Mr Li) + 1 + 1 (Li); articles: Full, Alone, Both, once each.
    assert (li.quotes, li.mentions, li.articles) == (3, 6, 3)
    assert {"Li", "Mr Li"} <= set(li.aliases) and "Li Qiang" not in li.aliases
    assert len(li.aliases) == len(set(li.aliases))
    vladimir = person(people, "Vladimir Putin")
    assert (vladimir.quotes, vladimir.mentions, vladimir.articles) == (2, 3, 2)
    assert {"Putin", "Mr Putin"} <= set(vladimir.aliases)
    # His quotes under "Li" are his, by his name and in the query language.
    assert [h.title for h in index.quotes(speaker="Li Qiang")] == ["Alone", "Both", "Full"]
    assert len(index.quotes(speaker="mr li")) == 3
    assert {r.title for r in index.search('said:"Li Qiang"')} == {"Alone", "Both", "Full"}
    assert {r.title for r in index.search('said:"Vladimir Putin"')} == {"Putin", "Surname"}
    assert [r.title for r in index.search('said:"li qiang" -said:putin act')] == ["Alone"]
    quotes_count_invariant(index)
    assert index.people(limit=1) == people[:1]


def test_articles_of_a_merged_person_are_counted_once(index):
    texts = {
        "Full": "Li Qiang spoke.",
        "Surname": "Mr Li spoke.",
        "Given": "Qiang spoke, and Mr Li nodded.",
        "Both": "Li Qiang spoke; Li left.",
        "Other": "Ana Costa spoke.",
    }
    names_in = {
        "Full": ("Li Qiang",),
        "Surname": ("Mr Li",),
        "Given": ("Qiang", "Mr Li"),
        "Both": ("Li Qiang", "Li"),
        "Other": ("Ana Costa",),
    }
    analyses = {t: Analysis(tuple(last(texts[t], n) for n in names_in[t]), ()) for t in texts}
    index.update(
        [article(t, body) for t, body in texts.items()], analyse=analysed_by_title(analyses)
    )
    people = index.people()
    assert sorted(names(people)) == ["Ana Costa", "Li Qiang"]
    li = person(people, "Li Qiang")
    assert (li.articles, li.mentions, li.quotes) == (4, 6, 0)
    assert set(li.aliases) == {"Li", "Mr Li", "Qiang"}
    assert index.people(quoted=True) == []


def test_a_single_word_two_full_names_share_stays_a_person_of_its_own(index):
    qiang = "“Trade will grow,” said Li Qiang."
    wei = "“Rates stay,” said Li Wei."
    alone = "“We will act soon,” Mr Li said."
    analyses = {
        "Qiang": Analysis(
            mentioned(qiang, "Li Qiang"), (said(qiang, "“Trade will grow,”", "Li Qiang"),)
        ),
        "Wei": Analysis(mentioned(wei, "Li Wei"), (said(wei, "“Rates stay,”", "Li Wei"),)),
        "Alone": Analysis(mentioned(alone, "Mr Li"), (said(alone, "“We will act soon,”", "Li"),)),
    }
    index.update(
        [
            article(title, body)
            for title, body in (("Qiang", qiang), ("Wei", wei), ("Alone", alone))
        ],
        analyse=analysed_by_title(analyses),
    )
    people = index.people()
    assert sorted(names(people)) == ["Li", "Li Qiang", "Li Wei"]
    assert (person(people, "Li Qiang").quotes, person(people, "Li Qiang").articles) == (1, 1)
    assert [h.title for h in index.quotes(speaker="Li Qiang")] == ["Qiang"]
    assert [r.title for r in index.search('said:"Li Wei"')] == ["Wei"]
    quotes_count_invariant(index)


def test_a_merge_follows_the_library_as_it_changes(index):
    alone = article("Alone", "“We will act soon,” Mr Li said.")
    qiang = article("Qiang", "“Trade will grow,” said Li Qiang.")
    wei = article("Wei", "“Rates stay,” said Li Wei.")
    index.update([alone])
    assert names(index.people()) == ["Li"]  # nobody to merge into
    index.update([alone, qiang])
    li = person(index.people(), "Li Qiang")
    assert (names(index.people()), li.quotes, li.articles) == (["Li Qiang"], 2, 2)
    index.update([alone, qiang, wei])
    assert sorted(names(index.people())) == ["Li", "Li Qiang", "Li Wei"]
    assert len(index.quotes(speaker="Li Qiang")) == 1
    quotes_count_invariant(index)


def test_described_sources_are_found_by_the_words_of_their_description(index):
    body = (
        "“We are looking into it,” a spokeswoman for the Ministry said. "
        "“Nothing to add,” a spokesman for the army said. "
        "“No comment,” the Kremlin said. "
        "“Bientôt,” a porte-parole du ministère said."
    )
    analyse = analysed_by_title(
        {
            "Sources": Analysis(
                entities=(),
                quotes=(
                    said(
                        body,
                        "“We are looking into it,”",
                        "a spokeswoman for the Ministry",
                        "described",
                    ),
                    said(body, "“Nothing to add,”", "a spokesman for the army", "described"),
                    said(body, "“No comment,”", "the Kremlin", "org"),
                    said(body, "“Bientôt,”", "a porte-parole du ministère", "described"),
                ),
            ),
            "Other": Analysis(entities=(), quotes=()),
        }
    )
    index.update([article("Sources", body), article("Other", "Nothing was said.")], analyse=analyse)

    def speakers(who: str) -> list[str]:
        return [h.speaker for h in index.quotes(speaker=who)]

    assert speakers("spokeswoman") == ["a spokeswoman for the Ministry"]
    assert speakers("Ministry SPOKESWOMAN") == ["a spokeswoman for the Ministry"]  # any order
    assert speakers("a spokeswoman") == ["a spokeswoman for the Ministry"]
    assert speakers("the ministry") == ["a spokeswoman for the Ministry"]
    assert speakers("ministere") == speakers("MINISTÈRE") == ["a porte-parole du ministère"]
    assert speakers("army spokeswoman") == []  # every word must be there
    assert speakers("spokes") == []  # whole words
    assert speakers("spokes%") == speakers("spokes_woman") == []
    # Organisations and people as before.
    assert [h.speaker_kind for h in index.quotes(speaker="Kremlin")] == ["org"]
    assert speakers("Mr") == []
    (hit,) = index.search("said:spokeswoman")
    assert hit.title == "Sources" and hit.field == "quote" and "looking into it" in hit.snippet
    assert index.search("said:spokeswoman -said:army") == []
    assert index.people() == []


def test_quoted_people_only(index):
    index.update([ELECTION, HARBOUR, QUIET, article("Rain", "Grace Mensah walked home.")])
    everyone = index.people()
    assert "Grace Mensah" in names(everyone) and person(everyone, "Grace Mensah").quotes == 0
    quoted = index.people(quoted=True)
    assert quoted == [p for p in everyone if p.quotes > 0] and quoted
    assert index.people(limit=1, quoted=True) == quoted[:1]


def test_article_ids_take_a_prefix(index):
    index.update([ELECTION, HARBOUR, QUIET])
    assert index.article_ids(ELECTION.id) == [ELECTION.id]
    assert index.article_ids(ELECTION.id[:6]) == [ELECTION.id]
    assert index.article_ids(ELECTION.id[:6].upper()) == [ELECTION.id]
    assert index.article_ids("") == [] and index.article_ids("zz%") == []
    shared = os.path.commonprefix([ELECTION.id, HARBOUR.id])
    if shared:
        assert ELECTION.id in index.article_ids(shared)


def add_files(cli, files: dict[str, str]) -> None:
    for name, text in files.items():
        (cli.library / name).write_text(text, "utf-8")
    assert cli("add", str(cli.library)).returncode == 0


def test_cli_people_says_who_is_not_quoted_and_quoted_lists_only_the_quoted(cli):
    add_files(cli, {"market.txt": "Market day\n\nGrace Mensah walked to the market in Accra.\n"})
    done = cli("people")
    assert done.returncode == 0, done.stderr
    header, *lines = done.stdout.splitlines()
    column = header.index("quotes") + len("quotes") - 1
    (grace,) = [line for line in lines if line.startswith("Grace Mensah")]
    assert grace[column] == "0" and grace[column - 1] == " "
    rows = json.loads(cli("people", "--json").stdout)
    assert next(r for r in rows if r["name"] == "Grace Mensah")["quotes"] == 0
    quoted = json.loads(cli("people", "--json", "--quoted").stdout)
    assert quoted == [r for r in rows if r["quotes"] > 0] and quoted
    assert "Grace Mensah" not in cli("people", "--quoted").stdout
    assert len(json.loads(cli("people", "--json", "--quoted", "--limit", "1").stdout)) == 1
    assert "--quoted" in cli("people", "--help").stdout


def test_cli_one_person_across_the_library(cli):
    add_files(
        cli,
        {
            "premier.txt": "The premier\n\n“Trade will grow,” said Li Qiang, the premier.\n",
            "talks.txt": "Talks\n\n“We will act soon,” Mr Li said on Monday.\n",
        },
    )
    rows = json.loads(cli("people", "--json").stdout)
    assert "Li" not in [r["name"] for r in rows]
    li = next(r for r in rows if r["name"] == "Li Qiang")
    assert (li["quotes"], li["articles"]) == (2, 2) and "Li" in li["aliases"]
    hits = json.loads(cli("quotes", "--speaker", "Li Qiang", "--json").stdout)
    assert sorted(h["title"] for h in hits) == ["Talks", "The premier"]
    found = json.loads(cli("search", 'said:"Li Qiang"', "--json").stdout)
    assert sorted(r["title"] for r in found) == ["Talks", "The premier"]


def test_cli_quotes_of_a_described_source(cli):
    add_files(
        cli,
        {
            "ministry.txt": "Ministry\n\n“We are looking into it,” a spokeswoman for the ministry said.\n"
        },
    )
    hits = json.loads(cli("quotes", "--speaker", "spokeswoman", "--json").stdout)
    assert [(h["speaker"], h["speaker_kind"]) for h in hits] == [
        ("a spokeswoman for the ministry", "described")
    ]
    found = json.loads(cli("search", "said:spokeswoman", "--json").stdout)
    assert [r["title"] for r in found] == ["Ministry"]


def test_cli_quotes_article_takes_a_unique_prefix(cli):
    add_files(cli, {f"note{n}.txt": f"Note {n}\n\nShort note number {n}.\n" for n in range(16)})
    ids = [row["id"] for row in json.loads(cli("list", "--json").stdout)]
    assert len(ids) == 18
    election = json.loads(cli("analyze", str(cli.library / "election.txt"), "--json").stdout)["id"]
    whole = json.loads(cli("quotes", "--article", election, "--json").stdout)
    assert len(whole) == 2
    unique = next(
        election[:n]
        for n in range(1, len(election) + 1)
        if sum(i.startswith(election[:n]) for i in ids) == 1
    )
    done = cli("quotes", "--article", unique, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == whole
    # 18 ids of hex digits: at least two share their first digit.
    first = Counter(i[0] for i in ids).most_common(1)[0]
    done = cli("quotes", "--article", first[0])
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        f"limelight: {first[0]}: ambiguous article id, {first[1]} articles match"
    ]
    done = cli("quotes", "--article", "zzzz")
    assert done.returncode == 1 and "no such article" in done.stderr
