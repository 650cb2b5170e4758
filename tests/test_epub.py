"""EPUB books (``reader/library/epub.py``): built here with :mod:`zipfile`.

The book reads as one article: the package's metadata, the chapters in spine
order with their headings, lists, quotes and inline styles, the table of
contents (EPUB 3 navigation document, else EPUB 2 NCX) as the chapters'
headings; broken, DRM-locked and hostile books are listed with their reason.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.library import epub as epub_module
from reader.library.catalogue import scan
from reader.library.contents import contents
from reader.library.importers import Unreadable, for_path
from reader.library.loader import load_file
from reader.library.model import CAPTION, HEADING, ITEM, PARAGRAPH, QUOTE
from tests.test_importers_fuzz import check_article

XHTML = "application/xhtml+xml"

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="{opf}" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>"""

METADATA = """
    <dc:identifier id="bookid">urn:uuid:0f1e2d3c-secret-identifier</dc:identifier>
    <dc:title>The Quiet Harbour</dc:title>
    <dc:creator>Ana Lima</dc:creator>
    <dc:language>pt-BR</dc:language>"""


def chapter(body: str, title: str = "ignored head title") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
        f"<head><title>{title}</title><link rel='stylesheet' href='style.css'/>"
        "<style>p { color: red }</style><script>var secret = 1;</script></head>"
        f"<body>{body}</body></html>"
    )


def nav_document(items: str) -> str:
    return chapter(f'<nav epub:type="toc" id="toc"><h1>Contents</h1><ol>{items}</ol></nav>')


def ncx_document(points: str) -> str:
    return (
        '<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">'
        '<head><meta name="dtb:uid" content="urn:uuid:x"/></head><docTitle><text>T</text></docTitle>'
        f"<navMap>{points}</navMap></ncx>"
    )


def nav_point(label: str, src: str, inner: str = "") -> str:
    return (
        f'<navPoint id="n-{abs(hash(label))}"><navLabel><text>{label}</text></navLabel>'
        f'<content src="{src}"/>{inner}</navPoint>'
    )


def make_epub(
    path: Path,
    chapters: dict[str, str],
    *,
    spine: list[str] | None = None,
    linear_no: tuple[str, ...] = (),
    nav: str | None = None,
    ncx: str | None = None,
    metadata: str = METADATA,
    extra: dict[str, bytes | str] | None = None,
    opf_path: str = "OEBPS/content.opf",
    container: bool = True,
    version: str = "3.0",
) -> Path:
    """An EPUB at ``path``: ``chapters`` maps file names (under the package's
    folder, in manifest order) to XHTML; the spine lists them in ``spine``
    order (default: manifest order)."""
    folder = opf_path.rpartition("/")[0]
    prefix = f"{folder}/" if folder else ""
    ids = {name: f"item{index}" for index, name in enumerate(chapters)}
    manifest = [f'<item id="{ids[name]}" href="{name}" media-type="{XHTML}"/>' for name in chapters]
    manifest.append('<item id="css" href="style.css" media-type="text/css"/>')
    if nav is not None:
        manifest.append(f'<item id="nav" href="nav.xhtml" media-type="{XHTML}" properties="nav"/>')
    if ncx is not None:
        manifest.append('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>')
    order = spine if spine is not None else list(chapters)
    not_linear = ' linear="no"'
    itemrefs = "".join(
        f'<itemref idref="{ids[name]}"{not_linear if name in linear_no else ""}/>' for name in order
    )
    toc_attribute = ' toc="ncx"' if ncx is not None else ""
    opf = (
        f'<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf"'
        f' version="{version}" unique-identifier="bookid">'
        f'<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"'
        f' xmlns:opf="http://www.idpf.org/2007/opf">{metadata}</metadata>'
        f"<manifest>{''.join(manifest)}</manifest>"
        f"<spine{toc_attribute}>{itemrefs}</spine></package>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        if container:
            archive.writestr("META-INF/container.xml", CONTAINER.format(opf=opf_path))
        archive.writestr(opf_path, opf)
        archive.writestr(prefix + "style.css", "p { color: red } /* CSS-SHOULD-NOT-SHOW */")
        if nav is not None:
            archive.writestr(prefix + "nav.xhtml", nav)
        if ncx is not None:
            archive.writestr(prefix + "toc.ncx", ncx)
        for name, text in chapters.items():
            archive.writestr(prefix + name, text)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def simple_book(path: Path, **options) -> Path:
    chapters = {
        "one.xhtml": chapter("<h1>Chapter One</h1><p>The harbour was quiet that morning.</p>"),
        "two.xhtml": chapter("<h1>Chapter Two</h1><p>Boats came back at noon.</p>"),
    }
    return make_epub(path, chapters, **options)


def kinds(article) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in article.blocks]


