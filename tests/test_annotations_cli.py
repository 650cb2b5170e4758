from __future__ import annotations

import json

from reader.cli import COMMANDS, main
from reader.store import Store
from reader.store.annotations import make_annotation

BODY = (
    "The mayor said the bridge would reopen in May.\n\n"
    "Engineers were less sure.\nThey asked for more time."
)


def add_notes() -> list:
    store = Store()
    first = store.add_annotation(
        make_annotation("art1", BODY, 4, 9, "Who exactly?", ["people"], title="Bridge \x1b[31mnews")
    )
    start = BODY.index("Engineers")
    second = store.add_annotation(
        make_annotation("art1", BODY, start, len(BODY), "", title="Bridge \x1b[31mnews")
    )
    third = store.add_annotation(
        make_annotation("art2", BODY, 0, 8, "other", title="Another article")
    )
    return [first, second, third]


def test_notes_and_export_are_commands():
    assert "notes" in COMMANDS and "export" in COMMANDS


def test_notes_on_an_empty_store(capsys):
    assert main(["notes"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "no notes" in err
    assert main(["notes", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_notes_lists_title_passage_and_note(capsys):
    first, second, third = add_notes()
    assert main(["notes"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out  # never an escape sequence on the terminal
    assert "Another article  (art2)" in out
    assert "Bridge" in out and "(art1)" in out
    assert f"{first.id[:8]}  “mayor”" in out and "Who exactly?  #people" in out
    assert "“Engineers were less sure. They asked for more time.”" in out
    assert out.index("Another article") < out.index("Bridge")


def test_notes_for_one_article_as_json(capsys):
    first, second, _ = add_notes()
    assert main(["notes", "--json", "--article", "art1"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["id"] for row in rows] == [first.id, second.id]
    assert rows[0]["quote"] == "mayor" and rows[0]["tags"] == ["people"]


def test_export_markdown_to_stdout(capsys):
    add_notes()
    assert main(["export", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Limelight notes\n") and "\x1b" not in out
    assert "> Engineers were less sure.\n> They asked for more time.\n" in out
    assert "> mayor\n\nWho exactly?\n\n#people\n" in out


def test_export_json_to_a_file(tmp_path, capsys):
    notes = add_notes()
    target = tmp_path / "out" / "notes.json"
    assert main(["export", "--format", "json", "--out", str(target)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "exported 3 notes to" in captured.err
    data = json.loads(target.read_text(encoding="utf-8"))
    assert {row["id"] for row in data["annotations"]} == {a.id for a in notes}
    assert [p.name for p in target.parent.iterdir()] == ["notes.json"]


def test_export_of_an_empty_store(capsys, tmp_path):
    assert main(["export"]) == 0
    assert capsys.readouterr().out == "# Limelight notes\n\nNo notes yet.\n"
    assert main(["export", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["annotations"] == []


def test_export_to_a_folder_fails_cleanly(tmp_path, capsys):
    assert main(["export", "--out", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err
