"""The command line, run in-process and, for the entry points, as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reader.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_prints_the_seed_library_by_default(capsys):
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [row["title"] for row in rows] == [
        "China strengthens its ties with Russia amid the West’s sanctions"
    ]
    assert rows[0]["words"] > 1000
    assert rows[0]["source"].endswith("000_2ba0c848949374cf.txt")
    assert len(rows[0]["id"]) == 16


def test_add_list_remove(tmp_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.txt").write_text("One\n\nBody of one.\n", encoding="utf-8")
    code, out, _ = run(capsys, "add", str(folder))
    assert code == 0 and "added" in out
    code, out, _ = run(capsys, "add", str(folder))
    assert "already" in out
    # New files in a remembered folder appear at the next scan.
    (folder / "two.md").write_text("# Two\n\nBody of two.\n", encoding="utf-8")
    _, out, _ = run(capsys, "list", "--json")
    assert sorted(row["title"] for row in json.loads(out)) == ["One", "Two"]
    _, out, _ = run(capsys, "list")
    assert "One" in out and "Two" in out
    code, out, _ = run(capsys, "remove", str(folder))
    assert code == 0 and "removed" in out
    _, out, _ = run(capsys, "list", "--json")
    assert [row["title"] for row in json.loads(out)][0].startswith("China")


def test_add_missing_path_fails_with_one_line(tmp_path, capsys):
    code, _, err = run(capsys, "add", str(tmp_path / "nope"))
    assert code != 0
    assert err.strip().count("\n") == 0 and "no such file" in err


def test_remove_unknown_source_fails(tmp_path, capsys):
    code, _, err = run(capsys, "remove", str(tmp_path))
    assert code != 0 and "not a library source" in err


def test_analyze_json_offsets_point_into_text(seed_path, capsys):
    code, out, _ = run(capsys, "analyze", str(seed_path), "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"id", "title", "dek", "text", "language", "entities", "quotes", "parts"}
    text = data["text"]
    assert "\n\n" in text and not text.startswith("Close")
    assert len(data["quotes"]) == 21
    for span in data["entities"] + data["quotes"]:
        assert text[span["start"] : span["end"]] == span["text"]
    for entity in data["entities"]:
        assert set(entity) == {"start", "end", "label", "text", "canon"}
    for quote in data["quotes"]:
        assert {"speaker", "speaker_kind", "speaker_start", "speaker_end", "cue"} <= set(quote)
        assert {"cue_start", "cue_end"} <= set(quote)
    assert any(q["speaker"] for q in data["quotes"])
    # The title's and the dek's spans point into them.
    assert set(data["parts"]) == {"title", "dek"}
    for name in ("title", "dek"):
        for span in data["parts"][name]["entities"] + data["parts"][name]["quotes"]:
            assert data[name][span["start"] : span["end"]] == span["text"]


def test_analyze_prints_highlighted_article(seed_path, capsys):
    code, out, _ = run(capsys, "analyze", str(seed_path))
    assert code == 0
    assert "China strengthens its ties" in out
    assert "Due to western economic sanctions" in out


def test_analyze_names_the_speakers_of_the_dek(tmp_path, capsys):
    path = tmp_path / "dek.txt"
    path.write_text(
        "Li Qiang vows to keep going\n\nThe premier told reporters: “The door is open.”\n\n"
        "Trade talks resumed in Moscow on Monday after a long pause.\n"
    )
    code, out, _ = run(capsys, "analyze", str(path))
    assert code == 0
    dek_line = out.index("The door is open")
    assert "— quoted: Li Qiang" in out[dek_line : out.index("words ·")]


def test_analyze_shows_markup_literally(tmp_path, capsys):
    path = tmp_path / "evil.txt"
    path.write_text("[bold]Title[/bold]\n\nSays [@click=app.quit]y[/] and \x1b]0;pwned\x07.\n")
    code, out, _ = run(capsys, "analyze", str(path))
    assert code == 0
    assert "[bold]Title[/bold]" in out and "[@click=app.quit]y[/]" in out
    assert "\x1b]0;" not in out and "\x07" not in out


def test_analyze_missing_file_fails_with_one_line(tmp_path, capsys):
    code, out, err = run(capsys, "analyze", str(tmp_path / "missing.txt"))
    assert code != 0 and out == ""
    assert err.startswith("limelight: ") and err.count("\n") == 1


def test_analyze_unreadable_file_fails(tmp_path, capsys):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    code, _, err = run(capsys, "analyze", str(path))
    assert code != 0 and "empty" in err


def test_opening_a_missing_path_fails_before_the_app(tmp_path, capsys):
    code, _, err = run(capsys, str(tmp_path / "missing"))
    assert code != 0 and "no such file" in err


def test_python_dash_m_reader_is_the_limelight_command(seed_path):
    result = subprocess.run(
        [sys.executable, "-m", "reader", "analyze", str(seed_path), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"].startswith("China")
    help_text = subprocess.run(
        [sys.executable, "-m", "reader", "--help"], capture_output=True, text=True, check=False
    ).stdout
    assert "usage: limelight" in help_text


def test_seeds_and_styles_are_found():
    from reader.resources import seeds_dir, styles_dir

    assert (seeds_dir() / "000_2ba0c848949374cf.txt").is_file()
    assert (styles_dir() / "app.tcss").is_file()
    assert Path(seeds_dir()).is_dir()
