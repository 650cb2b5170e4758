"""EPUB books: one article per book, read with :mod:`zipfile` and lxml.

``META-INF/container.xml`` names the package document (the OPF; without a
container the archive's one ``.opf`` file is used). Its metadata gives the
title, the authors (``dc:creator``; EPUB 3 ``role`` refinements and EPUB 2
``opf:role`` keep authors only, when any are marked), the language, the date
published (``dc:date``, the ``publication`` event when several) and the
publisher (the article's ``site``). The chapters are the spine's content
documents in spine order; items marked ``linear="no"`` (covers, pop-up notes,
answer keys) come after the rest, and a document with no text (a cover image)
gives nothing, nor does its table of contents entry unless entries nest under
it.

Each chapter's XHTML is walked (iteratively: a book may nest deep) into
blocks: headings with their levels, paragraphs, list items with their numbers
(``<ol start>``, ``<li value>``), block quotes, captions (``figcaption``,
``caption``), table rows (cells joined by " | "), ``pre`` kept as it is, and
bold, italic and struck-through text as :attr:`Block.styles`. Never text:
``head``, scripts, styles, ``nav`` (the contents come from the navigation
document instead), SVG and MathML, ruby readings, elements marked ``hidden``,
print page numbers (``epub:type="pagebreak"``).
An image's ``alt`` text is kept as a caption only when it describes (three
words or more, not a file name) and no ``figcaption`` says it already.

The table of contents comes from the EPUB 3 navigation document (the
manifest item with ``properties="nav"``, its ``epub:type="toc"`` list), else
the EPUB 2 NCX. Each entry becomes a heading where it points (a chapter, or an
anchor inside one), at its depth in the table (1 for the top entries): a
heading already there (or a block or two after) that says the same (letters
and digits compared, ignoring case; one within the other: "Chapter 1" and
"Chapter 1: Loomings") takes that level, otherwise the entry's label is put
in as a heading. The chapters' other headings are set
below the entry they fall under, so :func:`reader.library.contents.contents`
lists the book's table with the chapters' own sections nested in it.

A book that cannot be read raises :class:`~reader.library.importers.Unreadable`
with the reason the loader lists it with: not a zip archive or damaged, no
package document, DRM (``META-INF/encryption.xml`` naming a content document
or the package; font obfuscation is not DRM; or ``rights.xml``/``sinf.xml``
with no chapter readable as XML), a password-protected archive,
an empty spine, or more than :data:`MAX_UNCOMPRESSED_BYTES` to inflate (a zip
bomb). Only the package, the table of contents and the spine's documents are
ever inflated, each path resolved inside the archive (nothing is written or
read outside it); XML is parsed without network access, DTDs or entity
expansion (HTML's named entities are turned into character references first).

A book read again unchanged (listed, shown, analysed, indexed) is parsed
once: :func:`reader.library.loader.load_file` keeps the last long files read.
"""

from __future__ import annotations

import html.entities
import posixpath
import re
import zipfile
from collections.abc import Iterable
from io import BytesIO
from typing import NamedTuple
from urllib.parse import unquote

from .importers import Unreadable
from .inline import remap, tidy
from .model import (
    CAPTION,
    HEADING,
    HTML_STYLE_TAGS,
    ITEM,
    PARAGRAPH,
    QUOTE,
    Article,
    Block,
    StyleSpan,
)
from .sanitize import make_article

__all__ = ["MAX_UNCOMPRESSED_BYTES", "TocEntry", "parse_epub"]

#: The most a book may inflate to, all the documents read together. A text
#: book is a few MB (300,000 words are about 2 MB of XHTML); a zip bomb stops here.
MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024

_CONTAINER = "META-INF/container.xml"
_ENCRYPTION = "META-INF/encryption.xml"
_DRM_MARKERS = ("META-INF/rights.xml", "META-INF/sinf.xml", "META-INF/license.lcpl")
# Encryption algorithms that only hide fonts (IDPF and Adobe obfuscation).
_FONT_OBFUSCATION = ("http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC")

