from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.search.fuzzy import fold, match, rank

TITLES = [
    "China strengthens its ties with Russia amid the West’s sanctions",
    "São Paulo votes on a new mayor",
    "Chelsea beat Arsenal in the derby",
    "A history of the Channel Tunnel",
]


def test_empty_query_keeps_everything_in_order():
    assert rank("", TITLES) == [0, 1, 2, 3]


def test_words_must_all_match():
    assert rank("china russia", TITLES) == [0]
    assert rank("china arsenal", TITLES) == []


def test_subsequence_matches_abbreviations():
    assert 0 in rank("chn rus", TITLES)


def test_accents_and_case_are_ignored():
    assert rank("sao paulo", TITLES) == [1]
    assert rank("SÃO", TITLES)[0] == 1


def test_word_start_substring_ranks_first():
    order = rank("ch", TITLES)
    assert set(order) == {0, 2, 3}
    # "Chelsea" and "China" start with the query; "Channel" is later in its title.
    assert order[-1] == 3


def test_match_reports_offsets_of_the_matched_characters():
    score, positions = match("ties", TITLES[0])
    start = TITLES[0].index("ties")
    assert positions == list(range(start, start + 4))
    assert score > 0


@given(st.text(max_size=30), st.text(max_size=80))
def test_offsets_always_point_into_the_candidate(query, candidate):
    # Folding may change lengths ("ß" is "ss"): offsets are mapped back.
    assert fold(candidate) == fold(candidate).lower()
    result = match(query, candidate)
    if result is not None:
        for position in result[1]:
            assert 0 <= position < len(candidate)
        assert result[1] == sorted(set(result[1]))
