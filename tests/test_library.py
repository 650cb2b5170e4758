"""Importers, loader and catalogue (reader.library)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.library import html as html_importer
from reader.library import loader
from reader.library.catalogue import SUPPORTED_SUFFIXES, Catalogue, iter_sources, scan
from reader.library.loader import load_file, load_text
from reader.library.model import CAPTION, HEADING, ITEM, PARAGRAPH, QUOTE
from reader.library.sanitize import clean_code, clean_inline

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_2ba0c848949374cf.txt"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def all_text(article) -> list[str]:
    return [article.title, article.dek, *(block.text for block in article.blocks)]


def kinds(article, kind: str) -> list[str]:
    return [block.text for block in article.blocks if block.kind == kind]


# --- the seed article ---------------------------------------------------------------


@pytest.fixture(scope="module")
def seed():
    return load_file(SEED)


def test_seed_title_and_dek(seed):
    assert seed.ok and seed.format == "txt"
    assert seed.title == "China strengthens its ties with Russia amid the West’s sanctions"
    assert seed.dek.startswith("Chinese Premier Li Qiang's Russia visit")
    assert seed.warnings == ()


def test_seed_headings(seed):
    assert kinds(seed, HEADING) == [
        "A crucial visit in challenging times",
        "Diplomatic significance of Li’s Russia visit",
        "Cooperation amid hostilities",
        "The strategic context",
    ]


def test_seed_caption_and_first_paragraph(seed):
    assert seed.blocks[0] == seed.blocks[0].__class__(CAPTION, "Chinese Premier")
    assert seed.blocks[1].kind == PARAGRAPH
    assert seed.blocks[1].text.startswith("Amid the US-led collective West’s")


def test_seed_furniture_dropped_and_text_clean(seed):
    for text in all_text(seed):
        assert text == text.strip()
        assert "  " not in text
        assert "\u00a0" not in text
    lines = [block.text.casefold() for block in seed.blocks]
    for furniture in ("close", "leave a comment", "scroll to top"):
        assert furniture not in lines
        assert furniture != seed.title.casefold()
    assert not any("scroll to top" in text.casefold() for text in all_text(seed))
    assert not any("leave a comment" in text.casefold() for text in all_text(seed))
    assert seed.blocks[-1].text.startswith("This visit, he affirmed")


def test_seed_quote_paragraph_intact(seed):
    quoted = [b for b in seed.blocks if b.text.startswith("“Due to western economic sanctions")]
    assert len(quoted) == 1
    text = quoted[0].text
    assert "interference in many areas of bilateral trade,” Mr Liu was quoted" in text
    assert "fundamental issues in the future.”Despite these challenges" in text
    assert text.endswith("President Xi Jinping and President Vladimir Putin.")


def test_seed_reading_time(seed):
    assert seed.words > 1000
    assert seed.minutes >= 4


# --- plain text ----------------------------------------------------------------------


def test_plain_blank_line_paragraphs(tmp_path):
    article = load_file(
        write(
            tmp_path,
            "a.txt",
            "My title\n\nA short standfirst that sets the scene for the piece.\n\n"
            "First paragraph of the body, which is long enough to be a paragraph.\n\n"
            "A section heading\n\n"
            "Second paragraph of the body. It ends with a full stop.\n",
        )
    )
    assert article.title == "My title"
    assert article.dek == "A short standfirst that sets the scene for the piece."
    assert [(b.kind, b.text) for b in article.blocks] == [
        (PARAGRAPH, "First paragraph of the body, which is long enough to be a paragraph."),
        (HEADING, "A section heading"),
        (PARAGRAPH, "Second paragraph of the body. It ends with a full stop."),
    ]


def test_plain_hard_wrapped_paragraphs_are_joined(tmp_path):
    text = (
        "Wrapped\n\n"
        "This is a hard wrapped paragraph that goes on and on\n"
        "across several lines because someone wrapped it at\n"
        "seventy characters, as in the old days of e-mail, and so\n"
        "it must be joined back into one paragraph for reading.\n\n"
        "A second paragraph that is also wrapped over\n"
        "two lines of text.\n\n"
        "A third one, on its own line, which is long enough to be body text here.\n"
    )
    article = load_file(write(tmp_path, "w.txt", text))
    paragraphs = [article.dek, *kinds(article, PARAGRAPH)]
    assert paragraphs[0].startswith("This is a hard wrapped paragraph that goes on and on across")
    assert paragraphs[0].endswith("joined back into one paragraph for reading.")
    assert "A second paragraph that is also wrapped over two lines of text." in paragraphs
    assert all("\n" not in p for p in paragraphs)


def test_plain_one_paragraph_per_line_without_blank_lines(tmp_path):
    body = [
        "The first paragraph is a long line that ends with a full stop, as prose does in files.",
        "The second paragraph is another long line; it too is complete and ends properly here.",
        "Results so far",
        "The third paragraph follows a heading and talks about results at some length, too.",
    ]
    article = load_file(write(tmp_path, "lines.txt", "Line title\n" + "\n".join(body) + "\n"))
    assert article.title == "Line title"
    assert article.dek == body[0]  # a short paragraph straight after the title
    assert [b.text for b in article.blocks] == body[1:]
    assert kinds(article, HEADING) == ["Results so far"]
    assert len(kinds(article, PARAGRAPH)) == 2


def test_plain_markdownish_title_lists_and_quotes(tmp_path):
    text = (
        "# Hash title\n\n"
        "An opening paragraph that is long enough to be a body paragraph of text.\n\n"
        "- first item\n- second item\n\n"
        "> A quoted line\n> that continues.\n\n"
        "Closing paragraph, which ends here.\n"
    )
    article = load_file(write(tmp_path, "h.txt", text))
    assert article.title == "Hash title"
    assert kinds(article, ITEM) == ["first item", "second item"]
    assert kinds(article, QUOTE) == ["A quoted line that continues."]


def test_plain_furniture_only_at_the_edges(tmp_path):
    text = (
        "Skip to content\nSUBSCRIBE\n\nReal title\n\n"
        "A paragraph that mentions things, and is a paragraph.\n\n"
        "Share\n\n"
        "Another paragraph, long enough to count as body text.\n\n"
        "Related\nRead more\nAdvertisement\nComments\nSign up\n"
    )
    article = load_file(write(tmp_path, "f.txt", text))
    assert article.title == "Real title"
    texts = [block.text for block in article.blocks] + [article.dek]
    assert "Share" in texts  # in the middle: kept
    for word in ("Related", "Read more", "Advertisement", "Comments", "Sign up", "SUBSCRIBE"):
        assert word not in texts


def test_plain_single_line_file(tmp_path):
    article = load_file(write(tmp_path, "note.txt", "Just one line of text.\n"))
    assert article.ok
    assert article.title == "note"
    assert article.body == "Just one line of text."


# --- markdown --------------------------------------------------------------------------


MARKDOWN = """# The title

