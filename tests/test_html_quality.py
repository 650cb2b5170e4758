"""HTML pages: nothing the extractor finds is lost, charsets, titles and metadata.

The pages under tests/pages/ are this project's own (see its README.md):
for each, every word of trafilatura's own text output must be in our
article, whatever path the page takes.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.library import html as html_importer
from reader.library.charsets import charset_codec, decode_html
from reader.library.html import EXTRACT_OPTIONS, parse_html, parse_html_bytes
from reader.library.loader import NotText, load_file
from reader.library.model import (
    BOLD,
    CAPTION,
    CELL_SEPARATOR,
    CODE,
    ITEM,
    PARAGRAPH,
    QUOTE,
    ROW,
    Article,
)

PAGES = Path(__file__).parent / "pages"
sys.path.insert(0, str(PAGES))
import long_page  # noqa: E402
from words import missing, words  # noqa: E402

trafilatura = pytest.importorskip("trafilatura")

PAGE_FILES = sorted((PAGES / "dev").glob("*.html")) + sorted((PAGES / "heldout").glob("*.html"))


def article_text(article: Article) -> str:
    """What the reader shows: title, dek, and each block with its marker."""
    return "\n".join([article.title, article.dek, *(b.marker + b.text for b in article.blocks)])


def trafilatura_text(markup: str, **changes) -> str:
    """trafilatura's own text output, asked as parse_html asks it (without the
    images' and links' addresses, which are no words of the text); ``changes``
    to those options (``favor_recall=False``: its balanced mode)."""
    options = {
        **EXTRACT_OPTIONS,
        "include_images": False,
        "include_links": False,
        "include_formatting": False,
        **changes,
    }
    return trafilatura.extract(markup, output_format="txt", **options) or ""


def kinds(article: Article, kind: str) -> list[str]:
    return [b.text for b in article.blocks if b.kind == kind]


# --- never lose what the extractor found ---------------------------------------------


@pytest.mark.parametrize("page", PAGE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_no_word_of_trafilatura_is_lost(page):
    """Every word of trafilatura's own output (its balanced mode) is in the
    article, and every word favor_recall adds too, but for the page's site
    furniture (its footer, copyright line, address, newsletter box)."""
    data = page.read_bytes()
    article = parse_html_bytes(data, source=str(page))
    assert article.ok, article.error
    text, _ = decode_html(data)
    ours = article_text(article)
    lost = missing(trafilatura_text(text, favor_recall=False), ours)
    assert lost == Counter(), f"lost {sum(lost.values())} words: {dict(lost.most_common(10))}"
    doc = html_importer._parse_document(html_importer.xml_safe(text))
    furniture = Counter(words(" ".join(html_importer.furniture_texts(doc))))
    lost = missing(trafilatura_text(text), ours) - furniture
    assert lost == Counter(), f"lost {sum(lost.values())} words: {dict(lost.most_common(10))}"


def expected_lines(name: str) -> list[str]:
    """The lines of a development page's expected text (tests/pages/dev/NAME.txt)."""
    text = (PAGES / "dev" / f"{name}.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("name", "furniture"),
    [
        ("ja_toshokan", ["Copyright © 2026 Kohoku Times", "〒231-0001 横浜市中区新港一丁目2番3号"]),
        ("pt_balsa", ["Todos os direitos reservados", "CEP 11920-000"]),
    ],
)
def test_the_site_footer_after_the_article_is_dropped(name, furniture):
    article = parse_html_bytes((PAGES / "dev" / f"{name}.html").read_bytes())
    text = article_text(article)
    assert not [line for line in furniture if line in text]
    # The article itself, to its last paragraph, is all there.
    assert article.blocks[-1].text == expected_lines(name)[-1]
    assert not missing("\n".join(expected_lines(name)), text)


def test_a_footer_line_that_trafilatura_keeps_is_kept():
    # trafilatura's own output on this page is its intro and its footer (it
    # misses the glossary): that footer stays, as nothing of it may be lost.
    article = parse_html_bytes((PAGES / "dev" / "it_glossario_vela.html").read_bytes())
    text = article_text(article)
    assert "© 2026 Scuola Vela Tirreno ASD" in text
    assert not missing("\n".join(expected_lines("it_glossario_vela")), text)