_OPS = "{http://www.idpf.org/2007/ops}"
_OPF = "{http://www.idpf.org/2007/opf}"
_DOCUMENT_TYPES = frozenset(
    ("application/xhtml+xml", "text/html", "application/html+xml", "text/xml", "application/xml")
)
_DRM_REASON = "EPUB is DRM-protected (encrypted content): cannot read it"

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Never text in a chapter.
_SKIP = frozenset(
    ("head", "script", "style", "nav", "svg", "math", "rt", "rp", "template", "object",
     "embed", "iframe", "audio", "video", "button", "select", "textarea", "noscript")
)  # fmt: skip
# Elements that end the text before them and start a block of their own.
_BLOCKS = frozenset(
    (*_HEADINGS, "p", "div", "li", "blockquote", "pre", "dt", "dd", "figcaption", "caption",
     "tr", "section", "article", "aside", "header", "footer", "main", "body", "ul", "ol", "dl",
     "figure", "table", "thead", "tbody", "tfoot", "hr", "address", "details", "summary",
     "center", "hgroup", "html")
)  # fmt: skip
_CELLS = frozenset(("td", "th"))

# HTML's named entities, which an XHTML chapter may use without a DTD.
_NAMED_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{0,31});")
_XML_ENTITIES = frozenset((b"amp", b"lt", b"gt", b"quot", b"apos"))
_FILE_NAME = re.compile(r"\.(?:jpe?g|png|gif|svg|webp|bmp|tiff?)\b", re.IGNORECASE)


class TocEntry(NamedTuple):
    label: str
    depth: int  # 1 for the table's top entries
    path: str  # inside the archive ("" when the entry points nowhere)
    fragment: str


class _Spaces:
    """``remap``'s table for squashing white space: every space character is a space."""

    @staticmethod
    def get(code: int, default: str) -> str:
        return " " if chr(code).isspace() else default


def _squash(text: str) -> str:
    return " ".join(text.split())


def _key(text: str) -> str:
    """Text as a heading is compared with a table entry: letters and digits, folded."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _page_number(element) -> bool:
    """A print edition's page number marker (``epub:type="pagebreak"``)."""
    marks = element.get(f"{_OPS}type") or element.get("role")
    return bool(marks) and "pagebreak" in marks


