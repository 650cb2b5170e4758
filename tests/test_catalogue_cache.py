"""The on-disk catalogue (reader.library.catalogue_cache)."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from reader.library import catalogue_cache, loader
from reader.library.catalogue import Catalogue, iter_articles, iter_sources
from reader.library.catalogue_cache import CatalogueCache, root_key
from reader.library.model import ArticleMeta, meta_of

HOUR_AGO = time.time() - 3600


def write(path: Path, content: str | bytes, *, mtime: float | None = HOUR_AGO) -> Path:
    """Write ``path``, dated ``mtime`` (an hour ago by default: not a "racy" file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def article_text(title: str, words: str = "The minister said the plan would work.") -> str:
    return f"{title}\n\n{words}\n"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    write(root / "b-folder" / "two.txt", article_text("Two"))
    write(root / "b-folder" / "Zz-three.md", "# Three\n\nA paragraph of Markdown.\n")
    write(root / "A-first.txt", article_text("One"))
    write(root / "c" / "deep" / "four.html", "<html><body><h1>Four</h1><p>Text.</p></body></html>")
    write(root / "notes.pdf", "not picked up")
    return root


@pytest.fixture
def cache(tmp_path: Path) -> CatalogueCache:
    with CatalogueCache(tmp_path / "cache" / "catalogue.sqlite") as cache:
        yield cache


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """Paths read by load_file, in order."""
    calls: list[str] = []
    real = loader.load_file

    def counting(path):
        calls.append(os.fspath(path))
        return real(path)

    monkeypatch.setattr(loader, "load_file", counting)
    return calls


def expected(paths) -> list[ArticleMeta]:
    """What a scan must list: Catalogue's articles as metas (sizes aside)."""
    return [
        meta._replace(size=0, mtime_ns=0) for meta in map(meta_of, Catalogue(iter_articles(paths)))
    ]


def without_stat(metas) -> list[ArticleMeta]:
    return [meta._replace(size=0, mtime_ns=0) for meta in metas]


def test_meta_has_the_attributes_the_list_uses(library):
    article = loader.load_file(library / "A-first.txt")
    meta = meta_of(article, 10, 20)
    for name in ("id", "title", "words", "minutes", "error", "warnings", "source", "format", "ok"):
        assert getattr(meta, name) == getattr(article, name)
    assert (meta.size, meta.mtime_ns) == (10, 20)
    with pytest.raises(AttributeError):
        meta.title = "changed"  # type: ignore[misc]


def test_first_scan_lists_what_the_catalogue_lists(cache, library):
    metas = list(cache.scan([library]))
    assert without_stat(metas) == expected([library])
    assert [m.title for m in metas] == ["One", "Two", "Three", "Four"]
    assert all(m.size > 0 and m.mtime_ns > 0 for m in metas)
    assert cache.last_scan.read == 4 and cache.last_scan.finished
    assert cache.last_scan.changed_ids == {m.id for m in metas}


def test_second_scan_reads_no_file(cache, library, reads):
    first = list(cache.scan([library]))
    assert len(reads) == 4
    reads.clear()
    second = list(cache.scan([library]))
    assert reads == []
    assert second == first
    assert cache.last_scan.reused == 4 and cache.last_scan.read == 0
    assert cache.last_scan.changed_ids == set() and cache.last_scan.removed_ids == set()


def test_the_cache_survives_a_new_instance(tmp_path, library, reads):
    path = tmp_path / "catalogue.sqlite"
    with CatalogueCache(path) as cache:
        first = list(cache.scan([library]))
    reads.clear()
    with CatalogueCache(path) as cache:
        assert cache.cached_snapshot([library]) == first
        assert list(cache.scan([library])) == first
    assert reads == []


def test_a_modified_file_is_read_again(cache, library, reads):
    list(cache.scan([library]))
    old = {m.title: m for m in cache.cached_snapshot([library])}["Two"]
    write(
        library / "b-folder" / "two.txt",
        article_text("Two, revised", "Longer text " * 20),
        mtime=HOUR_AGO + 60,
    )
    reads.clear()
    metas = list(cache.scan([library]))
    assert reads == [str(library / "b-folder" / "two.txt")]
    new = metas[1]
    assert new.title == "Two, revised" and new.id != old.id and new.words > old.words
    assert cache.last_scan.changed_ids == {new.id}
    assert cache.last_scan.removed_ids == {old.id}
    assert cache.cached_snapshot([library])[1] == new


def test_same_size_and_new_mtime_is_read_again(cache, library, reads):
    list(cache.scan([library]))
    path = library / "A-first.txt"
    write(path, article_text("Eno"), mtime=HOUR_AGO + 5)  # same size, other text
    reads.clear()
    metas = list(cache.scan([library]))
    assert reads == [str(path)] and metas[0].title == "Eno"


def test_a_removed_file_disappears(cache, library):
    before = list(cache.scan([library]))
    (library / "b-folder" / "two.txt").unlink()
    after = list(cache.scan([library]))
    assert [m.title for m in after] == ["One", "Three", "Four"]
    assert cache.last_scan.removed_ids == {before[1].id}
    assert cache.last_scan.removed_paths == 1
    assert cache.cached_snapshot([library]) == after
    assert len(cache) == 3


def test_a_new_file_appears_in_order(cache, library, reads):
    list(cache.scan([library]))
    write(library / "b-folder" / "one-and-a-half.txt", article_text("One and a half"))
    reads.clear()
    metas = list(cache.scan([library]))
    assert [m.title for m in metas] == ["One", "One and a half", "Two", "Three", "Four"]
    assert reads == [str(library / "b-folder" / "one-and-a-half.txt")]
    assert cache.last_scan.changed_ids == {metas[1].id}
    assert cache.cached_snapshot([library]) == metas


def test_a_renamed_file_keeps_its_id(cache, library):
    before = {m.title: m for m in cache.scan([library])}
    (library / "b-folder" / "two.txt").rename(library / "z-renamed.txt")
    after = {m.title: m for m in cache.scan([library])}
    assert after["Two"].id == before["Two"].id
    assert after["Two"].source == str(library / "z-renamed.txt")
    assert cache.last_scan.removed_ids == set()  # the id is still listed
    assert [m.title for m in cache.cached_snapshot([library])] == ["One", "Three", "Four", "Two"]


@pytest.mark.parametrize(
    "garbage", [b"this is not a database" * 100, b"SQLite format 3\x00" + b"\xff" * 5000]
)
def test_a_corrupt_cache_is_rebuilt(tmp_path, library, garbage):
    path = tmp_path / "catalogue.sqlite"
    path.write_bytes(garbage)
    with CatalogueCache(path) as cache:
        assert cache.cached_snapshot([library]) == []
        metas = list(cache.scan([library]))
        assert without_stat(metas) == expected([library])
        assert cache.notice and "rebuilding" in cache.notice
    with CatalogueCache(path) as cache:
        assert cache.cached_snapshot([library]) == metas


def test_a_cache_of_another_schema_is_rebuilt(tmp_path, library):
    path = tmp_path / "catalogue.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE files(path TEXT); PRAGMA user_version = 99;")
    conn.close()
    with CatalogueCache(path) as cache:
        assert without_stat(cache.scan([library])) == expected([library])
        assert len(cache.cached_snapshot([library])) == 4


