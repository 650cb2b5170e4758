from __future__ import annotations

import errno
import json
import os

import pytest

from reader.store import SCHEMA_VERSION, Store, StoreError
from reader.store.annotations import (
    Annotation,
    Bookmark,
    Progress,
    make_annotation,
    normalize_tags,
)
from reader.store.export import ORPHAN_MARK, export_json, export_markdown

BODY = (
    "Ministers met on Monday.\n\n"
    "The plan, officials said, would cut waiting lists by half within two years.\n\n"
    "Critics called it unrealistic."
)


def note(text: str, note: str = "", tags=(), article_id: str = "a1", title: str = "The plan"):
    start = BODY.index(text)
    return make_annotation(article_id, BODY, start, start + len(text), note, tags, title)


# -- the record -------------------------------------------------------------------


def test_annotation_round_trips_every_field():
    a = note("would cut waiting lists", "Ambitious.", ["health", "#nhs", "health", "long term"])
    a = a.edited(orphaned=True)
    data = a.to_dict()
    assert set(data) == {
        "id",
        "article_id",
        "quote",
        "prefix",
        "suffix",
        "start",
        "end",
        "note",
        "tags",
        "created",
        "updated",
        "title",
        "orphaned",
    }
    assert data["tags"] == ["health", "nhs", "long-term"]
    assert Annotation.from_dict(json.loads(json.dumps(data))) == a


def test_annotation_from_older_dict_fills_defaults():
    old = {"id": "x1", "article_id": "a1", "quote": "q", "start": 3, "end": 4, "extra": 1}
    a = Annotation.from_dict(old)
    assert (a.note, a.tags, a.prefix, a.suffix, a.title, a.orphaned) == ("", (), "", "", "", False)
    assert a.is_highlight


def test_times_are_iso_8601_utc():
    a = note("Critics")
    assert a.created == a.updated and a.created.endswith("Z") and "T" in a.created


def test_normalize_tags():
    assert normalize_tags("#a, b  #a c") == ("a", "b", "c")
    assert normalize_tags(["  ", "#", "x y"]) == ("x-y",)
    assert normalize_tags(None) == ()


# -- annotations in the store -------------------------------------------------------


def test_annotations_persist_in_reading_order():
    store = Store()
    later = store.add_annotation(note("Critics called it unrealistic.", "Who?"))
    earlier = store.add_annotation(note("Ministers met", ""))
    other = store.add_annotation(note("officials said", "src", article_id="a2", title="Another"))
    again = Store()
    assert again.annotations("a1") == [earlier, later]
    assert again.annotations("a2") == [other]
    assert [a.id for a in again.annotations()] == [other.id, earlier.id, later.id]  # by title
    assert again.get_annotation(later.id) == later
    assert again.get_annotation("nope") is None


def test_update_annotation_changes_note_tags_and_place():
    store = Store()
    a = store.add_annotation(note("would cut waiting lists", "first"))
    changed = store.update_annotation(a.id, note="second", tags=["#x", "y"])
    assert (changed.note, changed.tags, changed.created) == ("second", ("x", "y"), a.created)
    assert changed.updated >= a.updated
    moved = store.update_annotation(a.id, start=a.start + 5, end=a.end + 5)
    assert Store().get_annotation(a.id) == moved
    with pytest.raises(KeyError):
        store.update_annotation("missing", note="x")
    with pytest.raises(TypeError):
        store.update_annotation(a.id, article_id="other")


def test_delete_returns_the_annotation_and_restore_undoes_it():
    store = Store()
    a = store.add_annotation(note("Critics", "c"))
    gone = store.delete_annotation(a.id)
    assert gone == a and Store().annotations() == []
    store.restore_annotation(gone)
    assert Store().annotations() == [a]
    with pytest.raises(KeyError):
        store.delete_annotation("missing")


def test_adding_the_same_annotation_twice_is_refused():
    store = Store()
    a = store.add_annotation(note("Critics"))
    with pytest.raises(StoreError):
        store.add_annotation(a)
    assert len(store.annotations()) == 1


def test_reanchor_saves_moved_places_and_orphans():
    store = Store()
    moved = store.add_annotation(note("officials said"))
    lost = store.add_annotation(note("Critics called it unrealistic."))
    new_body = "A new first line.\n\n" + BODY.replace("Critics called it unrealistic.", "")
    pairs = store.reanchor("a1", new_body)
    anchors = {a.id: where for a, where in pairs}
    assert anchors[lost.id] is None
    assert new_body[anchors[moved.id].start : anchors[moved.id].end] == "officials said"
    saved = {a.id: a for a in Store().annotations("a1")}
    assert saved[lost.id].orphaned and saved[lost.id].quote == lost.quote  # kept, never dropped
    assert saved[moved.id].start == moved.start + len("A new first line.\n\n")
    assert saved[moved.id].quote == moved.quote
    # Anchoring again changes nothing.
    before = Store().path.read_bytes()
    Store().reanchor("a1", new_body)
    assert Store().path.read_bytes() == before


