"""The analysis engine scales linearly on huge and pathological articles.

No test here measures time.  They check the structure that keeps the work
linear and each regex call short (``benchmarks/analysis_worst.py`` measures
the seconds and the interface stalls): regex scans in bounded windows that
give the same matches as one scan, bounded runs of capitalised words, spans
kept in bounded blocks, pronoun look-back bounded per quotation, and a
resolver of names that does not compare every pair.  The inputs are modest;
the engine before these changes took from half a minute to a minute and a
half on several of them (quadratic), and fails the counting checks.
"""

from __future__ import annotations

import gc
import random
import re
import threading
from bisect import insort

import pytest

from reader.analysis import analyze, gcdefer, scan
from reader.analysis import entities as entities_mod
from reader.analysis import quotes as quotes_mod
from reader.analysis import sentences as sentences_mod
from reader.analysis import speakers as speakers_mod
from reader.analysis.entities import _Spans, find_entities, person_registry
from reader.analysis.patterns import (
    CHUNK_RE,
    CHUNK_START_RE,
    MAX_RUN,
    NUMERIC_TRIGGER_RE,
    ORG_LIST_HEAD_RE,
    ORG_LIST_RE,
)
from reader.analysis.sentences import split_sentences
from tests.devset.loader import ALL_PARTS, load

PROSE = (
    "LISBON — Portugal's prime minister, Ana Ribeiro, said on Tuesday that the government "
    "would raise the minimum wage by 4.5% next year. “We cannot ask families to wait any "
    "longer,” Ms Ribeiro told reporters outside the parliament. The Institute of Social "
    "Studies and Economics said shares in EDP fell 2.3% (about $3.2bn) on 15 November.\n\n"
    "Unions welcomed the move. A spokeswoman for the General Union of Workers said: “It is "
    "a start, not a solution.” ‘Never,’ she said. «Jamais», a dit M. Dupont.\n\n"
)


@pytest.fixture(scope="module")
def devset_texts() -> list[str]:
    texts = [d.text for part in ALL_PARTS for d in load(part)]
    # long paragraphs too: every article as one line, and all of them as one
    return texts + [" ".join(" ".join(t.split()) for t in texts[:20])]


def spans(matches) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group()) for m in matches]


# ------------------------------------------------------------- scan.py ---
@pytest.mark.parametrize("window", [1, 5, 64])
def test_windowed_scans_find_what_one_scan_finds(monkeypatch, window):
    monkeypatch.setattr(scan, "WINDOW", window)
    text = PROSE * 20
    for pattern in (
        NUMERIC_TRIGGER_RE,
        CHUNK_START_RE,
        ORG_LIST_HEAD_RE,
        quotes_mod._MARKS,
        speakers_mod._CUE_RE,
    ):
        assert spans(scan.finditer(pattern, text)) == spans(pattern.finditer(text))
        assert spans(scan.finditer(pattern, text, 17, 901)) == spans(
            pattern.finditer(text, 17, 901)
        )
    for pattern, starts in ((CHUNK_RE, CHUNK_START_RE), (ORG_LIST_RE, ORG_LIST_HEAD_RE)):
        heads = (m.start() for m in scan.finditer(starts, text))
        assert spans(scan.finditer_at(pattern, text, heads)) == spans(pattern.finditer(text))


class _Recording:
    """A pattern that records the range each of its regex calls may scan."""

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern
        self.ranges: list[int] = []

    def finditer(self, text, pos=0, endpos=None):
        end = len(text) if endpos is None else min(endpos, len(text))
        self.ranges.append(end - pos)
        return self.pattern.finditer(text, pos, end)


def test_no_regex_call_scans_the_whole_of_a_long_text():
    text = "the rain fell on the town and the river rose " * 50_000  # 2.3 MB, no match
    recording = _Recording(ORG_LIST_HEAD_RE)
    assert list(scan.finditer(recording, text)) == []
    assert len(recording.ranges) > 30
    assert max(recording.ranges) <= scan.WINDOW + 256


