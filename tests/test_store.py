from __future__ import annotations

import json
import os

import pytest

from reader.analysis.model import Analysis, Entity, Quote
from reader.store import SCHEMA_VERSION, AnalysisCache, Store, data_dir
from reader.store.atomic import TEMP_PREFIX, AtomicJSONStorage, atomic_write_bytes


def test_data_dir_follows_limelight_home(limelight_home):
    assert data_dir() == limelight_home


def test_data_dir_defaults_to_platform_folder(monkeypatch):
    monkeypatch.delenv("LIMELIGHT_HOME")
    assert "limelight" in str(data_dir()).lower()


def test_sources_are_remembered_across_instances(tmp_path, limelight_home):
    folder = tmp_path / "articles"
    folder.mkdir()
    store = Store()
    assert store.add_source(folder) is True
    assert store.add_source(folder) is False  # no duplicates
    store.close()
    again = Store()
    assert again.sources() == [str(folder.resolve())]
    assert again.remove_source(folder) is True
    assert again.remove_source(folder) is False
    assert Store().sources() == []
    assert (limelight_home / "limelight.json").exists()


def test_new_database_records_schema_version():
    store = Store()
    assert store.schema_version == SCHEMA_VERSION


def test_settings_round_trip():
    store = Store()
    assert store.get_setting("layers.disabled", []) == []
    store.set_setting("layers.disabled", ["DATE"])
    store.set_setting("layers.disabled", ["DATE", "ORG"])
    assert Store().get_setting("layers.disabled") == ["DATE", "ORG"]


def test_corrupt_database_is_kept_aside_not_overwritten(limelight_home):
    db = limelight_home / "limelight.json"
    db.write_text('{"sources": {"1": {"path": "/x"', encoding="utf-8")
    store = Store()
    assert store.notice and "could not be read" in store.notice
    kept = list(limelight_home.glob("limelight.json.corrupt-*"))
    assert len(kept) == 1
    assert kept[0].read_text(encoding="utf-8").startswith('{"sources"')
    assert store.sources() == []


def test_stray_temporary_files_are_cleaned_at_start(limelight_home):
    Store().set_setting("kept", 1)  # a database as this version writes it
    stray = limelight_home / f"{TEMP_PREFIX}abc"
    stray.write_text("half a database")
    assert Store().get_setting("kept") == 1
    assert not stray.exists()


def test_a_current_database_opens_at_once_while_another_process_saves(limelight_home):
    """Opening takes no lock when nothing needs writing; a write still waits
    for the lock another process holds, and loses nothing when it comes free."""
    import subprocess
    import sys

    from reader.store import StoreError

    Store().set_setting("theirs", 1)
    lock = limelight_home / "limelight.json.lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from filelock import FileLock; "
            f"l = FileLock({str(lock)!r}); l.acquire(); print('held', flush=True); "
            "sys.stdin.readline()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        store = Store(lock_timeout=0.2)
        assert not store.read_only and store.notice is None
        assert store.get_setting("theirs") == 1
        with pytest.raises(StoreError, match="did not come free"):
            store.set_setting("mine", 2)
    finally:
        holder.communicate("\n", timeout=30)  # the holder lets go and ends
    store.set_setting("mine", 2)
    again = Store()
    assert (again.get_setting("theirs"), again.get_setting("mine")) == (1, 2)


def test_atomic_write_replaces_whole_file(tmp_path):
    target = tmp_path / "db.json"
    atomic_write_bytes(target, b"old")
    atomic_write_bytes(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    assert [p.name for p in tmp_path.iterdir()] == ["db.json"]


def test_atomic_write_failure_leaves_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "db.json"
    atomic_write_bytes(target, b"old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["db.json"]


def test_atomic_storage_reads_what_it_wrote(tmp_path):
    storage = AtomicJSONStorage(tmp_path / "x.json")
    assert storage.read() is None
    storage.write({"t": {"1": {"note": "São Paulo “quoted”"}}})
    assert storage.read() == {"t": {"1": {"note": "São Paulo “quoted”"}}}
    assert json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))


def test_analysis_cache_round_trip(tmp_path):
    cache = AnalysisCache(tmp_path, version="v1")
    analysis = Analysis(
        entities=(Entity(0, 5, "PERSON", "Li Qi"),),
        quotes=(Quote(6, 10, "“hi”", "Li Qi"),),
        sentences=((0, 10),),
    )
    assert cache.get("abc") is None
    cache.put("abc", analysis)
    assert cache.get("abc") == analysis
    assert AnalysisCache(tmp_path, version="v2").get("abc") is None


def test_analysis_cache_ignores_damaged_entries(tmp_path):
    cache = AnalysisCache(tmp_path, version="v1")
    (tmp_path / "v1").mkdir()
    (tmp_path / "v1" / "abc.json").write_text("{not json")
    assert cache.get("abc") is None