ARTICLE = "".join(
    f"<p>{sentence} The ferry left the harbour on time and the island waited for it.</p>"
    for sentence in ("First.", "Second.", "Third.", "Fourth.")
)


@pytest.mark.parametrize(
    "wrapper",
    ['<div class="body-copy">{}</div>', '<div id="page-bottom">{}</div>', "<footer>{}</footer>"],
)
def test_an_article_inside_a_footer_named_element_is_kept(wrapper):
    markup = "<html><body><h1>Ferry</h1>" + wrapper.format(ARTICLE) + "</body></html>"
    article = parse_html(markup)
    assert [b.text.split()[0] for b in article.blocks if b.kind == PARAGRAPH] == [
        "First.",
        "Second.",
        "Third.",
        "Fourth.",
    ]


def test_a_footer_between_paragraphs_is_not_trailing_and_stays():
    # Only what follows the article's last paragraph can be site furniture.
    markup = (
        '<html><body><div class="story"><h1>Ferry</h1><div class="copyright">'
        "<p>Photo © 2026 Harbour Agency, used with permission.</p></div>"
        f"{ARTICLE}</div></body></html>"
    )
    text = article_text(parse_html(markup))
    assert "Harbour Agency" in text and "Fourth." in text


@pytest.fixture(scope="module")
def long_dev(tmp_path_factory):
    return long_page.write(tmp_path_factory.mktemp("long"), "dev")


def test_a_page_over_3_mb_goes_through_the_extractor_and_loses_nothing(long_dev):
    data = long_dev.read_bytes()
    assert len(data) > 3_000_000
    article = load_file(long_dev)
    assert article.ok and not article.warnings
    body = article.body
    for boilerplate in ("Crown copyright", "Inquiries", "Accessibility statement"):
        assert boilerplate not in body  # boilerplate removal ran
    assert "__analytics" not in body and "iVBORw0KGgo" not in body
    lost = missing(trafilatura_text(data.decode()), article_text(article))
    assert lost == Counter()
    expected = long_dev.with_suffix(".txt").read_text(encoding="utf-8")
    assert missing(expected, article_text(article)) == Counter()


def test_a_page_too_big_for_the_extractor_keeps_tables_lists_and_code(monkeypatch):
    monkeypatch.setattr(html_importer, "EXTRACTOR_MAX_CHARS", 200)
    article = parse_html(FEATURES)
    assert any("too large" in w for w in article.warnings)
    check_features(article)


FEATURES = """<html><head><title>Ferry figures | The Edra Courier</title>
<meta property="og:site_name" content="The Edra Courier"></head><body>
<nav>Home News Sport</nav><article><h1>Ferry figures</h1>
<p>The council published the ferry figures on Tuesday, with a table of passengers and cost.</p>
<table><thead><tr><th>Year</th><th>Passengers</th></tr></thead>
<tbody><tr><td>2024</td><td>120,000</td></tr><tr><td>2025</td><td>131,500</td></tr></tbody></table>
<ol start="3"><li>Third reason given by the council</li><li>Fourth reason given</li></ol>
<pre><code>def f(x):
    return x + 1</code></pre>
<figure><img src="/a.jpg" alt=""><figcaption>The old ferry leaving the harbour in 2019.</figcaption></figure>
<dl><dt>Tender</dt><dd>A formal offer to run the ferry service.</dd></dl>
<blockquote><p>We need more time to look at the numbers, said the council leader.</p></blockquote>
<p>The vote is now expected next month, when the council meets again in the hall.</p>
</article><footer>Copyright footer</footer></body></html>"""


def check_features(article: Article) -> None:
    assert article.title == "Ferry figures"
    rows = [b for b in article.blocks if b.kind == ROW]
    assert [b.text for b in rows] == [
        f"Year{CELL_SEPARATOR}Passengers",
        f"2024{CELL_SEPARATOR}   120,000",  # aligned in columns, numbers to the right
        f"2025{CELL_SEPARATOR}   131,500",
    ]
    assert rows[0].styles == ((0, len(rows[0].text), BOLD),)  # the header row is marked
    assert rows[1].styles == ()
    items = [b for b in article.blocks if b.kind == ITEM]
    assert [(b.number, b.text) for b in items] == [
        (3, "Third reason given by the council"),
        (4, "Fourth reason given"),
    ]
    assert kinds(article, CODE) == ["def f(x):\n    return x + 1"]
    assert kinds(article, CAPTION) == ["The old ferry leaving the harbour in 2019."]
    term = next(b for b in article.blocks if b.text == "Tender")
    assert term.kind == PARAGRAPH and term.styles == ((0, 6, BOLD),)
    texts = [b.text for b in article.blocks]
    assert texts[texts.index("Tender") + 1] == "A formal offer to run the ferry service."
    assert any("We need more time" in t for t in kinds(article, QUOTE))
    assert "Home News Sport" not in article.body and "Copyright footer" not in article.body


