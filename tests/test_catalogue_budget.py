"""A file slow to read does not hold up the listing of the others (issue 10, item 13)."""

from __future__ import annotations

import os
import threading

import pytest

from reader.library import catalogue_cache, loader
from reader.library.bounded import Bounded
from reader.library.catalogue_cache import CatalogueCache
from reader.library.model import PENDING_NOTE, is_pending
from reader.ui.app import LimelightApp
from reader.ui.article_list import ArticleList
from tests.helpers import settle, wait_until


def test_a_call_over_budget_comes_back_as_a_future_and_the_next_call_runs_at_once():
    release = threading.Event()

    def work(arg):
        if arg == "slow":
            release.wait(10)
        return arg.upper()

    with Bounded(work, budget=0.05) as bounded:
        assert bounded("a") == ("A", None)
        result, future = bounded("slow")
        assert result is None and not future.done()
        # The slow call is still running, and the next one is not queued behind it.
        assert bounded("b") == ("B", None)
        assert bounded.late == 1
        release.set()
        assert future.result(timeout=10) == "SLOW"


def test_an_exception_reaches_the_caller():
    def work(arg):
        raise ValueError(arg)

    with Bounded(work, budget=5) as bounded, pytest.raises(ValueError, match="boom"):
        bounded("boom")


@pytest.fixture
def slow_file(monkeypatch):
    """load_file blocks on slow.txt until the returned event is set."""
    release = threading.Event()
    real = loader.load_file

    def load_file(path):
        if str(path).endswith("slow.txt"):
            assert release.wait(20), "never released"
        return real(path)

    monkeypatch.setattr(catalogue_cache.loader, "load_file", load_file)
    return release


def _library(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "a.txt").write_text("Alpha\n\nFirst body.\n")
    (folder / "slow.txt").write_text("Slow title\n\nA body that takes long to read.\n")
    (folder / "z.txt").write_text("Zulu\n\nLast body.\n")
    for path in folder.iterdir():  # old enough to be trusted by the cache
        os.utime(path, (1_600_000_000, 1_600_000_000))
    return folder


def test_the_scan_lists_the_others_and_then_the_slow_file_in_its_place(tmp_path, slow_file):
    folder = _library(tmp_path)
    cache = CatalogueCache(tmp_path / "cache.sqlite")
    seen = []

    def waiting():
        # Everything else is listed before the scan waits for the slow file.
        assert [m.title for m in seen] == ["Alpha", "slow.txt", "Zulu"]
        slow_file.set()

    for meta in cache.scan([folder], budget=0.05, waiting=waiting):
        seen.append(meta)
    assert slow_file.is_set()
    placeholder, late = seen[1], seen[3]
    assert is_pending(placeholder) and placeholder.warnings == (PENDING_NOTE,)
    assert late.source == placeholder.source and late.title == "Slow title"
    assert not is_pending(late) and late.words > 0
    assert cache.last_scan.late == 1
    # The cache and the next start's list hold the real meta, in its place.
    assert [m.title for m in cache.cached_snapshot([folder])] == ["Alpha", "Slow title", "Zulu"]
    again = list(cache.scan([folder]))
    assert [m.title for m in again] == ["Alpha", "Slow title", "Zulu"]
    assert cache.last_scan.read == 0


def test_without_a_budget_the_scan_waits(tmp_path, slow_file):
    folder = _library(tmp_path)
    slow_file.set()
    metas = list(CatalogueCache(tmp_path / "cache.sqlite").scan([folder]))
    assert [m.title for m in metas] == ["Alpha", "Slow title", "Zulu"]


async def test_the_sidebar_lists_the_library_while_one_file_is_still_read(
    tmp_path, slow_file, monkeypatch
):
    monkeypatch.setattr("reader.ui.sidebar.FILE_BUDGET_SECONDS", 0.05)
    folder = _library(tmp_path)
    app = LimelightApp(paths=[folder])
    async with app.run_test(size=(100, 30)) as pilot:
        listing = app.query_one(ArticleList)
        await wait_until(pilot, lambda: len(listing.articles) == 3)
        assert [a.title for a in listing.articles] == ["Alpha", "slow.txt", "Zulu"]
        assert not slow_file.is_set()
        assert app.article_view.article is not None  # the first one opened meanwhile
        slow_file.set()
        await settle(pilot)
        assert [a.title for a in listing.articles] == ["Alpha", "Slow title", "Zulu"]
