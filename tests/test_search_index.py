"""The library search index: ranking, filters, snippets, incremental updates."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from reader.analysis import Analysis, Entity
from reader.library.loader import load_file
from reader.library.model import Article, Block
from reader.search.index import SearchIndex, default_path

FILLER = [
    "The council met on Tuesday to discuss the budget for schools and roads.",
    "Farmers reported a good harvest after a wet spring and a warm summer.",
    "The orchestra played to a full hall; the critics were kind.",
    "A new bridge will open next year, the engineers said.",
    "Rain is expected across the north at the weekend.",
    "The museum lent three paintings to a gallery abroad.",
]


def article(title: str, *paragraphs: str, source: str = "") -> Article:
    return Article(
        title=title,
        blocks=tuple(Block("paragraph", p) for p in paragraphs),
        source=source or f"/lib/{title}.txt",
    )


def fillers() -> list[Article]:
    """Articles that match nothing, so that bm25's statistics are meaningful."""
    return [
        article(f"Filler {i}", text, FILLER[(i + 1) % len(FILLER)]) for i, text in enumerate(FILLER)
    ]


@pytest.fixture
def index(tmp_path):
    with SearchIndex(tmp_path / "search.sqlite") as idx:
        yield idx


def titles(results) -> list[str]:
    return [r.title for r in results]


def test_default_path_is_in_the_data_folders_cache(limelight_home):
    assert default_path() == limelight_home / "cache" / "search.sqlite"
    with SearchIndex() as idx:
        assert len(idx) == 0
    assert (limelight_home / "cache" / "search.sqlite").exists()


def test_title_hit_beats_body_hit(index):
    index.update(
        [
            article("Weather report", "Nothing about boats here. The glacier moved slowly."),
            article("The glacier retreats", "Ice is melting in the Alps."),
            *fillers(),
        ]
    )
    results = index.search("glacier")
    assert titles(results) == ["The glacier retreats", "Weather report"]
    assert results[0].field == "title" and results[1].field == "body"
    assert results[0].score > results[1].score


def test_title_hit_beats_body_hit_even_for_a_common_word(index):
    # "said" is in every article: bm25 gives it next to nothing.
    index.update(
        [
            article("Alpha", "He said so."),
            article("What she said", "Nothing more."),
            article("Gamma", "They said it twice, said it thrice."),
        ]
    )
    assert index.search("said")[0].title == "What she said"


def test_words_are_anded_phrases_exclusions_prefixes(index):
    index.update(
        [
            article("One", "The central bank raised rates."),
            article("Two", "The bank of the river is central to the town."),
            article("Three", "Sanctions were imposed; oil prices rose."),
            article("Four", "Sanctioned banks cannot trade."),
            *fillers(),
        ]
    )
    assert set(titles(index.search("bank central"))) == {"One", "Two"}
    assert titles(index.search('"central bank"')) == ["One"]
    assert titles(index.search('bank -"central bank"')) == ["Two"]
    assert titles(index.search("central -river")) == ["One"]
    assert set(titles(index.search("sanction*"))) == {"Three", "Four"}
    assert titles(index.search("sanction* -oil")) == ["Four"]
    assert index.search("sanction") == []  # a word is a whole word
    assert index.search("-oil") == []  # exclusions alone find nothing


def test_accents_are_folded(index):
    index.update(
        [
            article("Elections", "The mayor of São Paulo was re-elected."),
            article("Streets", "A walk down the Hauptstraße in Kraków, an œuvre."),
            *fillers(),
        ]
    )
    for query in ("Sao Paulo", "sao paulo", "São Paulo", '"sao paulo"'):
        results = index.search(query)
        assert titles(results) == ["Elections"], query
        body = results[0]
        assert body.offsets
    for query in ("hauptstrasse", "Hauptstraße", "krakow", "oeuvre"):
        assert titles(index.search(query)) == ["Streets"], query


