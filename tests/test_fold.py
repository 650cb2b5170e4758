"""One accent-folding rule (reader.search.fold) for find in an article, the
sidebar's title filter, the palette and the People filter."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from reader.search import find, fuzzy
from reader.search.find import find_all
from reader.search.fold import fold_char, fold_lower, fold_query, fold_text
from reader.search.fuzzy import fold, match, rank
from reader.ui.app import LimelightApp
from reader.ui.article_list import ArticleList
from tests.helpers import settle, write

# (text, what a reader types for it)
SPELLINGS = [
    ("Straße", "strasse"),
    ("STRASSE", "straße"),
    ("Café", "cafe"),
    ("Cafe\u0301", "cafe"),  # the accent as a combining mark
    ("São Paulo", "sao paulo"),
    ("Łódź", "lodz"),
    ("Œuvre", "oeuvre"),
    ("Ærøskøbing", "aeroskobing"),
    ("ﬁnance", "finance"),
    ("Pu\u00adtin", "putin"),  # a soft hyphen folds to nothing
    ("Þórr", "thorr"),
]


@pytest.mark.parametrize(("text", "typed"), SPELLINGS)
def test_fold_lower_is_one_rule_for_text_and_query(text, typed):
    assert fold_lower(text) == fold_lower(typed)


def test_fold_lower_folds_then_lower_cases():
    assert fold_lower("Straße") == "strasse"
    assert fold_lower("Café") == "cafe"
    assert fold_lower("ÆSIR") == "aesir"
    assert fold_lower("한국") == "한국"  # Hangul is kept whole, not cut to its first jamo
    assert fold_lower("a\u200bb") == "ab"
    for text, _ in SPELLINGS:
        assert fold_lower(text) == fold_query(text).lower() == fold_text(text).lower


def test_find_and_fuzzy_use_the_fold_module():
    assert find.fold_char is fold_char
    assert find.fold_text is fold_text
    assert find.fold_query is fold_query
    for text, _ in SPELLINGS:
        assert fuzzy.fold(text) == fold_lower(text)


@pytest.mark.parametrize(("text", "typed"), SPELLINGS)
def test_the_title_filter_finds_what_find_finds(text, typed):
    title = f"On {text} today"
    assert find_all(title, typed), "find in an article"
    assert rank(typed, [title, "Something else"]) == [0], "the title filter"


def test_filter_offsets_point_into_the_title():
    # "strasse" matches the folded "ss" of "ß": one character of the title.
    title = "Die Straße"
    _, positions = match("strasse", title)
    assert positions == list(range(4, 10))
    assert "".join(title[p] for p in positions) == "Straße"
    _, positions = match("sse", title)
    assert [title[p] for p in positions] == ["ß", "e"]
    _, positions = match("cafe", "Cafe\u0301 noir")
    assert positions == [0, 1, 2, 3, 4]  # the combining accent goes with its letter


def test_a_query_that_folds_to_nothing_filters_nothing_out():
    titles = ["Alpha", "Beta"]
    assert rank("\u200b", titles) == [0, 1]
    assert match("\u00ad", "Alpha") == (0.0, [])
    assert fold("\u200b\u00ad") == ""


@pytest.fixture
def accented_titles(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    folder.mkdir()
    write(folder, "a.txt", "Die Straße der Einheit\n\nA street in Berlin. It is long.\n")
    write(folder, "b.txt", "Café society\n\nCoffee and talk. It goes on.\n")
    write(folder, "c.txt", "Beta title\n\nOnly paragraph of beta.\n")
    return folder


async def test_sidebar_filter_folds_accents_as_find_does(accented_titles):
    app = LimelightApp(paths=[accented_titles])
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("f")
        assert app.query_one("#filter", Input).has_focus
        listing = app.query_one(ArticleList)

        await pilot.press(*"strasse")
        await settle(pilot)
        assert [a.title for a in listing.articles] == ["Die Straße der Einheit"]

        await pilot.press(*["backspace"] * len("strasse"))
        await pilot.press(*"cafe")
        await settle(pilot)
        assert [a.title for a in listing.articles] == ["Café society"]
