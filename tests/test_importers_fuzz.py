"""Importers never raise and never let control characters through.

Hypothesis throws arbitrary bytes and hostile text at :func:`load_file` with
every suffix; ``tests/nasty/`` holds a fixed corpus of hand-made horrors
(regenerate it with ``python tests/nasty/generate.py``).
"""

from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.library.loader import load_file
from reader.library.model import BLOCK_KINDS, Article

NASTY = Path(__file__).parent / "nasty"
SUFFIXES = [".txt", ".md", ".markdown", ".html", ".htm", ".rst", ""]

# C0 controls other than newline, DEL, and C1 controls.
FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def check_article(article: Article) -> None:
    assert isinstance(article, Article)
    assert article.title, "every article, even a broken one, has a title to list"
    assert article.id
    for text in (article.title, article.dek):
        assert not FORBIDDEN.search(text), repr(text)
        assert "\n" not in text
    for block in article.blocks:
        assert block.kind in BLOCK_KINDS
        assert block.text.strip()
        assert not FORBIDDEN.search(block.text), repr(block.text)
        assert "\n\n" not in block.text
    if article.error is not None:
        assert article.blocks == ()
        assert "\n" not in article.error


def load_bytes(data: bytes, suffix: str) -> Article:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        return load_file(path)


@pytest.mark.parametrize("suffix", SUFFIXES)
@FUZZ
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(suffix, data):
    check_article(load_bytes(data, suffix))


HOSTILE = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(
            [
                "\x1b",
                "\x1b[",
                "\x1b]",
                "\x07",
                "\x9b",
                "\x00",
                "\r",
                "\n",
                "\n\n",
                "\t",
                "\u00a0",
                "\u2028",
                "\ufeff",
                "#",
                "> ",
                "- ",
                "<",
                ">",
                "<p>",
                "<script>",
                "[bold]",
                "[/]",
                "&#27;",
                "`",
                "*",
            ]
        ),
    ),
    max_size=200,
).map("".join)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
@FUZZ
@given(text=HOSTILE)
def test_hostile_text_never_raises(suffix, text):
    check_article(load_bytes(text.encode("utf-8", "surrogatepass"), suffix))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32", "latin-1"])
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_other_encodings_never_raise(encoding, text):
    check_article(load_bytes(text.encode(encoding, "replace"), ".txt"))


NASTY_FILES = sorted(p for p in NASTY.iterdir() if p.suffix != ".py" and p.is_file())


def test_nasty_corpus_is_there():
    assert len(NASTY_FILES) >= 20


@pytest.mark.parametrize("path", NASTY_FILES, ids=lambda p: p.name)
def test_nasty_file_loads_quickly(path):
    start = time.perf_counter()
    article = load_file(path)
    elapsed = time.perf_counter() - start
    check_article(article)
    # The first HTML file pays for importing trafilatura.
    assert elapsed < 3.0, f"{path.name} took {elapsed:.2f}s"
    for text in (article.title, article.dek, article.body):
        assert "\x1b" not in text
        assert "alert(" not in text


def test_nasty_expectations():
    def load(name: str) -> Article:
        return load_file(NASTY / name)

    assert load("random_bytes.txt").error == "binary file, not text"
    assert load("nul_bytes.txt").error == "binary file, not text"
    assert load("empty.md").error == "empty file"
    assert load("only_whitespace.txt").error == "empty file"
    assert load("utf16_no_bom.txt").title == "A title"
    assert load("truncated_utf8.txt").warnings == ("invalid UTF-8 replaced (1 byte)",)
    ansi = load("ansi.txt")
    assert ansi.title == "Red bold title"
    assert ansi.body.endswith("Lone escape \u241b")
    assert load("rich_markup.txt").title == "[bold red]Markup title[/]"
    assert "[/link]" in load("rich_markup.txt").body
    assert load("deep_divs.html").body == "Deep text."
    trap = load("script_iframe.html")
    assert trap.title == "Trap page"
    assert "Clickable paragraph with real words in it." in trap.body
    assert "iframe text" not in trap.body and "noscript" not in trap.body
    raw = load("raw_html.md")
    assert "Inside a div." in (raw.dek, *(b.text for b in raw.blocks))
    assert "Text with inline html and here." in raw.body
    assert load("latin1_meta.html").body == "“Quoted” café text in an old page."
    assert load("xml_decl.xhtml").body == "café text"
    assert load("emoji_cjk.md").title == "絵文字 🎉 タイトル"
    assert "שָׁלוֹם" in load("rtl_combining.txt").dek
