from __future__ import annotations

from reader.analysis.model import Analysis, Entity
from reader.ui.panels import group_entities


def ent(text: str, label: str, at: int) -> Entity:
    return Entity(at, at + len(text), label, text)


def test_partial_names_count_with_the_full_name():
    analysis = Analysis(
        entities=(
            ent("Li Qiang", "PERSON", 0),
            ent("Li", "PERSON", 20),
            ent("Li", "PERSON", 40),
            ent("Moscow", "PLACE", 60),
            ent("Putin", "PERSON", 80),
        )
    )
    groups = group_entities(analysis)
    assert [(g.label, g.text, len(g.mentions)) for g in groups] == [
        ("PERSON", "Li Qiang", 3),
        ("PERSON", "Putin", 1),
        ("PLACE", "Moscow", 1),
    ]
    assert groups[0].mentions == ((0, 8), (20, 22), (40, 42))


def test_ambiguous_partial_names_stay_apart():
    analysis = Analysis(
        entities=(
            ent("Li Qiang", "PERSON", 0),
            ent("Li Hui", "PERSON", 20),
            ent("Li", "PERSON", 40),
        )
    )
    texts = {g.text for g in group_entities(analysis)}
    assert texts == {"Li Qiang", "Li Hui", "Li"}


def test_no_analysis_no_groups():
    assert group_entities(None) == []
