"""Bylines ("By Jane Doe, Reuters") are captions; sentences that start with "By" are not."""

from __future__ import annotations

import pytest

from reader.library.model import CAPTION, PARAGRAPH
from reader.library.plaintext import BYLINE_BLOCKS, is_byline, parse_plaintext

BYLINES = [
    "By Jane Doe",
    "by Jane Doe",
    "BY JANE DOE AND JOHN ROE",
    "By Ursula von der Leyen",
    "By Mohammed bin Salman",
    "By Staff Reporter",
    "By Our Correspondent",
    "By Jane Doe and John Roe",
    "By Jane Doe & John Roe",
    "By Jane Doe, Reuters",
    "By Jane Doe - Reuters",
    "By Jane Doe | The Guardian",
    "By Jane Doe, Chief Political Correspondent, in Washington",
    "By Jane Doe in Paris",
    "By the Associated Press",
    "By The Editorial Board",
    "By J. K. Rowling",
    "By Seán O'Brien",
    "By Jean-Luc Picard",
    "By Martin Luther King Jr.",
    "By AFP",
]

NOT_BYLINES = [
    "By 1400 the town had grown to 5,000 people.",
    "By 1400, the town had grown.",
    "By contrast, the north stayed poor.",
    "By the time the vote came, it was over.",
    "By the end of the year, sales had doubled.",
    "By then it was late.",
    "By Then",
    "By Friday, the committee had voted.",
    "By Tuesday",
    "By Paris standards, the rent is low.",
    "By Election Day, voters had made up their minds.",
    "By Monday Smith had left the party.",
    "By 2030 emissions must fall.",
    "By far the largest of them.",
    "Bylines are short.",
]


@pytest.mark.parametrize("text", BYLINES)
def test_a_byline_is_recognised(text):
    assert is_byline(text)


@pytest.mark.parametrize("text", NOT_BYLINES)
def test_a_sentence_starting_with_by_is_no_byline(text):
    assert not is_byline(text)


def test_a_very_long_by_line_is_no_byline():
    assert not is_byline("By " + " ".join(["Name"] * 30))


def kinds(text: str) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in parse_plaintext(text).blocks]


def test_a_byline_under_the_title_is_a_caption():
    text = (
        "The harbour town\n\n"
        "By Ursula von der Leyen, Special Correspondent\n\n"
        "The town grew slowly over the centuries, and its harbour with it.\n\n"
        "Trade came later, with the railway.\n"
    )
    assert kinds(text)[0] == (CAPTION, "By Ursula von der Leyen, Special Correspondent")


@pytest.mark.parametrize(
    "paragraph",
    [
        "By 1400, the town had grown to 5,000 people, most of them fishermen.",
        "By contrast, the north stayed poor for another century.",
        "By the time the railway came, the harbour had silted up.",
    ],
)
def test_a_body_paragraph_starting_with_by_stays_a_paragraph(paragraph):
    text = (
        "The harbour town\n\n"
        "The town grew slowly over the centuries, and its harbour with it.\n\n"
        f"{paragraph}\n\n"
        "Trade came later, with the railway.\n"
    )
    assert (PARAGRAPH, paragraph) in kinds(text)


def test_only_a_line_near_the_top_is_taken_for_a_byline():
    paragraphs = [
        f"Paragraph {n} of the body, long enough to be one." for n in range(BYLINE_BLOCKS + 1)
    ]
    text = "The harbour town\n\n" + "\n\n".join([*paragraphs, "By Jane Doe", "The end."]) + "\n"
    assert (CAPTION, "By Jane Doe") not in kinds(text)
