"""The core the app and the command line share (reader/workspace.py)."""

from __future__ import annotations

import threading

import pytest

from reader import workspace as workspace_module
from reader.library.loader import load_text
from reader.search.index import SearchIndex
from reader.store import Store
from reader.store.paths import cache_dir
from reader.ui.app import LimelightApp
from reader.workspace import Workspace
from tests.helpers import settle

STORY = (
    "Harbour talks\n\nThe port reopened on Monday. \u201cWe are ready,\u201d said Maria Lopez,"
    " the harbour master.\n"
)


def test_two_threads_asking_for_one_analysis_share_it(monkeypatch):
    article = load_text(STORY, "story.txt")
    started, release, calls = threading.Event(), threading.Event(), []
    real = workspace_module.analyse_article

    def slow(article):
        calls.append(article.id)
        started.set()
        assert release.wait(20)
        return real(article)

    monkeypatch.setattr(workspace_module, "analyse_article", slow)
    workspace = Workspace(store=Store())
    results = []
    first = threading.Thread(target=lambda: results.append(workspace.analysis(article)))
    first.start()
    assert started.wait(20)
    second = threading.Thread(target=lambda: results.append(workspace.analysis(article)))
    second.start()
    release.set()
    first.join(20)
    second.join(20)
    assert calls == [article.id]  # analysed once
    assert len(results) == 2 and results[0].quotes and results[0] == results[1]


def test_a_failed_analysis_is_not_kept_and_is_tried_again(monkeypatch):
    article = load_text(STORY, "story.txt")
    workspace = Workspace(store=Store())

    def broken(article):
        raise RuntimeError("boom")

    monkeypatch.setattr(workspace_module, "analyse_article", broken)
    with pytest.raises(RuntimeError):
        workspace.analysis(article)
    assert workspace.cached_analysis(article.id) is None
    monkeypatch.undo()
    assert workspace.analysis(article).quotes


def test_an_article_whose_analysis_failed_is_analysed_at_the_next_update(tmp_path):
    article = load_text(STORY, "story.txt")
    index = SearchIndex(tmp_path / "search.sqlite")

    def broken(article):
        raise RuntimeError("boom")

    index.update([article], analyse=broken)
    assert index.search("person:lopez") == []
    assert index.search("harbour")  # indexed all the same
    index.update([article])
    assert index.search("person:lopez"), "never analysed again"
    assert [p.name for p in index.people(quoted=True)] == ["Maria Lopez"]


async def test_the_app_says_when_the_library_cache_was_rebuilt(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY)
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    (cache / "catalogue.sqlite").write_bytes(b"this is no database" * 100)
    app = LimelightApp(paths=[folder])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("library cache" in m and "rebuilding" in m for m in messages), messages
        assert [a.title for a in app.library] == ["Harbour talks"]


def test_the_article_left_last_time_is_found_by_id_without_reading_the_snapshot(
    tmp_path, monkeypatch
):
    """A start finds the article it reopens in the catalogue cache by id; the
    library's listing (the snapshot) is read once, by the sidebar."""
    from reader.library.catalogue_cache import CatalogueCache

    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        folder.mkdir()
    (first / "a.txt").write_text("Alpha title\n\nThe harbour was full.\n", encoding="utf-8")
    (first / "b.txt").write_text("Beta title\n\nShips left at dawn.\n", encoding="utf-8")
    (second / "b.txt").write_text("Beta title\n\nShips left at dawn.\n", encoding="utf-8")
    workspace = Workspace([first, second])
    listed = {meta.title: meta for meta in workspace.scan()}
    beta = listed["Beta title"]

    def no_snapshot(*args, **kwargs):
        raise AssertionError("the snapshot was read")

    monkeypatch.setattr(CatalogueCache, "iter_snapshot", no_snapshot)
    again = Workspace([first, second])
    assert again.listed(beta.id) == beta  # the first folder's copy, as the listing has it
    assert again.listed("0" * 16) is None
    assert Workspace([second]).listed(listed["Alpha title"].id) is None  # not in this library
    assert Workspace([second]).listed(beta.id).source == str((second / "b.txt").resolve())
