from __future__ import annotations

from reader.analysis.model import Analysis, Entity
from reader.ui.panels import group_entities, quote_prompt


def ent(text: str, label: str, at: int, canon: str | None = None) -> Entity:
    return Entity(at, at + len(text), label, text, canon)


def test_partial_names_count_with_the_full_name():
    analysis = Analysis(
        entities=(
            ent("Li Qiang", "PERSON", 0),
            ent("Li", "PERSON", 20, canon="Li Qiang"),
            ent("Mr Li", "PERSON", 40, canon="Li Qiang"),
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
    assert groups[0].mentions == ((0, 8), (20, 22), (40, 45))


def test_a_partial_name_without_a_full_name_stays_apart():
    """Only the analysis says who a partial name is ("Li" alone may be anyone)."""
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


def test_quote_prompts_name_the_speaker_and_mark_described_sources():
    named = quote_prompt('"We will."', "Li Qiang", "person")
    assert str(named).splitlines()[1] == "— Li Qiang"
    described = quote_prompt('"No comment."', "a [b]spokeswoman[/b]", "described")
    who = str(described).splitlines()[1]
    assert who == "— a [b]spokeswoman[/b] · described source"  # never markup
    italic = [
        str(described)[s.start : s.end]
        for s in described.spans
        if "italic" in str(s.style) and s.start > len('"No comment."')
    ]
    assert "a [b]spokeswoman[/b]" in italic
    assert str(quote_prompt('"Hm."', None)).splitlines()[1] == "— (unattributed)"