def test_analysis_is_the_same_with_tiny_windows_and_indexes(monkeypatch, devset_texts):
    """Windows change nothing: every scan through scan.py, cut every few
    characters, gives the analysis of one scan over the text; and so do the
    speakers' indexes of cues, role mentions and names, used for every range,
    and the spans kept in blocks (as for a long text)."""
    texts = devset_texts[::4] + devset_texts[-1:]
    expected = [analyze(t).to_dict() for t in texts]
    monkeypatch.setattr(scan, "WINDOW", 7)
    monkeypatch.setattr(speakers_mod, "_INDEXED_RANGE", 1)
    monkeypatch.setattr(entities_mod, "_BLOCKED_SPANS_FROM", 0)
    monkeypatch.setattr(entities_mod, "_BLOCK", 4)
    assert [analyze(t).to_dict() for t in texts] == expected


def test_long_paragraphs_are_split_in_windows(monkeypatch):
    text = ("word " * 40_000 + "End. Next one! ") * 3  # "one! word": no sentence end
    expected = split_sentences(text)
    monkeypatch.setattr(scan, "WINDOW", 100)
    assert split_sentences(text) == expected
    assert len(expected) == 4


# ----------------------------------------------------------- entities ---
def test_a_long_run_of_capitalised_words_is_cut_into_bounded_chunks(monkeypatch):
    names = " ".join(f"President Anna Kowalski{i % 10} Dr Li Wei{i % 7}" for i in range(2_000))
    sizes: list[int] = []
    chunk = entities_mod._Recogniser.chunk

    def recording(self, cs, ce):
        sizes.append(self.text[cs:ce].count(" ") + 1)
        return chunk(self, cs, ce)

    monkeypatch.setattr(entities_mod._Recogniser, "chunk", recording)
    found = find_entities(names, split_sentences(names), "en")
    assert sizes and max(sizes) <= MAX_RUN + 1
    assert len(found) > 2_000  # names found all along the run, not one giant span
    m = CHUNK_RE.match(names)
    assert m and m.group().count(" ") <= MAX_RUN


def test_spans_are_kept_in_bounded_sorted_blocks():
    rnd = random.Random(5)
    spans_ = _Spans()
    reference: list[tuple[int, int, str]] = []
    for _ in range(3_000):
        s = rnd.randrange(100_000)
        e = s + rnd.randint(1, 30)
        free = all(e <= a or b <= s for a, b, _ in reference)
        assert spans_.free(s, e) == free
        assert spans_.add(s, e, "X") == free
        if free:
            insort(reference, (s, e, "X"))
    assert spans_.items == reference
    assert max(len(b) for b in spans_.blocks) <= 2 * entities_mod._BLOCK
    assert len(spans_.blocks) >= len(reference) // (2 * entities_mod._BLOCK) >= 2


def test_names_resolve_without_comparing_every_pair():
    """20,000 distinct full names (the old resolver compared every pair:
    about 30 s); partial and longer forms still resolve."""
    given = [f"Given{i}" for i in range(200)]
    family = [f"Family{i}" for i in range(100)]
    names = [f"{g} {f}" for g in given for f in family]
    text = ". ".join(names + ["Lula da Silva", "Luiz Inacio Lula da Silva", "Silva"]) + "."
    ents, pos = [], 0
    for part in text[:-1].split(". "):
        ents.append((pos, pos + len(part), "PERSON"))
        pos += len(part) + 2
    registry = person_registry(text, ents)
    assert registry[ents[0][0]] == "Given0 Family0"
    lula, full, silva = (s for s, _, _ in ents[-3:])
    assert registry[lula] == "Luiz Inacio Lula da Silva"
    assert registry[full] == "Luiz Inacio Lula da Silva"
    assert registry[silva] == "Luiz Inacio Lula da Silva"


