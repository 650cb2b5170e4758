"""Reading statistics (reader/store/stats.py): the reading clock, the time kept
per article per day, and the figures. Every time is given: nothing sleeps."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import orjson
import pytest

from reader.store import SCHEMA_VERSION, Store
from reader.store.annotations import Annotation
from reader.store.checks import check_database
from reader.store.db import TABLES
from reader.store.stats import (
    DAY_LIMIT,
    IDLE_CAP,
    ReadingClock,
    ReadingTime,
    Span,
    daily_totals,
    record_spans,
    split_by_day,
)
from reader.store.summary import bar, day_label, format_duration, iso_week, reading_stats

# A fixed zone two hours east of UTC: midnight there is 22:00 UTC.
PLUS2 = timezone(timedelta(hours=2))


def at(text: str, tz=PLUS2) -> float:
    """POSIX seconds of a local time in ``tz``: ``at("2025-03-04 23:50")``."""
    return datetime.fromisoformat(text).replace(tzinfo=tz).timestamp()


def seconds(spans: list[Span], article_id: str | None = None) -> float:
    return sum(s.seconds for s in spans if article_id is None or s.article_id == article_id)


# -- the clock ----------------------------------------------------------------------


def test_time_between_events_counts_when_the_reader_pauses_to_think():
    clock = ReadingClock(idle_cap=60)
    clock.activity("a", 1000)
    clock.activity("a", 1050)  # 50 s over a paragraph: still reading
    clock.activity("a", 1100)
    assert seconds(clock.flush(1100)) == 100


def test_an_idle_gap_counts_only_up_to_the_cap():
    clock = ReadingClock(idle_cap=60)
    clock.activity("a", 0)
    clock.activity("a", 30)
    clock.activity("a", 30 + 3600)  # walked away for an hour, came back
    clock.activity("a", 30 + 3600 + 20)
    spans = clock.flush(30 + 3600 + 20)
    # 30 s of reading, the first minute after the last key, then 20 s more.
    assert seconds(spans) == 30 + 60 + 20
    assert [(s.start, s.end) for s in spans] == [(0, 90), (3630, 3650)]


def test_the_trailing_time_after_the_last_event_is_capped_too():
    clock = ReadingClock(idle_cap=60)
    clock.activity("a", 0)
    assert seconds(clock.flush(10)) == 10
    assert seconds(clock.flush(500)) == 50  # up to 60 s after the last key, no more
    assert clock.flush(900) == []


def test_switching_articles_closes_the_span():
    clock = ReadingClock(idle_cap=60)
    clock.activity("a", 0, title="Alpha")
    clock.activity("a", 20)
    clock.activity("b", 45, title="Beta")  # the 25 s before the switch were a's
    clock.activity("b", 75)
    clock.activity("a", 1000)  # b's last key was long ago: its minute, no more
    spans = clock.flush(1010)
    assert [(s.article_id, s.start, s.end, s.title) for s in spans] == [
        ("a", 0, 45, "Alpha"),
        ("b", 45, 135, "Beta"),
        ("a", 1000, 1010, ""),
    ]


def test_flush_hands_each_second_over_once_and_the_span_carries_on():
    clock = ReadingClock(idle_cap=60)
    clock.activity("a", 0)
    clock.activity("a", 40)
    first = clock.flush(50)
    assert seconds(first) == 50
    assert clock.flush(50) == []  # nothing new
    clock.activity("a", 80)  # 40 s after the last key: the span goes on from the flush
    second = clock.flush(80)
    assert seconds(second) == 30
    assert first[-1].end == second[0].start  # contiguous, nothing counted twice
    clock.activity("a", 500)  # gone since 80: the minute after 80, less what was flushed
    assert seconds(clock.flush(500)) == 60


def test_stop_closes_the_span_and_forgets_the_article():
    clock = ReadingClock(idle_cap=60)
    clock.activity("a", 0)
    clock.activity("a", 30)
    clock.stop(35)
    assert clock.article_id is None
    assert clock.pending == 35
    clock.activity("a", 100)  # a new span, nothing for the time stopped
    assert seconds(clock.flush(110)) == 45


def test_a_clock_stepping_back_counts_nothing_for_the_step():
    clock = ReadingClock(idle_cap=60)
    clock.activity("a", 1000)
    clock.activity("a", 1030)
    clock.activity("a", 400)  # the system clock was corrected
    clock.activity("a", 420)
    spans = clock.flush(420)
    assert seconds(spans) == 30 + 20
    assert all(s.end > s.start for s in spans)


def test_the_clock_can_be_injected():
    now = [100.0]
    clock = ReadingClock(clock=lambda: now[0])
    clock.activity("a")
    now[0] = 130.0
    clock.activity("a")
    now[0] = 135.0
    assert seconds(clock.flush()) == 35
    assert IDLE_CAP == 60
    with pytest.raises(ValueError):
        ReadingClock(idle_cap=0)


# -- days ---------------------------------------------------------------------------


def test_a_span_crossing_local_midnight_is_split():
    parts = split_by_day(at("2025-03-04 23:50"), at("2025-03-05 00:10"), PLUS2)
    assert parts == [(date(2025, 3, 4), 600.0), (date(2025, 3, 5), 600.0)]
    # in UTC the same stretch (21:50 to 22:10) is all one day
    assert split_by_day(at("2025-03-04 23:50"), at("2025-03-05 00:10"), UTC) == [
        (date(2025, 3, 4), 1200.0)
    ]


def test_a_span_over_several_days_gives_each_its_share():
    parts = split_by_day(at("2025-03-04 22:00"), at("2025-03-07 01:00"), PLUS2)
    assert parts == [
        (date(2025, 3, 4), 7200.0),
        (date(2025, 3, 5), 86400.0),
        (date(2025, 3, 6), 86400.0),
        (date(2025, 3, 7), 3600.0),
    ]


def test_local_midnight_follows_summer_time():
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        paris = zoneinfo.ZoneInfo("Europe/Paris")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time zone database")
    # 30 March 2025 lost an hour in Paris: its day is 23 hours long.
    start = at("2025-03-30 00:00", paris)
    end = at("2025-03-31 00:30", paris)
    assert split_by_day(start, end, paris) == [
        (date(2025, 3, 30), 23 * 3600.0),
        (date(2025, 3, 31), 1800.0),
    ]


def test_daily_totals_sum_spans_per_article_and_day():
    spans = [
        Span("a", at("2025-03-04 23:50"), at("2025-03-05 00:10"), "Alpha"),
        Span("a", at("2025-03-05 08:00"), at("2025-03-05 08:05")),
        Span("b", at("2025-03-05 09:00"), at("2025-03-05 09:01"), "Beta"),
    ]
    rows = {(r.article_id, r.day): (r.seconds, r.title) for r in daily_totals(spans, PLUS2)}
    assert rows == {
        ("a", "2025-03-04"): (600.0, "Alpha"),
        ("a", "2025-03-05"): (900.0, "Alpha"),
        ("b", "2025-03-05"): (60.0, "Beta"),
    }


# -- the store ------------------------------------------------------------------------


def test_reading_time_is_kept_across_a_store_reopen(limelight_home):
    clock = ReadingClock()
    clock.activity("a", at("2025-03-04 23:50"), title="Alpha")
    clock.activity("a", at("2025-03-04 23:50:50"))
    clock.activity("a", at("2025-03-05 00:00:30"))  # 9:40 idle: the first minute counts
    clock.activity("a", at("2025-03-05 00:01"))
    store = Store()
    assert record_spans(store, clock.flush(at("2025-03-05 00:01")), PLUS2) == 2
    store.close()
    again = Store()
    assert [(r.article_id, r.day, r.seconds, r.title) for r in again.reading_time()] == [
        ("a", "2025-03-04", 110.0, "Alpha"),
        ("a", "2025-03-05", 30.0, "Alpha"),
    ]
    # more reading the same day adds to the same row
    again.add_reading_time([ReadingTime("a", "2025-03-05", 15.5, "Alpha, edited")])
    rows = Store().reading_time("a")
    assert [(r.day, r.seconds, r.title) for r in rows] == [
        ("2025-03-04", 110.0, "Alpha"),
        ("2025-03-05", 45.5, "Alpha, edited"),
    ]
    assert all(r.updated for r in rows)
    assert again.notice is None and again.problems == []


def test_nothing_to_add_writes_nothing(limelight_home):
    store = Store()
    db = limelight_home / "limelight.json"
    before = db.read_bytes()
    assert record_spans(store, [], PLUS2) == 0
    store.add_reading_time([ReadingTime("a", "2025-03-05", 0.0)])
    store.add_reading_time([ReadingTime("a", "someday", 60.0), ReadingTime("", "2025-03-05", 9.0)])
    assert db.read_bytes() == before


def test_a_row_never_holds_more_than_a_day(limelight_home):
    store = Store()
    store.add_reading_time([ReadingTime("a", "2025-03-05", DAY_LIMIT - 10.0)])
    store.add_reading_time([ReadingTime("a", "2025-03-05", 3600.0)])
    [row] = store.reading_time()
    assert row.seconds == DAY_LIMIT
    Store()  # and the row so written reads back as good
    assert Store().problems == []


def test_reading_time_follows_an_edited_article(limelight_home):
    store = Store()
    store.add_reading_time([ReadingTime("old", "2025-03-05", 60.0, "Alpha")])
    assert store.rekey("old", "new") == 1
    assert [r.article_id for r in store.reading_time()] == ["new"]


def test_an_older_database_without_the_table_works(limelight_home):
    note = Annotation("n1", "a", "quote", "", "", 0, 5, "a note", created="2025-03-03T10:00:00Z")
    old = {
        "meta": {"1": {"schema": 2}},
        "annotations": {"1": note.to_dict()},
        "progress": {"1": {"article_id": "a", "block": 3, "offset": 0, "fraction": 1.0}},
    }
    db = limelight_home / "limelight.json"
    db.write_text(json.dumps(old), encoding="utf-8")
    store = Store()
    assert store.notice is None and store.problems == []
    assert store.schema_version == 2  # the file as it was: no upgrade needed for the new table
    assert store.reading_time() == []
    stats = reading_stats(store, date(2025, 3, 5), tz=UTC)
    assert stats.total_seconds == 0 and stats.finished_count == 1 and stats.notes_total == 1
    assert db.read_text(encoding="utf-8") == json.dumps(old)  # opening wrote nothing
    store.add_reading_time([ReadingTime("a", "2025-03-05", 60.0)])
    data = json.loads(db.read_text(encoding="utf-8"))
    assert data["annotations"] == old["annotations"] and data["progress"] == old["progress"]
    assert list(data["reading_time"].values())[0]["seconds"] == 60.0


def test_an_older_limelight_keeps_the_table_it_does_not_know():
    older_tables = tuple(name for name in TABLES if name != "reading_time")
    data = {
        "meta": {"1": {"schema": 2}},
        "reading_time": {"1": {"article_id": "a", "day": "2025-03-05", "seconds": 60.0}},
    }
    checked = check_database(data, older_tables)
    assert checked.data["reading_time"] == data["reading_time"] and not checked.aside


def side_files(home: Path) -> list[Path]:
    return sorted(home.glob("limelight.json.set-aside-*.json"))


GOOD_ROW = {"article_id": "a", "day": "2025-03-05", "seconds": 60.0, "title": "Alpha"}
BAD_ROWS = {
    "day not a date": {**GOOD_ROW, "day": "yesterday"},
    "day of 13 months": {**GOOD_ROW, "day": "2025-13-01"},
    "seconds a string": {**GOOD_ROW, "seconds": "60"},
    "seconds negative": {**GOOD_ROW, "seconds": -1},
    "seconds more than a day": {**GOOD_ROW, "seconds": 10**12},
    "seconds a boolean": {**GOOD_ROW, "seconds": True},
    "no article": {"day": "2025-03-05", "seconds": 5},
    "empty article": {**GOOD_ROW, "article_id": ""},
    "title a number": {**GOOD_ROW, "title": 7},
    "a list": ["a", "2025-03-05", 60],
}


@pytest.mark.parametrize("name", list(BAD_ROWS))
def test_a_bad_reading_row_is_kept_aside_not_a_crash(name, limelight_home):
    bad = BAD_ROWS[name]
    data = {
        "meta": {"1": {"schema": SCHEMA_VERSION}},
        "reading_time": {"1": GOOD_ROW, "2": bad},
    }
    (limelight_home / "limelight.json").write_text(json.dumps(data), encoding="utf-8")
    store = Store()
    assert store.notice and "kept aside" in store.notice
    [side] = side_files(limelight_home)
    [record] = orjson.loads(side.read_bytes())["records"]
    assert (record["table"], record["key"], record["value"]) == ("reading_time", "2", bad)
    assert [r.seconds for r in store.reading_time()] == [60.0]  # the rest is read
    stats = reading_stats(store, date(2025, 3, 5))
    assert stats.total_seconds == 60.0
    store.add_reading_time([ReadingTime("a", "2025-03-05", 30.0)])  # and written
    assert [r.seconds for r in Store().reading_time()] == [90.0]
    assert len(side_files(limelight_home)) == 1


def test_a_reading_table_of_the_wrong_shape_is_kept_aside(limelight_home):
    data = {"meta": {"1": {"schema": SCHEMA_VERSION}}, "reading_time": [GOOD_ROW]}
    (limelight_home / "limelight.json").write_text(json.dumps(data), encoding="utf-8")
    store = Store()
    assert "kept aside" in (store.notice or "")
    assert store.reading_time() == []
    assert reading_stats(store, date(2025, 3, 5)).total_seconds == 0


# -- the figures ----------------------------------------------------------------------


def note(note_id: str, article_id: str, created: str, title: str = "") -> Annotation:
    return Annotation(note_id, article_id, "q", "", "", 0, 1, "n", created=created, title=title)


def test_reading_stats_gives_every_figure(limelight_home):
    store = Store()
    store.add_reading_time(
        [
            ReadingTime("a", "2025-03-05", 600.0, "Alpha"),
            ReadingTime("a", "2025-03-01", 300.0, "Alpha"),
            ReadingTime("b", "2025-03-04", 1200.0, "Beta"),
            ReadingTime("c", "2025-01-10", 60.0),  # before the window: in the totals only
        ]
    )
    store.set_progress("a", 9, 0, 0.98)  # finished
    store.set_progress("b", 2, 0, 0.97)  # not quite
    store.set_progress("d", 5, 0, 1.0)  # finished, never timed (read before the clock)
    for n, created in enumerate(
        [
            "2025-03-03T08:00:00.000Z",  # Monday of 2025-W10
            "2025-03-05T21:30:00.000Z",  # 23:30 at +2: still the 5th, W10
            "2025-03-02T22:30:00.000Z",  # 00:30 on Monday the 3rd at +2: W10, not W09
            "2024-12-30T12:00:00.000Z",  # 2025-W01 (the ISO year)
            "not a stamp",
        ]
    ):
        store.add_annotation(note(f"n{n}", "d" if n == 0 else "b", created, "Delta" * (n == 0)))
    stats = reading_stats(store, date(2025, 3, 5), days=7, tz=PLUS2)
    assert stats.total_seconds == 2160.0
    assert [(d.isoformat(), s) for d, s in stats.per_day] == [
        ("2025-02-27", 0.0),
        ("2025-02-28", 0.0),
        ("2025-03-01", 300.0),
        ("2025-03-02", 0.0),
        ("2025-03-03", 0.0),
        ("2025-03-04", 1200.0),
        ("2025-03-05", 600.0),
    ]
    assert stats.window_seconds == 2100.0
    assert [(a.article_id, a.title, a.seconds, a.finished) for a in stats.articles] == [
        ("b", "Beta", 1200.0, False),
        ("a", "Alpha", 900.0, True),
        ("c", "", 60.0, False),
    ]
    assert stats.articles[1].last_day == "2025-03-05" and stats.articles[2].fraction is None
    assert stats.finished_count == 2
    assert {(f.article_id, f.title) for f in stats.finished} == {("a", "Alpha"), ("d", "Delta")}
    assert stats.notes_total == 5 and stats.undated_notes == 1
    assert stats.notes_per_week == [("2025-W01", 1), ("2025-W10", 3)]
    assert stats.recent_weeks() == [
        ("2025-W07", 0),
        ("2025-W08", 0),
        ("2025-W09", 0),
        ("2025-W10", 3),
    ]
    data = json.loads(json.dumps(stats.to_dict()))
    assert data["total_seconds"] == 2160.0 and data["finished_count"] == 2
    assert data["per_day"][-1] == {"day": "2025-03-05", "seconds": 600.0}
    assert data["notes_per_week"][-1] == {"week": "2025-W10", "notes": 3}
    assert data["articles"][0]["title"] == "Beta"
    assert reading_stats(store, date(2025, 3, 5), days=1).per_day == [(date(2025, 3, 5), 600.0)]
    with pytest.raises(ValueError):
        reading_stats(store, date(2025, 3, 5), days=0)


def test_an_empty_store_has_zero_figures(limelight_home):
    stats = reading_stats(Store(), date(2025, 3, 5))
    assert stats.total_seconds == 0 and stats.articles == [] and stats.finished == []
    assert len(stats.per_day) == 7 and all(s == 0 for _, s in stats.per_day)
    assert stats.notes_total == 0 and stats.notes_per_week == []


def test_the_small_pieces_of_the_display():
    assert format_duration(0) == "0 min"
    assert format_duration(42) == "42 s"
    assert format_duration(600) == "10 min"
    assert format_duration(3600 + 5 * 60) == "1 h 05 min"
    assert bar(0, 10, 20) == "" and bar(5, 0, 20) == ""
    assert bar(10, 10, 20) == "█" * 20
    assert bar(5, 10, 20) == "█" * 10
    assert bar(1, 1000, 20) == "▏"  # a sliver, never nothing
    assert len(bar(7, 10, 20)) == 14
    assert day_label(date(2025, 3, 4)) == "Tue 04 Mar"
    assert iso_week(date(2024, 12, 30)) == "2025-W01"