def test_tables_lists_code_captions_and_definitions_are_kept():
    check_features(parse_html(FEATURES))


def test_without_trafilatura_the_plain_walk_keeps_them_too(monkeypatch):
    monkeypatch.setattr(html_importer, "_trafilatura", lambda: None)
    check_features(parse_html(FEATURES))


def test_a_wide_table_is_not_padded_and_a_one_cell_row_is_its_text():
    long_cell = "a cell with a long sentence in it, far wider than any column should be"
    article = parse_html(
        "<table><tr><td colspan=3>Rainfall by station</td></tr>"
        f"<tr><td>Harbour</td><td>{long_cell}</td><td>12</td></tr>"
        "<tr><td>Hill</td><td>short</td><td></td></tr></table>"
    )
    assert [b.text for b in article.blocks if b.kind == ROW] == [
        "Rainfall by station",
        f"Harbour{CELL_SEPARATOR}{long_cell}{CELL_SEPARATOR}12",
        f"Hill{CELL_SEPARATOR}short",
    ]


def test_inline_code_stays_in_its_line_and_a_plain_pre_keeps_its_lines():
    article = parse_html(
        "<html><body><article><h1>Tides</h1>"
        "<p>Each line ends in <code>H</code> for high water and <code>L</code> for low water:</p>"
        "<pre>2026-01-12 04:17 4.8 H\n2026-01-12 10:32 0.9 L</pre>"
        "<p>Blank lines and lines starting with a hash are comments, and are skipped.</p>"
        "</article></body></html>"
    )
    assert article.blocks[0].text == "Each line ends in H for high water and L for low water:"
    assert kinds(article, CODE) == ["2026-01-12 04:17 4.8 H\n2026-01-12 10:32 0.9 L"]
    assert kinds(article, QUOTE) == []


def test_an_ordered_list_start_that_is_no_number_starts_at_one():
    article = parse_html("<ol start='²'><li>First</li><li>Second</li></ol>")
    assert [b.number for b in article.blocks if b.kind == ITEM] == [1, 2]


# --- charsets ----------------------------------------------------------------------

TEXT = "Café crème, fête et été: “quoted” — déjà vu."
CHINESE = "渡轮投票推迟。市议会周二第二次推迟了对渡轮合同的投票，理由是新船的成本问题尚未得到解答。"
RUSSIAN = "Совет отложил голосование по контракту на паром во второй раз, сославшись на вопросы."
JAPANESE = "フェリーの投票は延期された。議会は火曜日、新しい船の費用についての疑問が残っている。"


def page(text: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body><p>{text}</p></body></html>"


@pytest.mark.parametrize(
    ("text", "encoding", "declared"),
    [
        (TEXT, "utf-8", "gb2312"),  # UTF-8 bytes in a page that claims gb2312
        (TEXT, "utf-8", "windows-1252"),
        (TEXT, "utf-8", "iso-8859-1"),
        (CHINESE, "utf-8", "gb2312"),
        (TEXT, "cp1252", "utf-8"),  # a meta that says UTF-8 and lies
        (TEXT, "cp1252", "iso-8859-1"),  # Latin-1 pages are windows-1252 ("“")
        (CHINESE, "gb2312", "windows-1252"),  # a lie the bytes give away
        (RUSSIAN, "cp1251", "windows-1252"),
        (RUSSIAN, "koi8-r", "koi8-r"),
        (JAPANESE, "shift_jis", "shift_jis"),
        (CHINESE, "gb2312", "no-such-charset"),
        (TEXT, "cp1252", "rot13"),  # a codec but no charset
    ],
)
def test_a_declared_charset_is_weighed_against_the_bytes(text, encoding, declared):
    data = page(text, f'<meta charset="{declared}">').encode(encoding)
    article = parse_html_bytes(data, source="p.html")
    assert article.body == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (TEXT, "utf-8"),
        (TEXT, "cp1252"),
        (RUSSIAN, "cp1251"),
        (CHINESE, "gb18030"),
        (JAPANESE, "euc-jp"),
    ],
)
def test_a_page_without_a_declaration_is_read_in_its_charset(text, encoding):
    assert parse_html_bytes(page(text).encode(encoding), source="p.html").body == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_a_bom(encoding):
    data = page(CHINESE + " " + TEXT, '<meta charset="utf-16">').encode(encoding)
    assert parse_html_bytes(data, source="p.html").body == CHINESE + " " + TEXT


