"""reader/store/progress.py: the fraction read is what the reader had the time
to read, not what passed by on screen."""

from __future__ import annotations

import pytest

from reader.store.progress import MIN_DWELL, SKIM_WPM, ReadingProgress, view_fractions


def test_view_fractions():
    assert view_fractions(0, 30, 100) == (0.0, 0.3)
    assert view_fractions(70, 30, 100) == (0.7, 1.0)
    assert view_fractions(95, 30, 100) == (0.7, 1.0)  # past the end: the last screen
    assert view_fractions(0, 30, 20) == (0.0, 1.0)  # all of it in the view
    assert view_fractions(0, 30, 0) == (0.0, 1.0)


def test_passing_an_article_by_reads_only_what_scrolled_past_the_top():
    reading = ReadingProgress(clock=lambda: 100.0)
    reading.start("a", words=2_000, now=100.0)
    assert reading.fraction(0.0, 0.8, now=100.2) == 0.0  # opened, and `]` at once
    short = ReadingProgress()
    short.start("b", words=80, now=0.0)
    assert short.fraction(0.0, 1.0, now=0.5) == 0.0  # a whole short article on screen


def test_what_stays_on_screen_long_enough_is_read():
    reading = ReadingProgress()
    reading.start("a", words=1_000, now=0.0)
    screen = (0.0, 0.3)  # 300 words on screen: 36 s at SKIM_WPM
    need = 300 * 60 / SKIM_WPM
    assert reading.waiting(*screen, now=10.0) == pytest.approx(need - 10.0)
    assert reading.fraction(*screen, now=need - 1) == 0.0
    assert reading.fraction(*screen, now=need) == 0.3
    # a short article: at least MIN_DWELL seconds
    short = ReadingProgress()
    short.start("b", words=5, now=0.0)
    assert short.fraction(0.0, 1.0, now=MIN_DWELL / 2) == 0.0
    assert short.fraction(0.0, 1.0, now=MIN_DWELL) == 1.0


def test_scrolling_to_the_end_finishes_only_once_the_end_stayed_on_screen():
    reading = ReadingProgress()
    reading.start("a", words=1_000, now=0.0)
    reading.moved(now=5.0)  # G: the last screen
    assert reading.fraction(0.7, 1.0, now=5.0) == 0.7  # left at once: not finished
    assert reading.waiting(0.7, 1.0, now=5.0) == pytest.approx(300 * 60 / SKIM_WPM)  # 300 words
    assert reading.fraction(0.7, 1.0, now=5.0 + 37.0) == 1.0  # stayed to read it


def test_moving_restarts_the_time_on_screen():
    reading = ReadingProgress()
    reading.start("a", words=20, now=0.0)  # a screen of 6 words: MIN_DWELL
    reading.moved(now=1.5)
    assert reading.fraction(0.2, 0.5, now=2.5) == 0.2
    assert reading.fraction(0.2, 0.5, now=3.5) == 0.5


def test_the_furthest_point_read_is_kept_from_earlier_visits():
    reading = ReadingProgress()
    reading.start("a", words=1_000, before=1.0, now=0.0)
    assert reading.fraction(0.0, 0.3, now=0.1) == 1.0  # rereading the start
    reading.start("b", words=1_000, before=0.4, now=0.0)
    assert reading.fraction(0.5, 0.8, now=0.1) == 0.5
    assert reading.fraction(0.1, 0.4, now=0.2) == 0.5  # back up: still read to 0.5
    assert reading.waiting(0.1, 0.4, now=0.2) == 0.0  # nothing new to read there