# -- bookmarks and progress ----------------------------------------------------------


def test_article_bookmarks_toggle():
    store = Store()
    assert store.is_bookmarked("a1") is False
    assert store.toggle_article_bookmark("a1", "The plan") is True
    assert Store().is_bookmarked("a1") and Store().bookmarked_article_ids() == {"a1"}
    assert store.toggle_article_bookmark("a1", "The plan") is False
    assert Store().bookmarked_article_ids() == set()


def test_position_bookmarks():
    store = Store()
    store.toggle_article_bookmark("a2", "Other")
    mark = store.add_position_bookmark("a1", "The plan", block=2, offset=14, label="critics")
    assert (mark.kind, mark.block, mark.offset, mark.label) == ("position", 2, 14, "critics")
    marks = Store().bookmarks()
    assert [m.kind for m in marks] == ["article", "position"]
    assert marks[1] == mark and Bookmark.from_dict(mark.to_dict()) == mark
    assert store.remove_bookmark(mark.id) == mark
    assert store.remove_bookmark(mark.id) is None
    assert [m.kind for m in Store().bookmarks()] == ["article"]


def test_progress_and_last_article():
    store = Store()
    assert store.progress("a1") is None and store.last_article() is None
    store.set_progress("a1", block=3, offset=120, fraction=0.4)
    store.set_progress("a2", block=0, offset=0, fraction=1.7)  # clamped
    store.set_last_article("a1")
    again = Store()
    place = again.progress("a1")
    assert (place.block, place.offset, place.fraction) == (3, 120, 0.4)
    assert again.all_progress()["a2"].fraction == 1.0
    assert again.last_article() == "a1"
    store.set_progress("a1", block=4, offset=0, fraction=0.5)
    assert Store().progress("a1").block == 4
    assert Progress.from_dict(place.to_dict()) == place


def test_unchanged_progress_does_not_rewrite_the_file():
    store = Store()
    store.set_progress("a1", 1, 2, 0.25)
    stamp = os.stat(store.path).st_mtime_ns, store.path.stat().st_ino
    store.set_progress("a1", 1, 2, 0.25)
    assert (os.stat(store.path).st_mtime_ns, store.path.stat().st_ino) == stamp


# -- schema -----------------------------------------------------------------------------


def test_version_1_database_is_migrated(limelight_home):
    v1 = {
        "meta": {"1": {"schema": 1}},
        "sources": {"1": {"path": "/articles", "added": 1.0}},
        "settings": {"1": {"key": "layers.disabled", "value": ["DATE"]}},
    }
    (limelight_home / "limelight.json").write_text(json.dumps(v1), encoding="utf-8")
    store = Store()
    assert store.schema_version == SCHEMA_VERSION == 2
    assert store.sources() == ["/articles"]
    assert store.get_setting("layers.disabled") == ["DATE"]
    assert store.annotations() == [] and store.bookmarks() == [] and store.all_progress() == {}
    store.add_annotation(note("Critics"))
    assert len(Store().annotations()) == 1


def test_newer_schema_is_left_alone_with_a_notice(limelight_home):
    (limelight_home / "limelight.json").write_text('{"meta": {"1": {"schema": 99}}}')
    store = Store()
    assert store.schema_version == 99 and "newer" in store.notice


# -- failures ----------------------------------------------------------------------------


def test_disk_full_raises_store_error_and_damages_nothing(monkeypatch, limelight_home):
    store = Store()
    kept = store.add_annotation(note("Ministers met", "kept"))
    before = store.path.read_bytes()

    real_fsync = os.fsync
    disk = {"full": True}

    def fsync(fd):
        if disk["full"]:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(StoreError, match="could not save the note: No space left on device"):
        store.add_annotation(note("Critics", "lost"))
    with pytest.raises(StoreError, match="No space left"):
        store.update_annotation(kept.id, note="changed")
    with pytest.raises(StoreError, match="No space left"):
        store.delete_annotation(kept.id)
    disk["full"] = False
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in limelight_home.iterdir() if p.suffix != ".lock") == [
        "limelight.json"
    ]
    assert store.annotations() == [kept]  # the failed writes left nothing in memory either
    assert Store().annotations() == [kept]
    store.add_annotation(note("Critics", "now it fits"))
    assert len(Store().annotations()) == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_raises_store_error(limelight_home):
    store = Store()
    kept = store.add_annotation(note("Ministers met", "kept"))
    before = store.path.read_bytes()
    limelight_home.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="could not save the note"):
            store.add_annotation(note("Critics", "lost"))
        reader = Store()  # opening a read-only folder still works, for reading
        assert reader.read_only and reader.notice
        assert reader.annotations() == [kept]
        with pytest.raises(StoreError):
            reader.toggle_article_bookmark("a1")
    finally:
        limelight_home.chmod(0o755)
    assert store.path.read_bytes() == before


