"""Hostile files the importers once failed on (issue 10, items 6, 13 and 15).

Item 6: HTML that lxml rejects, and declared charsets the bytes contradict.
Item 13: one tag with tens of thousands of attributes (libxml2 compares each
new attribute with every earlier one: quadratic). Item 15: Markdown with a
huge number of tiny blocks (markdown-it keeps four tokens per paragraph).
Figures before and after are in ``benchmarks/fuzz_importers.py --sizes``.

No test here is timed: the big inputs run in a subprocess whose timeout is
only a guard against a hang, and the assertions are on bounded work (the
attributes actually read, the number of blocks, memory traced).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader.library import html as html_importer
from reader.library.loader import decode_bytes, load_file

from .test_importers_fuzz import check_readable

ROOT = Path(__file__).resolve().parent.parent


def load(tmp_path: Path, data: bytes, suffix: str = ".html"):
    path = tmp_path / f"page{suffix}"
    path.write_bytes(data)
    article = load_file(path)
    check_readable(article)
    return article


# --- item 6: HTML that lxml rejects ----------------------------------------------


@pytest.mark.parametrize("tag", ["script", "style", "nav", "header", "aside", "form"])
@pytest.mark.parametrize("control", ["\x0c", "\x0b", "\x01", "\x1b", "\x7f"])
def test_control_character_after_a_dropped_element(tmp_path, tag, control):
    page = f"<p>A real paragraph.</p><{tag}></{tag}>{control}<p>B</p>"
    article = load(tmp_path, page.encode())
    assert article.error is None
    assert article.body.startswith("A real paragraph.") and article.body.endswith("B")


def test_escape_sequence_next_to_dropped_element_is_removed(tmp_path):
    page = (
        "<p>One paragraph.</p><script></script>\x1b[2J<p>Two \x1b[31mred\x1b[0m words.</p>"
        "<nav>\x1b]2;t\x07</nav>\x1b<p>Three.</p>"
    )
    article = load(tmp_path, page.encode())
    assert [b.text for b in article.blocks] == ["One paragraph.", "Two red words.", "Three."]


def test_bang_inside_a_div_is_a_comment_not_a_crash(tmp_path):
    article = load(tmp_path, b"<div>x<!</div>")
    assert article.error is None
    assert article.body == "x"


def test_comment_inside_a_paragraph(tmp_path):
    page = b"<html><body><article><p>Before <!-- hidden --> after, in one paragraph.</p></article></body></html>"
    article = load(tmp_path, page)
    assert "hidden" not in article.body
    assert "Before" in article.body and "after, in one paragraph." in article.body


def test_declared_gb2312_with_utf8_bytes(tmp_path):
    # The stray pair is valid GB2312, so the whole page used to decode as
    # GB2312: "Caf茅 cr猫me".
    page = "<meta charset='gb2312'><p>Café crème, fête et été.</p>".encode() + b"\xb0\xa1"
    article = load(tmp_path, page)
    assert article.body.startswith("Café crème, fête et été.")
    assert article.warnings == ("invalid UTF-8 replaced (2 bytes)",)


def test_declared_gb2312_page_in_gb2312_is_read_as_gb2312(tmp_path):
    page = "<meta charset='gb2312'><title>标题</title><p>中文的段落，这是一段真正的文字。</p>"
    article = load(tmp_path, page.encode("gb2312"))
    assert article.title == "标题"
    assert article.body == "中文的段落，这是一段真正的文字。"
    assert article.warnings == ()


def test_declared_latin1_with_utf8_text_and_a_stray_byte(tmp_path):
    page = "<meta charset='iso-8859-1'><p>“Quoted” café text with a stray byte: ".encode()
    article = load(tmp_path, page + b"\xff.</p>")
    assert article.body == "“Quoted” café text with a stray byte: \ufffd."
    assert article.warnings == ("invalid UTF-8 replaced (1 byte)",)


def test_declared_latin1_page_in_latin1_is_read_as_latin1(tmp_path):
    page = "<meta charset='iso-8859-1'><p>Un café à Paris, déjà.</p>".encode("latin-1")
    assert load(tmp_path, page).body == "Un café à Paris, déjà."


@pytest.mark.parametrize(
    "charset", ["undefined", "unicode_escape", "raw_unicode_escape", "punycode", "idna", "rot13"]
)
def test_codecs_that_are_no_charset_are_ignored(tmp_path, charset):
    page = f"<meta charset='{charset}'><p>Text with \\x1b[31m and \\ud800 and caf".encode()
    article = load(tmp_path, page + b"\xe9.</p>")
    assert article.error is None
    assert "\\x1b[31m and \\ud800" in article.body


def test_decode_bytes_never_raises_for_a_declared_codec():
    text, warnings = decode_bytes(b"caf\xe9", "undefined")
    assert text == "caf\ufffd" and warnings == ["invalid UTF-8 replaced (1 byte)"]


# --- item 13: many attributes on one tag --------------------------------------------


def many_attributes(count: int, template: str = 'a{}="v"') -> str:
    attributes = " ".join(template.format(i) for i in range(count))
    return (
        "<html><head><title>T</title></head><body>"
        f"<p {attributes}>Hello there, a paragraph.</p><p>Second one.</p></body></html>"
    )


def test_attributes_past_the_limit_are_not_parsed():
    """50,000 attributes (539 KB) took 79 s and 190 MB in the report, 16 s
    here; with the limit it takes 0.3 s (``benchmarks/fuzz_importers.py --sizes``)."""
    markup, dropped = html_importer.limit_attributes(many_attributes(50_000))
    assert dropped == 50_000 - html_importer.MAX_ATTRIBUTES
    from lxml import html as lxml_html

    paragraph = lxml_html.document_fromstring(markup).find(".//p")
    assert len(paragraph.attrib) == html_importer.MAX_ATTRIBUTES
    assert paragraph.text == "Hello there, a paragraph."


@pytest.mark.parametrize(
    "template", ['a{}="v>"', "a{}='v'", "a{}", "a{}=v", 'a{}="v" /', 'a{0}="x"b{0}="y"']
)
def test_attribute_limit_sees_every_attribute_syntax(template):
    markup, dropped = html_importer.limit_attributes(many_attributes(500, template))
    assert dropped > 0
    from lxml import html as lxml_html

    paragraph = lxml_html.document_fromstring(markup).find(".//p")
    assert len(paragraph.attrib) <= 2 * html_importer.MAX_ATTRIBUTES
    assert "Hello there, a paragraph." in paragraph.getparent().text_content()


def test_ordinary_tags_are_untouched():
    page = "<p class=\"a b c d e f g h\" id=x data-y='1' hidden>Text</p>" * 50
    assert html_importer.limit_attributes(page) == (page, 0)


def test_a_page_with_too_many_attributes_says_so(tmp_path):
    article = load(tmp_path, many_attributes(2_000).encode())
    assert [b.text for b in article.blocks] == ["Hello there, a paragraph.", "Second one."]
    assert article.warnings == ("1,900 attributes ignored (over 100 on one tag)",)


def run_guarded(code: str, timeout: float = 120) -> dict:
    """Run ``code`` in a fresh interpreter; its last stdout line is JSON.

    The timeout only guards against a hang; it is no performance assertion.
    """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_fifty_thousand_attributes_load(tmp_path):
    path = tmp_path / "attributes.html"
    path.write_text(many_attributes(50_000))
    figures = run_guarded(
        f"""
        import json
        from reader.library.loader import load_file
        article = load_file({str(path)!r})
        print(json.dumps({{"blocks": [b.text for b in article.blocks],
                           "warnings": list(article.warnings)}}))
        """
    )
    assert figures["blocks"] == ["Hello there, a paragraph.", "Second one."]
    assert figures["warnings"] == ["49,900 attributes ignored (over 100 on one tag)"]


# --- item 15: a huge number of tiny blocks -------------------------------------------


def test_markdown_of_tiny_paragraphs_is_parsed_in_bounded_pieces(tmp_path, monkeypatch):
    """A million one-character paragraphs (3 MB) took 37 s and 1.57 GB in the
    report; here 100,000 had a 147 MB tracemalloc peak (490x the file). The
    text is now parsed in pieces, so markdown-it's tokens never exceed one
    piece's worth. Figures before and after: ``benchmarks/fuzz_importers.py
    --sizes``."""
    from reader.library import markdown

    parser = markdown._parser()
    sizes: list[int] = []
    real_parse = parser.parse

    def counting_parse(text, env=None):
        tokens = real_parse(text, env)
        sizes.append(len(tokens))
        return tokens

    monkeypatch.setattr(parser, "parse", counting_parse)
    article = markdown.parse_markdown("Title\n=====\n\n" + "a\n\n" * 50_000)
    assert article.title == "Title"
    assert len(article.blocks) == 50_000 - 1  # the first paragraph is the dek
    assert {b.text for b in article.blocks} == {"a"}
    assert len(sizes) >= 9
    assert max(sizes) <= 3 * (markdown.CHUNK_CHARS // 3 + 10)  # 3 tokens a paragraph


MIXED = """---
title: Front matter title
---