def test_an_unusable_cache_location_only_costs_time(tmp_path, library, reads):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with CatalogueCache(blocker / "catalogue.sqlite") as cache:  # its folder is a file
        assert cache.cached_snapshot([library]) == []
        assert without_stat(cache.scan([library])) == expected([library])
        assert without_stat(cache.scan([library])) == expected([library])
        assert len(reads) == 8
        assert cache.notice


def test_duplicates_are_listed_once(cache, tmp_path, reads):
    root = tmp_path / "dups"
    write(root / "a.txt", article_text("Same"))
    write(root / "b.txt", article_text("Other"))
    write(root / "c.txt", article_text("Same"))  # same content as a.txt
    metas = list(cache.scan([root]))
    assert [Path(m.source).name for m in metas] == ["a.txt", "b.txt"]
    assert [Path(m.source).name for m in cache.last_scan.duplicates] == ["c.txt"]
    reads.clear()
    assert list(cache.scan([root])) == metas
    assert reads == []  # the duplicate is cached too
    assert cache.cached_snapshot([root]) == metas
    (root / "a.txt").unlink()  # now c.txt is the one listed
    assert [Path(m.source).name for m in cache.scan([root])] == ["b.txt", "c.txt"]
    assert cache.last_scan.removed_ids == set()


def test_broken_files_are_cached_with_their_reason_and_rechecked(cache, tmp_path, reads):
    root = tmp_path / "broken"
    empty = write(root / "empty.txt", "")
    binary = write(root / "binary.txt", bytes(range(256)) * 40)
    write(root / "fine.txt", article_text("Fine"))
    metas = list(cache.scan([root]))
    assert [(Path(m.source).name, m.error) for m in metas] == [
        ("binary.txt", "binary file, not text"),
        ("empty.txt", "empty file"),
        ("fine.txt", None),
    ]
    assert not metas[0].ok and metas[0].size == 256 * 40
    reads.clear()
    assert list(cache.scan([root])) == metas
    assert reads == []
    write(empty, article_text("No longer empty"), mtime=HOUR_AGO + 60)
    os.utime(binary, (HOUR_AGO + 60, HOUR_AGO + 60))  # touched, still binary
    metas = list(cache.scan([root]))
    assert sorted(reads) == [str(binary), str(empty)]
    assert [m.error for m in metas] == ["binary file, not text", None, None]
    assert metas[1].title == "No longer empty"


