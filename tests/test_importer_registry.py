"""The importer registry (reader.library.importers) and the loader reading through it."""

from __future__ import annotations

import codecs
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from reader.library import catalogue, importers, loader
from reader.library.catalogue import iter_sources, scan
from reader.library.importers import SUPPORTED_SUFFIXES, Importer
from reader.library.loader import format_of, load_file, load_text, parse_text
from reader.library.model import PARAGRAPH, Article, Block
from reader.library.sources import missing_source_reason

BUILTIN_SUFFIXES = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".mdown": "md",
    ".mkd": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".epub": "epub",
    ".limelight": "web",
}

# Bytes the text loader refuses ("binary file, not text"): NULs, controls and
# invalid UTF-8 in one short header.
TOY_BYTES = b"TOY\x00\x01\x02\xff\xfe\x00\x00\x07\x08" + "Hello from a toy".encode("utf-16-le")


@pytest.fixture(autouse=True)
def registry_left_as_found():
    """Every test leaves the registry as it found it (the built-ins)."""
    before = importers.importers()
    yield
    after = importers.importers()
    for importer in after:
        if importer not in before:
            importers.unregister(importer.format)
    assert after == before, "a test left an importer registered"


@contextmanager
def registered(importer: Importer):
    importers.register(importer)
    try:
        yield importer
    finally:
        importers.unregister(importer.format)


class Recorder:
    """A parse function that remembers how it was called."""

    def __init__(self, fmt: str, result=None) -> None:
        self.fmt = fmt
        self.calls: list[tuple[object, dict]] = []
        self.result = result

    def __call__(self, payload, **kwargs) -> Article:
        self.calls.append((payload, kwargs))
        if isinstance(self.result, Exception):
            raise self.result
        if self.result is not None:
            return self.result
        text = payload.hex() if isinstance(payload, bytes) else payload
        return Article(
            title=f"{self.fmt} article",
            blocks=(Block(PARAGRAPH, text),),
            source=kwargs["source"],
            format=self.fmt,
            warnings=kwargs["warnings"],
        )


def names(articles) -> list[str]:
    return [Path(article.source).name for article in articles]


# --- the built-ins -------------------------------------------------------------


def test_builtin_suffixes_are_as_before():
    assert set(SUPPORTED_SUFFIXES) == set(BUILTIN_SUFFIXES)
    assert SUPPORTED_SUFFIXES == frozenset(BUILTIN_SUFFIXES)
    assert loader.SUPPORTED_SUFFIXES is SUPPORTED_SUFFIXES
    assert catalogue.SUPPORTED_SUFFIXES is SUPPORTED_SUFFIXES
    for suffix, fmt in BUILTIN_SUFFIXES.items():
        assert format_of(f"a/b{suffix}") == fmt
        assert format_of(f"B{suffix.upper()}") == fmt
    assert format_of("x.weird") == "txt"
    assert format_of("no-suffix") == "txt"
    assert [importer.format for importer in importers.importers()] == [
        "txt",
        "md",
        "html",
        "epub",
        "web",
    ]
    assert [i.format for i in importers.importers() if i.binary] == ["epub", "web"]
    assert [i.format for i in importers.importers() if i.declared_charset] == ["html"]


