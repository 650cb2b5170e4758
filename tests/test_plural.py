"""reader/text.py: counts in agreement ("1 result", "2 results") and passages
quoted once (never “"This is…”), and the places that use them."""

from __future__ import annotations

import pytest

from reader.library.model import PARAGRAPH, Block
from reader.library.sanitize import make_article
from reader.text import plural, quoted
from reader.ui.article_list import meta_line
from reader.ui.library_search import result_prompt
from reader.ui.notes_panel import NoteEntry, note_prompt


@pytest.mark.parametrize(
    ("number", "noun", "expected"),
    [
        (0, "result", "0 results"),
        (1, "result", "1 result"),
        (2, "result", "2 results"),
        (1, "mention", "1 mention"),
        (12_500, "article", "12,500 articles"),
        (1, "person", "1 person"),
        (3, "person", "3 people"),
        (2, "entry", "2 entries"),
        (2, "day", "2 days"),
        (2, "match", "2 matches"),
        (2, "box", "2 boxes"),
        (-1, "degree", "-1 degrees"),
    ],
)
def test_plural_agrees_with_its_number(number, noun, expected):
    assert plural(number, noun) == expected


def test_plural_takes_a_given_plural_and_plain_digits():
    assert plural(2, "criterion", "criteria") == "2 criteria"
    assert plural(1, "criterion", "criteria") == "1 criterion"
    assert plural(1500, "word", digits=False) == "1500 words"


@pytest.mark.parametrize(
    "passage",
    [
        '"This is the start of it…',  # the note of the issue: straight quotes, cut
        "“Nobody expected it,” she said.",
        "«Nous verrons», a-t-il dit.",
        "„Das ist es“",
        "‚So‘",
        "「東京」",
        "‘Yes’",
        "He said “no”",
        'and then "never"…',  # cut just after its own closing mark
    ],
)
def test_a_passage_with_its_own_quotation_marks_is_not_quoted_again(passage):
    assert quoted(passage) == passage


@pytest.mark.parametrize(
    ("passage", "expected"),
    [
        ("The talks went on.", "“The talks went on.”"),
        ("the players’ union", "“the players’ union”"),  # an apostrophe closes nothing
        ("", "“”"),
    ],
)
def test_a_plain_passage_is_quoted(passage, expected):
    assert quoted(passage) == expected


def test_the_notes_panel_shows_a_quoted_passage_with_one_pair_of_marks():
    entry = NoteEntry("n1", '"This is what we agreed," he said.', "", (), 0, 10)
    first_line = note_prompt(entry).plain.splitlines()[0]
    assert first_line == '"This is what we agreed," he said.'
    plain = NoteEntry("n2", "The talks went on.", "", (), 0, 10)
    assert note_prompt(plain).plain.splitlines()[0] == "“The talks went on.”"


def test_the_sidebar_meta_line_says_1_word():
    one = make_article("T", [Block(PARAGRAPH, "Word.")], source="a.txt")
    assert one.words == 1
    assert meta_line(one).startswith("1 word ·")


def test_the_library_search_says_1_mention():
    from reader.search.index import Result

    result = Result("a", "T", 0.0, "entity", "Li Qiang met them", mentions=1)
    assert "· 1 mention" in result_prompt(result).plain
    assert "mentions" not in result_prompt(result).plain


def test_the_notes_command_quotes_a_passage_once(capsys):
    from reader.cli import main
    from reader.store import Store
    from reader.store.annotations import make_annotation

    body = '"This is the deal," the minister said. Talks go on.'
    store = Store()
    said = body.index(" the minister")
    store.add_annotation(make_annotation("art1", body, 0, said, "", title="Deal"))
    talks = body.index("Talks")
    store.add_annotation(make_annotation("art1", body, talks, len(body), "", title="Deal"))
    assert main(["notes"]) == 0
    out = capsys.readouterr().out
    assert '  "This is the deal,"\n' in out  # its own marks, no second pair
    assert '“"' not in out and '"”' not in out
    assert "“Talks go on.”" in out


def test_export_and_list_say_1_note_and_1_word(tmp_path, capsys):
    from reader.cli import main
    from reader.store import Store
    from reader.store.annotations import make_annotation

    Store().add_annotation(make_annotation("art1", "One. Two.", 0, 4, "", title="T"))
    assert main(["export", "--out", str(tmp_path / "notes.md")]) == 0
    assert "exported 1 note to" in capsys.readouterr().err
    library = tmp_path / "lib"
    library.mkdir()
    (library / "one.txt").write_text("Title\n\nWord.\n", encoding="utf-8")
    assert main(["add", str(library)]) == 0
    capsys.readouterr()
    assert main(["list"]) == 0
    assert "(1 word)" in capsys.readouterr().out