def test_problems_met_while_listing_are_listed_not_cached_as_files(cache, tmp_path, reads):
    missing = tmp_path / "missing.txt"
    metas = list(cache.scan([missing]))
    assert [(m.source, m.error, m.size) for m in metas] == [(str(missing), "file not found", -1)]
    assert cache.cached_snapshot([missing]) == metas
    assert cache.load(metas[0]).error == "file not found"
    write(missing, article_text("Found"))
    assert [m.title for m in cache.scan([missing])] == ["Found"]


def test_load_returns_the_full_article(cache, library):
    metas = list(cache.scan([library]))
    for meta in metas:
        article = cache.load(meta)
        assert article == loader.load_file(meta.source)
        assert article.id == meta.id and article.body
    article, meta = cache.load_with_meta(metas[0])
    assert meta is metas[0] and article.title == "One"


def test_load_of_a_changed_or_vanished_file(cache, library):
    metas = list(cache.scan([library]))
    write(library / "A-first.txt", article_text("One, edited"), mtime=HOUR_AGO + 60)
    article, meta = cache.load_with_meta(metas[0])
    assert article.title == "One, edited" and article.id != metas[0].id
    assert meta == meta_of(article, meta.size, meta.mtime_ns) and meta.size > 0
    assert cache.cached_snapshot([library])[0] == meta  # the cache follows
    (library / "b-folder" / "two.txt").unlink()
    gone = cache.load(metas[1])
    assert gone.error == "file not found" and gone.id != metas[1].id


def test_order_matches_iter_sources(cache, tmp_path):
    root = tmp_path / "order"
    for name in (
        "b.txt",
        "B.md",
        "a/z.txt",
        "a/A.txt",
        "Ä.txt",
        "_x/y.htm",
        "c/d/e.txt",
        "10.txt",
        "9.txt",
    ):
        write(root / name, article_text(f"Title {name}", f"Body of {name} here."))
    write(root / ".hidden.txt", article_text("Hidden"))
    single = write(tmp_path / "elsewhere" / "single.text", article_text("Single"))
    paths = [single, root, tmp_path / "nope", root / "b.txt"]
    wanted = [path for path, _ in iter_sources(paths)]
    assert [m.source for m in cache.scan(paths)] == wanted
    assert [m.source for m in cache.scan(paths)] == wanted
    assert [m.source for m in cache.cached_snapshot(paths)] == wanted
    assert without_stat(cache.scan(paths)) == expected(paths)


def test_snapshot_touches_no_file(cache, library, reads):
    metas = list(cache.scan([library]))
    for path in library.rglob("*"):
        if path.is_file():
            path.unlink()
    reads.clear()
    assert cache.cached_snapshot([library]) == metas
    assert cache.cached_snapshot([str(library)]) == metas
    assert reads == []
    assert list(cache.scan([library])) == []
    assert cache.cached_snapshot([library]) == []


def test_snapshot_of_paths_never_scanned_is_empty(cache, library, tmp_path):
    list(cache.scan([library]))
    assert cache.cached_snapshot([tmp_path / "other"]) == []
    assert cache.cached_snapshot([]) == []


