"""The engine's scores on the hand-annotated devset (tests/devset/) stay above a floor.

The floors sit a little below the scores reached when they were set, so that
a regression fails here; raise them when the engine improves
(``python benchmarks/devset_scores.py`` prints the full table).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.devset.loader import PARTS, load, parse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.devset_scores import NAMED, overall, prf, score  # noqa: E402

# part -> (typed F1, span F1, speaker accuracy)
FLOORS = {"dev": (0.93, 0.95, 0.92), "heldout": (0.84, 0.88, 0.75)}


@pytest.fixture(scope="module", params=PARTS)
def result(request):
    return request.param, score(load(request.param))


def test_devset_is_big_enough():
    docs = load("dev") + load("heldout")
    assert len(docs) >= 12
    for d in docs:
        assert 150 <= len(d.text.split()) <= 450, d.name
        assert d.entities and d.quotes, d.name


def test_scores_stay_above_floor(result):
    part, res = result
    typed_floor, span_floor, speaker_floor = FLOORS[part]
    _, _, typed = overall(res)
    _, _, span = prf(*res["span"])
    ok, total = res["speakers"]
    assert typed >= typed_floor, f"{part}: typed F1 {typed:.3f} < {typed_floor}"
    assert span >= span_floor, f"{part}: span F1 {span:.3f} < {span_floor}"
    assert ok / total >= speaker_floor, f"{part}: speakers {ok}/{total} < {speaker_floor}"
    _, _, named = overall(res, NAMED)
    assert named >= typed_floor - 0.05


def test_loader_offsets_are_exact():
    doc = parse("[[PERSON Li Qiang]] said {{Li Qiang|“we [[PLACE Moscow]] won”}}.")
    assert doc.text == "Li Qiang said “we Moscow won”."
    assert [doc.text[s:e] for s, e, _ in doc.entities] == ["Li Qiang", "Moscow"]
    assert [(doc.text[s:e], sp) for s, e, sp in doc.quotes] == [("“we Moscow won”", "Li Qiang")]


@pytest.mark.parametrize(
    "bad",
    [
        "[[PERSN Li]]",  # unknown label
        "[[PERSON Li",  # unclosed
        "Li]]",  # stray close
        "[[PERSON  Li]]",  # leading space inside the span
        "[[PERSON [[PLACE Li]]]]",  # nested entities
        "{{Li|no marks}} [[PERSON Li]]",  # a quotation without quotation marks
        "{{Wang|“hi”}} [[PERSON Li]]",  # the speaker is not an entity of the text
        "a | b",  # stray markup character
    ],
)
def test_loader_is_strict(bad):
    with pytest.raises(ValueError):
        parse(bad)
