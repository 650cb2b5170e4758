"""``limelight stats [--json] [--days N]``: the reading figures on the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from reader.cli import COMMANDS, HANDLERS, main
from reader.store import Store
from reader.store.annotations import Annotation
from reader.store.stats import ReadingTime

TODAY = "2025-03-05"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def seed() -> None:
    store = Store()
    store.add_reading_time(
        [
            ReadingTime("aaaa1111", "2025-03-05", 1500.0, "Alpha [bold]sells[/bold] \x1b]0;x\x07"),
            ReadingTime("aaaa1111", "2025-03-03", 300.0),
            ReadingTime("bbbb2222", "2025-03-04", 3000.0, "Beta"),
            ReadingTime("cccc3333", "2025-02-01", 45.0),
        ]
    )
    store.set_progress("bbbb2222", 4, 0, 0.99)
    store.add_annotation(
        Annotation("n1", "aaaa1111", "q", "", "", 0, 1, "n", created="2025-03-04T10:00:00.000Z")
    )
    store.close()


def test_stats_is_a_command():
    assert "stats" in COMMANDS and "stats" in HANDLERS


def test_stats_json_has_every_figure(capsys):
    seed()
    code, out, err = run(capsys, "stats", "--json", "--today", TODAY)
    assert code == 0, err
    data = json.loads(out)
    assert data["today"] == TODAY and data["days"] == 7
    assert data["total_seconds"] == 4845.0
    assert data["window_seconds"] == 4800.0
    assert [row["day"] for row in data["per_day"]] == [
        "2025-02-27",
        "2025-02-28",
        "2025-03-01",
        "2025-03-02",
        "2025-03-03",
        "2025-03-04",
        "2025-03-05",
    ]
    assert [row["seconds"] for row in data["per_day"]][-3:] == [300.0, 3000.0, 1500.0]
    assert [(a["article_id"], a["seconds"], a["finished"]) for a in data["articles"]] == [
        ("bbbb2222", 3000.0, True),
        ("aaaa1111", 1800.0, False),
        ("cccc3333", 45.0, False),
    ]
    title = data["articles"][1]["title"]
    assert "[bold]sells[/bold]" in title and "\x1b" not in title and "\x07" not in title
    assert data["finished_count"] == 1 and data["finished"][0]["title"] == "Beta"
    assert data["notes_total"] == 1
    assert data["notes_per_week"] == [{"week": "2025-W10", "notes": 1}]
    assert data["recent_weeks"][-1] == {"week": "2025-W10", "notes": 1}


def test_stats_prints_a_summary_with_a_bar_chart(capsys):
    seed()
    code, out, err = run(capsys, "stats", "--today", TODAY, "--days", "3")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "reading time: 1 h 21 min in all, 1 h 20 min in the last 3 days"
    assert "articles finished: 1" in lines
    assert "notes: 1 (1 this week)" in lines
    chart = lines[lines.index("time per day") + 1 : lines.index("most read") - 1]
    assert [line.split()[0:3] for line in chart] == [
        ["Mon", "03", "Mar"],
        ["Tue", "04", "Mar"],
        ["Wed", "05", "Mar"],
    ]
    tuesday = next(line for line in lines if line.startswith("  Tue 04 Mar"))
    wednesday = next(line for line in lines if line.startswith("  Wed 05 Mar"))
    assert "█" * 30 in tuesday and tuesday.endswith("50 min")  # the most read day: a full bar
    assert "█" * 15 in wednesday and "█" * 16 not in wednesday  # half of it
    assert "  50 min  Beta  ✓ finished" in lines
    assert any("Alpha [bold]sells[/bold]" in line for line in lines)  # literally
    assert "\x1b" not in out and "\x07" not in out
    assert "    45 s  article cccc3333" in lines  # no title known: its id


def test_stats_on_an_empty_database(capsys):
    code, out, err = run(capsys, "stats", "--today", TODAY)
    assert code == 0 and err == ""
    assert out.startswith("reading time: 0 min in all, 0 min in the last 7 days\n")
    assert "most read" not in out
    code, out, _ = run(capsys, "stats", "--json", "--days", "1", "--today", TODAY)
    data = json.loads(out)
    assert data["per_day"] == [{"day": TODAY, "seconds": 0.0}] and data["articles"] == []


def test_stats_refuses_bad_options_in_one_line(capsys):
    for argv, message in (
        (["--days", "0"], "--days must be at least 1"),
        (["--days", "100000"], "--days must be at most"),
        (["--today", "someday"], "not a date"),
    ):
        code, out, err = run(capsys, "stats", *argv)
        assert code == 1 and out == ""
        assert err.startswith("limelight: ") and message in err and err.count("\n") == 1


def test_stats_says_a_bad_row_once_and_still_answers(capsys, limelight_home):
    seed()
    db = limelight_home / "limelight.json"
    data = json.loads(db.read_text(encoding="utf-8"))
    data["reading_time"]["99"] = {"article_id": "x", "day": "soon", "seconds": 5}
    db.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(capsys, "stats", "--json", "--today", TODAY)
    assert code == 0
    assert "kept aside" in err and err.count("\n") == 1
    assert json.loads(out)["total_seconds"] == 4845.0


def test_python_dash_m_reader_stats_in_a_subprocess(limelight_home):
    seed()
    env = {**os.environ, "LIMELIGHT_HOME": str(limelight_home)}
    done = subprocess.run(
        [sys.executable, "-m", "reader", "stats", "--json", "--today", TODAY, "--days", "2"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [row["seconds"] for row in data["per_day"]] == [3000.0, 1500.0]
    shown = subprocess.run(
        [sys.executable, "-m", "reader", "stats", "--today", TODAY],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert shown.returncode == 0 and "articles finished: 1" in shown.stdout
    helped = subprocess.run(
        [sys.executable, "-m", "reader", "--help"], capture_output=True, text=True, check=False
    )
    assert "stats" in helped.stdout