def test_snapshot_is_per_library_path(cache, library, tmp_path, reads):
    extra = write(tmp_path / "extra.txt", article_text("Extra"))
    both = list(cache.scan([extra, library]))
    assert [m.title for m in both] == ["Extra", "One", "Two", "Three", "Four"]
    # The library alone: its own entries, without the extra file's.
    assert [m.title for m in cache.cached_snapshot([library])] == ["One", "Two", "Three", "Four"]
    reads.clear()
    assert [m.title for m in cache.scan([library])] == ["One", "Two", "Three", "Four"]
    assert reads == []
    # The extra file's entry is kept for the next `limelight extra.txt`.
    assert [m.title for m in cache.cached_snapshot([extra, library])] == [m.title for m in both]
    assert [m.title for m in cache.scan([extra, library])] == [m.title for m in both]
    assert reads == []


def test_a_file_moved_between_roots_is_not_read_again(cache, library, tmp_path, reads):
    inner = library / "b-folder"
    list(cache.scan([inner]))
    reads.clear()
    metas = list(cache.scan([library]))  # b-folder's files now come under library
    assert reads == [str(library / "A-first.txt"), str(library / "c" / "deep" / "four.html")]
    assert [m.title for m in cache.cached_snapshot([library])] == [m.title for m in metas]


def test_an_abandoned_scan_drops_nothing(cache, library, reads):
    metas = list(cache.scan([library]))
    (library / "c" / "deep" / "four.html").unlink()
    scan = cache.scan([library])
    next(scan)
    scan.close()
    assert not cache.last_scan.finished
    assert cache.cached_snapshot([library]) == metas


def test_a_file_written_just_before_the_scan_is_read_again(cache, tmp_path, reads):
    root = tmp_path / "racy"
    fresh = write(root / "fresh.txt", article_text("Fresh"), mtime=None)
    write(root / "old.txt", article_text("Old"))
    list(cache.scan([root]))
    reads.clear()
    list(cache.scan([root]))
    assert reads == [str(fresh)]  # its mtime may not have ticked since: not trusted yet


def test_progress_and_root_key(cache, library):
    calls = []
    list(cache.scan([library], progress=lambda count, path: calls.append((count, path))))
    assert [count for count, _ in calls] == [1, 2, 3, 4]
    assert root_key(library) == os.path.realpath(library)
    assert root_key("~") == os.path.realpath(os.path.expanduser("~"))


def test_symlinked_library_path(cache, library, tmp_path, reads):
    link = tmp_path / "link"
    link.symlink_to(library, target_is_directory=True)
    metas = list(cache.scan([link]))
    assert [m.source for m in metas] == [path for path, _ in iter_sources([link])]
    reads.clear()
    assert cache.cached_snapshot([library]) == metas  # the same resolved root
    assert list(cache.scan([library])) == metas and reads == []


def drop_snapshot_blobs(cache: CatalogueCache) -> None:
    conn = sqlite3.connect(cache.path)
    conn.execute("DELETE FROM snapshots")
    conn.commit()
    conn.close()


def test_a_damaged_snapshot_blob_falls_back_to_the_rows(cache, library):
    metas = list(cache.scan([library]))
    conn = sqlite3.connect(cache.path)
    conn.execute("UPDATE snapshots SET data = X'00112233'")
    conn.commit()
    conn.close()
    assert cache.cached_snapshot([library]) == metas
    drop_snapshot_blobs(cache)
    assert cache.cached_snapshot([library]) == metas
    assert list(cache.scan([library])) == metas


@pytest.fixture
def small_parts(monkeypatch):
    """Snapshot parts of 2, then 3 entries, so small libraries have several."""
    monkeypatch.setattr(catalogue_cache, "FIRST_PART", 2)
    monkeypatch.setattr(catalogue_cache, "PART", 3)


def test_snapshot_comes_in_batches_first_one_small(cache, tmp_path, small_parts, reads):
    root = tmp_path / "many"
    for n in range(10):
        write(root / f"{n:02d}.txt", article_text(f"Article {n}"))
    write(root / "10-dup.txt", article_text("Article 3"))  # a duplicate of 03.txt
    metas = list(cache.scan([root]))
    batches = list(cache.iter_snapshot([root]))
    assert [len(batch) for batch in batches] == [2, 3, 3, 2]  # the duplicate is skipped
    assert [m for batch in batches for m in batch] == metas
    # The scan that follows reuses those very metas (no second read of the cache).
    reads.clear()
    again = list(cache.scan([root]))
    assert reads == [] and again == metas
    assert all(a is b for a, b in zip(again, (m for batch in batches for m in batch), strict=True))


