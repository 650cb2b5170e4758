"""Property tests: analyze() never raises and its spans are always consistent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.analysis import analyze, split_sentences

# text built from pieces that exercise the rules (names, titles, quotes,
# numbers, paragraph breaks) as well as arbitrary characters
_PIECES = st.sampled_from(
    [
        "Mr",
        "Mr.",
        "Dr",
        "President",
        "Li",
        "Qiang",
        "Xi",
        "Jinping",
        "Putin",
        "Moscow",
        "Chinese",
        "Russian",
        "Sino-Russian",
        "US-led",
        "Russia-China",
        "Bank",
        "of",
        "England",
        "University",
        "Institute",
        "for",
        "and",
        "the",
        "The",
        "said",
        "added",
        "he",
        "she",
        "“",
        "”",
        "‘",
        "’",
        '"',
        "'",
        "’s",
        "'s",
        ",",
        ".",
        "!",
        "?",
        "…",
        ":",
        ";",
        "(",
        ")",
        "\n",
        "\n\n",
        " ",
        "  ",
        "$217bn",
        "23%",
        "4.7",
        "per",
        "cent",
        "2024",
        "October",
        "May",
        "2",
        "last",
        "year",
        "30",
        "km",
        "TASS",
        "NATO",
        "US",
        "UK",
        "U.S.",
        "according",
        "to",
        "PUTIN",
        "MEETS",
        "IN",
        "—",
        "-",
        "St.",
        "No.",
        "é",
        "É",
        "ß",
        "\t",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(_PIECES, max_size=80).map(lambda parts: " ".join(parts)),
    st.lists(_PIECES, max_size=80).map("".join),
)


def _check(text: str) -> None:
    a = analyze(text)
    n = len(text)
    last = -1
    for e in a.entities:
        assert 0 <= e.start < e.end <= n
        assert text[e.start : e.end] == e.text
        assert e.start >= last
        last = e.end
    qs = [q.start for q in a.quotes]
    assert qs == sorted(qs)
    for q in a.quotes:
        assert 0 <= q.start < q.end <= n
        assert text[q.start : q.end] == q.text
        assert q.speaker is None or isinstance(q.speaker, str)
    prev = -1
    for s, e in a.sentences:
        assert 0 <= s < e <= n
        assert s >= prev
        prev = e
        assert "\n\n" not in text[s:e]
    assert tuple(a.sentences) == tuple(split_sentences(text))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_analyze_never_raises_and_spans_are_consistent(text):
    _check(text)


def test_regressions():
    for text in [
        "“",
        "”",
        '"',
        "'",
        "‘",
        "’",
        "“”",
        "\n\n“\n\n”",
        "Mr",
        "Mr.",
        "U.S.",
        "$",
        "%",
        "“a\n\n“b\n\n“c",
        "'a b' 'c d'",
        "‘x y’ “z”",
        "May",
        "THE US",
        "A-",
        "-A",
        "A--B",
        "Sino-",
        "Mr Li’s",
        "“Hi,” he said.",
        "He said “x”.\n\n“y",
        ". . .",
        "…",
        "1.",
        "1,000.5",
    ]:
        _check(text)