def _local(tag) -> str:
    """An element's tag without its namespace ("" for comments and the like)."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2].lower()


# --- the archive --------------------------------------------------------------------


class _Archive:
    """The zip, read member by member within the inflation budget."""

    def __init__(self, data: bytes) -> None:
        try:
            self.zip = zipfile.ZipFile(BytesIO(data))
            infos = self.zip.infolist()
        except Exception:  # BadZipFile, and struct.error, ValueError... for a mangled one
            raise Unreadable("not an EPUB: the file is not a zip archive or is damaged") from None
        self.names: dict[str, zipfile.ZipInfo] = {}
        self.folded: dict[str, str] = {}
        for info in infos:
            name = info.filename.replace("\\", "/").lstrip("/")
            self.names.setdefault(name, info)
            self.folded.setdefault(name.casefold(), name)
        self.budget = MAX_UNCOMPRESSED_BYTES

    def find(self, path: str) -> str | None:
        """The member ``path`` names (exactly, else ignoring case), or None."""
        if path in self.names:
            return path
        return self.folded.get(path.casefold())

    def read(self, path: str) -> bytes:
        name = self.find(path)
        if name is None:
            raise KeyError(path)
        info = self.names[name]
        if info.flag_bits & 0x1:
            raise Unreadable("EPUB archive is password-protected: cannot read it")
        if info.file_size > self.budget:
            raise Unreadable(_too_large())
        try:
            with self.zip.open(info) as member:
                data = member.read(self.budget + 1)
        except NotImplementedError:
            raise Unreadable("EPUB uses a compression method that cannot be read") from None
        except RuntimeError:  # "File is encrypted, password required"
            raise Unreadable("EPUB archive is password-protected: cannot read it") from None
        except MemoryError:
            raise
        except Exception as exc:  # BadZipFile (a bad CRC), zlib.error, EOFError...
            detail = _squash(str(exc))[:60]
            raise Unreadable(
                f"EPUB archive is damaged ({name}: {detail or type(exc).__name__})"
            ) from None
        if len(data) > self.budget:
            raise Unreadable(_too_large())
        self.budget -= len(data)
        return data


def _too_large() -> str:
    from .loader import format_size

    return f"EPUB too large to read (over {format_size(MAX_UNCOMPRESSED_BYTES)} uncompressed)"


def _resolve(base: str, href: str) -> tuple[str, str]:
    """``(path, fragment)`` of ``href`` relative to the member ``base``, kept
    inside the archive ("" for a path that leaves it or is a URL)."""
    href = (href or "").strip()
    href, _, fragment = href.partition("#")
    if not href:
        return base, unquote(fragment)
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", href) or href.startswith("//"):
        return "", ""  # http:, mailto:, data:... nothing in the book
    path = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(href)))
    if path.startswith(("../", "/")) or path in ("..", "."):
        return "", ""
    return path, unquote(fragment)


# --- XML ------------------------------------------------------------------------------


def _parser():
    from lxml import etree

    return etree.XMLParser(
        recover=True,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
    )


def _entity(match: re.Match) -> bytes:
    name = match.group(1)
    if name in _XML_ENTITIES:
        return match.group()
    char = html.entities.html5.get(name.decode("ascii") + ";")
    if char is None:
        return b"&amp;" + name + b";"  # shown as written, not lost
    return b"".join(b"&#%d;" % ord(c) for c in char)


def _xml(data: bytes):
    """The root element of ``data``, or None when it holds no XML."""
    from lxml import etree

    if b"&" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = _NAMED_ENTITY.sub(_entity, data)
    try:
        return etree.fromstring(data, _parser())
    except MemoryError:
        raise
    except Exception:  # XMLSyntaxError, or ValueError for what is not XML at all
        return None


# --- the package ----------------------------------------------------------------------


class _Item(NamedTuple):
    path: str
    media_type: str
    properties: str


class _Package(NamedTuple):
    path: str
    title: str
    authors: list[str]
    language: str
    published: str
    publisher: str
    manifest: dict[str, _Item]
    spine: list[tuple[str, bool]]  # (manifest id, linear)
    ncx: str  # the spine's toc attribute (a manifest id)


def _package_path(archive: _Archive) -> str:
    if archive.find(_CONTAINER) is not None:
        root = _xml(archive.read(_CONTAINER))
        if root is not None:
            for element in root.iter():
                if _local(element.tag) == "rootfile":
                    full = (element.get("full-path") or "").strip()
                    media = (element.get("media-type") or "").strip()
                    if full and media in ("", "application/oebps-package+xml"):
                        path, _ = _resolve("", full)
                        if not path or archive.find(path) is None:
                            raise Unreadable(
                                f"EPUB package document {full[:80]} is missing from the archive"
                            )
                        return archive.find(path) or path
    packages = sorted(
        (name for name in archive.names if name.lower().endswith(".opf")),
        key=lambda name: (name.count("/"), name),
    )
    if not packages:
        raise Unreadable("not an EPUB: no package document (META-INF/container.xml, .opf)")
    return packages[0]


def _text(element) -> str:
    return _squash("".join(element.itertext()))


def _join_names(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _package(archive: _Archive, path: str) -> _Package:
    root = _xml(archive.read(path))
    if root is None or _local(root.tag) != "package":
        raise Unreadable(f"EPUB package document {path[:80]} cannot be read")
    titles: list[tuple[str, str]] = []  # (id, text)
    creators: list[tuple[str, str, str]] = []  # (id, text, EPUB 2 role)
    dates: list[tuple[str, str]] = []  # (event, text)
    refines: dict[tuple[str, str], str] = {}  # (id, property) -> value
    language = publisher = ""
    manifest: dict[str, _Item] = {}
    spine: list[tuple[str, bool]] = []
    ncx = ""
    for element in root.iter():
        tag = _local(element.tag)
        if tag == "title" and _in(element, "metadata"):
            titles.append((element.get("id", ""), _text(element)))
        elif tag == "creator":
            role = element.get(f"{_OPF}role") or element.get("role") or ""
            creators.append((element.get("id", ""), _text(element), role))
        elif tag == "language" and not language:
            language = _text(element)
        elif tag == "date":
            event = element.get(f"{_OPF}event") or element.get("event") or ""
            dates.append((event.lower(), _text(element)))
        elif tag == "publisher" and not publisher:
            publisher = _text(element)
        elif tag == "meta" and element.get("refines") and element.get("property"):
            target = element.get("refines", "").lstrip("#")
            refines.setdefault((target, element.get("property", "")), _text(element))
        elif tag == "item":
            item_id, href = element.get("id"), element.get("href")
            if item_id and href and item_id not in manifest:
                item_path, _ = _resolve(path, href)
                manifest[item_id] = _Item(
                    item_path,
                    (element.get("media-type") or "").strip().lower(),
                    element.get("properties") or "",
                )
        elif tag == "spine":
            ncx = element.get("toc") or ""
        elif tag == "itemref" and element.get("idref"):
            linear = (element.get("linear") or "yes").strip().lower() != "no"
            spine.append((element.get("idref", ""), linear))
    title = ""
    for title_id, text in titles:
        if text and refines.get((title_id, "title-type")) == "main":
            title = text
            break
    if not title:
        title = next((text for _, text in titles if text), "")
    authors = [
        text
        for creator_id, text, role in creators
        if text and (role or refines.get((creator_id, "role"), "aut")) == "aut"
    ] or [text for _, text, _ in creators if text]
    published = next((text for event, text in dates if text and event == "publication"), "")
    published = published or next((text for event, text in dates if text and not event), "")
    published = published or next((text for _, text in dates if text), "")
    return _Package(
        path,
        title,
        list(dict.fromkeys(authors)),
        language,
        published,
        publisher,
        manifest,
        spine,
        ncx,
    )


def _in(element, name: str) -> bool:
    parent = element.getparent()
    return parent is not None and _local(parent.tag) == name


def _check_drm(archive: _Archive, protected: set[str]) -> None:
    """Raise for a book whose content documents (``protected``) are encrypted."""
    if archive.find(_ENCRYPTION) is None:
        return
    root = _xml(archive.read(_ENCRYPTION))
    if root is None:
        return
    folded = {path.casefold() for path in protected}
    for data in root.iter():
        if _local(data.tag) != "encrypteddata":
            continue
        algorithm = ""
        uris = []
        for child in data.iter():
            tag = _local(child.tag)
            if tag == "encryptionmethod":
                algorithm = child.get("Algorithm") or ""
            elif tag == "cipherreference":
                uris.append(child.get("URI") or "")
        if algorithm in _FONT_OBFUSCATION:
            continue
        for uri in uris:
            path, _ = _resolve("", uri)
            if path.casefold() in folded:
                raise Unreadable(_DRM_REASON)


def _drm_marked(archive: _Archive) -> bool:
    return any(archive.find(marker) is not None for marker in _DRM_MARKERS)


# --- the table of contents ------------------------------------------------------------


def _nav_toc(root, base: str) -> list[TocEntry]:
    navs = [element for element in root.iter() if _local(element.tag) == "nav"]
    if not navs:
        return []

    def kind(nav) -> str:
        return f"{nav.get(f'{_OPS}type') or ''} {nav.get('role') or ''}"

    nav = next((nav for nav in navs if "toc" in kind(nav).split()), None)
    if nav is None:
        nav = next((nav for nav in navs if "doc-toc" in kind(nav).split()), navs[0])
    top = next((child for child in nav.iter() if _local(child.tag) in ("ol", "ul")), None)
    if top is None:
        return []
    entries: list[TocEntry] = []
    # Depth first, in document order: each item, then the list nested in it.
    pending = [(item, 1) for item in top if _local(item.tag) == "li"]
    pending.reverse()
    while pending:
        item, depth = pending.pop()
        label, href, sublist = "", None, None
        for child in item:
            tag = _local(child.tag)
            if tag in ("a", "span") and not label:
                label = _text(child)
                href = child.get("href") if tag == "a" else None
            elif tag in ("ol", "ul") and sublist is None:
                sublist = child
        if label:
            path, fragment = _resolve(base, href) if href else ("", "")
            entries.append(TocEntry(label, depth, path, fragment))
        if sublist is not None:
            children = [(child, depth + 1) for child in sublist if _local(child.tag) == "li"]
            pending.extend(reversed(children))
    return entries


def _ncx_toc(root, base: str) -> list[TocEntry]:
    nav_map = next((element for element in root.iter() if _local(element.tag) == "navmap"), None)
    if nav_map is None:
        return []
    entries: list[TocEntry] = []
    pending = [(point, 1) for point in nav_map if _local(point.tag) == "navpoint"]
    pending.reverse()
    while pending:
        point, depth = pending.pop()
        label, src = "", ""
        children = []
        for child in point:
            tag = _local(child.tag)
            if tag == "navlabel" and not label:
                label = _text(child)
            elif tag == "content" and not src:
                src = child.get("src") or ""
            elif tag == "navpoint":
                children.append((child, depth + 1))
        if label:
            path, fragment = _resolve(base, src) if src else ("", "")
            entries.append(TocEntry(label, depth, path, fragment))
        pending.extend(reversed(children))
    return entries


def _table_of_contents(archive: _Archive, package: _Package) -> list[TocEntry]:
    """The book's table of contents: the navigation document's, else the NCX's."""
    nav = next(
        (item for item in package.manifest.values() if "nav" in item.properties.split()), None
    )
    candidates = []
    if nav is not None and nav.path:
        candidates.append((nav.path, _nav_toc))
    ncx = package.manifest.get(package.ncx)
    if ncx is None:
        ncx = next(
            (
                item
                for item in package.manifest.values()
                if item.media_type == "application/x-dtbncx+xml"
            ),
            None,
        )
    if ncx is not None and ncx.path:
        candidates.append((ncx.path, _ncx_toc))
    for path, read in candidates:
        name = archive.find(path)
        if name is None:
            continue
        root = _xml(archive.read(name))
        if root is None:
            continue
        entries = read(root, name)
        if entries:
            return entries
    return []


