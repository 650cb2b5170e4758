"""The sentence splitter behind the sentence cursor: abbreviations do not end sentences."""

from __future__ import annotations

import pytest

from reader.analysis import analyze, split_sentences
from reader.analysis.sentences import LANGUAGE_ABBREVIATIONS


def sents(text: str, language: str | None = None) -> list[str]:
    if language is None:
        spans = split_sentences(text)
    else:
        from reader.analysis.sentences import split_sentences as split

        spans = split(text, language=language)
    return [text[start:end] for start, end in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "PORTLAND, Ore. — The council voted on Monday. It was late.",
            ["PORTLAND, Ore. — The council voted on Monday.", "It was late."],
        ),
        (
            "SALEM, Ore. (AP) — Lawmakers met. They left.",
            ["SALEM, Ore. (AP) — Lawmakers met.", "They left."],
        ),
        (
            "The mayor of Portland, Ore., said no. Calif. Gov. Gavin Newsom agreed.",
            ["The mayor of Portland, Ore., said no.", "Calif. Gov. Gavin Newsom agreed."],
        ),
        (
            "Mr. Smith met Mrs. Jones and Dr. Wang. They talked.",
            ["Mr. Smith met Mrs. Jones and Dr. Wang.", "They talked."],
        ),
        (
            "Gen. Milley and Sen. Warren spoke. Rep. Smith and Gov. Newsom did not.",
            ["Gen. Milley and Sen. Warren spoke.", "Rep. Smith and Gov. Newsom did not."],
        ),
        (
            "It opened in St. Louis on Jan. 5 and closed on Dec. 31. Few came.",
            ["It opened in St. Louis on Jan. 5 and closed on Dec. 31.", "Few came."],
        ),
        (
            "Fruit, e.g. apples, i.e. the red ones, etc. and more. Then bread.",
            ["Fruit, e.g. apples, i.e. the red ones, etc. and more.", "Then bread."],
        ),
        (
            "U.S. officials met. J. K. Rowling spoke. No. 5 won.",
            ["U.S. officials met.", "J. K. Rowling spoke.", "No. 5 won."],
        ),
        (
            "Apple Inc. Chief Executive Tim Cook spoke. Acme Corp. Then it fell.",
            ["Apple Inc. Chief Executive Tim Cook spoke.", "Acme Corp.", "Then it fell."],
        ),
    ],
)
def test_abbreviations_do_not_end_sentences(text, expected):
    assert sents(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "She lives in Salem, Ore. The city is small.",
            ["She lives in Salem, Ore.", "The city is small."],
        ),
        ("Sales rose in the U.S. The rest fell.", ["Sales rose in the U.S.", "The rest fell."]),
        ("They met at 5 p.m. Then they left.", ["They met at 5 p.m.", "Then they left."]),
        (
            "He wrote about Malcolm X. The book sold.",
            ["He wrote about Malcolm X.", "The book sold."],
        ),
        (
            "The plan failed in Sept. It was dropped.",
            ["The plan failed in Sept.", "It was dropped."],
        ),
    ],
)
def test_an_abbreviation_that_ends_a_sentence_still_ends_it(text, expected):
    assert sents(text) == expected


def test_an_initial_before_another_initial_is_not_a_sentence_start():
    assert sents("J. A. Smith came. He sat.") == ["J. A. Smith came.", "He sat."]


def test_initials_in_other_scripts():
    text = "А. С. Пушкин родился в Москве. Это было давно."
    assert sents(text) == ["А. С. Пушкин родился в Москве.", "Это было давно."]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "de",
            "Der Termin ist z. B. am Montag. Dr. Müller kommt. Nr. 5 ist frei.",
            ["Der Termin ist z. B. am Montag.", "Dr. Müller kommt.", "Nr. 5 ist frei."],
        ),
        (
            "es",
            "La Sra. López llegó. El Sr. García también.",
            ["La Sra. López llegó.", "El Sr. García también."],
        ),
        (
            "nl",
            "Het gaat om dhr. Jansen. Hij is er bijv. Maandag niet.",
            ["Het gaat om dhr. Jansen.", "Hij is er bijv. Maandag niet."],
        ),
    ],
)
def test_each_language_has_its_abbreviations(language, text, expected):
    assert language in LANGUAGE_ABBREVIATIONS
    assert sents(text, language) == expected
    # ... which English text does not get: "Sra." ends a sentence there.
    if language == "es":
        assert sents(text, "en") != expected


def test_the_language_is_detected_when_not_given():
    text = (
        "Die Regierung hat am Montag, z. B. in Berlin, eine Entscheidung getroffen. "
        "Sie ist nicht sehr beliebt und wird von der Opposition kritisiert."
    )
    assert len(split_sentences(text)) == 2


def test_the_analysis_uses_the_language_of_the_article():
    body = (
        "Der Minister sagte am Montag, dass die Regierung z. B. die Steuern senken will. "
        "Die Opposition ist dagegen und hat das auch gesagt."
    )
    analysis = analyze(body, title="Die Steuern")
    assert analysis.language == "de"
    assert [body[s:e] for s, e in analysis.sentences] == [
        "Der Minister sagte am Montag, dass die Regierung z. B. die Steuern senken will.",
        "Die Opposition ist dagegen und hat das auch gesagt.",
    ]