Intro with a [reference link][later] and *emphasis*.

```python
code with a blank line

not a paragraph
```

- item one

- item two
  continued

  - nested item

> quoted one

> quoted two

<script>
var x = 1;

var y = 2;
</script>

<!-- a comment

over lines -->

~~~
tilde fence

~~~

    indented code

    more code

Setext heading
--------------

| a | b |
|---|---|
| 1 | 2 |

1. first

2) second

[later]: https://example.com
"""


@pytest.mark.parametrize("size", [1, 10, 40, 200])
def test_markdown_in_pieces_reads_like_markdown_in_one(monkeypatch, size):
    from reader.library import markdown

    text = MIXED * 20
    whole = markdown.parse_markdown(text)
    monkeypatch.setattr(markdown, "CHUNK_CHARS", size)
    pieces = list(markdown._pieces(text.split("---\n", 2)[2], size))
    assert len(pieces) > 20
    cut = markdown.parse_markdown(text)
    assert cut.title == whole.title == "Front matter title"
    assert cut.blocks == whole.blocks
    assert "reference link" in cut.body and "[later]" not in cut.body


def test_markdown_of_tiny_paragraphs_uses_bounded_memory(tmp_path):
    """Run in a fresh interpreter; the timeout is a hang guard only."""
    path = tmp_path / "tiny.md"
    path.write_text("a\n\n" * 200_000)
    size = path.stat().st_size
    figures = run_guarded(
        f"""
        import json, resource
        from reader.library.loader import load_file
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        article = load_file({str(path)!r})
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(json.dumps({{"blocks": len(article.blocks), "grew": after - before}}))
        """
    )
    assert figures["blocks"] == 200_000 - 1
    # 1.57 GB for a million before (about 300 MB here); now about 20 MB.
    assert figures["grew"] < 100 * size, f"grew {figures['grew'] / size:.0f}x the file"


@pytest.mark.parametrize(
    "reference",
    ["&#12;", "&#x0c;", "&#1;", "&#65535;", "&#xFFFE;", "&#xD800;", "&#0;", "&#99999999;"],
)
def test_character_reference_to_a_control_after_a_dropped_element(tmp_path, reference):
    page = f"<p>A real paragraph.</p><nav></nav>{reference}<p>B</p>"
    article = load(tmp_path, page.encode())
    assert article.error is None
    assert article.body.startswith("A real paragraph.") and article.body.endswith("B")
