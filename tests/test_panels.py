from __future__ import annotations

from reader.analysis.model import Analysis, Entity, Part, Quote
from reader.ui.entities_panel import entity_prompt, group_entities
from reader.ui.quotes_panel import QuoteEntry, quote_entries, quote_prompt


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


def test_the_title_and_dek_mentions_count_and_partial_names_are_listed():
    analysis = Analysis(
        entities=(
            ent("Mr Li", "PERSON", 0, canon="Li Qiang"),
            ent("Li", "PERSON", 20, canon="Li Qiang"),
            ent("Mr Li", "PERSON", 40, canon="Li Qiang"),
            ent("Putin", "PERSON", 60),
            ent("Putin", "PERSON", 70),
        ),
        title=Part((ent("Li Qiang", "PERSON", 0), ent("Berlin", "PLACE", 15))),
        dek=Part((ent("Premier Li", "PERSON", 4, canon="Li Qiang"),)),
    )
    groups = group_entities(analysis)
    assert [(g.text, g.count, g.elsewhere) for g in groups] == [
        ("Li Qiang", 5, 2),
        ("Putin", 2, 0),
        ("Berlin", 1, 1),  # only in the title: nothing in the body to step through
    ]
    li, putin, berlin = groups
    assert li.mentions == ((0, 5), (20, 22), (40, 45))  # the body's, for n / N
    # Commonest first, then in reading order (the dek's before the body's).
    assert li.aliases == ("Mr Li", "Premier Li", "Li")
    assert putin.aliases == () and berlin.mentions == ()
    first, others = str(entity_prompt(li)).splitlines()
    assert first == "Li Qiang  Person · 5× · 2 in title/standfirst"
    assert others == "also Mr Li, Premier Li, Li"
    assert str(entity_prompt(putin)) == "Putin  Person · 2×"


def test_quotes_in_reading_order_title_dek_body():
    def q(at: int, text: str) -> Quote:
        return Quote(at, at + len(text), text, "Li Qiang", "person")

    analysis = Analysis(
        quotes=(q(40, '"b2"'), q(0, '"b1"')),
        title=Part(quotes=(q(0, '"t"'),)),
        dek=Part(quotes=(q(5, '"d"'),)),
    )
    entries = quote_entries(analysis)
    assert [(e.part, e.quote.text) for e in entries] == [
        ("title", '"t"'),
        ("dek", '"d"'),
        ("body", '"b1"'),
        ("body", '"b2"'),
    ]
    assert entries[0] == QuoteEntry("title", analysis.title.quotes[0])
    assert quote_entries(None) == []
    dek = quote_prompt('"d"', "Li Qiang", "person", part="dek")
    assert str(dek).splitlines()[1] == "— Li Qiang · in the standfirst"
    assert str(quote_prompt('"t"', None, part="title")).splitlines()[1] == (
        "— (unattributed) · in the title"
    )


def test_every_registered_panel_is_the_list_it_names_and_has_a_key():
    """``PANELS`` names each list without importing it; the names must hold."""
    import pytest

    from reader.ui.app import PANELS
    from reader.ui.keys import KEYS
    from reader.ui.panels import _list_class

    actions = {key.action for key in KEYS}
    for name, where in PANELS:
        assert _list_class(name, where).PANEL == name
        assert f"panel('{name}')" in actions or name in actions  # `o` is action_notes
    with pytest.raises(ValueError, match="registered as 'quotes'"):
        _list_class("quotes", "reader.ui.notes_panel:NotesList")
