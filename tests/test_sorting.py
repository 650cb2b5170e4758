from __future__ import annotations

from reader.library.model import ArticleMeta
from reader.library.sorting import ORDERS, sort_library


def meta(id_, title, words):
    return ArticleMeta(id_, title, f"/lib/{id_}.txt", "txt", words, 1, None, 1, 1)


LIBRARY = [meta("a", "Zebra crossing", 300), meta("b", "élan vital", 1200),
           meta("c", "Apple harvest", 300), meta("d", "Ändern", 50)]


def titles(metas):
    return [m.title for m in metas]


def test_added_is_the_library_order():
    assert sort_library(LIBRARY, "added") == LIBRARY


def test_title_folds_accents_and_case():
    assert titles(sort_library(LIBRARY, "title")) == [
        "Ändern", "Apple harvest", "élan vital", "Zebra crossing"]


def test_length_is_longest_first_and_ties_keep_the_library_order():
    assert titles(sort_library(LIBRARY, "length")) == [
        "élan vital", "Zebra crossing", "Apple harvest", "Ändern"]


def test_read_is_most_recent_first_then_the_unread_in_library_order():
    last = {"c": "2026-11-30T10:00:00+00:00", "d": "2026-12-01T09:00:00+00:00"}
    assert titles(sort_library(LIBRARY, "read", last)) == [
        "Ändern", "Apple harvest", "Zebra crossing", "élan vital"]


def test_every_order_keeps_every_article_once():
    for order in ORDERS:
        assert sorted(m.id for m in sort_library(LIBRARY, order, {})) == ["a", "b", "c", "d"]


def test_date_is_the_latest_published_first_then_the_undated_in_library_order():
    dated = [
        ArticleMeta("a", "undated", "/a", "web", 1, 1, None, 1, 1),
        ArticleMeta("b", "march", "/b", "web", 1, 1, None, 1, 1, published="2026-03-01"),
        ArticleMeta("c", "also undated", "/c", "web", 1, 1, None, 1, 1, published="soon"),
        ArticleMeta("d", "june", "/d", "web", 1, 1, None, 1, 1, published="2026-06-01T08:00Z"),
    ]
    assert titles(sort_library(dated, "date")) == ["june", "march", "undated", "also undated"]