def test_snippet_contains_the_hit_and_highlights_point_at_it(index):
    long_text = " ".join(f"word{i}" for i in range(200))
    index.update(
        [
            article("Long", long_text + " the elusive marmot appears " + long_text),
            *fillers(),
        ]
    )
    (result,) = index.search("marmot")
    assert "marmot" in result.snippet
    assert result.snippet.startswith("… ") and result.snippet.endswith(" …")
    assert 15 <= len(result.snippet.split()) <= 25
    assert [result.snippet[s:e] for s, e in result.highlights] == ["marmot"]
    body = f"{long_text} the elusive marmot appears {long_text}"
    assert [body[s:e] for s, e in result.offsets] == ["marmot"]


def test_offsets_point_into_the_body_for_every_hit(index):
    seed = load_file(_seed())
    index.update([seed, *fillers()])
    (result,) = index.search("putin")
    assert len(result.offsets) == seed.body.count("Putin")
    assert {seed.body[s:e] for s, e in result.offsets} == {"Putin"}
    (result,) = index.search('"strategic partnership"')
    assert [seed.body[s:e] for s, e in result.offsets] == ["strategic partnership"]


def _seed():
    from tests.conftest import SEED

    return SEED


def fake_analysis(mentions: dict[str, list[tuple[str, str]]]):
    """An analyse callback: article title -> [(label, text), ...]."""
    calls: list[str] = []

    def analyse(art: Article) -> Analysis:
        calls.append(art.id)
        return Analysis(
            entities=tuple(
                Entity(0, len(text), label, text) for label, text in mentions.get(art.title, [])
            )
        )

    analyse.calls = calls  # type: ignore[attr-defined]
    return analyse


def test_entity_filters_rank_by_mentions(index):
    arts = [
        article("A", "Vladimir Putin spoke. Putin said yes. Putin left."),
        article("B", "Putin was mentioned once, with Xi Jinping in Beijing."),
        article("C", "Xi Jinping and NATO, in São Paulo."),
        *fillers(),
    ]
    analyse = fake_analysis(
        {
            "A": [("PERSON", "Vladimir Putin"), ("PERSON", "Putin"), ("PERSON", "Putin")],
            "B": [("PERSON", "Putin"), ("PERSON", "Xi Jinping"), ("PLACE", "Beijing")],
            "C": [("PERSON", "Xi Jinping"), ("ORG", "NATO"), ("PLACE", "São Paulo")],
        }
    )
    index.update(arts, analyse=analyse)
    results = index.search("person:Putin")
    assert titles(results) == ["A", "B"]
    assert [r.mentions for r in results] == [3, 1]
    assert all(r.field == "entity" for r in results)
    assert results[0].score > results[1].score
    assert [arts[0].body[s:e] for s, e in results[0].offsets] == ["Putin"] * 3
    assert set(titles(index.search('person:"Xi Jinping"'))) == {"B", "C"}
    assert titles(index.search("person:xi place:beijing")) == ["B"]
    assert titles(index.search("org:nato")) == ["C"]
    assert titles(index.search('place:"sao paulo"')) == ["C"]
    assert titles(index.search("place:Paulo")) == ["C"]
    assert index.search("org:Putin") == []  # the label matters
    assert titles(index.search("person:xi -place:beijing")) == ["C"]
    assert titles(index.search("person:putin -once")) == ["A"]
    # Words and filters together: the words rank, the filters restrict.
    assert titles(index.search("beijing person:putin")) == ["B"]
    assert index.search("yes person:xi") == []


def test_entities_from_the_real_analysis(index):
    seed = load_file(_seed())
    index.update([seed])
    results = index.search("person:Putin")
    assert titles(results) == [seed.title]
    assert results[0].mentions >= 1
    assert index.search("person:Nobodyatall") == []


