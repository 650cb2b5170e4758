"""``limelight search``: ranked results without opening the app."""

from __future__ import annotations

import json

from reader.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_on_the_seed_library(capsys):
    code, out, _ = run(capsys, "search", "putin", "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 1
    row = rows[0]
    assert set(row) == {"article_id", "title", "score", "field", "snippet", "offsets"}
    assert row["title"].startswith("China strengthens")
    assert row["field"] == "body"
    assert "Putin" in row["snippet"]
    assert row["offsets"] and all(len(span) == 2 for span in row["offsets"])


def test_search_offsets_point_into_the_analyzed_text(capsys, seed_path):
    _, out, _ = run(capsys, "analyze", str(seed_path), "--json")
    text = json.loads(out)["text"]
    _, out, _ = run(capsys, "search", '"strategic partnership"', "--json")
    (row,) = json.loads(out)
    assert [text[s:e] for s, e in row["offsets"]] == ["strategic partnership"]


def test_search_no_results_is_an_empty_list(capsys):
    code, out, _ = run(capsys, "search", "xylophonist", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, err = run(capsys, "search", "xylophonist")
    assert code == 0 and out == "" and "no matches" in err


def test_search_text_output(capsys):
    code, out, _ = run(capsys, "search", "person:Putin", "russia")
    assert code == 0
    assert out.startswith(" 1. China strengthens")
    assert "[title]" in out
    assert "Russia" in out.splitlines()[1]


def test_search_exclusions_are_not_options(capsys):
    code, out, _ = run(capsys, "search", "putin", "-china", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(capsys, "search", "putin", "-zebra", "--limit", "5", "--json")
    assert code == 0 and len(json.loads(out)) == 1


def test_search_hostile_query_and_bad_options(capsys):
    code, out, _ = run(capsys, "search", 'AND OR NOT ( ) * : ^ "', "NEAR(", "--json")
    assert code == 0 and isinstance(json.loads(out), list)
    code, _, err = run(capsys, "search", "x", "--limit", "0")
    assert code != 0 and "--limit" in err


def test_search_indexes_the_remembered_library(tmp_path, capsys):
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "one.txt").write_text("Kestrels\n\nThe kestrel hovers over São Paulo.\n", "utf-8")
    run(capsys, "add", str(folder))
    _, out, _ = run(capsys, "search", "sao", "paulo", "--json")
    assert [row["title"] for row in json.loads(out)] == ["Kestrels"]
    (folder / "one.txt").write_text("Kestrels\n\nThe kestrel hovers over Lisbon.\n", "utf-8")
    _, out, _ = run(capsys, "search", "sao", "paulo", "--json")
    assert json.loads(out) == []
    _, out, _ = run(capsys, "search", "lisbon", "--json")
    assert [row["title"] for row in json.loads(out)] == ["Kestrels"]