# -- metadata and chapters ---------------------------------------------------------------


def test_metadata_fills_title_author_language_date_and_publisher(tmp_path):
    metadata = """
        <dc:identifier id="bookid">urn:isbn:9780000000001</dc:identifier>
        <dc:title id="t1">The Quiet Harbour</dc:title>
        <meta refines="#t1" property="title-type">main</meta>
        <dc:title id="t2">A Novel of the Coast</dc:title>
        <meta refines="#t2" property="title-type">subtitle</meta>
        <dc:creator id="c1">Ana Lima</dc:creator>
        <meta refines="#c1" property="role" scheme="marc:relators">aut</meta>
        <dc:creator id="c2">Rui Costa</dc:creator>
        <dc:creator id="c3">Eva Illustrator</dc:creator>
        <meta refines="#c3" property="role" scheme="marc:relators">ill</meta>
        <dc:creator id="c4">Tom Third</dc:creator>
        <dc:language>pt-BR</dc:language>
        <dc:date>2019-05-04</dc:date>
        <dc:publisher>Harbour Press</dc:publisher>
        <meta property="dcterms:modified">2024-01-01T00:00:00Z</meta>"""
    article = load_file(simple_book(tmp_path / "book.epub", metadata=metadata))
    assert article.ok and article.format == "epub"
    assert article.title == "The Quiet Harbour"
    assert article.author == "Ana Lima, Rui Costa and Tom Third"  # the illustrator is no author
    assert article.language == "pt-BR"
    assert article.published == "2019-05-04"
    assert article.site == "Harbour Press"
    identifiers = ("urn:isbn", "9780000000001", "Harbour Press", "2024-01-01", "pt-BR")
    assert not any(word in article.body for word in identifiers)


def test_epub2_roles_and_the_publication_date_among_several(tmp_path):
    metadata = """
        <dc:identifier id="bookid">x</dc:identifier>
        <dc:title>Old Style</dc:title>
        <dc:creator opf:role="aut">First Author</dc:creator>
        <dc:creator opf:role="edt">Some Editor</dc:creator>
        <dc:creator opf:role="aut">Second Author</dc:creator>
        <dc:date opf:event="modification">2021-01-01</dc:date>
        <dc:date opf:event="publication">1851-10-18</dc:date>"""
    article = load_file(simple_book(tmp_path / "old.epub", metadata=metadata, version="2.0"))
    assert article.author == "First Author and Second Author"
    assert article.published == "1851-10-18"


def test_a_book_without_a_title_is_named_after_its_file(tmp_path):
    metadata = '<dc:identifier id="bookid">x</dc:identifier>'
    article = load_file(simple_book(tmp_path / "harbour-notes.epub", metadata=metadata))
    assert article.title == "harbour-notes"
    assert article.author == "" and article.language == ""