def test_builtin_parsers_are_imported_only_when_used(tmp_path):
    (tmp_path / "a.md").write_text("# Title\n\nSome words here.\n", encoding="utf-8")
    script = (
        "import sys, reader.library.loader as loader\n"
        "heavy = ('markdown_it', 'trafilatura', 'lxml', 'reader.library.plaintext',"
        " 'reader.library.markdown', 'reader.library.html', 'reader.library.sanitize')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        f"article = loader.load_file({str(tmp_path / 'a.md')!r})\n"
        "assert article.ok and article.format == 'md', article\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    before, after = done.stdout.splitlines()
    assert before == "[]"
    assert "'reader.library.markdown'" in after
    assert "'reader.library.html'" not in after and "'trafilatura'" not in after


def test_html_still_reads_its_declared_charset(tmp_path):
    page = b'<html><head><meta charset="windows-1252"><title>Caf\xe9</title></head>'
    page += b"<body><p>Un caf\xe9 cr\xe8me, s'il vous pla\xeet, et vite.</p></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(page)
    article = load_file(path)
    assert article.ok, article.error
    assert "café crème" in article.body
    assert not article.warnings


# --- a binary importer ---------------------------------------------------------


def test_a_binary_importer_gets_the_raw_bytes_and_a_folder_scan_finds_its_files(tmp_path):
    (tmp_path / "a.toy").write_bytes(TOY_BYTES)
    (tmp_path / "b.txt").write_text("Plain title\n\nPlain body text here.\n", encoding="utf-8")

    # Unregistered, the folder scan skips the file and, named, it is binary.
    assert names(scan([tmp_path])) == ["b.txt"]
    refused = load_file(tmp_path / "a.toy")
    assert refused.error == "binary file, not text"
    assert refused.format == "txt"
    assert missing_source_reason("/gone/a.toy").startswith("this library folder")

    parse = Recorder("toy")
    with registered(Importer("toy", (".toy",), parse, binary=True)):
        assert ".toy" in SUPPORTED_SUFFIXES and ".TOY".lower() in SUPPORTED_SUFFIXES
        assert format_of("x/A.TOY") == "toy"
        assert missing_source_reason("/gone/a.toy").startswith("this library file")
        articles = scan([tmp_path])
        assert names(articles) == ["a.toy", "b.txt"]
        toy = articles[0]
        assert toy.ok, toy.error
        assert toy.format == "toy"
        assert toy.title == "toy article"
        assert toy.body == TOY_BYTES.hex()
        [(payload, kwargs)] = parse.calls
        assert type(payload) is bytes and payload == TOY_BYTES
        assert kwargs == {
            "source": str(tmp_path / "a.toy"),
            "warnings": (),
            "fallback_title": "a",
        }
        assert load_file(tmp_path / "a.toy").body == TOY_BYTES.hex()

    assert ".toy" not in SUPPORTED_SUFFIXES
    assert names(scan([tmp_path])) == ["b.txt"]
    assert load_file(tmp_path / "a.toy").error == "binary file, not text"


def test_a_binary_importer_gets_the_loaders_checks_first(tmp_path, monkeypatch):
    parse = Recorder("toy")
    with registered(Importer("toy", (".toy",), parse, binary=True)):
        (tmp_path / "empty.toy").write_bytes(b"")
        assert load_file(tmp_path / "empty.toy").error == "empty file"
        missing = load_file(tmp_path / "missing.toy")
        assert missing.error == "file not found" and missing.format == "toy"
        (tmp_path / "folder.toy").mkdir()
        assert load_file(tmp_path / "folder.toy").error == "is a folder, not a file"
        (tmp_path / "big.toy").write_bytes(TOY_BYTES)
        monkeypatch.setattr(loader, "MAX_BYTES", 16)
        big = load_file(tmp_path / "big.toy")
        assert big.error is not None and big.error.startswith("file too large")
        assert parse.calls == []
        monkeypatch.undo()
        assert load_file(tmp_path / "big.toy").ok


def test_a_failing_binary_importer_gives_a_broken_entry(tmp_path):
    (tmp_path / "a.toy").write_bytes(TOY_BYTES)
    with registered(
        Importer("toy", (".toy",), Recorder("toy", ValueError("bad magic")), binary=True)
    ):
        article = load_file(tmp_path / "a.toy")
    assert article.error == "could not read TOY (ValueError: bad magic)"
    assert article.format == "toy"
    empty = Article(title="t", blocks=())
    with registered(Importer("toy", (".toy",), Recorder("toy", empty), binary=True)):
        assert load_file(tmp_path / "a.toy").error == "no readable text"


def test_text_cannot_be_parsed_by_a_binary_importer():
    with registered(Importer("toy", (".toy",), Recorder("toy"), binary=True)):
        with pytest.raises(ValueError, match="bytes"):
            parse_text("some text", fmt="toy")
        article = load_text("some text", fmt="toy")
    assert article.error == "could not read text (ValueError)"


# --- a text importer -----------------------------------------------------------


def test_a_text_importer_gets_text_decoded_by_the_loaders_rules(tmp_path):
    parse = Recorder("note")
    (tmp_path / "bom.note").write_bytes(
        codecs.BOM_UTF16_LE + "Título\n\nCuerpo".encode("utf-16-le")
    )
    (tmp_path / "bad.note").write_bytes(b"Un caf\xe9 au lait, merci beaucoup.\n")
    (tmp_path / "bin.note").write_bytes(TOY_BYTES)
    (tmp_path / "blank.note").write_bytes(b"\xef\xbb\xbf\n")
    with registered(Importer("note", (".note", ".NOTES"), parse)):
        assert importers.for_suffix(".notes").format == "note"
        found = [path for path, problem in iter_sources([tmp_path]) if problem is None]
        assert [Path(path).name for path in found] == [
            "bad.note",
            "bin.note",
            "blank.note",
            "bom.note",
        ]

        bom = load_file(tmp_path / "bom.note")
        assert bom.ok and bom.format == "note"
        assert parse.calls[-1][0] == "Título\n\nCuerpo"  # decoded, BOM gone

        bad = load_file(tmp_path / "bad.note")
        assert parse.calls[-1][0] == "Un caf\ufffd au lait, merci beaucoup.\n"
        assert bad.warnings == ("invalid UTF-8 replaced (1 byte)",)
        assert parse.calls[-1][1]["warnings"] == ("invalid UTF-8 replaced (1 byte)",)

        calls = len(parse.calls)
        assert load_file(tmp_path / "bin.note").error == "binary file, not text"
        assert load_file(tmp_path / "blank.note").error == "empty file"
        assert len(parse.calls) == calls

        assert parse_text("Hello there", source="x/y.note", fmt="note").format == "note"
        assert parse.calls[-1] == (
            "Hello there",
            {"source": "x/y.note", "warnings": (), "fallback_title": "y"},
        )
        assert load_text("Hello again", fmt="note").title == "note article"


def test_declared_charset_is_read_only_for_importers_that_ask(tmp_path):
    data = b'<?xml version="1.0" encoding="iso-8859-1"?>\ncaf\xe9 cr\xe8me\n'
    (tmp_path / "a.feed").write_bytes(data)
    (tmp_path / "a.plain").write_bytes(data)
    feed, plain = Recorder("feed"), Recorder("plain")
    with (
        registered(Importer("feed", (".feed",), feed, declared_charset=True)),
        registered(Importer("plain", (".plain",), plain)),
    ):
        assert load_file(tmp_path / "a.feed").warnings == ()
        assert load_file(tmp_path / "a.plain").warnings == ("invalid UTF-8 replaced (2 bytes)",)
    assert feed.calls[0][0].endswith("café crème\n")
    assert plain.calls[0][0].endswith("caf\ufffd cr\ufffdme\n")


def test_a_parse_function_named_by_reference_is_imported_on_first_use(tmp_path, monkeypatch):
    module = tmp_path / "lazy_toy_importer.py"
    module.write_text(
        "from reader.library.model import Article, Block\n"
        "def parse(data, *, source, warnings, fallback_title):\n"
        "    return Article(title=fallback_title, blocks=(Block('paragraph', str(len(data))),),"
        " source=source, format='lazy')\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "lazy_toy_importer", raising=False)
    (tmp_path / "z.lazy").write_bytes(TOY_BYTES)
    with registered(Importer("lazy", (".lazy",), "lazy_toy_importer:parse", binary=True)):
        assert "lazy_toy_importer" not in sys.modules
        article = load_file(tmp_path / "z.lazy")
        assert "lazy_toy_importer" in sys.modules
    assert article.ok and article.title == "z" and article.body == str(len(TOY_BYTES))


# --- files with no importer ------------------------------------------------------


def test_an_unknown_suffix_named_explicitly_is_read_as_plain_text(tmp_path):
    path = tmp_path / "notes.weird"
    path.write_text("A weird title\n\nThe body of the weird file.\n", encoding="utf-8")
    assert ".weird" not in SUPPORTED_SUFFIXES
    assert scan([tmp_path]) == []
    [article] = scan([path])
    assert article.ok, article.error
    assert article.format == "txt"
    assert article.title == "A weird title"
    assert article.body == "The body of the weird file."
    assert parse_text("Title line\n\nBody line.", fmt="no-such-format").format == "txt"
    (tmp_path / "blob.weird").write_bytes(TOY_BYTES)
    assert load_file(tmp_path / "blob.weird").error == "binary file, not text"


# --- registering ---------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".md", ".MD", ".Html", ".txt"])
def test_a_suffix_already_claimed_cannot_be_registered(suffix):
    claimed = BUILTIN_SUFFIXES[suffix.lower()]
    with pytest.raises(ValueError, match=f"already read by the '{claimed}' importer"):
        importers.register(Importer("other", (".fresh", suffix), Recorder("other")))
    # Nothing of the refused importer was registered.
    assert importers.for_format("other") is None
    assert ".fresh" not in SUPPORTED_SUFFIXES
    assert format_of(f"x{suffix}") == claimed


def test_a_suffix_cannot_be_claimed_by_two_new_importers():
    with registered(Importer("one", (".dup",), Recorder("one"))):
        with pytest.raises(ValueError, match="already read"):
            importers.register(Importer("two", (".DUP",), Recorder("two"), binary=True))
        assert format_of("a.dup") == "one"
    assert format_of("a.dup") == "txt"


def test_a_format_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="format 'md' is already registered"):
        importers.register(Importer("md", (".fresh",), Recorder("md")))
    assert ".fresh" not in SUPPORTED_SUFFIXES


@pytest.mark.parametrize("suffix", ["md", ".", "", ".tar.gz", ". x", "./x"])
def test_a_bad_suffix_is_refused(suffix):
    with pytest.raises(ValueError, match="bad suffix"):
        Importer("odd", (suffix,), Recorder("odd"))


def test_bad_importers_are_refused():
    with pytest.raises(ValueError, match="bad format"):
        Importer("", (".x",), Recorder("x"))
    with pytest.raises(ValueError, match="bad format"):
        Importer("EPUB", (".x",), Recorder("x"))
    with pytest.raises(TypeError):
        Importer("x", ".x", Recorder("x"))  # one string, not a sequence
    with pytest.raises(TypeError):
        Importer("x", (".x",), 42)
    with pytest.raises(ValueError, match="module:function"):
        Importer("x", (".x",), "no_function_named")
    with pytest.raises(ValueError, match="charset"):
        Importer("x", (".x",), Recorder("x"), binary=True, declared_charset=True)
    with pytest.raises(TypeError):
        importers.register("txt")


def test_unregistering():
    with pytest.raises(ValueError, match="cannot be removed"):
        importers.unregister("txt")
    with pytest.raises(KeyError):
        importers.unregister("no-such-format")
    importer = importers.register(Importer("gone", (".gone",), Recorder("gone")))
    assert importers.unregister("gone") is importer
    assert ".gone" not in SUPPORTED_SUFFIXES and importers.for_format("gone") is None


def test_the_suffix_set_is_a_read_only_live_view():
    assert not hasattr(SUPPORTED_SUFFIXES, "add")
    assert SUPPORTED_SUFFIXES | {".x"} == frozenset(BUILTIN_SUFFIXES) | {".x"}
    assert {".txt", ".md", ".markdown", ".html", ".htm"} <= SUPPORTED_SUFFIXES
    with registered(Importer("live", (".live",), Recorder("live"))):
        assert len(SUPPORTED_SUFFIXES) == len(BUILTIN_SUFFIXES) + 1
        assert ".live" in set(SUPPORTED_SUFFIXES)
    assert len(SUPPORTED_SUFFIXES) == len(BUILTIN_SUFFIXES)