# ----------------------------------------------------------- speakers ---
def _counting(monkeypatch, name: str) -> list[int]:
    calls = [0]
    original = getattr(speakers_mod._Attributor, name)

    def counted(self, *args):
        calls[0] += 1
        return original(self, *args)

    monkeypatch.setattr(speakers_mod._Attributor, name, counted)
    return calls


def test_pronouns_look_back_a_bounded_number_of_sentences(monkeypatch):
    """One paragraph of “…,” she said. with no one named: each pronoun looks
    back at most _LOOKBACK_SENTENCES sentences (it used to look back at the
    whole paragraph: quadratic, about 90 s for this text)."""
    n = 2_000
    text = " ".join(["“We will not back down on this,” she said."] * n)
    visited = _counting(monkeypatch, "_described_subject")
    result = analyze(text)
    assert len(result.quotes) == n
    assert all(q.speaker is None for q in result.quotes)
    assert visited[0] <= 2 * n * (speakers_mod._LOOKBACK_SENTENCES + 1)


def test_a_huge_sentence_of_quotations_is_looked_at_in_bounded_pieces():
    """One sentence, thousands of quotations with dashes: each pronoun looks
    back at most _LOOKBACK characters (about 20 s before)."""
    text = "Anna Silva spoke. " + "“Yes — he said — no — " * 3_000
    result = analyze(text)
    assert len(result.quotes) == 3_000
    assert len(result.sentences) == 2


def test_carried_speakers_look_back_a_bounded_number_of_sentences(monkeypatch):
    """“…” The rain fell. repeated in one paragraph: each quotation without
    a cue looks for a speaker in a bounded number of earlier sentences."""
    n = 2_000
    text = " ".join(["“We will not back down on this.” The rain fell on Tuesday."] * n)
    visited = _counting(monkeypatch, "sentence_speaker")
    result = analyze(text)
    assert len(result.quotes) == n
    assert visited[0] <= n * (speakers_mod._LOOKBACK_SENTENCES + 1)


def test_attributions_are_indexed_not_rescanned():
    """Thousands of named quotations, then "they" and "she": resolved from
    the indexes of earlier attributions (the old code scanned them all for
    every pronoun)."""
    block = (
        "“We will win,” said Tom Hale. Officials were unconvinced. “It fails,” they said. "
        "Anna Silva agreed. “Fine,” she said.\n\n"
    )
    result = analyze(block * 1_500)
    speakers = [q.speaker for q in result.quotes[:3]]
    assert speakers == ["Tom Hale", "Officials", "Anna Silva"]
    assert len(result.quotes) == 4_500


def test_tiny_paragraphs_share_their_sentence_tuples():
    text = "\n\n".join(["Yes.", "Li Wei", "Why?"] * 1_000)
    paras = sentences_mod.paragraphs(text)
    sents = split_sentences(text, paras)
    assert sents == tuple(paras)
    assert all(s is p for s, p in zip(sents, paras, strict=True))


# --------------------------------------------------------- gcdefer.py ---
def test_full_collections_are_deferred_while_a_long_text_is_analysed(monkeypatch):
    before = gc.get_threshold()
    seen = []
    attribute = speakers_mod.attribute

    def recording(*args):
        seen.append(gc.get_threshold())
        return attribute(*args)

    monkeypatch.setattr(speakers_mod, "attribute", recording)
    analyze(PROSE * 1_100)  # 543,400 characters: a long text
    analyze(PROSE)  # a short one: untouched
    assert seen[0][:2] == before[:2] and seen[0][2] > 10**6
    assert seen[1] == before
    assert gc.get_threshold() == before


def test_deferral_nests_and_is_restored_once():
    before = gc.get_threshold()
    inside = threading.Event()
    release = threading.Event()

    def other() -> None:
        with gcdefer.full_collections_deferred():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    with gcdefer.full_collections_deferred():
        thread.start()
        assert inside.wait(5)
    assert gc.get_threshold()[2] > 10**6  # the other analysis still runs
    release.set()
    thread.join(5)
    assert gc.get_threshold() == before
