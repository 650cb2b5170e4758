"""Issue 10, data put in the wrong place and held up: notes that follow the
wrong copy of an edited file (item 8), re-anchoring on the interface thread
with an unbounded search (item 16), and BOM-less UTF-16 Chinese text called
binary."""

from __future__ import annotations

import os
import random
import threading
import time
from pathlib import Path

import pytest

from reader.library.catalogue_cache import CatalogueCache
from reader.library.loader import load_file
from reader.store import Store, anchoring
from reader.store.annotations import make_annotation
from reader.ui.app import LimelightApp
from reader.ui.article_view import ArticleView
from tests.helpers import settle

PARAGRAPHS = [f"Paragraph {i} tells of the harbour at Lisbon and its ships." for i in range(12)]
TEXT = "Harbour diary\n\n" + "\n\n".join(PARAGRAPHS) + "\n"


def write_aged(path: Path, text: str) -> None:
    """Write ``text`` and age the file, so a later scan trusts (size, mtime)."""
    path.write_text(text, encoding="utf-8")
    past = time.time() - 60
    os.utime(path, (past, past))


def append_aged(path: Path, text: str) -> None:
    """``echo extra >> path``, then age the file (with another mtime than before)."""
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)
    past = time.time() - 30
    os.utime(path, (past, past))


# -- item 8: notes move to an edited duplicate ----------------------------------


def test_edits_to_follow_only_where_no_file_keeps_the_old_text():
    from reader.library.catalogue import edits_to_follow

    edited = {"old": "new", "gone": "changed", "same": "same"}
    assert edits_to_follow(edited, {"old", "new", "changed"}) == {"gone": "changed"}
    assert edits_to_follow(edited, set()) == {"old": "new", "gone": "changed"}


@pytest.mark.parametrize("edited_name", ["a.txt", "b.txt"])
def test_a_scan_does_not_follow_an_edit_while_a_copy_keeps_the_old_text(tmp_path, edited_name):
    library = tmp_path / "lib"
    library.mkdir()
    for name in ("a.txt", "b.txt"):
        write_aged(library / name, TEXT)
    cache = CatalogueCache(tmp_path / "catalogue.sqlite")
    [meta] = list(cache.scan([library]))  # one article: the copies have one id
    append_aged(library / edited_name, "extra\n")
    metas = list(cache.scan([library]))
    assert meta.id in {m.id for m in metas} and len(metas) == 2
    assert cache.last_scan.finished
    assert cache.last_scan.edited == {}  # the unchanged copy keeps the notes
    # Both copies edited the same way: the old text is gone, the notes follow.
    other = "b.txt" if edited_name == "a.txt" else "a.txt"
    append_aged(library / other, "extra\n")
    [fresh] = list(cache.scan([library]))
    assert cache.last_scan.edited == {meta.id: fresh.id}


def test_the_only_copy_edited_is_followed(tmp_path):
    library = tmp_path / "lib"
    library.mkdir()
    write_aged(library / "a.txt", TEXT)
    cache = CatalogueCache(tmp_path / "catalogue.sqlite")
    [meta] = list(cache.scan([library]))
    append_aged(library / "a.txt", "extra\n")
    [fresh] = list(cache.scan([library]))
    assert cache.last_scan.edited == {meta.id: fresh.id}


def test_still_holds_checks_the_other_copies_on_disk(tmp_path):
    library = tmp_path / "lib"
    library.mkdir()
    for name in ("a.txt", "b.txt"):
        write_aged(library / name, TEXT)
    cache = CatalogueCache(tmp_path / "catalogue.sqlite")
    [meta] = list(cache.scan([library]))
    a, b = str(library / "a.txt"), str(library / "b.txt")
    assert cache.still_holds(meta.id, besides=a)
    append_aged(library / "b.txt", "extra\n")  # edited since the scan
    assert not cache.still_holds(meta.id, besides=a)
    assert cache.still_holds(meta.id, besides=b)  # a.txt still holds it


