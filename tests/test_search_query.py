"""The library search's query language and its FTS5 translation."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.search.find import find_lowered
from reader.search.query import Filter, Term, parse


def test_words_are_anded():
    query = parse("russia  sanctions")
    assert query.terms == (Term(("russia",)), Term(("sanctions",)))
    assert query.match_expression() == '"russia" AND "sanctions"'


def test_phrase_exclusion_prefix():
    query = parse('"belt and road" -oil -"central bank" sanction*')
    assert query.terms == (
        Term(("belt", "and", "road")),
        Term(("oil",), negated=True),
        Term(("central", "bank"), negated=True),
        Term(("sanction",), prefix=True),
    )
    assert (
        query.match_expression()
        == '("belt and road" AND "sanction" *) NOT ("oil" OR "central bank")'
    )


def test_field_filters():
    query = parse('person:Putin person:"Xi Jinping" org:NATO place:Beijing norp:Chinese -org:UN')
    assert query.terms == ()
    assert query.filters == (
        Filter("PERSON", ("Putin",)),
        Filter("PERSON", ("Xi", "Jinping")),
        Filter("ORG", ("NATO",)),
        Filter("PLACE", ("Beijing",)),
        Filter("NORP", ("Chinese",)),
        Filter("ORG", ("UN",), negated=True),
    )
    assert query.match_expression() is None
    assert not query.empty


def test_field_names_ignore_case_and_date_money_work():
    query = parse("Person:Putin DATE:2023 money:$5bn")
    assert [f.label for f in query.filters] == ["PERSON", "DATE", "MONEY"]
    assert query.filters[2].words == ("5bn",)


def test_unknown_field_is_plain_words():
    query = parse("foo:bar http://x")
    assert query.filters == ()
    assert query.terms == (Term(("foo", "bar")), Term(("http", "x")))


def test_unbalanced_quotes_are_tolerated():
    assert parse('"unbalanced phrase').terms == (Term(("unbalanced", "phrase")),)
    assert parse('a "b c" "d').terms == (Term(("a",)), Term(("b", "c")), Term(("d",)))
    assert parse('person:"Xi Jinping').filters == (Filter("PERSON", ("Xi", "Jinping")),)


def test_words_are_folded_like_the_index():
    assert parse('"São Paulo" Straße').terms == (Term(("Sao", "Paulo")), Term(("Strasse",)))


def test_typographic_quotes_are_quotes():
    assert parse("“belt and road”").terms == (Term(("belt", "and", "road")),)


def test_empty_and_punctuation_only_queries():
    for text in ("", "   ", "-", '""', "( ) * : ^", "person:", "-person:"):
        query = parse(text)
        assert query.empty, text
        assert query.match_expression() is None


def test_only_negations_have_no_match_expression():
    query = parse("-oil -gas")
    assert query.empty
    assert query.match_expression() is None
    assert query.exclusion_expression() == '"oil" OR "gas"'


def test_fts_syntax_in_the_query_is_only_text():
    query = parse("AND OR NOT ( ) * : ^ NEAR(a b) title:x {col}")
    expression = query.match_expression()
    assert expression == ('"AND" AND "OR" AND "NOT" AND "NEAR a" AND "b" AND "title x" AND "col"')
    # A stray quote opens a phrase running to the end.
    assert parse('a " b c').match_expression() == '"a" AND "b c"'


def test_hyphen_inside_a_word_is_not_an_exclusion():
    query = parse("US-led well-known")
    assert query.terms == (Term(("US", "led")), Term(("well", "known")))


def test_highlight_patterns_match_words_phrases_prefixes():
    query = parse('"São Paulo" sanction* -oil person:Putin')
    text = "sanctions in Sao  Paulo, said PUTIN, not oil; unsanctioned, São-Paulo"
    found = [text[s:e] for s, e in find_lowered(text, query.highlight_patterns())]
    assert found == ["sanctions", "Sao  Paulo", "PUTIN", "São-Paulo"]
    assert find_lowered("Putin", query.highlight_patterns(filters=False)) == []


def test_highlight_patterns_respect_word_starts():
    query = parse("ran")
    assert find_lowered("ran rant tran ran.", query.highlight_patterns()) == [(0, 3), (14, 17)]


@pytest.fixture(scope="module")
def fts():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='unicode61 remove_diacritics 2')")
    conn.execute("INSERT INTO t(a) VALUES ('alpha beta (gamma) NEAR and or not')")
    return conn


def check_fts5(fts, text: str) -> None:
    query = parse(text)
    for expression in (query.match_expression(), query.exclusion_expression()):
        if expression is not None:
            fts.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,)).fetchall()
    for flt in query.filters:
        fts.execute("SELECT rowid FROM t WHERE t MATCH ?", (flt.fts(),)).fetchall()


@given(st.text(max_size=40))
def test_any_query_makes_a_valid_fts5_expression(fts, text):
    check_fts5(fts, text)


HOSTILE = ['"', "-", "*", ":", "(", ")", "^", "AND", "OR", "NOT", "NEAR", "person:", " ", "x", "é"]


@given(st.lists(st.sampled_from(HOSTILE), max_size=12))
def test_hostile_token_soup_never_breaks_fts5(fts, parts):
    check_fts5(fts, "".join(parts))