A *short* standfirst with a [link](http://example.com).

Body with **strong** text, `code`, an ![alt words](pic.png) image and <b>raw</b> html.

## A section

> A quotation
> over two lines.

- top item
  - nested item
- another item

1. numbered

```python
def f():
    return 1
```

<div onclick="x()"><script>alert(1)</script><p>Raw HTML block text.</p></div>
"""


def test_markdown_structure(tmp_path):
    article = load_file(write(tmp_path, "doc.md", MARKDOWN))
    assert article.ok and article.format == "md"
    assert article.title == "The title"
    assert article.dek == "A short standfirst with a link."
    assert article.blocks[0].text == "Body with strong text, code, an alt words image and raw html."
    assert (HEADING, "A section", 2) in [(b.kind, b.text, b.level) for b in article.blocks]
    assert kinds(article, QUOTE) == ["A quotation over two lines."]
    items = [(b.text, b.level) for b in article.blocks if b.kind == ITEM]
    assert items == [("top item", 1), ("nested item", 2), ("another item", 1), ("numbered", 1)]
    assert "def f():\n    return 1" in kinds(article, PARAGRAPH)
    assert "Raw HTML block text." in kinds(article, PARAGRAPH)
    assert not any("alert" in text or "<" in text for text in all_text(article))


def test_markdown_front_matter(tmp_path):
    text = '---\ntitle: "Front title"\ndescription: The dek from front matter.\n---\n\nBody text.\n'
    article = load_file(write(tmp_path, "fm.markdown", text))
    assert article.title == "Front title"
    assert article.dek == "The dek from front matter."
    assert article.body == "Body text."


def test_markdown_without_heading_uses_first_line(tmp_path):
    article = load_file(write(tmp_path, "n.md", "First line here\nsecond line\n\nMore text.\n"))
    assert article.title == "First line here"
    assert article.body == "second line\n\nMore text."


# --- HTML -----------------------------------------------------------------------------------


PAGE = """<!doctype html><html><head><title>Story title | The Site</title>
<meta name="description" content="What the story is about, in brief.">
<style>p { color: red }</style><script>var tracking = "SCRIPT-TEXT";</script></head>
<body><nav><a href="/">Home NAV-TEXT</a> <a href="/news">News</a></nav>
<header>HEADER-TEXT banner</header>
<article><h1>Story title</h1>
<p>The opening paragraph of the story has plenty of words to be article text, really.</p>
<h2>A subheading</h2>
<p>Another paragraph, with <em>emphasis</em> and <a href="#">a link</a>, long enough too.</p>
<blockquote><p>Somebody said something worth quoting at length here.</p></blockquote>
<ul><li>List item one</li><li>List item two</li></ul>
<p>The last paragraph wraps up the story with a few final words of text.</p>
</article>
<aside>ASIDE-TEXT related links</aside>
<footer>FOOTER-TEXT copyright</footer><script>alert("SCRIPT2")</script></body></html>
"""


def _check_page(article):
    assert article.ok and article.format == "html"
    assert article.title == "Story title"
    assert article.dek == "What the story is about, in brief."
    body = article.body
    assert "The opening paragraph of the story" in body
    assert "The last paragraph wraps up the story" in body
    assert "A subheading" in kinds(article, HEADING)
    assert any("Somebody said something" in text for text in kinds(article, QUOTE))
    for junk in ("NAV-TEXT", "HEADER-TEXT", "FOOTER-TEXT", "SCRIPT", "color: red", "ASIDE-TEXT"):
        assert junk not in body
        assert junk not in article.dek and junk not in article.title


def test_html_article_only(tmp_path):
    _check_page(load_file(write(tmp_path, "page.html", PAGE)))


def test_html_fallback_without_trafilatura(tmp_path, monkeypatch):
    monkeypatch.setattr(html_importer, "_trafilatura", lambda: None)
    article = load_file(write(tmp_path, "page.htm", PAGE))
    _check_page(article)
    assert kinds(article, ITEM) == ["List item one", "List item two"]


def test_html_tiny_page(tmp_path):
    article = load_file(write(tmp_path, "tiny.html", "<p>Hello <b>there</b>.</p>"))
    assert article.ok
    assert article.body == "Hello there."


def test_html_deeply_nested(tmp_path):
    markup = "<html><body>" + "<div>" * 5000 + "<p>Deep text.</p>" + "</div>" * 5000
    article = load_file(write(tmp_path, "deep.html", markup))
    assert article.ok
    assert "Deep text." in article.body


def test_html_declared_legacy_charset(tmp_path):
    data = b'<html><head><meta charset="windows-1252"></head><body><p>caf\xe9 \x93q\x94</p></body>'
    article = load_file(write(tmp_path, "old.html", data))
    assert article.body == "café “q”"
    assert article.warnings == ()


# --- bad files ---------------------------------------------------------------------------------


def test_empty_file(tmp_path):
    for name, data in (("e.txt", b""), ("w.md", b"  \n\t\n"), ("b.html", b"\xef\xbb\xbf")):
        article = load_file(write(tmp_path, name, data))
        assert not article.ok
        assert article.error == "empty file"
        assert article.title == name
        assert article.blocks == ()


def test_binary_file(tmp_path):
    nul = load_file(write(tmp_path, "nul.txt", b"text\x00\x01\x02\x03 more" * 20))
    assert nul.error == "binary file, not text"
    png = load_file(write(tmp_path, "img.md", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8))
    assert png.error == "binary file, not text"
    noise = load_file(write(tmp_path, "noise.html", os.urandom(5000)))
    assert noise.error == "binary file, not text"


def test_missing_and_directory(tmp_path):
    assert load_file(tmp_path / "nope.txt").error == "file not found"
    (tmp_path / "folder.txt").mkdir()
    assert load_file(tmp_path / "folder.txt").error == "is a folder, not a file"


def test_broken_symlink(tmp_path):
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "missing-target.txt")
    assert load_file(link).error == "broken symbolic link"


@pytest.mark.skipif(IS_ROOT, reason="root can read a file with no permissions")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, "secret.txt", "Title\n\nBody.\n")
    path.chmod(0)
    try:
        assert load_file(path).error == "permission denied"
    finally:
        path.chmod(0o644)


def test_fifo_is_not_read(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert load_file(fifo).error == "not a regular file"


def test_oversized_file(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "MAX_BYTES", 100)
    article = load_file(write(tmp_path, "big.txt", "x" * 2048))
    assert article.error == "file too large (2 KB, limit 100 bytes)"


def test_oversized_message_in_megabytes(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(31 * 1024 * 1024)  # sparse: nothing is written
    assert load_file(path).error == "file too large (31 MB, limit 25 MB)"


def test_broken_article_has_stable_distinct_ids(tmp_path):
    a = load_file(write(tmp_path, "a.txt", b""))
    b = load_file(write(tmp_path, "b.txt", b""))
    assert a.id != b.id
    assert load_file(tmp_path / "a.txt").id == a.id


# --- decoding ----------------------------------------------------------------------------


def test_invalid_utf8_is_replaced_with_warning(tmp_path):
    data = b"Title\n\nCaf" + b"\xe9 and \xff\xfe more text here.\n"
    article = load_file(write(tmp_path, "bad.txt", data))
    assert article.ok
    assert article.warnings == ("invalid UTF-8 replaced (3 bytes)",)
    assert article.body == "Caf\ufffd and \ufffd\ufffd more text here."


def test_utf8_bom_is_stripped(tmp_path):
    article = load_file(write(tmp_path, "bom.txt", b"\xef\xbb\xbfBOM title\n\nBody.\n"))
    assert article.title == "BOM title"
    assert article.warnings == ()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16(tmp_path, encoding):
    text = "Ünïcode title\n\nBody text: “quoted” — 東京.\n"
    data = text.encode(encoding)
    if encoding != "utf-16":  # explicit BOMs for the BOM-less codecs too
        bom = b"\xff\xfe" if encoding.endswith("le") else b"\xfe\xff"
        data = bom + data
    article = load_file(write(tmp_path, "u16.txt", data))
    assert article.title == "Ünïcode title"
    assert article.body == "Body text: “quoted” — 東京."
    assert article.warnings == ()


def test_utf16_without_bom(tmp_path):
    data = "A title\n\nBody text in UTF-16 without a BOM.\n".encode("utf-16-le")
    article = load_file(write(tmp_path, "nobom.txt", data))
    assert article.title == "A title"
    assert article.body == "Body text in UTF-16 without a BOM."


def test_crlf_and_cr_newlines(tmp_path):
    article = load_file(write(tmp_path, "crlf.txt", b"Title\r\n\r\nOne line.\r\n\r\nTwo.\r"))
    assert (article.title, article.dek, article.body) == ("Title", "One line.", "Two.")
    lone_cr = load_file(write(tmp_path, "cr.txt", b"Old Mac title\r\rFirst one.\rSecond.\r"))
    assert lone_cr.title == "Old Mac title"
    assert "Second." in lone_cr.body


# --- sanitising --------------------------------------------------------------------------


def test_a_line_is_kept_as_it_is_exactly_when_cleaning_would_not_change_it():
    """The quick check a scan makes before cleaning a line (printable text
    skips the pattern) answers as cleaning does, for every character."""
    from reader.library.sanitize import _is_clean_inline

    for code in range(0x3100):  # every control, space, break and format character
        character = chr(code)
        for text in (character, f"a{character}b", f"a {character}"):
            assert _is_clean_inline(text) == (clean_inline(text) == text), repr(text)
    for code in (0xD800, 0xDFFF, 0xE000, 0xFEFF, 0xFFFE, 0xFFFF, 0x1F600, 0xE0001, 0x10FFFF):
        text = f"a{chr(code)}b"
        assert _is_clean_inline(text) == (clean_inline(text) == text), repr(text)
    assert not _is_clean_inline("two  spaces") and not _is_clean_inline(" edge")


def test_clean_inline_controls_and_escapes():
    assert clean_inline("\x1b[31;1mred\x1b[0m") == "red"
    assert clean_inline("a\x1b]0;window title\x07b") == "ab"
    assert clean_inline("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b") == "alinkb"
    assert clean_inline("bell\x07 and \x1bP1|dcs\x1b\\ done") == "bell and done"
    assert clean_inline("lone \x1b") == "lone \u241b"
    assert clean_inline("c1\x9b31m and \x85 nel \x00 nul\x7f") == "c131m and nel nul"
    assert clean_inline("tab\there\u00a0nbsp\u202fnarrow\u2007figure  two   ") == (
        "tab here nbsp narrow figure two"
    )
    assert clean_inline("zero\u200bwidth") == "zero\u200bwidth"
    assert clean_inline("[bold red]x[/] [link=http://e]y[/link]") == (
        "[bold red]x[/] [link=http://e]y[/link]"
    )


def test_clean_code_keeps_indentation():
    assert clean_code("\tif x:  \n\n\n        y()\x1b[2J\n") == "    if x:\n        y()"


def test_escape_sequences_removed_and_markup_kept(tmp_path):
    data = (
        b"\x1b[31mRed title\x1b[0m\n\n"
        b"[bold red]Rich markup[/] stays \x1b]0;evil\x07literal\x07 \x1b[2J\t tabbed\xc2\xa0here  \n"
    )
    article = load_file(write(tmp_path, "ansi.txt", data))
    assert article.title == "Red title"
    assert article.body == "[bold red]Rich markup[/] stays literal tabbed here"


def test_markup_literal_in_markdown_and_html(tmp_path):
    md = load_file(write(tmp_path, "m.md", "# [b]T[/b]\n\n[red]x[/red] text.\n\nMore.\n"))
    assert md.title == "[b]T[/b]"
    assert md.dek == "[red]x[/red] text."
    page = load_file(write(tmp_path, "m.html", "<h1>T</h1><p>[red]x[/red] &#27;[31mok</p>"))
    assert page.body == "[red]x[/red] ok"


# --- ids ---------------------------------------------------------------------------------


def test_same_content_same_id(tmp_path):
    a = load_file(write(tmp_path, "one/a.txt", "Same\n\nSame body text.\n"))
    b = load_file(write(tmp_path, "two/renamed.txt", "Same\n\nSame body text.\n"))
    c = load_file(write(tmp_path, "c.txt", "Same\n\nDifferent body text.\n"))
    assert a.id == b.id
    assert a.id != c.id
    assert a.source != b.source


def test_load_text_matches_load_file(tmp_path):
    text = "Title\n\nBody text here.\n"
    assert load_text(text, "x.txt").id == load_file(write(tmp_path, "x.txt", text)).id


# --- catalogue ------------------------------------------------------------------------------


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    write(root, "b.txt", "B title\n\nB body text.\n")
    write(root, "A.md", "# A title\n\nA body text.\n")
    write(root, "sub/c.html", "<h1>C title</h1><p>C body text.</p>")
    write(root, "sub/deeper/d.markdown", "# D title\n\nD body.\n")
    write(root, "notes.pdf", b"%PDF-1.4 not supported")
    write(root, "script.py", "print('not an article')\n")
    write(root, ".hidden.txt", "Hidden\n\nSkipped.\n")
    write(root, ".git/HEAD.txt", "Hidden folder\n\nSkipped.\n")
    return root


def test_scan_folder_recursively(tmp_path):
    root = _tree(tmp_path)
    articles = scan([root])
    assert [a.title for a in articles] == ["A title", "B title", "C title", "D title"]
    assert all(a.ok for a in articles)
    assert [Path(a.source).name for a in articles] == ["A.md", "b.txt", "c.html", "d.markdown"]


def test_scan_explicit_files_any_suffix_and_duplicates(tmp_path):
    root = _tree(tmp_path)
    script = root / "script.py"
    articles = scan([script, root / "b.txt", str(root / "b.txt"), root / "sub" / ".." / "b.txt"])
    assert len(articles) == 2
    assert articles[0].title == "script"
    assert articles[0].body == "print('not an article')"
    assert articles[0].format == "txt"
    assert articles[1].title == "B title"


def test_scan_missing_path_is_a_broken_entry(tmp_path):
    articles = scan([tmp_path / "gone", tmp_path / "gone.md"])
    assert [a.error for a in articles] == ["file not found", "file not found"]
    assert articles[1].format == "md"


def test_scan_symlink_loops_and_links(tmp_path):
    root = _tree(tmp_path)
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "link-to-b.txt").symlink_to(root / "b.txt")
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")
    articles = scan([root, root])
    titles = [a.title for a in articles if a.ok]
    assert sorted(titles) == ["A title", "B title", "C title", "D title"]
    broken = [a for a in articles if not a.ok]
    assert [(Path(a.source).name, a.error) for a in broken] == [
        ("dangling.txt", "broken symbolic link")
    ]


@pytest.mark.skipif(IS_ROOT, reason="root can list a folder with no permissions")
def test_scan_unreadable_folder(tmp_path):
    root = _tree(tmp_path)
    locked = root / "sub" / "deeper"
    locked.chmod(0)
    try:
        articles = scan([root])
    finally:
        locked.chmod(0o755)
    assert [a.error for a in articles if not a.ok] == ["permission denied (folder)"]


def test_iter_sources_skips_unsupported(tmp_path):
    root = _tree(tmp_path)
    names = [Path(path).name for path, problem in iter_sources([root]) if problem is None]
    assert names == ["A.md", "b.txt", "c.html", "d.markdown"]
    assert {".txt", ".md", ".markdown", ".html", ".htm"} <= SUPPORTED_SUFFIXES


def test_catalogue_dedups_identical_content(tmp_path):
    write(tmp_path, "x/first.txt", "Dup\n\nSame text.\n")
    write(tmp_path, "x/second.txt", "Dup\n\nSame text.\n")
    write(tmp_path, "x/third.txt", "Other\n\nOther text.\n")
    catalogue = Catalogue.from_paths([tmp_path / "x"])
    assert len(catalogue) == 2
    first = catalogue.articles[0]
    assert Path(first.source).name == "first.txt"
    assert [Path(a.source).name for a in catalogue.duplicates] == ["second.txt"]
    assert catalogue[first.id] is first
    assert catalogue.get("nope") is None
    assert first.id in catalogue and first in catalogue
    assert catalogue.index(catalogue.articles[1].id) == 1
    assert catalogue.ids == tuple(a.id for a in catalogue)
    assert catalogue.remove(first.id) is first
    assert len(catalogue) == 1 and catalogue.index(catalogue.articles[0].id) == 0
    assert catalogue.remove(first.id) is None


def test_catalogue_broken_and_readable(tmp_path):
    write(tmp_path, "y/ok.txt", "Fine\n\nText.\n")
    write(tmp_path, "y/empty.txt", b"")
    catalogue = Catalogue(scan([tmp_path / "y"]))
    assert [a.error for a in catalogue.broken] == ["empty file"]
    assert [a.title for a in catalogue.readable] == ["Fine"]


def test_scan_is_fast_and_lazy(tmp_path):
    """Scanning text never imports trafilatura, the HTML importer or Textual."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(300):
        (folder / f"{i:04}.txt").write_text(f"Title {i}\n\nParagraph {i} of text.\n")
    code = (
        "import sys, time\n"
        "from reader.library.catalogue import scan\n"
        "t = time.perf_counter()\n"
        f"articles = scan([{str(folder)!r}])\n"
        "elapsed = time.perf_counter() - t\n"
        "assert len(articles) == 300 and all(a.ok for a in articles), articles[:3]\n"
        "for name in ('trafilatura', 'reader.library.html', 'textual', 'markdown_it'):\n"
        "    assert name not in sys.modules, name\n"
        "print(elapsed)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert float(result.stdout.strip()) < 3.0


def test_scan_sources_are_absolute_and_resolved(tmp_path, monkeypatch):
    root = _tree(tmp_path)
    (tmp_path / "alias").symlink_to(root, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    for given in ("lib", "alias", "./alias/../lib"):
        sources = [a.source for a in scan([given])]
        assert sources[0] == str((root / "A.md").resolve())
        assert all(Path(s).is_absolute() for s in sources)
    missing = scan(["nothing-here.txt"])[0]
    assert missing.source == str(tmp_path / "nothing-here.txt")


def test_load_text_never_raises():
    assert load_text("\x1b[2JTitle\n\nBody.", "x.md", "md").title == "Title"
    assert load_text("<p>x</p>", "x.html", "html").body == "x"
    assert load_text("", "x.txt").title == "x"


def test_permission_errors_even_as_root(tmp_path, monkeypatch):
    """The same paths as the chmod tests, with the refusal simulated."""
    from reader.library import catalogue as catalogue_module

    root = _tree(tmp_path)
    locked_folder = str((root / "sub" / "deeper").resolve())
    locked_file = str((root / "b.txt").resolve())
    real_scandir, real_open = os.scandir, open

    def scandir(path):
        if os.fspath(path) == locked_folder:
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    def fake_open(path, *args, **kwargs):
        if os.fspath(path) == locked_file:
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(catalogue_module.os, "scandir", scandir)
    monkeypatch.setattr(loader, "open", fake_open, raising=False)
    articles = scan([root])
    assert [(Path(a.source).name, a.error) for a in articles if not a.ok] == [
        ("b.txt", "permission denied"),
        ("deeper", "permission denied (folder)"),
    ]
    assert [a.title for a in articles if a.ok] == ["A title", "C title"]


def test_plain_rules_setext_and_bylines(tmp_path):
    text = (
        "Setext title\n============\n\n"
        "By Jane Doe\n\n"
        "A body paragraph that is long enough to be a paragraph, with a stop.\n"
        "---\n\n"
        "Section\n-------\n\n"
        "* * *\n\n"
        "Last paragraph of the body. It ends here.\n"
    )
    article = load_file(write(tmp_path, "s.txt", text))
    assert article.title == "Setext title"
    assert [(b.kind, b.text) for b in article.blocks] == [
        (CAPTION, "By Jane Doe"),
        (PARAGRAPH, "A body paragraph that is long enough to be a paragraph, with a stop."),
        (HEADING, "Section"),
        (PARAGRAPH, "Last paragraph of the body. It ends here."),
    ]


def test_a_huge_html_page_skips_the_extractor_but_keeps_its_text(tmp_path, monkeypatch):
    from reader.library import html as html_importer
    from reader.library.loader import load_file

    monkeypatch.setattr(html_importer, "EXTRACTOR_MAX_CHARS", 2_000)
    called = []
    monkeypatch.setattr(html_importer, "_from_trafilatura", lambda *a: called.append(1))
    paragraphs = "".join(f"<p>Paragraph {i} about the harbour.</p>" for i in range(200))
    page = tmp_path / "big.html"
    page.write_text(
        f"<html><head><title>Big page</title><script>x()</script></head><body>"
        f"<nav>Home News</nav><h1>Big page</h1>{paragraphs}</body></html>",
        encoding="utf-8",
    )
    article = load_file(page)
    assert not called
    assert article.title == "Big page"
    assert len(article.blocks) == 200 and "x()" not in article.body
    assert any("too large" in w for w in article.warnings)
