"""Feed items as the sidebar lists them (reader/library/feedview.py): the compact
date, the library grouped by feed, the `feed:NAME` filter; and the meta line
under a feed item's title (reader/ui/article_list.py)."""

from __future__ import annotations

from datetime import datetime

import pytest
from rich.cells import cell_len

from reader.library.feedview import (
    by_feed,
    compact_date,
    feed_query,
    full_date,
    matching_feeds,
    published_time,
    split_feed_query,
)
from reader.library.model import ArticleMeta
from reader.ui.article_list import meta_line

NOW = datetime(2026, 12, 1, 16, 30)


def meta(title: str, feed: str = "", published: str = "", words: int = 460) -> ArticleMeta:
    return ArticleMeta(
        id=title,
        title=title,
        source=f"/{title}",
        format="web",
        words=words,
        minutes=max(1, round(words / 230)),
        error=None,
        size=1,
        mtime_ns=1,
        feed=feed,
        published=published,
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2026-12-01T09:05:00", "09:05"),  # today: the time
        ("2026-12-01", "today"),  # today, a date alone
        ("2026-11-30T23:59:00", "30 Nov"),  # this year: day and month
        ("2026-01-02", "2 Jan"),
        ("2025-12-31T10:00:00", "31 Dec 2025"),  # before: with the year
        ("2024-02-29T10:00:00", "29 Feb 2024"),
        ("", ""),
        ("not a date", ""),
        ("2026-13-45", ""),
    ],
)
def test_compact_date(value, shown):
    assert compact_date(value, NOW) == shown


def test_a_date_with_an_offset_is_shown_in_local_time():
    stamp = "2026-11-30T22:00:00+00:00"
    local = datetime.fromisoformat(stamp).astimezone().replace(tzinfo=None)
    assert compact_date(stamp, NOW) == (
        f"{local:%H:%M}" if local.date() == NOW.date() else f"{local.day} {local:%b}"
    )


def test_published_times_sort_as_time_does_whatever_the_form():
    assert published_time("2026-03-04T10:00:00Z") == published_time("2026-03-04T12:00:00+02:00")
    assert published_time("2026-03-04T10:00:00Z") < published_time("2026-03-05T00:30:00+05:00")
    assert published_time("2026-03-04") < published_time("2026-03-04T00:01:00")
    assert published_time("2026-03-04") < published_time("2027-01-01")
    assert published_time("") is None and published_time("yesterday") is None


def test_by_feed_puts_feeds_A_to_Z_newest_first_and_no_feed_last():
    library = [
        meta("plain one"),
        meta("zeta old", "Zeta", "2026-01-01"),
        meta("alpha undated", "alpha Daily"),
        meta("zeta new", "Zeta", "2026-06-01T08:00:00"),
        meta("Étoile item", "Étoile", "2026-02-02"),
        meta("alpha new", "alpha Daily", "2026-05-05"),
        meta("plain two"),
    ]
    groups = by_feed(library)
    assert [(feed, [m.title for m in items]) for feed, items in groups] == [
        ("alpha Daily", ["alpha new", "alpha undated"]),
        ("Étoile", ["Étoile item"]),  # accents folded: between A and Z
        ("Zeta", ["zeta new", "zeta old"]),
        ("", ["plain one", "plain two"]),  # in the order given
    ]


def test_by_feed_of_nothing_from_a_feed_is_one_group():
    assert by_feed([meta("a"), meta("b")]) == [("", [meta("a"), meta("b")])]
    assert by_feed([]) == []


@pytest.mark.parametrize(
    ("query", "split"),
    [
        ("storm", (None, "storm")),
        ("feed:ars", ("ars", "")),
        ("feed:ars chips", ("ars", "chips")),
        ('chips feed:"Ars  Technica" cheap', ("Ars Technica", "chips cheap")),
        ('feed:"Ars Tech', ("Ars Tech", "")),  # typed so far: the quote not closed yet
        ("FEED:ars", ("ars", "")),
        ("feed:", ("", "")),
        ("seafeed:x", (None, "seafeed:x")),  # only a word of its own
    ],
)
def test_split_feed_query(query, split):
    assert split_feed_query(query) == split


def test_matching_feeds_by_words_or_the_one_named_in_full():
    feeds = {"Ars Technica", "Ars Technica Science", "Le Monde diplomatique", "LWN"}
    assert matching_feeds("ars", feeds) == {"Ars Technica", "Ars Technica Science"}
    assert matching_feeds("ars technica", feeds) == {"Ars Technica"}  # named in full
    assert matching_feeds("monde diplo", feeds) == {"Le Monde diplomatique"}
    assert matching_feeds("lwn", feeds) == {"LWN"}
    assert matching_feeds("nothing", feeds) == set()
    assert matching_feeds("", feeds) == feeds


@pytest.mark.parametrize("name", ["LWN", "Ars Technica", 'He said "hi"', "Café  Crème"])
def test_feed_query_asks_for_that_feed_alone(name):
    feeds = {name, f"{name} Extra", "Other"}
    asked, rest = split_feed_query(feed_query(name))
    assert rest == ""
    assert matching_feeds(asked, feeds) == {name}


# -- the meta line -----------------------------------------------------------------------
def test_a_feed_items_meta_line_has_its_feed_date_and_minutes():
    item = meta("x", "Weather Desk", "2024-03-04T09:30:00", words=690)
    assert meta_line(item) == "Weather Desk · 4 Mar 2024 · 3 min"
    assert meta_line(item, 0.5) == "Weather Desk · 4 Mar 2024 · 3 min · 50%"
    # under its feed's heading the name is not repeated
    assert meta_line(item, show_feed=False) == "4 Mar 2024 · 690 words · 3 min"


def test_an_article_of_no_feed_keeps_its_words_and_minutes():
    assert meta_line(meta("x", words=690)) == "690 words · 3 min"
    assert meta_line(meta("x", words=690), 1.0) == "690 words · 3 min · read"


def test_a_narrow_sidebar_drops_the_minutes_then_cuts_the_feeds_name():
    item = meta("x", "The Very Long Feed Name of a Newspaper", "2024-03-04", words=690)
    line = meta_line(item, 0.5, width=30)
    assert cell_len(line) <= 30
    assert line.endswith("· 4 Mar 2024 · 50%")  # the date and how far read stay whole
    assert line.startswith("The Very") and "…" in line and "min" not in line
    short = meta("x", "LWN", "2024-03-04", words=690)
    assert meta_line(short, width=26) == "LWN · 4 Mar 2024 · 3 min"
    assert meta_line(short, width=20) == "LWN · 4 Mar 2024"


def test_full_date_is_the_local_date_and_minute_or_the_date_alone(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Kolkata")  # +05:30, no daylight saving
    import time

    time.tzset()
    try:
        assert full_date("2026-12-01T16:40:00Z") == "2026-12-01 22:10"
        assert full_date("2026-12-01T20:00:00+00:00") == "2026-12-02 01:30"
        assert full_date("2026-03-04") == "2026-03-04"
        assert full_date("2026-03-04 junk") == "2026-03-04"
        assert full_date("") == full_date("not a date") == ""
    finally:
        monkeypatch.undo()
        time.tzset()
