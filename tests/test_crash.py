"""Nothing is ever lost: kills at random moments, concurrent processes and threads.

The crash harness starts a process that saves notes one after another and
prints each note's id only once ``add_annotation`` has returned; the test
kills it with SIGKILL after a random delay, then checks that the database
still parses and holds every id that was printed. ``LIMELIGHT_CRASH_TRIALS``
sets the number of kills (default 20).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reader.store import Store
from reader.store.annotations import make_annotation
from reader.store.atomic import TEMP_PREFIX

ROOT = Path(__file__).resolve().parent.parent
TRIALS = int(os.environ.get("LIMELIGHT_CRASH_TRIALS", "20"))

BODY = "The committee will publish its findings next week, a spokesperson said."

WRITER = r"""
import sys
from pathlib import Path

from reader.store import Store
from reader.store.annotations import make_annotation

path, tag, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
body = sys.argv[4]
mixed = len(sys.argv) > 5
store = Store(path)
index = 0
while count < 0 or index < count:
    a = make_annotation(tag, body, 4, 13, note=f"{tag} note {index}", tags=[tag], title=tag)
    store.add_annotation(a)
    sys.stdout.write(a.id + "\n")
    if mixed:  # a bookmark and a reading place too, each reported once saved
        mark = store.add_position_bookmark(tag, tag, index, 3, f"mark {index}")
        sys.stdout.write("bookmark " + mark.id + "\n")
        store.set_progress(f"{tag}-{index}", index, 5, 0.5)
        sys.stdout.write(f"progress {tag}-{index}\n")
    sys.stdout.flush()
    index += 1
"""

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def _start_writer(
    db: Path, tag: str, count: int, out: Path, mixed: bool = False
) -> subprocess.Popen:
    with out.open("wb") as handle:
        return subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), tag, str(count), BODY]
            + (["mixed"] if mixed else []),
            stdout=handle,
            stderr=subprocess.PIPE,
            env=_env(),
            cwd=ROOT,
        )


def _printed_ids(out: Path) -> list[str]:
    text = out.read_text(encoding="utf-8")
    lines = text.split("\n")
    if not text.endswith("\n"):
        lines = lines[:-1]  # a line cut by the kill was never complete
    return [line for line in lines if len(line) == 32]


def _printed_records(out: Path) -> list[str]:
    """Every complete line the writer printed: note ids, "bookmark ID", "progress ARTICLE"."""
    text = out.read_text(encoding="utf-8")
    lines = text.split("\n")
    return [line for line in lines[:-1] if line]


def _stored_records(db: Path) -> set[str]:
    data = json.loads(db.read_bytes())  # must always parse
    records = {row["id"] for row in data.get("annotations", {}).values()}
    records |= {"bookmark " + row["id"] for row in data.get("bookmarks", {}).values()}
    records |= {"progress " + row["article_id"] for row in data.get("progress", {}).values()}
    return records


def _stored_ids(db: Path) -> set[str]:
    data = json.loads(db.read_bytes())  # must always parse
    return {row["id"] for row in data.get("annotations", {}).values()}


def test_killed_writer_never_loses_a_saved_note(tmp_path):
    rng = random.Random(int(os.environ.get("LIMELIGHT_CRASH_SEED", "0")) or None)
    db = tmp_path / "limelight.json"
    Store(db)  # the database exists before the first kill
    printed: list[str] = []
    temporaries_seen = 0
    for trial in range(TRIALS):
        out = tmp_path / f"out-{trial}.txt"
        writer = _start_writer(db, f"t{trial}", -1, out, mixed=trial % 2 == 1)
        time.sleep(rng.uniform(0.15, 0.5))
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        stderr = writer.stderr.read().decode(errors="replace")
        writer.stderr.close()
        assert "Traceback" not in stderr, stderr
        printed += _printed_records(out)
        missing = set(printed) - _stored_records(db)
        assert not missing, f"trial {trial}: {len(missing)} saved record(s) lost: {sorted(missing)[:3]}"
        temporaries_seen += len(list(tmp_path.glob(f"{TEMP_PREFIX}*")))
    assert printed, "the writer never saved a note: delays too short for this machine?"
    kinds = {line.split(" ")[0] if " " in line else "note" for line in printed}
    assert kinds == {"note", "bookmark", "progress"}
    print(
        f"{TRIALS} kills, {len(printed)} saves (notes, bookmarks, reading places),"
        f" {temporaries_seen} half-written temporaries"
    )
    # A new start removes what killed writers left half written, and reads everything.
    store = Store(db)
    assert store.notice is None
    assert not list(tmp_path.glob(f"{TEMP_PREFIX}*"))
    assert {a.id for a in store.annotations()} >= {line for line in printed if " " not in line}


def test_two_processes_adding_notes_at_once_lose_nothing(tmp_path):
    db = tmp_path / "limelight.json"
    count = 150
    outs = [tmp_path / "a.txt", tmp_path / "b.txt"]
    writers = [_start_writer(db, tag, count, out) for tag, out in zip("ab", outs, strict=True)]
    for writer in writers:
        assert writer.wait(timeout=120) == 0, writer.stderr.read().decode(errors="replace")
        writer.stderr.close()
    printed = [_printed_ids(out) for out in outs]
    assert [len(ids) for ids in printed] == [count, count]
    store = Store(db)
    notes = store.annotations()
    assert len(notes) == 2 * count
    assert {a.id for a in notes} == set(printed[0]) | set(printed[1])
    assert {a.note for a in store.annotations("a")} == {f"a note {i}" for i in range(count)}


def test_a_second_store_sees_the_first_ones_writes(tmp_path):
    db = tmp_path / "limelight.json"
    first, second = Store(db), Store(db)
    a = first.add_annotation(make_annotation("x", BODY, 0, 3))
    assert second.annotations() == [a]
    b = second.add_annotation(make_annotation("x", BODY, 4, 13))
    first.update_annotation(a.id, note="edited by first")
    assert {n.id: n.note for n in second.annotations()} == {a.id: "edited by first", b.id: ""}
    second.toggle_article_bookmark("x", "X")
    assert first.is_bookmarked("x")


def test_threads_sharing_a_store_lose_nothing(tmp_path):
    store = Store(tmp_path / "limelight.json")
    errors: list[BaseException] = []

    def work(tag: str) -> None:
        try:
            for index in range(15):
                store.add_annotation(make_annotation(tag, BODY, 0, 3, note=str(index)))
                store.set_progress(tag, index, 0, index / 15)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(f"t{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(Store(tmp_path / "limelight.json").annotations()) == 60
    assert len(store.all_progress()) == 4