def test_chapters_follow_the_spine_not_the_manifest(tmp_path):
    chapters = {
        "c.xhtml": chapter("<p>Third in reading order.</p>"),
        "a.xhtml": chapter("<p>First in reading order.</p>"),
        "b.xhtml": chapter("<p>Second in reading order.</p>"),
    }
    path = make_epub(tmp_path / "b.epub", chapters, spine=["a.xhtml", "b.xhtml", "c.xhtml"])
    article = load_file(path)
    assert [text for _, text in kinds(article)] == [
        "First in reading order.",
        "Second in reading order.",
        "Third in reading order.",
    ]


def test_non_linear_items_come_last_and_an_image_only_cover_gives_nothing(tmp_path):
    chapters = {
        "cover.xhtml": chapter('<div><img src="cover.jpg" alt="Cover"/></div>'),
        "notes.xhtml": chapter("<h1>Notes</h1><p>A note read out of order.</p>"),
        "one.xhtml": chapter("<h1>One</h1><p>The story.</p>"),
    }
    path = make_epub(
        tmp_path / "b.epub",
        chapters,
        spine=["cover.xhtml", "notes.xhtml", "one.xhtml"],
        linear_no=("cover.xhtml", "notes.xhtml"),
        nav=nav_document(
            '<li><a href="cover.xhtml">Cover</a></li><li><a href="one.xhtml">One</a></li>'
            '<li><a href="notes.xhtml">Notes</a></li>'
        ),
    )
    article = load_file(path)
    assert [text for _, text in kinds(article)] == [
        "One",
        "The story.",
        "Notes",
        "A note read out of order.",
    ]
    assert [heading.text for heading in contents(article)] == ["One", "Notes"]  # no "Cover"


def test_a_chapter_keeps_headings_lists_quotes_captions_and_inline_styles(tmp_path):
    body = """
      <section epub:type="chapter">
        <h2>The Market</h2>
        <p>It was <b>very</b> early<span epub:type="pagebreak" id="p12">12</span> and <em>rather</em> cold.</p>
        <ol start="3"><li>Three fish</li><li value="7">Seven <i>crabs</i></li><li>Eight eels</li></ol>
        <ul><li>Bread<ul><li>Rye</li></ul></li><li><p>Salt</p><p>and pepper</p></li></ul>
        <blockquote><p>The sea gives, the sea takes.</p></blockquote>
        <figure><img src="boat.jpg" alt="boat.jpg"/><figcaption>The boat at dawn.</figcaption></figure>
        <p><img src="map.png" alt="A map of the harbour and the old town"/></p>
        <table><tr><th>Fish</th><th>Price</th></tr><tr><td>Cod</td><td>12</td></tr></table>
        <pre>line one
  line two</pre>
        <p>Next&nbsp;to &ldquo;nothing&rdquo; &amp; an &unknownentity; here.</p>
      </section>"""
    article = load_file(make_epub(tmp_path / "b.epub", {"c.xhtml": chapter(body)}))
    blocks = article.blocks
    assert kinds(article) == [
        (HEADING, "The Market"),
        (PARAGRAPH, "It was very early and rather cold."),
        (ITEM, "Three fish"),
        (ITEM, "Seven crabs"),
        (ITEM, "Eight eels"),
        (ITEM, "Bread"),
        (ITEM, "Rye"),
        (ITEM, "Salt"),
        (PARAGRAPH, "and pepper"),  # the item's second paragraph: no second marker
        (QUOTE, "The sea gives, the sea takes."),
        (CAPTION, "The boat at dawn."),  # a file name as alt text is not shown
        (CAPTION, "A map of the harbour and the old town"),
        (PARAGRAPH, "Fish | Price"),
        (PARAGRAPH, "Cod | 12"),
        (PARAGRAPH, "line one\n  line two"),
        (PARAGRAPH, "Next to \u201cnothing\u201d & an &unknownentity; here."),
    ]
    assert blocks[1].styles == ((7, 11, "bold"), (22, 28, "italic"))
    assert [block.number for block in blocks[2:5]] == [3, 7, 8]
    assert [block.marker for block in blocks[5:8]] == ["• ", "• ", "• "]
    assert [block.level for block in blocks[5:8]] == [1, 2, 1]
    assert blocks[3].styles == ((6, 11, "italic"),)