def test_update_reindexes_changed_and_removes_missing_articles(index):
    old = article("Harbour", "The old ferry sails at dawn.", source="/lib/harbour.txt")
    other = article("Other", "An unrelated story about kites.", source="/lib/other.txt")
    stats = index.update([old, other, *fillers()], entities=False)
    assert stats.added == len(fillers()) + 2 and stats.removed == 0
    assert titles(index.search("ferry")) == ["Harbour"]

    new = article("Harbour", "The new hovercraft leaves at noon.", source="/lib/harbour.txt")
    stats = index.update([new, other, *fillers()], entities=False)
    assert (stats.added, stats.changed, stats.removed) == (1, 1, 1)
    assert stats.unchanged == len(fillers()) + 1
    assert index.search("ferry") == []
    assert titles(index.search("hovercraft")) == ["Harbour"]

    stats = index.update([new, *fillers()], entities=False)
    assert stats.removed == 1
    assert index.search("kites") == []
    assert len(index) == len(fillers()) + 1


def test_removed_article_takes_its_entities_along(index):
    arts = [article("A", "Putin."), article("B", "Putin again.")]
    analyse = fake_analysis({"A": [("PERSON", "Putin")], "B": [("PERSON", "Putin")]})
    index.update(arts, analyse=analyse)
    assert set(titles(index.search("person:putin"))) == {"A", "B"}
    index.update(arts[1:], analyse=analyse)
    assert titles(index.search("person:putin")) == ["B"]
    conn = sqlite3.connect(index.path)
    assert conn.execute("SELECT count(*) FROM entities").fetchone()[0] == 1
    conn.close()


def test_unchanged_library_is_not_analysed_again(tmp_path):
    arts = [article(f"T{i}", f"Body number {i} about Putin.") for i in range(30)]
    analyse = fake_analysis({a.title: [("PERSON", "Putin")] for a in arts})
    with SearchIndex(tmp_path / "s.sqlite") as idx:
        stats = idx.update(arts, analyse=analyse)
        assert stats.analysed == 30 and len(analyse.calls) == 30

    # A new session on the same file: nothing to do, no analysis at all.
    def never(_art):
        raise AssertionError("analysed again")

    with SearchIndex(tmp_path / "s.sqlite") as idx:
        stats = idx.update(arts, analyse=never)
        assert (stats.added, stats.removed, stats.analysed, stats.unchanged) == (0, 0, 0, 30)
        assert len(idx.search("person:putin", limit=100)) == 30


def test_entities_can_come_later(index):
    arts = [article("A", "Putin."), *fillers()]
    index.update(arts, entities=False)
    assert titles(index.search("putin")) == ["A"]
    assert index.search("person:putin") == []
    analyse = fake_analysis({"A": [("PERSON", "Putin")]})
    stats = index.update(arts, analyse=analyse)
    assert stats.added == 0 and stats.analysed == len(arts)
    assert titles(index.search("person:putin")) == ["A"]
    assert index.update(arts, analyse=analyse).analysed == 0


def test_progress_and_cancellation(index):
    arts = [article(f"T{i}", f"Text {i}.") for i in range(450)]
    seen: list[tuple[int, int]] = []
    index.update(arts, entities=False, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 450) and seen[-1] == (450, 450)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    more = arts + [article(f"U{i}", f"More {i}.") for i in range(450)]
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 250

    stats = index.update(more, entities=False, cancelled=cancelled)
    assert stats.cancelled
    assert 450 < len(index) < 900  # what was committed stays
    assert not index.update(more, entities=False).cancelled
    assert len(index) == 900


def test_broken_articles_and_duplicates_are_skipped(index):
    from reader.library.model import broken_article

    good = article("Good", "Readable text.")
    stats = index.update([good, good, broken_article("/x/bad.txt", "binary file")])
    assert stats.added == 1 and len(index) == 1


def test_notes_are_searchable(index):
    seed = load_file(_seed())
    index.update([seed, *fillers()], entities=False)
    index.index_notes(
        [
            ("n1", seed.id, "strengthened the two countries", "Remember the pangolin argument"),
            ("n2", "missing-article", "gone", "pangolin in an orphan"),
        ]
    )
    results = index.search("pangolin")
    assert len(results) == 1
    (note,) = results
    assert note.field == "note" and note.note_id == "n1" and note.article_id == seed.id
    assert [note.snippet[s:e] for s, e in note.highlights] == ["pangolin"]
    assert note.to_dict()["note_id"] == "n1"
    # Notes are replaced wholesale.
    index.index_notes([("n3", seed.id, "", "A different thought")])
    assert index.search("pangolin") == []
    assert index.note_count() == 1