async def test_notes_bookmarks_and_place_stay_with_the_unchanged_copy(tmp_path):
    library = tmp_path / "lib"
    library.mkdir()
    for name in ("a.txt", "b.txt"):
        write_aged(library / name, TEXT)
    old_id = load_file(library / "a.txt").id
    article = load_file(library / "a.txt")
    store = Store()
    start = article.body.index("Paragraph 3")
    store.add_annotation(make_annotation(old_id, article.body, start, start + 40, note="ships"))
    store.toggle_article_bookmark(old_id, "Harbour diary")
    store.set_progress(old_id, 3, 0, 0.25)

    app = LimelightApp(paths=[library])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.query_one(ArticleView).article.id == old_id
        await pilot.press("q")
    append_aged(library / "b.txt", "extra\n")  # echo extra >> b.txt
    new_id = load_file(library / "b.txt").id
    assert new_id != old_id

    app = LimelightApp(paths=[library])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert {meta.id for meta in app.library} == {old_id, new_id}
        store = Store()
        assert [a.note for a in store.annotations(old_id)] == ["ships"]
        assert store.annotations(new_id) == []
        assert store.bookmarked_article_ids() == {old_id}
        assert store.progress(old_id) is not None and store.progress(new_id) is None
        app.open_article(old_id)
        await settle(pilot)
        assert [n.note for n in app.notes] == ["ships"]


async def test_an_edit_seen_at_open_leaves_the_notes_with_the_unchanged_copy(tmp_path):
    library = tmp_path / "lib"
    library.mkdir()
    for name in ("a.txt", "b.txt"):
        write_aged(library / name, TEXT)
    article = load_file(library / "a.txt")
    start = article.body.index("Paragraph 3")
    Store().add_annotation(make_annotation(article.id, article.body, start, start + 40, note="n"))
    app = LimelightApp(paths=[library])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        # a.txt is the one listed; edit it while the app runs, then open it.
        append_aged(library / "a.txt", "extra\n")
        app.open_article(article.id)
        await settle(pilot)
        assert app.query_one(ArticleView).article.id != article.id
        assert [a.note for a in Store().annotations(article.id)] == ["n"]  # b.txt keeps it


# -- item 16: re-anchoring in a worker, bounded, remembered --------------------


def _prose(size: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    letters = "abcdefghijklmnoprstuvwy"
    vocab = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(4000)]
    paragraphs, total = [], 0
    while total < size:
        words = " ".join(rng.choice(vocab) for _ in range(rng.randint(40, 120)))
        paragraphs.append(words.capitalize() + ".")
        total += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


def _no_unbounded_rapidfuzz(monkeypatch) -> None:
    from rapidfuzz import fuzz  # anchoring imports it when first needed

    real = fuzz.partial_ratio_alignment

    def guarded(needle, body, **options):
        assert len(needle) * len(body) <= anchoring.RAPIDFUZZ_WORK, "unbounded alignment"
        return real(needle, body, **options)

    monkeypatch.setattr(fuzz, "partial_ratio_alignment", guarded)