def test_nothing_of_the_package_files_is_in_the_text(tmp_path):
    article = load_file(simple_book(tmp_path / "b.epub", nav=nav_document("")))
    body = article.body
    for leak in ("CSS-SHOULD-NOT-SHOW", "color", "secret", "ignored head title", "urn:uuid"):
        assert leak not in body
    assert "Contents" not in body  # the navigation document's list is the contents panel's


# -- the table of contents -----------------------------------------------------------------


def test_the_nav_documents_toc_is_the_contents_nested_and_in_order(tmp_path):
    chapters = {
        "one.xhtml": chapter(
            "<h1>Chapter One</h1><p>Opening.</p><h2>The <a id='storm'/>Storm</h2><p>Rain.</p>"
            "<div>Loose text.<p id='calm'>After the rain, calm.</p></div>"
        ),
        "two.xhtml": chapter("<p>A chapter whose file has no heading.</p>"),
        "three.xhtml": chapter("<h3>Chapter Three</h3><h1>Its own section</h1><p>Text.</p>"),
    }
    nav = nav_document(
        "<li><span>Part One</span><ol>"
        '<li><a href="one.xhtml">Chapter One</a><ol>'
        '<li><a href="one.xhtml#storm">The Storm</a></li>'
        '<li><a href="one.xhtml#calm">The Calm</a></li></ol></li>'
        '<li><a href="Two.XHTML">Chapter Two</a></li></ol></li>'
        '<li><a href="three.xhtml">Chapter Three</a></li>'
    )
    article = load_file(make_epub(tmp_path / "b.epub", chapters, nav=nav))
    toc = [(heading.level, heading.text) for heading in contents(article)]
    assert toc == [
        (1, "Part One"),
        (2, "Chapter One"),
        (3, "The Storm"),
        (3, "The Calm"),
        (2, "Chapter Two"),
        (1, "Chapter Three"),
        (2, "Its own section"),  # the chapter's own heading, below its entry
    ]
    texts = [text for _, text in kinds(article)]
    assert texts.count("Chapter One") == 1  # the chapter's own heading took the entry's place
    assert texts[texts.index("The Storm") + 1] == "Rain."  # an anchor inside a heading
    assert texts[texts.index("The Calm") - 1] == "Loose text."
    assert texts[texts.index("The Calm") + 1] == "After the rain, calm."
    assert texts[texts.index("Chapter Two") + 1] == "A chapter whose file has no heading."


def test_an_epub2_book_takes_its_contents_from_the_ncx(tmp_path):
    chapters = {
        "a.xhtml": chapter("<p>Call me Ishmael.</p>"),
        "b.xhtml": chapter("<h2>The Carpet-Bag</h2><p>I stuffed a shirt or two.</p>"),
    }
    ncx = ncx_document(
        nav_point("Loomings", "a.xhtml", nav_point("Ishmael", "a.xhtml"))
        + nav_point("The Carpet-Bag", "b.xhtml")
    )
    path = make_epub(tmp_path / "b.epub", chapters, ncx=ncx, version="2.0")
    article = load_file(path)
    assert [(h.level, h.text) for h in contents(article)] == [
        (1, "Loomings"),
        (2, "Ishmael"),
        (1, "The Carpet-Bag"),
    ]
    assert kinds(article)[:3] == [
        (HEADING, "Loomings"),
        (HEADING, "Ishmael"),
        (PARAGRAPH, "Call me Ishmael."),
    ]