# --- chapters -------------------------------------------------------------------------


class _Context:
    """A block-level element being walked: what its text becomes."""

    __slots__ = (
        "kind",
        "level",
        "quote",
        "pre",
        "list_depth",
        "next_number",
        "item",
        "number",
        "emitted",
    )

    def __init__(
        self, kind: str, level: int = 0, quote: bool = False, pre: bool = False, list_depth: int = 0
    ) -> None:
        self.kind = kind
        self.level = level
        self.quote = quote
        self.pre = pre
        self.list_depth = list_depth  # how many lists it is in
        self.next_number = 0  # an <ol>'s next item number (0 for other elements)
        self.item: _Context | None = None  # the <li> whose text this is
        self.number = 0  # an <li>'s number (0 in a bullet list)
        self.emitted = False  # an <li>: its first block is out (the rest continue it)


class _Chapter:
    """One content document's blocks, and where its anchors are among them."""

    def __init__(self, wanted: Iterable[str] = ()) -> None:
        self.blocks: list[Block] = []
        self.code: set[int] = set()
        self.anchors: dict[str, int] = {}
        self.wanted = frozenset(wanted)
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[StyleSpan] = []
        self.inked = False  # whether the text gathered so far has more than white space
        # One per open inline element: [start, style] of a styled one, else None.
        self.open: list[list | None] = []

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)
            self.length += len(text)
            if not self.inked and not text.isspace():
                self.inked = True

    def flush(self, context: _Context) -> None:
        """The text gathered so far as a block of ``context``'s kind."""
        for opened in self.open:  # a style open across a block: its part so far, then on
            if opened is not None:
                if self.length > opened[0]:
                    self.spans.append((opened[0], self.length, opened[1]))
                opened[0] = 0
        if not self.parts:
            self.spans = []
            return
        raw = "".join(self.parts)
        spans = tuple(self.spans)
        self.parts, self.length, self.spans, self.inked = [], 0, [], False
        if context.pre:
            lead = len(raw) - len(raw.lstrip("\n"))
            text = raw.strip("\n").rstrip()
            if not text.strip():
                return
            if spans:
                spans = tidy(((a - lead, b - lead, style) for a, b, style in spans), len(text))
            self.code.add(len(self.blocks))
        else:
            text = " ".join(raw.split())
            if not text:
                return
            if spans:
                spans = remap(raw, text, spans, _Spaces) if text != raw else tidy(spans, len(text))
        kind, level, number = context.kind, context.level, 0
        if kind == ITEM:
            item = context.item
            if item is None or not item.emitted:
                number = item.number if item is not None else 0
                if item is not None:
                    item.emitted = True
            else:  # an item's later paragraphs
                kind, level = (QUOTE if context.quote else PARAGRAPH), 0
        elif kind != HEADING:
            level = 0
        self.blocks.append(Block(kind, text, level, spans, number))

    def walk(self, root) -> None:
        from lxml import etree

        body = next((child for child in root if _local(child.tag) == "body"), root)
        stack = [_Context(PARAGRAPH)]
        styles = self.open
        walker = etree.iterwalk(body, events=("start", "end"))
        skipped = None  # the element whose subtree is skipped
        wanted = self.wanted
        for event, element in walker:
            tag = _local(element.tag)
            if event == "start":
                if wanted:
                    element_id = element.get("id")
                    if element_id in wanted and element_id not in self.anchors:
                        # A block starts here; an inline anchor is in the block being made.
                        if tag in _BLOCKS:
                            self.flush(stack[-1])
                        self.anchors[element_id] = len(self.blocks)
                if tag in _SKIP or element.get("hidden") is not None or _page_number(element):
                    walker.skip_subtree()
                    skipped = element
                elif tag == "img":
                    self.image(element, stack[-1])
                elif tag in _BLOCKS:
                    self.flush(stack[-1])
                    stack.append(self.context(tag, element, stack[-1]))
                    self.add(element.text)
                else:
                    if tag in _CELLS and self.inked:
                        self.add(" | ")
                    elif tag == "br":
                        self.add("\n" if stack[-1].pre else " ")
                    style = HTML_STYLE_TAGS.get(tag)
                    styles.append([self.length, style] if style else None)
                    self.add(element.text)
                continue
            if element is skipped:
                skipped = None
            elif tag == "img":
                pass
            elif tag in _BLOCKS:
                self.flush(stack[-1])
                if len(stack) > 1:
                    stack.pop()
            else:
                opened = styles.pop() if styles else None
                if opened is not None and self.length > opened[0]:
                    self.spans.append((opened[0], self.length, opened[1]))
            if element is not body:
                self.add(element.tail)
        self.flush(stack[-1])

    def context(self, tag: str, element, parent: _Context) -> _Context:
        quote, depth = parent.quote, parent.list_depth
        if tag in _HEADINGS:
            return _Context(HEADING, _HEADINGS[tag], quote, False, depth)
        if tag == "li":
            item = _Context(ITEM, max(1, depth), quote, False, depth)
            item.item = item
            if parent.next_number:
                value = (element.get("value") or "").strip()
                number = int(value) if value.isdigit() and len(value) < 10 else parent.next_number
                item.number = number
                parent.next_number = number + 1
            return item
        if tag in ("ul", "ol"):
            context = _Context(QUOTE if quote else PARAGRAPH, 0, quote, False, depth + 1)
            if tag == "ol":
                start = (element.get("start") or "").strip()
                context.next_number = int(start) if start.isdigit() and len(start) < 10 else 1
            return context
        if tag == "blockquote":
            return _Context(QUOTE, 0, True, parent.pre, depth)
        if tag in ("figcaption", "caption"):
            return _Context(CAPTION, 0, quote, False, depth)
        if tag == "pre":
            return _Context(QUOTE if quote else PARAGRAPH, 0, quote, True, depth)
        # p, div, section, tr...: the parent's kind (an item's paragraphs are the item).
        context = _Context(parent.kind, parent.level, quote, parent.pre, depth)
        context.item = parent.item
        return context

    def image(self, element, context: _Context) -> None:
        """An image's ``alt`` as a caption, when it describes (see the module docstring)."""
        alt = _squash(element.get("alt") or "")
        if len(alt.split()) < 3 or _FILE_NAME.search(alt):
            return
        for ancestor in element.iterancestors():
            if _local(ancestor.tag) == "figure":
                if any(_local(e.tag) == "figcaption" for e in ancestor.iter()):
                    return
                break
        self.flush(context)
        self.blocks.append(Block(CAPTION, alt))