def test_a_damaged_part_falls_back_without_repeating(cache, tmp_path, small_parts):
    root = tmp_path / "many"
    for n in range(10):
        write(root / f"{n:02d}.txt", article_text(f"Article {n}"))
    metas = list(cache.scan([root]))
    conn = sqlite3.connect(cache.path)
    conn.execute("UPDATE snapshots SET crc = crc + 1 WHERE part = 2")
    conn.commit()
    conn.close()
    assert cache.cached_snapshot([root]) == metas
    assert list(cache.scan([root])) == metas
    assert cache.cached_snapshot([root]) == metas  # the scan rewrote the snapshot


@pytest.mark.parametrize("seed", range(6))
def test_random_edits_keep_scan_and_snapshot_right(tmp_path, seed, reads, small_parts):
    import random

    rng = random.Random(seed)
    root = tmp_path / "lib"
    extra = write(tmp_path / "extra.txt", article_text("Extra"))
    names = [f"{folder}/{name}.txt" for folder in ("a", "b", "c") for name in "pqrstu"]
    made: dict[str, int] = {}
    cache = CatalogueCache(tmp_path / "catalogue.sqlite")
    paths = [root] if seed % 2 else [extra, root]
    clock = HOUR_AGO
    last: list[ArticleMeta] | None = None
    for _ in range(25):
        action = rng.random()
        name = rng.choice(names)
        clock += 10
        if action < 0.45 or not made:
            made[name] = made.get(name, 0) + 1
            body = article_text(
                f"{name} v{made[name] % 3}", "Same body." if rng.random() < 0.2 else f"Body {name}."
            )
            write(root / name, body, mtime=clock)
        elif action < 0.6:
            victim = rng.choice(sorted(made))
            (root / victim).unlink()
            del made[victim]
        elif action < 0.7:
            victim = rng.choice(sorted(made))
            if name not in made:
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                (root / victim).rename(root / name)
                made[name] = made.pop(victim)
        elif action < 0.8 and last:
            cache.load_with_meta(rng.choice(last))
        scan = cache.scan(paths)
        if rng.random() < 0.25:
            for _ in range(rng.randint(0, 3)):
                next(scan, None)
            scan.close()
            if last is not None:
                # A snapshot is only ever the last complete scan, or something it can
                # reconcile: never an error. (Exact content after an abandoned scan varies.)
                cache.cached_snapshot(paths)
            continue
        last = list(scan)
        assert without_stat(last) == expected(paths)
        assert cache.cached_snapshot(paths) == last
        drop_snapshot_blobs(cache)
        assert cache.cached_snapshot(paths) == last
        reads.clear()
        assert list(cache.scan(paths)) == last
        assert reads == []
        assert cache.cached_snapshot(paths) == last
    cache.close()


def test_what_an_article_says_of_itself_is_listed_from_the_cache(tmp_path):
    """Author, date, site, address, language and feed reach the sidebar and
    `list --json` from the cache, after a restart, whether the cache answers
    from its snapshot or from its rows."""
    from reader.library import importers
    from reader.library.model import DETAIL_FIELDS, Article, Block

    told = {
        "author": "Marta Oyelaran",
        "published": "2026-03-04T09:30:00+00:00",
        "site": "The Edra Courier",
        "url": "https://courier.example/ferry",
        "language": "pt-BR",
        "feed": "Courier: local news",
    }

    def parse(payload, **_):
        text = payload.decode() if isinstance(payload, bytes) else payload
        return Article(title=text.strip(), blocks=(Block("paragraph", "Body."),), **told)

    root = tmp_path / "library"
    write(root / "one.toy", "Ferry vote delayed")
    write(root / "two.txt", article_text("Plain"))
    importers.register(importers.Importer("toy", (".toy",), parse, binary=True))
    try:
        with CatalogueCache(tmp_path / "c.sqlite") as cache:
            scanned = {meta.title: meta for meta in cache.scan([root])}
        assert scanned["Ferry vote delayed"].details == told
        assert scanned["Plain"].details == {}
        for drop_snapshot in (False, True):
            if drop_snapshot:
                with sqlite3.connect(tmp_path / "c.sqlite") as conn:
                    conn.execute("DELETE FROM snapshots")
            with CatalogueCache(tmp_path / "c.sqlite") as cache:
                listed = {meta.title: meta for meta in cache.cached_snapshot([root])}
            assert listed == scanned
            assert [getattr(listed["Ferry vote delayed"], name) for name in DETAIL_FIELDS] == [
                told[name] for name in DETAIL_FIELDS
            ]
    finally:
        importers.unregister("toy")