def test_nav_wins_over_ncx_and_entries_pointing_outside_the_book_are_ignored(tmp_path):
    chapters = {"a.xhtml": chapter("<p>Text.</p>")}
    nav = nav_document(
        '<li><a href="a.xhtml">From the nav</a></li>'
        '<li><a href="../../etc/passwd">Escape</a></li>'
        '<li><a href="https://example.com/">A website</a></li>'
    )
    ncx = ncx_document(nav_point("From the NCX", "a.xhtml"))
    article = load_file(make_epub(tmp_path / "b.epub", chapters, nav=nav, ncx=ncx))
    assert [h.text for h in contents(article)] == ["From the nav"]


# -- books that cannot be read, listed with their reason ------------------------------------


def encrypted_book(path: Path, algorithm: str, uri: str) -> Path:
    encryption = (
        '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"'
        ' xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
        f'<enc:EncryptionMethod Algorithm="{algorithm}"/>'
        f'<enc:CipherData><enc:CipherReference URI="{uri}"/></enc:CipherData>'
        "</enc:EncryptedData></encryption>"
    )
    return simple_book(
        path,
        extra={
            "META-INF/encryption.xml": encryption,
            "META-INF/rights.xml": "<rights/>",
            "OEBPS/font.otf": b"\x00\x01font",
        },
    )


