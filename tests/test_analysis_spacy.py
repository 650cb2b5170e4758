"""The optional spaCy backend, on spacy.blank("en") with an entity_ruler (no model download)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reader.analysis import analyze, analyze_with
from reader.analysis.spacy_backend import LABEL_MAP, EngineUnavailable

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": "Enzo Maresca"},
            {"label": "ORG", "pattern": "Chelsea"},
            {"label": "GPE", "pattern": "London"},
            {"label": "FAC", "pattern": "Stamford Bridge"},
            {"label": "CARDINAL", "pattern": "two"},
            {"label": "TIME", "pattern": "tonight"},
            {"label": "WORK_OF_ART", "pattern": "Hamlet"},
        ]
    )
    return nlp


TEXT = (
    "Chelsea manager Enzo Maresca spoke at Stamford Bridge in London tonight.\n\n"
    "“We conceded two goals and watched Hamlet,” he said."
)


def test_entities_come_from_spacy_with_mapped_labels(nlp):
    a = analyze(TEXT, engine="spacy", nlp=nlp)
    assert [(e.label, e.text) for e in a.entities] == [
        ("ORG", "Chelsea"),
        ("PERSON", "Enzo Maresca"),
        ("PLACE", "Stamford Bridge"),
        ("PLACE", "London"),
        ("DATE", "tonight"),
    ]  # CARDINAL and WORK_OF_ART dropped
    for e in a.entities:
        assert TEXT[e.start : e.end] == e.text


def test_quotes_speakers_and_sentences_are_the_builtin_ones(nlp):
    a = analyze_with("spacy", TEXT, nlp=nlp)
    b = analyze(TEXT)
    assert a.sentences == b.sentences
    assert [(q.start, q.end) for q in a.quotes] == [(q.start, q.end) for q in b.quotes]
    assert [q.speaker for q in a.quotes] == ["Enzo Maresca"]


def test_default_engine_is_builtin():
    assert analyze(TEXT) == analyze_with("builtin", TEXT)


def test_unknown_engine_and_options():
    with pytest.raises(ValueError):
        analyze(TEXT, engine="nltk")
    with pytest.raises(TypeError):
        analyze(TEXT, nlp=object())


def test_missing_pipeline_is_a_one_line_error():
    with pytest.raises(EngineUnavailable) as exc:
        analyze_with("spacy", TEXT, model="no_such_pipeline_xyz")
    assert "\n" not in str(exc.value) and "no_such_pipeline_xyz" in str(exc.value)


def test_label_map_covers_ontonotes_labels():
    assert LABEL_MAP["GPE"] == LABEL_MAP["LOC"] == LABEL_MAP["FAC"] == "PLACE"
    assert LABEL_MAP["TIME"] == "DATE"
    assert "CARDINAL" not in LABEL_MAP


def test_spacy_is_imported_lazily():
    code = "import sys, reader.analysis; reader.analysis.analyze('Hi there.'); print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_cli_engine_spacy_without_model_fails_in_one_line(tmp_path, monkeypatch):
    from reader import cli
    from reader.analysis import spacy_backend

    def missing(model=spacy_backend.DEFAULT_MODEL):
        raise EngineUnavailable(f"the spaCy pipeline {model!r} is not installed")

    monkeypatch.setattr(spacy_backend, "load", missing)
    monkeypatch.setenv("LIMELIGHT_HOME", str(tmp_path / "home"))
    f = tmp_path / "a.txt"
    f.write_text("Title\n\nChelsea won in London.\n", encoding="utf-8")
    assert cli.main(["analyze", str(f), "--engine", "spacy"]) == 1