# --- the book -------------------------------------------------------------------------


def _chapter_order(package: _Package) -> list[_Item]:
    """The spine's content documents, the linear ones first, each once."""
    linear, extra = [], []
    seen: set[str] = set()
    for idref, is_linear in package.spine:
        item = package.manifest.get(idref)
        if item is None or not item.path or item.path in seen:
            continue
        if item.media_type and item.media_type not in _DOCUMENT_TYPES:
            continue  # an image or other resource in the spine
        seen.add(item.path)
        (linear if is_linear else extra).append(item)
    return linear + extra


def _place_toc(
    chapters: list[tuple[str, _Chapter]], toc: list[TocEntry]
) -> tuple[list[Block], set[int]]:
    """Every chapter's blocks in order, the table's entries made their headings."""
    index = {path.casefold(): number for number, (path, _) in enumerate(chapters)}
    # The entries by chapter, in the table's order: (position, depth, label, has entries below).
    placed: dict[int, list[tuple[int, int, str, bool]]] = {}
    for position, entry in enumerate(toc):
        path, fragment = entry.path, entry.fragment
        below = position + 1 < len(toc) and toc[position + 1].depth > entry.depth
        if not path:
            # A heading that points nowhere ("Part One" over its chapters)
            # stands where the first entry below it points.
            for later in toc[position + 1 :]:
                if later.depth <= entry.depth:
                    break
                if later.path:
                    path, fragment = later.path, later.fragment
                    break
        number = index.get(path.casefold())
        if number is None:
            continue
        at = chapters[number][1].anchors.get(fragment, 0) if fragment else 0
        placed.setdefault(number, []).append((at, entry.depth, entry.label, below))
    blocks: list[Block] = []
    code: set[int] = set()
    for number, (_, chapter) in enumerate(chapters):
        entries = sorted(placed.get(number, ()), key=lambda entry: entry[0])
        own = chapter.blocks
        if not own:
            # A cover or an image page: nothing, not even its entry, unless
            # the entry heads others ("Part One" on a picture page).
            entries = [entry for entry in entries if entry[3]]
            if not entries:
                continue
        inserted: dict[int, list[Block]] = {}  # position in own -> headings put in before it
        toc_level: dict[int, int] = {}  # own heading -> the depth of the entry it is
        floor = 0
        for at, depth, label, _ in entries:
            at = min(max(at, floor), len(own))
            match = _matching_heading(own, at, label, toc_level)
            if match is not None:
                toc_level[match] = depth
                floor = match + 1
            else:
                inserted.setdefault(at, []).append(Block(HEADING, label, min(6, depth)))
                floor = at
        under = 0  # the depth of the entry the chapter is under so far (0: none)
        for position in range(len(own) + 1):
            for heading in inserted.get(position, ()):
                blocks.append(heading)
                under = heading.level
            if position == len(own):
                break
            block = own[position]
            if position in toc_level:
                under = toc_level[position]
                if block.level != under:
                    block = Block(HEADING, block.text, min(6, under), block.styles)
            elif block.kind == HEADING and under and block.level <= under:
                # The chapter's own sections go below the entry they are in.
                block = Block(HEADING, block.text, min(6, under + 1), block.styles)
            if position in chapter.code:
                code.add(len(blocks))
            blocks.append(block)
    return blocks, code