def broken_books(folder: Path) -> dict[str, str]:
    """Broken books in ``folder``: file name -> the reason they are listed with."""
    folder.mkdir(exist_ok=True)
    good = simple_book(folder / "good.epub").read_bytes()
    (folder / "corrupt.epub").write_bytes(good[: len(good) // 2])
    (folder / "not-a-zip.epub").write_bytes(b"<html><p>I am not a zip</p></html>")
    encrypted_book(
        folder / "drm.epub", "http://www.w3.org/2001/04/xmlenc#aes128-cbc", "OEBPS/one.xhtml"
    )
    make_epub(folder / "empty-spine.epub", {})
    simple_book(folder / "missing-opf.epub", container=False)
    with zipfile.ZipFile(folder / "missing-opf.epub", "a") as archive:
        archive.writestr("META-INF/container.xml", CONTAINER.format(opf="OEBPS/nowhere.opf"))
    with zipfile.ZipFile(folder / "no-package.epub", "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr("OEBPS/one.xhtml", chapter("<p>Orphan.</p>"))
    return {
        "corrupt.epub": "not an EPUB: the file is not a zip archive or is damaged",
        "not-a-zip.epub": "not an EPUB: the file is not a zip archive or is damaged",
        "drm.epub": "EPUB is DRM-protected (encrypted content): cannot read it",
        "empty-spine.epub": "EPUB has no chapters (its spine is empty)",
        "missing-opf.epub": "EPUB package document OEBPS/nowhere.opf is missing from the archive",
        "no-package.epub": "not an EPUB: no package document (META-INF/container.xml, .opf)",
    }


def test_broken_books_are_listed_with_a_one_line_reason(tmp_path, capsys):
    folder = tmp_path / "books"
    reasons = broken_books(folder)
    listed = {Path(article.source).name: article for article in scan([folder])}
    assert listed["good.epub"].ok
    for name, reason in reasons.items():
        assert listed[name].error == reason, name
        assert listed[name].title == name
    assert main(["list", "--json", str(folder)]) == 0
    rows = {Path(row["source"]).name: row for row in json.loads(capsys.readouterr().out)}
    assert {name: rows[name]["error"] for name in reasons} == reasons
    assert rows["good.epub"]["error"] is None and rows["good.epub"]["format"] == "epub"


def test_a_rights_file_with_chapters_that_are_not_xml_is_drm(tmp_path):
    scrambled = bytes(range(256)) * 8  # what an encrypted chapter looks like
    chapters = {"one.xhtml": scrambled.decode("latin-1")}
    path = make_epub(tmp_path / "adept.epub", chapters, extra={"META-INF/rights.xml": "<r/>"})
    assert load_file(path).error == "EPUB is DRM-protected (encrypted content): cannot read it"
    (tmp_path / "plain").mkdir()
    path = make_epub(tmp_path / "plain" / "adept.epub", chapters)  # no rights file: just broken
    assert load_file(path).error == "EPUB chapters cannot be read"


def test_obfuscated_fonts_are_not_drm(tmp_path):
    path = encrypted_book(
        tmp_path / "fonts.epub", "http://www.idpf.org/2008/embedding", "OEBPS/font.otf"
    )
    article = load_file(path)
    assert article.ok and "The harbour was quiet that morning." in article.body


def test_a_book_without_container_xml_is_read_from_its_one_package(tmp_path):
    article = load_file(simple_book(tmp_path / "b.epub", container=False))
    assert article.ok and article.title == "The Quiet Harbour"


def test_a_missing_chapter_is_a_warning_not_a_failure(tmp_path):
    path = simple_book(tmp_path / "b.epub")
    data = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(data, "w") as target:
        for info in source.infolist():
            if not info.filename.endswith("two.xhtml"):
                target.writestr(info, source.read(info))
    path.write_bytes(data.getvalue())
    article = load_file(path)
    assert article.ok and "Boats came back at noon." not in article.body
    assert article.warnings == ("1 chapter missing from the book",)


def test_a_zip_bomb_stops_at_the_inflation_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(epub_module, "MAX_UNCOMPRESSED_BYTES", 1_000_000)
    huge = chapter("<p>" + "a " * 1_000_000 + "</p>")  # 2 MB that deflate to a few KB
    path = make_epub(tmp_path / "bomb.epub", {"a.xhtml": huge})
    assert path.stat().st_size < 50_000
    article = load_file(path)
    assert article.error is not None and article.blocks == ()
    assert article.error.startswith("EPUB too large to read (over ")


def test_a_lying_size_in_the_zip_does_not_pass_the_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(epub_module, "MAX_UNCOMPRESSED_BYTES", 100_000)
    path = make_epub(tmp_path / "bomb.epub", {"a.xhtml": chapter("<p>" + "b " * 200_000 + "</p>")})
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("OEBPS/a.xhtml")
    # The central directory's "uncompressed size" of the chapter says 10 bytes.
    directory = data.rfind(b"PK\x01\x02", 0, len(data))
    while directory != -1:
        name_length = int.from_bytes(data[directory + 28 : directory + 30], "little")
        if data[directory + 46 : directory + 46 + name_length] == info.filename.encode():
            data[directory + 24 : directory + 28] = (10).to_bytes(4, "little")
            break
        directory = data.rfind(b"PK\x01\x02", 0, directory)
    path.write_bytes(bytes(data))
    article = load_file(path)
    assert article.error is not None and article.blocks == ()
    assert article.error.startswith(("EPUB too large to read", "EPUB archive is damaged"))


def test_the_importer_is_registered_for_epub_as_bytes():
    importer = for_path("Book.EPUB")
    assert importer.format == "epub" and importer.binary
    with pytest.raises(Unreadable):
        importer.parser(b"not a zip", source="x.epub", warnings=(), fallback_title="x")


# -- random input ---------------------------------------------------------------------------

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def valid_book_bytes() -> bytes:
    data = io.BytesIO()
    nav = nav_document('<li><a href="one.xhtml">Chapter One</a></li>')
    with zipfile.ZipFile(
        data, "w", zipfile.ZIP_STORED
    ) as archive:  # stored: mutations reach the XML
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr("META-INF/container.xml", CONTAINER.format(opf="content.opf"))
        archive.writestr(
            "content.opf",
            '<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Fuzz</dc:title></metadata>'
            f'<manifest><item id="nav" href="nav.xhtml" media-type="{XHTML}" properties="nav"/>'
            f'<item id="c1" href="one.xhtml" media-type="{XHTML}"/></manifest>'
            '<spine><itemref idref="c1"/></spine></package>',
        )
        archive.writestr("nav.xhtml", nav)
        archive.writestr(
            "one.xhtml",
            chapter("<h1>Chapter One</h1><p>Some <b>bold</b> text.</p><ol><li>x</li></ol>"),
        )
    return data.getvalue()


VALID = valid_book_bytes()


def parse_or_refuse(data: bytes):
    """The importer's answer: an article, or its clean refusal (``Unreadable``)."""
    try:
        article = epub_module.parse_epub(data, source="fuzz.epub", fallback_title="fuzz")
    except Unreadable as exc:
        assert str(exc) and "\n" not in str(exc)
        return None
    check_article(article)
    return article


def test_the_valid_fuzz_seed_reads():
    article = parse_or_refuse(VALID)
    assert article is not None and article.title == "Fuzz"
    assert [h.text for h in contents(article)] == ["Chapter One"]


@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes_are_refused_cleanly(data):
    parse_or_refuse(data)
    parse_or_refuse(b"PK\x03\x04" + data)


@FUZZ
@given(
    st.lists(
        st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), min_size=1, max_size=12
    ),
    st.integers(0, len(VALID)),
)
def test_mutated_books_read_or_are_refused_cleanly(changes, cut):
    data = bytearray(VALID)
    for position, value in changes:
        data[position] = value
    parse_or_refuse(bytes(data))
    parse_or_refuse(bytes(data[:cut]))


@FUZZ
@given(st.text(max_size=300))
def test_any_chapter_text_reads_or_is_refused_cleanly(markup):
    data = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(VALID)) as source, zipfile.ZipFile(data, "w") as target:
        for info in source.infolist():
            payload = source.read(info)
            if info.filename == "one.xhtml":
                payload = chapter(markup).encode("utf-8", "surrogatepass")
            target.writestr(info, payload)
    parse_or_refuse(data.getvalue())


# -- the command line and the app -------------------------------------------------------------


def long_book(path: Path) -> Path:
    chapters = {}
    items = []
    for number in range(1, 41):
        paragraphs = "".join(
            f"<p>Paragraph {k} of chapter {number}: the tide came in and went out.</p>"
            for k in range(30)
        )
        late = "<p>The lighthouse keeper found a zanzibarite stone.</p>" if number == 38 else ""
        chapters[f"c{number}.xhtml"] = chapter(f"<h1>Chapter {number}</h1>{paragraphs}{late}")
        items.append(f'<li><a href="c{number}.xhtml">Chapter {number}</a></li>')
    return make_epub(path, chapters, nav=nav_document("".join(items)))


def test_search_finds_a_word_from_a_late_chapter(tmp_path, capsys):
    folder = tmp_path / "books"
    folder.mkdir()
    long_book(folder / "tides.epub")
    assert main(["add", str(folder)]) == 0
    capsys.readouterr()
    assert main(["search", "zanzibarite", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["title"] == "The Quiet Harbour"
    assert "zanzibarite" in row["snippet"].lower()


async def test_the_app_opens_a_book_with_its_title_first_chapter_and_contents(tmp_path):
    from textual.widgets import OptionList

    from reader.ui.app import LimelightApp
    from reader.ui.article_view import ArticleView
    from reader.ui.contents import ContentsScreen
    from tests.helpers import screen_text, settle, wait_until

    path = long_book(tmp_path / "tides.epub")
    app = LimelightApp(paths=[path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        await wait_until(pilot, lambda: view.article is not None and view.article.ok)
        screen = screen_text(app)
        assert "The Quiet Harbour" in screen
        assert "Chapter 1" in screen
        assert "Paragraph 0 of chapter 1" in screen
        await pilot.press("T")
        await wait_until(pilot, lambda: isinstance(app.screen, ContentsScreen))
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert prompts == [f"Chapter {number}" for number in range(1, 41)]
        await pilot.press("end", "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, ContentsScreen))
        block = view.reading_position()[0]
        assert view.article.blocks[block].text == "Chapter 40"