def test_the_http_charset_is_used_and_can_be_wrong_too():
    data = page(RUSSIAN).encode("cp1251")
    assert parse_html_bytes(data, source="p", charset="windows-1251").body == RUSSIAN
    assert parse_html_bytes(data, source="p", charset="text/html; nonsense").body == RUSSIAN
    utf8 = page(TEXT).encode()
    assert parse_html_bytes(utf8, source="p", charset="iso-8859-1").body == TEXT
    assert parse_html_bytes(utf8, source="p", charset="utf-8").body == TEXT
    # The server's charset comes before the page's own declaration.
    both = page(RUSSIAN, '<meta charset="koi8-r">').encode("cp1251")
    assert parse_html_bytes(both, source="p", charset="cp1251").body == RUSSIAN


def test_mostly_utf8_with_a_stray_byte_stays_utf8_with_a_warning():
    data = page(TEXT, '<meta charset="gb2312">').encode() + b"\xb0"
    article = parse_html_bytes(data, source="p.html")
    assert article.body.startswith(TEXT)
    assert article.warnings == ("invalid UTF-8 replaced (1 byte)",)


def test_a_file_goes_through_the_same_decoding(tmp_path):
    path = tmp_path / "lie.html"
    path.write_bytes(page(CHINESE, '<meta charset="windows-1252">').encode("gb2312"))
    assert load_file(path).body == CHINESE


def test_parse_html_bytes_says_what_is_wrong_in_one_line():
    assert parse_html_bytes(b"", source="e.html").error == "empty page"
    assert parse_html_bytes(b"  \n", source="e.html").error == "empty page"
    binary = parse_html_bytes(bytes(range(256)) * 40, source="b.html")
    assert binary.error == "binary file, not text"
    assert parse_html_bytes(b"<html><script>x()</script></html>", source="s.html").error == (
        "no readable text"
    )


def test_charset_labels():
    assert charset_codec("ISO-8859-1") == "cp1252"
    assert charset_codec(" 'GB2312' ") == "gb18030"
    assert charset_codec("utf8") == "utf-8"
    assert charset_codec('text/html; charset="Windows-1251"') == "cp1251"
    for label in ("rot13", "base64", "unicode-escape", "idna", "", "x" * 100, "ü", None):
        assert charset_codec(label) is None


FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
LABELS = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "utf-8",
            "utf-16",
            "utf-32",
            "gb2312",
            "shift_jis",
            "iso-2022-jp",
            "hz",
            "utf-7",
            "rot13",
            "base64",
            "punycode",
            "idna",
            "unicode-escape",
            "cp037",
            "x-user-defined",
            "undefined",
            "mbcs",
            "zlib",
            "big5",
            "koi8-r",
            "uu",
            "quopri",
            "",
        ]
    ),
    st.text(max_size=20),
)


@FUZZ
@given(data=st.binary(max_size=3000), declared=LABELS, meta=LABELS)
def test_random_bytes_and_declarations_never_raise(data, declared, meta):
    head = f'<meta charset="{meta}">'.encode("utf-8", "replace") if meta is not None else b""
    for payload in (data, head + data, b"<p>" + data + b"</p>"):
        article = parse_html_bytes(payload, source="r.html", charset=declared)
        assert isinstance(article, Article)
        assert not (article.error or "").startswith("could not read")  # no exception inside
        try:
            text, _ = decode_html(payload, declared)
        except NotText:
            continue
        assert isinstance(text, str)