def _matching_heading(own: list[Block], at: int, label: str, taken: dict[int, int]) -> int | None:
    """The heading at ``at``, or just after (past an epigraph or a chapter
    number), that says what ``label`` says, or None."""
    key = _key(label)
    for position in range(at, min(at + 3, len(own))):
        block = own[position]
        if block.kind != HEADING or position in taken:
            continue
        heading = _key(block.text)
        if heading and key and (heading in key or key in heading):
            return position
    return None


def parse_epub(
    data: bytes,
    source: str = "",
    *,
    warnings: Iterable[str] = (),
    fallback_title: str = "",
) -> Article:
    """The book in ``data`` (an EPUB's bytes) as one article; see the module docstring.

    Raises :class:`~reader.library.importers.Unreadable` for a book that cannot
    be read. (A book read again unchanged is not parsed again: the loader
    keeps the last long files read, whatever their format.)
    """
    warnings = tuple(warnings)
    archive = _Archive(data)
    package = _package(archive, _package_path(archive))
    order = _chapter_order(package)
    if not order:
        raise Unreadable("EPUB has no chapters (its spine is empty)")
    _check_drm(archive, {item.path for item in order} | {package.path})
    toc = _table_of_contents(archive, package)
    wanted: dict[str, set[str]] = {}  # the anchors the table points at, by chapter
    for entry in toc:
        if entry.fragment:
            wanted.setdefault(entry.path.casefold(), set()).add(entry.fragment)
    chapters: list[tuple[str, _Chapter]] = []
    missing = unreadable = 0
    for item in order:
        name = archive.find(item.path)
        if name is None:
            missing += 1
            continue
        root = _xml(archive.read(name))
        if root is None:
            unreadable += 1
            continue
        chapter = _Chapter(wanted.get(item.path.casefold(), ()))
        chapter.walk(root)
        chapters.append((item.path, chapter))
    if not chapters and unreadable and _drm_marked(archive):
        raise Unreadable(_DRM_REASON)
    if not chapters:
        raise Unreadable(
            "EPUB chapters are missing from the archive"
            if missing
            else "EPUB chapters cannot be read"
        )
    blocks, code = _place_toc(chapters, toc)
    if not blocks:
        raise Unreadable(f"EPUB has no readable text ({len(chapters)} chapters, none with text)")
    notes = list(warnings)
    if missing:
        notes.append(f"{missing} chapter{'s' if missing > 1 else ''} missing from the book")
    if unreadable:
        notes.append(f"{unreadable} chapter{'s' if unreadable > 1 else ''} could not be read")
    article = make_article(
        package.title,
        blocks,
        source=source,
        fmt="epub",
        warnings=tuple(notes),
        fallback_title=fallback_title,
        preformatted=frozenset(code),
    )
    from dataclasses import replace

    from .sanitize import clean_inline

    return replace(
        article,
        author=clean_inline(_join_names(package.authors)),
        published=clean_inline(package.published),
        site=clean_inline(package.publisher),
        language=clean_inline(package.language),
    )
