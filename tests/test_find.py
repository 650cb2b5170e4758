"""In-article find: smart case, accents, regex mode, offsets into the original text."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.library.loader import load_file
from reader.search.find import MAX_MATCHES, FindError, find_all, fold_text


@pytest.fixture(scope="module")
def body() -> str:
    from tests.conftest import SEED

    return load_file(SEED).body


def texts(text: str, spans) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_counts_on_the_seed(body):
    for word in ("Putin", "Russia", "China", "Li Qiang"):
        spans = find_all(body, word)
        assert len(spans) == body.count(word) > 0
        assert set(texts(body, spans)) == {word}


def test_smart_case(body):
    lower = find_all(body, "russia")
    assert len(lower) == len(re.findall("russia", body, re.IGNORECASE))
    assert {body[s:e] for s, e in lower} >= {"Russia"}
    assert len(find_all(body, "Russia")) == body.count("Russia")
    assert find_all(body, "RUSSIA") == [m.span() for m in re.finditer("RUSSIA", body)]
    assert len(find_all(body, "Russia")) <= len(lower)


def test_spans_are_sorted_and_disjoint(body):
    spans = find_all(body, "a")
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_empty_query_or_text():
    assert find_all("some text", "") == []
    assert find_all("some text", "   ") == []
    assert find_all("", "text") == []


def test_accents_are_folded_both_ways():
    text = "Elections in São Paulo; Sao Paulo again; SÃO PAULO at last."
    assert texts(text, find_all(text, "Sao Paulo")) == ["São Paulo", "Sao Paulo"]
    assert texts(text, find_all(text, "sao paulo")) == ["São Paulo", "Sao Paulo", "SÃO PAULO"]
    assert texts(text, find_all(text, "São")) == ["São", "Sao"]


def test_decomposed_accents_and_expanding_characters_keep_offsets():
    text = "cafe\u0301 Straße ﬁnal Œuvre x"
    assert texts(text, find_all(text, "cafe")) == ["cafe\u0301"]
    assert texts(text, find_all(text, "strasse")) == ["Straße"]
    assert texts(text, find_all(text, "final")) == ["ﬁnal"]
    assert texts(text, find_all(text, "oeuvre")) == ["Œuvre"]
    assert texts(text, find_all(text, "x")) == ["x"]
    # A match ending inside an expansion covers the whole original character.
    assert texts(text, find_all(text, "stras")) == ["Straß"]


def test_wide_characters_and_emoji():
    text = "北京 and 東京 😀 news: 😀北京😀 한국어 text"
    assert texts(text, find_all(text, "北京")) == ["北京", "北京"]
    assert texts(text, find_all(text, "😀")) == ["😀"] * 3
    assert texts(text, find_all(text, "한국")) == ["한국"]
    assert texts(text, find_all(text, "news")) == ["news"]
    start, end = find_all(text, "text")[0]
    assert (start, end) == (text.index("text"), text.index("text") + 4)


def test_regex_mode(body):
    spans = find_all(body, r"\bPut\w+", regex=True)
    assert texts(body, spans) == ["Putin"] * body.count("Putin")
    # Smart case applies; escapes such as \S are not upper-case letters.
    assert len(find_all(body, r"russia\S*", regex=True)) >= body.count("Russia")
    assert len(find_all(body, r"RUSSIA\S*", regex=True)) == body.count("RUSSIA")
    # Accents are folded in the text for regex searches too.
    assert texts("São Paulo", find_all("São Paulo", r"S.o", regex=True)) == ["São"]


def test_regex_zero_length_matches_are_skipped():
    assert find_all("abc", "x*", regex=True) == []
    assert find_all("abc", r"\b", regex=True) == []
    assert find_all("aab", "a*", regex=True) == [(0, 2)]


@pytest.mark.parametrize("pattern", ["(ab", "[a-", "a{2,1}", "*x", "(?P<n>a)(?P<n>b)", "\\"])
def test_invalid_regex_raises_find_error_with_one_line(pattern):
    with pytest.raises(FindError) as caught:
        find_all("some text", pattern, regex=True)
    message = str(caught.value)
    assert message.startswith("invalid pattern: ")
    assert "\n" not in message


def test_invalid_regex_message_names_the_problem():
    with pytest.raises(FindError, match=r"missing \), unterminated subpattern at position 0"):
        find_all("text", "(ab", regex=True)


def test_plain_mode_takes_regex_characters_literally():
    text = "costs (a+b)* [1] $5 a.b"
    assert texts(text, find_all(text, "(a+b)*")) == ["(a+b)*"]
    assert texts(text, find_all(text, "a.b")) == ["a.b"]
    assert find_all(text, "(ab") == []


def test_number_of_matches_is_capped():
    text = "a" * (MAX_MATCHES + 500)
    started = time.perf_counter()
    spans = find_all(text, ".", regex=True)
    assert len(spans) == MAX_MATCHES
    assert time.perf_counter() - started < 5


def test_fold_map_points_back_into_the_original():
    text = "ﬁ ß é\u0301 e\u0301\u0302 x"
    folded = fold_text(text)
    assert folded.text == "fi ss e e x"
    assert folded.span(0, 2) == (0, 1)
    assert folded.span(3, 5) == (2, 3)
    assert folded.span(6, 7) == (4, 6)
    assert folded.span(8, 9) == (7, 10)


@given(st.text(max_size=60), st.text(min_size=1, max_size=4))
def test_spans_always_lie_inside_the_text(text, query):
    spans = find_all(text, query)
    for start, end in spans:
        assert 0 <= start < end <= len(text)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


@given(st.text(alphabet="abcAB .é", max_size=40), st.sampled_from(["a", "ab", "B", "é", "a b"]))
def test_plain_ascii_results_agree_with_re(text, query):
    if any(ord(c) > 127 for c in text + query):
        return
    flags = 0 if any(c.isupper() for c in query) else re.IGNORECASE
    expected = [m.span() for m in re.finditer(re.escape(query), text, flags)]
    assert find_all(text, query) == expected


@given(st.text(max_size=80))
def test_fold_text_agrees_with_fold_char(text):
    from reader.search.find import fold_char

    folded = fold_text(text)
    assert folded.text == "".join(fold_char(c) for c in text)
    assert len(folded.lower) == len(folded.text)
    for index in range(len(folded.text)):
        start, end = folded.span(index, index + 1)
        assert 0 <= start < end <= len(text)


def test_lowered_find_matches_the_slow_path():
    text = "ΟΔΟΣ İstanbul Straße ǅemal ﬀ"
    for query in ("οδος", "istanbul", "strasse", "ǆemal", "ff"):
        assert find_all(text, query), query