@pytest.mark.parametrize(
    "query",
    [
        'AND OR NOT ( ) * : ^ "',
        "NEAR(",
        "NEAR(a b, 3)",
        '"',
        "*",
        "-",
        "title:foo body:bar",
        "a OR b",
        "^start",
        "col:* {a b}",
        "person:",
        'person:"',
        "-person:x",
        "\x00 \u200b \U0001f600",
        "a" * 5000,
    ],
)
def test_fts_hostile_queries_never_raise(index, query):
    index.update([article("Alpha", "Some text with a NEAR and OR not."), *fillers()])
    assert isinstance(index.search(query), list)


def test_empty_results_and_limits(index):
    index.update([article(f"T{i}", "common words here") for i in range(30)])
    assert index.search("") == []
    assert index.search("absent") == []
    assert len(index.search("common", limit=5)) == 5
    assert index.search("common", limit=0) == []


def test_concurrent_update_and_search(tmp_path):
    arts = [article(f"T{i}", f"Zebra number {i} crossed.") for i in range(600)]
    errors: list[BaseException] = []
    with SearchIndex(tmp_path / "s.sqlite") as idx:

        def build():
            try:
                idx.update(arts, entities=False)
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        worker = threading.Thread(target=build)
        worker.start()
        counts = []
        while worker.is_alive():
            counts.append(len(idx.search("zebra", limit=1000)))
        worker.join()
        assert not errors
        assert counts == sorted(counts)
        assert len(idx.search("zebra", limit=1000)) == 600


def test_unreadable_index_is_rebuilt(tmp_path):
    path = tmp_path / "search.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with SearchIndex(path) as idx:
        assert idx.notice and "rebuilding" in idx.notice
        idx.update([article("A", "kestrel")])
        assert titles(idx.search("kestrel")) == ["A"]
    assert list(tmp_path.glob("search.sqlite.corrupt-*"))


def test_other_schema_version_is_rebuilt(tmp_path):
    path = tmp_path / "search.sqlite"
    with SearchIndex(path) as idx:
        idx.update([article("A", "kestrel")])
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with SearchIndex(path) as idx:
        assert len(idx) == 0
        assert idx.update([article("A", "kestrel")]).added == 1


def test_two_indexes_on_one_file_update_at_once(tmp_path):
    """Like the app and ``limelight search`` running together."""
    arts = [article(f"T{i}", f"Otter number {i}.") for i in range(300)]
    first = SearchIndex(tmp_path / "s.sqlite")
    second = SearchIndex(tmp_path / "s.sqlite")
    errors: list[BaseException] = []

    def build(idx):
        try:
            idx.update(arts, entities=False)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=build, args=(idx,)) for idx in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(first) == 300
    assert len(second.search("otter", limit=500)) == 300
    first.close()
    second.close()


def test_notes_are_indexed_with_their_tags_and_survive_lone_surrogates(tmp_path):
    from reader.search.index import note_rows
    from reader.store.annotations import make_annotation

    body = "The harbour reopened after the storm."
    article = Article("Harbour", (Block("paragraph", body),), source="/lib/harbour.txt")
    tagged = make_annotation(article.id, body, 4, 11, note="check the date", tags=("shipping",))
    broken = make_annotation(article.id, body, 12, 20, note="bad \ud800 byte")
    with SearchIndex(tmp_path / "search.sqlite") as index:
        index.update([article])
        index.index_notes(note_rows([tagged, broken]))
        assert [r.article_id for r in index.search("#shipping")] == [article.id]
        assert [r.article_id for r in index.search("byte")] == [article.id]
