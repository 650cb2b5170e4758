"""Importers never raise and never let control characters through.

Hypothesis throws arbitrary bytes and hostile text at :func:`load_file` with
every suffix, and HTML-ish byte strings built from tags, controls, comments,
entities and charset declarations (:data:`HTML_CHUNKS`) at the HTML and
Markdown importers; ``tests/nasty/`` holds a fixed corpus of hand-made
horrors (regenerate it with ``python tests/nasty/generate.py``). A longer
run of the HTML-ish fuzzer, counting inputs and failures, is
``python benchmarks/fuzz_importers.py``.
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


# Pieces of hostile HTML: what lxml, trafilatura and the charset sniffing
# have tripped over (a control character next to a dropped <script>, "<!"
# read as a comment, a declared charset the bytes do not match, entities for
# controls and surrogates), glued together in any order.
_TAGS = [
    "<html>",
    "</html>",
    "<head>",
    "</head>",
    "<body>",
    "</body>",
    "<title>",
    "</title>",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<h1>",
    "</h1>",
    "<h2>",
    "<ul>",
    "</ul>",
    "<li>",
    "</li>",
    "<blockquote>",
    "</blockquote>",
    "<pre>",
    "</pre>",
    "<code>",
    "</code>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<nav>",
    "</nav>",
    "<header>",
    "</footer>",
    "<aside>",
    "<form>",
    "<svg>",
    "<template>",
    "<noscript>",
    "<br>",
    "<a href='x'>",
    "</a>",
    "<table><tr><td>",
    "<article>",
    "<main>",
    "<p",
    "<",
    ">",
    "</",
    "<meta name='description' content='A description'>",
    "<p class='a' id=b data-x=\"1\">",
]
# Elements the importer drops whole, closed: what follows them is merged into
# the text before them.
_DROPPED = [
    "<script>x()</script>",
    "<style>p{}</style>",
    "<nav>Home</nav>",
    "<header>Site</header>",
    "<aside>Ad</aside>",
    "<form><input></form>",
    "<noscript>n</noscript>",
    "<svg></svg>",
]
_CONTROLS = [chr(c) for c in (*range(0x20), 0x7F)] + ["\x1b[31m", "\x1b]2;t\x07"]
_COMMENTS = [
    "<!--",
    "-->",
    "<!",
    "<!</div>",
    "<!</p>",
    "<!-- c -->",
    "<!x>",
    "<!DOCTYPE html>",
    "<?xml version='1.0'?>",
    "<?xml version='1.0' encoding='gb2312'?>",
    "<?php x ?>",
    "<![CDATA[",
    "]]>",
    "<?",
]
_ENTITIES = [
    "&amp;",
    "&lt;",
    "&#0;",
    "&#12;",
    "&#x1b;",
    "&#xD800;",
    "&#1114112;",
    "&#65535;",
    "&nbsp;",
    "&#x85;",
    "&bogus;",
    "&#",
    "&#x;",
]
_CHARSETS = [
    f"<meta charset='{name}'>"
    for name in (
        "gb2312",
        "iso-8859-1",
        "shift_jis",
        "utf-16",
        "utf-8",
        "koi8-r",
        "bogus",
        "unicode_escape",
        "punycode",
        "rot13",
        "hex",
        "cp037",
        "utf-7",
        "undefined",
    )
] + ["<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>"]
_TEXTS = [
    "A real paragraph.",
    "B",
    " ",
    "\n",
    "\n\n",
    "中文的段落，真正的文字。",
    "café",
    "“Quoted”",
    "\\u0000",
    "\u2028",
    "\ufeff",
    "\ufffe",
]
_BYTES = [b"\xff", b"\xc3", b"\xe4\xb8", b"caf\xe9", b"\x80", b"\x9b", b"\xc2\x85", b"\xed\xa0\x80"]


def _encode(pieces) -> list[bytes]:
    return [piece.encode("utf-8", "surrogatepass") for piece in pieces]


# (weight, pieces): mostly tags and words, a few controls (too many and the
# file is rightly called binary), comments, entities and charsets.
HTML_GROUPS: list[tuple[int, list[bytes]]] = [
    (8, _encode(_TAGS)),
    (3, _encode(_DROPPED)),
    (6, _encode(_TEXTS)),
    (2, _encode(_CONTROLS)),
    (3, _encode(_COMMENTS)),
    (1, _encode(_ENTITIES)),
    (1, _encode(_CHARSETS)),
    (1, _BYTES),
]
HTML_CHUNKS: list[bytes] = [chunk for _, group in HTML_GROUPS for chunk in group]

HTML_ISH = st.lists(
    st.one_of(
        *(st.sampled_from(group) for weight, group in HTML_GROUPS for _ in range(weight)),
        st.binary(max_size=3),
    ),
    min_size=1,
    max_size=40,
).map(b"".join)


def random_html_ish(rng) -> bytes:
    """One page drawn like :data:`HTML_ISH`, from a :class:`random.Random`."""
    weights = [weight for weight, _ in HTML_GROUPS]
    parts = []
    for _ in range(rng.randint(1, 40)):
        if rng.random() < 1 / (sum(weights) + 1):
            parts.append(bytes(rng.randrange(256) for _ in range(rng.randint(0, 3))))
        else:
            (group,) = rng.choices([g for _, g in HTML_GROUPS], weights)
            parts.append(rng.choice(group))
    return b"".join(parts)


def check_readable(article: Article) -> None:
    """An importer bug shows as "could not read HTML (ValueError: ...)"."""
    check_article(article)
    assert not (article.error or "").startswith("could not read"), article.error


@pytest.mark.parametrize("suffix", [".html", ".md"])
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=HTML_ISH)
def test_html_ish_bytes_are_read(suffix, data):
    check_readable(load_bytes(data, suffix))


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