# --- title ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        (
            "<title>Ferry vote delayed | The Edra Courier</title>",
            "<p>Text of it.</p>",
            "Ferry vote delayed",
        ),
        (
            '<title>Ferry vote delayed - Courier</title><meta property="og:site_name" content="Courier">',
            "<p>Text.</p>",
            "Ferry vote delayed",
        ),
        (
            '<title>Ferry vote delayed — Courier</title><meta property="og:site_name" content="Courier">',
            "<p>Text.</p>",
            "Ferry vote delayed",
        ),
        (
            '<title>Courier: Ferry vote delayed</title><meta property="og:site_name" content="Courier">',
            "<p>Text.</p>",
            "Ferry vote delayed",
        ),
        (
            "<title>Budget 2026: what it means | Courier</title>"
            '<meta property="og:site_name" content="Courier">',
            "<p>Text.</p>",
            "Budget 2026: what it means",
        ),
        (
            '<title>T | Courier</title><meta property="og:title" content="From og:title">',
            "<p>Text.</p>",
            "From og:title",
        ),
        (
            '<title>T | Courier</title><meta name="twitter:title" content="From twitter">',
            "<p>Text.</p>",
            "From twitter",
        ),
        (
            '<title>T</title><script type="application/ld+json">'
            '{"@type": "NewsArticle", "headline": "From JSON-LD"}</script>',
            "<p>Text.</p>",
            "From JSON-LD",
        ),
        (
            "<title>Ferry vote delayed | Courier</title>",
            "<h1>Ferry vote delayed</h1><p>Text.</p>",
            "Ferry vote delayed",
        ),
        (
            '<meta property="og:title" content="Ferry vote delayed | Courier">'
            '<meta name="twitter:title" content="Harbour news | Courier">',
            "<p>Text of the page.</p>",
            "Ferry vote delayed",
        ),
    ],
)
def test_the_title_comes_from_the_page_without_the_site_name(head, body, title):
    article = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    assert article.title == title
    assert title not in article.body  # the headline is not shown twice


def test_the_headline_after_a_notice_is_not_shown_twice():
    article = parse_html(
        "<html><head><title>Summer timetable | Ferries</title></head><body>"
        "<p>Service update: all sailings are running as planned today.</p>"
        "<h1>Summer timetable</h1><p>This timetable runs from May to September, every day.</p>"
        "<h2>Sundays</h2><p>Two sailings each way, at ten and at three.</p></body></html>"
    )
    assert article.title == "Summer timetable"
    headings = [b.text for b in article.blocks if b.kind == "heading"]
    assert "Summer timetable" not in headings and "Sundays" in headings


def test_the_site_name_in_an_h1_is_no_title():
    article = parse_html(
        '<html><head><title>Ferry vote | Courier</title><meta property="og:site_name" content="Courier">'
        "</head><body><h1>Courier</h1><p>The text of the story, long enough to be a story.</p></body></html>"
    )
    assert article.title == "Ferry vote"
    assert "Courier" not in article.body


# --- metadata ------------------------------------------------------------------------


def meta_of(head: str, body: str = "<p>Some article text here.</p>", lang: str = "") -> Article:
    return parse_html(f"<html{lang}><head>{head}</head><body>{body}</body></html>")


def test_author_from_meta_json_ld_or_byline():
    assert meta_of('<meta name="author" content="Maren Holt">').author == "Maren Holt"
    assert meta_of('<meta property="article:author" content="Maren Holt">').author == "Maren Holt"
    linked = meta_of(
        '<meta property="article:author" content="https://x.example/maren">'
        '<script type="application/ld+json">{"@type": "BlogPosting",'
        ' "author": [{"@type": "Person", "name": "Ann Kerr"}, {"name": "Sam Ross"}]}</script>'
    )
    assert linked.author == "Ann Kerr, Sam Ross"
    graph = meta_of(
        '<script type="application/ld+json">{"@graph": [{"@type": "WebSite", "name": "S"},'
        ' {"@type": "NewsArticle", "author": {"name": "Priya Nair"}}]}</script>'
    )
    assert graph.author == "Priya Nair"
    byline = meta_of(
        "", '<div class="byline">By <a rel="author" href="/m">Maren Holt</a></div><p>Text.</p>'
    )
    assert byline.author == "Maren Holt"
    assert meta_of("", '<p class="author">Recipe by Bea Lindqvist</p><p>Text.</p>').author == (
        "Bea Lindqvist"
    )
    assert meta_of('<script type="application/ld+json">{not json</script>').author == ""