def test_a_long_deleted_passage_in_a_long_article_is_given_up_within_bounds(monkeypatch):
    _no_unbounded_rapidfuzz(monkeypatch)
    body = _prose(1_000_000)
    start = body.index(" ", len(body) // 2) + 1
    a = make_annotation("x", body, start, start + 2000)
    assert anchoring.anchor(body[:start] + body[start + 2000 :], a) is None


def test_a_long_edited_and_moved_passage_is_still_found_within_bounds(monkeypatch):
    _no_unbounded_rapidfuzz(monkeypatch)
    body = _prose(1_000_000)
    start = body.index(" ", len(body) // 2) + 1
    a = make_annotation("x", body, start, start + 2000)
    passage = list(body[start : start + 2000])
    for i in range(0, len(passage), 100):
        passage[i] = "#"  # 20 characters changed
    rest = body[:start] + body[start + 2000 :]
    at = rest.index(" ", len(rest) // 5) + 1
    found = anchoring.anchor(rest[:at] + "".join(passage) + rest[at:], a)
    assert found is not None and found.method == anchoring.FUZZY
    assert abs(found.start - at) <= 2 and abs(found.end - (at + 2000)) <= 2


def _counting_anchor(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = anchoring.anchor

    def counted(body, annotation):
        calls.append(annotation.id)
        return real(body, annotation)

    monkeypatch.setattr(anchoring, "anchor", counted)
    return calls


def test_an_orphaned_note_is_not_searched_for_again_in_the_same_text(monkeypatch, limelight_home):
    unique = "Quartermasters disputed every invoice from the foundry in July."
    body = "Title line.\n\n" + "\n\n".join([*PARAGRAPHS[:5], unique, *PARAGRAPHS[5:]])
    start = body.index(unique)
    note = make_annotation("old", body, start, start + len(unique), note="gone")
    store = Store()
    store.add_annotation(note)
    without = body.replace(unique + "\n\n", "")
    calls = _counting_anchor(monkeypatch)
    [(orphan, where)] = store.reanchor("old", without)
    assert where is None and orphan.orphaned and calls == [note.id]
    # Again, and after a restart (another Store on the same file): no search.
    assert store.reanchor("old", without)[0][1] is None
    restarted = Store()
    pairs, pending = restarted.anchor_known("old", without)
    assert pending == 0 and pairs[0][1] is None
    assert restarted.reanchor("old", without)[0][1] is None
    assert calls == [note.id]
    assert restarted.remembered_orphans("old") == {note.id}
    # The content changes (the file edited, its notes re-keyed): searched again.
    restarted.rekey("old", "new")
    assert restarted.remembered_orphans("old") == set()
    [(found, where)] = restarted.reanchor("new", body)
    assert calls == [note.id, note.id]
    assert where is not None and not found.orphaned
    assert restarted.remembered_orphans("new") == set()


def test_a_malformed_orphan_memo_is_ignored(limelight_home):
    store = Store()
    store.set_setting("anchoring.orphaned", ["not", "a", "mapping"])
    assert store.remembered_orphans("x") == set()
    body = "Title line.\n\n" + "\n\n".join(PARAGRAPHS)
    note = make_annotation("x", body, 20, 60)
    store.add_annotation(note)
    assert store.reanchor("x", "something else entirely")[0][1] is None
    assert store.remembered_orphans("x") == {note.id}


async def test_re_anchoring_runs_in_a_worker_and_keys_are_handled_meanwhile(tmp_path, monkeypatch):
    path = tmp_path / "diary.txt"
    write_aged(path, TEXT)
    article = load_file(path)
    start = article.body.index("Paragraph 4")
    note = make_annotation(article.id, article.body, start, start + 40, note="moved")
    # Stored at offsets that no longer hold it: opening the article must search.
    Store().add_annotation(note.edited(start=note.start + 7, end=note.end + 7))

    searching = threading.Event()
    released = threading.Event()
    timed_out: list[bool] = []
    real = anchoring.anchor

    def slow(body, annotation):
        searching.set()
        timed_out.append(not released.wait(5))  # a slow search, until the test lets go
        return real(body, annotation)

    monkeypatch.setattr(anchoring, "anchor", slow)
    app = LimelightApp(paths=[path])
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):
            await pilot.pause(0.02)
            if searching.is_set():
                break
        assert searching.is_set()
        sidebar = app.query_one("#sidebar")
        shown = sidebar.display
        await pilot.press("t")  # handled while the search is under way
        await pilot.pause()
        assert sidebar.display is (not shown)
        await pilot.press("c", "j")
        await pilot.pause()
        assert app.query_one(ArticleView).cursor_sentence is not None
        assert timed_out == []  # all this while the search was still under way
        assert app.notes == []  # not shown until it is found
        released.set()
        await settle(pilot)
        assert timed_out == [False]
        [entry] = app.notes
        assert (entry.start, entry.end) == (start, start + 40) and not entry.orphaned


# -- BOM-less UTF-16 Chinese text ------------------------------------------------

CHINESE = (
    "北京的冬天\n\n"
    "今年冬天，北京的气温比往年低。市民说：“我们已经习惯了。”"
    "政府表示将在下周增加供暖，并为老人提供帮助。\n\n"
    "气象台预计，寒潮将持续到二月。\n"
)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [CHINESE, CHINESE.replace("\n", ""), "标题\n\n" + "中文的文章，共有一百二十三个字。" * 30],
    ids=["with-newlines", "no-nul-at-all", "long"],
)
def test_bomless_utf16_chinese_is_read(tmp_path, encoding, text):
    path = tmp_path / "zh.txt"
    path.write_bytes(text.encode(encoding))
    article = load_file(path)
    assert article.error is None, article.error
    assert article.warnings == ()
    assert "北京" in article.title + article.body or "中文" in article.body


@pytest.mark.parametrize("encoding", ["gbk", "big5", "shift_jis", "euc-kr"])
def test_legacy_double_byte_text_is_not_taken_for_utf16(tmp_path, encoding):
    path = tmp_path / "legacy.txt"
    path.write_bytes(CHINESE.encode(encoding, "replace") * 4)
    article = load_file(path)
    assert "北京" not in article.body  # not read as UTF-16 (nor misread as CJK)
    assert not any("UTF-16" in w for w in article.warnings)


def test_binary_data_with_nuls_is_still_binary(tmp_path):
    path = tmp_path / "blob.txt"
    rng = random.Random(1)
    data = bytes(rng.randrange(256) for _ in range(4000))
    path.write_bytes(data)
    assert load_file(path).error == "binary file, not text"
    path.write_bytes(data.replace(b"\0", b"\1"))  # no NUL: not taken for UTF-16 either
    assert load_file(path).error == "binary file, not text"
