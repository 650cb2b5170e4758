"""A database someone else wrote: wrong shapes, corruption twice a second, a
symlink, a corrupt file noticed by the command line (issue 10, items 4, 9, 10, 12)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import orjson
import pytest

from reader.cli import main
from reader.store import SCHEMA_VERSION, Store, StoreError
from reader.store.annotations import make_annotation
from reader.store.atomic import TEMP_PREFIX

BODY = "The mayor said the bridge would reopen in May. Engineers were less sure."


def good_note_row(note_id: str = "good") -> dict:
    a = make_annotation("art1", BODY, 4, 9, "kept", ["people"], title="Bridge")
    row = a.to_dict()
    row["id"] = note_id
    return row


def write_db(home: Path, data) -> Path:
    db = home / "limelight.json"
    db.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return db


def side_files(home: Path) -> list[Path]:
    return sorted(home.glob("limelight.json.set-aside-*.json"))


def kept_records(home: Path) -> list[dict]:
    return [r for f in side_files(home) for r in orjson.loads(f.read_bytes())["records"]]


def use_everything(store: Store) -> None:
    """Every read the app and the command line make at start, then one of each write."""
    assert store.schema_version >= 1
    store.sources()
    store.annotations()
    store.annotations("art1")
    store.bookmarks()
    store.bookmarked_article_ids()
    store.all_progress()
    store.progress("art1")
    store.last_article()
    store.get_setting("layers.disabled", [])
    store.add_annotation(make_annotation("art1", BODY, 0, 3, "new"))
    store.set_progress("art1", 1, 2, 0.5)
    store.toggle_article_bookmark("art1")
    store.set_setting("layers.disabled", ["DATE"])
    store.set_last_article("art1")
    store.add_source("/tmp")


META = {"1": {"schema": SCHEMA_VERSION}}
GOOD = {"annotations": {"1": good_note_row()}}

HOSTILE = {
    "schema a string": ({"meta": {"1": {"schema": "2"}}, **GOOD}, "meta", "1"),
    "schema negative": ({"meta": {"1": {"schema": -1}}, **GOOD}, "meta", "1"),
    "meta a string": ({"meta": "two", **GOOD}, "meta", None),
    "annotations a string": ({"meta": META, "annotations": "notes"}, "annotations", None),
    "annotations a list": ({"meta": META, "annotations": [good_note_row()]}, "annotations", None),
    "a row that is a string": (
        {"meta": META, "annotations": {"1": good_note_row(), "2": "a note"}},
        "annotations",
        "2",
    ),
    "tags 5": (
        {
            "meta": META,
            "annotations": {"1": good_note_row(), "2": {**good_note_row("x"), "tags": 5}},
        },
        "annotations",
        "2",
    ),
    "progress row a list": (
        {"meta": META, **GOOD, "progress": {"1": ["art1", 3, 0.5]}},
        "progress",
        "1",
    ),
    "setting of the wrong type": (
        {"meta": META, **GOOD, "settings": {"1": {"key": "layers.disabled", "value": 5}}},
        "settings",
        "1",
    ),
    "last article a number": (
        {"meta": META, **GOOD, "settings": {"1": {"key": "reading.last_article", "value": 7}}},
        "settings",
        "1",
    ),
    "bookmark of an unknown kind": (
        {"meta": META, **GOOD, "bookmarks": {"1": {"id": "b", "kind": 3, "article_id": "a"}}},
        "bookmarks",
        "1",
    ),
    "source without a path": ({"meta": META, **GOOD, "sources": {"1": {"p": 1}}}, "sources", "1"),
    "start a string": (
        {"meta": META, "annotations": {"1": good_note_row(), "2": {"id": "y", "start": "x"}}},
        "annotations",
        "2",
    ),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_wrongly_shaped_database_is_read_kept_aside_and_reported_once(name, limelight_home):
    data, table, key = HOSTILE[name]
    write_db(limelight_home, data)
    store = Store()  # no traceback
    assert store.notice and "kept aside" in store.notice
    assert len(store.problems) == 1 and "could not be read" in store.problems[0]
    [record] = kept_records(limelight_home)
    assert record["table"] == table and record["key"] == key
    original = data[table] if key is None else data[table][key]
    assert record["value"] == original  # kept exactly as it was, never dropped
    if name not in ("annotations a string", "annotations a list"):
        assert [a.id for a in store.annotations()] == ["good"]  # the rest works
    assert store.schema_version == SCHEMA_VERSION
    use_everything(store)
    again = Store()
    assert again.notice is None and again.problems == []  # reported once
    assert len(side_files(limelight_home)) == 1
    assert "kept aside" in again.unseen_notices()[0]  # until the app shows it
    assert len(again.annotations()) == (1 if name.startswith("annotations a") else 2)


def test_a_row_id_that_is_not_a_number_is_renumbered_not_lost(limelight_home):
    rows = {
        "abc": good_note_row("first"),
        "01": good_note_row("second"),
        "2": good_note_row("third"),
    }
    write_db(limelight_home, {"meta": META, "annotations": rows})
    store = Store()
    assert sorted(a.id for a in store.annotations()) == ["first", "second", "third"]
    use_everything(store)
    stored = json.loads((limelight_home / "limelight.json").read_text())["annotations"]
    assert all(key == str(int(key)) for key in stored)
    assert len(Store().annotations()) == 4


def test_json_nested_200000_deep_is_moved_aside_and_reported(limelight_home):
    deep = (
        '{"meta": {"1": {"schema": 2}}, "annotations": {"1": {"id": "x", "note": '
        + ("[" * 200_000 + "]" * 200_000)
        + "}}}"
    )
    db = write_db(limelight_home, deep)
    store = Store()
    assert store.notice and "nested too deeply" in store.notice
    [kept] = limelight_home.glob("limelight.json.corrupt-*")
    assert kept.read_text() == deep
    use_everything(store)
    assert json.loads(db.read_text())["meta"]["1"]["schema"] == SCHEMA_VERSION


def test_a_value_nested_deeper_than_the_writer_goes_is_kept_aside(limelight_home):
    # orjson reads 1,024 levels but writes only 254: set aside, and still written out.
    nested = "[" * 1000 + "]" * 1000
    text = json.dumps({"meta": META, **GOOD, "settings": {}})
    text = text[:-2] + '"1": {"key": "someday", "value": ' + nested + "}}}"
    write_db(limelight_home, text)
    store = Store()
    assert "kept aside" in store.notice
    [record] = kept_records(limelight_home)
    assert record["table"] == "settings"
    use_everything(store)
    assert Store().notice is None


def test_a_newer_schema_is_opened_read_only_and_never_written(limelight_home):
    data = {
        "meta": {"1": {"schema": 99}},
        "annotations": {"1": good_note_row(), "2": "a shape we do not know"},
        "future": {"1": {"x": 1}},
    }
    db = write_db(limelight_home, data)
    before = db.read_bytes()
    store = Store()
    assert store.read_only and "newer" in store.notice and "read-only" in store.notice
    assert store.problems == [store.notice]
    assert [a.id for a in store.annotations()] == ["good"]
    with pytest.raises(StoreError, match="newer Limelight"):
        store.add_annotation(make_annotation("art1", BODY, 0, 3))
    with pytest.raises(StoreError, match="read-only"):
        store.set_progress("art1", 0, 0, 0.1)
    store.mark_notices_seen()
    assert db.read_bytes() == before
    assert side_files(limelight_home) == []


def test_a_database_upgraded_by_a_newer_limelight_while_open_is_not_written(limelight_home):
    store = Store()
    store.add_annotation(make_annotation("art1", BODY, 0, 3))
    db = limelight_home / "limelight.json"
    data = json.loads(db.read_text())
    data["meta"]["1"]["schema"] = SCHEMA_VERSION + 1
    db.write_text(json.dumps(data))
    before = db.read_bytes()
    with pytest.raises(StoreError, match="newer Limelight"):
        store.add_annotation(make_annotation("art1", BODY, 4, 9))
    assert db.read_bytes() == before


def test_records_damaged_while_open_are_kept_aside_before_the_next_write(limelight_home):
    store = Store()
    store.add_annotation(make_annotation("art1", BODY, 0, 3, "first"))
    db = limelight_home / "limelight.json"
    data = json.loads(db.read_text())
    data["annotations"]["7"] = {"id": "z", "tags": {"not": "a list"}}
    db.write_text(json.dumps(data))
    assert len(store.annotations()) == 1  # the bad row is not shown; the file keeps it
    assert "7" in json.loads(db.read_text())["annotations"]
    store.add_annotation(make_annotation("art1", BODY, 4, 9, "second"))
    [record] = kept_records(limelight_home)
    assert record["value"] == {"id": "z", "tags": {"not": "a list"}}
    assert "kept aside" in Store().unseen_notices()[0]


@pytest.mark.parametrize("name", ["schema a string", "tags 5", "progress row a list"])
async def test_the_app_starts_on_a_wrongly_shaped_database(name, limelight_home):
    from reader.ui.app import LimelightApp
    from tests.helpers import settle

    write_db(limelight_home, HOSTILE[name][0])
    app = LimelightApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert any("kept aside" in n.message for n in app._notifications)


# -- item 9: kept copies are never overwritten --------------------------------------------


def test_two_corruptions_in_one_second_keep_both_copies(monkeypatch, limelight_home):
    import time

    monkeypatch.setattr(time, "time", lambda: 1_700_000_000.5)
    db = limelight_home / "limelight.json"
    names = []
    for damage in ("{ first", "{ second", "{ third"):
        db.write_text(damage)
        store = Store()
        names.append(store.notice.rsplit(" ", 1)[-1])
        store.add_annotation(make_annotation("art1", BODY, 0, 3))
    kept = sorted(limelight_home.glob("limelight.json.corrupt-*"))
    assert len(kept) == 3 and len(set(names)) == 3
    assert {k.read_text() for k in kept} == {"{ first", "{ second", "{ third"}
    assert {k.name for k in kept} == set(names)


def test_side_files_in_one_second_never_overwrite_each_other(monkeypatch, limelight_home):
    import time

    monkeypatch.setattr(time, "time", lambda: 1_700_000_000.5)
    for n in range(3):
        write_db(limelight_home, {"meta": META, "progress": {"1": [n]}})
        Store()
    assert sorted(r["value"] for r in kept_records(limelight_home)) == [[0], [1], [2]]


def test_a_corrupt_copy_is_kept_where_hard_links_are_not_supported(monkeypatch, limelight_home):
    def no_links(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    import time

    monkeypatch.setattr(time, "time", lambda: 1_700_000_000.5)
    db = limelight_home / "limelight.json"
    for damage in ("{ first", "{ second"):
        db.write_text(damage)
        Store()
    kept = sorted(limelight_home.glob("limelight.json.corrupt-*"))
    assert {k.read_text() for k in kept} == {"{ first", "{ second"}


# -- item 10: a corrupt database is said once, and in the app until seen ----------------


async def test_a_corrupt_database_found_by_the_cli_is_said_there_and_then_in_the_app(
    capsys, limelight_home
):
    from reader.ui.app import LimelightApp
    from tests.helpers import settle

    (limelight_home / "limelight.json").write_text('{"annotations": {"1": {"id": "x"')
    assert main(["notes"]) == 0
    err = capsys.readouterr().err
    said = [line for line in err.splitlines() if "could not be read" in line]
    assert len(said) == 1 and "limelight.json.corrupt-" in said[0]
    assert main(["notes"]) == 0  # once: the next command says nothing more about it
    assert "could not be read" not in capsys.readouterr().err

    app = LimelightApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert any("limelight.json.corrupt-" in n.message for n in app._notifications)
    assert Store().unseen_notices() == []  # the app showed it: not again
    app = LimelightApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not any("corrupt" in n.message for n in app._notifications)


def test_the_cli_says_kept_aside_records_once(capsys, limelight_home):
    write_db(limelight_home, HOSTILE["tags 5"][0])
    assert main(["notes"]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("kept aside") == 1
    assert "Bridge" in captured.out  # the good note is listed
    assert main(["notes"]) == 0
    assert "kept aside" not in capsys.readouterr().err


async def test_a_corrupt_database_found_by_the_app_is_said_once(limelight_home):
    from reader.ui.app import LimelightApp
    from tests.helpers import settle

    (limelight_home / "limelight.json").write_text("{ half")
    app = LimelightApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        said = [n for n in app._notifications if "could not be read" in n.message]
        assert len(said) == 1
    assert Store().unseen_notices() == []


# -- item 12: a symlinked database is written through -------------------------------------


def test_a_symlinked_database_is_written_through_to_its_target(tmp_path, limelight_home):
    synced = tmp_path / "synced"
    synced.mkdir()
    target = synced / "notes.json"
    Store(target).add_annotation(make_annotation("art1", BODY, 0, 3, "from elsewhere"))
    target.chmod(0o640)
    link = limelight_home / "limelight.json"
    link.symlink_to(target)
    store = Store()
    store.add_annotation(make_annotation("art1", BODY, 4, 9, "through the link"))
    store.set_progress("art1", 1, 0, 0.2)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.stat().st_mode & 0o777 == 0o640  # the target keeps its permissions
    assert {a.note for a in Store(target).annotations()} == {"from elsewhere", "through the link"}
    assert not list(limelight_home.glob(f"{TEMP_PREFIX}*"))
    assert not list(synced.glob(f"{TEMP_PREFIX}*"))


def test_a_chain_of_links_and_a_relative_link_are_written_through(tmp_path, limelight_home):
    real = tmp_path / "real"
    real.mkdir()
    (real / "db.json").write_text(json.dumps({"meta": META}))
    (tmp_path / "hop.json").symlink_to("real/db.json")
    link = limelight_home / "limelight.json"
    link.symlink_to(tmp_path / "hop.json")
    Store().add_annotation(make_annotation("art1", BODY, 0, 3, "two hops"))
    assert link.is_symlink() and (tmp_path / "hop.json").is_symlink()
    assert "two hops" in (real / "db.json").read_text()


def test_a_corrupt_symlinked_database_is_kept_beside_its_target(tmp_path, limelight_home):
    target = tmp_path / "notes.json"
    target.write_text("{ half")
    link = limelight_home / "limelight.json"
    link.symlink_to(target)
    store = Store()
    assert "could not be read" in store.notice
    [kept] = tmp_path.glob("notes.json.corrupt-*")
    assert kept.read_text() == "{ half"
    store.add_annotation(make_annotation("art1", BODY, 0, 3, "fresh"))
    assert link.is_symlink() and "fresh" in target.read_text()


def test_a_symlink_loop_gives_a_reason_not_a_traceback(limelight_home):
    link = limelight_home / "limelight.json"
    link.symlink_to(limelight_home / "limelight.json")
    store = Store()
    assert store.notice
    with pytest.raises(StoreError):
        store.add_annotation(make_annotation("art1", BODY, 0, 3))
    assert link.is_symlink()


def test_marking_notices_seen_keeps_one_added_meanwhile(limelight_home):
    write_db(limelight_home, HOSTILE["tags 5"][0])
    store = Store()
    shown = store.notices_to_show()
    assert len(shown) == 1  # this store's notice and the unseen one are the same: said once
    write_db(
        limelight_home,
        {**json.loads((limelight_home / "limelight.json").read_text()), "progress": {"1": "later"}},
    )
    Store()  # another process finds more
    store.mark_notices_seen(shown)
    [left] = Store().unseen_notices()
    assert left != shown[0] and "kept aside" in left