def test_published_from_meta_json_ld_or_time():
    assert (
        meta_of('<meta property="article:published_time" content="2026-03-04T09:30:00Z">').published
        == "2026-03-04T09:30:00Z"
    )
    assert (
        meta_of(
            '<script type="application/ld+json">{"@type": "Article", "datePublished": "2026-01-02"}</script>'
        ).published
        == "2026-01-02"
    )
    timed = meta_of(
        "", '<article><time datetime="2025-06-21">21 June</time><p>Text here.</p></article>'
    )
    assert timed.published == "2025-06-21"
    assert (
        meta_of("", '<article><time datetime="soon">x</time><p>Text.</p></article>').published == ""
    )


def test_site_from_og_site_name_or_publisher():
    assert (
        meta_of('<meta property="og:site_name" content="The Edra Courier">').site
        == "The Edra Courier"
    )
    assert (
        meta_of(
            '<script type="application/ld+json">{"@type": "NewsArticle", "publisher":'
            ' {"@type": "Organization", "name": "Gazette"}}</script>'
        ).site
        == "Gazette"
    )


def test_url_from_canonical_or_og_url():
    assert meta_of('<link rel="canonical" href="https://e.example/a">').url == "https://e.example/a"
    assert (
        meta_of('<meta property="og:url" content="https://e.example/b">').url
        == "https://e.example/b"
    )
    assert meta_of('<link rel="canonical" href="/relative">').url == ""
    assert meta_of('<link rel="canonical" href="javascript:alert(1)">').url == ""


def test_language_from_html_lang_or_og_locale():
    assert meta_of("", lang=' lang="en-gb"').language == "en-GB"
    assert meta_of('<meta property="og:locale" content="fr_FR">').language == "fr-FR"
    assert meta_of("", lang=' lang="not a language"').language == ""


def test_a_byline_at_the_top_is_a_caption_and_keeps_its_words():
    body = (
        "<article><h1>Ferry vote delayed</h1><p>Par Claire Dumont, publié le 14 février 2026</p>"
        "<p>Claire Dumont chairs the committee and has said so in public many times before.</p>"
        "<p>By the time the vote came, the council had already left the chamber for home.</p>"
        "</article>"
    )
    article = meta_of('<meta name="author" content="Claire Dumont">', body)
    assert [b.kind for b in article.blocks] == [CAPTION, PARAGRAPH, PARAGRAPH]
    assert article.blocks[0].text == "Par Claire Dumont, publié le 14 février 2026"
    plain = meta_of(
        "", "<article><h1>T</h1><p>By Jane Doe and John Roe, Reuters</p><p>Body text.</p></article>"
    )
    assert plain.blocks[0].kind == CAPTION


def test_metadata_is_plain_display_text():
    article = meta_of('<meta name="author" content="Eve\x1b[31m Red\u202e">')
    assert "\x1b" not in article.author and "\u202e" not in article.author
    assert article.author.startswith("Eve")


def test_a_real_page_gives_every_detail():
    article = load_file(PAGES / "dev" / "news_ferry.html")
    assert article.details == {
        "author": "Maren Holt",
        "published": "2026-03-04T09:30:00+00:00",
        "site": "The Edra Courier",
        "url": "https://edra-courier.example/news/2026/03/ferry-vote-delayed",
        "language": "en-GB",
    }
    assert article.title == "Ferry vote delayed again as council asks for more figures"


@pytest.mark.parametrize(
    ("balanced", "dropped"),
    [
        ("Tides A long paragraph about the tide.", True),  # "Tides" is lacking either way
        ("A long paragraph about the tide. © 2026 Coast Safety", False),
    ],
)
def test_a_footer_block_goes_only_if_trafilatura_needs_none_of_its_words(
    monkeypatch, balanced, dropped
):
    from reader.library.model import Block

    doc = html_importer._parse_document(
        "<html><body><p>A long paragraph about the tide.</p>"
        "<footer><p>© 2026 Coast Safety</p></footer></body></html>"
    )
    monkeypatch.setattr(html_importer, "_balanced_text", lambda doc: balanced)
    blocks = [
        Block(PARAGRAPH, "A long paragraph about the tide."),
        Block(PARAGRAPH, "© 2026 Coast Safety"),
    ]
    kept, _ = html_importer._without_trailing_furniture(blocks, set(), doc)
    assert [b.text for b in kept] == [b.text for b in blocks[: 1 if dropped else 2]]