def test_corrupt_database_with_notes_is_kept_aside(limelight_home):
    store = Store()
    store.add_annotation(note("Critics", "precious"))
    db = limelight_home / "limelight.json"
    damaged = db.read_bytes()[:-20]
    db.write_bytes(damaged)
    fresh = Store()
    assert fresh.notice and "could not be read" in fresh.notice
    kept = list(limelight_home.glob("limelight.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert fresh.annotations() == []
    fresh.add_annotation(note("Ministers met"))
    assert kept[0].read_bytes() == damaged  # never overwritten


def test_database_damaged_while_open_is_never_overwritten(limelight_home):
    store = Store()
    store.add_annotation(note("Critics", "precious"))
    db = limelight_home / "limelight.json"
    db.write_text("{ half", encoding="utf-8")
    with pytest.raises(StoreError, match="could not be read"):
        store.add_annotation(note("Ministers met"))
    with pytest.raises(StoreError):
        store.annotations()
    assert db.read_text(encoding="utf-8") == "{ half"


# -- export -----------------------------------------------------------------------------


def test_markdown_export():
    multi = make_annotation(
        "a1", BODY, 0, BODY.index("The plan") + 8, "Two lines.\nReally.", ["a"], "The plan"
    )
    plain = note("Critics called it unrealistic.")
    other = note("officials said", "Sources?", ["#sourcing", "x y"], article_id="b", title="Alpha")
    orphan = note("would cut", "gone").edited(orphaned=True)
    md = export_markdown([plain, orphan, multi, other])
    assert md.startswith(
        "# Limelight notes\n\n## Alpha\n\n> officials said\n\nSources?\n\n#sourcing #x-y\n"
    )
    assert (
        "## The plan\n\n> Ministers met on Monday.\n>\n> The plan\n\nTwo lines.\nReally.\n\n#a\n"
        in md
    )
    assert "> Critics called it unrealistic.\n\n" in md
    assert f"> would cut\n>\n> {ORPHAN_MARK}\n\ngone\n" in md
    assert md.index("Critics") < md.index("would cut")  # orphans last within an article
    assert md.endswith("\n") and not md.endswith("\n\n")


def test_exports_of_nothing_are_valid():
    assert export_markdown([]) == "# Limelight notes\n\nNo notes yet.\n"
    data = json.loads(export_json([]))
    assert data["annotations"] == [] and data["format"] == "limelight-notes"


def test_json_export_has_every_field():
    a = note("officials said", "n", ["t"])
    data = json.loads(export_json([a]))
    assert [Annotation.from_dict(row) for row in data["annotations"]] == [a]


def test_read_only_folder_simulated_for_root(monkeypatch, limelight_home):
    """The read-only case where chmod cannot block writes (running as root):
    the lock file and temporary files cannot be created."""
    import tempfile

    from filelock import FileLock

    store = Store()
    kept = store.add_annotation(note("Ministers met", "kept"))
    before = store.path.read_bytes()

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(FileLock, "acquire", denied)
    monkeypatch.setattr(tempfile, "mkstemp", denied)
    # and the folder says so when asked, as a read-only one does
    monkeypatch.setattr(os, "access", lambda path, mode, **kwargs: not mode & os.W_OK)
    with pytest.raises(StoreError, match="could not save the note: Permission denied"):
        store.add_annotation(note("Critics", "lost"))
    reader = Store()
    assert reader.read_only and "cannot be saved" in reader.notice
    assert reader.annotations() == [kept]
    with pytest.raises(StoreError, match="Permission denied"):
        reader.set_progress("a1", 0, 0, 0.1)
    assert store.path.read_bytes() == before


def test_rekey_moves_notes_bookmarks_place_and_last_article():
    from reader.store import Store
    from reader.store.annotations import make_annotation

    store = Store()
    body = "The harbour at Lisbon was full of ships."
    note = store.add_annotation(make_annotation("old", body, 4, 11, note="n"))
    store.toggle_article_bookmark("old", "T")
    store.set_progress("old", 3, 7, 0.5)
    store.set_last_article("old")
    store.add_annotation(make_annotation("other", body, 0, 3))
    assert store.rekey("old", "new") == 3
    assert [a.id for a in store.annotations("new")] == [note.id]
    assert store.annotations("old") == []
    assert store.is_bookmarked("new") and not store.is_bookmarked("old")
    assert store.progress("new").block == 3 and store.progress("old") is None
    assert store.last_article() == "new"
    assert len(store.annotations("other")) == 1
